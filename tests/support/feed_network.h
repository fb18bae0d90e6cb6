// Test fixture: a network built from hand-written texts, an OSM file and the files of one GTFS feed, for the
// drawn networks whose every time and price the test that draws them works out by hand
// (tests/realtime/line_network.h, tests/routing/cheapest_test.cc).
//
//   static network::network const n = test::feed_network("kw_mine", osm_xml,
//       {{"agency.txt", "..."}, {"stops.txt", "..."}, ...});
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"

namespace kwartier::test {

struct feed_file {
  std::string name;  // e.g. "stops.txt"
  std::string text;
};

// Writes `osm` and the feed's files under <temp>/<tag>_<pid>/, builds the network there, opens it and removes
// the folder again (the open network keeps its mapping). A fixture that cannot be built throws
// std::runtime_error with the build's error.
inline network::network feed_network(std::string const& tag, std::string_view osm,
                                     std::vector<feed_file> const& feed) {
  namespace fs = std::filesystem;
  auto const d = fs::temp_directory_path() / (tag + "_" + std::to_string(::getpid()));
  auto const f = d / "feed";
  fs::create_directories(f);
  auto write = [](fs::path const& p, std::string_view s) {
    std::ofstream{p, std::ios::binary} << s;
  };
  write(d / "streets.osm", osm);
  for (auto const& x : feed) write(f / x.name, x.text);
  auto s = network::build({{f, ""}}, d / "streets.osm", d / "network.kwn");
  if (!s) throw std::runtime_error(s.error().to_string());
  auto n = network::network::open(d / "network.kwn");
  if (!n) throw std::runtime_error(n.error().to_string());
  fs::remove_all(d);
  return std::move(*n);
}

}  // namespace kwartier::test
