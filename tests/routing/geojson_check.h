#pragma once

// An independent reading of GeoJSON polygons for tests: nlohmann-json to parse, the even-odd ray-crossing
// rule to decide whether a point lies inside a (Multi)Polygon with holes. Independent of GEOS, which builds
// the polygons.
#include <nlohmann/json.hpp>

#include <string>

namespace kwartier::testdata {

// Even-odd rule over every ring of every polygon (outer rings and holes alike).
inline bool geojson_contains(nlohmann::json const& geometry, double lat, double lon) {
  bool inside = false;
  auto ring_crossings = [&](nlohmann::json const& ring) {
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      double const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
    }
  };
  auto polygon = [&](nlohmann::json const& rings) {
    for (auto const& r : rings) ring_crossings(r);
  };
  if (geometry["type"] == "Polygon") polygon(geometry["coordinates"]);
  if (geometry["type"] == "MultiPolygon")
    for (auto const& p : geometry["coordinates"]) polygon(p);
  return inside;
}

}  // namespace kwartier::testdata
