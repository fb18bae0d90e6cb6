#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "kwartier/text/text.h"

namespace kwartier::text {
namespace {

std::span<std::string_view const> linkers(lang l) { return profile(l).compound_links; }

bool all_letters(std::string_view w) {
  auto const u = to_u32(w);
  return !u.empty() && std::all_of(u.begin(), u.end(), [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)); });
}

}  // namespace

compound_dictionary compound_dictionary::from_words(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  auto st = std::make_shared<storage>();
  st->owned = std::move(words);
  st->views.assign(st->owned.begin(), st->owned.end());
  compound_dictionary d;
  d.words_ = std::move(st);
  return d;
}

compound_dictionary compound_dictionary::from_sorted_views(std::vector<std::string_view> words,
                                                           std::shared_ptr<void const> keep_alive) {
  auto st = std::make_shared<storage>();
  st->views = std::move(words);
  st->keep_alive = std::move(keep_alive);
  compound_dictionary d;
  d.words_ = std::move(st);
  return d;
}

compound_dictionary compound_dictionary::merge(compound_dictionary const& a, compound_dictionary const& b) {
  std::vector<std::string> all;
  all.reserve(a.size() + b.size());
  for (auto w : a.words()) all.emplace_back(w);
  for (auto w : b.words()) all.emplace_back(w);
  return from_words(std::move(all));
}

result<compound_dictionary> compound_dictionary::from_hunspell(std::filesystem::path const& dic) {
  std::ifstream in(dic, std::ios::binary);
  if (!in) return make_error(errc::io_error, "cannot open hunspell dictionary", dic.string());
  std::string line;
  std::vector<std::string> words;
  std::uint32_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1) {
      if (line.empty() || !std::isdigit(static_cast<unsigned char>(line[0])))
        return make_error(errc::invalid_format, "first line of a hunspell .dic must be the word count",
                          dic.string(), 1);
      continue;
    }
    if (line.empty() || line[0] == '\t' || line[0] == '#') continue;
    std::string_view w(line);
    w = w.substr(0, std::min(w.find('/'), w.find_first_of(" \t\r")));
    if (w.size() < kMinPart) continue;
    if (std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; })) {
      std::string f(w);  // ASCII letters: folding is lower-casing
      for (auto& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      words.push_back(std::move(f));
      continue;
    }
    if (!is_valid_utf8(w)) continue;
    auto n = normalize(w);
    if (!n) continue;
    auto f = fold_accents(*n);
    if (f.size() < kMinPart || !all_letters(f)) continue;
    words.push_back(std::move(f));
  }
  if (words.empty()) return make_error(errc::invalid_format, "no words in hunspell dictionary", dic.string());
  return from_words(std::move(words));
}

std::span<std::string_view const> compound_dictionary::words() const noexcept {
  if (!words_) return {};
  return words_->views;
}

bool compound_dictionary::contains(std::string_view w) const noexcept {
  if (!words_) return false;
  auto const& v = words_->views;
  return std::binary_search(v.begin(), v.end(), w);
}

namespace {
// Calls f(first, rest) for every split of `w` into a dictionary word `first` (longest first) and the
// remainder `rest` after one of the language's linking elements; stops when f returns true.
template <class Contains, class F>
bool for_each_split(std::string_view w, std::span<std::string_view const> links, Contains const& contains,
                    F&& f) {
  for (std::size_t i = w.size() - compound_dictionary::kMinPart; i >= compound_dictionary::kMinPart; --i) {
    auto const first = w.substr(0, i);
    if (!contains(first)) continue;
    for (auto link : links) {
      auto rest = w.substr(i);
      if (rest.substr(0, link.size()) != link) continue;
      rest.remove_prefix(link.size());
      if (f(first, rest)) return true;
    }
  }
  return false;
}
}  // namespace

bool compound_dictionary::split_rec(std::string_view w, lang l, int depth, std::vector<std::string>& out) const {
  auto const known = [this](std::string_view x) { return contains(x); };
  // two parts, longest first part first
  if (for_each_split(w, linkers(l), known, [&](std::string_view first, std::string_view rest) {
        if (rest.size() < kMinPart || !contains(rest)) return false;
        out.emplace_back(first);
        out.emplace_back(rest);
        return true;
      }))
    return true;
  if (depth >= 2) return false;
  // more parts: a dictionary word, then a rest that splits again
  return for_each_split(w, linkers(l), known, [&](std::string_view first, std::string_view rest) {
    if (rest.size() < 2 * kMinPart) return false;
    std::vector<std::string> tail;
    if (!split_rec(rest, l, depth + 1, tail)) return false;
    out.emplace_back(first);
    for (auto& t : tail) out.push_back(std::move(t));
    return true;
  });
}

std::vector<std::string> compound_dictionary::split(std::string_view w, lang l) const {
  std::vector<std::string> out;
  if (w.size() < kMinWord || !words_ || w.size() > 64 || linkers(l).empty()) return out;
  if (!split_rec(w, l, 0, out)) out.clear();
  return out;
}

}  // namespace kwartier::text
