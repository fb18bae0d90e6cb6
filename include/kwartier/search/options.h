// Query options given as one string each, the form in which the CLI and the C ABI take them
// (docs/edges.md §1 rule 8). Python passes lists and dicts, which searcher::query checks with check_langs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier::search {

// "nl,fr;q=0.8, en-GB" -> {"nl", "fr", "en"}: preferred answer languages, best first, as language codes,
// duplicates dropped; Accept-Language weights (";q=...") and spaces are ignored, empty entries skipped.
// An entry that is not a language kwartier knows ("klingon", "*") is invalid_argument, field "langs".
result<std::vector<std::string>> parse_langs(std::string_view list);

// The same check for a list that is already split (query_options::langs): invalid_argument, field "langs",
// naming the first unknown entry.
status check_langs(std::span<std::string const> langs);

// "country=belgium;level=municipal" -> {{"country", "belgium"}, {"level", "municipal"}}. Entries are
// separated by ';', split at their first '=', and trimmed; an entry without '=' or with an empty field or
// value is invalid_argument, field "filters". Which fields exist is checked by the query.
result<std::vector<std::pair<std::string, std::string>>> parse_filters(std::string_view list);

}  // namespace kwartier::search
