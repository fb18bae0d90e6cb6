// Document analysis: the terms one catalogue document contributes to the index (words, accented forms,
// stems, title stems, compound parts, concepts). build_index calls it per document; the query side reads
// the same terms (search/internal.h `term`). Not installed.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "search/internal.h"

namespace kwartier::search::detail {

class document_analyzer {
 public:
  document_analyzer(text::compound_dictionary const& dict, concept_table const& concepts);
  // Adds the terms of `d` (written in `l`) to `xd`: title (wdf 5, also title stems), summary (2), body (1),
  // concept terms per field. Positions do not run across fields.
  void analyze(procedure const& d, text::lang l, Xapian::Document& xd);

 private:
  enum class field_kind { title, summary, body };
  // The terms of one (language, folded word), computed once per analyzer: its stem, the stem term, the title
  // stem term and its compound parts with theirs. Catalogue text repeats its words, so the stemmer and the
  // compound splitter run once per distinct word instead of once per token.
  struct part_terms {
    std::string word, stem_term, title_stem_term;
  };
  struct word_terms {
    std::string stem, stem_term, title_stem_term;
    std::vector<part_terms> parts;
  };
  void field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind, Xapian::termpos& pos);
  word_terms const& terms_of(text::lang l, std::string const& folded);

  // The memo is dropped when it grows past this many words (a bound on memory for huge vocabularies).
  static constexpr std::size_t kMaxMemoWords = 1u << 20;

  text::stemmer stem_;
  text::compound_dictionary const& dict_;
  concept_table const& concepts_;
  std::unordered_map<std::string, word_terms> memo_[text::kNumLangs];
  std::size_t memo_size_ = 0;
  std::vector<std::string> folded_, stems_;  // scratch
  std::vector<concept_table::match> matches_;
};

}  // namespace kwartier::search::detail
