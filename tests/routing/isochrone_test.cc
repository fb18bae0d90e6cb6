// routing::isochrone on the drawn grid (tests/street/grid_osm.h; stops of tests/network/grid_network.h),
// node times worked out by hand, polygons checked against the node times and, independently of GEOS, by
// reading the GeoJSON with the even-odd rule (tests/routing/geojson_check.h).
//
// From S1's position (-0.0001, 0.0014), 0.1 d (86 ds) south of G..I at 1.4 d from G, on foot (d = 855 ds):
//   I 513 + 86 = 599 ds (60 s), G 1198 + 86 = 1284 (128 s), F = I + 855 = 1454 (145 s), D = G + 855 = 2139
//   (214 s), C = F + 855 = 2309 (231 s), E = D + 855 = F + 855 = 2309 (231 s), A = D + 855 = 2994 (299 s),
//   B = C + 855 = E + 855 (the steps) = 3164 (316 s; A-B is foot=no).
// Bands 60 / 130 / 300 s reach {I}, {I, G}, and every node but B. At 300 s the walk up C-B and up the steps
// E-B stops 0.19 d (21 m) short of B, within the 25 m buffer: B is cut out of the polygon.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "kwartier/network/build.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/transit/local_time.h"
#include "network/grid_network.h"
#include "routing/geojson_check.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

struct iso : ::testing::Test {
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("kw_routing_isochrone_test_" + std::to_string(::getpid()));
    testdata::write_grid_network(dir_);
    auto s = network::build({{dir_ / "feed", ""}}, dir_ / "grid.osm", dir_ / "grid.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir_ / "grid.kwn");
    ASSERT_TRUE(n) << n.error().to_string();
    net_ = new network::network{std::move(*n)};
  }
  static void TearDownTestSuite() {
    delete net_;
    fs::remove_all(dir_);
  }
  static seconds_t at(isochrone_result const& r, double lat, double lon) {
    auto const& g = net_->graph();
    for (std::uint32_t v = 0; v < g.n_nodes(); ++v)
      if (g.node_pos_[v] == geo::latlng{lat, lon}) return r.node_seconds()[v];
    ADD_FAILURE() << "no node at " << lat << "," << lon;
    return 0;
  }
  // Every band contains the nodes reached within it and no other node, read both through GEOS and from the
  // GeoJSON. Returns the number of nodes checked.
  static std::size_t check_polygons(isochrone_result const& r) {
    auto const& g = net_->graph();
    auto const fc = nlohmann::json::parse(r.to_geojson());
    EXPECT_EQ(fc["type"], "FeatureCollection");
    auto const& features = fc["features"];
    EXPECT_EQ(features.size(), r.bands().size());
    std::size_t checked = 0;
    for (std::size_t b = 0; b < r.bands().size(); ++b) {
      auto const& band = r.bands()[b];
      auto const& f = features[r.bands().size() - 1 - b];  // largest first
      EXPECT_EQ(f["properties"]["seconds"], band.seconds);
      std::size_t inside = 0;
      for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
        auto const p = g.node_pos_[v];
        bool const want = r.node_seconds()[v] <= band.seconds;
        EXPECT_EQ(band.shape.contains(p), want) << "band " << band.seconds << " node " << v;
        EXPECT_EQ(testdata::geojson_contains(f["geometry"], p.lat, p.lon), want) << "band " << band.seconds << " node " << v;
        inside += want ? 1 : 0;
        ++checked;
      }
      EXPECT_EQ(band.nodes, inside);
    }
    return checked;
  }
  static inline fs::path dir_;
  static inline network::network* net_ = nullptr;
};

TEST_F(iso, walk_node_times_and_bands) {
  query_state qs;
  isochrone_options o;
  o.street = {street::mode::walk, 300};
  o.bands = {60, 130, 300};
  auto r = isochrone(*net_, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(at(*r, 0.000, 0.002), 60);   // I
  EXPECT_EQ(at(*r, 0.000, 0.000), 128);  // G
  EXPECT_EQ(at(*r, 0.001, 0.002), 145);  // F
  EXPECT_EQ(at(*r, 0.001, 0.000), 214);  // D
  EXPECT_EQ(at(*r, 0.002, 0.002), 231);  // C
  EXPECT_EQ(at(*r, 0.001, 0.001), 231);  // E
  EXPECT_EQ(at(*r, 0.002, 0.000), 299);  // A
  EXPECT_EQ(at(*r, 0.002, 0.001), kUnreachable);  // B: 316 s, past the budget
  ASSERT_EQ(r->bands().size(), 3U);
  EXPECT_EQ(r->bands()[0].nodes, 1U);
  EXPECT_EQ(r->bands()[1].nodes, 2U);
  EXPECT_EQ(r->bands()[2].nodes, 7U);
  EXPECT_EQ(check_polygons(*r), 24U);
  // Bands are cumulative and grow.
  EXPECT_LT(r->bands()[0].shape.area_m2(), r->bands()[1].shape.area_m2());
  EXPECT_LT(r->bands()[1].shape.area_m2(), r->bands()[2].shape.area_m2());
  // B is cut out by a small disc only: 3 m east of it (18 m from where the walk up C-B stops) is inside.
  EXPECT_FALSE(r->bands()[2].shape.contains({0.002, 0.001}));
  EXPECT_TRUE(r->bands()[2].shape.contains({0.002, 0.001 + 3.0 / 111195.08}));
  // The origin itself lies in every band.
  for (auto const& b : r->bands()) EXPECT_TRUE(b.shape.contains({-0.0001, 0.0014}));
}

TEST_F(iso, bike_and_bad_input) {
  query_state qs;
  isochrone_options o;
  o.street = {street::mode::bike, 120};
  o.bands = {30, 60, 120};
  auto r = isochrone(*net_, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(r) << r.error().to_string();
  // By bike (d = 247 ds, G..I 494 ds) after the 86 ds walk to the street: I 148 + 86 = 234 ds (23 s),
  // F = I + 247 = 481 (48 s), C = F + 247 = 728 (73 s).
  EXPECT_EQ(at(*r, 0.000, 0.002), 23);
  EXPECT_EQ(at(*r, 0.001, 0.002), 48);
  EXPECT_EQ(at(*r, 0.002, 0.002), 73);
  check_polygons(*r);
  o.bands = {0};
  EXPECT_EQ(isochrone(*net_, {-0.0001, 0.0014}, o, qs).error().code, errc::invalid_argument);
  o.bands = {200};  // above the 120 s budget
  EXPECT_EQ(isochrone(*net_, {-0.0001, 0.0014}, o, qs).error().code, errc::invalid_argument);
  o.bands = {60};
  o.buffer_m = 0.0;
  EXPECT_EQ(isochrone(*net_, {-0.0001, 0.0014}, o, qs).error().code, errc::invalid_argument);
  o.buffer_m = 25.0;
  o.street.max_seconds = -5;
  EXPECT_EQ(isochrone(*net_, {-0.0001, 0.0014}, o, qs).error().code, errc::invalid_argument);
  o.street.max_seconds = 120;
  EXPECT_EQ(isochrone(*net_, {0.005, 0.005}, o, qs).error().code, errc::too_far);  // nowhere near a street
  EXPECT_EQ(isochrone(*net_, {91.0, 0.0}, o, qs).error().code, errc::out_of_range);
  o.transit = transit_options{};
  EXPECT_EQ(isochrone(*net_, {-0.0001, 0.0014}, o, qs).error().code, errc::invalid_argument);  // bike + transit
}

// Walk + transit: a bus leaves S1 (-0.0001, 0.0014) at 08:00:00 and reaches S3 (0.0012, 0.0021, 0.1 d east of
// C-F, 0.8 d below C) at 08:01:00. Leaving S1's position at 07:59:30 on Monday 2024-01-08: 86 + 86 ds (17 s)
// to the stop, the bus, S3 reached 90 s after leaving (900 ds); its link (86 ds) puts the walk on C-F at
// 986 ds: F = 986 + 0.2 x 855 = 1157 ds (116 s, walking all the way 145 s), C = 986 + 0.8 x 855 = 1670
// (167 s, walking 231 s), B = C + 855 = 2525 (253 s; walking B is past 300 s), E = F + 855 = 2012 (201 s,
// walking 231 s). I, G, D and A stay as walked: 60, 128, 214, 299 s.
TEST_F(iso, walk_and_transit) {
  auto const d = dir_ / "transit";
  testdata::write_grid_network(d);
  auto const f = d / "feed";
  testdata::write_file(f / "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,-0.0001,0.0014\nS3,Three,0.0012,0.0021\n");
  testdata::write_file(f / "stop_times.txt",
                       "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                       "T1,08:00:00,08:00:00,S1,1\nT1,08:01:00,08:01:00,S3,2\n");
  testdata::write_file(f / "transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
  ASSERT_TRUE(network::build({{f, ""}}, d / "grid.osm", d / "t.kwn"));
  auto n = network::network::open(d / "t.kwn");
  ASSERT_TRUE(n);
  auto* const keep = net_;
  net_ = &*n;
  query_state qs;
  isochrone_options o;
  o.street = {street::mode::walk, 300};
  o.bands = {120, 300};
  o.transit = transit_options{transit::days_from_ymd(2024, 1, 8), 7 * 3600 + 59 * 60 + 30};
  auto r = isochrone(*n, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_TRUE(r->with_transit());
  EXPECT_EQ(at(*r, 0.001, 0.002), 116);  // F
  EXPECT_EQ(at(*r, 0.002, 0.002), 167);  // C
  EXPECT_EQ(at(*r, 0.002, 0.001), 253);  // B
  EXPECT_EQ(at(*r, 0.001, 0.001), 201);  // E
  EXPECT_EQ(at(*r, 0.000, 0.002), 60);   // I
  EXPECT_EQ(at(*r, 0.000, 0.000), 128);  // G
  EXPECT_EQ(at(*r, 0.001, 0.000), 214);  // D
  EXPECT_EQ(at(*r, 0.002, 0.000), 299);  // A
  check_polygons(*r);
  EXPECT_NE(r->to_geojson().find("\"mode\":\"walk+transit\""), std::string::npos);
  // Step-free: the same with a bus that is not wheelchair accessible (wheelchair_accessible = 2) walks only.
  testdata::write_file(f / "trips.txt", "route_id,service_id,trip_id,wheelchair_accessible\nR,W,T1,2\n");
  ASSERT_TRUE(network::build({{f, ""}}, d / "grid.osm", d / "t2.kwn"));
  auto n2 = network::network::open(d / "t2.kwn");
  ASSERT_TRUE(n2);
  auto plain = isochrone(*n2, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(plain);
  auto sf = o;
  sf.street.step_free = true;
  auto stepfree = isochrone(*n2, {-0.0001, 0.0014}, sf, qs);
  ASSERT_TRUE(stepfree) << stepfree.error().to_string();
  net_ = &*n2;
  EXPECT_EQ(at(*plain, 0.002, 0.002), 167);     // the bus, when wheelchairs do not matter
  EXPECT_EQ(at(*stepfree, 0.002, 0.002), 231);  // walking
  EXPECT_EQ(at(*stepfree, 0.001, 0.002), 145);
  net_ = &*n;
  // A minute later the bus is gone: walking only (C 231 s).
  o.transit->time += 60;
  auto late = isochrone(*n, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(late);
  EXPECT_EQ(at(*late, 0.002, 0.002), 231);
  // A date outside the service range, a time outside the day, and a network without GTFS.
  o.transit->date = transit::days_from_ymd(2030, 1, 1);
  EXPECT_EQ(isochrone(*n, {-0.0001, 0.0014}, o, qs).error().code, errc::out_of_range);
  o.transit->date = transit::days_from_ymd(2024, 1, 8);
  o.transit->time = 90000;
  EXPECT_EQ(isochrone(*n, {-0.0001, 0.0014}, o, qs).error().code, errc::out_of_range);
  o.transit->time = 3600;
  ASSERT_TRUE(network::build({}, d / "grid.osm", d / "streets.kwn"));
  auto streets = network::network::open(d / "streets.kwn");
  ASSERT_TRUE(streets);
  EXPECT_EQ(isochrone(*streets, {-0.0001, 0.0014}, o, qs).error().code, errc::unsupported);
  net_ = keep;
}

// The flat request the edges use is the options form spelled out: the same node times and bands; its own
// checks name their fields.
TEST_F(iso, request_form_equals_options_form) {
  query_state qs;
  isochrone_options o;
  o.street = {street::mode::walk, 300};
  o.bands = {60, 130, 300};
  auto const want = isochrone(*net_, {-0.0001, 0.0014}, o, qs);
  ASSERT_TRUE(want);
  isochrone_request r;
  r.from = {-0.0001, 0.0014};
  r.max_seconds = 300;
  r.bands = {300, 60, 130};  // any order
  auto const got = isochrone(*net_, r, qs);
  ASSERT_TRUE(got) << got.error().to_string();
  EXPECT_TRUE(std::ranges::equal(got->node_seconds(), want->node_seconds()));
  ASSERT_EQ(got->bands().size(), 3U);
  for (std::size_t b = 0; b < 3; ++b) {
    EXPECT_EQ(got->bands()[b].seconds, want->bands()[b].seconds);
    EXPECT_EQ(got->bands()[b].nodes, want->bands()[b].nodes);
    EXPECT_DOUBLE_EQ(got->bands()[b].shape.area_m2(), want->bands()[b].shape.area_m2());
  }
  EXPECT_EQ(got->max_seconds(), 300);
  EXPECT_EQ(got->n_reached(), 7U);  // every node but B (316 s)
  EXPECT_TRUE(got->has_polygons());
  // Without polygons: the same times and counts, empty shapes; progress once for the search only.
  std::vector<std::string> stages;
  r.polygons = false;
  r.progress = [&](std::string_view s, double) { stages.emplace_back(s); };
  auto const bare = isochrone(*net_, r, qs);
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->has_polygons());
  EXPECT_EQ(bare->bands()[2].nodes, 7U);
  EXPECT_TRUE(bare->bands()[2].shape.empty());
  EXPECT_EQ(stages, std::vector<std::string>{"search"});
  // Errors name their fields.
  auto field = [&](isochrone_request const& q) { return isochrone(*net_, q, qs).error().field; };
  auto bad = r;
  bad.max_seconds = 0;
  EXPECT_EQ(field(bad), "max_seconds");
  bad = r;
  bad.bands = {0};
  EXPECT_EQ(field(bad), "bands");
  bad = r;
  bad.mode = travel_mode::transit;  // no date
  EXPECT_EQ(field(bad), "date");
  bad.date = transit::days_from_ymd(2024, 1, 8);  // no time
  EXPECT_EQ(field(bad), "time");
  bad = r;
  bad.max_transfers = 256;
  EXPECT_EQ(field(bad), "max_transfers");
  bad = r;
  bad.min_change_seconds = -1;
  EXPECT_EQ(field(bad), "min_change_seconds");
  bad = r;
  bad.bands.clear();  // node times only
  auto const none = isochrone(*net_, bad, qs);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->bands().empty());
}

}  // namespace
}  // namespace kwartier::routing
