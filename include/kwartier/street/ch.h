// Contraction hierarchies (Geisberger, Sanders, Schultes, Delling 2008) of the street graph, one per mode,
// for fast many-to-many travel times (routing::matrix, bucket-based: Knopp et al. 2007).
//
//   auto ch = street::build_ch(g, street::mode::walk);      // at `network build` time, once
//   street::add_ch_sections(walk_ch, bike_ch, w);           // optional group GCh_ of the .kwn
//   auto v = street::read_ch_sections(f, g.n_nodes());       // on open: views, validated
//
// Nodes are contracted one by one in the order of a priority (edge difference + contracted neighbours,
// updated lazily); contracting v adds a shortcut u -> x for every pair of remaining neighbours u -> v -> x
// unless a witness search (Dijkstra from u avoiding v, limited to kWitnessSettleLimit settled nodes) finds a
// path at most as long. A node's rank is its position in that order. The result is stored in rank space
// (node ids = ranks, so the top of the hierarchy is contiguous in memory) as two graphs:
//   - up:   for rank r, the edges r -> x (original or shortcut) with x > r, and their weights;
//   - down: for rank r, the edges x -> r with x > r (searched backwards from a target), and their weights.
// Every shortest path of the mode's graph (its weights in deciseconds, the profile without avoided flags) has
// the same length as an up path from its source followed by a down path to its target, meeting at the
// path's highest node; a matrix is one upward search per target (filling buckets) and one per source.
//
// Thread rules: immutable; any number of threads may search one hierarchy.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"
#include "kwartier/street/graph.h"

namespace kwartier::street {

template <ownership O>
struct ch_t {
  vec_t<std::uint32_t, O> rank_;        // node -> rank (a permutation of 0 .. n - 1)
  vec_t<std::uint32_t, O> up_first_;    // n + 1
  vec_t<std::uint32_t, O> up_head_;     // rank of the head (> the tail's rank)
  vec_t<std::uint32_t, O> up_weight_;   // deciseconds
  vec_t<std::uint32_t, O> down_first_;  // n + 1
  vec_t<std::uint32_t, O> down_tail_;   // rank of the tail (> the head's rank)
  vec_t<std::uint32_t, O> down_weight_;

  std::size_t n_nodes() const { return rank_.size(); }
  std::size_t n_arcs() const { return up_head_.size() + down_tail_.size(); }
  bool empty() const { return rank_.size() == 0; }
};
using ch = ch_t<ownership::owned>;
using ch_view = ch_t<ownership::view>;

ch_view view_of(ch const& c);

// Builds the hierarchy of mode m (the mode's weights; edges of weight kNoWeight left out). Deterministic.
// `progress` (fraction 0..1 of the nodes contracted) may be empty.
ch build_ch(graph_view const& g, mode m, std::function<void(double)> const& progress = {});

// The optional group holding both modes' hierarchies: schema string (for the embedding dataset's
// optional-group table), writer, and reader (views; corrupt_dataset on a size that does not match n_nodes,
// offsets that are not monotone, a rank that is not a permutation, an arc that does not go up).
constexpr std::string_view kChSchema =
    "street.ch.v1:HwRk:u32;HwUo:u32;HwUh:u32;HwUw:u32;HwDo:u32;HwDt:u32;HwDw:u32;"
    "HbRk:u32;HbUo:u32;HbUh:u32;HbUw:u32;HbDo:u32;HbDt:u32;HbDw:u32;";
void add_ch_sections(ch const& walk, ch const& bike, dataset_writer& w);
struct ch_pair {
  ch_view walk, bike;
};
result<ch_pair> read_ch_sections(dataset_file const& f, std::size_t n_nodes);

}  // namespace kwartier::street
