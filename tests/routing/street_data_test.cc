// Street-side routing on the real RNV pair (../shared/data/rnv-heidelberg): isochrone polygons against the
// node times from seeded random origins. Needs KW_SHARED_DATA_DIR.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "kwartier/network/build.h"
#include "kwartier/routing/isochrone.h"
#include "routing/isochrone_oracle.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

network::network const& rnv() {
  static network::network const n = [] {
    auto const d = fs::path{KW_SHARED_DATA_DIR} / "rnv-heidelberg";
    auto const out = fs::temp_directory_path() / ("kw_routing_rnv_" + std::to_string(::getpid()) + ".kwn");
    auto s = network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", out);
    EXPECT_TRUE(s) << s.error().to_string();
    auto r = network::network::open(out);
    EXPECT_TRUE(r) << r.error().to_string();
    return std::move(*r);
  }();
  return n;
}

// Random walkable points: a random walk-graph node moved up to ~40 m.
std::vector<geo::latlng> random_points(std::size_t n, unsigned seed, street::mode m = street::mode::walk) {
  auto const& g = rnv().graph();
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::uint32_t> pick{0, static_cast<std::uint32_t>(g.n_nodes() - 1)};
  std::uniform_real_distribution<double> jitter{-0.0003, 0.0003};
  std::vector<geo::latlng> out;
  while (out.size() < n) {
    auto const v = pick(rng);
    if (!g.node_in(street::node_idx_t{v}, m)) continue;
    out.push_back({g.node_pos_[v].lat + jitter(rng), g.node_pos_[v].lon + jitter(rng)});
  }
  return out;
}

TEST(rnv_isochrone, polygons_hold_exactly_the_reached_nodes) {
  auto const& n = rnv();
  auto const& g = n.graph();
  query_state qs;
  std::size_t checked = 0, inside = 0;
  for (auto const m : {street::mode::walk, street::mode::bike}) {
    for (auto const& p : random_points(10, m == street::mode::walk ? 11 : 12, m)) {
      isochrone_options o;
      o.street = {m, m == street::mode::walk ? 900 : 600};
      o.bands = m == street::mode::walk ? std::vector<seconds_t>{300, 600, 900} : std::vector<seconds_t>{300, 600};
      auto r = isochrone(n, p, o, qs);
      if (!r && r.error().code == errc::too_far) continue;
      ASSERT_TRUE(r) << r.error().to_string();
      for (auto const& b : r->bands()) {
        // Every node within 1.5 km of the origin (the walk reaches ~1.2 km in 15 min; bikes farther, so their
        // check covers the nodes near the polygon's edge around the origin).
        for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
          if (geo::haversine_m(p, g.node_pos_[v]) > 1500.0) continue;
          bool const want = r->node_seconds()[v] <= b.seconds;
          // Nodes at the very position of a node reached in time cannot be told apart by any polygon.
          ASSERT_EQ(b.shape.contains(g.node_pos_[v]), want)
              << street::mode_name(m) << " band " << b.seconds << " node " << v << " at " << g.node_pos_[v].lat << ","
              << g.node_pos_[v].lon << " " << r->node_seconds()[v] << " s";
          ++checked;
          inside += want ? 1 : 0;
        }
      }
    }
  }
  std::printf("rnv isochrones: %zu node checks, %zu inside\n", checked, inside);
  EXPECT_GT(checked, 10000U);
  EXPECT_GT(inside, 1000U);
}

// Walk + transit node times equal the independent oracle (tests/routing/isochrone_oracle.h) from 20 seeded
// origins at seeded weekday times, 45-minute budget -- including the streets reached only through a
// footpath after a ride (a stop-area footpath, or one from a stop with no street link).
TEST(rnv_isochrone, walk_and_transit_node_times_equal_the_oracle) {
  auto const& n = rnv();
  auto const& tt = n.timetable();
  testing::csa_oracle csa{n};
  query_state qs, oqs;
  std::mt19937 rng{2700};
  std::uniform_int_distribution<std::int32_t> day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::uniform_int_distribution<std::int32_t> time{6 * 3600, 20 * 3600};
  std::size_t compared = 0, reached = 0;
  for (auto const& p : random_points(20, 2700)) {
    isochrone_request r;
    r.from = p;
    r.mode = travel_mode::transit;
    r.date = day(rng);
    r.time = time(rng);
    r.max_seconds = 2700;
    r.bands.clear();
    auto const got = isochrone(n, r, qs);
    if (!got && got.error().code == errc::too_far) continue;
    ASSERT_TRUE(got) << got.error().to_string();
    auto const want = testing::oracle_isochrone(n, csa, oqs, p, r.date, r.time, r.max_seconds);
    ASSERT_EQ(want.size(), got->node_seconds().size());
    for (std::size_t v = 0; v < want.size(); ++v) {
      ASSERT_EQ(got->node_seconds()[v], want[v]) << "node " << v << " from " << p.lat << "," << p.lon;
      reached += want[v] != kUnreachable ? 1 : 0;
    }
    compared += want.size();
  }
  std::printf("rnv walk + transit isochrones: %zu node times equal the oracle, %zu reached\n", compared, reached);
  EXPECT_GT(compared, 15 * 39000U);
  EXPECT_GT(reached, 20000U);
}

}  // namespace
}  // namespace kwartier::routing
