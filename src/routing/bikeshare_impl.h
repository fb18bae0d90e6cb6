// Bike-share searches shared by route (journey.cc), isochrone and the public building blocks (internal).
// Times are deciseconds from the start of the pass (the origin's departure, or backwards from the
// destination's arrival for a reverse pass); kUnreached where not reached.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kwartier/bikeshare/system.h"
#include "kwartier/routing/bikeshare.h"
#include "kwartier/routing/journey.h"
#include "kwartier/street/query.h"

namespace kwartier::routing::detail {

struct bikeshare_pass {
  bool reverse = false;
  street::snap_result end;  // walk snap of the origin (forward) or the destination (reverse)
  // Per point of the system. Forward: first = a bike in hand at the point (walk + pick-up), second = the bike
  // docked at the point (drop-off included). Reverse: first = from docking at the point to the destination
  // (drop-off + walk), second = from taking a bike at the point to the destination (pick-up + ride + ...).
  std::vector<std::uint32_t> first, second;
  std::uint32_t walk_ds = 0, ride_ds = 0, pickup_ds = 0, dropoff_ds = 0;
  bool any_second = false;
  // The ride search keeps per street node the two best times from two different first points, so that a bike
  // is never taken and left at the same station: label[2v] and label[2v + 1] (times ascending).
  struct label {
    std::uint32_t t;
    std::uint32_t src;
  };
  struct entry {
    std::uint32_t t, node, src;
  };
  std::vector<label> labels;
  std::vector<std::uint32_t> touched;
  std::vector<entry> heap;
};

// One bike-share trip between the pass's end and a target: the points used and the times (deciseconds
// from the start, in travel order: at the pick-up point, docked at the drop-off station, at the far end).
struct bikeshare_trip {
  std::uint32_t pick = 0, drop = 0;  // indices into system::points()
  std::uint32_t at_pick = 0;         // forward order: reaching the pick-up point
  std::uint32_t docked = 0;          // the bike left at the drop-off station (pick-up, ride, drop-off done)
  std::uint32_t total = 0;           // at the far end
};

status check_bikeshare(network::network const& net, bikeshare::system const& sys, bikeshare_limits const& lim);

// Stages 1 and 2 from (forward) or to (reverse) coordinate p; then the last walk search (qs.street holds it).
status run_bikeshare_pass(network::network const& net, bikeshare::system const& sys, geo::latlng p,
                          bikeshare_limits const& lim, query_state& qs, bool reverse, bikeshare_pass& out);

// After run_bikeshare_pass: deciseconds to (forward) or from (reverse) a walk-snapped target, its connector
// included; kUnreached when not reached.
std::uint32_t bikeshare_time_at(network::network const& net, bikeshare::system const& sys, bikeshare_pass const& pass,
                                street::snap_result const& target, query_state& qs);

// Stops reached by the last walk of a pass (seconds), sorted by stop.
void bikeshare_stops(network::network const& net, bikeshare::system const& sys, bikeshare_pass const& pass,
                     query_state& qs, std::vector<stop_offset>& out);

// The trip of the best bike-share way between the pass's end and `target` (two more searches; the pass's
// vectors stay valid, qs.street does not). nullopt when the target is not reached.
std::optional<bikeshare_trip> bikeshare_best_trip(network::network const& net, bikeshare::system const& sys,
                                                  bikeshare_pass const& pass, street::snap_result const& target,
                                                  query_state& qs);

// Legs walk - bikeshare - walk of `trip`, the first leaving at `start` seconds, walks of `walk_kind`;
// `from` / `to` are the outer ends (origin, stop, destination). Stretches of 0 s are left out. The legs end
// at start + total rounded.
void append_bikeshare_legs(bikeshare::system const& sys, bikeshare_trip const& trip, seconds_t start,
                           leg_kind walk_kind, place const& from, place const& to, std::vector<leg>& out);

}  // namespace kwartier::routing::detail
