#include <algorithm>

#include "search/internal.h"

namespace kwartier::search::detail {

namespace {
std::string key_of(text::lang l, std::string_view first) {
  std::string k(text::lang_code(l));
  k.push_back('\x1f');
  k.append(first);
  return k;
}
}  // namespace

result<concept_table> concept_table::parse(std::string_view tsv, std::string const& name) {
  concept_table t;
  t.text_ = std::string(tsv);
  if (!text::is_valid_utf8(tsv)) return make_error(errc::invalid_format, "concept table is not valid UTF-8", name);
  text::stemmer stem;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::uint32_t line_no = 0;
  std::size_t pos = 0;
  std::string_view const all = t.text_;
  while (pos < all.size()) {
    auto nl = all.find('\n', pos);
    if (nl == std::string_view::npos) nl = all.size();
    auto line = all.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols;
    std::size_t c = 0;
    while (true) {
      auto const tab = line.find('\t', c);
      cols.push_back(line.substr(c, tab == std::string_view::npos ? std::string_view::npos : tab - c));
      if (tab == std::string_view::npos) break;
      c = tab + 1;
    }
    if (cols.size() == 2 && cols[0] == "version") {
      t.version_ = std::string(cols[1]);
      continue;
    }
    if (cols.size() != 3) return make_error(errc::invalid_format, "expected concept<TAB>lang<TAB>phrases", name, line_no);
    auto const l = text::parse_lang(cols[1]);
    if (l == text::lang::neutral) return make_error(errc::invalid_format, "unknown language", name, line_no, "lang");
    auto [it, inserted] = ids.try_emplace(std::string(cols[0]), static_cast<std::uint32_t>(t.names_.size()));
    if (inserted) t.names_.emplace_back(cols[0]);
    std::size_t p = 0;
    auto const phrases = cols[2];
    while (p <= phrases.size()) {
      auto bar = phrases.find('|', p);
      if (bar == std::string_view::npos) bar = phrases.size();
      auto const ph = phrases.substr(p, bar - p);
      p = bar + 1;
      auto toks = text::tokenize(ph, l, 16);
      if (toks.empty()) continue;
      concept_phrase cp{it->second, l, std::string(ph), {}, {}};
      for (auto& tk : toks) {
        cp.stems.push_back(stem.stem(l, tk.folded));
        cp.folded.push_back(std::move(tk.folded));
      }
      t.by_first_[key_of(l, cp.stems[0])].push_back(static_cast<std::uint32_t>(t.phrases_.size()));
      t.phrases_.push_back(std::move(cp));
    }
  }
  if (t.version_.empty()) return make_error(errc::invalid_format, "concept table has no version line", name);
  return t;
}

std::string_view concept_table::phrase(std::uint32_t c, text::lang l) const {
  for (auto const& ph : phrases_)
    if (ph.concept_idx == c && ph.l == l) return ph.written;
  return {};
}

bool concept_table::has_word(std::uint32_t c, text::lang l, std::string_view folded) const {
  return std::any_of(phrases_.begin(), phrases_.end(), [&](concept_phrase const& ph) {
    return ph.concept_idx == c && ph.l == l && ph.folded.size() == 1 && ph.folded[0] == folded;
  });
}

concept_table::phrase_list const* concept_table::phrases_starting(text::lang l, std::string_view stem) const {
  auto const it = by_first_.find(key_of(l, stem));
  return it == by_first_.end() ? nullptr : &it->second;
}

void concept_table::find(text::lang l, std::span<std::string_view const> folded, std::span<std::string_view const> stems,
                         std::span<phrase_list const* const> starts, std::vector<match>& out) const {
  for (std::size_t i = 0; i < stems.size(); ++i) {
    if (starts[i] == nullptr) continue;
    for (auto const pi : *starts[i]) {
      auto const& ph = phrases_[pi];
      auto const n = ph.stems.size();
      if (i + n > stems.size()) continue;
      bool ok = true;
      for (std::size_t k = 1; k < n && ok; ++k)
        ok = stems[i + k] == ph.stems[k] || folded[i + k] == ph.folded[k];
      if (ok) out.push_back({ph.concept_idx, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(n), l});
    }
  }
}

void concept_table::find(text::lang l, std::vector<std::string> const& folded, std::vector<std::string> const& stems,
                         std::vector<match>& out) const {
  std::string key(text::lang_code(l));
  key.push_back('\x1f');
  auto const base = key.size();
  for (std::size_t i = 0; i < stems.size(); ++i) {
    key.resize(base);
    key.append(stems[i]);
    auto const it = by_first_.find(key);
    if (it == by_first_.end()) continue;
    for (auto const pi : it->second) {
      auto const& ph = phrases_[pi];
      auto const n = ph.stems.size();
      if (i + n > stems.size()) continue;
      bool ok = true;
      for (std::size_t k = 1; k < n && ok; ++k)
        ok = stems[i + k] == ph.stems[k] || folded[i + k] == ph.folded[k];
      if (ok) out.push_back({ph.concept_idx, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(n), l});
    }
  }
}

}  // namespace kwartier::search::detail
