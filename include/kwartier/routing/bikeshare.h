// Bike share in routing: walk to a point where a bike can be taken (a station with a bike available, or a
// free-floating bike), take it (bikeshare::options::pickup_seconds), ride on the bike graph to a station with
// a free dock, leave it (dropoff_seconds), walk on: to the destination, or to a stop to take transit (bike
// share as access), or the same from the last stop (egress). routing::route (route_request::bikeshare with
// `bikeshare` in the modes) and routing::isochrone use it; the functions below are the building blocks.
//
//   KW_TRY(auto sys, bikeshare::system::load(net, "gbfs/"));
//   routing::bikeshare_limits lim;                                      // 900 s walks, 3,600 s ride
//   KW_TRY(auto secs, routing::bikeshare_direct(net, *sys, from, to, lim, qs));   // kUnreachable: none
//   KW_TRY_VOID(routing::bikeshare_access(net, *sys, from, lim, qs, offsets));    // stops, as access()
//
// The search is three street searches in a row, each seeded from every point the one before reached: walk
// from the origin (to the pick-up points), ride from every pick-up point at the time a bike is in hand (to the
// drop-off stations), walk from every drop-off station at the time the bike is docked. So an empty station
// (no bike) is never a pick-up, a full station (no free dock) never a drop-off, and the best pair of
// stations is found without trying pairs. The ride search keeps per street node the two best times from two
// different pick-up points, so that no bike is taken and left at the same station. The two straight pieces between a station and its streets are
// walked, as for stops. Bike share's own legs (routing::leg_kind::bikeshare) name the stations
// (place::station_id, place::name) and include the pick-up and drop-off times.
//
// Limits: the walk at the coordinate's end (to the bike from the origin; from the dock to the destination,
// for egress) at most max_walk_seconds; the ride (pick-up and drop-off included) done within max_walk_seconds +
// max_ride_seconds of leaving; the whole trip within 2 x max_walk_seconds + max_ride_seconds.
//
// Errors: invalid_argument (a system bound to another network, budgets <= 0), and those of access() (bad
// coordinate, too_far, unsupported on a network without streets or, for access/egress, without GTFS).
//
// Thread rules: network and system are shared read-only; each thread brings its own query_state.
#pragma once

#include <vector>

#include "kwartier/bikeshare/system.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/types.h"

namespace kwartier::routing {

struct bikeshare_limits {
  seconds_t max_walk_seconds = 900;   // each walk: to the bike, from the dock
  seconds_t max_ride_seconds = 3600;  // pick-up + ride + drop-off
  double max_snap_m = network::kDefaultMaxSnapM;  // origin / destination / stops farther from a street: too_far
};

// Coordinate -> coordinate by bike share (walk, bike, walk): seconds, or kUnreachable within the limits.
result<seconds_t> bikeshare_direct(network::network const& net, bikeshare::system const& sys, geo::latlng from,
                                   geo::latlng to, bikeshare_limits const& lim, query_state& qs);

// Origin -> stops by bike share (walk, bike, walk), sorted by stop; for RAPTOR like access().
status bikeshare_access(network::network const& net, bikeshare::system const& sys, geo::latlng from,
                        bikeshare_limits const& lim, query_state& qs, std::vector<stop_offset>& out);

// Stops -> destination by bike share, sorted by stop; like egress().
status bikeshare_egress(network::network const& net, bikeshare::system const& sys, geo::latlng to,
                        bikeshare_limits const& lim, query_state& qs, std::vector<stop_offset>& out);

}  // namespace kwartier::routing
