// kwartier::text — the language pipeline shared by index building and querying (DESIGN.md §7):
// ICU NFKC + case folding, accent and letter folding, word tokenising with elisions, stop words, Snowball
// stemming (through Xapian) or light stemming, compound splitting from hunspell word lists, language
// identification (CLD2 plus function words) and typo distances. What differs by language is in the
// language profiles (kwartier/text/language.h).
//
// Thread rules: free functions are thread-safe. `stemmer` keeps per-object Snowball state: one per thread.
// `compound_dictionary` is immutable after construction and may be shared by threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/text/language.h"

namespace kwartier::text {

// ---------------------------------------------------------------------------------------- normalisation
bool is_valid_utf8(std::string_view s) noexcept;
// NFKC + Unicode case folding ("Straße" -> "strasse", "ﬁ" -> "fi"). invalid_argument on invalid UTF-8.
result<std::string> normalize(std::string_view s);
// Removes accents from normalised text (NFD, drop non-spacing marks, NFC): "identité" -> "identite",
// "ë" -> "e", then applies the letter folds of every language profile ("ł" -> "l", "ı" -> "i", Arabic
// "ة" -> "ه"). Letters neither decomposable nor folded by a profile ("ø") are kept.
std::string fold_accents(std::string_view normalized);

// ------------------------------------------------------------------------------------------- tokenising
struct token {
  std::string exact;    // normalised (NFKC + case fold), accents kept, elision removed
  std::string folded;   // `exact` without accents
  std::uint32_t begin;  // byte offsets of the word in the input (elision included)
  std::uint32_t end;
  std::uint32_t position;  // 0-based word position
};
// Words of `s` (letters, digits, marks); hyphens, punctuation and spaces separate words; format characters
// inside a word (bidi marks, zero-width joiners, soft hyphens) are dropped without splitting it, so
// right-to-left text with direction marks tokenises like any other. An apostrophe after an elided word of
// `l` (profile elisions; neutral: of any language, e.g. French l', d', qu', Italian dell') drops that prefix
// ("l'identité" -> "identité"); otherwise it separates words. Invalid UTF-8 bytes separate words. At most
// `max_tokens` tokens are returned.
std::vector<token> tokenize(std::string_view s, lang l, std::size_t max_tokens = SIZE_MAX);

// An elision written without its apostrophe ("dadresse", "lidentite"): the word without the elided word
// (one of at most two letters in any profile) when a vowel or h follows it, else empty. Used as a query-side
// alternative.
std::string strip_glued_elision(std::string_view folded);

// -------------------------------------------------------------------------------------------- stemming
// The stemmer of each profile: Snowball (Xapian::Stem) when it names one, else light suffix stripping
// (language_profile::light_suffixes); neutral returns the word unchanged.
class stemmer {
 public:
  stemmer();
  ~stemmer();
  stemmer(stemmer&&) noexcept;
  stemmer& operator=(stemmer&&) noexcept;
  std::string stem(lang l, std::string_view word) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// ----------------------------------------------------------------------------------- compound splitting
// A sorted word list (folded) used to split compounds: "identiteitskaart" -> {"identiteit", "kaart"},
// "geboorteaangifte" -> {"geboorte", "aangifte"}. The linking elements of the language's profile (nl: s, e,
// en; de: s, es, n, en, e, er) may join the parts.
class compound_dictionary {
 public:
  compound_dictionary() = default;
  // Reads a hunspell .dic file (first line: count; then word[/flags]); words are normalised and folded,
  // entries with non-letters are skipped. io_error / invalid_format naming the file.
  static result<compound_dictionary> from_hunspell(std::filesystem::path const& dic);
  // Words need not be sorted or unique; they are normalised by the caller (folded, lower case).
  static compound_dictionary from_words(std::vector<std::string> words);
  // Views over sorted unique words that live as long as `keep_alive`.
  static compound_dictionary from_sorted_views(std::vector<std::string_view> words,
                                               std::shared_ptr<void const> keep_alive);
  // Union of two dictionaries.
  static compound_dictionary merge(compound_dictionary const& a, compound_dictionary const& b);

  bool contains(std::string_view folded) const noexcept;
  std::size_t size() const noexcept { return words().size(); }
  std::span<std::string_view const> words() const noexcept;

  // Parts of `folded` (>= 2 parts, each >= kMinPart code units and in the dictionary, joined directly or by
  // a linking element of `l`; none when `l` has no compound_links), choosing the split with the fewest parts and then the longest first part;
  // empty when the word is shorter than kMinWord or has no split.
  std::vector<std::string> split(std::string_view folded, lang l) const;
  static constexpr std::size_t kMinPart = 4;
  static constexpr std::size_t kMinWord = 8;

 private:
  struct storage {
    std::vector<std::string> owned;
    std::vector<std::string_view> views;
    std::shared_ptr<void const> keep_alive;
  };
  std::shared_ptr<storage const> words_;
  bool split_rec(std::string_view w, lang l, int depth, std::vector<std::string>& out) const;
};

// ------------------------------------------------------------------------------- bilingual dictionaries
// dictd dictionaries as Debian's FreeDict packages ship them: `<base>.index` (headword TAB offset TAB length,
// offsets in dictd's base64) and `<base>.dict.dz` (dictzip, i.e. gzip) or `<base>.dict`.
struct dictionary_entry {
  std::string headword;                   // as in the index
  std::vector<std::string> translations;  // best first (senses in order), qualifiers in brackets removed
};
// io_error (missing or unreadable file) / invalid_format (a malformed index line) naming file and line.
result<std::vector<dictionary_entry>> read_dictd(std::filesystem::path const& base);
// The same over the two files' contents (`data` uncompressed); entries whose article lies outside `data`
// are invalid_format.
result<std::vector<dictionary_entry>> parse_dictd(std::string_view index, std::string_view data,
                                                  std::string const& name);
// The translations of one article: "headword /ipa/ <pos>" then either one line of translations (a second
// line is a gloss) or numbered senses "1. a, b" (unnumbered lines are glosses). Entries longer than
// kMaxTranslationWords words are definitions, not translations, and are dropped.
std::vector<std::string> parse_dictd_article(std::string_view article);
constexpr std::size_t kMaxTranslationWords = 4;

// --------------------------------------------------------------------------------- language identification
struct lang_score {
  lang l;
  double score;  // >= 0, scores of one answer sum to <= 1
};
// Languages of a (short) text, best first, restricted to kwartier's languages. Combines CLD2 (best effort)
// with function-word evidence, which decides on very short queries. Empty when nothing is recognisable.
std::vector<lang_score> identify_language(std::string_view text);

// ------------------------------------------------------------------------------------------ typo distance
// Optimal string alignment distance (Levenshtein with adjacent transpositions) over code points.
std::uint32_t edit_distance(std::u32string_view a, std::u32string_view b);
// Typo budget by word length in code points: 0 below 4, 1 from 4, 2 from 8 (Meilisearch/Typesense).
constexpr std::uint32_t typo_budget(std::size_t n_code_points) noexcept {
  return n_code_points >= 8 ? 2u : n_code_points >= 4 ? 1u : 0u;
}
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);

}  // namespace kwartier::text
