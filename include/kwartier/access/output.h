// Writing access scores: CSV (one row per origin), GeoJSON (points, or cell polygons for a grid, with the
// scores as properties), and the per-area / whole-region summary tables.
//
// Column / property names (the same in the CSV, the GeoJSON, and Python's DataFrame):
//   id, lat, lon, weight, [row, col for grid cells],
//   <mode>_<category>_s   seconds to the nearest POI of the category (empty / null: not within max_minutes)
//   <mode>_reached        number of categories within the threshold
//   <mode>_share          weighted share of categories within the threshold (0..1)
//   share                 weighted share of categories within the threshold by at least one of the modes
// The GeoJSON FeatureCollection also carries a foreign member "kwartier" with what was scored: modes,
// categories and weights, POI counts, minutes, max_minutes, date, time, default_date, window_minutes,
// percentile, origin kind, cell size, the POIs ([lat, lon, category, name] rows) and, with areas, the area
// summaries as a FeatureCollection of the area polygons.
#pragma once

#include <filesystem>
#include <string>

#include "kwartier/access/areas.h"
#include "kwartier/access/origins.h"
#include "kwartier/access/score.h"
#include "kwartier/core/result.h"
#include "kwartier/poi/poi.h"

namespace kwartier::access {

std::string to_csv(scores const& s, origins const& o);
// `areas`/`summary` may be null (no area summaries).
std::string to_geojson(scores const& s, origins const& o, poi::poi_view const* pois, areas const* a,
                       area_summary const* summary);
// The area summary as CSV: area, origins, weight, <mode>_<category> (share of origins within the threshold),
// <mode>_<category>_median_s, <mode>_share, share.
std::string summary_csv(scores const& s, area_summary const& a);
// A plain-text table per category and mode (percent of origins within the threshold, median minutes) of the
// summary's first area, for terminals.
std::string summary_text(scores const& s, area_summary const& a);

// Writes `text` to `path` as a result file (core/output.h, kResultOutput: replace-by-rename, or straight into
// a pipe or character device): io_error naming the path, invalid_argument for a folder, socket or link.
status write_text(std::filesystem::path const& path, std::string const& text);

}  // namespace kwartier::access
