// Strongly connected components of a CSR graph restricted to some edges (iterative Tarjan; internal).
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace kwartier::street {

struct components {
  std::vector<std::uint32_t> label;  // per node; meaningful only where active[v]
  std::uint32_t count = 0;
};

// `usable(e)` says whether edge e counts; only nodes with active[v] != 0 are labelled.
template <class Usable>
components strong_components(std::vector<std::uint32_t> const& first_out, std::vector<std::uint32_t> const& head,
                             Usable&& usable, std::vector<std::uint8_t> const& active) {
  constexpr std::uint32_t kUnvisited = 0xFFFFFFFFU;
  auto const n = static_cast<std::uint32_t>(first_out.size() - 1);
  components out;
  out.label.assign(n, kUnvisited);
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0), stack;
  std::vector<std::uint8_t> on_stack(n, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;  // node, next edge
  std::uint32_t counter = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (!active[s] || index[s] != kUnvisited) continue;
    index[s] = low[s] = counter++;
    stack.push_back(s);
    on_stack[s] = 1;
    calls.emplace_back(s, first_out[s]);
    while (!calls.empty()) {
      auto const v = calls.back().first;
      auto const e = calls.back().second;
      if (e < first_out[v + 1]) {
        ++calls.back().second;
        if (!usable(e)) continue;
        auto const w = head[e];
        if (index[w] == kUnvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          calls.emplace_back(w, first_out[w]);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::uint32_t w = 0;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          out.label[w] = out.count;
        } while (w != v);
        ++out.count;
      }
      calls.pop_back();
      if (!calls.empty()) {
        auto const u = calls.back().first;
        low[u] = std::min(low[u], low[v]);
      }
    }
  }
  return out;
}

}  // namespace kwartier::street
