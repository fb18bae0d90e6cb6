// The drawn street grid and every answer worked out by hand: see the picture in street/grid_osm.h.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "kwartier/street/osm.h"
#include "kwartier/street/query.h"
#include "street/grid_osm.h"

namespace kwartier::street {
namespace {

using testdata::kGridOsm;

struct grid : ::testing::Test {
  void SetUp() override {
    auto r = build_graph({{}, kGridOsm, "osm"}, {}, report);
    ASSERT_TRUE(r) << r.error().to_string();
    g = std::move(*r);
    v = view_of(g);
  }
  // The graph node at a coordinate.
  node_idx_t at(double lat, double lon) const {
    for (std::uint32_t i = 0; i < v.n_nodes(); ++i)
      if (std::fabs(v.node_pos_[i].lat - lat) < 1e-9 && std::fabs(v.node_pos_[i].lon - lon) < 1e-9)
        return node_idx_t{i};
    ADD_FAILURE() << "no node at " << lat << "," << lon;
    return node_idx_t{0};
  }
  std::map<char, std::uint32_t> times_from(char from, mode m) {
    auto const s = node(from);
    seed const sd{s, 0};
    dijkstra(v, m, {&sd, 1}, kUnreached, qs);
    std::map<char, std::uint32_t> out;
    for (char c : std::string("ABCDEFGI")) out[c] = qs.times()[node(c).v()];
    return out;
  }
  node_idx_t node(char c) const {
    switch (c) {
      case 'A': return at(0.002, 0.000);
      case 'B': return at(0.002, 0.001);
      case 'C': return at(0.002, 0.002);
      case 'D': return at(0.001, 0.000);
      case 'E': return at(0.001, 0.001);
      case 'F': return at(0.001, 0.002);
      case 'G': return at(0.000, 0.000);
      default: return at(0.000, 0.002);  // I
    }
  }
  validation_report report;
  graph g;
  graph_view v;
  query_state qs;
};

TEST_F(grid, counts_nodes_edges_and_dropped_island) {
  EXPECT_EQ(v.n_nodes(), 8U);
  EXPECT_EQ(v.n_edges(), 20U);
  EXPECT_EQ(v.n_chains(), 10U);
  EXPECT_EQ(v.stats_.usable_ways, 11U);  // the building is not a street
  EXPECT_EQ(v.stats_.nodes_before_cut, 10U);
  auto const& w = v.stats_.modes[0];
  auto const& b = v.stats_.modes[1];
  EXPECT_EQ(w.nodes, 8U);
  EXPECT_EQ(w.edges, 18U);
  EXPECT_EQ(w.components, 2U);
  EXPECT_EQ(w.dropped_nodes, 2U);
  EXPECT_EQ(w.dropped_edges, 2U);
  EXPECT_NEAR(w.dropped_length_m, 111.195, 0.01);
  EXPECT_EQ(b.nodes, 8U);
  EXPECT_EQ(b.edges, 17U);
  EXPECT_EQ(b.dropped_nodes, 2U);
  EXPECT_EQ(report.count("dropped_components"), 2U);
  // Chain G..I goes through H: 3 points, 2 d long.
  auto const gi = std::find_if(v.chain_length_m_.begin(), v.chain_length_m_.end(), [](float l) { return l > 200; });
  ASSERT_NE(gi, v.chain_length_m_.end());
  EXPECT_NEAR(*gi, 222.390, 0.01);
  EXPECT_EQ(v.chain_geometry(chain_idx_t::from(gi - v.chain_length_m_.begin())).size(), 3U);
}

TEST_F(grid, walk_times_from_a_avoid_foot_no_and_use_steps) {
  auto t = times_from('A', mode::walk);
  EXPECT_EQ(t['A'], 0U);
  EXPECT_EQ(t['D'], 855U);
  EXPECT_EQ(t['E'], 1710U);
  EXPECT_EQ(t['G'], 1710U);
  EXPECT_EQ(t['B'], 2565U);
  EXPECT_EQ(t['F'], 2565U);
  EXPECT_EQ(t['C'], 3420U);
  EXPECT_EQ(t['I'], 3420U);
}

TEST_F(grid, bike_times_from_a) {
  auto t = times_from('A', mode::bike);
  EXPECT_EQ(t['B'], 247U);
  EXPECT_EQ(t['D'], 247U);
  EXPECT_EQ(t['C'], 494U);
  EXPECT_EQ(t['E'], 494U);
  EXPECT_EQ(t['G'], 494U);
  EXPECT_EQ(t['F'], 741U);
  EXPECT_EQ(t['I'], 988U);
}

TEST_F(grid, bike_may_not_ride_against_the_one_way_and_not_up_the_steps) {
  EXPECT_EQ(times_from('F', mode::bike)['E'], 1235U);
  EXPECT_EQ(times_from('F', mode::walk)['E'], 855U);
  EXPECT_EQ(times_from('E', mode::bike)['F'], 247U);
  EXPECT_EQ(times_from('B', mode::bike)['E'], 741U);
  EXPECT_EQ(times_from('B', mode::walk)['E'], 855U);
}

TEST_F(grid, reverse_search_gives_times_to_the_seed) {
  // Times *to* E by bike: from F it is 1235 (no riding against the one-way), from A 494.
  seed const sd{node('E'), 0};
  dijkstra(v, mode::bike, {&sd, 1}, kUnreached, qs, /*reverse=*/true);
  EXPECT_EQ(qs.times()[node('F').v()], 1235U);
  EXPECT_EQ(qs.times()[node('A').v()], 494U);
}

TEST_F(grid, budget_bounds_the_search) {
  seed const sd{node('A'), 0};
  dijkstra(v, mode::walk, {&sd, 1}, 1710, qs);
  EXPECT_EQ(qs.times()[node('E').v()], 1710U);
  EXPECT_EQ(qs.times()[node('G').v()], 1710U);
  EXPECT_EQ(qs.times()[node('B').v()], kUnreached);
  EXPECT_EQ(qs.reached().size(), 4U);  // A D E G
  // The state is reused: a second, unbounded search sees no leftovers.
  dijkstra(v, mode::walk, {&sd, 1}, kUnreached, qs);
  EXPECT_EQ(qs.times()[node('B').v()], 2565U);
}

TEST_F(grid, snapping_projects_onto_the_chain_with_partial_lengths) {
  snapper sn{v};
  // 0.0001 deg south of the G-H-I street, at lon 0.0014: 1.4 d from G, 0.6 d from I, 0.1 d off the street.
  auto s = sn.snap({-0.0001, 0.0014}, mode::walk, 50.0);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_NEAR(s->offset_m, 1.4 * 111.19508, 0.01);
  EXPECT_NEAR(s->dist_m, 11.1195, 0.01);
  EXPECT_NEAR(s->point.lat, 0.0, 1e-9);
  EXPECT_NEAR(s->point.lon, 0.0014, 1e-9);
  EXPECT_EQ(v.chain_length_m_[s->chain.v()], v.chain_length_m_[s->chain.v()]);
  // Walk: to G 0.7 x 1711 = 1197.7 -> 1198, to I 0.3 x 1711 = 513.3 -> 513; then D = 1198 + 855 = 2053,
  // F = 513 + 855 = 1368.
  auto seeds = seeds_from(v, *s, mode::walk);
  ASSERT_EQ(seeds.size(), 2U);
  dijkstra(v, mode::walk, seeds, kUnreached, qs);
  EXPECT_EQ(qs.times()[node('G').v()], 1198U);
  EXPECT_EQ(qs.times()[node('I').v()], 513U);
  EXPECT_EQ(qs.times()[node('D').v()], 2053U);
  EXPECT_EQ(qs.times()[node('F').v()], 1368U);
  // A target on the same chain, 0.2 d further east (lon 0.0016): 0.2 d of 2 d = 0.1 x 1711 = 171.
  auto t = sn.snap({0.00005, 0.0016}, mode::walk, 50.0);
  ASSERT_TRUE(t);
  EXPECT_EQ(time_to(v, *t, mode::walk, qs.times(), &*s), 171U);
  // Bike: to G 0.7 x 494 = 345.8 -> 346, to I 0.3 x 494 = 148.2 -> 148.
  auto sb = sn.snap({-0.0001, 0.0014}, mode::bike, 50.0);
  ASSERT_TRUE(sb);
  dijkstra(v, mode::bike, seeds_from(v, *sb, mode::bike), kUnreached, qs);
  EXPECT_EQ(qs.times()[node('G').v()], 346U);
  EXPECT_EQ(qs.times()[node('I').v()], 148U);
}

TEST_F(grid, snapping_respects_the_mode_and_the_maximum_distance) {
  snapper sn{v};
  // Just north of A-B (foot=no): on foot the nearest usable street is B-E or A-D, not A-B.
  auto w = sn.snap({0.00205, 0.0005}, mode::walk, 100.0);
  ASSERT_TRUE(w);
  EXPECT_GT(w->dist_m, 50.0F);
  auto b = sn.snap({0.00205, 0.0005}, mode::bike, 100.0);
  ASSERT_TRUE(b);
  EXPECT_NEAR(b->dist_m, 5.56, 0.01);
  // Far away, and next to the dropped island.
  auto far = sn.snap({0.005, 0.005}, mode::walk, 100.0);
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, errc::too_far);
  EXPECT_NE(far.error().message.find("100 m"), std::string::npos);
  EXPECT_EQ(sn.snap({0.0001, 0.0105}, mode::walk, 50.0).error().code, errc::too_far);
  EXPECT_EQ(sn.snap({91.0, 0.0}, mode::walk, 50.0).error().code, errc::out_of_range);
}

TEST(street_profile, keeping_every_component_keeps_the_island) {
  validation_report report;
  osm_options opt;
  opt.keep_largest_component = false;
  auto r = build_graph({{}, kGridOsm, "osm"}, opt, report);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->n_nodes(), 10U);
}

TEST(street_profile, speeds_are_configurable) {
  validation_report report;
  osm_options opt;
  opt.profile.walk_speed_mps = 1.0;  // d -> 1111.95 ds -> 1112
  auto r = build_graph({{}, kGridOsm, "osm"}, opt, report);
  ASSERT_TRUE(r);
  for (auto w : r->weight_walk_)
    if (w != kNoWeight) EXPECT_TRUE(w == 1112U || w == 2224U) << w;  // d or 2 d (G..I: 2223.9 -> 2224)
  opt.profile.walk_speed_mps = 0.0;
  EXPECT_EQ(build_graph({{}, kGridOsm, "osm"}, opt, report).error().code, errc::invalid_argument);
}

}  // namespace
}  // namespace kwartier::street
