#include <gtest/gtest.h>

#include <random>

#include "kwartier/geo/latlng.h"
#include "kwartier/geo/segment_index.h"

namespace kwartier::geo {
namespace {

TEST(geo, haversine_known_distances) {
  // One degree of a meridian: R * pi / 180 = 111,195.08 m.
  EXPECT_NEAR(haversine_m({0, 0}, {1, 0}), 111195.08, 0.01);
  // Brussels Grand-Place (50.8467, 4.3525) to Antwerp Central (51.2172, 4.4211): about 41.5 km.
  EXPECT_NEAR(haversine_m({50.8467, 4.3525}, {51.2172, 4.4211}), 41500, 300);
  EXPECT_EQ(haversine_m({50.0, 4.0}, {50.0, 4.0}), 0.0);
  EXPECT_FALSE(valid({91, 0}));
  EXPECT_FALSE(valid({0, 181}));
  EXPECT_FALSE(valid({std::nan(""), 0}));
  EXPECT_TRUE(valid({-90, 180}));
}

TEST(geo, projection_onto_a_segment) {
  // Segment along the equator from lon 0 to lon 0.002; the point 0.001 deg north of its middle.
  auto const p = project_on_segment({0.001, 0.001}, {0, 0}, {0, 0.002});
  EXPECT_NEAR(p.t, 0.5, 1e-9);
  EXPECT_NEAR(p.dist_m, 111.195, 0.001);
  // Beyond the end: clamped to the end point.
  auto const q = project_on_segment({0, 0.003}, {0, 0}, {0, 0.002});
  EXPECT_EQ(q.t, 1.0);
  EXPECT_NEAR(q.dist_m, 111.195, 0.001);
}

TEST(geo, segment_index_matches_brute_force) {
  std::mt19937 rng{7};
  std::uniform_real_distribution<double> lat{49.3, 49.6}, lon{8.3, 8.8}, step{-0.002, 0.002};
  std::vector<segment> segs;
  for (std::uint32_t i = 0; i < 2000; ++i) {
    latlng const a{lat(rng), lon(rng)};
    segs.push_back({a, {a.lat + step(rng), a.lon + step(rng)}, i});
  }
  segment_index const idx{segs};
  EXPECT_EQ(idx.size(), 2000U);
  for (int k = 0; k < 300; ++k) {
    latlng const p{lat(rng), lon(rng)};
    auto const accept = [](std::uint32_t id) { return id % 3 != 0; };
    double best = 1e18;
    std::uint32_t best_id = 0;
    for (auto const& s : segs) {
      if (!accept(s.id)) continue;
      auto const pr = project_on_segment(p, s.a, s.b);
      if (pr.dist_m < best) best = pr.dist_m, best_id = s.id;
    }
    auto const hit = idx.nearest(p, 1e9, accept);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->id, best_id);
    EXPECT_NEAR(hit->proj.dist_m, best, 1e-6);
    auto const bounded = idx.nearest(p, best * 0.999, accept);
    EXPECT_FALSE(bounded);
  }
  EXPECT_FALSE(segment_index{}.nearest({50, 4}, 1e9));
}

}  // namespace
}  // namespace kwartier::geo
