// routing::matrix on the hand-drawn grid of tests/street/grid_osm.h with the four stops of access_test.cc
// (P1..P4) and one bus T1 on weekdays of 2024: P1 08:00 -> P2 08:05 -> P3 08:10 -> P4 08:15.
//
// Every answer below is worked out by hand in tests/routing/access_test.cc (door to door: the coordinate's
// connector walked at 1.3 m/s, the street in the mode, the target's connector, deciseconds rounded once):
//   origin O (-0.0002, 0.0008) on foot: to the coordinates of P1 77 s, P2 90 s, P3 231 s, P4 316 s
//                              by bike: to P1 41 s, P3 85 s
//   from the coordinate of P1 on foot: to P3 171 s (the stored footpath S1 -> S3); to itself 86 + 86 ds = 17 s
//   egress from stop P3 (P4) to its own coordinate: link 86 ds + connector 86 ds = 172 ds -> 17 s.
// Walk + bus on Monday 2024-12-09 (Europe/Brussels, no clock change; service time = wall clock), access and
// egress budget 120 s (so the direct walks above 120 s do not count):
//   leaving O at 07:58: P1 reached 07:59:17, bus 08:00 -> P3 08:10 (+17 s) = 737 s; -> P4 08:15 (+17 s) =
//     1037 s; P1 and P2 on foot: 77 s, 90 s.
//   leaving at 08:01: P1 missed, P2 reached 08:02:30, bus 08:05 -> P3 08:10:17 = 557 s.
//   leaving at 08:06: no bus left; P3 231 s on foot > 120 s: unreachable.
//   window 07:55 .. 08:00 every minute (5 departures) to P3: 917, 857, 797, 737, 677 (at 07:59 P1 is
//     missed by 17 s, P2 at 08:00:30 still catches 08:05); the 50th percentile is the 3rd of 5 sorted
//     (index ceil(0.5 x 5) - 1 = 2): 797; the 20th the 1st: 677; the 100th: 917.
#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/transit/local_time.h"
#include "network/grid_network.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

fs::path test_dir() {
  static fs::path const d = fs::temp_directory_path() / ("kw_routing_matrix_test_" + std::to_string(::getpid()));
  return d;
}

geo::latlng const kO{-0.0002, 0.0008};
geo::latlng const kP1{-0.0001, 0.0014}, kP2{0.00005, 0.0016}, kP3{0.0012, 0.0021}, kP4{0.0016, 0.0011};
geo::latlng const kFar{0.005, 0.005};  // 470 m from any street

network::network build(bool with_gtfs, bool with_ch = true) {
  auto const d = test_dir() / (with_gtfs ? (with_ch ? "streets" : "noch") : "nogtfs");
  testdata::write_grid_network(d);
  testdata::write_file(d / "feed" / "stops.txt",
                       "stop_id,stop_name,stop_lat,stop_lon\n"
                       "P1,One,-0.0001,0.0014\nP2,Two,0.00005,0.0016\nP3,Three,0.0012,0.0021\nP4,Steps,0.0016,0.0011\n");
  testdata::write_file(d / "feed" / "stop_times.txt",
                       "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                       "T1,08:00:00,08:00:00,P1,1\nT1,08:05:00,08:05:00,P2,2\nT1,08:10:00,08:10:00,P3,3\n"
                       "T1,08:15:00,08:15:00,P4,4\n");
  testdata::write_file(d / "feed" / "transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
  std::vector<transit::feed_input> feeds;
  if (with_gtfs) feeds.push_back({d / "feed", ""});
  network::build_options opt;
  opt.contraction_hierarchy = with_ch;
  auto s = network::build(feeds, d / "grid.osm", d / "grid.kwn", opt);
  EXPECT_TRUE(s) << s.error().to_string();
  auto n = network::network::open(d / "grid.kwn");
  EXPECT_TRUE(n) << n.error().to_string();
  return std::move(*n);
}

struct matrix_test : ::testing::Test {
  static void SetUpTestSuite() {
    net_ = new network::network{build(true)};
    streets_only_ = new network::network{build(false)};
  }
  static void TearDownTestSuite() {
    delete net_;
    delete streets_only_;
    std::error_code ec;
    fs::remove_all(test_dir(), ec);
  }
  static network::network* net_;
  static network::network* streets_only_;
};
network::network* matrix_test::net_ = nullptr;
network::network* matrix_test::streets_only_ = nullptr;

matrix_request transit_at(seconds_t t) {
  matrix_request r;
  r.mode = travel_mode::transit;
  r.date = transit::days_from_ymd(2024, 12, 9);
  r.time = t;
  r.max_access_seconds = 120;
  return r;
}

TEST_F(matrix_test, walk_by_hand) {
  std::vector<geo::latlng> const o{kO, kP1};
  std::vector<geo::latlng> const d{kP1, kP2, kP3, kP4};
  for (bool ch : {false, true}) {
    matrix_request r;
    r.use_ch = ch;
    auto m = matrix(*net_, o, d, r);
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_EQ(m->used_ch, ch);
    ASSERT_EQ(m->n_origins, 2U);
    ASSERT_EQ(m->n_destinations, 4U);
    EXPECT_EQ(m->row(0)[0], 77);
    EXPECT_EQ(m->row(0)[1], 90);
    EXPECT_EQ(m->row(0)[2], 231);
    EXPECT_EQ(m->row(0)[3], 316);
    EXPECT_EQ(m->at(1, 0), 17);
    EXPECT_EQ(m->at(1, 2), 171);
    // Minutes, nearest: 77 s -> 1, 90 s -> 2 (halves up), 231 s -> 4, 316 s -> 5.
    auto const mins = m->minutes();
    EXPECT_EQ((std::vector<std::uint16_t>{mins.begin(), mins.begin() + 4}), (std::vector<std::uint16_t>{1, 2, 4, 5}));
    // A budget of 200 s leaves P3 and P4 out.
    r.max_seconds = 200;
    m = matrix(*net_, o, d, r);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->at(0, 1), 90);
    EXPECT_EQ(m->at(0, 2), kUnreachable);
    EXPECT_EQ(m->at(0, 3), kUnreachable);
    EXPECT_EQ(m->minutes()[2], kUnreachableMinutes);
  }
}

// A file without the contraction hierarchy (older, or built without it) opens, and walk / bike matrices fall
// back to one search per origin with the same answers.
TEST_F(matrix_test, without_ch_falls_back) {
  auto const plain = build(true, false);
  EXPECT_EQ(plain.contraction_hierarchy(street::mode::walk), nullptr);
  ASSERT_NE(net_->contraction_hierarchy(street::mode::walk), nullptr);
  EXPECT_EQ(net_->contraction_hierarchy(street::mode::walk)->n_nodes(), net_->graph().n_nodes());
  std::vector<geo::latlng> const o{kO, kP1, kP3};
  std::vector<geo::latlng> const d{kP1, kP2, kP3, kP4};
  for (auto const mode : {travel_mode::walk, travel_mode::bike}) {
    matrix_request r;
    r.mode = mode;
    r.skip_unsnapped = true;
    auto const a = matrix(plain, o, d, r);
    auto const b = matrix(*net_, o, d, r);
    ASSERT_TRUE(a && b);
    EXPECT_FALSE(a->used_ch);
    EXPECT_TRUE(b->used_ch);
    EXPECT_EQ(a->seconds, b->seconds);
  }
}

TEST_F(matrix_test, bike_by_hand) {
  std::vector<geo::latlng> const o{kO};
  std::vector<geo::latlng> const d{kP1, kP3};
  matrix_request r;
  r.mode = travel_mode::bike;
  auto const m = matrix(*net_, o, d, r);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(m->at(0, 0), 41);
  EXPECT_EQ(m->at(0, 1), 85);
}

TEST_F(matrix_test, transit_by_hand) {
  std::vector<geo::latlng> const o{kO};
  std::vector<geo::latlng> const d{kP1, kP2, kP3, kP4};
  auto m = matrix(*net_, o, d, transit_at(7 * 3600 + 58 * 60));
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ((std::vector<seconds_t>{m->seconds}), (std::vector<seconds_t>{77, 90, 737, 1037}));
  m = matrix(*net_, o, d, transit_at(8 * 3600 + 60));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at(0, 2), 557);
  m = matrix(*net_, o, d, transit_at(8 * 3600 + 6 * 60));
  ASSERT_TRUE(m);
  EXPECT_EQ((std::vector<seconds_t>{m->seconds}), (std::vector<seconds_t>{77, 90, kUnreachable, kUnreachable}));
  // One thread or two: the same matrix.
  auto r = transit_at(7 * 3600 + 58 * 60);
  r.threads = 2;
  std::vector<geo::latlng> const o2{kO, kO, kP1};
  auto const a = matrix(*net_, o2, d, r);
  r.threads = 1;
  auto const b = matrix(*net_, o2, d, r);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->seconds, b->seconds);
  EXPECT_EQ(a->at(1, 2), 737);
}

TEST_F(matrix_test, transit_window_percentiles) {
  std::vector<geo::latlng> const o{kO};
  std::vector<geo::latlng> const d{kP3};
  auto r = transit_at(7 * 3600 + 55 * 60);
  r.window_seconds = 300;
  r.window_step = 60;
  for (auto [p, want] : {std::pair{50.0, 797}, {20.0, 677}, {100.0, 917}}) {
    r.percentile = p;
    auto const m = matrix(*net_, o, d, r);
    ASSERT_TRUE(m) << m.error().to_string();
    EXPECT_EQ(m->departures, 5U);
    EXPECT_EQ(m->at(0, 0), want) << "percentile " << p;
  }
  // A window past the last bus: half the departures reach P3 -> the 50th percentile is reached, the 60th not
  // (08:00..08:05 every minute: 08:00 -> P2 at 08:01:30 catches 08:05 (617 s), 08:01 557, 08:02 497, then
  // 08:03 (P2 at 08:04:30) 437, 08:04 (08:05:30) misses: 4 of 5 reach).
  r.time = 8 * 3600;
  r.percentile = 80;
  auto m = matrix(*net_, o, d, r);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at(0, 0), 617);
  r.percentile = 81;
  m = matrix(*net_, o, d, r);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->at(0, 0), kUnreachable);
}

TEST_F(matrix_test, bad_input) {
  std::vector<geo::latlng> const none;
  std::vector<geo::latlng> const o{kO};
  std::vector<geo::latlng> const bad{kO, {91.0, 0.0}};
  std::vector<geo::latlng> const far{kP1, kFar};
  matrix_request r;
  auto e = matrix(*net_, none, o, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_argument);
  EXPECT_EQ(e.error().field, "origins");
  e = matrix(*net_, o, none, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "destinations");
  e = matrix(*net_, bad, o, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::out_of_range);
  EXPECT_EQ(e.error().field, "origins[1]");
  e = matrix(*net_, o, far, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::too_far);
  EXPECT_EQ(e.error().field, "destinations[1]");
  r.skip_unsnapped = true;
  auto ok = matrix(*net_, o, far, r);
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_EQ(ok->at(0, 0), 77);
  EXPECT_EQ(ok->at(0, 1), kUnreachable);
  r.skip_unsnapped = false;
  // The memory cap: a 1,000 x 1,000 request needs at least its 4 MB result.
  std::vector<geo::latlng> const many(1000, kO);
  r.max_bytes = 1 << 20;
  e = matrix(*net_, many, many, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::limit_exceeded);
  EXPECT_NE(e.error().message.find("memory cap"), std::string::npos) << e.error().message;
  EXPECT_GT(matrix_bytes(*net_, 1000, 1000, r), 4'000'000U);
  r = {};
  r.max_seconds = 0;
  e = matrix(*net_, o, o, r);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_argument);
  // Transit: a network without GTFS, a date outside the service dates, a bad percentile, a bad time.
  e = matrix(*streets_only_, o, o, transit_at(8 * 3600));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::unsupported);
  auto t = transit_at(8 * 3600);
  t.date = transit::days_from_ymd(2025, 1, 6);
  e = matrix(*net_, o, o, t);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::out_of_range);
  t = transit_at(8 * 3600);
  t.window_seconds = 600;
  t.percentile = 0;
  e = matrix(*net_, o, o, t);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "percentile");
  t = transit_at(86400);
  e = matrix(*net_, o, o, t);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "time");
}

}  // namespace
}  // namespace kwartier::routing
