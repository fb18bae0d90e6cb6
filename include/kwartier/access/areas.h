// Areas for the per-area summaries: the user's districts (GeoJSON Polygon / MultiPolygon features, e.g.
// Brussels' 19 municipalities), or the cells of a grid origin set.
//
//   KW_TRY(auto d, access::load_areas("districts.geojson", "name", report));
//   auto which = d.assign(origins.pos);           // area index per origin, -1 outside every area
//
// Thread rules: an area set is an immutable value (copies share the polygons).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"

namespace kwartier::access {

using ring = std::vector<geo::latlng>;
using polygon = std::vector<ring>;  // outer ring first, then holes

class areas {
 public:
  std::size_t size() const { return names_.size(); }
  std::string const& name(std::size_t i) const { return names_[i]; }
  std::vector<polygon> const& polygons(std::size_t i) const { return polys_[i]; }
  std::string const& source() const { return source_; }
  // The area of each point (the first containing it, in file order), -1 when none does.
  std::vector<std::int32_t> assign(std::span<geo::latlng const> points) const;

 private:
  friend struct areas_access;
  std::string source_;
  std::vector<std::string> names_;
  std::vector<std::vector<polygon>> polys_;
  struct index;
  std::shared_ptr<index const> index_;
};

// GeoJSON FeatureCollection of Polygon / MultiPolygon features; the area's name is properties[name_property]
// (the feature number when absent). Features of other geometry types are skipped with a warning. Errors:
// not_found, invalid_format (not JSON / not GeoJSON, no polygon), naming the file.
result<areas> load_areas(std::filesystem::path const& path, std::string const& name_property, validation_report& report);
result<areas> parse_areas(std::string_view bytes, std::string const& file, std::string const& name_property,
                          validation_report& report);

}  // namespace kwartier::access
