#include "kwartier/street/query.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "kwartier/geo/segment_index.h"

namespace kwartier::street {

snapper::snapper(graph_view g) : g_{std::move(g)} {}
snapper::~snapper() = default;

geo::segment_index const& snapper::index() const {
  std::call_once(once_, [this] {
    std::vector<geo::segment> segs;
    auto& chain_of = segment_chain_;
    chain_of.assign(g_.geom_.size(), 0);
    segs.reserve(g_.geom_.size());
    for (std::uint32_t c = 0; c < g_.n_chains(); ++c)
      for (auto k = g_.chain_geom_offsets_[c]; k + 1 < g_.chain_geom_offsets_[c + 1]; ++k) {
        chain_of[k] = c;
        segs.push_back({g_.geom_[k], g_.geom_[k + 1], k});
      }
    index_ = std::make_unique<geo::segment_index>(std::move(segs));
  });
  return *index_;
}

result<snap_result> snapper::snap(geo::latlng p, travel_profile prof, double max_m) const {
  if (!geo::valid(p))
    return make_error(errc::out_of_range,
                      "coordinate (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) + ") is out of range");
  if (!(max_m >= 0.0)) return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_m");
  auto const& idx = index();
  auto const hit = idx.nearest(p, max_m, [&](std::uint32_t k) { return g_.chain_usable(chain_idx_t{segment_chain_[k]}, prof); });
  if (!hit)
    return make_error(errc::too_far, "no " + std::string(mode_name(prof.m)) + (prof.avoid != 0 ? " (step-free)" : "") + " street within " +
                                         std::to_string(static_cast<long long>(max_m)) + " m of (" +
                                         std::to_string(p.lat) + ", " + std::to_string(p.lon) + ")");
  auto const k = hit->id;
  auto const c = segment_chain_[k];
  double offset = 0.0;
  for (auto i = g_.chain_geom_offsets_[c]; i < k; ++i) offset += geo::haversine_m(g_.geom_[i], g_.geom_[i + 1]);
  offset += hit->proj.t * geo::haversine_m(g_.geom_[k], g_.geom_[k + 1]);
  double const len = g_.chain_length_m_[c];
  snap_result r;
  r.chain = chain_idx_t{c};
  r.offset_m = static_cast<float>(std::clamp(offset, 0.0, len));
  r.dist_m = static_cast<float>(hit->proj.dist_m);
  r.point = hit->proj.point;
  return r;
}

geo::latlng point_at(graph_view const& g, chain_idx_t c, double offset_m) {
  auto const pts = g.chain_geometry(c);
  double left = offset_m;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    double const len = geo::haversine_m(pts[i], pts[i + 1]);
    if (left <= len || i + 2 == pts.size()) {
      double const t = len > 0.0 ? std::clamp(left / len, 0.0, 1.0) : 0.0;
      return {pts[i].lat + t * (pts[i + 1].lat - pts[i].lat), pts[i].lon + t * (pts[i + 1].lon - pts[i].lon)};
    }
    left -= len;
  }
  return pts.empty() ? geo::latlng{} : pts.front();
}

std::vector<geo::latlng> chain_piece(graph_view const& g, chain_idx_t c, double a, double b) {
  bool const reversed = b < a;
  if (reversed) std::swap(a, b);
  double const len = g.chain_length_m_[c.v()];
  a = std::clamp(a, 0.0, len);
  b = std::clamp(b, 0.0, len);
  auto const pts = g.chain_geometry(c);
  std::vector<geo::latlng> out;
  out.push_back(point_at(g, c, a));
  double pos = 0.0;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    pos += geo::haversine_m(pts[i], pts[i + 1]);
    if (pos > a && pos < b) out.push_back(pts[i + 1]);
  }
  out.push_back(point_at(g, c, b));
  if (reversed) std::reverse(out.begin(), out.end());
  return out;
}

namespace {
// Partial weight of a chain edge over `part` of the chain's length.
std::uint32_t partial(std::uint32_t w, double part, double len) {
  if (w == kNoWeight) return kNoWeight;
  if (!(len > 0.0)) return 0;
  double const f = std::clamp(part / len, 0.0, 1.0);
  return static_cast<std::uint32_t>(std::lround(static_cast<double>(w) * f));
}
}  // namespace

std::vector<seed> seeds_from(graph_view const& g, snap_result const& s, travel_profile m) {
  std::vector<seed> out;
  if (!s.chain.valid() || s.chain.v() >= g.n_chains()) return out;
  auto const c = s.chain;
  double const len = g.chain_length_m_[c.v()];
  auto const to_end = partial(g.chain_weight(c, m, true), len - s.offset_m, len);
  auto const to_start = partial(g.chain_weight(c, m, false), s.offset_m, len);
  if (to_end != kNoWeight) out.push_back({node_idx_t{g.chain_to_[c.v()]}, to_end});
  if (to_start != kNoWeight) out.push_back({node_idx_t{g.chain_from_[c.v()]}, to_start});
  return out;
}

std::vector<seed> seeds_to(graph_view const& g, snap_result const& s, travel_profile m) {
  std::vector<seed> out;
  if (!s.chain.valid() || s.chain.v() >= g.n_chains()) return out;
  auto const c = s.chain;
  double const len = g.chain_length_m_[c.v()];
  auto const from_start = partial(g.chain_weight(c, m, true), s.offset_m, len);
  auto const from_end = partial(g.chain_weight(c, m, false), len - s.offset_m, len);
  if (from_start != kNoWeight) out.push_back({node_idx_t{g.chain_from_[c.v()]}, from_start});
  if (from_end != kNoWeight) out.push_back({node_idx_t{g.chain_to_[c.v()]}, from_end});
  return out;
}

std::uint32_t along_chain(graph_view const& g, snap_result const& a, snap_result const& b, travel_profile m) {
  if (!a.chain.valid() || a.chain != b.chain || a.chain.v() >= g.n_chains()) return kUnreached;
  auto const c = a.chain;
  bool const forward = b.offset_m >= a.offset_m;
  auto const w = partial(g.chain_weight(c, m, forward), std::fabs(b.offset_m - a.offset_m), g.chain_length_m_[c.v()]);
  return w == kNoWeight ? kUnreached : w;
}

std::uint32_t time_from(graph_view const& g, snap_result const& source, travel_profile m, std::span<std::uint32_t const> rev_times,
                        snap_result const* target) {
  std::uint64_t best = kUnreached;
  for (auto const& sd : seeds_from(g, source, m))
    if (rev_times[sd.node.v()] != kUnreached)
      best = std::min<std::uint64_t>(best, std::uint64_t{sd.time_ds} + rev_times[sd.node.v()]);
  if (target != nullptr) best = std::min<std::uint64_t>(best, along_chain(g, source, *target, m));
  return best >= kUnreached ? kUnreached : static_cast<std::uint32_t>(best);
}

std::uint32_t time_to(graph_view const& g, snap_result const& t, travel_profile m, std::span<std::uint32_t const> times,
                      snap_result const* source) {
  if (!t.chain.valid() || t.chain.v() >= g.n_chains()) return kUnreached;
  auto const c = t.chain;
  double const len = g.chain_length_m_[c.v()];
  std::uint64_t best = kUnreached;
  auto const from = g.chain_from_[c.v()], to = g.chain_to_[c.v()];
  // Entering at `from` and moving forward, or entering at `to` and moving backward.
  if (auto const w = partial(g.chain_weight(c, m, true), t.offset_m, len); w != kNoWeight && times[from] != kUnreached)
    best = std::min<std::uint64_t>(best, std::uint64_t{times[from]} + w);
  if (auto const w = partial(g.chain_weight(c, m, false), len - t.offset_m, len);
      w != kNoWeight && times[to] != kUnreached)
    best = std::min<std::uint64_t>(best, std::uint64_t{times[to]} + w);
  if (source != nullptr && source->chain == c) {
    bool const forward = t.offset_m >= source->offset_m;
    auto const w = partial(g.chain_weight(c, m, forward), std::fabs(t.offset_m - source->offset_m), len);
    if (w != kNoWeight) best = std::min<std::uint64_t>(best, w);
  }
  return best >= kUnreached ? kUnreached : static_cast<std::uint32_t>(best);
}

void dijkstra(graph_view const& g, travel_profile prof, std::span<seed const> seeds, std::uint32_t budget_ds, query_state& qs,
              bool reverse) {
  auto const n = g.n_nodes();
  if (qs.dist_.size() != n) {
    qs.dist_.assign(n, kUnreached);
    qs.touched_.clear();
  } else {
    for (auto v : qs.touched_) qs.dist_[v] = kUnreached;
    qs.touched_.clear();
  }
  qs.settled_.clear();
  auto& heap = qs.heap_;
  heap.clear();
  auto const cmp = std::greater<>{};
  for (auto const& s : seeds) {
    auto const v = s.node.v();
    if (v >= n || s.time_ds > budget_ds || s.time_ds >= qs.dist_[v]) continue;
    if (qs.dist_[v] == kUnreached) qs.touched_.push_back(v);
    qs.dist_[v] = s.time_ds;
    heap.push_back(std::uint64_t{s.time_ds} << 32 | v);
    std::push_heap(heap.begin(), heap.end(), cmp);
  }
  auto const w = g.weights(prof.m);
  // Step-free searches also skip edges with an avoided flag (a network without flags has none usable).
  std::uint8_t const* flags = prof.avoid != 0 ? g.edge_flags_.data() : nullptr;
  bool const none_usable = prof.avoid != 0 && !g.has_edge_flags();
  auto const* first = reverse ? g.rev_first_out_.data() : g.first_out_.data();
  auto const* other = reverse ? g.rev_tail_.data() : g.head_.data();
  auto* dist = qs.dist_.data();
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), cmp);
    auto const top = heap.back();
    heap.pop_back();
    auto const d = static_cast<std::uint32_t>(top >> 32);
    auto const v = static_cast<std::uint32_t>(top);
    if (d != dist[v]) continue;  // stale entry
    qs.settled_.push_back(v);
    if (none_usable) continue;
    for (auto i = first[v]; i < first[v + 1]; ++i) {
      auto const e = reverse ? g.rev_edge_[i] : i;
      auto const we = w[e];
      if (we == kNoWeight) continue;
      if (flags != nullptr && (flags[e] & prof.avoid) != 0) continue;
      std::uint64_t const nd = std::uint64_t{d} + we;
      if (nd > budget_ds) continue;
      auto const u = other[i];
      if (nd >= dist[u]) continue;
      if (dist[u] == kUnreached) qs.touched_.push_back(u);
      dist[u] = static_cast<std::uint32_t>(nd);
      heap.push_back(nd << 32 | u);
      std::push_heap(heap.begin(), heap.end(), cmp);
    }
  }
}

}  // namespace kwartier::street
