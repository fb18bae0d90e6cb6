// The Xapian query of a query plan: per word, its readings (each the folded word, its stems in every
// language of the index and its title stems) OR'ed with their weights; concepts in titles and bodies; a
// phrase bonus; the filters. Each term keeps the reason it is in the query, in words, for --explain.
// Not installed.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "search/query_plan.h"
#include "search/snippet.h"

namespace kwartier::search::detail {

struct compiled_query {
  Xapian::Query query;
  std::unordered_map<std::string, std::string> why;  // term -> what it stands for ("typo: pasprot -> paspoort")
  highlight_terms highlight;                         // words and stems for snippets
};

// Weights of concept terms: a recognised concept names the procedure across languages; its words alone
// are weaker evidence (a "building permit" query must not prefer "work permit" pages over "permis
// d'urbanisme" ones).
constexpr double kConceptTitleWeight = 6.0;
constexpr double kConceptBodyWeight = 0.5;

compiled_query compile_query(query_plan const& plan, index::impl const& ix, text::stemmer const& stem,
                             query_options const& opt);

// The reason a matched term is in the query; a generic description for terms compile_query did not write.
std::string explain_term(compiled_query const& q, std::string const& term);

}  // namespace kwartier::search::detail
