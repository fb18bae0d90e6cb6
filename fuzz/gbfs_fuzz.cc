// Fuzzes the GBFS reader: the input is a whole feed, its files separated by lines "### <name>" (gbfs,
// system_information, station_information, station_status, vehicle_status, free_bike_status); without any
// such line the bytes are every file at once. Errors or reported problems, never a crash; what is kept is
// in range.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/bikeshare/gbfs.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace kwartier::bikeshare;
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  std::vector<gbfs_file> files;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    auto const start = bytes.find("### ", pos);
    if (start == std::string_view::npos) break;
    auto const eol = bytes.find('\n', start);
    if (eol == std::string_view::npos) break;
    auto const next = bytes.find("\n### ", eol);
    auto const end = next == std::string_view::npos ? bytes.size() : next + 1;
    files.push_back(gbfs_file{std::string(bytes.substr(start + 4, eol - start - 4)),
                              std::string(bytes.substr(eol + 1, end - eol - 1)), ""});
    pos = end;
  }
  if (files.empty())
    for (auto const* n : {"system_information", "station_information", "station_status", "vehicle_status"})
      files.push_back(gbfs_file{n, std::string(bytes), ""});
  parse_options o;
  o.max_file_bytes = 1 << 20;
  auto f = parse_gbfs(files, o);
  if (f) {
    for (auto const& s : f->stations) {
      if (!kwartier::geo::valid(s.pos) || s.id.empty() || s.capacity < -1) __builtin_trap();
      if (s.has_status && (s.bikes_available < 0 || s.docks_available < -1)) __builtin_trap();
    }
    for (auto const& v : f->vehicles)
      if (!kwartier::geo::valid(v.pos)) __builtin_trap();
  }
  return 0;
}
