// Accessibility flags from OSM tags and the step-free profile on the drawn map of tests/street/step_free_osm.h
// (picture and hand-worked answers there).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "kwartier/street/osm.h"
#include "kwartier/street/query.h"
#include "street/step_free_osm.h"

namespace kwartier::street {
namespace {

struct step_free : ::testing::Test {
  void SetUp() override {
    auto r = build_graph({{}, testdata::kStepFreeOsm, "osm"}, {}, report);
    ASSERT_TRUE(r) << r.error().to_string();
    g = std::move(*r);
    v = view_of(g);
  }
  node_idx_t at(double lat, double lon) const {
    for (std::uint32_t i = 0; i < v.n_nodes(); ++i)
      if (std::fabs(v.node_pos_[i].lat - lat) < 1e-9 && std::fabs(v.node_pos_[i].lon - lon) < 1e-9)
        return node_idx_t{i};
    ADD_FAILURE() << "no node at " << lat << "," << lon;
    return node_idx_t{0};
  }
  // Flags of the edges between two nodes (both directions must agree).
  int flags(geo::latlng a, geo::latlng b) const {
    auto const u = at(a.lat, a.lon).v(), w = at(b.lat, b.lon).v();
    int found = -1;
    for (auto e = v.first_out_[u]; e < v.first_out_[u + 1]; ++e)
      if (v.head_[e] == w) found = v.edge_flags_[e];
    for (auto e = v.first_out_[w]; e < v.first_out_[w + 1]; ++e)
      if (v.head_[e] == u) EXPECT_EQ(found, v.edge_flags_[e]);
    EXPECT_NE(found, -1) << "no edge";
    return found;
  }
  std::uint32_t time_to(geo::latlng from, geo::latlng to, travel_profile p) {
    seed const s{at(from.lat, from.lon), 0};
    dijkstra(v, p, {&s, 1}, kUnreached, qs);
    return qs.times()[at(to.lat, to.lon).v()];
  }
  validation_report report;
  graph g;
  graph_view v;
  query_state qs;
  static constexpr geo::latlng A{0.002, 0.0}, B{0.002, 0.001}, C{0.001, 0.0}, D{0.001, 0.001}, E{0.0, 0.0},
      F{0.0, 0.001}, W1{0.002, -0.001}, W2{0.0, -0.001}, X{-0.001, 0.0}, Y{0.0, 0.002}, Z{-0.001, -0.001},
      V{0.003, -0.001}, U{0.001, 0.002};
};

TEST_F(step_free, edge_flags_from_tags) {
  ASSERT_TRUE(v.has_edge_flags());
  EXPECT_EQ(flags(A, C), kSteps);
  EXPECT_EQ(flags(B, D), kKerbRaised);     // the kerb node K inside the footway
  EXPECT_EQ(flags(C, E), kAccessUnknown);  // wheelchair=limited
  EXPECT_EQ(flags(E, X), kKerbRaised);     // a crossing way ending at a raised kerb
  EXPECT_EQ(flags(F, Y), 0);               // a raised kerb at the end of a street that is no crossing
  EXPECT_EQ(flags(W2, Z), 0);              // steps with a wheelchair ramp
  EXPECT_EQ(flags(W1, V), kWheelchairNo);
  EXPECT_EQ(flags(D, U), kAccessUnknown);  // kerb=rolled
  EXPECT_EQ(flags(A, B), 0);
  EXPECT_EQ(flags(C, D), 0);
  EXPECT_EQ(flags(W1, W2), 0);
}

TEST_F(step_free, the_profile_avoids_steps_and_raised_kerbs) {
  EXPECT_EQ(time_to(A, C, mode::walk), 855U);                                          // the steps
  EXPECT_EQ(time_to(A, C, {mode::walk, kStepFreeAvoid}), 4276U);                       // round by W1-W2-E
  EXPECT_EQ(time_to(A, C, {mode::walk, kStepFreeAvoid | kAccessUnknown}), 5986U);      // and E-F-D
  EXPECT_EQ(time_to(A, V, {mode::walk, kStepFreeAvoid}), kUnreached);                  // wheelchair=no
  EXPECT_EQ(time_to(A, Z, {mode::walk, kStepFreeAvoid}), 2566U + 855U);                // the ramp: W2 + d
}

TEST_F(step_free, snapping_skips_what_the_profile_avoids) {
  // A point on the steps snaps onto them on foot, elsewhere step-free.
  snapper snap{v};
  geo::latlng const p{0.0015, 0.00001};
  auto on_foot = snap.snap(p, mode::walk, 200.0);
  ASSERT_TRUE(on_foot);
  EXPECT_LT(on_foot->dist_m, 2.0);
  auto sf = snap.snap(p, {mode::walk, kStepFreeAvoid}, 200.0);
  ASSERT_TRUE(sf);
  EXPECT_NEAR(sf->dist_m, 55.6, 0.2);  // onto A-B or C-D, 0.0005 deg away
  auto none = snap.snap(p, {mode::walk, kStepFreeAvoid}, 40.0);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("step-free"), std::string::npos);
}

}  // namespace
}  // namespace kwartier::street
