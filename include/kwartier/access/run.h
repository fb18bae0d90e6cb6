// One call for the whole 15-minute question, as the three edges ask it (CLI `kwartier access`, Python
// kwartier.access.score, C kw_access_score): which POIs, which origins, which areas, the options; the answer
// with everything the outputs need. The edges only convert types and write what comes back.
//
//   access::score_request r;
//   r.pois = "osm";  r.grid_m = 200;  r.opt.modes = {access::mode::walk, access::mode::transit};
//   KW_TRY(auto a, access::score(net, r));
//   access::write_text("out.geojson", access::to_geojson(a.scores, a.origins, &a.poi_view(), ...));
#pragma once

#include <optional>
#include <string>

#include "kwartier/access/areas.h"
#include "kwartier/access/origins.h"
#include "kwartier/access/score.h"
#include "kwartier/poi/load.h"

namespace kwartier::access {

struct score_request {
  // "osm": the POIs the network extracted from OpenStreetMap (kwartier/poi/osm.h); else a CSV or GeoJSON file.
  std::string pois = "osm";
  std::string category_column = "category";  // POI files: the column / property naming the category
  // Categories to keep, with weights: "pharmacy,school:2,park" (empty: every category, weight 1).
  std::string categories;
  // Origins: a grid of grid_m-metre cells (> 0), else the points of `origins` (a CSV or GeoJSON file), else
  // every street node.
  double grid_m = 0.0;
  std::string origins;
  std::string weight_column;  // origins file: population / weight column ("" : 1 each)
  // Areas: a GeoJSON file of districts (their `area_name` property names them); "" : grid cells or none.
  std::string areas;
  std::string area_name = "name";
  options opt;
};

struct score_result {
  poi::poi_set pois;            // the POIs scored (a copy of the network's, or the file's)
  access::origins origins;
  access::scores scores;
  std::optional<areas> districts;
  std::vector<std::int32_t> area_of;  // per origin, its district (-1: none); empty without districts
  area_summary by_area;          // per district (empty without districts)
  area_summary total;            // one area, "all"
  validation_report report;      // POI file rows, origin rows, areas, and the scoring's problems
};

// Errors: those of the loaders (not_found, invalid_format, naming the file), of access::score, and
// invalid_argument when pois = "osm" on a network without POIs (built without OSM, or before POIs existed)
// or a category asked for is not in the POI set.
result<score_result> score(network::network const& net, score_request const& r);
// The same with the origins given (Dask splits the origins of one request into tasks: every task scores its
// share with the same POIs and options; kwartier/access/origins.h makes them).
result<score_result> score(network::network const& net, score_request const& r, origins given);
// The origins a request names (grid, file or street nodes), with the problems of an origins file in `report`.
result<origins> make_origins(network::network const& net, score_request const& r, validation_report& report);

}  // namespace kwartier::access
