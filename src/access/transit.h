// Internal: the transit part of access::score (per-stop departure profiles; see score.h).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/access/score.h"

namespace kwartier::access::detail {

struct street_side;

void parallel_for(std::size_t n, unsigned threads, std::function<void(std::size_t, unsigned)> const& f);

struct transit_plan {
  std::int32_t day = 0;       // service day of the departures
  std::int32_t t0 = 0;        // first departure, seconds since the service day's noon-minus-12h
  std::int32_t n_minutes = 1; // departures t0, t0 + 60, ...
  std::string date, time;
  bool default_date = false;
};

// The service day and times of options::date/time (or the default day, reported as info).
result<transit_plan> plan_transit(network::network const& net, options const& opt, validation_report& report);

// Seconds [c * n_origins + i] to the nearest POI of category c by walk + transit (the direct walk included),
// at the plan's departure (or the window's percentile). `walk_s` are the direct walk seconds [c * n + i],
// `egress` the walk seconds from each stop to each category [c * n_stops + stop].
result<std::vector<routing::seconds_t>> score_transit(network::network const& net, origins const& o,
                                                      options const& opt, transit_plan const& plan,
                                                      street_side const& walk,
                                                      std::vector<routing::seconds_t> const& walk_s,
                                                      std::vector<routing::seconds_t> const& egress, std::size_t nc,
                                                      routing::seconds_t max_s, unsigned threads,
                                                      std::function<void(std::string_view, double)> const& progress);

}  // namespace kwartier::access::detail
