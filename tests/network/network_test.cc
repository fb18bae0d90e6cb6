// network::build / open on the drawn street grid of tests/street/grid_test.cc plus a three-stop GTFS feed,
// with the stop links and footpaths worked out by hand.
//
//   lat 0.002   A ----------- B ----------- C
//               |             |             |
//               |             |             + S3 (0.0012, 0.0021): 0.1 d east of C-F, 0.8 d below C
//   lat 0.001   D ----------- E ====>====== F
//               |                           |
//   lat 0.000   G ------------H---S1---S2-- I        S1 (-0.0001, 0.0014): 0.1 d south, 1.4 d from G
//                                                    S2 ( 0.00005, 0.0016): 0.05 d north, 1.6 d from G
//   S4 (0.005, 0.005) is 470 m from any street; S5 sits on the dropped island: both stay unlinked.
//
// d = 111.19508 m; walking 1.3 m/s: d = 855 ds, the chain G..I (2 d) = 1711 ds, partial times are
// round(weight x fraction). Links: 0.1 d = 11.12 m = 86 ds, 0.05 d = 5.56 m = 43 ds.
// S1 -> S2: 0.2 d on G..I = 0.1 x 1711 = 171, + 86 + 43 = 300 ds = 30 s (38.9 m).
// S1 -> S3: to I 0.3 x 1711 = 513, I-F 855, F up to S3 0.2 x 855 = 171: 1539, + 86 + 86 = 1711 ds = 171 s (222 m).
// S2 -> S3: to I 0.2 x 1711 = 342, + 855 + 171 = 1368, + 43 + 86 = 1497 ds = 150 s (195 m). Symmetric back.
// transfers.txt: S1 -> S2 min_time 120 s (wins over 30 s), S2 -> S3 not possible (removed),
// S3 -> S3 min_time 60 s (kept as a self footpath).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"
#include "network/grid_network.h"

namespace kwartier::network {
namespace {

namespace fs = std::filesystem;

struct fixture : ::testing::Test {
  static fs::path dir() {
    auto const d = fs::temp_directory_path() / ("kw_network_test_" + std::to_string(::getpid()));
    fs::create_directories(d / "feed");
    return d;
  }
  void SetUp() override {
    d = dir();
    testdata::write_grid_network(d);
  }
  result<build_summary> build_grid(build_options const& opt = {}) {
    return build({{d / "feed", ""}}, d / "grid.osm", d / "grid.kwn", opt);
  }
  transit::stop_idx_t stop(network const& n, char const* id) {
    auto const s = n.timetable().find_stop(id);
    EXPECT_TRUE(s.has_value()) << id;
    return s.value_or(transit::stop_idx_t{0});
  }
  fs::path d;
};

TEST_F(fixture, builds_links_stops_and_walks_footpaths) {
  auto s = build_grid();
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->meta.stops, 5U);
  EXPECT_EQ(s->meta.stops_linked, 3U);
  EXPECT_EQ(s->meta.stops_unlinked, 2U);
  EXPECT_EQ(s->report.count("stop_unlinked"), 2U);
  EXPECT_EQ(s->meta.footpaths, 6U);
  EXPECT_EQ(s->meta.footpaths_walked, 4U);
  EXPECT_EQ(s->meta.footpaths_from_gtfs, 2U);
  EXPECT_EQ(s->meta.transfers_forbidden, 1U);
  EXPECT_GT(s->file_bytes, 1000U);

  auto n = network::open(d / "grid.kwn");
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_TRUE(n->has_timetable());
  EXPECT_EQ(n->graph().n_nodes(), 8U);
  EXPECT_EQ(n->n_stops(), 5U);
  auto const s1 = stop(*n, "S1"), s2 = stop(*n, "S2"), s3 = stop(*n, "S3"), s4 = stop(*n, "S4");
  auto const& l1 = n->stop_links()[s1.v()];
  EXPECT_NEAR(l1.dist_m, 11.1195, 0.001);
  EXPECT_NEAR(l1.offset_m, 1.4 * 111.19508, 0.01);
  EXPECT_NEAR(n->stop_links()[s3.v()].offset_m, 0.8 * 111.19508, 0.01);
  EXPECT_EQ(n->stop_links()[s4.v()].chain, street::kNoEdge);

  auto paths = [&](transit::stop_idx_t from) {
    std::map<std::uint32_t, std::pair<std::int32_t, footpath_source>> m;
    for (auto const& f : n->footpaths(from)) m[f.to] = {f.seconds, f.source};
    return m;
  };
  auto p1 = paths(s1), p2 = paths(s2), p3 = paths(s3);
  ASSERT_EQ(p1.size(), 2U);
  EXPECT_EQ(p1[s2.v()].first, 120);
  EXPECT_EQ(p1[s2.v()].second, footpath_source::gtfs);
  EXPECT_EQ(p1[s3.v()].first, 171);
  EXPECT_EQ(p1[s3.v()].second, footpath_source::walked);
  ASSERT_EQ(p2.size(), 1U);  // S2 -> S3 is forbidden by transfers.txt
  EXPECT_EQ(p2[s1.v()].first, 30);
  ASSERT_EQ(p3.size(), 3U);
  EXPECT_EQ(p3[s1.v()].first, 171);
  EXPECT_EQ(p3[s2.v()].first, 150);
  EXPECT_EQ(p3[s3.v()].first, 60);
  EXPECT_TRUE(n->footpaths(s4).empty());
}

TEST_F(fixture, footpath_bound_is_configurable) {
  build_options opt;
  opt.footpath_max_m = 150.0;  // S1 <-> S2 (38.9 m) stays, the 195 m and 222 m paths go
  auto s = build_grid(opt);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->meta.footpaths_walked, 1U);  // S2 -> S1 (S1 -> S2 is the transfers.txt one)
  EXPECT_EQ(s->meta.footpaths_from_gtfs, 2U);
  opt.max_link_m = 5.0;  // only S2 (5.56 m) ... is too far as well at 5 m
  s = build_grid(opt);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->meta.stops_linked, 0U);
  opt.footpath_max_m = -1;
  EXPECT_EQ(build_grid(opt).error().code, errc::invalid_argument);
}

TEST_F(fixture, stop_area_fallback_connects_stops_the_streets_do_not) {
  // S1 and S5 renamed "Same": S5 sits on the dropped island (unlinked), 1,012.1 m from S1 as the crow flies
  // (flat earth: sqrt(0.0002^2 + 0.0091^2) deg x 111,195 m). Within stop_area_max_m = 1,100 m they get a
  // straight-line footpath both ways: 1,012.1 m x 1.3 / 1.3 m/s = 1,012 s. The default (200 m) gives none.
  testdata::write_file(d / "feed" / "stops.txt",
                       "stop_id,stop_name,stop_lat,stop_lon\n"
                       "S1,Same,-0.0001,0.0014\nS2,Two,0.00005,0.0016\nS3,Three,0.0012,0.0021\n"
                       "S4,Far,0.005,0.005\nS5,Same,0.0001,0.0105\n");
  build_options opt;
  opt.stop_area_max_m = 1100.0;
  auto s = build_grid(opt);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->meta.footpaths, 8U);
  EXPECT_EQ(s->report.count("stop_area_footpaths"), 1U);
  auto n = network::open(d / "grid.kwn");
  ASSERT_TRUE(n);
  auto const s1 = stop(*n, "S1"), s5 = stop(*n, "S5");
  auto find = [&](transit::stop_idx_t a, transit::stop_idx_t b) -> footpath const* {
    for (auto const& f : n->footpaths(a))
      if (f.to == b.v()) return &f;
    return nullptr;
  };
  ASSERT_NE(find(s1, s5), nullptr);
  EXPECT_EQ(find(s1, s5)->seconds, 1012);
  EXPECT_EQ(find(s1, s5)->source, footpath_source::straight_line);
  ASSERT_NE(find(s5, s1), nullptr);
  EXPECT_EQ(find(s5, s1)->seconds, 1012);
  ASSERT_TRUE(build_grid());
  n = network::open(d / "grid.kwn");
  ASSERT_TRUE(n);
  EXPECT_EQ(find(stop(*n, "S1"), stop(*n, "S5")), nullptr);
}

TEST_F(fixture, streets_only_network_without_gtfs) {
  auto s = build({}, d / "grid.osm", d / "streets.kwn");
  ASSERT_TRUE(s) << s.error().to_string();
  auto n = network::open(d / "streets.kwn");
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_FALSE(n->has_timetable());
  EXPECT_EQ(n->n_stops(), 0U);
  EXPECT_EQ(n->graph().n_edges(), 20U);
}

TEST_F(fixture, damaged_files_are_refused) {
  ASSERT_TRUE(build_grid());
  std::ifstream in{d / "grid.kwn", std::ios::binary};
  std::string const bytes{std::istreambuf_iterator<char>{in}, {}};
  ASSERT_TRUE(network::from_bytes(bytes));
  // Truncated.
  EXPECT_EQ(network::from_bytes(bytes.substr(0, bytes.size() / 2)).error().code, errc::corrupt_dataset);
  // A flipped byte in the payload: the checksum catches it; without the checksum, validation must not crash.
  for (std::size_t pos = 200; pos < bytes.size(); pos += 97) {
    auto b = bytes;
    b[pos] = static_cast<char>(b[pos] ^ 0x5A);
    EXPECT_FALSE(network::from_bytes(b)) << pos;
    auto r = network::from_bytes(b, open_options{false});
    routing::query_state qs;
    if (r) (void)routing::street_from(*r, {0, 0.001}, {street::mode::walk, 600}, qs);
  }
  // A foreign file.
  EXPECT_FALSE(network::open(d / "grid.osm"));
  EXPECT_EQ(network::open(d / "missing.kwn").error().code, errc::not_found);
}

TEST_F(fixture, missing_inputs_are_clear_errors) {
  auto r = build({{d / "feed", ""}}, d / "nope.osm.pbf", d / "x.kwn");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::not_found);
  auto q = build({{d / "no-feed", ""}}, d / "grid.osm", d / "x.kwn");
  ASSERT_FALSE(q);
}

}  // namespace
}  // namespace kwartier::network
