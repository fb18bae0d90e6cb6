// Regions of the plane built from buffered lines and points (isochrone polygons), computed with GEOS (its
// re-entrant C API, behind a pimpl) in a local metric frame, written as GeoJSON in longitude/latitude.
//
//   geo::region_spec s;
//   s.lines.push_back({{a, b}});          // polylines (lat/lon), buffered by buffer_m
//   s.points.push_back(p);                // points, buffered by buffer_m
//   s.cuts.push_back({q, 1.0});           // discs removed afterwards (centre, radius in metres)
//   KW_TRY(auto r, geo::region::build(s));
//   r.contains(p); r.to_geojson();        // {"type":"MultiPolygon","coordinates":[...]} (lon, lat)
//
// Thread rules: build may run in any number of threads at once (one GEOS context per call); a region is
// immutable and may be read from any number of threads.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"

namespace kwartier::geo {

struct region_spec {
  std::vector<std::vector<latlng>> lines;  // polylines of at least 2 points
  std::vector<latlng> points;
  double buffer_m = 25.0;  // > 0
  struct disc {
    latlng centre;
    double radius_m;
  };
  std::vector<disc> cuts;  // removed from the union of the buffers
  int quadrant_segments = 4;  // circle approximation of the buffers (GEOS quadsegs)
};

class region {
 public:
  region();
  // The union of the buffered lines and points minus the cuts, computed in an equirectangular frame around
  // the first coordinate (exact to well under a metre over a city). Errors: invalid_argument (buffer <= 0,
  // coordinates out of range), internal (a GEOS failure, with its message).
  static result<region> build(region_spec const& spec);

  bool empty() const;
  // Whether p lies in the region or on its boundary.
  bool contains(latlng p) const;
  double area_m2() const;
  // The GeoJSON geometry object, a MultiPolygon (possibly with no polygon), coordinates [lon, lat].
  std::string to_geojson() const;
  // This region minus discs (centre, radius in metres); the same frame. Errors: internal (GEOS).
  result<region> minus(std::span<region_spec::disc const> discs, int quadrant_segments = 4) const;

 private:
  struct impl;
  std::shared_ptr<impl const> impl_;
};

}  // namespace kwartier::geo
