// POIs from OpenStreetMap through a category table (kwartier/poi/poi.h; the default is documented in
// docs/access.md).
//
//   validation_report rep;
//   KW_TRY(auto pois, poi::extract_osm({"city.osm.pbf"}, poi::category_table::defaults(), rep));
//
// Which features count:
// - a node whose tags match a rule: one POI at the node;
// - an area (a closed way of at least 4 nodes without area=no, or a type=multipolygon relation assembled by
//   libosmium's area assembler) whose tags match: one POI at each node of its outline tagged `entrance=*`
//   (other than `entrance=no`) or `barrier=gate` / `barrier=entrance`; with no such node, one POI at the
//   centroid of the area (outer rings minus inner rings);
// - a way that matches but is not an area (open, or not assembled): one POI halfway along it.
// A feature matching several categories gives one POI per category. Nodes without a valid location are
// skipped (warning).
//
// Thread rules: a pure function.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/poi/poi.h"

namespace kwartier::poi {

// An OSM file (.osm, .osm.pbf, also .osm.bz2/.gz) or bytes in memory with their format ("osm" or "pbf";
// empty: guessed from the first byte).
struct osm_input {
  std::filesystem::path path;
  std::string_view bytes;
  std::string format;
};

// Errors: not_found, invalid_format (not OSM data), naming the file.
result<poi_set> extract_osm(osm_input const& in, category_table const& table, validation_report& report,
                            std::function<void(std::string_view, double)> const& progress = {});

}  // namespace kwartier::poi
