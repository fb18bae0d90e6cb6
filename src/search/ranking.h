// Ranking beyond Xapian's BM25: how well a document's language suits the user. Not installed.
#pragma once

#include "search/query_plan.h"

namespace kwartier::search::detail {

// 1st preferred language 1.0, 2nd 0.75, later ones 0.6, other languages 0.5; without preferred languages
// 1.0 for the query's language (or when it is unknown) and 0.8 for others.
double language_factor(query_plan const& plan, text::lang doc_lang);

}  // namespace kwartier::search::detail
