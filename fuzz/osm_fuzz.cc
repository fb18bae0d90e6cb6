// Fuzzes OSM reading (XML when the input starts with '<', PBF otherwise) and the graph build behind it.
#include <cstdint>
#include <string_view>

#include "kwartier/street/osm.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  kwartier::validation_report report;
  kwartier::street::osm_options opt;
  auto g = kwartier::street::build_graph({{}, bytes, {}}, opt, report);
  if (g) {
    auto const v = kwartier::street::view_of(*g);
    (void)v.n_edges();
  }
  return 0;
}
