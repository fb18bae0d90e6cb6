// User POI files: CSV and GeoJSON, with every kind of bad row named by file, line / feature and field.
#include <string>

#include <gtest/gtest.h>

#include "kwartier/poi/load.h"

namespace poi = kwartier::poi;
using kwartier::errc;

namespace {
bool has(kwartier::validation_report const& r, std::string const& code, std::uint32_t line, std::string const& field) {
  for (auto const& p : r.problems())
    if (p.code == code && p.line == line && p.field == field) return true;
  return false;
}
}  // namespace

TEST(poi_load, csv_rows_categories_and_bad_rows) {
  // line 1 header; 2 ok; 3 empty lat; 4 lat "abc"; 5 lon 200; 6 empty category; 7 ok (quoted name with comma);
  // 8 second category.
  std::string const csv =
      "name,lat,lon,type\n"
      "Apotheek,50.85,4.35,pharmacy\n"
      "NoLat,,4.35,pharmacy\n"
      "BadLat,abc,4.35,pharmacy\n"
      "FarLon,50.85,200,pharmacy\n"
      "NoCat,50.85,4.35,\n"
      "\"Parc, grand\",50.86, 4.36 ,park\n"
      "Ecole,50.87,4.37,school\n";
  poi::load_options o;
  o.category_column = "type";
  kwartier::validation_report rep;
  auto s = poi::load_csv(csv, "pois.csv", o, rep);
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->size(), 3U);
  ASSERT_EQ(s->n_categories(), 3U);
  EXPECT_EQ(s->categories[0].name, "pharmacy");
  EXPECT_EQ(s->categories[1].name, "park");
  EXPECT_EQ(s->categories[2].name, "school");
  EXPECT_EQ(s->names[1], "Parc, grand");
  EXPECT_DOUBLE_EQ(s->records[1].lon, 4.36);
  EXPECT_EQ(s->records[1].source_id, 7);  // its line
  EXPECT_TRUE(has(rep, "missing_coordinate", 3, "lat"));
  EXPECT_TRUE(has(rep, "bad_coordinate", 4, "lat"));
  EXPECT_TRUE(has(rep, "coordinate_out_of_range", 5, "lon"));
  EXPECT_TRUE(has(rep, "missing_category", 6, "type"));
  for (auto const& p : rep.problems()) EXPECT_EQ(p.file, "pois.csv");
}

TEST(poi_load, listed_categories_keep_order_weights_and_flag_unknown_ones) {
  std::string const csv = "lat,lon,category\n50.85,4.35,pharmacy\n50.86,4.36,cinema\n50.87,4.37,park\n";
  poi::load_options o;
  auto cats = poi::parse_categories("park:2, pharmacy ,school:0.5");
  ASSERT_TRUE(cats) << cats.error().to_string();
  o.categories = *cats;
  kwartier::validation_report rep;
  auto s = poi::load_csv(csv, "p.csv", o, rep);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->n_categories(), 3U);
  EXPECT_EQ(s->categories[0].name, "park");
  EXPECT_EQ(s->categories[0].weight, 2.0);
  EXPECT_EQ(s->categories[2].weight, 0.5);
  EXPECT_EQ(s->size(), 2U);
  EXPECT_EQ(s->records[0].category, 1U);  // pharmacy
  EXPECT_TRUE(has(rep, "unknown_category", 3, "category"));
}

TEST(poi_load, parse_categories_errors) {
  EXPECT_FALSE(poi::parse_categories("park,,school"));
  EXPECT_FALSE(poi::parse_categories("park:0"));
  EXPECT_FALSE(poi::parse_categories("park:x"));
  EXPECT_FALSE(poi::parse_categories("park,park"));
  auto e = poi::parse_categories("park:-1");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_argument);
  EXPECT_EQ(e.error().field, "categories");
  auto empty = poi::parse_categories("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(poi_load, whole_file_errors) {
  kwartier::validation_report rep;
  poi::load_options o;
  auto no_col = poi::load_csv("lat,lon,kind\n50,4,x\n", "p.csv", o, rep);
  ASSERT_FALSE(no_col);
  EXPECT_EQ(no_col.error().code, errc::invalid_format);
  EXPECT_EQ(no_col.error().field, "category");
  EXPECT_EQ(no_col.error().file, "p.csv");
  auto empty = poi::load_csv("lat,lon,category\n,4,x\n", "p.csv", o, rep);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, errc::invalid_format);
  EXPECT_NE(empty.error().message.find("no usable POI"), std::string::npos);
  auto missing = poi::load_file("/no/such/pois.csv", o, rep);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::not_found);
  auto suffix = poi::load_file(KW_SOURCE_DIR "/README.md", o, rep);
  ASSERT_FALSE(suffix);
  EXPECT_EQ(suffix.error().code, errc::invalid_format);
  auto not_json = poi::load_geojson("lat,lon\n", "p.geojson", o, rep);
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().code, errc::invalid_format);
  EXPECT_EQ(not_json.error().file, "p.geojson");
  auto not_fc = poi::load_geojson(R"({"type": "Point", "coordinates": [4, 50]})", "p.geojson", o, rep);
  ASSERT_FALSE(not_fc);
  EXPECT_EQ(not_fc.error().code, errc::invalid_format);
}

TEST(poi_load, geojson_points_polygons_and_bad_features) {
  // feature 0: point; 1: null geometry; 2: out-of-range point; 3: polygon (square 2u, hole-free) -> centroid;
  // 4: multipoint of two; 5: line string (unsupported); 6: point without category; 7: numeric category.
  std::string const gj = R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"category": "pharmacy", "name": "A"}, "geometry": {"type": "Point", "coordinates": [4.35, 50.85]}},
    {"type": "Feature", "properties": {"category": "pharmacy"}, "geometry": null},
    {"type": "Feature", "properties": {"category": "pharmacy"}, "geometry": {"type": "Point", "coordinates": [4.35, 91]}},
    {"type": "Feature", "properties": {"category": "park"}, "geometry": {"type": "Polygon", "coordinates": [[[4.36, 50.86], [4.362, 50.86], [4.362, 50.862], [4.36, 50.862], [4.36, 50.86]]]}},
    {"type": "Feature", "properties": {"category": "school"}, "geometry": {"type": "MultiPoint", "coordinates": [[4.37, 50.87], [4.38, 50.88]]}},
    {"type": "Feature", "properties": {"category": "school"}, "geometry": {"type": "LineString", "coordinates": [[4.37, 50.87], [4.38, 50.88]]}},
    {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Point", "coordinates": [4.35, 50.85]}},
    {"type": "Feature", "properties": {"category": 7}, "geometry": {"type": "Point", "coordinates": [4.35, 50.85]}}
  ]})";
  kwartier::validation_report rep;
  auto s = poi::load_geojson(gj, "p.geojson", {}, rep);
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->size(), 5U);
  EXPECT_EQ(s->names[0], "A");
  EXPECT_EQ(s->records[0].source_id, 1);
  EXPECT_EQ(s->records[1].kind, poi::source_kind::centroid);
  EXPECT_NEAR(s->records[1].lat, 50.861, 1e-9);
  EXPECT_NEAR(s->records[1].lon, 4.361, 1e-9);
  EXPECT_EQ(s->categories.back().name, "7");
  EXPECT_TRUE(has(rep, "missing_coordinate", 0, "features[1].geometry"));
  EXPECT_TRUE(has(rep, "coordinate_out_of_range", 0, "features[2].geometry.coordinates"));
  EXPECT_TRUE(has(rep, "unsupported_geometry", 0, "features[5].geometry.type"));
  EXPECT_TRUE(has(rep, "missing_category", 0, "features[6].properties.category"));
}
