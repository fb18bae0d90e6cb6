// Vocabulary shared by every routing query (street searches, access/egress, RAPTOR, isochrones, matrices).
#pragma once

#include <cstdint>
#include <limits>

#include "kwartier/transit/timetable.h"

namespace kwartier::routing {

// Seconds: the one public time unit of routing (durations, and times since the start of a service day).
using seconds_t = std::int32_t;
// "Not reached" (within a budget, or at all).
constexpr seconds_t kUnreachable = std::numeric_limits<std::int32_t>::max();

// A stop with the seconds it takes to get there from the origin (access) or from it to the destination
// (egress). routing::access / routing::egress produce them, RAPTOR takes them as sources and targets.
struct stop_offset {
  transit::stop_idx_t stop;
  seconds_t seconds = 0;
  friend bool operator==(stop_offset const&, stop_offset const&) = default;
};

}  // namespace kwartier::routing
