// GTFS fares v1 and v2 tables: loaded, resolved to indices, stored in the timetable (and its file), and
// every bad row reported with its file, line and field. The feed is the mini Brussels feed (mini_feed.h)
// with zones on its stops and the fares tables below; every expected value is read off these tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "kwartier/transit/gtfs.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

// Zones: GDM1, BRS -> Z1; DEB, ROG -> Z2; NORD -> Z3 (GDM, the station, has none).
// Lines: M1 (index 0), N (index 1). Services: WK is the first service of calendar.txt.
std::vector<std::pair<std::string, std::string>> fares_feed_files() {
  auto files = mini_feed_files();
  for (auto& [name, body] : files)
    if (name == "stops.txt")
      body =
          "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,zone_id\n"
          "GDM,Gare du Midi,50.8357,4.3361,1,,\n"
          "GDM1,Gare du Midi,50.8355,4.3358,0,GDM,Z1\n"
          "BRS,Bourse,50.8481,4.3497,0,,Z1\n"
          "DEB,De Brouckere,50.8508,4.3522,,,Z2\n"
          "ROG,Rogier,50.8556,4.3589,0,,Z2\n"
          "NORD,Gare du Nord,50.8603,4.3617,0,,Z3\n";
  auto add = [&](std::string n, std::string b) { files.emplace_back(std::move(n), std::move(b)); };
  // ---- v1
  add("fare_attributes.txt",
      "fare_id,price,currency_type,payment_method,transfers,agency_id,transfer_duration\n"
      "F1,2.10,EUR,0,,MINI,\n"                // line 2: 21,000 units, unlimited transfers
      "F2,3.5,EUR,1,1,MINI,3600\n"            // line 3: 35,000 units
      "BAD,abc,EUR,0,,MINI,\n"                // line 4: invalid_value price, skipped
      "F3,1.00,euro,0,,MINI,\n");             // line 5: invalid_value currency_type, skipped
  add("fare_rules.txt",
      "fare_id,route_id,origin_id,destination_id,contains_id\n"
      "F2,,Z1,Z2,\n"                           // line 2
      "F1,M1,Z1,Z1,\n"                         // line 3
      "F1,NOPE,,,\n"                           // line 4: dangling_route_id
      "F2,,ZX,,\n"                             // line 5: dangling_zone_id origin_id
      "GHOST,M1,,,\n"                          // line 6: dangling_fare_id
      "F1,N,,,Z3\n");                          // line 7
  // ---- v2
  add("rider_categories.txt",
      "rider_category_id,rider_category_name,is_default_fare_category\n"
      "ADULT,Adult,1\n"
      "CHILD,Child,0\n");
  add("fare_media.txt",
      "fare_media_id,fare_media_name,fare_media_type\n"
      "CARD,MOBIB,2\n"
      "CASH,Cash,0\n"
      "ODD,Odd,7\n");                          // line 4: invalid_value fare_media_type
  add("fare_products.txt",
      "fare_product_id,fare_product_name,rider_category_id,fare_media_id,amount,currency\n"
      "P1,Single,ADULT,CARD,2.10,EUR\n"
      "TR,Transfer,,,0,EUR\n"
      "P1,Single,CHILD,CARD,1.30,EUR\n"
      "P1,Single,,CASH,2.60,EUR\n"
      "P2,Other,NOBODY,,1,EUR\n"               // line 6: dangling_rider_category_id
      "P1,Single,ADULT,CARD,2.20,EUR\n");      // line 7: duplicate_key
  add("areas.txt", "area_id,area_name\nA_CENTRE,Centre\nA_NORTH,North\n");
  add("stop_areas.txt",
      "area_id,stop_id\n"
      "A_NORTH,NORD\n"
      "A_CENTRE,BRS\n"
      "A_NORTH,XYZ\n"                          // line 4: dangling_stop_id
      "A_CENTRE,DEB\n");
  add("networks.txt", "network_id,network_name\nSTIB,STIB-MIVB\n");
  add("route_networks.txt",
      "network_id,route_id\n"
      "STIB,M1\n"
      "STIB,N\n"
      "STIB,M1\n");                            // line 4: duplicate_key route_id
  add("timeframes.txt",
      "timeframe_group_id,start_time,end_time,service_id\n"
      "PEAK,07:00:00,09:00:00,WK\n"
      "PEAK,16:00:00,25:00:00,WK\n"            // line 3: invalid_time end_time
      "ALLDAY,,,WE\n"
      "OFF,10:00:00,11:00:00,NOSERVICE\n");    // line 5: dangling_service_id
  add("fare_leg_rules.txt",
      "leg_group_id,network_id,from_area_id,to_area_id,from_timeframe_group_id,to_timeframe_group_id,fare_product_id\n"
      "G1,STIB,,,,,P1\n"
      "G1,STIB,A_CENTRE,A_NORTH,PEAK,,P1\n"
      "G2,NOPE,,,,,P1\n"                       // line 4: dangling_network_id
      "G2,STIB,,,,,NOPRODUCT\n");              // line 5: dangling_fare_product_id
  add("fare_transfer_rules.txt",
      "from_leg_group_id,to_leg_group_id,transfer_count,duration_limit,duration_limit_type,fare_transfer_type,fare_product_id\n"
      "G1,G1,1,3600,0,0,TR\n"
      "G1,G1,,,,0,\n"                          // line 3: missing_required_field transfer_count
      "G1,GX,,,,0,\n"                          // line 4: dangling_leg_group_id to_leg_group_id
      "G1,G1,2,1800,,1,\n");                   // line 5: missing_required_field duration_limit_type
  return files;
}

::testing::AssertionResult has(gtfs_feed const& f, std::string_view code, std::string_view file, std::uint32_t line,
                               std::string_view field) {
  for (auto const& p : f.report.problems())
    if (p.code == code && p.file == file && p.line == line && p.field == field) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no " << code << " at " << file << ":" << line << " [" << field << "] in:\n"
                                       << f.report.to_text();
}

TEST(Fares, BadRowsAreReportedWithFileLineAndField) {
  auto feed = load_gtfs_files(fares_feed_files());
  ASSERT_TRUE(feed) << feed.error().to_string();
  auto const& f = *feed;
  EXPECT_TRUE(has(f, "invalid_value", "fare_attributes.txt", 4, "price"));
  EXPECT_TRUE(has(f, "invalid_value", "fare_attributes.txt", 5, "currency_type"));
  EXPECT_TRUE(has(f, "dangling_route_id", "fare_rules.txt", 4, "route_id"));
  EXPECT_TRUE(has(f, "dangling_zone_id", "fare_rules.txt", 5, "origin_id"));
  EXPECT_TRUE(has(f, "dangling_fare_id", "fare_rules.txt", 6, "fare_id"));
  EXPECT_TRUE(has(f, "invalid_value", "fare_media.txt", 4, "fare_media_type"));
  EXPECT_TRUE(has(f, "dangling_rider_category_id", "fare_products.txt", 6, "rider_category_id"));
  EXPECT_TRUE(has(f, "duplicate_key", "fare_products.txt", 7, "fare_product_id"));
  EXPECT_TRUE(has(f, "dangling_stop_id", "stop_areas.txt", 4, "stop_id"));
  EXPECT_TRUE(has(f, "duplicate_key", "route_networks.txt", 4, "route_id"));
  EXPECT_TRUE(has(f, "invalid_time", "timeframes.txt", 3, "end_time"));
  EXPECT_TRUE(has(f, "dangling_service_id", "timeframes.txt", 5, "service_id"));
  EXPECT_TRUE(has(f, "dangling_network_id", "fare_leg_rules.txt", 4, "network_id"));
  EXPECT_TRUE(has(f, "dangling_fare_product_id", "fare_leg_rules.txt", 5, "fare_product_id"));
  EXPECT_TRUE(has(f, "missing_required_field", "fare_transfer_rules.txt", 3, "transfer_count"));
  EXPECT_TRUE(has(f, "dangling_leg_group_id", "fare_transfer_rules.txt", 4, "to_leg_group_id"));
  EXPECT_TRUE(has(f, "missing_required_field", "fare_transfer_rules.txt", 5, "duration_limit_type"));
  // Exactly those 17 errors: the good rows raise nothing (the mini feed alone has no errors).
  EXPECT_EQ(f.report.count(severity::error), 17u) << f.report.to_text();
}

template <class TT>
void expect_fares(TT const& tt) {
  // v1: F1, F2 (BAD and F3 skipped); rules sorted by fare, file order within a fare.
  ASSERT_EQ(tt.fare_ids_.size(), 2u);
  EXPECT_EQ(tt.fare_ids_[0], "F1");
  ASSERT_EQ(tt.fare_attributes_.size(), 2u);
  EXPECT_EQ(tt.fare_attributes_[0].price, 21'000);
  EXPECT_EQ(tt.fare_attributes_[0].transfers, -1);
  EXPECT_EQ(tt.fare_attributes_[0].transfer_duration, -1);
  EXPECT_EQ(tt.texts_[tt.fare_attributes_[0].currency], "EUR");
  EXPECT_EQ(tt.fare_attributes_[1].price, 35'000);
  EXPECT_EQ(tt.fare_attributes_[1].transfers, 1);
  EXPECT_EQ(tt.fare_attributes_[1].payment_method, 1);
  EXPECT_EQ(tt.fare_attributes_[1].transfer_duration, 3600);
  EXPECT_EQ(tt.fare_attributes_[1].agency, 0u);
  ASSERT_EQ(tt.zone_ids_.size(), 3u);  // Z1, Z2, Z3 in stops.txt order
  EXPECT_EQ(tt.zone_ids_[1], "Z2");
  ASSERT_EQ(tt.fare_rules_.size(), 3u);
  auto const& r0 = tt.fare_rules_[0];  // F1,M1,Z1,Z1,
  EXPECT_EQ(r0.fare, 0u);
  EXPECT_EQ(r0.line, 0u);
  EXPECT_EQ(r0.origin, 0u);
  EXPECT_EQ(r0.destination, 0u);
  EXPECT_EQ(r0.contains, kNoIndex);
  auto const& r1 = tt.fare_rules_[1];  // F1,N,,,Z3
  EXPECT_EQ(r1.line, 1u);
  EXPECT_EQ(r1.origin, kNoIndex);
  EXPECT_EQ(r1.contains, 2u);
  auto const& r2 = tt.fare_rules_[2];  // F2,,Z1,Z2,
  EXPECT_EQ(r2.fare, 1u);
  EXPECT_EQ(r2.line, kNoIndex);
  EXPECT_EQ(r2.destination, 1u);
  // stop zones by stop id
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s) {
    auto const id = tt.stop_id(stop_idx_t{s});
    auto const z = tt.stop_zone_[s];
    if (id == "GDM") EXPECT_EQ(z, kNoIndex);
    if (id == "BRS" || id == "GDM1") EXPECT_EQ(z, 0u) << id;
    if (id == "ROG") EXPECT_EQ(z, 1u);
    if (id == "NORD") EXPECT_EQ(z, 2u);
  }
  // v2
  ASSERT_EQ(tt.rider_category_ids_.size(), 2u);
  EXPECT_EQ(tt.rider_category_default_[0], 1);
  EXPECT_EQ(tt.rider_category_default_[1], 0);
  ASSERT_EQ(tt.fare_media_ids_.size(), 2u);
  EXPECT_EQ(tt.fare_media_type_[0], 2);
  ASSERT_EQ(tt.fare_product_ids_.size(), 2u);  // P1, TR (P2's only row was skipped)
  EXPECT_EQ(tt.fare_product_ids_[1], "TR");
  EXPECT_EQ(tt.fare_product_names_[0], "Single");
  ASSERT_EQ(tt.fare_product_rows_.size(), 4u);  // sorted by product: P1 x3 (file order), TR
  EXPECT_EQ(tt.fare_product_rows_[0].amount, 21'000);
  EXPECT_EQ(tt.fare_product_rows_[0].rider_category, 0u);
  EXPECT_EQ(tt.fare_product_rows_[0].medium, 0u);
  EXPECT_EQ(tt.fare_product_rows_[1].amount, 13'000);
  EXPECT_EQ(tt.fare_product_rows_[2].amount, 26'000);
  EXPECT_EQ(tt.fare_product_rows_[2].rider_category, kNoIndex);
  EXPECT_EQ(tt.fare_product_rows_[2].medium, 1u);
  EXPECT_EQ(tt.fare_product_rows_[3].product, 1u);
  EXPECT_EQ(tt.fare_product_rows_[3].amount, 0);
  ASSERT_EQ(tt.area_ids_.size(), 2u);
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s) {
    auto const id = tt.stop_id(stop_idx_t{s});
    auto const a = tt.stop_areas(stop_idx_t{s});
    if (id == "NORD") ASSERT_TRUE(a.size() == 1 && a[0] == 1u);
    else if (id == "BRS" || id == "DEB") ASSERT_TRUE(a.size() == 1 && a[0] == 0u) << id;
    else EXPECT_TRUE(a.empty()) << id;
  }
  ASSERT_EQ(tt.network_ids_.size(), 1u);
  EXPECT_EQ(tt.network_names_[0], "STIB-MIVB");
  ASSERT_EQ(tt.line_network_.size(), 2u);
  EXPECT_EQ(tt.line_network_[0], 0u);
  EXPECT_EQ(tt.line_network_[1], 0u);
  ASSERT_EQ(tt.timeframes_.size(), 2u);  // PEAK 07-09 on WK, ALLDAY 00-24 on WE
  EXPECT_EQ(tt.timeframes_[0].start, 7 * 3600);
  EXPECT_EQ(tt.timeframes_[0].end, 9 * 3600);
  EXPECT_EQ(tt.timeframes_[1].start, 0);
  EXPECT_EQ(tt.timeframes_[1].end, 86'400);
  EXPECT_TRUE(tt.service_active(service_idx_t{tt.timeframes_[0].service}, 20067));   // 2024-12-10, a Tuesday (WK)
  EXPECT_FALSE(tt.service_active(service_idx_t{tt.timeframes_[0].service}, 20068));  // Wed 2024-12-11, removed from WK
  ASSERT_EQ(tt.fare_leg_rules_.size(), 2u);
  EXPECT_EQ(tt.fare_leg_rules_[1].from_area, 0u);
  EXPECT_EQ(tt.fare_leg_rules_[1].to_area, 1u);
  EXPECT_EQ(tt.fare_leg_rules_[1].from_timeframe, 0u);
  EXPECT_EQ(tt.fare_leg_rules_[1].to_timeframe, kNoIndex);
  EXPECT_EQ(tt.fare_leg_rules_[0].product, 0u);
  ASSERT_EQ(tt.fare_transfer_rules_.size(), 1u);
  auto const& x = tt.fare_transfer_rules_[0];
  EXPECT_EQ(x.transfer_count, 1);
  EXPECT_EQ(x.duration_limit, 3600);
  EXPECT_EQ(x.product, 1u);
  EXPECT_TRUE(tt.has_fares_v1());
  EXPECT_TRUE(tt.has_fares_v2());
}

TEST(Fares, StoredInTheTimetableAndItsFile) {
  auto feed = load_gtfs_files(fares_feed_files());
  ASSERT_TRUE(feed);
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt) << tt.error().to_string();
  expect_fares(*tt);
  auto const path = std::filesystem::temp_directory_path() / "kwartier_fares_test.kwt";
  ASSERT_TRUE(save_timetable(*tt, path));
  auto v = open_timetable(path);
  ASSERT_TRUE(v) << v.error().to_string();
  expect_fares(*v);
  std::filesystem::remove(path);
}

TEST(Fares, AFeedWithoutFaresHasEmptyTables) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed);
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt);
  EXPECT_FALSE(tt->has_fares_v1());
  EXPECT_FALSE(tt->has_fares_v2());
  EXPECT_EQ(tt->stop_zone_.size(), tt->n_stops());
  for (auto const z : tt->stop_zone_) EXPECT_EQ(z, kNoIndex);
}

}  // namespace
}  // namespace kwartier::transit
