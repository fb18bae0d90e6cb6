// Grouping: matched documents become answers, one per procedure (documents sharing a group key are
// language versions of one procedure), each given in the best language for the user. Not installed.
#pragma once

#include <span>
#include <vector>

#include "search/query_plan.h"

namespace kwartier::search::detail {

struct matched_doc {
  std::uint32_t doc;
  double weight;  // Xapian relevance
};

struct answer {
  std::uint32_t doc;       // the document given as the answer (best language for the user)
  std::uint32_t best_doc;  // the best matching document of the procedure
  double relevance;        // best_doc's weight
  double lang_factor;      // of `doc`
  double score;            // relevance x lang_factor
  std::uint32_t n_matched; // documents of the procedure that matched
};

// Answers, best first. `group` false: one answer per document. With filters only matched documents may be
// answers (a language version outside the filter is not offered).
std::vector<answer> group_answers(index::impl const& ix, query_plan const& plan, std::span<matched_doc const> matched,
                                  bool group);

}  // namespace kwartier::search::detail
