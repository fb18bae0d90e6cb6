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
  // community variants: the answer was swapped for the user's community's variant of what matched
  // (`swapped_from` = the matched document), or added as the other community's variant (community unknown)
  enum class variant : std::uint8_t { as_matched, swapped, added } how = variant::as_matched;
  std::uint32_t swapped_from = 0;
};

// Answers, best first. `group` false: one answer per document. With filters only matched documents may be
// answers (a language version outside the filter is not offered).
std::vector<answer> group_answers(index::impl const& ix, query_plan const& plan, std::span<matched_doc const> matched,
                                  bool group);

// Procedures that differ by language community (documents sharing a variant group): with a known user
// community each answer of another community is replaced by the user's community's variant (in the best
// language for the user; one answer per procedure); with an unknown community every variant is answered,
// the missing ones right after the one that matched.
// `group` as for group_answers: false keeps one answer per document.
void apply_communities(index::impl const& ix, query_plan const& plan, std::span<matched_doc const> matched,
                       bool group, std::vector<answer>& answers);

}  // namespace kwartier::search::detail
