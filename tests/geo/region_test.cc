// geo::region (GEOS buffers, union, difference) and geo::point_index, with answers worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kwartier/geo/point_index.h"
#include "kwartier/geo/region.h"

namespace kwartier::geo {
namespace {

constexpr double kDeg = 111195.08;  // metres per degree of latitude (and of longitude at the equator)

TEST(region, buffered_segment_contains_what_lies_within_the_buffer) {
  // A 111.2 m east-west street at the equator, buffered by 10 m: a capsule of 2 x 10 x 111.2 + pi x 10^2 =
  // 2,538 m^2 (the buffer's circles are polygons of 4 segments per quadrant: area a little smaller).
  region_spec s;
  s.lines.push_back({{0.0, 0.0}, {0.0, 0.001}});
  s.buffer_m = 10.0;
  auto r = region::build(s);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_FALSE(r->empty());
  EXPECT_NEAR(r->area_m2(), 2 * 10 * 111.195 + 3.14159 * 100, 25.0);
  EXPECT_TRUE(r->contains({0.0, 0.0005}));
  EXPECT_TRUE(r->contains({9.0 / kDeg, 0.0005}));     // 9 m north
  EXPECT_FALSE(r->contains({11.0 / kDeg, 0.0005}));   // 11 m north
  EXPECT_TRUE(r->contains({0.0, -9.0 / kDeg}));       // 9 m west of the west end
  EXPECT_FALSE(r->contains({0.0, -11.0 / kDeg}));
  // GeoJSON: a MultiPolygon in lon/lat.
  auto const j = r->to_geojson();
  EXPECT_EQ(j.rfind("{\"type\":\"MultiPolygon\",\"coordinates\":[[[", 0), 0U) << j;
}

TEST(region, cuts_remove_discs_and_points_buffer_alone) {
  region_spec s;
  s.lines.push_back({{0.0, 0.0}, {0.0, 0.001}});
  s.points.push_back({0.0005, 0.0});  // 55.6 m north of the west end: its own disc
  s.buffer_m = 10.0;
  s.cuts.push_back({{0.0, 0.0005}, 1.0});
  auto r = region::build(s);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->contains({0.0, 0.0005}));                   // cut out
  EXPECT_TRUE(r->contains({0.0, 0.0005 + 2.0 / kDeg}));       // 2 m east of the cut
  EXPECT_TRUE(r->contains({0.0005, 0.0}));
  EXPECT_FALSE(r->contains({0.00025, 0.0}));                  // between the street and the point's disc
  // Empty input: an empty region.
  auto e = region::build(region_spec{});
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->empty());
  EXPECT_EQ(e->to_geojson(), R"({"type":"MultiPolygon","coordinates":[]})");
  region_spec bad;
  bad.buffer_m = 0.0;
  EXPECT_EQ(region::build(bad).error().code, errc::invalid_argument);
  bad.buffer_m = 5.0;
  bad.points.push_back({95.0, 0.0});
  EXPECT_EQ(region::build(bad).error().code, errc::invalid_argument);
}

TEST(point_index, within_equals_brute_force) {
  std::mt19937 rng{7};
  std::uniform_real_distribution<double> lat{50.80, 50.90}, lon{4.30, 4.45};
  std::vector<latlng> pts(3000);
  for (auto& p : pts) p = {lat(rng), lon(rng)};
  point_index const idx{pts};
  std::vector<point_hit> hits;
  for (int q = 0; q < 200; ++q) {
    latlng const c{lat(rng), lon(rng)};
    double const r = 50.0 + 10.0 * q;
    hits.clear();
    idx.within(c, r, hits);
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < pts.size(); ++i)
      if (haversine_m(c, pts[i]) <= r) want.push_back(i);
    ASSERT_EQ(hits.size(), want.size()) << q;
    for (std::size_t i = 0; i < want.size(); ++i) ASSERT_EQ(hits[i].id, want[i]);
  }
  hits.clear();
  idx.within({95.0, 0.0}, 100.0, hits);
  EXPECT_TRUE(hits.empty());
}

}  // namespace
}  // namespace kwartier::geo
