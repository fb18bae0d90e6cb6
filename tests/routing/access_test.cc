// routing::access / egress / direct on both kinds of network, answers worked out by hand.
//
// 1. Streets: the drawn grid of tests/street/grid_osm.h (d = 111.19508 m; on foot d = 855 ds and the chain
//    G..I (2 d) = 1711 ds; by bike d = 247 ds, G..I = 494 ds; partial times round(weight x fraction)) with
//    four stops of our own:
//      P1 (-0.0001, 0.0014): 0.1 d south of G..I at 1.4 d from G (link 11.12 m = 86 ds at 1.3 m/s)
//      P2 (0.00005, 0.0016): 0.05 d north of G..I at 1.6 d (link 5.56 m = 43 ds)
//      P3 (0.0012, 0.0021): 0.1 d east of C-F, 0.8 d below C (link 86 ds)
//      P4 (0.0016, 0.0011): 0.1 d east of the steps B-E, 0.4 d below B (link 86 ds): walk only, no bikes
//    Origin O (-0.0002, 0.0008) snaps onto G..I at 0.8 d from G, 0.2 d away (connector 22.24 m = 171 ds).
//    On foot from O: G 0.4 x 1711 = 684, I 0.6 x 1711 = 1027, E = G + 2 x 855 = 2394 (via I-F-E 2737),
//      F = I + 855 = 1882.
//      P1: 0.3 x 1711 = 513 along the chain, + 171 + 86 = 770 ds -> 77 s
//      P2: 0.4 x 1711 = 684, + 171 + 43 = 898 ds -> 90 s
//      P3: F 1882 + 0.2 x 855 = 171 -> 2053, + 171 + 86 = 2310 ds -> 231 s
//      P4: E 2394 + 0.6 x 855 = 513 -> 2907 (via B: E + steps = 3249, + 342 = 3591), + 257 = 3164 ds -> 316 s
//    By bike from O: G 0.4 x 494 = 198, I 0.6 x 494 = 296, F = I + 247 = 543, E = G + D + E = 692 (F -> E is
//      against the one-way), B = G-D-A-B = 939.
//      P1: 0.3 x 494 = 148, + 171 + 86 = 405 ds -> 41 s (40.5 rounds up)
//      P3: F 543 + 0.2 x 247 = 49 -> 592, + 257 = 849 ds -> 85 s
//      P4: the steps are walked: E 692 + 513 = 1205 (B 939 + 342 = 1281), + 257 = 1462 ds -> 146 s
//    Everything is two-way on foot, so egress to O equals access from O. By bike, P4 -> O walks down the
//    steps to E (513) then rides E-D-G-O (247 + 247 + 198 = 692): again 146 s; P3 -> O rides to F (49), F-I
//    (247), I-O (296): 849 ds -> 85 s.
//    Direct P1 -> P3 positions: 86 + (513 + 855 + 171 = 1539) + 86 = 1711 ds -> 171 s, the footpath S1 -> S3 of
//    tests/network/network_test.cc.
//
// 2. Straight line (GTFS alone, the five stops of tests/network/grid_network.h, detour 1.3, walk 1.3 m/s, so
//    seconds = great-circle metres). Flat-earth distances at 111,195.08 m per degree (exact to 1e-6 here):
//      from (0, 0): S1 sqrt(1 + 196) x 1e-4 deg = 156.07 m -> 156 s, S2 sqrt(0.25 + 256) = 178.00 m -> 178 s,
//      S3 sqrt(144 + 441) = 268.95 m -> 269 s, S4 786 m, S5 1,168 m.
//    Footpaths up to 500 m of walking (384.6 m straight): S1-S2 27.80 m -> 28 s, S1-S3 164.18 m -> 164 s,
//    S2-S3 139.44 m -> 139 s; S4 and S5 have no neighbour within 384.6 m. transfers.txt: S1 -> S2 120 s wins,
//    S2 -> S3 is removed, S3 -> S3 60 s added.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "network/grid_network.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

fs::path test_dir() {
  static fs::path const d = fs::temp_directory_path() / ("kw_routing_access_test_" + std::to_string(::getpid()));
  return d;
}

network::network build_streets() {
  auto const d = test_dir() / "streets";
  testdata::write_grid_network(d);
  testdata::write_file(d / "feed" / "stops.txt",
                       "stop_id,stop_name,stop_lat,stop_lon\n"
                       "P1,One,-0.0001,0.0014\nP2,Two,0.00005,0.0016\nP3,Three,0.0012,0.0021\nP4,Steps,0.0016,0.0011\n");
  testdata::write_file(d / "feed" / "stop_times.txt",
                       "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                       "T1,08:00:00,08:00:00,P1,1\nT1,08:05:00,08:05:00,P2,2\nT1,08:10:00,08:10:00,P3,3\n"
                       "T1,08:15:00,08:15:00,P4,4\n");
  testdata::write_file(d / "feed" / "transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
  auto s = network::build({{d / "feed", ""}}, d / "grid.osm", d / "grid.kwn");
  EXPECT_TRUE(s) << s.error().to_string();
  auto n = network::network::open(d / "grid.kwn");
  EXPECT_TRUE(n) << n.error().to_string();
  return std::move(*n);
}

struct access_test : ::testing::Test {
  static void SetUpTestSuite() {
    streets_ = new network::network{build_streets()};
    auto const d = test_dir() / "straight";
    testdata::write_grid_network(d);
    auto s = network::build({{d / "feed", ""}}, {}, d / "straight.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    summary_ = new network::build_summary{std::move(*s)};
    auto n = network::network::open(d / "straight.kwn");
    ASSERT_TRUE(n) << n.error().to_string();
    straight_ = new network::network{std::move(*n)};
  }
  static void TearDownTestSuite() {
    delete streets_;
    delete straight_;
    delete summary_;
    fs::remove_all(test_dir());
  }
  static std::uint32_t stop(network::network const& n, char const* id) {
    auto const s = n.timetable().find_stop(id);
    EXPECT_TRUE(s.has_value()) << id;
    return s.value_or(transit::stop_idx_t{0}).v();
  }
  // stop id -> seconds
  static std::map<std::string, seconds_t> by_id(network::network const& n, std::vector<stop_offset> const& v) {
    std::map<std::string, seconds_t> m;
    for (auto const& o : v) m[std::string(n.timetable().stop_id(o.stop))] = o.seconds;
    return m;
  }
  static inline network::network* streets_ = nullptr;
  static inline network::network* straight_ = nullptr;
  static inline network::build_summary* summary_ = nullptr;
  static constexpr geo::latlng kO{-0.0002, 0.0008};
};

using smap = std::map<std::string, seconds_t>;

TEST_F(access_test, streets_access_and_egress_on_foot) {
  auto const& n = *streets_;
  EXPECT_EQ(n.access_model(), network::access_model::streets);
  query_state qs;
  std::vector<stop_offset> out;
  ASSERT_TRUE(access(n, kO, {street::mode::walk, 900}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"P1", 77}, {"P2", 90}, {"P3", 231}, {"P4", 316}}));
  EXPECT_TRUE(std::is_sorted(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.stop < b.stop; }));
  ASSERT_TRUE(egress(n, kO, {street::mode::walk, 900}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"P1", 77}, {"P2", 90}, {"P3", 231}, {"P4", 316}}));
  // Budgets: 90 s (900 ds) keeps P1 (770) and P2 (898); 89 s drops P2.
  ASSERT_TRUE(access(n, kO, {street::mode::walk, 90}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"P1", 77}, {"P2", 90}}));
  ASSERT_TRUE(access(n, kO, {street::mode::walk, 89}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"P1", 77}}));
  // A budget shorter than the walk to the street (171 ds): nothing, no error.
  ASSERT_TRUE(access(n, kO, {street::mode::walk, 10}, qs, out));
  EXPECT_TRUE(out.empty());
}

TEST_F(access_test, streets_by_bike_walk_the_steps) {
  auto const& n = *streets_;
  query_state qs;
  std::vector<stop_offset> out;
  ASSERT_TRUE(access(n, kO, {street::mode::bike, 900}, qs, out));
  auto const a = by_id(n, out);
  EXPECT_EQ(a.at("P1"), 41);
  EXPECT_EQ(a.at("P3"), 85);
  EXPECT_EQ(a.at("P4"), 146);
  ASSERT_TRUE(egress(n, kO, {street::mode::bike, 900}, qs, out));
  auto const e = by_id(n, out);
  EXPECT_EQ(e.at("P4"), 146);
  EXPECT_EQ(e.at("P3"), 85);
}

TEST_F(access_test, streets_direct) {
  auto const& n = *streets_;
  query_state qs;
  auto t = direct(n, {-0.0001, 0.0014}, {0.0012, 0.0021}, {street::mode::walk, 900}, qs);
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(*t, 171);
  EXPECT_EQ(*direct(n, {-0.0001, 0.0014}, {0.0012, 0.0021}, {street::mode::walk, 170}, qs), kUnreachable);
  // O -> P4's position on foot: 316 s, as the access time.
  EXPECT_EQ(*direct(n, kO, {0.0016, 0.0011}, {street::mode::walk, 900}, qs), 316);
  // Errors name the end.
  auto far = direct(n, kO, {0.005, 0.005}, {street::mode::walk, 900}, qs);
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, errc::too_far);
  EXPECT_EQ(far.error().field, "to");
  EXPECT_EQ(direct(n, {95, 0}, kO, {street::mode::walk, 900}, qs).error().field, "from");
}

TEST_F(access_test, straight_line_network_from_gtfs_alone) {
  auto const& n = *straight_;
  auto const& s = *summary_;
  EXPECT_EQ(n.access_model(), network::access_model::straight_line);
  EXPECT_DOUBLE_EQ(n.straight_line().detour_factor, 1.3);
  EXPECT_EQ(n.graph().n_nodes(), 0U);
  EXPECT_EQ(n.n_stops(), 5U);
  EXPECT_EQ(s.meta.footpaths, 6U);
  EXPECT_EQ(s.meta.footpaths_walked, 4U);
  EXPECT_EQ(s.meta.footpaths_from_gtfs, 2U);
  EXPECT_EQ(s.meta.transfers_forbidden, 1U);
  EXPECT_EQ(s.report.count("stop_unlinked"), 0U);
  auto paths = [&](char const* from) {
    smap m;
    for (auto const& f : n.footpaths(transit::stop_idx_t{stop(n, from)}))
      m[std::string(n.timetable().stop_id(transit::stop_idx_t{f.to}))] = f.seconds;
    return m;
  };
  EXPECT_EQ(paths("S1"), (smap{{"S2", 120}, {"S3", 164}}));
  EXPECT_EQ(paths("S2"), (smap{{"S1", 28}}));
  EXPECT_EQ(paths("S3"), (smap{{"S1", 164}, {"S2", 139}, {"S3", 60}}));
  EXPECT_TRUE(paths("S4").empty());

  query_state qs;
  std::vector<stop_offset> out;
  ASSERT_TRUE(access(n, {0.0, 0.0}, {street::mode::walk, 300}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"S1", 156}, {"S2", 178}, {"S3", 269}}));
  ASSERT_TRUE(egress(n, {0.0, 0.0}, {street::mode::walk, 200}, qs, out));
  EXPECT_EQ(by_id(n, out), (smap{{"S1", 156}, {"S2", 178}}));
  // By bike (4.5 m/s): S4 786.27 m x 1.3 / 4.5 = 227.1 s -> 227.
  ASSERT_TRUE(access(n, {0.0, 0.0}, {street::mode::bike, 230}, qs, out));
  EXPECT_EQ(by_id(n, out).at("S4"), 227);
  EXPECT_EQ(by_id(n, out).count("S5"), 0U);  // 1,167.6 m -> 337 s
  EXPECT_EQ(*direct(n, {0.0, 0.0}, {0.0012, 0.0021}, {street::mode::walk, 300}, qs), 269);
  EXPECT_EQ(*direct(n, {0.0, 0.0}, {0.0012, 0.0021}, {street::mode::walk, 268}, qs), kUnreachable);
  // Anywhere on earth is a valid coordinate for a straight-line network; far away means no stop.
  ASSERT_TRUE(access(n, {50.0, 4.0}, {street::mode::walk, 900}, qs, out));
  EXPECT_TRUE(out.empty());
}

TEST_F(access_test, bad_input) {
  query_state qs;
  std::vector<stop_offset> out{{transit::stop_idx_t{0}, 1}};
  for (auto const* n : {streets_, straight_}) {
    EXPECT_EQ(access(*n, kO, {street::mode::walk, 0}, qs, out).error().code, errc::invalid_argument);
    EXPECT_TRUE(out.empty());  // cleared even on error
    EXPECT_EQ(access(*n, kO, {street::mode::walk, -5}, qs, out).error().code, errc::invalid_argument);
    EXPECT_EQ(egress(*n, {0, 200}, {street::mode::walk, 60}, qs, out).error().code, errc::out_of_range);
    EXPECT_EQ(access(*n, kO, {static_cast<street::mode>(3), 60}, qs, out).error().code, errc::invalid_argument);
    EXPECT_EQ(direct(*n, kO, kO, {street::mode::walk, 0}, qs).error().code, errc::invalid_argument);
  }
  // In the sea / far from any street.
  EXPECT_EQ(access(*streets_, {0.005, 0.005}, {street::mode::walk, 900}, qs, out).error().code, errc::too_far);
  // A network without GTFS has no stops.
  auto const d = test_dir() / "streets";
  ASSERT_TRUE(network::build({}, d / "grid.osm", d / "only.kwn"));
  auto only = network::network::open(d / "only.kwn");
  ASSERT_TRUE(only);
  EXPECT_EQ(access(*only, kO, {street::mode::walk, 900}, qs, out).error().code, errc::unsupported);
  EXPECT_EQ(*direct(*only, kO, {0.0016, 0.0011}, {street::mode::walk, 900}, qs), 316);
  // Neither OSM nor GTFS.
  EXPECT_EQ(network::build({}, {}, d / "none.kwn").error().code, errc::invalid_argument);
  network::build_options bad;
  bad.detour_factor = 0.5;
  EXPECT_EQ(network::build({{d / "feed", ""}}, {}, d / "none.kwn", bad).error().code, errc::invalid_argument);
}

}  // namespace
}  // namespace kwartier::routing
