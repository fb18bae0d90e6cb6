// Bucket-based many-to-many street times on a contraction hierarchy (internal; used by matrix.cc).
#pragma once

#include <functional>
#include <span>
#include <string_view>

#include "kwartier/network/network.h"
#include "kwartier/routing/street.h"
#include "kwartier/street/ch.h"

namespace kwartier::routing::detail {

// Door-to-door seconds from every snapped source to every snapped target (row-major into `out`, which holds
// kUnreachable on entry): the same values as one bounded street search per source read at the targets
// (street_to): min(via the graph, along a shared chain + the source's connector) + the target's connector,
// kUnreachable above budget_ds. Runs on `threads` threads; progress("matrix", fraction of sources done).
status ch_matrix(network::network const& net, street::ch_view const& ch, street::travel_profile prof,
                 places const& sources, places const& targets, std::uint32_t budget_ds, unsigned threads,
                 std::span<seconds_t> out, std::function<void(std::string_view, double)> const& progress);

}  // namespace kwartier::routing::detail
