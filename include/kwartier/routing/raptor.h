// RAPTOR (Delling, Pajor, Werneck 2012) over the network's timetable and stored footpaths: earliest arrival
// and the Pareto set on (arrival time, number of rides), forward (depart at) and backward (arrive by), to one
// target set or to every stop. Route-based layout (DESIGN.md §6): per RAPTOR route a [trip][stop] block of
// times, trips in FIFO order, so a round scans each route once, sequentially.
//
//   routing::query_state qs;                                   // one per thread, reused across queries
//   std::vector<routing::stop_offset> acc{{a, 0}}, egr{{b, 0}};
//   routing::raptor_query q{.day = day, .time = 8 * 3600, .sources = acc, .targets = egr};
//   KW_TRY(auto front, routing::raptor(net, q, qs));         // Pareto set, fewest rides first
//   routing::best_times(qs)                                   // one-to-all: per stop, best over all rounds
//
// Time: seconds (std::int32_t) since the reference of the query's service day `day` (days since 1970-01-01 in
// the timetable's zone; GTFS service time, "noon minus 12 h": transit/local_time.h). Trips of the previous
// service days (times >= 24:00) and of the following days are used: a trip of service day day+o runs at
// base(o) + its GTFS time, where base(o) is day+o's reference counted from day's (o x 86,400 s, one hour
// less or more across a clock change).
//
// Semantics (the oracle in tests/routing/raptor_oracle.h implements the same rules independently):
// - a journey starts with an access offset to a source stop, alternates rides and at most one footpath after
//   each ride, and ends with an egress offset from a target stop; round k holds the best times with at most k
//   rides (round 0: access only);
// - changing trips at the same stop takes the stop's self footpath (transfers.txt from = to) when the network
//   stores one, else raptor_options::min_change_seconds; staying on the trip takes nothing;
// - a footpath from stop p to stop q (q != p) after a ride takes its stored seconds; boarding at q needs no
//   further change time;
// - pickup_type / drop_off_type = 1 forbid boarding / alighting at that route stop;
// - trips and stops in the options' exclusion bitsets are never boarded, and excluded stops never alighted at;
// - with a realtime view, trip instances it cancels or replaces are never boarded on their service day, and
//   its copies (realtime times, skipped stops neither boarded nor alighted at) run on theirs.
//
// Thread rules: the network is shared read-only; a query_state belongs to one thread at a time and keeps the
// last network it ran on alive (a cheap handle copy) until it runs on another one or is destroyed. A query
// allocates nothing once the state has seen a network of that size.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>

#include "kwartier/core/result.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/types.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::network {
class network;
}
namespace kwartier::realtime {
class view;
}

namespace kwartier::routing {

constexpr std::int32_t kDay = 86400;
// "Not reached" (routing/street.h): forward searches use kUnreachable, backward ones -kUnreachable.

enum class direction : std::uint8_t { forward = 0, backward = 1 };

// stop_offset{stop, seconds}: routing/types.h (routing::access / egress produce them).

struct raptor_options {
  std::uint8_t max_transfers = 8;          // at most max_transfers + 1 rides
  std::int32_t min_change_seconds = 0;     // same-stop change without a transfers.txt self entry
  std::int32_t max_travel_seconds = kDay;  // nothing arriving later than time + this (earlier, backward)
  // One bit per trip_idx_t / stop_idx_t (bit i of word i / 64); empty = nothing excluded. Step-free queries
  // exclude wheelchair-inaccessible trips and stops; a realtime overlay excludes cancelled trips.
  std::span<std::uint64_t const> excluded_trips;
  std::span<std::uint64_t const> excluded_stops;
  // A realtime view of the same network (realtime/view.h), or nullptr: its cancelled and changed trip
  // instances are not boarded, its copies with realtime times are (the extra route set, scanned with the
  // static routes). The caller keeps the view alive during the query.
  realtime::view const* realtime = nullptr;
};

struct raptor_query {
  std::int32_t day = 0;   // service day (days since 1970-01-01)
  std::int32_t time = 0;  // forward: departure; backward: latest arrival (seconds since the start of `day`)
  direction dir = direction::forward;
  // Forward: access offsets (origin -> stop). Backward: egress offsets (stop -> destination).
  std::span<stop_offset const> sources;
  // Forward: egress offsets (stop -> destination). Backward: access offsets. Empty: one-to-all.
  std::span<stop_offset const> targets;
  raptor_options opt;
};

// One Pareto-optimal answer: with `rides` rides, reach the destination at `time` (forward) or leave the
// origin at `time` (backward), through target stop `stop` (its offset included). rides = 0: access and egress
// offsets through one stop, no ride.
struct pareto_entry {
  std::uint8_t rides = 0;
  std::int32_t time = kUnreachable;
  transit::stop_idx_t stop = transit::stop_idx_t::invalid();
};

// Runs RAPTOR. Returns the Pareto set on (time, rides), fewest rides first (empty when no target is reached or
// no targets were given); the labels stay in `qs` for reconstruct_journey (journey.h) and best_times.
// Errors: unsupported when the network has no timetable; invalid_argument for a stop index out of range,
// negative offsets, max_travel_seconds <= 0, exclusion bitsets of the wrong size or a realtime view of another
// network.
result<std::span<pareto_entry const>> raptor(network::network const& net, raptor_query const& q, query_state& qs);

// After raptor(): per stop, the best time over all rounds (arrival forward, departure backward; kUnreachable /
// -kUnreachable where not reached within max_travel_seconds). Valid until the next query on `qs`.
std::span<std::int32_t const> best_times(query_state& qs);
// After raptor(): per stop, the best time at which a ride arrives there (forward; departs, backward) over all
// rounds, or its access offset for a source -- the labels a target's egress offset is added to (a stop reached
// only by a footpath after the last ride is not there). For one-to-all searches whose callers add their own
// egress (access::score). Valid until the next query on `qs`.
std::span<std::int32_t const> best_arrival_times(query_state& qs);

// Access offsets of a stop-to-stop query: the stop at 0 s and every stop its footpaths reach (their
// seconds). Egress offsets: the stop at 0 s and every stop with a footpath into it.
std::vector<stop_offset> stop_access(network::network const& net, transit::stop_idx_t s);
std::vector<stop_offset> stop_egress(network::network const& net, transit::stop_idx_t s);

}  // namespace kwartier::routing
