// 15-minute-city scores: per origin and POI category, the travel time to the nearest POI on foot, by bike
// and on foot + public transport, whether it is within the threshold, and the share of categories reached.
//
//   auto net = network::network::open("city.kwn").value();
//   KW_TRY(auto o, access::street_node_origins(net));
//   access::options opt;  opt.modes = {access::mode::walk, access::mode::transit};  opt.date = "2024-12-10";
//   KW_TRY(auto s, access::score(net, *net.pois(), o, opt));
//   s.at(0, c, i)                               // seconds from origin i to the nearest POI of category c on foot
//
// How (docs/access.md):
// - walk, bike: one multi-source search per category on the reverse street graph, from every POI of the
//   category at once (each seeded with the straight walk from its street to the POI), read at every origin;
//   equal to min over POIs of routing::direct(origin, poi).
// - transit (walk + public transport, RAPTOR): one reverse walk search per stop gives every origin its access
//   stops; per stop, one RAPTOR run per departure of a trip from that stop in the window gives, per category,
//   the earliest arrival at the category (stop arrival + the walk from the stop to the nearest POI, read off
//   the category searches); an origin's time is then min over its access stops of the profile at the first
//   departure after it reaches the stop, and the direct walk. Equal to routing::raptor with the origin's
//   access stops and the category's egress stops, per origin.
// Times are whole seconds up to max_minutes; beyond it (or not reachable at all) kUnreachable.
//
// Thread rules: score runs on options::threads threads; the network and POIs are read-only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/access/origins.h"
#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/network/network.h"
#include "kwartier/poi/poi.h"
#include "kwartier/routing/types.h"

namespace kwartier::access {

enum class mode : std::uint8_t { walk = 0, bike = 1, transit = 2 };
std::string_view mode_name(mode m);
// "walk,bike,transit" -> modes (each at most once). invalid_argument naming "modes".
result<std::vector<mode>> parse_modes(std::string_view spec);

struct options {
  std::vector<mode> modes{mode::walk};
  double minutes = 15.0;      // the threshold: a category is reached within this many minutes (> 0)
  double max_minutes = 30.0;  // travel times are computed up to this (>= minutes, <= 1440)
  // Transit: local date "YYYY-MM-DD" (empty: the first Tuesday of the timetable's service dates with a trip,
  // named in scores::date) and departure time "HH:MM".
  std::string date;
  std::string time = "08:00";
  // Transit over a departure window: > 0 scores every minute of [time, time + window_minutes) and reports the
  // `percentile` (nearest rank, 1..100) of those travel times.
  double window_minutes = 0.0;
  double percentile = 50.0;
  double max_snap_m = network::kDefaultMaxSnapM;  // origins and POIs farther from a street: not on the network
  unsigned threads = 0;                            // 0: one per hardware thread
  std::function<void(std::string_view, double)> progress;
};

struct scores {
  std::vector<std::string> categories;
  std::vector<double> weights;
  std::vector<std::size_t> poi_counts;  // POIs per category on the walk network (snapped within max_snap_m)
  std::vector<mode> modes;
  std::size_t n_origins = 0;
  routing::seconds_t threshold_s = 0;
  routing::seconds_t max_s = 0;
  // seconds[(mi * n_categories + c) * n_origins + o], mi indexing `modes`; routing::kUnreachable past max_s.
  std::vector<routing::seconds_t> seconds;
  std::vector<std::uint8_t> reached;  // [mi * n_origins + o]: categories within the threshold
  std::vector<float> share;           // [mi * n_origins + o]: weighted share of categories within the threshold
  std::vector<float> share_any;       // [o]: weighted share of categories within the threshold by any mode
  // Transit: the day and time scored, and whether the day was chosen by default.
  std::string date;
  std::string time;
  bool default_date = false;
  double window_minutes = 0.0;
  double percentile = 50.0;
  validation_report report;  // POIs and origins off the network, empty categories, the default date

  std::size_t n_categories() const { return categories.size(); }
  routing::seconds_t at(std::size_t mi, std::size_t c, std::size_t o) const {
    return seconds[(mi * categories.size() + c) * n_origins + o];
  }
};

// Errors: invalid_argument (no mode, threshold <= 0, max_minutes < minutes, empty POI set, no origin, bad
// percentile/window, bad date or time), unsupported (transit on a network without GTFS; a network without
// streets), out_of_range (a date outside the timetable's service dates).
result<scores> score(network::network const& net, poi::poi_view const& pois, origins const& o, options const& opt);

// Per-area summaries: the share of origins (weighted) reaching each category by each mode, the mean `share`,
// and the weighted median travel time.
struct area_summary {
  std::vector<std::string> names;
  std::vector<std::size_t> n_origins;
  std::vector<double> weight;
  std::size_t n_modes = 0, n_categories = 0;
  std::vector<double> reached;    // [(a * n_modes + mi) * n_categories + c], 0..1
  std::vector<double> median_s;   // same index; routing::kUnreachable when the median origin does not reach it
  std::vector<double> share;      // [a * n_modes + mi], mean of the origins' share
  std::vector<double> share_any;  // [a]
};

// `area_of[o]` names the area of each origin (-1: in none, left out); `names` the areas.
area_summary summarize(scores const& s, origins const& o, std::vector<std::int32_t> const& area_of,
                       std::vector<std::string> const& names);
// One area, "all", holding every origin.
area_summary summarize_all(scores const& s, origins const& o);

}  // namespace kwartier::access
