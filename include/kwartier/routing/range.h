// Range RAPTOR (rRAPTOR, Delling et al.; r5's departure-window analysis): from one set of sources, the earliest
// arrival at every stop for every departure of a window (each minute, or the exact departure events), and per
// stop the minimum, median and chosen percentiles of the travel time over the window.
//
//   routing::range_query rq;
//   rq.day = day; rq.window_start = 7 * 3600; rq.window_end = 8 * 3600;   // 60 departures, one a minute
//   rq.sources = access;                                                 // stop_offset list (raptor.h)
//   routing::range_result rr;                                            // reused across origins
//   KW_TRY_VOID(routing::range_raptor(net, rq, qs, rr));
//   rr.travel_times(i)[stop]                                             // departure i -> stop, seconds
//   auto s = routing::summarize(rr.all(), rr.n_departures(), rr.n_stops(), {{5, 50, 95}});
//
// The departures run latest first and keep the labels of the later ones (an earlier departure can always wait
// for a later one), so a window costs a fraction of one query per departure; each departure's answer equals a
// single raptor() query from that time (tested). Travel time = arrival at the stop (by access, ride, or ride
// and footpath) - departure from the origin; kUnreachable when not reached within max_travel_seconds.
//
// Many origins: range_result and query_state are reused without allocating once sized. Origins that share
// their access stops can share work: departure_events() gives the exact departure times at which anything
// changes for a source set, so one exact range pass per stop (sources = {stop, 0}) answers every departure
// time from that stop (the arrival for a departure t is the row of the first event >= t), and an origin's
// answer is the minimum over its access stops s of that stop's answer at t + access(s).
//
// Thread rules: as raptor.h.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/routing/raptor.h"

namespace kwartier::routing {

struct range_query {
  std::int32_t day = 0;          // service day
  seconds_t window_start = 0;    // first departure (seconds since the start of `day`)
  seconds_t window_end = 3600;   // departures are < window_end
  seconds_t step = 60;           // one departure every `step` seconds ...
  std::span<seconds_t const> departures;  // ... or exactly these (any order; window and step then unused)
  std::span<stop_offset const> sources;
  raptor_options opt;
};

// Per departure (ascending) and stop, the travel time in seconds. Owns its buffer; reuse it across queries.
class range_result {
 public:
  std::size_t n_departures() const { return departures_.size(); }
  std::size_t n_stops() const { return n_stops_; }
  seconds_t departure(std::size_t i) const { return departures_[i]; }
  std::span<seconds_t const> departures() const { return departures_; }
  // Travel times from departure i to every stop (kUnreachable where not reached).
  std::span<seconds_t const> travel_times(std::size_t i) const {
    return {times_.data() + i * n_stops_, n_stops_};
  }
  // The whole [departure][stop] matrix.
  std::span<seconds_t const> all() const { return times_; }

 private:
  friend status range_raptor(network::network const&, range_query const&, query_state&, range_result&);
  std::size_t n_stops_ = 0;
  std::vector<seconds_t> departures_;
  std::vector<seconds_t> times_;
};

// Runs the window. Errors: those of raptor(); invalid_argument for an empty window, step <= 0, more than
// 10,000 departures or a window longer than 7 days.
status range_raptor(network::network const& net, range_query const& q, query_state& qs, range_result& out);

// The exact departure events of `sources` in [window_start, window_end): every time t such that leaving the
// origin at t catches a trip at a source stop s (t = trip departure - access(s)) that leaving at t + 1 misses,
// ascending, without duplicates. Between two events nothing changes, so a range over these departures is the
// complete profile.
std::vector<seconds_t> departure_events(network::network const& net, range_query const& q);

// Summaries of a [departure][target] matrix, as r5 reports them: per target the minimum, the median and each
// requested percentile of the travel times over the departures. Percentiles are not interpolated: the value at
// index ceil(p / 100 x n) - 1 of the sorted times (p = 50 is the median), so every reported time is one that
// occurred; kUnreachable counts as longer than everything.
struct travel_time_summary {
  std::size_t n_targets = 0;
  std::vector<double> percentiles;            // as requested, each in (0, 100]
  std::vector<seconds_t> min;                 // per target
  std::vector<seconds_t> median;              // per target
  std::vector<seconds_t> values;              // [percentile][target]
  std::span<seconds_t const> percentile(std::size_t i) const {
    return {values.data() + i * n_targets, n_targets};
  }
};
// Errors: invalid_argument when times.size() != n_departures x n_targets, n_departures = 0 or a percentile
// outside (0, 100].
result<travel_time_summary> summarize(std::span<seconds_t const> times, std::size_t n_departures,
                                      std::size_t n_targets, std::span<double const> percentiles);

}  // namespace kwartier::routing
