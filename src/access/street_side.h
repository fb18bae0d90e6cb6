// Internal: what the street modes of access::score share with its transit part.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kwartier/street/query.h"

namespace kwartier::access::detail {

// Everything the street modes need, per street mode (walk = 0, bike = 1).
struct street_side {
  street::mode m;
  // Origins: node origins keep node; point origins their snap (chain invalid: off the network) + connector.
  std::vector<street::snap_result> origin_snap;
  std::vector<std::uint32_t> origin_conn;
  // POIs of each category: reverse-search seeds, and per chain the snapped POIs on it (same-chain times).
  struct cat {
    std::vector<street::seed> seeds;
    std::unordered_map<std::uint32_t, std::vector<std::pair<street::snap_result, std::uint32_t>>> on_chain;
    std::size_t n = 0;
  };
  std::vector<cat> cats;
};

}  // namespace kwartier::access::detail
