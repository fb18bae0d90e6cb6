// Street queries on a graph_view: snapping a coordinate to the streets of a mode, and bounded Dijkstra from
// one or more seeds (one-to-all; one-to-many by reading the times at snapped targets).
//
//   street::snapper snap{g};                          // one per graph, shared by threads (lazy R-tree)
//   street::query_state qs;                           // one per thread, reused across queries
//   KW_TRY(auto s, snap.snap(pos, mode::walk, 200.0));
//   auto seeds = street::seeds_from(g, s, mode::walk);
//   street::dijkstra(g, mode::walk, seeds, 15 * 600, qs);   // budget in deciseconds
//   qs.times()[node]                                    // deciseconds, kUnreached beyond the budget
//
// Thread rules: a query_state belongs to one thread at a time; graph and snapper are shared read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/street/graph.h"

namespace kwartier::geo {
class segment_index;
}

namespace kwartier::street {

// A coordinate snapped onto a chain: offset_m from the chain's `from` node along its geometry.
struct snap_result {
  chain_idx_t chain = chain_idx_t::invalid();
  float offset_m = 0.0F;  // along the chain from chain_from
  float dist_m = 0.0F;    // straight line from the coordinate to the snapped point
  geo::latlng point;      // snapped point
};

// Snaps coordinates to the nearest chain usable by a profile (a mode, and for step-free the edge flags). The R-tree over every chain segment is built on
// first use (thread-safe), so opening a network stays cheap.
class snapper {
 public:
  explicit snapper(graph_view g);
  ~snapper();
  snapper(snapper const&) = delete;
  snapper& operator=(snapper const&) = delete;

  // errc::too_far when no usable street lies within max_m; errc::out_of_range for a bad coordinate.
  result<snap_result> snap(geo::latlng p, travel_profile prof, double max_m) const;

 private:
  geo::segment_index const& index() const;
  graph_view g_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<geo::segment_index> index_;
  mutable std::vector<std::uint32_t> segment_chain_;  // segment -> chain, filled with the index
};

// The point `offset_m` along chain c's geometry from its `from` node (clamped to the chain).
geo::latlng point_at(graph_view const& g, chain_idx_t c, double offset_m);

// The piece of chain c's geometry between offsets a and b (metres from its `from` node, clamped), ordered
// from a to b (reversed when b < a); at least two points.
std::vector<geo::latlng> chain_piece(graph_view const& g, chain_idx_t c, double a, double b);

struct seed {
  node_idx_t node;
  std::uint32_t time_ds;
};

// Seeds for leaving a snapped point in mode m: the chain ends reachable along the chain, each with the
// partial travel time. Empty when the chain is not usable in that direction.
std::vector<seed> seeds_from(graph_view const& g, snap_result const& s, travel_profile p);

// Seeds for a reverse search towards a snapped point in mode m: the chain ends from which the point is
// reached along the chain, each with the partial travel time. Empty when the chain is not usable towards it.
std::vector<seed> seeds_to(graph_view const& g, snap_result const& s, travel_profile p);

// Travel time (deciseconds) along one chain from snapped point a to snapped point b (kUnreached when they lie
// on different chains or the mode may not go that way).
std::uint32_t along_chain(graph_view const& g, snap_result const& a, snap_result const& b, travel_profile p);

// Travel time (deciseconds) from a snapped source, given node times of a *reverse* search (times from each
// node to the target; see seeds_to), and optionally the target snap for a source and target on the same
// chain. kUnreached when not reached.
std::uint32_t time_from(graph_view const& g, snap_result const& source, travel_profile p, std::span<std::uint32_t const> rev_times,
                        snap_result const* target = nullptr);

// Travel time (deciseconds) to a snapped target, from node times of a forward search (and optionally the
// source snap, for a source and target on the same chain). kUnreached when not reached.
std::uint32_t time_to(graph_view const& g, snap_result const& target, travel_profile p, std::span<std::uint32_t const> times,
                      snap_result const* source = nullptr);

class query_state {
 public:
  // Times of the last search, per node, in deciseconds; kUnreached where not reached within the budget.
  std::span<std::uint32_t const> times() const { return dist_; }
  // Nodes reached by the last search (in settle order).
  std::span<std::uint32_t const> reached() const { return settled_; }

 private:
  friend void dijkstra(graph_view const&, travel_profile, std::span<seed const>, std::uint32_t, query_state&, bool);
  std::vector<std::uint32_t> dist_;
  std::vector<std::uint32_t> touched_;
  std::vector<std::uint32_t> settled_;
  std::vector<std::uint64_t> heap_;
};

// Dijkstra over the profile's weights (mode, minus edges carrying an avoided flag) from the seeds, keeping every node with time <= budget_ds (use kUnreached
// for no bound). `reverse`: search the reverse graph (times *to* the seeds). Resets only what the previous
// search touched, so bounded searches cost what they reach.
void dijkstra(graph_view const& g, travel_profile p, std::span<seed const> seeds, std::uint32_t budget_ds, query_state& qs,
              bool reverse = false);

}  // namespace kwartier::street
