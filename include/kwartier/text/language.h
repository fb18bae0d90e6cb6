// kwartier::text languages: one `language_profile` row per language (DESIGN.md §3, §7).
//
// Everything the text pipeline knows about a language lives in its profile: code and names, the Snowball
// stemmer (or light suffix stripping when Snowball has none), stop words, elided articles, compound linking
// elements and word lists, letters folded for matching, writing direction and Belgian language community.
// The profiles are in src/text/lang/<code>.cc; adding a language is one new file there, one enumerator
// below and one row in the registry (src/text/language.cc), which checks that the two agree.
//
// Thread rules: the profiles are immutable constants; every function here is thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kwartier::text {

// Languages with a profile; neutral is the fallback for everything else (no stemming, no stop words).
enum class lang : std::uint8_t { neutral = 0, fr, nl, en, de, es, it, pt, tr, ar, pl };
constexpr std::size_t kNumLangs = 11;

// A set of languages, bit i = lang i.
using lang_mask = std::uint32_t;
static_assert(kNumLangs <= 32, "lang_mask holds one bit per language");
constexpr lang_mask bit(lang l) noexcept { return lang_mask{1} << static_cast<unsigned>(l); }

// One letter (code point) folded to a string for matching, next to accent folding: "ł" -> "l", "ı" -> "i",
// Arabic "أ" -> "ا". Applied to every text whatever its language (the language of a query is a guess).
struct char_fold {
  char32_t from;
  std::u32string_view to;  // may be empty (the letter is dropped, e.g. Arabic tatweel)
};

// A bilingual dictionary in dictd format (Debian's FreeDict packages): `path` + ".index" and `path` +
// ".dict.dz" (or ".dict"), translating this language's words into `to`.
struct bilingual_dictionary {
  std::string_view path;
  lang to;
};

struct language_profile {
  lang id;
  std::string_view code;         // ISO 639-1 ("fr"); "" for neutral
  std::string_view name;         // English name ("French")
  std::string_view native_name;  // "français"
  std::string_view snowball;     // Xapian::Stem name ("french"); "" = light stemming by `light_suffixes`
  // Function words (articles, pronouns, prepositions, conjunctions, auxiliaries, question words), lower case
  // and accent-folded, any order.
  std::span<std::string_view const> stop_words;
  // Elided words written before an apostrophe and dropped with it ("l'", "d'", "qu'"), folded.
  std::span<std::string_view const> elisions;
  // Compound splitting: linking elements between parts ("" = joined directly; nl: "", "s", "e", "en") and
  // the hunspell word lists of the language. Empty links = the language does not split compounds.
  std::span<std::string_view const> compound_links;
  std::span<std::string_view const> compound_word_lists;
  // Light stemming for languages without a Snowball stemmer: the longest of these suffixes (folded) is
  // removed when at least kMinLightStem code points remain.
  std::span<std::string_view const> light_suffixes;
  std::span<char_fold const> folds;
  // Dictionaries from this language into others, used to translate query words at query time (compiled
  // into the index at build time, restricted to its vocabulary). Best first.
  std::span<bilingual_dictionary const> dictionaries;
  bool right_to_left = false;
  // Belgian language community of its speakers ("fr", "nl", "de"), "" when none: used to pick the
  // community variant of a procedure for a user who prefers this language.
  std::string_view community;
};
constexpr std::size_t kMinLightStem = 3;

// Every profile, indexed by lang (profiles()[0] is neutral).
std::span<language_profile const* const> profiles() noexcept;
language_profile const& profile(lang l) noexcept;

// "fr", "nl", ...; "" for neutral.
std::string_view lang_code(lang l) noexcept;
// Accepts "fr", "FR", "fr-BE", "nl_BE"; unknown codes give lang::neutral.
lang parse_lang(std::string_view code) noexcept;
// Parses "nl,fr;q=0.8,en" (Accept-Language style) into languages, best first, duplicates and unknown removed.
std::vector<lang> parse_lang_list(std::string_view list);

// Function words (see language_profile::stop_words) of `l`, on folded words.
bool is_stop_word(lang l, std::string_view folded) noexcept;
// A function word of any language.
bool is_stop_word_anywhere(std::string_view folded) noexcept;
// An elided word of `l` (neutral: of any language) that an apostrophe may follow.
bool is_elision(lang l, std::string_view folded) noexcept;
// Languages that split compounds.
lang_mask compound_languages() noexcept;

}  // namespace kwartier::text
