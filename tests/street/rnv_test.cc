// Real extracts: the RNV (Heidelberg/Mannheim) and central Atlanta street graphs, and CSR Dijkstra checked
// against Boost.Graph's dijkstra_shortest_paths on 1,000 random RNV sources.
#include <gtest/gtest.h>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "kwartier/street/osm.h"
#include "kwartier/street/query.h"

namespace kwartier::street {
namespace {

namespace fs = std::filesystem;
fs::path const kData{KW_SHARED_DATA_DIR};

graph const& rnv() {
  static graph const g = [] {
    validation_report report;
    auto r = build_graph({kData / "rnv-heidelberg" / "rnv.osm.pbf"}, {}, report);
    if (!r) {
      ADD_FAILURE() << r.error().to_string();
      return graph{};
    }
    return std::move(*r);
  }();
  return g;
}

TEST(rnv, graph_counts_are_plausible) {
  auto const& g = rnv();
  ASSERT_GT(g.n_nodes(), 0U);
  auto const& s = g.stats_;
  // SOURCE.md: 164,598 nodes and about 37k ways, all highway ways.
  EXPECT_EQ(s.osm_nodes, 164598U);
  EXPECT_EQ(s.osm_ways, 37344U);
  EXPECT_GT(s.usable_ways, 30000U);
  EXPECT_EQ(s.missing_node_refs, 0U);
  // Junction graph: far fewer nodes than OSM nodes, and the cut drops only a small share.
  EXPECT_LT(g.n_nodes(), s.osm_nodes);
  // Walking keeps ~90% of the junctions. The extract holds only car roads (no footway, cycleway, path or
  // service ways), so cyclists can cross the Rhine to Ludwigshafen only one way (bicycle=no on the trunk
  // bridges, one-way Jungbuschbruecke): the bike component is Mannheim + Heidelberg, ~55%.
  EXPECT_GT(s.modes[0].nodes, (s.modes[0].nodes + s.modes[0].dropped_nodes) * 85 / 100);
  EXPECT_GT(s.modes[1].nodes, (s.modes[1].nodes + s.modes[1].dropped_nodes) * 50 / 100);
  EXPECT_EQ(g.first_out_.back(), g.n_edges());
  // The whole RNV area: Mannheim to Heidelberg is ~20 km, so thousands of km of streets.
  EXPECT_GT(s.total_length_m, 2.0e6);
  // Renumbering: consecutive nodes are close on average (Hilbert order).
  double sum = 0.0;
  for (std::size_t i = 1; i < g.n_nodes(); ++i) sum += geo::haversine_m(g.node_pos_[i - 1], g.node_pos_[i]);
  EXPECT_LT(sum / static_cast<double>(g.n_nodes() - 1), 200.0);
  std::printf("rnv: %zu nodes, %zu edges, %zu chains; walk keeps %llu (drops %llu in %llu components), "
              "bike keeps %llu (drops %llu)\n",
              g.n_nodes(), g.n_edges(), g.n_chains(), (unsigned long long)s.modes[0].nodes,
              (unsigned long long)s.modes[0].dropped_nodes, (unsigned long long)(s.modes[0].components - s.modes[0].kept_components),
              (unsigned long long)s.modes[1].nodes, (unsigned long long)s.modes[1].dropped_nodes);
}

TEST(atlanta, graph_builds) {
  validation_report report;
  auto g = build_graph({kData / "otp-atlanta" / "central-atlanta-filtered.osm.pbf"}, {}, report);
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->stats_.osm_nodes, 21630U);
  EXPECT_EQ(g->stats_.osm_ways, 5806U);
  EXPECT_GT(g->n_nodes(), 1000U);
  std::printf("atlanta: %zu nodes, %zu edges; walk drops %llu nodes, bike drops %llu\n", g->n_nodes(),
              g->n_edges(), (unsigned long long)g->stats_.modes[0].dropped_nodes,
              (unsigned long long)g->stats_.modes[1].dropped_nodes);
}

// Boost.Graph oracle: the same directed graph with the mode's weights, Dijkstra stopped past the budget.
struct stop_search {};
struct budget_visitor : boost::default_dijkstra_visitor {
  std::vector<std::uint64_t> const* dist;
  std::uint64_t budget;
  template <class V, class G>
  void examine_vertex(V v, G const&) {
    if ((*dist)[v] > budget) throw stop_search{};
  }
};

TEST(rnv, csr_dijkstra_equals_boost_graph_on_1000_random_sources) {
  auto const& g = rnv();
  ASSERT_GT(g.n_nodes(), 0U);
  auto const v = view_of(g);
  using bgraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, std::uint64_t>;
  std::size_t n_sources = 1000;
  if (char const* e = std::getenv("KW_ORACLE_SOURCES")) n_sources = std::strtoull(e, nullptr, 10);
  for (mode const m : {mode::walk, mode::bike}) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    std::vector<std::uint64_t> weights;
    auto const w = v.weights(m);
    for (std::uint32_t u = 0; u < v.n_nodes(); ++u)
      for (auto e = v.first_out_[u]; e < v.first_out_[u + 1]; ++e)
        if (w[e] != kNoWeight) {
          edges.emplace_back(u, v.head_[e]);
          weights.push_back(w[e]);
        }
    bgraph bg{boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), weights.begin(), v.n_nodes()};
    std::mt19937 rng{m == mode::walk ? 42U : 43U};
    std::uniform_int_distribution<std::uint32_t> pick{0, static_cast<std::uint32_t>(v.n_nodes() - 1)};
    query_state qs;
    std::vector<std::uint64_t> dist(v.n_nodes());
    std::size_t compared = 0, checked_sources = 0;
    // Per mode n_sources random sources of the mode's component: a tenth unbounded (one-to-all), the others
    // with a 20- or 10-minute budget.
    for (std::size_t i = 0; i < n_sources; ++i) {
      auto s = pick(rng);
      while (!v.node_in(node_idx_t{s}, m)) s = pick(rng);
      ++checked_sources;
      std::uint32_t const budget = i % 10 == 0 ? kUnreached : (i % 2 == 0 ? 12000U : 6000U);
      seed const sd{node_idx_t{s}, 0};
      dijkstra(v, m, {&sd, 1}, budget, qs);
      budget_visitor vis;
      vis.dist = &dist;
      vis.budget = budget;
      try {
        boost::dijkstra_shortest_paths_no_color_map(
            bg, static_cast<bgraph::vertex_descriptor>(s),
            boost::weight_map(boost::get(boost::edge_bundle, bg))
                .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, bg)))
                .distance_inf(std::numeric_limits<std::uint64_t>::max())
                .visitor(vis));
      } catch (stop_search const&) {
      }
      for (std::uint32_t x = 0; x < v.n_nodes(); ++x) {
        auto const mine = qs.times()[x];
        if (dist[x] <= budget) {
          ASSERT_EQ(mine, dist[x]) << "source " << s << " node " << x << " mode " << mode_name(m);
          ++compared;
        } else {
          ASSERT_EQ(mine, kUnreached) << "source " << s << " node " << x;
        }
      }
    }
    EXPECT_EQ(checked_sources, n_sources);
    EXPECT_GT(compared, checked_sources * 10);
  }
}

}  // namespace
}  // namespace kwartier::street
