#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "kwartier/text/text.h"

namespace kwartier::text {
namespace {

// Decodes one code point at s[i]; returns false (and advances one byte) on invalid UTF-8.
bool decode_multibyte(std::string_view s, std::size_t& i, char32_t& cp);
inline bool decode(std::string_view s, std::size_t& i, char32_t& cp) {
  auto const c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { cp = c; ++i; return true; }
  return decode_multibyte(s, i, cp);
}
bool decode_multibyte(std::string_view s, std::size_t& i, char32_t& cp) {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  std::size_t const n = s.size();
  unsigned const c = p[i];
  std::size_t len;
  char32_t v;
  if (c >= 0xc2 && c <= 0xdf) { len = 2; v = c & 0x1f; }
  else if (c >= 0xe0 && c <= 0xef) { len = 3; v = c & 0x0f; }
  else if (c >= 0xf0 && c <= 0xf4) { len = 4; v = c & 0x07; }
  else { ++i; return false; }
  if (i + len > n) { ++i; return false; }
  for (std::size_t k = 1; k < len; ++k) {
    unsigned const cc = p[i + k];
    if ((cc & 0xc0) != 0x80) { ++i; return false; }
    v = (v << 6) | (cc & 0x3f);
  }
  if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff)) {
    ++i;
    return false;
  }
  cp = v;
  i += len;
  return true;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) out.push_back(static_cast<char>(c));
  else if (c < 0x800) { out.push_back(static_cast<char>(0xc0 | (c >> 6))); out.push_back(static_cast<char>(0x80 | (c & 0x3f))); }
  else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  }
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_word_char_icu(char32_t c);
inline bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return is_word_char_icu(c);
}
bool is_word_char_icu(char32_t c) {
  if (u_isalnum(static_cast<UChar32>(c))) return true;
  auto const t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

// Format characters (bidi marks, zero-width joiners, soft hyphen): dropped inside words by NFKC casefold.
inline bool is_format_char(char32_t c) { return c >= 0x80 && u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR; }

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u02bc'; }

// Latin code points below U+0250 never compose with each other under NFKC (composition needs a combining
// mark, U+0300 and up), so their case fold and accent fold can be computed once per code point with ICU and
// applied from a table: the hot path for Western European text.
constexpr char32_t kTableEnd = 0x250;
struct latin_tables {
  std::array<std::string, kTableEnd> casefold;
  std::array<std::string, kTableEnd> accentfold;  // of the case-folded form
};
std::string icu_nfkc_casefold(std::string_view s);
std::string icu_fold_accents(std::string_view s);

// The letter folds of every language profile, by code point.
struct fold_table {
  std::vector<std::pair<char32_t, std::string>> by_cp;  // sorted
  char32_t min_cp = 0x110000;
  std::string const* find(char32_t c) const {
    if (c < min_cp) return nullptr;
    auto it = std::lower_bound(by_cp.begin(), by_cp.end(), c, [](auto const& a, char32_t b) { return a.first < b; });
    return it != by_cp.end() && it->first == c ? &it->second : nullptr;
  }
};
fold_table const& letter_folds() {
  static fold_table const t = [] {
    fold_table ft;
    for (auto const* p : profiles())
      for (auto const& f : p->folds) {
        std::string to;
        for (auto c : f.to) append_utf8(to, c);
        ft.by_cp.emplace_back(f.from, std::move(to));
        ft.min_cp = std::min(ft.min_cp, f.from);
      }
    std::sort(ft.by_cp.begin(), ft.by_cp.end());
    return ft;
  }();
  return t;
}
// Applies letter_folds() to UTF-8 text (unchanged when no folded letter occurs).
std::string apply_letter_folds(std::string s) {
  auto const& ft = letter_folds();
  std::size_t i = 0;
  char32_t cp = 0;
  bool any = false;
  while (i < s.size() && !any) any = decode(s, i, cp) && ft.find(cp) != nullptr;
  if (!any) return s;
  std::string out;
  out.reserve(s.size());
  i = 0;
  while (i < s.size()) {
    std::size_t const at = i;
    if (!decode(s, i, cp)) { out.append(s, at, i - at); continue; }
    if (auto const* to = ft.find(cp)) out += *to;
    else out.append(s, at, i - at);
  }
  return out;
}

latin_tables const& tables() {
  static latin_tables const t = [] {
    latin_tables lt;
    for (char32_t c = 0; c < kTableEnd; ++c) {
      std::string u;
      append_utf8(u, c);
      lt.casefold[c] = icu_nfkc_casefold(u);
      lt.accentfold[c] = apply_letter_folds(icu_fold_accents(lt.casefold[c]));
    }
    return lt;
  }();
  return t;
}
// Applies `which` table when every code point of s is below kTableEnd; false otherwise.
bool latin_map(std::string_view s, bool accents, std::string& out) {
  auto const& t = tables();
  out.clear();
  std::size_t i = 0;
  char32_t cp = 0;
  while (i < s.size()) {
    if (!decode(s, i, cp) || cp >= kTableEnd) return false;
    out += accents ? t.accentfold[cp] : t.casefold[cp];
  }
  return true;
}

// Normalises one word (valid UTF-8) to NFKC-casefold; ASCII takes a fast path.
std::string normalize_word(std::string_view w) {
  if (is_ascii(w)) {
    std::string out(w);
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return out;
  }
  std::string out;
  if (latin_map(w, false, out)) return out;
  auto r = normalize(w);
  return r ? *std::move(r) : std::string(w);
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  char32_t cp;
  while (i < s.size())
    if (!decode(s, i, cp)) return false;
  return true;
}

namespace {
std::string icu_nfkc_casefold(std::string_view s) {
  UErrorCode ec = U_ZERO_ERROR;
  auto const* n = icu::Normalizer2::getNFKCCasefoldInstance(ec);
  if (U_FAILURE(ec)) return std::string(s);
  auto const src = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  auto const dst = n->normalize(src, ec);
  if (U_FAILURE(ec)) return std::string(s);
  std::string out;
  dst.toUTF8String(out);
  return out;
}
}  // namespace

result<std::string> normalize(std::string_view s) {
  if (!is_valid_utf8(s)) return make_error(errc::invalid_argument, "text is not valid UTF-8");
  UErrorCode ec = U_ZERO_ERROR;
  auto const* n = icu::Normalizer2::getNFKCCasefoldInstance(ec);
  if (U_FAILURE(ec)) return make_error(errc::internal, std::string("ICU: ") + u_errorName(ec));
  auto const src = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  auto const dst = n->normalize(src, ec);
  if (U_FAILURE(ec)) return make_error(errc::internal, std::string("ICU: ") + u_errorName(ec));
  std::string out;
  dst.toUTF8String(out);
  return out;
}

std::string fold_accents(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  std::string fast;
  if (latin_map(s, true, fast)) return fast;
  return apply_letter_folds(icu_fold_accents(s));
}

namespace {
std::string icu_fold_accents(std::string_view s) {
  UErrorCode ec = U_ZERO_ERROR;
  auto const* nfd = icu::Normalizer2::getNFDInstance(ec);
  auto const* nfc = icu::Normalizer2::getNFCInstance(ec);
  if (U_FAILURE(ec)) return std::string(s);
  auto const src = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  auto const d = nfd->normalize(src, ec);
  if (U_FAILURE(ec)) return std::string(s);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < d.length();) {
    UChar32 const c = d.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  auto const out16 = nfc->normalize(kept, ec);
  std::string out;
  (U_FAILURE(ec) ? kept : out16).toUTF8String(out);
  return out;
}
}  // namespace

std::vector<token> tokenize(std::string_view s, lang l, std::size_t max_tokens) {
  std::vector<token> out;
  out.reserve(std::min<std::size_t>(max_tokens, s.size() / 6 + 1));
  std::size_t i = 0;
  std::uint32_t pos = 0;
  while (i < s.size() && out.size() < max_tokens) {
    // skip separators
    std::size_t start = i;
    char32_t cp = 0;
    bool ok = decode(s, i, cp);
    if (!ok || !is_word_char(cp)) continue;
    std::size_t word_begin = start;  // where the word text (after elision) starts
    std::size_t end = i;
    while (i < s.size()) {
      std::size_t const at = i;
      char32_t c2 = 0;
      if (!decode(s, i, c2)) { i = at; break; }
      if (is_word_char(c2)) { end = i; continue; }
      if (is_format_char(c2)) continue;  // inside the word only if a word character follows
      if (is_apostrophe(c2) && i < s.size()) {
        std::size_t k = i;
        char32_t c3 = 0;
        if (decode(s, k, c3) && is_word_char(c3)) {
          auto const prefix = normalize_word(s.substr(word_begin, at - word_begin));
          if (is_elision(l, prefix)) {
            word_begin = i;  // drop "l'" and continue the word
            end = k;
            i = k;
            continue;
          }
        }
      }
      i = at;
      break;
    }
    token t;
    auto const raw = s.substr(word_begin, end - word_begin);
    if (is_ascii(raw)) {  // the common case: lower-casing is the whole normalisation, and nothing to fold
      t.exact.assign(raw);
      for (auto& c : t.exact)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
      t.folded = t.exact;
    } else {
      t.exact = normalize_word(raw);
      t.folded = fold_accents(t.exact);
    }
    t.begin = static_cast<std::uint32_t>(start);
    t.end = static_cast<std::uint32_t>(end);
    t.position = pos++;
    if (!t.exact.empty()) out.push_back(std::move(t));
    i = end;
  }
  return out;
}

std::string strip_glued_elision(std::string_view w) {
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'h'; };
  for (std::size_t n = 2; n >= 1; --n) {  // "qu" before "q"-less single letters
    if (w.size() < n + 3 || !vowel(w[n]) || !is_elision(lang::neutral, w.substr(0, n))) continue;
    return std::string(w.substr(n));
  }
  return {};
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  char32_t cp;
  while (i < s.size())
    if (decode(s, i, cp)) out.push_back(cp);
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (auto c : s) append_utf8(out, c);
  return out;
}

std::uint32_t edit_distance(std::u32string_view a, std::u32string_view b) {
  std::size_t const n = a.size(), m = b.size();
  std::vector<std::uint32_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<std::uint32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<std::uint32_t>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      std::uint32_t const cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::uint32_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace kwartier::text
