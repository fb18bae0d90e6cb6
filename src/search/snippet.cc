#include "search/snippet.h"

#include <vector>

namespace kwartier::search::detail {
namespace {
std::string_view cut_utf8(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}
}  // namespace

snippet_maker::snippet_maker(highlight_terms const& hl, text::stemmer const& stem, snippet_options opt)
    : hl_(hl), stem_(stem), opt_(opt) {
  for (auto const& s : hl_.stems) heads_.insert(s.substr(0, 2));
}

std::string snippet_maker::make(std::string_view full_body, text::lang l) {
  auto const body = cut_utf8(full_body, opt_.scan_bytes);
  auto const bt = text::tokenize(body, l, 600);
  if (bt.empty()) return {};
  std::vector<char> is_hit(bt.size(), 0);
  for (std::size_t j = 0; j < bt.size(); ++j) {
    auto const& f = bt[j].folded;
    if (hl_.words.count(f)) {
      is_hit[j] = 1;
      continue;
    }
    if (!opt_.stemming || f.size() < 3 || !heads_.count(f.substr(0, 2))) continue;
    std::string key(1, static_cast<char>(l));
    key += f;
    auto it = memo_.find(key);
    if (it == memo_.end()) it = memo_.emplace(std::move(key), hl_.stems.count(stem_.stem(l, f)) != 0).first;
    is_hit[j] = it->second;
  }
  std::size_t best_start = 0, best_hits = 0, cur = 0;
  std::size_t const win = std::max<std::size_t>(1, opt_.window_words);
  for (std::size_t j = 0; j < bt.size(); ++j) {
    cur += static_cast<std::size_t>(is_hit[j]);
    if (j >= win) cur -= static_cast<std::size_t>(is_hit[j - win]);
    if (cur > best_hits) {
      best_hits = cur;
      best_start = j >= win - 1 ? j - (win - 1) : 0;
    }
  }
  std::size_t const from = bt[best_start].begin;
  std::size_t to = from;
  std::string snip;
  if (from > 0) snip += "…";
  std::size_t last = from;
  for (std::size_t j = best_start; j < bt.size() && bt[j].end - from <= opt_.chars; ++j) {
    snip.append(body.substr(last, bt[j].begin - last));
    if (is_hit[j]) snip += opt_.open;
    snip.append(body.substr(bt[j].begin, bt[j].end - bt[j].begin));
    if (is_hit[j]) snip += opt_.close;
    last = to = bt[j].end;
  }
  if (to < full_body.size()) {
    // what follows the last word: kept when it is only the end of the text (".", ")"), else cut
    bool const words_left = (bt.back().end > to) || body.size() < full_body.size();
    if (words_left) snip += "…";
    else snip.append(body.substr(to));
  }
  for (auto& c : snip)
    if (c == '\n') c = ' ';
  return snip;
}

}  // namespace kwartier::search::detail
