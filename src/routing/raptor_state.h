// Internal: the RAPTOR query state (labels per round, parents, marks) and the per-network data derived once
// per state (reverse footpaths, route positions of each stop, same-stop change times). Shared by raptor.cc,
// range.cc and journey.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::routing {

// Label kinds (what set a time in the round where it was set).
enum label_kind : std::uint8_t { kAccess = 0, kRide = 1, kWalk = 2 };

// The ride that set a ride label: trip `trip` (position in route_trips(route)) of service day days[day] boarded
// at route position board_pos. The alighting position is where the label sits (found by the scan).
struct ride_parent {
  std::uint32_t route = 0;
  std::uint32_t trip = 0;
  std::uint16_t board_pos = 0;
  std::uint16_t alight_pos = 0;
  std::uint16_t day = 0;  // index into query_state::impl::days_
  std::uint16_t pad_ = 0;
};
static_assert(sizeof(ride_parent) == 16);

// The trips of one route that share a service pattern: group_trips_[begin, end) (positions in route_trips).
struct trip_group {
  std::uint32_t service;
  std::uint32_t begin, end;
};

// A service day the query may use: base seconds on the query's time axis and the bit of that day in the
// service bitsets (-1: outside the timetable's days).
struct day_info {
  std::int32_t base;
  std::int32_t bit;
};

struct raptor_state {
  // ---- binding to one network (kept alive while bound)
  network::network net_;
  transit::timetable_view const* tt_ = nullptr;
  std::size_t n_stops_ = 0;
  std::size_t n_routes_ = 0;
  std::int32_t max_time_ = 0;                 // largest stop time in the timetable
  std::optional<transit::time_zone> tz_;      // the timetable's zone (day bases across clock changes)
  // Step-free exclusion bitsets, built on first use: [0] unknown allowed, [1] unknown avoided.
  std::vector<std::uint64_t> step_free_trips_[2], step_free_stops_[2];
  std::vector<std::uint16_t> first_pos_;      // parallel to stop_routes_: first position of the stop in the route
  std::vector<std::uint16_t> last_pos_;       // ... and last position
  std::vector<std::uint32_t> route_groups_;   // n_routes + 1 into groups_
  std::vector<trip_group> groups_;
  std::vector<std::uint32_t> group_trips_;
  std::vector<std::int32_t> self_change_;     // per stop: self footpath seconds, -1 when none
  std::vector<std::uint32_t> in_fp_offsets_;  // incoming footpaths (for backward searches), CSR by `to`
  std::vector<network::footpath> in_fps_;     // .to holds the *from* stop

  // ---- labels: [round * n_stops + stop]; internal time x (forward: t, backward: -t), smaller is better
  std::size_t n_rounds_alloc_ = 0;
  std::vector<std::int32_t> t_;        // best arrival with <= k rides
  std::vector<std::int32_t> r_;        // best ready-to-board time with <= k rides
  std::vector<std::int32_t> ride_;     // best arrival by a ride (the last leg), with <= k rides
  std::vector<std::uint8_t> tk_;       // kind of t_ in the round where it was set
  std::vector<std::uint8_t> rk_;       // kind of r_ in the round where it was set
  std::vector<ride_parent> ride_par_;  // parent of ride_
  std::vector<std::uint32_t> walk_from_;  // stop whose ride label a walk label came from

  // ---- marks and scratch (reset only where touched)
  std::vector<std::uint32_t> touched_;
  std::vector<std::uint8_t> touched_flag_;
  std::vector<std::uint32_t> marked_, next_marked_;
  std::vector<std::uint8_t> mark_flag_;   // in next_marked_
  std::vector<std::uint8_t> board_flag_;  // in marked_ while its round scans (may board there)
  std::vector<std::uint32_t> ride_improved_;
  std::vector<std::uint8_t> ride_flag_;
  std::vector<std::uint32_t> route_queue_;
  std::vector<std::uint32_t> route_start_;  // per route: first (forward) / last (backward) marked position
  std::vector<std::int32_t> target_offset_;  // per stop: target offset seconds, -1 when not a target
  std::vector<std::uint32_t> targets_set_;
  std::size_t rounds_used_ = 0;              // rounds written by the last query (to reset)

  // ---- the current query
  direction dir_ = direction::forward;
  std::vector<day_info> days_;
  std::int32_t day0_ = 0;                 // service day of days_[0]
  realtime::view const* rt_ = nullptr;    // the query's realtime view, or nullptr
  // Per day index: the view's exclusion bitset for that day (nullptr: nothing excluded). Extra routes r of
  // the view are queued and found by the labels as route n_routes_ + r (ride_parent::route too).
  std::vector<std::uint64_t const*> rt_excl_;
  std::size_t n_services_ = 0;
  std::vector<std::uint8_t> service_on_;  // [day index][service pattern]: runs that day
  std::int32_t bound_ = kUnreachable;    // prune anything at or after this (internal time)
  std::int32_t min_target_ = 0;        // smallest target offset
  std::int32_t min_change_ = 0;
  std::span<std::uint64_t const> excl_trips_, excl_stops_;
  std::vector<pareto_entry> round_best_;  // per round: best target reached by labels set in that round
  std::vector<std::uint8_t> round_best_kind_;
  std::vector<pareto_entry> front_;
  std::vector<std::int32_t> best_out_;   // best_times() in real time
  std::vector<std::int32_t> arrival_out_;  // best_arrival_times() in real time (filled when called)
  std::size_t last_round_ = 0;           // last round the query ran

  std::size_t idx(std::size_t k, std::uint32_t s) const { return k * n_stops_ + s; }
  std::int32_t change(std::uint32_t s) const { return self_change_[s] >= 0 ? self_change_[s] : min_change_; }
  bool stop_excluded(std::uint32_t s) const {
    return !excl_stops_.empty() && ((excl_stops_[s / 64] >> (s % 64)) & 1U) != 0;
  }
  bool trip_excluded(std::uint32_t t) const {
    return !excl_trips_.empty() && ((excl_trips_[t / 64] >> (t % 64)) & 1U) != 0;
  }
  bool rt_excluded(std::size_t day_index, std::uint32_t t) const {
    auto const* b = rt_excl_[day_index];
    return b != nullptr && ((b[t / 64] >> (t % 64)) & 1U) != 0;
  }
};

// Binds the state to `net` (derives the per-network data when it is a different network) and sizes the label
// arrays for `rounds` rounds. Errors: unsupported (no timetable), internal (a route longer than 65,535 stops).
status bind(raptor_state& st, network::network const& net, std::size_t rounds);

// Checks a query's inputs against the bound network (stop indices, offsets, bitset sizes, bounds).
status validate(raptor_state const& st, raptor_query const& q);

// Sets up days_ for the time window [lo, hi] (real seconds on the query day's axis).
void set_days(raptor_state& st, std::int32_t day, std::int32_t lo, std::int32_t hi);

// After set_days: binds the query's realtime view (nullptr: none). invalid_argument for a view of another
// network.
status set_realtime(raptor_state& st, realtime::view const* v);

// Resets what the last query touched (all rounds), clears marks and targets.
void reset_labels(raptor_state& st);

// Seeds round 0 with `sources` at real time `time` and runs rounds 1.. until nothing improves or the ride
// limit is reached. `use_targets`: record target arrivals (round_best_) and prune by them.
void run_rounds(raptor_state& st, std::int32_t time, std::span<stop_offset const> sources, std::size_t max_rides);

// Step-free exclusion bitsets (step_free_trips_ / step_free_stops_ [avoid_unknown]), built once per bound
// network (journey.cc; also used by matrix.cc).
void step_free_bits(raptor_state& st, bool avoid_unknown);

}  // namespace kwartier::routing
