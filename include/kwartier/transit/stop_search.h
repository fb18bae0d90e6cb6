// Finding stops the way a user names them ("8813003_6", "stib:0601", "Bruxelles-Central", "brussel-centraal",
// "centraal"), for the edges' --from-stop style arguments and stop search boxes.
//
//   auto hits = find_stops(view_of(tt), "Brussel-Centraal");   // the station first, then its platforms
//
// Thread rules: a pure function of an immutable timetable; any thread.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "kwartier/transit/timetable.h"

namespace kwartier::transit {

// Stops matching `query`, best first, at most `max`:
// 1. a stop whose id is exactly `query` (alone);
// 2. else stops whose name in any language (stops.txt or translations.txt) equals `query` ignoring ASCII
//    case;
// 3. else stops whose name in any language contains `query` ignoring ASCII case.
// Within 2 and 3 stations (location_type 1) come before other stops, each group in stop order. An empty
// query finds nothing.
std::vector<stop_idx_t> find_stops(timetable_view const& tt, std::string_view query, std::size_t max = 20);

}  // namespace kwartier::transit
