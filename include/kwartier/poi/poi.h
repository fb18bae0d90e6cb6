// Points of interest (POIs) by category: the vocabulary below `network` and `access`.
//
// A POI is one place where a service can be reached: a pharmacy node, the entrance of a school's grounds, the
// centroid of a park without tagged entrances, a row of a user's CSV file. POIs come
// - from OpenStreetMap tags, through a *category table* (kwartier/poi/osm.h): the default table
//   (category_table::defaults(), documented in docs/access.md) is versioned; `network build` extracts POIs
//   with it once and stores them in the .kwn as an optional section group;
// - or from the user's CSV / GeoJSON files (kwartier/poi/load.h), whose category column names the categories.
//
// Categories carry a weight (default 1): access::score's `share` is the weighted share of categories reached.
//
// One set type owns its vectors (poi_set, from the extractor and the loaders); poi_view views them or a mapped
// file's sections (read_sections). Both are immutable once built and may be read from any number of threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"

namespace kwartier::poi {

// Where a POI record comes from.
enum class source_kind : std::uint8_t {
  node = 0,      // an OSM node with the tags
  entrance = 1,  // an entrance node on the outline of an OSM area (closed way or multipolygon) with the tags
  centroid = 2,  // the centroid of an OSM area without tagged entrances
  way = 3,       // the middle (half the length) of an OSM way that is not an area
  user = 4,      // a row / feature of a user's file
};
std::string_view source_kind_name(source_kind k);

// One POI (section NPrc of the .kwn). An OSM area with three entrances gives three records with the same
// source_id: the nearest one counts.
struct poi_record {
  double lat = 0.0;
  double lon = 0.0;
  std::uint32_t category = 0;  // index into the set's categories
  source_kind kind = source_kind::node;
  std::uint8_t pad_[3] = {0, 0, 0};
  std::int64_t source_id = 0;  // OSM id (node, way or relation, by kind), or the 1-based row / feature number
};
static_assert(sizeof(poi_record) == 32);

struct category {
  std::string name;    // snake_case, e.g. "pharmacy"
  double weight = 1.0; // > 0
};

// One OSM tag rule: a feature with tag key=value belongs to `category` (a feature may match several).
struct tag_rule {
  std::string key;
  std::string value;
  std::uint32_t category = 0;
};

// A versioned mapping from OSM tags to categories.
struct category_table {
  std::string version;  // e.g. "kwartier-poi/1"
  std::vector<category> categories;
  std::vector<tag_rule> rules;

  // The documented default (docs/access.md): pharmacy, health_care, library, town_hall, childcare, school,
  // food_shop, park, post_office, transit_stop. Changing it changes `version`.
  static category_table const& defaults();
  // Index of the category called `name`, or -1.
  int find(std::string_view name) const;
  // Every key the rules look at (for tag filters).
  std::vector<std::string> keys() const;
};

// Owned POIs: categories (with weights), records, one name per record ("" when unnamed), where they came from.
struct poi_set {
  std::string table_version;  // category_table::version for OSM POIs, "user" for a user's file
  std::string source;         // "osm" for POIs extracted from OpenStreetMap, else the user file they were read from
  std::vector<category> categories;
  std::vector<poi_record> records;
  std::vector<std::string> names;

  std::size_t size() const { return records.size(); }
  std::size_t n_categories() const { return categories.size(); }
};

// A view: of an owned set (view_of) or of a network file's POI sections (read_sections).
struct poi_view {
  std::string_view table_version;
  std::string_view source;
  std::vector<std::string_view> category_names;
  std::vector<double> category_weights;
  std::span<poi_record const> records;
  std::vector<std::string_view> names;  // empty or one per record

  std::size_t size() const { return records.size(); }
  std::size_t n_categories() const { return category_names.size(); }
  std::string_view name(std::size_t i) const { return i < names.size() ? names[i] : std::string_view{}; }
  int find(std::string_view category_name) const;
  // Records per category.
  std::vector<std::size_t> counts() const;
  dataset_file file_;  // keeps a mapping alive (empty for a view of an owned set)
};

// A view of `s` (no copy); `s` must outlive it.
poi_view view_of(poi_set const& s);

// Schema of the POI sections (ids start with "NP"): the network file stores them as its optional group
// "NPoi" (kwartier/network/network.h), so files written without POIs still open.
constexpr std::string_view kPoiSchema =
    "poi.v1:NPmo+NPmc:strings(version,source);NPco+NPcc:strings;NPcw:f64;NPrc:f64,f64,u32,u8,pad3,i64;"
    "NPno+NPnc:strings;";

// Adds the POI sections to `w`; read_sections validates them (categories < count, finite in-range
// coordinates, positive weights, one name per record): errc::corrupt_dataset on any inconsistency.
void add_sections(poi_set const& s, dataset_writer& w);
result<poi_view> read_sections(dataset_file const& f);

}  // namespace kwartier::poi
