#include "kwartier/poi/poi.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace kwartier::poi {

namespace {
constexpr std::uint32_t kMetaOffsets = fourcc("NPmo");
constexpr std::uint32_t kMetaChars = fourcc("NPmc");
constexpr std::uint32_t kCategoryOffsets = fourcc("NPco");
constexpr std::uint32_t kCategoryChars = fourcc("NPcc");
constexpr std::uint32_t kCategoryWeights = fourcc("NPcw");
constexpr std::uint32_t kRecords = fourcc("NPrc");
constexpr std::uint32_t kNameOffsets = fourcc("NPno");
constexpr std::uint32_t kNameChars = fourcc("NPnc");

category_table make_defaults() {
  // The default mapping (docs/access.md, "POI categories"). Any change here bumps the version.
  category_table t;
  t.version = "kwartier-poi/1";
  struct row {
    char const* category;
    std::initializer_list<std::pair<char const*, char const*>> tags;
  };
  std::initializer_list<row> const rows = {
      {"pharmacy", {{"amenity", "pharmacy"}, {"healthcare", "pharmacy"}}},
      {"health_care",
       {{"amenity", "doctors"}, {"amenity", "clinic"}, {"amenity", "hospital"}, {"amenity", "dentist"},
        {"healthcare", "doctor"}, {"healthcare", "clinic"}, {"healthcare", "hospital"}, {"healthcare", "dentist"},
        {"healthcare", "centre"}}},
      {"library", {{"amenity", "library"}}},
      {"town_hall", {{"amenity", "townhall"}}},
      {"childcare", {{"amenity", "kindergarten"}, {"amenity", "childcare"}}},
      {"school", {{"amenity", "school"}}},
      {"food_shop", {{"shop", "supermarket"}, {"shop", "convenience"}, {"shop", "greengrocer"}, {"shop", "bakery"}}},
      {"park", {{"leisure", "park"}, {"leisure", "garden"}, {"leisure", "playground"}}},
      {"post_office", {{"amenity", "post_office"}}},
      {"transit_stop",
       {{"highway", "bus_stop"}, {"public_transport", "platform"}, {"public_transport", "station"},
        {"railway", "station"}, {"railway", "halt"}, {"railway", "tram_stop"}, {"amenity", "bus_station"}}},
  };
  for (auto const& r : rows) {
    auto const c = static_cast<std::uint32_t>(t.categories.size());
    t.categories.push_back({r.category, 1.0});
    for (auto const& [k, v] : r.tags) t.rules.push_back({k, v, c});
  }
  return t;
}

tl::unexpected<error> corrupt(dataset_file const& f, std::string const& what) {
  return make_error(errc::corrupt_dataset, "POI sections: " + what, f.name());
}
}  // namespace

std::string_view source_kind_name(source_kind k) {
  switch (k) {
    case source_kind::node: return "node";
    case source_kind::entrance: return "entrance";
    case source_kind::centroid: return "centroid";
    case source_kind::way: return "way";
    case source_kind::user: return "user";
  }
  return "unknown";
}

category_table const& category_table::defaults() {
  static category_table const t = make_defaults();
  return t;
}

int category_table::find(std::string_view name) const {
  for (std::size_t i = 0; i < categories.size(); ++i)
    if (categories[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> category_table::keys() const {
  std::vector<std::string> k;
  for (auto const& r : rules)
    if (std::find(k.begin(), k.end(), r.key) == k.end()) k.push_back(r.key);
  return k;
}

int poi_view::find(std::string_view category_name) const {
  for (std::size_t i = 0; i < category_names.size(); ++i)
    if (category_names[i] == category_name) return static_cast<int>(i);
  return -1;
}

std::vector<std::size_t> poi_view::counts() const {
  std::vector<std::size_t> c(n_categories(), 0);
  for (auto const& r : records)
    if (r.category < c.size()) ++c[r.category];
  return c;
}

poi_view view_of(poi_set const& s) {
  poi_view v;
  v.table_version = s.table_version;
  v.source = s.source;
  for (auto const& c : s.categories) {
    v.category_names.push_back(c.name);
    v.category_weights.push_back(c.weight);
  }
  v.records = s.records;
  v.names.assign(s.names.begin(), s.names.end());
  return v;
}

void add_sections(poi_set const& s, dataset_writer& w) {
  std::vector<std::string> const meta{s.table_version, s.source};
  w.add_strings(kMetaOffsets, kMetaChars, meta);
  std::vector<std::string> names;
  std::vector<double> weights;
  for (auto const& c : s.categories) {
    names.push_back(c.name);
    weights.push_back(c.weight);
  }
  w.add_strings(kCategoryOffsets, kCategoryChars, names);
  w.add(kCategoryWeights, weights);
  w.add(kRecords, s.records);
  std::vector<std::string> poi_names = s.names;
  poi_names.resize(s.records.size());
  w.add_strings(kNameOffsets, kNameChars, poi_names);
}

result<poi_view> read_sections(dataset_file const& f) {
  poi_view v;
  v.file_ = f;
  KW_TRY(auto meta, f.strings(kMetaOffsets, kMetaChars));
  if (meta.size() != 2) return corrupt(f, "meta must hold two strings");
  v.table_version = meta[0];
  v.source = meta[1];
  KW_TRY(v.category_names, f.strings(kCategoryOffsets, kCategoryChars));
  KW_TRY(auto weights, f.section<double>(kCategoryWeights));
  if (weights.size() != v.category_names.size()) return corrupt(f, "one weight per category expected");
  for (auto const w : weights)
    if (!std::isfinite(w) || !(w > 0.0)) return corrupt(f, "category weight is not a positive number");
  v.category_weights.assign(weights.begin(), weights.end());
  KW_TRY(v.records, f.section<poi_record>(kRecords));
  for (auto const& r : v.records) {
    if (r.category >= v.category_names.size()) return corrupt(f, "POI names a category out of range");
    if (!geo::valid({r.lat, r.lon})) return corrupt(f, "POI coordinate out of range");
    if (static_cast<std::uint8_t>(r.kind) > static_cast<std::uint8_t>(source_kind::user))
      return corrupt(f, "POI source kind out of range");
  }
  KW_TRY(v.names, f.strings(kNameOffsets, kNameChars));
  if (v.names.size() != v.records.size()) return corrupt(f, "one name per POI expected");
  return v;
}

}  // namespace kwartier::poi
