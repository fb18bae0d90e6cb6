// Fuzzes the .kwn network loader (street graph, stop links, footpaths, embedded timetable) and runs small
// queries on whatever it accepts: a file that opens must be safe to query.
#include <cstdint>
#include <string_view>

#include "kwartier/network/network.h"
#include "kwartier/routing/street.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  for (bool verify : {true, false}) {
    auto n = kwartier::network::network::from_bytes(bytes, {.verify_checksum = verify});
    if (!n) continue;
    auto const& g = n->graph();
    std::size_t total = 0;
    for (std::uint32_t s = 0; s < n->n_stops(); ++s) total += n->footpaths(kwartier::transit::stop_idx_t{s}).size();
    (void)total;
    if (g.n_nodes() == 0) continue;
    kwartier::routing::query_state qs;
    for (auto m : {kwartier::street::mode::walk, kwartier::street::mode::bike}) {
      auto const p = g.node_pos_[g.n_nodes() / 2];
      auto t = kwartier::routing::street_from(*n, p, {m, 600, 500.0}, qs);
      (void)t;
      kwartier::geo::latlng const targets[] = {g.node_pos_[0], {p.lat + 0.001, p.lon}};
      auto places = kwartier::routing::snap(*n, targets, m, 500.0);
      if (places) (void)kwartier::routing::street_to(*n, p, *places, {m, 600, 500.0}, qs);
    }
  }
  return 0;
}
