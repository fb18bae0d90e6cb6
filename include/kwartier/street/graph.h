// Street graphs for walking and cycling (DESIGN.md §6), built from OpenStreetMap by street::build_graph.
//
// One directed topology shared by both modes, in CSR form: first_out_ (n + 1) and head_ (m), one weight
// array per mode (travel time in deciseconds; kNoWeight where the mode may not use the edge), node
// coordinates, and the reverse graph (rev_first_out_ / rev_tail_ / rev_edge_, the latter naming the forward
// edge, so weights are shared). Graph nodes are street junctions (and ends); the geometry between two
// junctions is a *chain* (a polyline with its length) used to snap coordinates onto the streets. Every
// edge belongs to one chain; a chain has up to two edges (from -> to and to -> from).
// Per mode only the largest strongly connected component keeps weights; nodes are renumbered along a
// Hilbert curve so that nearby junctions have nearby indices.
//
// One struct templated on ownership: `graph` (owned vectors, from build_graph) and `graph_view` (spans into a
// mapped dataset file, from read_sections). Both are immutable and may be read from any number of threads.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"
#include "kwartier/core/strong.h"
#include "kwartier/geo/latlng.h"

namespace kwartier::street {

enum class mode : std::uint8_t { walk = 0, bike = 1 };
constexpr std::size_t kNModes = 2;
constexpr std::string_view mode_name(mode m) { return m == mode::walk ? "walk" : "bike"; }

// What a search may use: a mode, and the edge flags (edge_flag bits) it avoids. Converts from a mode (no
// flag avoided), so every street function taking a profile also takes a plain mode.
struct travel_profile {
  mode m = mode::walk;
  std::uint8_t avoid = 0;
  constexpr travel_profile(mode md, std::uint8_t av = 0) : m{md}, avoid{av} {}  // NOLINT: implicit from mode
  friend constexpr bool operator==(travel_profile, travel_profile) = default;
};

using node_idx_t = strong<std::uint32_t, struct node_idx_tag>;
using edge_idx_t = strong<std::uint32_t, struct edge_idx_tag>;
using chain_idx_t = strong<std::uint32_t, struct chain_idx_tag>;

// Accessibility of an edge for the step-free profile (people with reduced mobility), from OSM (street/osm.h):
// one byte per edge, a set of these bits.
enum edge_flag : std::uint8_t {
  kSteps = 1,          // highway=steps (without wheelchair=yes or ramp:wheelchair=yes)
  kWheelchairNo = 2,   // wheelchair=no on the way, or on a barrier node inside it
  kKerbRaised = 4,     // kerb=raised on the way or on a node inside it (or at the end of a crossing way)
  kAccessUnknown = 8,  // wheelchair=limited, or a kerb of another or unknown height (kerb=yes|rolled|unknown|...)
};
// What the step-free profile always avoids; kAccessUnknown is avoided on request.
constexpr std::uint8_t kStepFreeAvoid = kSteps | kWheelchairNo | kKerbRaised;

constexpr std::uint32_t kNoWeight = std::numeric_limits<std::uint32_t>::max();  // edge unusable in a mode
constexpr std::uint32_t kNoEdge = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();

// Per mode: what the largest strongly connected component kept and what was dropped.
struct mode_stats {
  std::uint64_t nodes = 0;             // graph nodes in the kept component
  std::uint64_t edges = 0;             // directed edges usable by the mode after the cut
  std::uint64_t components = 0;        // strongly connected components among nodes the mode can use
  std::uint64_t kept_components = 0;   // 1, or more with osm_options::min_component_nodes
  std::uint64_t dropped_nodes = 0;     // nodes the mode could use that lie outside the kept component
  std::uint64_t dropped_edges = 0;     // directed edges the mode lost with them
  double dropped_length_m = 0.0;       // length of the chains the mode lost entirely
};

// What build_graph read and kept. Stored in the dataset (section GMta), shown by `kwartier network info`.
struct graph_stats {
  std::uint64_t osm_nodes = 0;           // node records read
  std::uint64_t osm_ways = 0;            // way records read
  std::uint64_t usable_ways = 0;         // ways a pedestrian or cyclist may use
  std::uint64_t missing_node_refs = 0;   // node references of usable ways with no (valid) node
  std::uint64_t invalid_locations = 0;   // nodes with coordinates out of range
  std::uint64_t nodes_before_cut = 0;    // junctions before the component cut
  std::uint64_t nodes = 0;               // graph nodes kept
  std::uint64_t edges = 0;               // directed edges kept
  std::uint64_t chains = 0;              // street pieces kept
  std::uint64_t geometry_points = 0;
  double total_length_m = 0.0;           // sum of chain lengths kept
  double walk_speed_mps = 0.0;
  double bike_speed_mps = 0.0;
  mode_stats modes[kNModes];
};
static_assert(std::is_trivially_copyable_v<graph_stats>);

// Schema of the street sections (section ids all start with 'G').
constexpr std::string_view kGraphSchema =
    "street.graph.v1:GMta:stats(u64x10,f64x3,[u64x6,f64]x2);GNll:latlon(f64,f64);GNmd:u8;"
    "GFo:u32;GHd:u32;GWw:u32;GWb:u32;GEc:u32;GRo:u32;GRt:u32;GRe:u32;"
    "GCf:u32;GCt:u32;GCl:f32;GCo:u32;GCg:latlon(f64,f64);GCfe:u32;GCbe:u32;";

template <ownership O>
struct graph_t {
  graph_stats stats_{};

  // ---- nodes (node_idx_t)
  vec_t<geo::latlng, O> node_pos_;
  vec_t<std::uint8_t, O> node_modes_;  // bit m: node in mode m's kept component

  // ---- forward CSR (edge_idx_t)
  vec_t<std::uint32_t, O> first_out_;    // n + 1
  vec_t<std::uint32_t, O> head_;         // m
  vec_t<std::uint32_t, O> weight_walk_;  // deciseconds or kNoWeight
  vec_t<std::uint32_t, O> weight_bike_;
  vec_t<std::uint32_t, O> edge_chain_;   // chain_idx_t of the edge
  vec_t<std::uint8_t, O> edge_flags_;    // edge_flag bits per edge; empty when the file predates them

  // ---- reverse CSR
  vec_t<std::uint32_t, O> rev_first_out_;  // n + 1
  vec_t<std::uint32_t, O> rev_tail_;       // m: tail of the edge
  vec_t<std::uint32_t, O> rev_edge_;       // m: forward edge index

  // ---- chains (chain_idx_t): street geometry between two junctions
  vec_t<std::uint32_t, O> chain_from_;
  vec_t<std::uint32_t, O> chain_to_;
  vec_t<float, O> chain_length_m_;
  vec_t<std::uint32_t, O> chain_geom_offsets_;  // n_chains + 1 into geom_ (points include both ends)
  vec_t<geo::latlng, O> geom_;
  vec_t<std::uint32_t, O> chain_fwd_edge_;  // edge from -> to, or kNoEdge
  vec_t<std::uint32_t, O> chain_bwd_edge_;  // edge to -> from, or kNoEdge

  std::size_t n_nodes() const { return node_pos_.size(); }
  std::size_t n_edges() const { return head_.size(); }
  std::size_t n_chains() const { return chain_from_.size(); }

  std::span<std::uint32_t const> weights(mode m) const {
    return m == mode::walk ? std::span<std::uint32_t const>{weight_walk_}
                           : std::span<std::uint32_t const>{weight_bike_};
  }
  bool has_edge_flags() const { return edge_flags_.size() == head_.size(); }
  // Weight of edge e in profile p: kNoWeight when the mode may not use it or it carries an avoided flag.
  std::uint32_t weight(std::uint32_t e, travel_profile p) const {
    if (p.avoid != 0 && (!has_edge_flags() || (edge_flags_[e] & p.avoid) != 0)) return kNoWeight;
    return weights(p.m)[e];
  }
  std::span<geo::latlng const> chain_geometry(chain_idx_t c) const {
    return {geom_.data() + chain_geom_offsets_[c.v()], chain_geom_offsets_[c.v() + 1] - chain_geom_offsets_[c.v()]};
  }
  // Weight of the chain's edge in direction from -> to (forward) or to -> from, kNoWeight when absent.
  std::uint32_t chain_weight(chain_idx_t c, travel_profile p, bool forward) const {
    auto const e = forward ? chain_fwd_edge_[c.v()] : chain_bwd_edge_[c.v()];
    return e == kNoEdge ? kNoWeight : weight(e, p);
  }
  bool chain_usable(chain_idx_t c, travel_profile p) const {
    return chain_weight(c, p, true) != kNoWeight || chain_weight(c, p, false) != kNoWeight;
  }
  bool node_in(node_idx_t n, mode m) const { return (node_modes_[n.v()] >> static_cast<unsigned>(m)) & 1U; }

  dataset_file file_;  // keeps the mapping alive (empty for an owned graph)
};

using graph = graph_t<ownership::owned>;
using graph_view = graph_t<ownership::view>;

// A view of an owned graph (no copy); `g` must outlive the view.
graph_view view_of(graph const& g);

// Adds the street sections to `w`; read_sections validates them (monotone offsets, indices < counts,
// reverse graph consistent with the forward one): errc::corrupt_dataset on any inconsistency.
void add_sections(graph const& g, dataset_writer& w);
result<graph_view> read_sections(dataset_file const& f);

// The per-edge accessibility flags, an optional part of a dataset (files written before them lack it):
// schema for the embedding dataset's optional-group table, writer and reader (into g.edge_flags_;
// corrupt_dataset when the count differs from the edge count or an unknown bit is set).
constexpr std::string_view kEdgeFlagsSchema = "street.edge_flags.v1:GEfl:u8(steps,wheelchair_no,kerb_raised,unknown);";
void add_edge_flag_sections(graph const& g, dataset_writer& w);
status read_edge_flag_sections(dataset_file const& f, graph_view& g);

// Deciseconds for `length_m` at `speed_mps` (rounded, at least 1 for a positive length).
std::uint32_t travel_ds(double length_m, double speed_mps);

// Street weights and searches count deciseconds (so that short edges do not all round to the same second);
// everything public above the street search counts whole seconds (std::int32_t). These two functions are the
// one place where the units meet:
// - ds_to_seconds rounds to the nearest second, halves up (kUnreached -> kUnreachedSeconds);
// - seconds_to_ds turns a budget in whole seconds into the largest decisecond time that still rounds to
//   at most that many seconds (10 s + 4; negative -> 0), so that a search bounded by seconds_to_ds(budget)
//   keeps exactly the times whose reported seconds, ds_to_seconds(t), are <= budget.
constexpr std::int32_t kUnreachedSeconds = std::numeric_limits<std::int32_t>::max();
constexpr std::int32_t ds_to_seconds(std::uint32_t ds) {
  return ds == kUnreached ? kUnreachedSeconds : static_cast<std::int32_t>((std::uint64_t{ds} + 5) / 10);
}
constexpr std::uint32_t seconds_to_ds(std::int32_t s) {
  return s < 0 ? 0U : static_cast<std::uint32_t>(std::min<std::int64_t>(std::int64_t{s} * 10 + 4, kUnreached - 1));
}

}  // namespace kwartier::street
