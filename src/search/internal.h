// Internal pieces of the search module shared by build and query: concept table, document/query analysis,
// vocabulary automaton, side-file schema. Not installed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/search/search.h"
#include "kwartier/text/text.h"
#include "search/index_store.h"
#include "search/side.h"

namespace kwartier::search::detail {

// ------------------------------------------------------------------------------------------ concept table
struct concept_phrase {
  std::uint32_t concept_idx;
  text::lang l;
  std::string written;              // as in the table
  std::vector<std::string> folded;  // tokens, accent-folded
  std::vector<std::string> stems;   // tokens stemmed in `l`
};

class concept_table {
 public:
  // Parses the TSV table (see concepts.tsv); invalid_format naming the line.
  static result<concept_table> parse(std::string_view tsv, std::string const& name);
  static std::string_view builtin_text();

  std::string const& version() const { return version_; }
  std::string const& text() const { return text_; }
  std::size_t n_concepts() const { return names_.size(); }
  std::string const& name(std::uint32_t c) const { return names_[c]; }
  // The first phrase of concept `c` in language `l` as written in the table ("" when it has none).
  std::string_view phrase(std::uint32_t c, text::lang l) const;
  // Whether concept `c` has a one-word phrase in language `l` whose folded word is `folded`.
  bool has_word(std::uint32_t c, text::lang l, std::string_view folded) const;

  struct match {
    std::uint32_t concept_idx;
    std::uint32_t first_token;
    std::uint32_t n_tokens;
    text::lang l;
  };
  // Phrases of language `l` found in the token sequence (given folded words and their stems in `l`).
  void find(text::lang l, std::vector<std::string> const& folded, std::vector<std::string> const& stems,
            std::vector<match>& out) const;
  // The same search when the caller knows, per token, the phrases its stem begins (`starts`, from
  // phrases_starting; null: none): document analysis looks them up once per distinct word.
  using phrase_list = std::vector<std::uint32_t>;
  phrase_list const* phrases_starting(text::lang l, std::string_view stem) const;
  void find(text::lang l, std::span<std::string_view const> folded, std::span<std::string_view const> stems,
            std::span<phrase_list const* const> starts, std::vector<match>& out) const;

 private:
  std::string text_;
  std::string version_;
  std::vector<std::string> names_;
  std::vector<concept_phrase> phrases_;
  // (lang, first stem) -> phrase indices
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_first_;
};

// ------------------------------------------------------------------------------------------ term prefixes
// The index's terms, written by document analysis (analysis.cc) and read by the query (xapian_query.cc):
// unprefixed: accent-folded word (positional). A: exact word with accents. Z: stem (any pipeline).
// S: stem in a title. C: concept in the body, K: concept in the title or summary.
// Boolean filters: XL language, XC country, XO organisation, XV level.
namespace term {
inline std::string word(std::string_view folded) { return std::string(folded); }
inline std::string exact(std::string_view w) { return "A" + std::string(w); }
inline std::string stem(std::string_view s) { return "Z" + std::string(s); }
inline std::string title_stem(std::string_view s) { return "S" + std::string(s); }
inline std::string concept_body(std::string_view c) { return "C" + std::string(c); }
inline std::string concept_title(std::string_view c) { return "K" + std::string(c); }
constexpr std::size_t kMaxWordBytes = 64;    // longer words are cut (Xapian terms hold at most 245 bytes)
constexpr std::size_t kMaxExactBytes = 120;  // longer exact forms are not indexed
}  // namespace term

// The side file schema, its columns and the vocabulary: search/side.h.

}  // namespace kwartier::search::detail
