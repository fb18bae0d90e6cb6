// The language registry: every profile of src/text/lang/, indexed by `lang`, and the lookups built on them.
#include "kwartier/text/language.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "kwartier/text/text.h"
#include "text/lang/profiles.h"

namespace kwartier::text {
namespace {

using namespace profiles_detail;

constexpr std::array<language_profile const*, kNumLangs> kProfiles = {
    &kNeutral, &kFrench, &kDutch, &kEnglish, &kGerman, &kSpanish, &kItalian, &kPortuguese, &kTurkish, &kArabic,
    &kPolish};

// Each row sits at the index of its `lang`: checked once, at first use.
bool registry_consistent() {
  for (std::size_t i = 0; i < kProfiles.size(); ++i)
    if (static_cast<std::size_t>(kProfiles[i]->id) != i) return false;
  return true;
}

// Sorted folded word lists per language (stop words), built once from the profiles.
struct word_sets {
  std::array<std::vector<std::string>, kNumLangs> stop;
  std::vector<std::string> any_stop;
  std::vector<std::string_view> any_elision;
};

std::string fold_word(std::string_view w) {
  auto n = normalize(w);
  return fold_accents(n ? *n : std::string(w));
}

word_sets const& sets() {
  static word_sets const s = [] {
    word_sets ws;
    for (std::size_t i = 0; i < kNumLangs; ++i) {
      auto& v = ws.stop[i];
      for (auto w : kProfiles[i]->stop_words) v.push_back(fold_word(w));
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      ws.any_stop.insert(ws.any_stop.end(), v.begin(), v.end());
      for (auto e : kProfiles[i]->elisions) ws.any_elision.push_back(e);
    }
    std::sort(ws.any_stop.begin(), ws.any_stop.end());
    ws.any_stop.erase(std::unique(ws.any_stop.begin(), ws.any_stop.end()), ws.any_stop.end());
    std::sort(ws.any_elision.begin(), ws.any_elision.end());
    ws.any_elision.erase(std::unique(ws.any_elision.begin(), ws.any_elision.end()), ws.any_elision.end());
    return ws;
  }();
  return s;
}

template <class V>
bool has(V const& v, std::string_view w) {
  return std::binary_search(v.begin(), v.end(), w, [](auto const& a, auto const& b) {
    return std::string_view(a) < std::string_view(b);
  });
}

}  // namespace

std::span<language_profile const* const> profiles() noexcept {
  static bool const ok = registry_consistent();
  if (!ok) std::abort();  // a profile row out of place is a programming error caught by every test
  return kProfiles;
}

language_profile const& profile(lang l) noexcept {
  auto const i = static_cast<std::size_t>(l);
  return *profiles()[i < kNumLangs ? i : 0];
}

std::string_view lang_code(lang l) noexcept { return profile(l).code; }

lang parse_lang(std::string_view code) noexcept {
  if (code.size() < 2) return lang::neutral;
  if (code.size() > 2 && code[2] != '-' && code[2] != '_') return lang::neutral;
  char const a = static_cast<char>(std::tolower(static_cast<unsigned char>(code[0])));
  char const b = static_cast<char>(std::tolower(static_cast<unsigned char>(code[1])));
  for (auto const* p : profiles())
    if (p->code.size() == 2 && p->code[0] == a && p->code[1] == b) return p->id;
  return lang::neutral;
}

std::vector<lang> parse_lang_list(std::string_view list) {
  std::vector<lang> out;
  std::size_t i = 0;
  while (i <= list.size()) {
    auto j = list.find(',', i);
    if (j == std::string_view::npos) j = list.size();
    auto item = list.substr(i, j - i);
    if (auto q = item.find(';'); q != std::string_view::npos) item = item.substr(0, q);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto const l = parse_lang(item);
    if (l != lang::neutral && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    i = j + 1;
  }
  return out;
}

bool is_stop_word(lang l, std::string_view w) noexcept {
  auto const i = static_cast<std::size_t>(l);
  return i < kNumLangs && has(sets().stop[i], w);
}

bool is_stop_word_anywhere(std::string_view w) noexcept { return has(sets().any_stop, w); }

bool is_elision(lang l, std::string_view w) noexcept {
  if (l == lang::neutral) return has(sets().any_elision, w);
  auto const e = profile(l).elisions;
  return std::find(e.begin(), e.end(), w) != e.end();
}

lang_mask compound_languages() noexcept {
  lang_mask m = 0;
  for (auto const* p : profiles())
    if (!p->compound_links.empty()) m |= bit(p->id);
  return m;
}

}  // namespace kwartier::text
