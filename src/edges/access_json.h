// The JSON shape of a 15-minute answer (access::score_result), shared by `kwartier access --format json`,
// Python's kwartier.access (DataFrame.attrs["kwartier"]) and C's kw_access_summary_json.
#pragma once

#include "edges/json.h"

namespace kwartier::access {
struct score_result;
}

namespace kwartier::edges {

// {"modes", "categories": [{name, weight, pois}], "origins": {kind, count, source, cell_m}, "minutes",
//  "max_minutes", "date", "time", "default_date", "window_minutes", "percentile",
//  "summary": [{category, mode, reached, median_s}]   (reached: weighted share of origins, 0..1; median_s null
//                                                      when the median origin does not reach it),
//  "share": {mode: mean share, "any": ...},
//  "areas": [{name, origins, weight, share: {mode: .., any: ..}, reached: {mode: {category: share}}}],
//  "report": {...}}
json access_summary(access::score_result const& r);

}  // namespace kwartier::edges
