// The hand-made test town: two streets on either side of a river, one bridge, four POIs, one bus line.
// Every expected answer is worked out by hand below.
//
//   u = 0.001 degree = 111.195 m (at the equator, both ways). Walk 1.3 m/s: 85.5 s per u; bike 4.5 m/s:
//   24.7 s per u. Threshold 15 min = 900 s.
//
//   lat 2u  N0 ==================== N(8) ==================== N4      Nord street, nodes n11 (N0) .. n15 (N4)
//           pharmacy (n11)          O3                        park (n15)
//           B (bus stop, 11 m north of N0)                     ||
//   ~~~~~~~~~~~~~~~~~~~~~~~~~~~ river, no crossing ~~~~~~~~~~~ || bridge n5 - n15 (2u)
//   lat 0   S0 ======== S(8) ============ S(12) ============= S4      Sud street, nodes n1 (S0) .. n5 (S4)
//           O1          school (n3)       O2                   food shop (n5)
//           A (bus stop, 11 m south of S0)  C (11 m south of S(12))
//
// Street distances: south x=a to north x=b is (16 - a) + 2 + (16 - b) u; along one street |a - b| u.
// The pharmacy is 2u = 222 m from O1 as the crow flies, but 34u = 3.8 km on the streets.
//
// Bus line 1 (one trip, every day, UTC): C 08:02 -> A 08:05 -> B 08:09. A stop's link to its street is
// 11.1 m = 8.6 s on foot.
//
//                 pharmacy N(0)     school S(8)        park N(16)        food shop S(16)
// O1 = S(0)  walk 34u 2908 s  no   8u   684 s  yes    18u 1540 s  no    16u 1369 s  no
//            bike      840 s  yes        198 s yes         445 s  yes        395 s  yes
//            transit 08:00: walk to A (9 s), bus 08:05 -> B 08:09, walk to N0 (9 s): 08:09:09 = 549 s yes;
//                    school by the direct walk 684 yes; park min(1540, 549 + 16u 1369) = 1540 no; food 1369 no
//            transit 08:06: the bus is gone: pharmacy = walk 2908 s no
// O2 = S(12) walk 22u 1882 s  no   4u   342 s  yes     6u  513 s  yes     4u  342 s  yes
//            bike      544 s  yes         99 s yes         148 s  yes         99 s  yes
//            transit 08:00: walk to C (9 s), bus 08:02 -> B 08:09, + 9 s: 549 s yes; the others as walking
// O3 = N(8)  walk  8u  684 s  yes  18u 1540 s  no     8u  684 s  yes    10u  855 s  yes   (school: 222 m
//            bike      198 s  yes        445 s yes         198 s  yes        247 s  yes    across the river)
//            transit: no trip leaves B (the last stop): the same as walking (school no)
// Window 08:00-08:10 (10 departures) for O1's pharmacy: 08:00..08:04 catch the bus (549, 489, 429, 369, 309 s),
// 08:05..08:09 walk (2908 s): the 50th percentile (5th of 10) is 549 s (reached), the 60th 2908 s (not).
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "kwartier/access/score.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"

namespace fs = std::filesystem;
using namespace kwartier;

namespace {

constexpr char const* kOsm = R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="0" lon="0"/>
  <node id="2" lat="0" lon="0.004"/>
  <node id="3" lat="0" lon="0.008"><tag k="amenity" v="school"/></node>
  <node id="4" lat="0" lon="0.012"/>
  <node id="5" lat="0" lon="0.016"><tag k="shop" v="supermarket"/></node>
  <node id="11" lat="0.002" lon="0"><tag k="amenity" v="pharmacy"/></node>
  <node id="12" lat="0.002" lon="0.004"/>
  <node id="13" lat="0.002" lon="0.008"/>
  <node id="14" lat="0.002" lon="0.012"/>
  <node id="15" lat="0.002" lon="0.016"><tag k="leisure" v="park"/></node>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="5"/><tag k="highway" v="residential"/></way>
  <way id="101"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="15"/><tag k="highway" v="residential"/></way>
  <way id="102"><nd ref="5"/><nd ref="15"/><tag k="highway" v="residential"/><tag k="bridge" v="yes"/></way>
</osm>
)";

void write(fs::path const& p, std::string const& s) { std::ofstream{p} << s; }

struct town : ::testing::Test {
  static void SetUpTestSuite() {
    dir = fs::temp_directory_path() / ("kw_access_town_" + std::to_string(::getpid()));
    fs::create_directories(dir / "feed");
    write(dir / "town.osm", kOsm);
    write(dir / "feed/agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nT,Town bus,http://t.example,UTC\n");
    write(dir / "feed/stops.txt",
          "stop_id,stop_name,stop_lat,stop_lon\nA,A,-0.0001,0\nB,B,0.0021,0\nC,C,-0.0001,0.012\n");
    write(dir / "feed/routes.txt", "route_id,agency_id,route_short_name,route_type\n1,T,1,3\n");
    write(dir / "feed/trips.txt", "route_id,service_id,trip_id\n1,ALL,t1\n");
    write(dir / "feed/stop_times.txt",
          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
          "t1,08:02:00,08:02:00,C,1\nt1,08:05:00,08:05:00,A,2\nt1,08:09:00,08:09:00,B,3\n");
    write(dir / "feed/calendar.txt",
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
          "ALL,1,1,1,1,1,1,1,20240101,20241231\n");
    auto s = network::build({{dir / "feed", ""}}, dir / "town.osm", dir / "town.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir / "town.kwn");
    ASSERT_TRUE(n) << n.error().to_string();
    net = new network::network(std::move(*n));
  }
  static void TearDownTestSuite() {
    delete net;
    fs::remove_all(dir);
  }

  static access::origins three_origins() {
    access::origins o;
    o.kind = access::origin_kind::points;
    o.pos = {{0.0, 0.0}, {0.0, 0.012}, {0.002, 0.008}};
    o.weight = {1.0, 2.0, 1.0};
    o.ids = {"O1", "O2", "O3"};
    o.node.assign(3, access::kNoNode);
    return o;
  }
  static access::scores run(access::options opt, access::origins const& o = three_origins()) {
    opt.threads = 2;
    auto s = access::score(*net, *net->pois(), o, opt);
    EXPECT_TRUE(s) << s.error().to_string();
    return s ? *s : access::scores{};
  }
  static int cat(access::scores const& s, char const* name) {
    for (std::size_t c = 0; c < s.categories.size(); ++c)
      if (s.categories[c] == name) return static_cast<int>(c);
    return -1;
  }
  static routing::seconds_t t(access::scores const& s, std::size_t mi, char const* c, std::size_t o) {
    return s.at(mi, static_cast<std::size_t>(cat(s, c)), o);
  }

  static inline fs::path dir;
  static inline network::network* net = nullptr;
};

constexpr auto kNo = routing::kUnreachable;

}  // namespace

TEST_F(town, pois_come_from_the_drawn_osm) {
  ASSERT_NE(net->pois(), nullptr);
  EXPECT_EQ(net->pois()->size(), 4U);
}

TEST_F(town, walk_and_bike_times_and_reached_categories) {
  access::options opt;
  opt.modes = {access::mode::walk, access::mode::bike};
  opt.max_minutes = 60;
  auto const s = run(opt);
  ASSERT_EQ(s.n_origins, 3U);
  // walk (mode index 0), times within 1 s of the hand computation (partial chain times round per piece).
  struct row {
    char const* c;
    int o;
    int walk, bike;
  };
  for (auto const& r : std::initializer_list<row>{{"pharmacy", 0, 2908, 840}, {"school", 0, 684, 198},
                                                   {"park", 0, 1540, 445},    {"food_shop", 0, 1369, 395},
                                                   {"pharmacy", 1, 1882, 544}, {"school", 1, 342, 99},
                                                   {"park", 1, 513, 148},     {"food_shop", 1, 342, 99},
                                                   {"pharmacy", 2, 684, 198}, {"school", 2, 1540, 445},
                                                   {"park", 2, 684, 198},     {"food_shop", 2, 855, 247}}) {
    SCOPED_TRACE(std::string(r.c) + " O" + std::to_string(r.o + 1));
    EXPECT_NEAR(t(s, 0, r.c, static_cast<std::size_t>(r.o)), r.walk, 1);
    EXPECT_NEAR(t(s, 1, r.c, static_cast<std::size_t>(r.o)), r.bike, 1);
  }
  // Reached within 15 min: walk O1 school only; O2 school, park, food; O3 pharmacy, park, food (not the school
  // 222 m away across the river). Bike: all four for everyone. 10 default categories, 6 without POIs.
  EXPECT_EQ(s.reached[0 * 3 + 0], 1);
  EXPECT_EQ(s.reached[0 * 3 + 1], 3);
  EXPECT_EQ(s.reached[0 * 3 + 2], 3);
  for (int o = 0; o < 3; ++o) EXPECT_EQ(s.reached[1 * 3 + static_cast<std::size_t>(o)], 4);
  EXPECT_FLOAT_EQ(s.share[0], 0.1F);
  EXPECT_FLOAT_EQ(s.share[1], 0.3F);
  EXPECT_FLOAT_EQ(s.share_any[0], 0.4F);
  EXPECT_EQ(t(s, 0, "library", 0), kNo);
  EXPECT_EQ(s.report.count("empty_category"), 6U);
}

TEST_F(town, transit_at_0800_takes_the_bus_and_at_0806_misses_it) {
  access::options opt;
  opt.modes = {access::mode::transit};
  opt.date = "2024-03-05";
  opt.time = "08:00";
  opt.max_minutes = 60;
  auto const s = run(opt);
  EXPECT_EQ(s.date, "2024-03-05");
  EXPECT_FALSE(s.default_date);
  EXPECT_NEAR(t(s, 0, "pharmacy", 0), 549, 1);
  EXPECT_NEAR(t(s, 0, "school", 0), 684, 1);
  EXPECT_NEAR(t(s, 0, "park", 0), 1540, 1);
  EXPECT_NEAR(t(s, 0, "food_shop", 0), 1369, 1);
  EXPECT_NEAR(t(s, 0, "pharmacy", 1), 549, 1);
  EXPECT_NEAR(t(s, 0, "school", 2), 1540, 1);  // no trip leaves B
  EXPECT_EQ(s.reached[0], 2);  // O1: pharmacy, school
  EXPECT_EQ(s.reached[1], 4);  // O2: all four
  EXPECT_EQ(s.reached[2], 3);  // O3: not the school

  opt.time = "08:06";
  auto const late = run(opt);
  EXPECT_NEAR(t(late, 0, "pharmacy", 0), 2908, 1);
  EXPECT_EQ(late.reached[0], 1);
}

TEST_F(town, transit_window_percentiles) {
  access::options opt;
  opt.modes = {access::mode::transit};
  opt.date = "2024-03-05";
  opt.time = "08:00";
  opt.max_minutes = 60;
  opt.window_minutes = 10;
  opt.percentile = 50;
  auto const p50 = run(opt);
  EXPECT_NEAR(t(p50, 0, "pharmacy", 0), 549, 1);
  opt.percentile = 60;
  auto const p60 = run(opt);
  EXPECT_NEAR(t(p60, 0, "pharmacy", 0), 2908, 1);
  opt.percentile = 10;
  auto const p10 = run(opt);
  EXPECT_NEAR(t(p10, 0, "pharmacy", 0), 309, 1);
}

TEST_F(town, default_day_is_the_first_tuesday_with_service) {
  access::options opt;
  opt.modes = {access::mode::transit};
  auto const s = run(opt);
  EXPECT_TRUE(s.default_date);
  EXPECT_EQ(s.date, "2024-01-02");  // 2024-01-01 was a Monday
  EXPECT_EQ(s.report.count("default_date"), 1U);
}

TEST_F(town, street_node_origins_read_the_node_times) {
  auto o = access::street_node_origins(*net);
  ASSERT_TRUE(o);
  ASSERT_EQ(o->size(), 4U);  // junctions S0, S4, N0, N4
  access::options opt;
  opt.max_minutes = 60;
  auto const s = run(opt, *o);
  for (std::size_t i = 0; i < o->size(); ++i) {
    auto const p = o->pos[i];
    if (p.lat == 0.0 && p.lon == 0.0) {
      EXPECT_NEAR(t(s, 0, "pharmacy", i), 2908, 1);
      EXPECT_NEAR(t(s, 0, "school", i), 684, 1);
    }
    if (p.lat > 0.001 && p.lon > 0.01) EXPECT_EQ(t(s, 0, "park", i), 0);  // N4 holds the park
  }
}

TEST_F(town, bad_input_is_refused_with_the_field_named) {
  auto const o = three_origins();
  auto bad = [&](access::options opt, char const* field, errc code = errc::invalid_argument) {
    auto s = access::score(*net, *net->pois(), o, opt);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, code) << s.error().to_string();
    EXPECT_EQ(s.error().field, field) << s.error().to_string();
  };
  access::options opt;
  opt.minutes = 0;
  bad(opt, "minutes");
  opt = {};
  opt.minutes = -5;
  bad(opt, "minutes");
  opt = {};
  opt.max_minutes = 10;
  bad(opt, "max_minutes");
  opt = {};
  opt.modes = {};
  bad(opt, "modes");
  opt = {};
  opt.modes = {access::mode::transit};
  opt.date = "2030-01-01";
  bad(opt, "date", errc::out_of_range);
  opt.date = "2024-13-01";
  bad(opt, "date");
  opt.date = "2024-03-05";
  opt.time = "25:00";
  bad(opt, "time");
  opt = {};
  opt.percentile = 0;
  bad(opt, "percentile");
  poi::poi_view empty;
  auto e = access::score(*net, empty, o, {});
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "pois");
  EXPECT_EQ(access::parse_modes("walk,car").error().field, "modes");
}
