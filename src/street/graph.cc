#include "kwartier/street/graph.h"

#include <cmath>
#include <cstring>
#include <string>

#include "kwartier/core/csr.h"

namespace kwartier::street {

namespace {
constexpr std::uint32_t kMeta = fourcc("GMta");
constexpr std::uint32_t kNodePos = fourcc("GNll");
constexpr std::uint32_t kNodeModes = fourcc("GNmd");
constexpr std::uint32_t kFirstOut = fourcc("GFo_");
constexpr std::uint32_t kHead = fourcc("GHd_");
constexpr std::uint32_t kWeightWalk = fourcc("GWw_");
constexpr std::uint32_t kWeightBike = fourcc("GWb_");
constexpr std::uint32_t kEdgeChain = fourcc("GEc_");
constexpr std::uint32_t kRevFirstOut = fourcc("GRo_");
constexpr std::uint32_t kRevTail = fourcc("GRt_");
constexpr std::uint32_t kRevEdge = fourcc("GRe_");
constexpr std::uint32_t kChainFrom = fourcc("GCf_");
constexpr std::uint32_t kChainTo = fourcc("GCt_");
constexpr std::uint32_t kChainLength = fourcc("GCl_");
constexpr std::uint32_t kChainGeomOffsets = fourcc("GCo_");
constexpr std::uint32_t kGeom = fourcc("GCg_");
constexpr std::uint32_t kChainFwdEdge = fourcc("GCfe");
constexpr std::uint32_t kChainBwdEdge = fourcc("GCbe");
constexpr std::uint32_t kEdgeFlags = fourcc("GEfl");

tl::unexpected<error> corrupt(dataset_file const& f, std::string const& what) {
  return make_error(errc::corrupt_dataset, "street graph: " + what, f.name());
}

bool all_below(std::span<std::uint32_t const> v, std::size_t n, bool allow_none = false) {
  for (auto x : v)
    if (x >= n && !(allow_none && x == kNoEdge)) return false;
  return true;
}
}  // namespace

std::uint32_t travel_ds(double length_m, double speed_mps) {
  if (!(length_m > 0.0)) return 0;
  double const ds = std::round(length_m / speed_mps * 10.0);
  if (ds < 1.0) return 1;
  if (ds >= 4.0e9) return 4000000000U;
  return static_cast<std::uint32_t>(ds);
}

graph_view view_of(graph const& g) {
  graph_view v;
  v.stats_ = g.stats_;
  v.node_pos_ = g.node_pos_;
  v.node_modes_ = g.node_modes_;
  v.first_out_ = g.first_out_;
  v.head_ = g.head_;
  v.weight_walk_ = g.weight_walk_;
  v.weight_bike_ = g.weight_bike_;
  v.edge_chain_ = g.edge_chain_;
  v.edge_flags_ = g.edge_flags_;
  v.rev_first_out_ = g.rev_first_out_;
  v.rev_tail_ = g.rev_tail_;
  v.rev_edge_ = g.rev_edge_;
  v.chain_from_ = g.chain_from_;
  v.chain_to_ = g.chain_to_;
  v.chain_length_m_ = g.chain_length_m_;
  v.chain_geom_offsets_ = g.chain_geom_offsets_;
  v.geom_ = g.geom_;
  v.chain_fwd_edge_ = g.chain_fwd_edge_;
  v.chain_bwd_edge_ = g.chain_bwd_edge_;
  return v;
}

void add_sections(graph const& g, dataset_writer& w) {
  w.add<graph_stats>(kMeta, std::span<graph_stats const>{&g.stats_, 1});
  w.add(kNodePos, g.node_pos_);
  w.add(kNodeModes, g.node_modes_);
  w.add(kFirstOut, g.first_out_);
  w.add(kHead, g.head_);
  w.add(kWeightWalk, g.weight_walk_);
  w.add(kWeightBike, g.weight_bike_);
  w.add(kEdgeChain, g.edge_chain_);
  w.add(kRevFirstOut, g.rev_first_out_);
  w.add(kRevTail, g.rev_tail_);
  w.add(kRevEdge, g.rev_edge_);
  w.add(kChainFrom, g.chain_from_);
  w.add(kChainTo, g.chain_to_);
  w.add(kChainLength, g.chain_length_m_);
  w.add(kChainGeomOffsets, g.chain_geom_offsets_);
  w.add(kGeom, g.geom_);
  w.add(kChainFwdEdge, g.chain_fwd_edge_);
  w.add(kChainBwdEdge, g.chain_bwd_edge_);
}

void add_edge_flag_sections(graph const& g, dataset_writer& w) { w.add(kEdgeFlags, g.edge_flags_); }

status read_edge_flag_sections(dataset_file const& f, graph_view& g) {
  KW_TRY(auto flags, f.section<std::uint8_t>(kEdgeFlags));
  if (flags.size() != g.n_edges()) return corrupt(f, "edge flags do not match the edge count");
  for (auto const x : flags)
    if ((x & ~(kSteps | kWheelchairNo | kKerbRaised | kAccessUnknown)) != 0) return corrupt(f, "unknown edge flag");
  g.edge_flags_ = flags;
  return {};
}

result<graph_view> read_sections(dataset_file const& f) {
  graph_view g;
  KW_TRY(auto meta, f.section<graph_stats>(kMeta));
  if (meta.size() != 1) return corrupt(f, "stats section must hold one record");
  std::memcpy(&g.stats_, meta.data(), sizeof(graph_stats));
  KW_TRY(g.node_pos_, f.section<geo::latlng>(kNodePos));
  KW_TRY(g.node_modes_, f.section<std::uint8_t>(kNodeModes));
  KW_TRY(g.first_out_, f.section<std::uint32_t>(kFirstOut));
  KW_TRY(g.head_, f.section<std::uint32_t>(kHead));
  KW_TRY(g.weight_walk_, f.section<std::uint32_t>(kWeightWalk));
  KW_TRY(g.weight_bike_, f.section<std::uint32_t>(kWeightBike));
  KW_TRY(g.edge_chain_, f.section<std::uint32_t>(kEdgeChain));
  KW_TRY(g.rev_first_out_, f.section<std::uint32_t>(kRevFirstOut));
  KW_TRY(g.rev_tail_, f.section<std::uint32_t>(kRevTail));
  KW_TRY(g.rev_edge_, f.section<std::uint32_t>(kRevEdge));
  KW_TRY(g.chain_from_, f.section<std::uint32_t>(kChainFrom));
  KW_TRY(g.chain_to_, f.section<std::uint32_t>(kChainTo));
  KW_TRY(g.chain_length_m_, f.section<float>(kChainLength));
  KW_TRY(g.chain_geom_offsets_, f.section<std::uint32_t>(kChainGeomOffsets));
  KW_TRY(g.geom_, f.section<geo::latlng>(kGeom));
  KW_TRY(g.chain_fwd_edge_, f.section<std::uint32_t>(kChainFwdEdge));
  KW_TRY(g.chain_bwd_edge_, f.section<std::uint32_t>(kChainBwdEdge));

  std::size_t const n = g.node_pos_.size(), m = g.head_.size(), nc = g.chain_from_.size();
  if (n >= kNoEdge || m >= kNoEdge || nc >= kNoEdge || g.geom_.size() >= kNoEdge)
    return corrupt(f, "too many elements");
  if (g.node_modes_.size() != n) return corrupt(f, "node mode flags do not match the node count");
  if (g.first_out_.size() != n + 1 || !csr_offsets_valid(g.first_out_, m))
    return corrupt(f, "forward CSR offsets are not monotone or do not match the edge count");
  if (g.rev_first_out_.size() != n + 1 || !csr_offsets_valid(g.rev_first_out_, m))
    return corrupt(f, "reverse CSR offsets are not monotone or do not match the edge count");
  if (g.weight_walk_.size() != m || g.weight_bike_.size() != m || g.edge_chain_.size() != m ||
      g.rev_tail_.size() != m || g.rev_edge_.size() != m)
    return corrupt(f, "edge arrays differ in length");
  if (!all_below(g.head_, n) || !all_below(g.rev_tail_, n)) return corrupt(f, "edge names a node out of range");
  if (!all_below(g.rev_edge_, m)) return corrupt(f, "reverse edge names an edge out of range");
  if (!all_below(g.edge_chain_, nc)) return corrupt(f, "edge names a chain out of range");
  if (g.chain_to_.size() != nc || g.chain_length_m_.size() != nc || g.chain_fwd_edge_.size() != nc ||
      g.chain_bwd_edge_.size() != nc || g.chain_geom_offsets_.size() != nc + 1)
    return corrupt(f, "chain arrays differ in length");
  if (!csr_offsets_valid(g.chain_geom_offsets_, g.geom_.size()))
    return corrupt(f, "chain geometry offsets are not monotone");
  for (std::size_t c = 0; c < nc; ++c)
    if (g.chain_geom_offsets_[c + 1] - g.chain_geom_offsets_[c] < 2) return corrupt(f, "chain with fewer than 2 points");
  if (!all_below(g.chain_from_, n) || !all_below(g.chain_to_, n)) return corrupt(f, "chain names a node out of range");
  if (!all_below(g.chain_fwd_edge_, m, true) || !all_below(g.chain_bwd_edge_, m, true))
    return corrupt(f, "chain names an edge out of range");
  // The reverse graph must list each edge under its head, with the right tail.
  for (std::uint32_t v = 0; v < n; ++v)
    for (auto i = g.rev_first_out_[v]; i < g.rev_first_out_[v + 1]; ++i) {
      auto const e = g.rev_edge_[i];
      auto const u = g.rev_tail_[i];
      if (g.head_[e] != v || e < g.first_out_[u] || e >= g.first_out_[u + 1])
        return corrupt(f, "reverse graph does not match the forward graph");
    }
  for (auto const& p : g.node_pos_)
    if (!geo::valid(p)) return corrupt(f, "node coordinate out of range");
  for (auto const& p : g.geom_)
    if (!geo::valid(p)) return corrupt(f, "geometry coordinate out of range");
  for (auto l : g.chain_length_m_)
    if (!(l >= 0.0F) || !std::isfinite(l)) return corrupt(f, "chain length is not a finite non-negative number");
  g.file_ = f;
  return g;
}

}  // namespace kwartier::street
