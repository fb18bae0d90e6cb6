// JSON of isochrone results (docs/edges.md §4.8c): one summary shape for the CLI, Python and C. The polygons
// themselves are routing::isochrone_result::to_geojson() on every edge.
#include <string>

#include "edges/json.h"
#include "kwartier/routing/isochrone.h"

namespace kwartier::edges {

json to_json(routing::isochrone_result const& r) {
  json bands = json::array();
  for (auto const& b : r.bands())
    bands.push_back(json{{"seconds", b.seconds},
                         {"nodes", b.nodes},
                         {"area_m2", !r.has_polygons() ? json(nullptr) : json(b.shape.area_m2())}});
  return json{{"mode", r.mode_label()},
              {"max_seconds", r.max_seconds()},
              {"nodes", r.node_seconds().size()},
              {"nodes_reached", r.n_reached()},
              {"bands", std::move(bands)}};
}

json isochrone_defaults() {
  routing::isochrone_request const r;
  return json{{"mode", std::string(routing::travel_mode_name(r.mode))},
              {"max_seconds", r.max_seconds},
              {"bands", r.bands},
              {"step_free", r.step_free},
              {"unknown", std::string(routing::wheelchair_unknown_name(r.unknown))},
              {"max_transfers", r.max_transfers},
              {"min_change_seconds", r.min_change_seconds},
              {"max_snap_m", r.max_snap_m},
              {"buffer_m", r.buffer_m},
              {"polygons", r.polygons}};
}

}  // namespace kwartier::edges
