// Feed specs "[prefix=]path" as every edge takes them (docs/edges.md §1 rule 7).
#pragma once

#include <string>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::edges {

// Loader inputs of the specs, in order; invalid_argument (field "feed") for a bad spec.
result<std::vector<transit::feed_input>> feed_inputs(std::vector<std::string> const& specs);

}  // namespace kwartier::edges
