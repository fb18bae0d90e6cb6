// POIs (and other points) from a user's CSV or GeoJSON file.
//
//   poi::load_options o;  o.category_column = "type";
//   validation_report rep;
//   KW_TRY(auto pois, poi::load_file("shops.csv", o, rep));     // by suffix: .csv, .geojson / .json
//
// CSV (RFC 4180, kwartier/io/csv.h): a header with the coordinate columns (`lat`, `lon` by default) and the
// category column; other columns are ignored. GeoJSON: a FeatureCollection whose features have a Point or
// MultiPoint geometry (one POI per point) or a Polygon / MultiPolygon (one POI at its area centroid), and the
// category in `properties`.
//
// Rows are checked one by one: a missing, non-numeric or out-of-range coordinate, an empty category, or a
// category outside load_options::categories (when given) skips the row with a warning naming the file, the line
// (CSV) or the feature (GeoJSON: `field` is its JSON path, e.g. "features[12].geometry") and the value. A
// whole-file problem (not found, not CSV / not GeoJSON, no category column, no usable row) is an error.
//
// Thread rules: pure functions.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/poi/poi.h"

namespace kwartier::poi {

struct load_options {
  std::string category_column = "category";
  std::string lat_column = "lat";  // CSV only
  std::string lon_column = "lon";  // CSV only
  std::string name_column = "name";  // optional
  // Categories to keep, in this order, with their weights. Empty: every category the file names, in order of
  // first appearance, weight 1. A row whose category is not listed is skipped with an `unknown_category`
  // warning.
  std::vector<category> categories;
};

// Parses "pharmacy,school:2,park:0.5" (name[:weight], comma-separated) into categories. Errors:
// invalid_argument naming the item (empty name, duplicate, weight not a positive number).
result<std::vector<category>> parse_categories(std::string_view spec);

// By file suffix (.csv; .geojson or .json). Errors: not_found, invalid_format (unknown suffix, not CSV/JSON,
// missing column, no usable row), invalid_argument (bad options).
result<poi_set> load_file(std::filesystem::path const& path, load_options const& opt, validation_report& report);
result<poi_set> load_csv(std::string_view bytes, std::string const& file, load_options const& opt,
                         validation_report& report);
result<poi_set> load_geojson(std::string_view bytes, std::string const& file, load_options const& opt,
                             validation_report& report);

// For "no usable row" errors: " (3 rows skipped; the first: line 2, lat: empty lat; row skipped)" from the
// warnings `report` holds about `file`, or "" when it holds none (the row warnings would otherwise be lost with
// the error).
std::string skipped_rows_note(validation_report const& report, std::string const& file);

// ---- generic point tables (shared with access's origin files)

// One point of a user's file, with the values of the requested columns / properties ("" when absent).
struct point_row {
  geo::latlng pos;
  std::uint32_t line = 0;   // CSV: the record's line; GeoJSON: 0
  std::uint32_t feature = 0;  // GeoJSON: 0-based feature index; CSV: 0-based record index
  std::uint8_t kind = 0;    // 0: a point, 1: the centroid of a polygon
  std::vector<std::string> values;
};

struct point_table_options {
  std::string lat_column = "lat";  // CSV only
  std::string lon_column = "lon";  // CSV only
  std::vector<std::string> columns;          // values to read, in this order
  std::vector<bool> required;                // per column: a missing column is an error (CSV header / no feature has it)
};

// Reads every point of a CSV or GeoJSON file (by suffix) with the requested values; rows with missing or bad
// coordinates are skipped with warnings (file, line / feature, field). `where` names the location of a row
// for messages ("line 12" / "feature 12").
result<std::vector<point_row>> read_points(std::filesystem::path const& path, point_table_options const& opt,
                                           validation_report& report);
result<std::vector<point_row>> read_points_csv(std::string_view bytes, std::string const& file,
                                               point_table_options const& opt, validation_report& report);
result<std::vector<point_row>> read_points_geojson(std::string_view bytes, std::string const& file,
                                                   point_table_options const& opt, validation_report& report);

// Reads a whole file into memory (not_found / io_error naming it).
result<std::string> read_file(std::filesystem::path const& path);

}  // namespace kwartier::poi
