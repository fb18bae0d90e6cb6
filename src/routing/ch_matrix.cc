// Bucket-based many-to-many on a contraction hierarchy (Knopp, Sanders, Schultes, Schulz, Wagner 2007):
// one upward search per target on the down graph, its settled nodes and distances appended to buckets; one
// upward search per source on the up graph, reading the buckets of every node it settles. Both searches stall
// on demand (a node reached more cheaply from a higher neighbour is not expanded).
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "routing/ch_query.h"
#include "routing/street_common.h"

namespace kwartier::routing::detail {

namespace {

using street::kUnreached;

struct rank_seed {
  std::uint32_t rank;
  std::uint32_t dist;
};

// An upward Dijkstra in rank space over one direction's arcs, with stall-on-demand over the other
// direction's arcs (arcs from higher nodes into the current one, for the forward search).
struct upward_search {
  std::vector<std::uint32_t> dist;
  std::vector<std::uint32_t> touched;
  std::vector<std::uint64_t> heap;  // (dist << 32) | rank

  template <class Visit>
  void run(std::span<std::uint32_t const> first, std::span<std::uint32_t const> head,
           std::span<std::uint32_t const> weight, std::span<std::uint32_t const> stall_first,
           std::span<std::uint32_t const> stall_head, std::span<std::uint32_t const> stall_weight,
           std::span<rank_seed const> seeds, std::uint32_t budget, Visit&& visit) {
    if (dist.size() != first.size() - 1) dist.assign(first.size() - 1, kUnreached);
    for (auto const v : touched) dist[v] = kUnreached;
    touched.clear();
    heap.clear();
    auto const cmp = std::greater<std::uint64_t>{};
    auto push = [&](std::uint32_t v, std::uint32_t d) {
      if (d >= dist[v] || d > budget) return;
      if (dist[v] == kUnreached) touched.push_back(v);
      dist[v] = d;
      heap.push_back((std::uint64_t{d} << 32) | v);
      std::push_heap(heap.begin(), heap.end(), cmp);
    };
    for (auto const& s : seeds) push(s.rank, s.dist);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), cmp);
      auto const top = heap.back();
      heap.pop_back();
      auto const v = static_cast<std::uint32_t>(top & 0xFFFFFFFFU);
      auto const d = static_cast<std::uint32_t>(top >> 32);
      if (d != dist[v]) continue;
      bool stalled = false;
      for (auto a = stall_first[v]; a < stall_first[v + 1] && !stalled; ++a) {
        auto const x = stall_head[a];
        stalled = dist[x] != kUnreached && std::uint64_t{dist[x]} + stall_weight[a] < d;
      }
      if (stalled) continue;
      visit(v, d);
      for (auto a = first[v]; a < first[v + 1]; ++a) {
        auto const nd = std::uint64_t{d} + weight[a];
        if (nd <= budget) push(head[a], static_cast<std::uint32_t>(nd));
      }
    }
  }
};

struct bucket_entry {
  std::uint32_t target;
  std::uint32_t dist;
};

template <class Fn>
void run_parallel(std::size_t n, unsigned threads, Fn&& fn) {
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned t) {
    for (;;) {
      auto const i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= n) return;
      fn(t, i);
    }
  };
  if (threads <= 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
  for (auto& th : pool) th.join();
}

}  // namespace

status ch_matrix(network::network const& net, street::ch_view const& ch, street::travel_profile prof,
                 places const& sources, places const& targets, std::uint32_t budget_ds, unsigned threads,
                 std::span<seconds_t> out, std::function<void(std::string_view, double)> const& progress) {
  auto const& g = net.graph();
  auto const n = ch.n_nodes();
  if (n != g.n_nodes()) return make_error(errc::internal, "the contraction hierarchy does not match the graph");
  auto const nt = targets.size();
  threads = std::max(1U, threads);

  // Targets: backward upward searches on the down graph (stalling over up arcs), into per-thread lists.
  std::vector<std::vector<std::pair<std::uint32_t, bucket_entry>>> found(threads);
  std::vector<upward_search> searches(threads);
  run_parallel(nt, threads, [&](unsigned t, std::size_t j) {
    if (!targets.snapped(j)) return;
    std::vector<rank_seed> seeds;
    for (auto const& s : street::seeds_to(g, targets.snap(j), prof)) seeds.push_back({ch.rank_[s.node.v()], s.time_ds});
    searches[t].run(ch.down_first_, ch.down_tail_, ch.down_weight_, ch.up_first_, ch.up_head_, ch.up_weight_, seeds,
                    budget_ds, [&](std::uint32_t v, std::uint32_t d) {
                      found[t].push_back({v, bucket_entry{static_cast<std::uint32_t>(j), d}});
                    });
  });
  // Buckets by rank (counting sort).
  std::vector<std::uint32_t> bucket_first(n + 1, 0);
  for (auto const& f : found)
    for (auto const& [v, e] : f) ++bucket_first[v + 1];
  for (std::size_t v = 0; v < n; ++v) bucket_first[v + 1] += bucket_first[v];
  std::vector<bucket_entry> buckets(bucket_first[n]);
  {
    auto pos = bucket_first;
    for (auto& f : found) {
      for (auto const& [v, e] : f) buckets[pos[v]++] = e;
      f = {};
    }
  }

  // Sources: forward upward searches on the up graph (stalling over down arcs), reading the buckets.
  std::vector<std::vector<std::uint64_t>> best(threads, std::vector<std::uint64_t>(nt, kUnreached));
  std::mutex pm;
  std::size_t done = 0;
  run_parallel(sources.size(), threads, [&](unsigned t, std::size_t i) {
    if (sources.snapped(i)) {
      auto const& src = sources.snap(i);
      auto& b = best[t];
      std::fill(b.begin(), b.end(), std::uint64_t{kUnreached});
      std::vector<rank_seed> seeds;
      for (auto const& s : seeds_with_connector(net, src, prof, false)) seeds.push_back({ch.rank_[s.node.v()], s.time_ds});
      searches[t].run(ch.up_first_, ch.up_head_, ch.up_weight_, ch.down_first_, ch.down_tail_, ch.down_weight_, seeds,
                      budget_ds, [&](std::uint32_t v, std::uint32_t d) {
                        for (auto k = bucket_first[v]; k < bucket_first[v + 1]; ++k) {
                          auto const& e = buckets[k];
                          auto const total = std::uint64_t{d} + e.dist;
                          if (total < b[e.target]) b[e.target] = total;
                        }
                      });
      auto const src_conn = connector_ds(net, src.dist_m);
      auto row = out.subspan(i * nt, nt);
      for (std::size_t j = 0; j < nt; ++j) {
        if (!targets.snapped(j)) continue;
        auto const& tg = targets.snap(j);
        std::uint64_t x = b[j];
        auto const along = street::along_chain(g, src, tg, prof);
        if (along != kUnreached) x = std::min<std::uint64_t>(x, std::uint64_t{along} + src_conn);
        if (x >= kUnreached) continue;
        x += connector_ds(net, tg.dist_m);
        if (x <= budget_ds) row[j] = street::ds_to_seconds(static_cast<std::uint32_t>(x));
      }
    }
    if (progress) {
      std::lock_guard lock{pm};
      ++done;
      progress("matrix", static_cast<double>(done) / static_cast<double>(sources.size()));
    }
  });
  return {};
}

}  // namespace kwartier::routing::detail
