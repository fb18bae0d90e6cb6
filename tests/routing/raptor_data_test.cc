// RAPTOR on real feeds against the independent connection-scan oracle (tests/routing/raptor_oracle.h):
// RNV (Heidelberg/Mannheim, 2,057 platforms, footpaths walked on the OSM streets) and NMBS (Belgian rail,
// Oct-Dec 2019, no streets: footpaths from transfers.txt only).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <random>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"
#include "routing/raptor_oracle.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;
fs::path const kData{KW_SHARED_DATA_DIR};

// The network is built once per build of this test binary (its modification time is in the file name, so a
// rebuilt library never reuses an old network): later test processes open the cached file. Written under a
// unique name and renamed, so parallel test processes never see half a file.
network::network cached(std::string const& name, std::vector<transit::feed_input> const& feeds, fs::path const& osm,
                        network::build_options const& opt = {}) {
  auto const stamp = fs::last_write_time("/proc/self/exe").time_since_epoch().count();
  auto const path = fs::temp_directory_path() / ("kw_raptor_" + name + "_" + std::to_string(stamp) + ".kwn");
  if (auto n = network::network::open(path)) return std::move(*n);
  auto const tmp = path.string() + "." + std::to_string(::getpid());
  auto s = network::build(feeds, osm, tmp, opt);
  EXPECT_TRUE(s) << s.error().to_string();
  fs::rename(tmp, path);
  auto n = network::network::open(path);
  EXPECT_TRUE(n) << n.error().to_string();
  return std::move(*n);
}

network::network const& rnv() {
  static network::network const n = [] {
    auto const d = kData / "rnv-heidelberg";
    return cached("rnv", {{d / "rnv.zip", ""}}, d / "rnv.osm.pbf");
  }();
  return n;
}

network::network const& nmbs() {
  static network::network const n = [] {
    auto const d = kData / "sncb-gtfs-2019-10";
    return cached("nmbs", {{d / "sncb-13-october.zip", ""}}, {});  // no OSM: a straight-line network
  }();
  return n;
}

// Stops served by at least one route (a query from a stop nothing serves is trivially unreached).
std::vector<std::uint32_t> served_stops(transit::timetable_view const& tt) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
    if (!tt.stop_routes(transit::stop_idx_t{s}).empty()) out.push_back(s);
  return out;
}

struct query_case {
  std::uint32_t from, to;
  std::int32_t day, time;
};

// Seeded queries between two different served stops at a time in [t_lo, t_hi] on one of 8 random days of
// the feed (few days, so the oracle builds each day's connections once; the RNV days include the clock
// change of 2016-10-30 for most seeds).
std::vector<query_case> random_queries(transit::timetable_view const& tt, std::size_t n, unsigned seed,
                                       std::int32_t t_lo, std::int32_t t_hi) {
  auto const stops = served_stops(tt);
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::size_t> pick{0, stops.size() - 1};
  std::uniform_int_distribution<std::int32_t> any_day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::vector<std::int32_t> days;
  for (int i = 0; i < 8; ++i) days.push_back(any_day(rng));
  std::uniform_int_distribution<std::size_t> day{0, days.size() - 1};
  std::uniform_int_distribution<std::int32_t> time{t_lo, t_hi};
  std::vector<query_case> out;
  while (out.size() < n) {
    auto const a = stops[pick(rng)], b = stops[pick(rng)];
    if (a == b) continue;
    out.push_back({a, b, days[day(rng)], time(rng)});
  }
  return out;
}

std::string show(std::vector<std::pair<std::size_t, std::int32_t>> const& f) {
  std::string out;
  for (auto const& [k, t] : f) out += " (" + std::to_string(k) + "," + std::to_string(t) + ")";
  return out;
}

// Runs every query through RAPTOR and the oracle (forward, or backward: arrive by) and compares the whole
// Pareto front on (time, rides).
using offsets_fn = std::function<std::vector<stop_offset>(std::uint32_t)>;

void compare_fronts(network::network const& net, std::vector<query_case> qs_list, direction dir, char const* name,
                    offsets_fn access_of = {}, offsets_fn egress_of = {}) {
  // By day, so the oracle builds each day's connections once.
  std::stable_sort(qs_list.begin(), qs_list.end(), [](query_case const& a, query_case const& b) { return a.day < b.day; });
  query_state qs;
  testing::csa_oracle oracle{net};
  std::size_t reached = 0, multi = 0, differ = 0;
  bool const fwd = dir == direction::forward;
  for (auto const& c : qs_list) {
    auto const acc = access_of ? access_of(c.from) : stop_access(net, transit::stop_idx_t{c.from});
    auto const egr = egress_of ? egress_of(c.to) : stop_egress(net, transit::stop_idx_t{c.to});
    raptor_query q;
    q.day = c.day;
    q.time = c.time;
    q.dir = dir;
    q.sources = fwd ? acc : egr;
    q.targets = fwd ? egr : acc;
    auto r = raptor(net, q, qs);
    ASSERT_TRUE(r) << r.error().to_string();
    auto const expect = fwd ? testing::csa_oracle::front(oracle.earliest(c.day, c.time, acc, egr))
                            : testing::csa_oracle::front(oracle.latest(c.day, c.time, egr, acc), true);
    std::vector<std::pair<std::size_t, std::int32_t>> got;
    for (auto const& e : *r) got.emplace_back(e.rides, e.time);
    if (got != expect && ++differ <= 5)
      ADD_FAILURE() << name << ": " << net.timetable().stop_id(transit::stop_idx_t{c.from}) << " -> "
                    << net.timetable().stop_id(transit::stop_idx_t{c.to}) << " day " << c.day << " at " << c.time
                    << ": raptor" << show(got) << " oracle" << show(expect);
    if (!expect.empty()) ++reached;
    if (expect.size() > 1) ++multi;
  }
  std::printf("%s: %zu queries, %zu reached, %zu with more than one Pareto journey, %zu differing\n", name,
              qs_list.size(), reached, multi, differ);
  EXPECT_EQ(differ, 0U);
  EXPECT_GT(reached, qs_list.size() * 8 / 10);
  EXPECT_GT(multi, 0U);
}

TEST(raptor_data, rnv_1000_random_queries_equal_the_connection_scan_oracle) {
  auto const& net = rnv();
  ASSERT_TRUE(net.has_timetable());
  EXPECT_EQ(net.timetable().n_stops(), 2057U);  // SOURCE.md
  auto cases = random_queries(net.timetable(), 1000, 20241208, 4 * 3600, 24 * 3600 - 1);
  // Every tenth query on Sunday 2016-10-30, when the clocks went back: Saturday's trips past midnight run an
  // hour later on Sunday's axis than 86,400 s would say.
  for (std::size_t i = 0; i < cases.size(); i += 10) cases[i].day = transit::days_from_ymd(2016, 10, 30);
  compare_fronts(net, cases, direction::forward, "rnv forward");
}

TEST(raptor_data, rnv_300_arrive_by_queries_equal_the_backward_oracle) {
  auto const& net = rnv();
  compare_fronts(net, random_queries(net.timetable(), 300, 20241209, 6 * 3600, 26 * 3600), direction::backward,
                 "rnv arrive-by");
}

// One-to-all (no targets, 3 h limit): every stop's earliest time equals the oracle's.
TEST(raptor_data, rnv_one_to_all_equals_the_oracle) {
  auto const& net = rnv();
  query_state qs;
  testing::csa_oracle oracle{net};
  testing::oracle_options oo;
  oo.max_travel = 3 * 3600;
  auto cases = random_queries(net.timetable(), 60, 20241210, 5 * 3600, 22 * 3600);
  std::stable_sort(cases.begin(), cases.end(), [](query_case const& a, query_case const& b) { return a.day < b.day; });
  std::size_t differ = 0, reached = 0;
  for (auto const& c : cases) {
    auto const acc = stop_access(net, transit::stop_idx_t{c.from});
    raptor_query q;
    q.day = c.day;
    q.time = c.time;
    q.sources = acc;
    q.opt.max_travel_seconds = oo.max_travel;
    ASSERT_TRUE(raptor(net, q, qs));
    oracle.earliest(c.day, c.time, acc, {}, oo);
    auto const got = best_times(qs);
    auto const& expect = oracle.arrivals();
    for (std::size_t s = 0; s < expect.size(); ++s) {
      if (got[s] != expect[s] && ++differ <= 5)
        ADD_FAILURE() << "from " << c.from << " day " << c.day << " at " << c.time << " stop " << s << ": raptor "
                      << got[s] << " oracle " << expect[s];
      if (expect[s] != kUnreachable) ++reached;
    }
  }
  std::printf("rnv one-to-all: %zu queries, %zu stop times reached, %zu differing\n", cases.size(), reached, differ);
  EXPECT_EQ(differ, 0U);
  EXPECT_GT(reached, cases.size() * 500);
}

// Range RAPTOR, 07:00-08:00 each minute: every departure's row equals a single one-to-all query from that
// minute; the exact-events mode equals single queries at the events.
TEST(raptor_data, rnv_range_equals_repeated_single_queries) {
  auto const& net = rnv();
  query_state qs, single;
  range_result rr;
  auto const cases = random_queries(net.timetable(), 6, 20241211, 7 * 3600, 7 * 3600);
  std::size_t compared = 0, reached = 0, differ = 0, with_events = 0;
  for (auto const& c : cases) {
    auto const acc = stop_access(net, transit::stop_idx_t{c.from});
    range_query rq;
    rq.day = c.day;
    rq.window_start = 7 * 3600;
    rq.window_end = 8 * 3600;
    rq.sources = acc;
    rq.opt.max_travel_seconds = 2 * 3600;
    ASSERT_TRUE(range_raptor(net, rq, qs, rr));
    ASSERT_EQ(rr.n_departures(), 60U);
    auto check = [&](range_result const& res) {
      for (std::size_t i = 0; i < res.n_departures(); ++i) {
        raptor_query q;
        q.day = c.day;
        q.time = res.departure(i);
        q.sources = acc;
        q.opt = rq.opt;
        ASSERT_TRUE(raptor(net, q, single));
        auto const expect = best_times(single);
        auto const got = res.travel_times(i);
        for (std::size_t s = 0; s < got.size(); ++s) {
          auto const e = expect[s] == kUnreachable ? kUnreachable : expect[s] - q.time;
          ++compared;
          if (e != kUnreachable) ++reached;
          if (got[s] != e && ++differ <= 5)
            ADD_FAILURE() << "from " << c.from << " dep " << q.time << " stop " << s << ": range " << got[s]
                          << " single " << e;
        }
      }
    };
    check(rr);
    auto const events = departure_events(net, rq);
    if (events.empty()) continue;  // nothing leaves these stops in the window that day
    ++with_events;
    rq.departures = events;
    ASSERT_TRUE(range_raptor(net, rq, qs, rr));
    EXPECT_EQ(rr.n_departures(), events.size());
    check(rr);
  }
  std::printf("rnv range: %zu (departure, stop) pairs compared, %zu reached, %zu differing\n", compared, reached,
              differ);
  EXPECT_EQ(differ, 0U);
  EXPECT_GT(reached, compared / 4);
  EXPECT_GE(with_events, 3U);
}

// NMBS, a national rail feed without streets: station to station (a station's offsets are those of every stop
// whose parent it is, and their footpaths), 200 seeded queries against the oracle, forward and arrive-by.
TEST(raptor_data, nmbs_200_station_to_station_queries_equal_the_oracle) {
  auto const& net = nmbs();
  ASSERT_TRUE(net.has_timetable());
  EXPECT_EQ(net.access_model(), network::access_model::straight_line);
  auto const& tt = net.timetable();
  EXPECT_EQ(tt.n_stops(), 2636U);  // SOURCE.md
  // Stations whose children some route serves.
  std::map<std::uint32_t, std::vector<std::uint32_t>> children;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s) {
    auto const p = tt.stop_parent(transit::stop_idx_t{s});
    if (p.valid() && !tt.stop_routes(transit::stop_idx_t{s}).empty()) children[p.v()].push_back(s);
  }
  std::vector<std::uint32_t> stations;
  for (auto const& [st, ch] : children) stations.push_back(st);
  ASSERT_GT(stations.size(), 500U);
  auto offsets = [&](std::uint32_t station, bool egress) {
    std::map<std::uint32_t, std::int32_t> best;
    for (auto const c : children[station])
      for (auto const& o : egress ? stop_egress(net, transit::stop_idx_t{c}) : stop_access(net, transit::stop_idx_t{c})) {
        auto [it, fresh] = best.emplace(o.stop.v(), o.seconds);
        if (!fresh) it->second = std::min(it->second, o.seconds);
      }
    std::vector<stop_offset> out;
    for (auto const& [s, secs] : best) out.push_back({transit::stop_idx_t{s}, secs});
    return out;
  };
  std::mt19937 rng{20191015};
  std::uniform_int_distribution<std::size_t> pick{0, stations.size() - 1};
  std::uniform_int_distribution<std::int32_t> any_day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::vector<std::int32_t> days;
  for (int i = 0; i < 8; ++i) days.push_back(any_day(rng));
  std::uniform_int_distribution<std::size_t> day{0, days.size() - 1};
  std::uniform_int_distribution<std::int32_t> time{5 * 3600, 22 * 3600};
  std::vector<query_case> cases;
  while (cases.size() < 200) {
    auto const a = stations[pick(rng)], b = stations[pick(rng)];
    if (a != b) cases.push_back({a, b, days[day(rng)], time(rng)});
  }
  auto acc = [&](std::uint32_t s) { return offsets(s, false); };
  auto egr = [&](std::uint32_t s) { return offsets(s, true); };
  compare_fronts(net, cases, direction::forward, "nmbs forward", acc, egr);
  for (auto& c : cases) c.time += 4 * 3600;
  compare_fronts(net, cases, direction::backward, "nmbs arrive-by", acc, egr);
}

// Bruxelles-Central -> Gand-Saint-Pierre, Tuesday 2019-10-15 at 08:00, from the station coordinates. The
// timetable rows (stop_times.txt, services running that day per calendar_dates.txt):
//   IC 529  88____:007::8844628:8891702:40:918:20191213  Bruxelles-Central 08:01 -> Gand-Saint-Pierre 08:37
//   IC 2229 88____:007::8831310:8892007:37:919:20191213  08:13 -> 09:19 ;  IC 2829 ...:21:954:...  08:20 -> 08:58
// so the earliest arrival is IC 529 at 08:37, one ride. translations.txt (trans_id form) names the stations
// Brussel-Centraal and Gent-Sint-Pieters in Dutch; stops.txt has the French names.
TEST(raptor_data, nmbs_brussels_central_to_gent_sint_pieters) {
  auto const& net = nmbs();
  auto const& tt = net.timetable();
  auto const from = tt.find_stop("S8813003"), to = tt.find_stop("S8892007");
  ASSERT_TRUE(from && to);
  route_request r;
  r.from = {tt.stop_pos(*from).lat, tt.stop_pos(*from).lon};
  r.to = {tt.stop_pos(*to).lat, tt.stop_pos(*to).lon};
  r.date = transit::days_from_ymd(2019, 10, 15);
  r.time = 8 * 3600;
  query_state qs;
  for (auto const* lang : {"fr", "nl"}) {
    r.lang = lang;
    auto js = route(net, r, qs);
    ASSERT_TRUE(js) << js.error().to_string();
    ASSERT_FALSE(js->empty());
    auto const& j = js->back();  // the earliest arrival
    std::printf("%s:", lang);
    for (auto const& l : j.legs)
      std::printf(" [%s %s %s -> %s %s, %s -> %s]", std::string(leg_kind_name(l.kind)).c_str(),
                  l.route_short_name.c_str(), l.from.name.c_str(), l.to.name.c_str(), l.headsign.c_str(),
                  local_iso(net, j.day, l.departure)->c_str(), local_iso(net, j.day, l.arrival)->c_str());
    std::printf("\n");
    EXPECT_EQ(j.rides, 1U);
    leg const* ride = nullptr;
    for (auto const& l : j.legs)
      if (l.kind == leg_kind::ride) ride = &l;
    ASSERT_NE(ride, nullptr);
    EXPECT_EQ(ride->trip_id, "88____:007::8844628:8891702:40:918:20191213");
    EXPECT_EQ(ride->route_short_name, "IC");
    EXPECT_EQ(ride->from.id, "8813003");
    EXPECT_EQ(ride->to.id, "8892007");
    EXPECT_EQ(*local_iso(net, j.day, ride->departure), "2019-10-15T08:01:00+02:00");
    EXPECT_EQ(*local_iso(net, j.day, ride->arrival), "2019-10-15T08:37:00+02:00");
    EXPECT_EQ(ride->from.name, std::string(lang) == "nl" ? "Brussel-Centraal" : "Bruxelles-Central");
    EXPECT_EQ(ride->to.name, std::string(lang) == "nl" ? "Gent-Sint-Pieters" : "Gand-Saint-Pierre");
    EXPECT_EQ(ride->agency, "NMBS/SNCB");
    EXPECT_EQ(ride->headsign, std::string(lang) == "nl" ? "Oostende" : "Ostende");  // trip_headsign, translated
  }
  // A date outside the feed's service dates.
  r.date = transit::days_from_ymd(2020, 1, 6);
  auto bad = route(net, r, qs);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::out_of_range);
  EXPECT_NE(bad.error().message.find("2019-10-07 .. 2019-12-14"), std::string::npos) << bad.error().message;
}

}  // namespace
}  // namespace kwartier::routing
