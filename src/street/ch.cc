// Contraction hierarchy construction and storage (see kwartier/street/ch.h).
#include "kwartier/street/ch.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <vector>

#include "kwartier/core/csr.h"

namespace kwartier::street {

namespace {

constexpr std::size_t kWitnessSettleLimit = 300;  // witness searches stop after settling this many nodes
constexpr std::uint64_t kInf = std::numeric_limits<std::uint64_t>::max();

struct arc {
  std::uint32_t to;
  std::uint32_t w;
};

// The graph being contracted: per node its arcs to and from the nodes not contracted yet.
struct dyn_graph {
  std::vector<std::vector<arc>> out, in;

  // Adds u -> x with weight w, or lowers the weight of an existing arc.
  void add(std::uint32_t u, std::uint32_t x, std::uint32_t w) {
    auto lower = [&](std::vector<arc>& list, std::uint32_t other) {
      for (auto& a : list)
        if (a.to == other) {
          a.w = std::min(a.w, w);
          return;
        }
      list.push_back({other, w});
    };
    lower(out[u], x);
    lower(in[x], u);
  }
  static void erase(std::vector<arc>& list, std::uint32_t v) {
    list.erase(std::remove_if(list.begin(), list.end(), [&](arc const& a) { return a.to == v; }), list.end());
  }
};

// Bounded Dijkstra from one node over the remaining graph, skipping one node; resets only what it touched.
struct witness_search {
  std::vector<std::uint64_t> dist;
  std::vector<std::uint32_t> touched;
  using entry = std::pair<std::uint64_t, std::uint32_t>;
  std::vector<entry> heap;

  explicit witness_search(std::size_t n) : dist(n, kInf) {}

  void run(dyn_graph const& g, std::uint32_t from, std::uint32_t skip, std::uint64_t max_dist) {
    for (auto const v : touched) dist[v] = kInf;
    touched.clear();
    heap.clear();
    dist[from] = 0;
    touched.push_back(from);
    heap.push_back({0, from});
    std::size_t settled = 0;
    auto const cmp = std::greater<entry>{};
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), cmp);
      auto const [d, v] = heap.back();
      heap.pop_back();
      if (d != dist[v]) continue;
      if (d > max_dist || ++settled > kWitnessSettleLimit) return;
      for (auto const& a : g.out[v]) {
        if (a.to == skip) continue;
        auto const nd = d + a.w;
        if (nd < dist[a.to]) {
          if (dist[a.to] == kInf) touched.push_back(a.to);
          dist[a.to] = nd;
          heap.push_back({nd, a.to});
          std::push_heap(heap.begin(), heap.end(), cmp);
        }
      }
    }
  }
};

struct contractor {
  dyn_graph g;
  witness_search ws;
  std::vector<std::uint32_t> deleted_neighbours;
  std::vector<std::uint8_t> contracted;

  explicit contractor(std::size_t n) : ws{n}, deleted_neighbours(n, 0), contracted(n, 0) {
    g.out.resize(n);
    g.in.resize(n);
  }

  // The shortcuts contracting v needs (added to g when `apply`); returns their number.
  std::size_t shortcuts(std::uint32_t v, bool apply) {
    std::size_t count = 0;
    std::vector<arc> const ins = g.in[v];  // copies: apply changes the lists
    std::vector<arc> const outs = g.out[v];
    for (auto const& in : ins) {
      std::uint64_t max_out = 0;
      bool any = false;
      for (auto const& o : outs)
        if (o.to != in.to) {
          any = true;
          max_out = std::max<std::uint64_t>(max_out, o.w);
        }
      if (!any) continue;
      ws.run(g, in.to, v, std::uint64_t{in.w} + max_out);
      for (auto const& o : outs) {
        if (o.to == in.to) continue;
        auto const via = std::uint64_t{in.w} + o.w;
        if (ws.dist[o.to] <= via) continue;
        ++count;
        if (apply) g.add(in.to, o.to, static_cast<std::uint32_t>(std::min<std::uint64_t>(via, kNoWeight - 1)));
      }
    }
    return count;
  }

  std::int64_t priority(std::uint32_t v) {
    auto const sc = static_cast<std::int64_t>(shortcuts(v, false));
    auto const degree = static_cast<std::int64_t>(g.in[v].size() + g.out[v].size());
    return 4 * (sc - degree) + 2 * static_cast<std::int64_t>(deleted_neighbours[v]);
  }
};

}  // namespace

ch_view view_of(ch const& c) {
  ch_view v;
  v.rank_ = c.rank_;
  v.up_first_ = c.up_first_;
  v.up_head_ = c.up_head_;
  v.up_weight_ = c.up_weight_;
  v.down_first_ = c.down_first_;
  v.down_tail_ = c.down_tail_;
  v.down_weight_ = c.down_weight_;
  return v;
}

ch build_ch(graph_view const& gv, mode m, std::function<void(double)> const& progress) {
  auto const n = gv.n_nodes();
  contractor c{n};
  auto const weights = gv.weights(m);
  for (std::uint32_t u = 0; u < n; ++u)
    for (auto e = gv.first_out_[u]; e < gv.first_out_[u + 1]; ++e) {
      auto const x = gv.head_[e];
      if (weights[e] == kNoWeight || x == u) continue;
      c.g.add(u, x, weights[e]);
    }

  using entry = std::pair<std::int64_t, std::uint32_t>;
  std::priority_queue<entry, std::vector<entry>, std::greater<entry>> pq;
  for (std::uint32_t v = 0; v < n; ++v) pq.push({c.priority(v), v});

  std::vector<std::vector<arc>> up(n), down(n);
  std::vector<std::uint32_t> rank(n, 0);
  std::uint32_t next_rank = 0;
  while (!pq.empty()) {
    auto const [p, v] = pq.top();
    pq.pop();
    if (c.contracted[v]) continue;
    auto const now = c.priority(v);
    if (!pq.empty() && now > pq.top().first) {  // lazy update: not the smallest any more
      pq.push({now, v});
      continue;
    }
    // Arcs to the remaining (higher) nodes are v's arcs in the hierarchy.
    up[v] = c.g.out[v];
    down[v] = c.g.in[v];
    c.shortcuts(v, true);
    c.contracted[v] = 1;
    rank[v] = next_rank++;
    for (auto const& a : c.g.out[v]) {
      dyn_graph::erase(c.g.in[a.to], v);
      ++c.deleted_neighbours[a.to];
    }
    for (auto const& a : c.g.in[v]) {
      dyn_graph::erase(c.g.out[a.to], v);
      ++c.deleted_neighbours[a.to];
    }
    c.g.out[v].clear();
    c.g.out[v].shrink_to_fit();
    c.g.in[v].clear();
    c.g.in[v].shrink_to_fit();
    if (progress && (next_rank % 4096 == 0 || next_rank == n)) progress(static_cast<double>(next_rank) / static_cast<double>(n));
  }

  // Rank space.
  std::vector<std::uint32_t> node_of(n);
  for (std::uint32_t v = 0; v < n; ++v) node_of[rank[v]] = v;
  ch out;
  out.rank_ = rank;
  out.up_first_.reserve(n + 1);
  out.down_first_.reserve(n + 1);
  out.up_first_.push_back(0);
  out.down_first_.push_back(0);
  std::vector<arc> tmp;
  auto emit = [&](std::vector<arc> const& list, std::vector<std::uint32_t>& heads, std::vector<std::uint32_t>& ws) {
    tmp.clear();
    for (auto const& a : list) tmp.push_back({rank[a.to], a.w});
    std::sort(tmp.begin(), tmp.end(), [](arc const& a, arc const& b) { return a.to < b.to; });
    for (auto const& a : tmp) {
      heads.push_back(a.to);
      ws.push_back(a.w);
    }
  };
  for (std::uint32_t r = 0; r < n; ++r) {
    emit(up[node_of[r]], out.up_head_, out.up_weight_);
    out.up_first_.push_back(static_cast<std::uint32_t>(out.up_head_.size()));
    emit(down[node_of[r]], out.down_tail_, out.down_weight_);
    out.down_first_.push_back(static_cast<std::uint32_t>(out.down_tail_.size()));
  }
  return out;
}

namespace {

struct ids {
  std::uint32_t rank, up_first, up_head, up_weight, down_first, down_tail, down_weight;
};
constexpr ids kWalk{fourcc("HwRk"), fourcc("HwUo"), fourcc("HwUh"), fourcc("HwUw"),
                    fourcc("HwDo"), fourcc("HwDt"), fourcc("HwDw")};
constexpr ids kBike{fourcc("HbRk"), fourcc("HbUo"), fourcc("HbUh"), fourcc("HbUw"),
                    fourcc("HbDo"), fourcc("HbDt"), fourcc("HbDw")};

void add_one(ch const& c, ids const& id, dataset_writer& w) {
  w.add(id.rank, c.rank_);
  w.add(id.up_first, c.up_first_);
  w.add(id.up_head, c.up_head_);
  w.add(id.up_weight, c.up_weight_);
  w.add(id.down_first, c.down_first_);
  w.add(id.down_tail, c.down_tail_);
  w.add(id.down_weight, c.down_weight_);
}

tl::unexpected<error> corrupt(dataset_file const& f, std::string const& what) {
  return make_error(errc::corrupt_dataset, "contraction hierarchy: " + what, f.name());
}

result<ch_view> read_one(dataset_file const& f, ids const& id, std::size_t n) {
  ch_view c;
  KW_TRY(c.rank_, f.section<std::uint32_t>(id.rank));
  KW_TRY(c.up_first_, f.section<std::uint32_t>(id.up_first));
  KW_TRY(c.up_head_, f.section<std::uint32_t>(id.up_head));
  KW_TRY(c.up_weight_, f.section<std::uint32_t>(id.up_weight));
  KW_TRY(c.down_first_, f.section<std::uint32_t>(id.down_first));
  KW_TRY(c.down_tail_, f.section<std::uint32_t>(id.down_tail));
  KW_TRY(c.down_weight_, f.section<std::uint32_t>(id.down_weight));
  if (c.rank_.size() != n) return corrupt(f, "rank count does not match the street nodes");
  std::vector<std::uint8_t> seen(n, 0);
  for (auto const r : c.rank_) {
    if (r >= n || seen[r]) return corrupt(f, "ranks are not a permutation of the nodes");
    seen[r] = 1;
  }
  if (c.up_first_.size() != n + 1 || !csr_offsets_valid(c.up_first_, c.up_head_.size()) ||
      c.up_weight_.size() != c.up_head_.size() || c.down_first_.size() != n + 1 ||
      !csr_offsets_valid(c.down_first_, c.down_tail_.size()) || c.down_weight_.size() != c.down_tail_.size())
    return corrupt(f, "arc offsets are not monotone or do not match the arc counts");
  for (std::uint32_t r = 0; r < n; ++r) {
    for (auto a = c.up_first_[r]; a < c.up_first_[r + 1]; ++a)
      if (c.up_head_[a] <= r || c.up_head_[a] >= n || c.up_weight_[a] == kNoWeight)
        return corrupt(f, "an upward arc does not go up");
    for (auto a = c.down_first_[r]; a < c.down_first_[r + 1]; ++a)
      if (c.down_tail_[a] <= r || c.down_tail_[a] >= n || c.down_weight_[a] == kNoWeight)
        return corrupt(f, "a downward arc does not come from above");
  }
  return c;
}

}  // namespace

void add_ch_sections(ch const& walk, ch const& bike, dataset_writer& w) {
  add_one(walk, kWalk, w);
  add_one(bike, kBike, w);
}

result<ch_pair> read_ch_sections(dataset_file const& f, std::size_t n_nodes) {
  ch_pair p;
  KW_TRY(p.walk, read_one(f, kWalk, n_nodes));
  KW_TRY(p.bike, read_one(f, kBike, n_nodes));
  return p;
}

}  // namespace kwartier::street
