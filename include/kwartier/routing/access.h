// Access and egress: how long it takes to walk (or cycle) from a coordinate to the stops around it, from the
// stops to a coordinate, and directly from one coordinate to another. One API for both kinds of network
// (network::network::access_model()):
//
// - streets (built with OSM): coordinate -> its snapped point on the nearest street usable by the mode ->
//   street search -> the stop's link point -> the stop. The two straight pieces (coordinate to street, street
//   to stop) are walked at the network's walking speed, as in the stored footpaths; the street part runs in
//   the mode. A stop linked to a street the mode may not use (a footway, for bikes) is reached by riding to
//   the end of that street and walking the rest of it. Stops that are not linked to a street are not reached.
// - straight line (built from GTFS alone): great-circle distance x the network's detour factor at the mode's
//   speed (network::straight_line_params), every stop within the budget.
//
//   routing::query_state qs;                                        // one per thread
//   std::vector<routing::stop_offset> acc, egr;
//   routing::access_options o{street::mode::walk, 900};
//   KW_TRY_VOID(routing::access(net, from, o, qs, acc));            // origin -> stops (sorted by stop)
//   KW_TRY_VOID(routing::egress(net, to, o, qs, egr));              // stops -> destination
//   KW_TRY(auto walk, routing::direct(net, from, to, o, qs));       // kUnreachable beyond the budget
//
// Times are whole seconds (routing/types.h); a stop_offset's seconds are <= max_seconds. The same rounding as
// every street time: the decisecond total of the three pieces, rounded once (street::ds_to_seconds).
//
// Thread rules: the network is shared read-only; each thread brings its own query_state. `out` vectors are
// the caller's (cleared, then filled; their capacity is reused across calls).
#pragma once

#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/street.h"
#include "kwartier/routing/types.h"
#include "kwartier/street/graph.h"

namespace kwartier::routing {

// The options of access, egress and direct: those of every street query (mode, budget for the whole walk or
// ride, max_snap_m, step-free; routing/street.h).
using access_options = street_query;

// Origin -> stops: every stop reachable from `from` within the budget, with its seconds, sorted by stop.
// Errors: invalid_argument (mode, budget <= 0, negative max_snap_m), out_of_range (coordinate), too_far
// (streets: no street of the mode within max_snap_m), unsupported (the network has no timetable; step-free
// on a file without accessibility flags). Straight-line networks have no accessibility data: step_free
// changes nothing there.
status access(network::network const& net, geo::latlng from, access_options const& o, query_state& qs,
              std::vector<stop_offset>& out);

// Stops -> destination: every stop from which `to` is reachable within the budget, with its seconds, sorted
// by stop. Errors as access.
status egress(network::network const& net, geo::latlng to, access_options const& o, query_state& qs,
              std::vector<stop_offset>& out);

// Coordinate -> coordinate without transit: seconds, or kUnreachable when more than the budget. Errors as
// access (field "from" or "to" names the end that is out of range or too far from a street), except that a
// network without a timetable is fine.
result<seconds_t> direct(network::network const& net, geo::latlng from, geo::latlng to, access_options const& o,
                         query_state& qs);

}  // namespace kwartier::routing
