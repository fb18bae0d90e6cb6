// Bike share in routing::route on a drawn street, every time worked out by hand.
//
// One residential street along the equator, nodes A0..A9 at lon 0.000, 0.004, ..., 0.036 (each segment its
// own way, so every node is a junction). A segment is 6,371,008.8 m x 0.004 x pi / 180 = 444.78 m: walked
// at 1.3 m/s in round(4447.8 / 1.3) = 3421 ds, cycled at 4.5 m/s in round(4447.8 / 4.5) = 988 ds.
//
//   A0 ---- A1 ---- A2 ---- ... ---- A8 ---- A9
//   E0      P1                       D8      F9     bike-share stations, on the nodes
//   T0                               S8      T9     stops, on the nodes
//
// Stations: E0 empty (0 bikes, 10 docks), P1 (5 bikes, 5 docks), D8 (2 bikes, 8 docks), F9 full (10 bikes, 0
// docks); pick-up 60 s, drop-off 60 s (600 ds each). Trips on Monday 2024-12-09: L1 T0 08:30 -> T9 08:40,
// L2 S8 08:20 -> T9 08:21.
//
// From A0 to A9, by bike share: E0 has no bike, so walk to P1 (3421 ds), take a bike (600), ride to D8 (7 x
// 988 = 6916; F9 has no free dock), dock (600), walk to A9 (3421): 14,958 ds = 1,496 s, the bike docked at
// 11,537 ds = 1,154 s. Walking all the way: 9 x 3421 = 30,789 ds = 3,079 s.
#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kwartier/bikeshare/system.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/bikeshare.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::routing {
namespace {

void write(std::filesystem::path const& p, std::string const& s) { std::ofstream{p, std::ios::binary} << s; }

std::string line_osm() {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n";
  for (int i = 0; i < 10; ++i)
    s += "  <node id=\"" + std::to_string(i + 1) + "\" lat=\"0\" lon=\"" + std::to_string(0.004 * i) + "\"/>\n";
  for (int i = 0; i < 9; ++i)
    s += "  <way id=\"" + std::to_string(100 + i) + "\"><nd ref=\"" + std::to_string(i + 1) + "\"/><nd ref=\"" +
         std::to_string(i + 2) + "\"/><tag k=\"highway\" v=\"residential\"/></way>\n";
  return s + "</osm>\n";
}

// station rows: id, lon, bikes, docks
std::vector<bikeshare::gbfs_file> gbfs(int e0_bikes, int f9_docks) {
  struct row {
    char const* id;
    double lon;
    int bikes, docks;
  };
  row const rows[] = {{"E0", 0.0, e0_bikes, 10}, {"P1", 0.004, 5, 5}, {"D8", 0.032, 2, 8}, {"F9", 0.036, 10, f9_docks}};
  std::string info, status;
  for (auto const& r : rows) {
    info += std::string(info.empty() ? "" : ",") + R"({"station_id":")" + r.id + R"(","name":")" + r.id +
            R"( station","lat":0,"lon":)" + std::to_string(r.lon) + "}";
    status += std::string(status.empty() ? "" : ",") + R"({"station_id":")" + r.id + R"(","num_bikes_available":)" +
              std::to_string(r.bikes) + R"(,"num_docks_available":)" + std::to_string(r.docks) +
              R"(,"is_installed":true,"is_renting":true,"is_returning":true,"last_reported":0})";
  }
  auto wrap = [](std::string const& rows) {
    return R"({"version":"2.3","last_updated":0,"ttl":0,"data":{"stations":[)" + rows + "]}}";
  };
  return {{"system_information",
           R"({"version":"2.3","data":{"system_id":"line","language":"en","name":"Line bikes","timezone":"Europe/Brussels"}})",
           ""},
          {"station_information", wrap(info), ""},
          {"station_status", wrap(status), ""}};
}

class Bikeshare : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("kw_routing_bikeshare_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "feed");
    write(dir_ / "line.osm", line_osm());
    auto const f = dir_ / "feed";
    write(f / "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Line,http://x,Europe/Brussels\n");
    write(f / "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nT0,Zero,0,0\nS8,Eight,0,0.032\nT9,Nine,0,0.036\n");
    write(f / "routes.txt", "route_id,agency_id,route_short_name,route_long_name,route_type\nL,A,1,Line,3\n");
    write(f / "trips.txt", "route_id,service_id,trip_id\nL,W,L1\nL,W,L2\n");
    write(f / "stop_times.txt",
          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
          "L1,08:30:00,08:30:00,T0,1\nL1,08:40:00,08:40:00,T9,2\n"
          "L2,08:20:00,08:20:00,S8,1\nL2,08:21:00,08:21:00,T9,2\n");
    write(f / "calendar.txt",
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
          "W,1,1,1,1,1,0,0,20240101,20241231\n");
    auto s = network::build({{f, ""}}, dir_ / "line.osm", dir_ / "line.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir_ / "line.kwn");
    ASSERT_TRUE(n);
    net_ = new network::network(*n);
  }
  static void TearDownTestSuite() {
    delete net_;
    std::filesystem::remove_all(dir_);
  }

  static std::shared_ptr<bikeshare::system const> sys(int e0_bikes = 0, int f9_docks = 0) {
    auto const files = gbfs(e0_bikes, f9_docks);
    auto f = bikeshare::parse_gbfs(files);
    EXPECT_TRUE(f) << f.error().to_string();
    auto s = bikeshare::system::make(*net_, std::move(*f));
    EXPECT_TRUE(s) << s.error().to_string();
    EXPECT_EQ((*s)->summary().points, 4U);
    return *s;
  }
  static route_request request(seconds_t time, std::shared_ptr<bikeshare::system const> s) {
    route_request r;
    r.from = {0.0, 0.0};
    r.to = {0.0, 0.036};
    r.date = transit::days_from_ymd(2024, 12, 9);
    r.time = time;
    r.bikeshare = std::move(s);
    r.use_bikeshare = true;
    return r;
  }

  static inline std::filesystem::path dir_;
  static inline network::network* net_ = nullptr;
};

constexpr seconds_t hms(int h, int m, int s) { return h * 3600 + m * 60 + s; }

TEST_F(Bikeshare, BeatsWalkingAndTransitAndSkipsTheEmptyAndTheFullStation) {
  query_state qs;
  auto const s = sys();
  // 08:10: L2 (08:20 from A8) cannot be caught (the bike is docked at 08:10 + 1,154 s = 08:29:14); L1 arrives
  // 08:40; walking 08:10 + 3,079 s = 09:01:19; bike share 08:10 + 1,496 s = 08:34:56.
  auto no_share = request(hms(8, 10, 0), nullptr);
  no_share.use_bikeshare = false;
  auto js = route(*net_, no_share, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);  // L1 (walking arrives later)
  EXPECT_EQ((*js)[0].arrival, hms(8, 40, 0));
  EXPECT_EQ((*js)[0].legs.at(0).trip_id, "L1");
  js = route(*net_, request(hms(8, 10, 0), s), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  // Bike share first; L1 is not listed (later, and one ride more: not on the Pareto front); the walk comes
  // second as with no transit journey at all.
  ASSERT_EQ(js->size(), 2U);
  auto const& b = (*js)[0];
  EXPECT_EQ(b.rides, 0U);
  EXPECT_EQ(b.departure, hms(8, 10, 0));
  EXPECT_EQ(b.arrival, hms(8, 34, 56));
  ASSERT_EQ(b.legs.size(), 3U);
  EXPECT_EQ(b.legs[0].kind, leg_kind::direct);
  EXPECT_EQ(b.legs[0].mode, street::mode::walk);
  EXPECT_EQ(b.legs[0].arrival, hms(8, 15, 42));  // 3421 ds
  EXPECT_EQ(b.legs[0].to.station_id, "P1");      // not E0: it has no bike
  EXPECT_EQ(b.legs[1].kind, leg_kind::bikeshare);
  EXPECT_EQ(b.legs[1].mode, street::mode::bike);
  EXPECT_EQ(b.legs[1].from.station_id, "P1");
  EXPECT_EQ(b.legs[1].from.name, "P1 station");
  EXPECT_EQ(b.legs[1].to.station_id, "D8");  // not F9: no free dock
  EXPECT_EQ(b.legs[1].departure, hms(8, 15, 42));
  EXPECT_EQ(b.legs[1].arrival, hms(8, 29, 14));  // 11,537 ds
  EXPECT_EQ(b.legs[2].kind, leg_kind::direct);
  EXPECT_EQ(b.legs[2].to.name, "destination");
  EXPECT_EQ(b.legs[2].arrival, hms(8, 34, 56));
  EXPECT_EQ((*js)[1].rides, 0U);
  EXPECT_EQ((*js)[1].arrival, hms(8, 10, 0) + 3079);
  EXPECT_EQ((*js)[1].legs.at(0).mode, street::mode::walk);
  // The same alone by bike share (no transit): the walk is slower, so bike share comes first.
  auto direct_req = request(hms(8, 10, 0), s);
  direct_req.mode = travel_mode::walk;
  js = route(*net_, direct_req, qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 2U);
  EXPECT_EQ((*js)[0].arrival, hms(8, 34, 56));
  EXPECT_EQ((*js)[1].arrival, hms(8, 10, 0) + 3079);
  EXPECT_EQ((*js)[1].legs.at(0).kind, leg_kind::direct);
  auto const secs = bikeshare_direct(*net_, *s, {0.0, 0.0}, {0.0, 0.036}, {}, qs);
  ASSERT_TRUE(secs);
  EXPECT_EQ(*secs, 1496);
}

TEST_F(Bikeshare, NoBikeIsTakenAndLeftAtTheSameStation) {
  // A0 -> A2 by bike share, the walk to the bike at most 400 s (one segment, 342 s): walking to P1, taking a
  // bike and docking it at P1 again would "reach" A2 in 3421 + 600 + 600 + 3421 = 8,042 ds = 804 s. The real
  // trips: P1 -> E0 and walking back 2 segments, 3421 + 600 + 988 + 600 + 6842 = 12,451 ds = 1,245 s (the last
  // walk is bounded by the whole trip's limit, 2 x 400 + 3,600 s); P1 -> D8 and 6 segments back is longer.
  query_state qs;
  bikeshare_limits lim;
  lim.max_walk_seconds = 400;
  auto const s = sys();
  auto t = bikeshare_direct(*net_, *s, {0.0, 0.0}, {0.0, 0.008}, lim, qs);
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(*t, 1245);
  // The journey says so: P1 to E0.
  auto r = request(hms(8, 0, 0), s);
  r.mode = travel_mode::walk;
  r.to = {0.0, 0.008};
  r.max_access_seconds = 400;
  r.max_travel_seconds = 1300;  // the direct walk (684 s) stays first; bike share is slower here
  auto js = route(*net_, r, qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 1U);  // bike share is listed only when faster than walking
  EXPECT_EQ((*js)[0].duration(), 684);
  // With no walk allowed before the bike (the origin is 342 s from P1): nothing.
  lim.max_walk_seconds = 300;
  t = bikeshare_direct(*net_, *s, {0.0, 0.0}, {0.0, 0.008}, lim, qs);
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, kUnreachable);
}

TEST_F(Bikeshare, EmptyAndFullStationsChangeTheAnswer) {
  query_state qs;
  // With a bike at E0: take it at the origin, 600 + 8 x 988 + 600 + 3421 = 12,525 ds = 1,253 s.
  auto r = request(hms(8, 10, 0), sys(1, 0));
  r.mode = travel_mode::walk;
  auto js = route(*net_, r, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->at(0).arrival - js->at(0).departure, 1253);
  EXPECT_EQ(js->at(0).legs.at(0).kind, leg_kind::bikeshare);  // no walk to the bike: it is at the origin
  EXPECT_EQ(js->at(0).legs.at(0).from.station_id, "E0");
  // With a free dock at F9 instead (E0 empty again): 3421 + 600 + 8 x 988 + 600 = 12,525 ds = 1,253 s, no
  // walk after.
  r.bikeshare = sys(0, 1);
  js = route(*net_, r, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->at(0).arrival - js->at(0).departure, 1253);
  EXPECT_EQ(js->at(0).legs.back().to.station_id, "F9");
  EXPECT_EQ(js->at(0).legs.size(), 2U);
}

TEST_F(Bikeshare, AsAccessToTransit) {
  query_state qs;
  // 08:00: bike share to D8 (docked after 1,154 s), S8 is at the same node (0 s), L2 08:20 -> 08:21 at T9.
  // Leaving as late as that allows: 08:20:00 - 1,154 s = 08:00:46.
  auto js = route(*net_, request(hms(8, 0, 0), sys()), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);  // the direct bike share (08:24:56) and L1 (08:40) arrive later
  auto const& j = (*js)[0];
  EXPECT_EQ(j.arrival, hms(8, 21, 0));
  EXPECT_EQ(j.departure, hms(8, 0, 46));
  ASSERT_EQ(j.legs.size(), 3U);
  EXPECT_EQ(j.legs[0].kind, leg_kind::access);
  EXPECT_EQ(j.legs[0].to.station_id, "P1");
  EXPECT_EQ(j.legs[0].arrival, hms(8, 6, 28));  // + 342 s
  EXPECT_EQ(j.legs[1].kind, leg_kind::bikeshare);
  EXPECT_EQ(j.legs[1].to.station_id, "D8");
  EXPECT_EQ(j.legs[1].arrival, hms(8, 20, 0));
  EXPECT_EQ(j.legs[2].kind, leg_kind::ride);
  EXPECT_EQ(j.legs[2].trip_id, "L2");
  // Without bike share the best is L1 (walk 0 s to T0).
  auto plain = request(hms(8, 0, 0), nullptr);
  plain.use_bikeshare = false;
  js = route(*net_, plain, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->back().arrival, hms(8, 40, 0));
}

TEST_F(Bikeshare, BikeAndRide) {
  query_state qs;
  // 08:06, own bike to the stops within 800 s: S8 is 8 x 988 = 7,904 ds = 790 s away (T9, 889 s, is not), L2
  // 08:20 -> 08:21, leaving at 08:20:00 - 790 s = 08:06:50. (Cycling to S8 and walking the last 342 s arrives
  // 08:24:52: later, without a ride.) On foot S8 is 2,737 s away: L1 at 08:30 instead. The direct ride (889 s,
  // within the 900 s of the transit journey) comes first.
  auto r = request(hms(8, 6, 0), nullptr);
  r.use_bikeshare = false;
  r.bike_and_ride = true;
  r.max_access_seconds = 800;
  auto js = route(*net_, r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 2U);
  EXPECT_EQ((*js)[0].legs.at(0).kind, leg_kind::direct);
  EXPECT_EQ((*js)[0].legs.at(0).mode, street::mode::bike);
  EXPECT_EQ((*js)[0].duration(), 889);
  auto const& j = (*js)[1];
  ASSERT_EQ(j.legs.size(), 2U);  // no egress: T9 is on the destination
  EXPECT_EQ(j.legs[0].kind, leg_kind::access);
  EXPECT_EQ(j.legs[0].mode, street::mode::bike);
  EXPECT_EQ(j.legs[0].to.id, "S8");
  EXPECT_EQ(j.legs[0].departure, hms(8, 6, 50));
  EXPECT_EQ(j.legs[1].trip_id, "L2");
  r.bike_and_ride = false;
  js = route(*net_, r, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->back().legs.at(0).trip_id, "L1");  // walking: the 08:30 from T0
}

TEST_F(Bikeshare, Isochrone) {
  // Node times from A0 within 1,800 s: A1 by walking (3421 ds = 342 s), A5 too (5 x 3421 = 1,711 s); A8 where
  // the bike is docked (11,537 ds = 1,154 s), A7 and A9 one walk from there (14,958 ds = 1,496 s); A6 neither
  // (walking 2,053 s, from D8 18,379 ds = 1,838 s).
  query_state qs;
  isochrone_request r;
  r.from = {0.0, 0.0};
  r.max_seconds = 1800;
  r.bands = {1800};
  r.polygons = false;
  r.bikeshare = sys();
  r.use_bikeshare = true;
  auto iso = isochrone(*net_, r, qs);
  ASSERT_TRUE(iso) << iso.error().to_string();
  EXPECT_TRUE(iso->with_bikeshare());
  auto const& g = net_->graph();
  auto at = [&](double lon) {
    for (std::uint32_t v = 0; v < g.n_nodes(); ++v)
      if (std::abs(g.node_pos_[v].lon - lon) < 1e-9) return iso->node_seconds()[v];
    return seconds_t{-1};
  };
  EXPECT_EQ(at(0.004), 342);
  EXPECT_EQ(at(0.020), 1711);
  EXPECT_EQ(at(0.024), kUnreachable);
  EXPECT_EQ(at(0.028), 1496);
  EXPECT_EQ(at(0.032), 1154);
  EXPECT_EQ(at(0.036), 1496);
  EXPECT_EQ(iso->bands()[0].nodes, 9U);
  r.use_bikeshare = false;  // walking alone: A0..A5
  iso = isochrone(*net_, r, qs);
  ASSERT_TRUE(iso);
  EXPECT_EQ(iso->bands()[0].nodes, 6U);
  EXPECT_EQ(at(0.036), kUnreachable);
  r.polygons = true;
  r.use_bikeshare = true;
  iso = isochrone(*net_, r, qs);
  ASSERT_TRUE(iso);
  EXPECT_NE(iso->to_geojson().find("\"mode\":\"walk+bikeshare\""), std::string::npos);
  EXPECT_TRUE(iso->bands()[0].shape.contains({0.0, 0.036}));
}

TEST_F(Bikeshare, BadRequests) {
  query_state qs;
  auto r = request(hms(8, 0, 0), nullptr);
  auto js = route(*net_, r, qs);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, errc::invalid_argument);
  EXPECT_EQ(js.error().field, "bikeshare");
  r = request(hms(8, 0, 0), sys());
  r.step_free = true;
  EXPECT_EQ(route(*net_, r, qs).error().field, "mode");
}

TEST(ParseModes, TheEdgesSpelling) {
  auto m = parse_modes("walk,transit,bikeshare");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->mode, travel_mode::transit);
  EXPECT_EQ(m->access_mode, street::mode::walk);
  EXPECT_TRUE(m->bikeshare);
  EXPECT_FALSE(m->bike_and_ride);
  m = parse_modes("bike,transit");
  EXPECT_EQ(m->access_mode, street::mode::bike);
  m = parse_modes("bike_and_ride");
  EXPECT_EQ(m->mode, travel_mode::transit);
  EXPECT_TRUE(m->bike_and_ride);
  EXPECT_EQ(m->access_mode, street::mode::walk);
  m = parse_modes("walk,bikeshare");
  EXPECT_EQ(m->mode, travel_mode::walk);
  EXPECT_TRUE(m->bikeshare);
  EXPECT_EQ(parse_modes("bike")->mode, travel_mode::bike);
  auto bad = parse_modes("walk,car");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "mode");
  EXPECT_NE(bad.error().message.find("'car'"), std::string::npos);
  EXPECT_FALSE(parse_modes(""));
  EXPECT_FALSE(parse_modes("walk,"));
}

}  // namespace
}  // namespace kwartier::routing
