#include <algorithm>

#include "search/internal.h"

namespace kwartier::search::detail {
namespace {

// Decodes the code point at w[i]; an invalid byte counts as one code point (its byte value + 0x110000) so a
// damaged vocabulary can never stall the walk.
std::pair<char32_t, std::size_t> cp_at(std::string_view w, std::size_t i) {
  auto const c = static_cast<unsigned char>(w[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > w.size()) return {0x110000u + c, 1};
  char32_t v = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    auto const cc = static_cast<unsigned char>(w[i + k]);
    if ((cc & 0xc0) != 0x80) return {0x110000u + c, 1};
    v = (v << 6) | (cc & 0x3f);
  }
  return {v, len};
}

struct walker {
  vocabulary const& v;
  std::u32string_view q;
  std::uint32_t k;
  bool prefix;
  std::vector<std::vector<std::uint32_t>> rows;  // rows[d] for depth d (code points)
  std::vector<char32_t> path;                     // code points on the path
  std::vector<vocabulary::candidate> out;
  std::size_t budget_nodes = 200000;              // hard bound on work per query word

  void emit(std::size_t lo, std::size_t hi, std::uint32_t dist) {
    for (std::size_t i = lo; i < hi && i < lo + 4096; ++i) out.push_back({static_cast<std::uint32_t>(i), dist});
  }

  // Words in [lo, hi) share the first `bytes` bytes; `depth` code points. With `prefix`, `best` is the least
  // distance between the query and a prefix of the path so far (a word's prefix distance is the least over
  // its prefixes); a subtree whose row minimum cannot beat it is emitted whole.
  void walk(std::size_t lo, std::size_t hi, std::size_t bytes, std::size_t depth, std::uint32_t best) {
    if (budget_nodes == 0) return;
    --budget_nodes;
    auto const& row = rows[depth];
    std::size_t const n = q.size();
    if (prefix) best = std::min(best, row[n]);
    if (prefix && best == 0) {  // the query is a prefix of every word below
      emit(lo, hi, 0);
      return;
    }
    std::uint32_t const here = prefix ? best : row[n];
    if (lo < hi && v.words[lo].size() == bytes) {
      if (here <= k) out.push_back({static_cast<std::uint32_t>(lo), here});
      ++lo;
    }
    if (depth >= n + k || depth + 1 >= rows.size()) {
      if (prefix && best <= k) emit(lo, hi, best);
      return;
    }
    while (lo < hi) {
      auto const cl = cp_at(v.words[lo], bytes);
      char32_t const c = cl.first;
      std::size_t const len = cl.second;
      std::string_view const cbytes = v.words[lo].substr(bytes, len);
      auto const it = std::partition_point(v.words.begin() + static_cast<std::ptrdiff_t>(lo),
                                           v.words.begin() + static_cast<std::ptrdiff_t>(hi), [&](std::string_view w) {
                                             return w.size() >= bytes + len && w.substr(bytes, len) == cbytes;
                                           });
      std::size_t up = static_cast<std::size_t>(it - v.words.begin());
      if (up <= lo) up = lo + 1;
      // next DP row (optimal string alignment)
      auto& nr = rows[depth + 1];
      nr[0] = static_cast<std::uint32_t>(depth + 1);
      std::uint32_t row_min = nr[0];
      for (std::size_t j = 1; j <= n; ++j) {
        std::uint32_t const cost = q[j - 1] == c ? 0 : 1;
        std::uint32_t val = std::min({row[j] + 1, nr[j - 1] + 1, row[j - 1] + cost});
        if (depth >= 1 && j >= 2 && q[j - 1] == path[depth - 1] && q[j - 2] == c)
          val = std::min(val, rows[depth - 1][j - 2] + 1);
        nr[j] = val;
        row_min = std::min(row_min, val);
      }
      // rows never decrease their minimum: a subtree can only reach distances >= row_min
      if (row_min <= k && (!prefix || row_min < best)) {
        path[depth] = c;
        walk(lo, up, bytes + len, depth + 1, best);
        if (budget_nodes == 0) return;
      } else if (prefix && best <= k) {
        emit(lo, up, best);
      }
      lo = up;
    }
  }
};

}  // namespace

std::int64_t vocabulary::find(std::string_view w) const {
  auto const it = std::lower_bound(words.begin(), words.end(), w);
  if (it == words.end() || *it != w) return -1;
  return it - words.begin();
}

std::vector<vocabulary::candidate> vocabulary::fuzzy(std::u32string_view q, std::uint32_t max_distance, bool prefix,
                                                     std::size_t max_out) const {
  if (q.empty() || words.empty()) return {};
  walker w{*this, q, max_distance, prefix, {}, {}, {}};
  w.rows.assign(q.size() + max_distance + 2, std::vector<std::uint32_t>(q.size() + 1));
  w.path.assign(q.size() + max_distance + 2, 0);
  for (std::size_t j = 0; j <= q.size(); ++j) w.rows[0][j] = static_cast<std::uint32_t>(j);
  w.walk(0, words.size(), 0, 0, UINT32_MAX);
  auto& out = w.out;
  std::sort(out.begin(), out.end(), [&](auto const& a, auto const& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    auto const da = a.word < df.size() ? df[a.word] : 0, db = b.word < df.size() ? df[b.word] : 0;
    if (da != db) return da > db;
    return a.word < b.word;
  });
  out.erase(std::unique(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.word == b.word; }),
            out.end());
  if (out.size() > max_out) out.resize(max_out);
  return out;
}

}  // namespace kwartier::search::detail
