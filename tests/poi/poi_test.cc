// POI extraction from OSM (the default category table) and the .kwn sections, on a hand-written extract.
#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "kwartier/poi/osm.h"
#include "kwartier/poi/poi.h"

namespace poi = kwartier::poi;

namespace {

// Features (unit u = 0.001 degree; lat0 = 50.85, lon0 = 4.35):
//   n1  pharmacy node                                  -> pharmacy (node 1)
//   n2  bakery with a post counter (shop + amenity)     -> food_shop and post_office (node 2)
//   n3  bus stop                                        -> transit_stop (node 3)
//   n4  pharmacy tags but lat 95 (invalid)              -> skipped with a warning
//   n5  entrance=yes on no POI area                     -> nothing
//   w10 park, closed square n11 n12 n13 n14 n11 with a gate at n12 and entrance=main at n13
//                                                       -> park at n12 and at n13 (kind entrance, id 10)
//   w20 school, closed square n21..n24 (2u x 2u from (lat0+10u, lon0+10u)), no entrance
//                                                       -> school at its centroid (lat0+11u, lon0+11u)
//   w30 supermarket drawn as an open line n31 n32 n33 along one parallel, lon0+20u .. lon0+23u
//                                                       -> food_shop half-way: lon0+21.5u
//   r40 hospital multipolygon: outer ring = w41 (n51 n52 n53) + w42 (n53 n54 n51), the square
//       [0,2u] x [0,2u] from (lat0+30u, lon0+30u); inner ring w43 = the square [0.2u,1.2u] x [0.2u,1.2u].
//       Centroid (4 x (1,1) - 1 x (0.7,0.7)) / 3 = (1.1, 1.1) u    -> health_care at (lat0+31.1u, lon0+31.1u)
//   r60 school multipolygon whose member way 999 is missing -> incomplete_area warning, nothing
constexpr char const* kOsm = R"(<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="50.85" lon="4.35"><tag k="amenity" v="pharmacy"/><tag k="name" v="Apotheek"/></node>
  <node id="2" lat="50.851" lon="4.35"><tag k="shop" v="bakery"/><tag k="amenity" v="post_office"/></node>
  <node id="3" lat="50.852" lon="4.35"><tag k="highway" v="bus_stop"/></node>
  <node id="4" lat="95" lon="4.35"><tag k="amenity" v="pharmacy"/></node>
  <node id="5" lat="50.853" lon="4.35"><tag k="entrance" v="yes"/></node>
  <node id="11" lat="50.855" lon="4.355"/>
  <node id="12" lat="50.855" lon="4.356"><tag k="barrier" v="gate"/></node>
  <node id="13" lat="50.856" lon="4.356"><tag k="entrance" v="main"/></node>
  <node id="14" lat="50.856" lon="4.355"/>
  <node id="21" lat="50.86" lon="4.36"/>
  <node id="22" lat="50.86" lon="4.362"/>
  <node id="23" lat="50.862" lon="4.362"/>
  <node id="24" lat="50.862" lon="4.36"/>
  <node id="31" lat="50.85" lon="4.37"/>
  <node id="32" lat="50.85" lon="4.371"/>
  <node id="33" lat="50.85" lon="4.373"/>
  <node id="51" lat="50.88" lon="4.38"/>
  <node id="52" lat="50.88" lon="4.382"/>
  <node id="53" lat="50.882" lon="4.382"/>
  <node id="54" lat="50.882" lon="4.38"/>
  <node id="55" lat="50.8802" lon="4.3802"/>
  <node id="56" lat="50.8812" lon="4.3802"/>
  <node id="57" lat="50.8812" lon="4.3812"/>
  <node id="58" lat="50.8802" lon="4.3812"/>
  <way id="10"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/><tag k="leisure" v="park"/><tag k="name" v="Parc"/></way>
  <way id="20"><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="24"/><nd ref="21"/><tag k="amenity" v="school"/></way>
  <way id="30"><nd ref="31"/><nd ref="32"/><nd ref="33"/><tag k="shop" v="supermarket"/></way>
  <way id="41"><nd ref="51"/><nd ref="52"/><nd ref="53"/></way>
  <way id="42"><nd ref="53"/><nd ref="54"/><nd ref="51"/></way>
  <way id="43"><nd ref="55"/><nd ref="56"/><nd ref="57"/><nd ref="58"/><nd ref="55"/></way>
  <relation id="40">
    <member type="way" ref="41" role="outer"/><member type="way" ref="42" role="outer"/>
    <member type="way" ref="43" role="inner"/>
    <tag k="type" v="multipolygon"/><tag k="amenity" v="hospital"/><tag k="name" v="Hopital"/>
  </relation>
  <relation id="60">
    <member type="way" ref="999" role="outer"/>
    <tag k="type" v="multipolygon"/><tag k="amenity" v="school"/>
  </relation>
</osm>
)";

struct row {
  std::string category;
  poi::source_kind kind;
  std::int64_t id;
  double lat, lon;
};

}  // namespace

TEST(poi, default_table_is_versioned_and_complete) {
  auto const& t = poi::category_table::defaults();
  EXPECT_EQ(t.version, "kwartier-poi/1");
  std::vector<std::string> names;
  for (auto const& c : t.categories) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"pharmacy", "health_care", "library", "town_hall", "childcare", "school",
                                             "food_shop", "park", "post_office", "transit_stop"}));
  EXPECT_EQ(t.find("park"), 7);
  EXPECT_EQ(t.find("cinema"), -1);
  for (auto const& r : t.rules) EXPECT_LT(r.category, t.categories.size());
}

TEST(poi, osm_nodes_areas_entrances_centroids_and_multipolygons) {
  kwartier::validation_report rep;
  auto s = poi::extract_osm({{}, kOsm, "osm"}, poi::category_table::defaults(), rep);
  ASSERT_TRUE(s) << s.error().to_string();
  std::vector<row> got;
  for (std::size_t i = 0; i < s->records.size(); ++i) {
    auto const& r = s->records[i];
    got.push_back({s->categories[r.category].name, r.kind, r.source_id, r.lat, r.lon});
  }
  std::sort(got.begin(), got.end(), [](row const& a, row const& b) {
    return std::tie(a.category, a.id, a.lat, a.lon) < std::tie(b.category, b.id, b.lat, b.lon);
  });
  double const u = 0.001, lat0 = 50.85, lon0 = 4.35;
  std::vector<row> const want = {
      {"food_shop", poi::source_kind::node, 2, 50.851, 4.35},
      {"food_shop", poi::source_kind::way, 30, lat0, lon0 + 21.5 * u},
      {"health_care", poi::source_kind::centroid, 40, lat0 + 31.1 * u, lon0 + 31.1 * u},
      {"park", poi::source_kind::entrance, 10, 50.855, 4.356},
      {"park", poi::source_kind::entrance, 10, 50.856, 4.356},
      {"pharmacy", poi::source_kind::node, 1, 50.85, 4.35},
      {"post_office", poi::source_kind::node, 2, 50.851, 4.35},
      {"school", poi::source_kind::centroid, 20, lat0 + 11 * u, lon0 + 11 * u},
      {"transit_stop", poi::source_kind::node, 3, 50.852, 4.35},
  };
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(want[i].category + " " + std::to_string(want[i].id));
    EXPECT_EQ(got[i].category, want[i].category);
    EXPECT_EQ(got[i].kind, want[i].kind);
    EXPECT_EQ(got[i].id, want[i].id);
    EXPECT_NEAR(got[i].lat, want[i].lat, 2e-6);
    EXPECT_NEAR(got[i].lon, want[i].lon, 2e-6);
  }
  // Names travel with the records.
  for (std::size_t i = 0; i < s->records.size(); ++i)
    if (s->records[i].source_id == 40) EXPECT_EQ(s->names[i], "Hopital");
  EXPECT_EQ(rep.count("invalid_location"), 1U);
  EXPECT_EQ(rep.count("incomplete_area"), 1U);
}

TEST(poi, osm_errors_name_the_file) {
  kwartier::validation_report rep;
  auto missing = poi::extract_osm({"/no/such/file.osm.pbf", {}, {}}, poi::category_table::defaults(), rep);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, kwartier::errc::not_found);
  EXPECT_EQ(missing.error().file, "/no/such/file.osm.pbf");
  auto garbage = poi::extract_osm({{}, "<osm><node id=", "osm"}, poi::category_table::defaults(), rep);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, kwartier::errc::invalid_format);
}

TEST(poi, sections_round_trip_and_reject_bad_records) {
  poi::poi_set s;
  s.table_version = "user";
  s.source = "shops.csv";
  s.categories = {{"pharmacy", 2.0}, {"park", 1.0}};
  s.records = {{50.85, 4.35, 0, poi::source_kind::user, {}, 2}, {50.86, 4.36, 1, poi::source_kind::user, {}, 3}};
  s.names = {"A", ""};
  kwartier::dataset_kind const kind{kwartier::fourcc("TPOI"), poi::kPoiSchema};
  auto write = [&](poi::poi_set const& p) {
    kwartier::dataset_writer w{kind};
    poi::add_sections(p, w);
    return w.to_bytes();
  };
  auto f = kwartier::dataset_file::from_bytes(write(s), kind);
  ASSERT_TRUE(f);
  auto v = poi::read_sections(*f);
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(v->table_version, "user");
  EXPECT_EQ(v->source, "shops.csv");
  ASSERT_EQ(v->n_categories(), 2U);
  EXPECT_EQ(v->category_names[1], "park");
  EXPECT_EQ(v->category_weights[0], 2.0);
  ASSERT_EQ(v->size(), 2U);
  EXPECT_EQ(v->records[1].source_id, 3);
  EXPECT_EQ(v->name(0), "A");
  EXPECT_EQ(v->counts(), (std::vector<std::size_t>{1, 1}));

  auto bad = s;
  bad.records[1].category = 7;
  auto fb = kwartier::dataset_file::from_bytes(write(bad), kind);
  ASSERT_TRUE(fb);
  auto vb = poi::read_sections(*fb);
  ASSERT_FALSE(vb);
  EXPECT_EQ(vb.error().code, kwartier::errc::corrupt_dataset);
  bad = s;
  bad.categories[0].weight = -1.0;
  auto fw = kwartier::dataset_file::from_bytes(write(bad), kind);
  ASSERT_TRUE(fw);
  EXPECT_FALSE(poi::read_sections(*fw));
}
