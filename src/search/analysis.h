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
  // concept terms per field; `words` receives every indexed word (folded) and compound part, for the
  // vocabulary. Positions do not run across fields.
  void analyze(procedure const& d, text::lang l, Xapian::Document& xd, std::vector<std::string>& words);

 private:
  enum class field_kind { title, summary, body };
  void field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind, Xapian::termpos& pos,
             std::vector<std::string>& words);
  std::string const& stem_of(text::lang l, std::string const& w);

  text::stemmer stem_;
  text::compound_dictionary const& dict_;
  concept_table const& concepts_;
  std::unordered_map<std::string, std::string> stem_cache_[text::kNumLangs];
  std::vector<std::string> folded_, stems_;  // scratch
  std::vector<concept_table::match> matches_;
};

}  // namespace kwartier::search::detail
