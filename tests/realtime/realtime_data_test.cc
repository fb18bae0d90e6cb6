// Realtime updates on real data (../shared/data/gtfs-realtime-samples, SOURCE.md): the NMBS June 2019 feed
// with its realtime file, and the Bustang pair whose updates give no start date. Expected counts were worked
// out independently of kwartier, from the files themselves (protoc --decode with the public schema, then the
// static tables with Python's csv module):
// - NMBS: 453 trip updates, all 453 trip ids in trips.txt and running on 2019-06-04 (calendar +
//   calendar_dates); 2,410 stop time updates, every stop_id in stops.txt, 2,409 of them stops of their trip
//   (8822715 is not a stop of trip 88____:A71::8822814:8821402:18:1826:20191213); one trip descriptor
//   CANCELED: 88____:044::8811007:8874005:25:1719:20191213 (Schaerbeek 8811007 -> ..., via Bruxelles-Nord
//   8812005, 25 stops), whose entity also carries 2 stop time updates.
// - Bustang: 6 trip updates, none with start_date or start_time; all six trips run on service WK (Mon-Fri);
//   header time 2023-03-06 07:02 MST, so the service day is Monday 2023-03-06. Against that day's schedule the
//   absolute times differ by [-5, 0, 0, 0, 0] s (114366504), [196] (114366505), [99] (114366509), all 0
//   (114367170), 16 s everywhere (114367171) and 0..2 s (114367324): five trips changed, one unchanged;
//   30 stop time updates, all on their trips.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "kwartier/network/build.h"
#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::realtime {
namespace {

namespace fs = std::filesystem;
fs::path const kData = fs::path{KW_SHARED_DATA_DIR} / "gtfs-realtime-samples";

// Straight-line networks (no OSM), built once per test binary build and cached in the temp folder.
network::network cached(std::string const& name, fs::path const& zip) {
  auto const stamp = fs::last_write_time("/proc/self/exe").time_since_epoch().count();
  auto const path = fs::temp_directory_path() / ("kw_rt_" + name + "_" + std::to_string(stamp) + ".kwn");
  if (auto n = network::network::open(path)) return std::move(*n);
  auto const tmp = path.string() + "." + std::to_string(::getpid());
  auto s = network::build({{zip, ""}}, {}, tmp);
  EXPECT_TRUE(s) << s.error().to_string();
  fs::rename(tmp, path);
  auto n = network::network::open(path);
  EXPECT_TRUE(n) << n.error().to_string();
  return std::move(*n);
}

network::network const& nmbs() {
  static network::network const n = cached("nmbs", kData / "nmbs-2019-06-static.zip");
  return n;
}
network::network const& bustang() {
  static network::network const n = cached("bustang", kData / "bustang.gtfs.zip");
  return n;
}

std::shared_ptr<view const> nmbs_view() {
  static std::shared_ptr<view const> const v = [] {
    auto msg = load_feed(kData / "nmbs-2019-06-realtime.pb");
    EXPECT_TRUE(msg) << msg.error().to_string();
    auto v = apply(nmbs(), *msg);
    EXPECT_TRUE(v) << v.error().to_string();
    return *v;
  }();
  return v;
}

TEST(realtime_data, nmbs_what_matched) {
  auto const v = nmbs_view();
  auto const& s = v->summary();
  std::printf("%s", s.report.to_text().c_str());
  EXPECT_EQ(s.feed_timestamp, 1559661248U);
  EXPECT_EQ(s.trip_updates, 453U);
  EXPECT_EQ(s.trips_matched, 453U);
  EXPECT_EQ(s.trips_unmatched, 0U);
  EXPECT_EQ(s.trips_not_running, 0U);
  EXPECT_EQ(s.days_inferred, 0U);
  EXPECT_EQ(s.trips_cancelled, 1U);
  ASSERT_EQ(s.cancelled.size(), 1U);
  EXPECT_EQ(s.cancelled[0], "88____:044::8811007:8874005:25:1719:20191213 2019-06-04");
  EXPECT_EQ(s.trips_changed + s.trips_unchanged + s.trips_cancelled, 453U);
  // The cancelled trip's 2 stop time updates are not applied: 2,408 read, 2,407 on their trip.
  EXPECT_EQ(s.stop_updates, 2408U);
  EXPECT_EQ(s.stops_matched, 2407U);
  EXPECT_EQ(s.stops_unmatched, 1U);
  EXPECT_EQ(s.report.count("stop_not_on_trip"), 1U);
  EXPECT_FALSE(s.report.has_errors());
}

// The cancelled train from Bruxelles-Nord (its 2nd stop) to its last stop, at its scheduled departure: as
// scheduled the earliest arrival rides it; with the updates no journey does.
TEST(realtime_data, nmbs_the_cancelled_train_is_routed_around) {
  auto const& net = nmbs();
  auto const& tt = net.timetable();
  auto const v = nmbs_view();
  std::string const trip_id = "88____:044::8811007:8874005:25:1719:20191213";
  auto const day = transit::days_from_ymd(2019, 6, 4);
  ASSERT_EQ(v->instances().size(), 453U);
  instance const* cancelled = nullptr;
  for (auto const& in : v->instances())
    if (in.cancelled) cancelled = &in;
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ(tt.trip_id(cancelled->trip), trip_id);
  EXPECT_EQ(cancelled->day, day);
  // The trip's route and times.
  std::optional<transit::route_idx_t> route;
  std::size_t pos = 0;
  for (std::uint32_t r = 0; r < tt.n_routes() && !route; ++r) {
    auto const trips = tt.route_trips(transit::route_idx_t{r});
    for (std::size_t k = 0; k < trips.size(); ++k)
      if (trips[k] == cancelled->trip.v()) route = transit::route_idx_t{r}, pos = k;
  }
  ASSERT_TRUE(route);
  auto const stops = tt.route_stops(*route);
  auto const times = tt.trip_times(*route, pos);
  ASSERT_EQ(tt.stop_id(transit::stop_idx_t{stops[1]}), "8812005");  // Bruxelles-Nord
  routing::route_request r;
  auto const a = tt.stop_pos(transit::stop_idx_t{stops[1]}), b = tt.stop_pos(transit::stop_idx_t{stops.back()});
  r.from = {a.lat, a.lon};
  r.to = {b.lat, b.lon};
  r.date = day;
  r.time = times[1].dep - 60;
  routing::query_state qs;
  auto const rides = [&](std::vector<routing::journey> const& js) {
    std::size_t n = 0;
    for (auto const& j : js)
      for (auto const& l : j.legs) n += l.kind == routing::leg_kind::ride && l.trip_id == trip_id ? 1 : 0;
    return n;
  };
  auto const before = routing::route(net, r, qs);
  ASSERT_TRUE(before) << before.error().to_string();
  EXPECT_GE(rides(*before), 1U);
  r.realtime = v;
  auto const after = routing::route(net, r, qs);
  ASSERT_TRUE(after) << after.error().to_string();
  EXPECT_EQ(rides(*after), 0U);
  ASSERT_FALSE(after->empty());
  EXPECT_GT(after->back().arrival, before->back().arrival);  // the next train is later
}

// Journeys on 2019-06-04 from the three Brussels main stations to every other stop of the updated trips that
// call there, at 5 min before the trip's scheduled departure: every ride of a realtime journey runs at the
// view's times (its delay is the view's), and journeys change exactly where a ride of the static plan is on an
// updated trip instance whose times moved (or where a changed trip now wins).
TEST(realtime_data, nmbs_journeys_between_brussels_stations_follow_the_updates) {
  auto const& net = nmbs();
  auto const& tt = net.timetable();
  auto const v = nmbs_view();
  auto const day = transit::days_from_ymd(2019, 6, 4);
  routing::query_state qs;
  std::size_t queries = 0, changed = 0, delayed_rides = 0;
  for (auto const& in : v->instances()) {
    if (in.cancelled || in.route == instance::kNoRoute || queries >= 40) continue;
    auto const rr = in.route;
    auto const sr = v->route_static(rr);
    auto const stops = tt.route_stops(sr);
    auto const rt_times = v->trip_times(rr, in.pos);
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
      auto const id = tt.stop_id(transit::stop_idx_t{stops[i]});
      if (id != "8813003" && id != "8812005" && id != "8814001") continue;  // Central, Nord, Midi
      auto const sched = tt.trip_times(sr, v->trip_static_pos(rr, in.pos));
      routing::route_request r;
      auto const a = tt.stop_pos(transit::stop_idx_t{stops[i]}), b = tt.stop_pos(transit::stop_idx_t{stops.back()});
      r.from = {a.lat, a.lon};
      r.to = {b.lat, b.lon};
      r.date = day;
      r.time = sched[i].dep - 300;
      auto const before = routing::route(net, r, qs);
      ASSERT_TRUE(before) << before.error().to_string();
      r.realtime = v;
      auto const after = routing::route(net, r, qs);
      ASSERT_TRUE(after) << after.error().to_string();
      ++queries;
      bool differ = before->size() != after->size();
      for (std::size_t k = 0; k < before->size() && !differ; ++k)
        differ = (*before)[k].arrival != (*after)[k].arrival || (*before)[k].departure != (*after)[k].departure;
      changed += differ ? 1 : 0;
      // Every realtime ride is at the view's times: delay = view time - schedule at both ends.
      for (auto const& j : *after)
        for (auto const& l : j.legs) {
          if (l.kind != routing::leg_kind::ride) continue;
          auto const* x = v->find(l.trip, l.service_day);
          if (x == nullptr) {
            EXPECT_EQ(l.status, ride_status::scheduled);  // the feed says nothing about this trip
            EXPECT_EQ(l.departure_delay, 0);
            continue;
          }
          EXPECT_NE(l.status, ride_status::cancelled);
          if (l.status == ride_status::delayed) ++delayed_rides;
          EXPECT_EQ(l.departure - l.scheduled_departure, l.departure_delay);
        }
      // This trip ridden with the updates: at its realtime times from stop i.
      for (auto const& j : *after)
        for (auto const& l : j.legs)
          if (l.kind == routing::leg_kind::ride && l.trip == in.trip && l.service_day == in.day &&
              l.from.stop.v() == stops[i])
            EXPECT_EQ(l.departure - l.scheduled_departure, rt_times[i].dep - sched[i].dep);
      break;
    }
  }
  std::printf("%zu queries, %zu journeys changed, %zu delayed rides\n", queries, changed, delayed_rides);
  EXPECT_GE(queries, 20U);
  EXPECT_GT(changed, 0U);
  EXPECT_GT(delayed_rides, 0U);
}

TEST(realtime_data, bustang_service_days_are_inferred) {
  auto msg = load_feed(kData / "bustang.pb");
  ASSERT_TRUE(msg) << msg.error().to_string();
  for (auto const& u : msg->trip_updates) EXPECT_TRUE(u.trip.start_date.empty());
  auto v = apply(bustang(), *msg);
  ASSERT_TRUE(v) << v.error().to_string();
  auto const& s = (*v)->summary();
  std::printf("%s", s.report.to_text().c_str());
  EXPECT_EQ(s.trip_updates, 6U);
  EXPECT_EQ(s.trips_matched, 6U);
  EXPECT_EQ(s.days_inferred, 6U);
  EXPECT_EQ(s.trips_changed, 5U);
  EXPECT_EQ(s.trips_unchanged, 1U);
  EXPECT_EQ(s.stop_updates, 30U);
  EXPECT_EQ(s.stops_matched, 30U);
  auto const monday = transit::days_from_ymd(2023, 3, 6);
  for (auto const& in : (*v)->instances()) EXPECT_EQ(in.day, monday);
  // 114367171 runs 16 s late at every updated stop.
  auto const& tt = bustang().timetable();
  std::optional<transit::trip_idx_t> t;
  for (std::uint32_t k = 0; k < tt.n_trips(); ++k)
    if (tt.trip_id(transit::trip_idx_t{k}) == "114367171") t = transit::trip_idx_t{k};
  ASSERT_TRUE(t);
  auto const* in = (*v)->find(*t, monday);
  ASSERT_NE(in, nullptr);
  ASSERT_NE(in->route, instance::kNoRoute);
  auto const times = (*v)->trip_times(in->route, in->pos);
  auto const sched = tt.trip_times((*v)->route_static(in->route), (*v)->trip_static_pos(in->route, in->pos));
  EXPECT_EQ(times.back().arr - sched.back().arr, 16);
}

}  // namespace
}  // namespace kwartier::realtime
