// transit::price_legs on hand-written fares over the mini Brussels feed (mini_feed.h); every price below is
// worked out by hand from the tables in this file. Line M1 (one RAPTOR route: GDM1 BRS DEB ROG), Monday
// 2024-12-09 (service WK). Zones: GDM1, BRS -> Z1; DEB, ROG -> Z2; NORD -> Z3.
#include <gtest/gtest.h>

#include <string>

#include "kwartier/transit/fares.h"
#include "kwartier/transit/gtfs.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

std::vector<std::pair<std::string, std::string>> files(bool v2_priority = false) {
  auto f = mini_feed_files();
  for (auto& [name, body] : f)
    if (name == "stops.txt")
      body =
          "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,zone_id\n"
          "GDM,Gare du Midi,50.8357,4.3361,1,,\n"
          "GDM1,Gare du Midi,50.8355,4.3358,0,GDM,Z1\n"
          "BRS,Bourse,50.8481,4.3497,0,,Z1\n"
          "DEB,De Brouckere,50.8508,4.3522,,,Z2\n"
          "ROG,Rogier,50.8556,4.3589,0,,Z2\n"
          "NORD,Gare du Nord,50.8603,4.3617,0,,Z3\n";
  auto add = [&](std::string n, std::string b) { f.emplace_back(std::move(n), std::move(b)); };
  // v1: ZONE1 within zone 1 (unlimited transfers); ZONE12 between zones 1 and 2 (one transfer within 1 h).
  add("fare_attributes.txt",
      "fare_id,price,currency_type,payment_method,transfers,agency_id,transfer_duration\n"
      "ZONE1,2.10,EUR,0,,MINI,\n"
      "ZONE12,3.50,EUR,1,1,MINI,3600\n");
  add("fare_rules.txt",
      "fare_id,route_id,origin_id,destination_id,contains_id\n"
      "ZONE1,,Z1,Z1,\n"
      "ZONE12,,Z1,Z2,\n"
      "ZONE12,,Z2,Z1,\n");
  // v2: SINGLE everywhere; PEAK_SINGLE from the centre (BRS, DEB) in the morning peak (07-09 on WK); a transfer
  // G1 -> G1 (at most one in a chain, departures at most 1 h apart) costs XFER (free) on top of the first
  // ride (type 0: A + AB).
  add("rider_categories.txt", "rider_category_id,rider_category_name,is_default_fare_category\nADULT,Adult,1\nCHILD,Child,0\n");
  add("fare_media.txt", "fare_media_id,fare_media_name,fare_media_type\nCARD,MOBIB,2\nCASH,Cash,0\n");
  add("fare_products.txt",
      "fare_product_id,fare_product_name,rider_category_id,fare_media_id,amount,currency\n"
      "SINGLE,Single,ADULT,CARD,2.10,EUR\n"
      "SINGLE,Single,CHILD,CARD,1.30,EUR\n"
      "SINGLE,Single,,CASH,2.60,EUR\n"
      "PEAK_SINGLE,Peak single,ADULT,CARD,2.50,EUR\n"
      "XFER,Transfer,,,0,EUR\n");
  add("areas.txt", "area_id,area_name\nCENTRE,Centre\n");
  add("stop_areas.txt", "area_id,stop_id\nCENTRE,BRS\nCENTRE,DEB\n");
  add("networks.txt", "network_id,network_name\nSTIB,STIB\n");
  add("route_networks.txt", "network_id,route_id\nSTIB,M1\nSTIB,N\n");
  add("timeframes.txt", "timeframe_group_id,start_time,end_time,service_id\nPEAK,07:00:00,09:00:00,WK\n");
  add("fare_leg_rules.txt",
      v2_priority
          ? "leg_group_id,network_id,from_area_id,to_area_id,from_timeframe_group_id,to_timeframe_group_id,fare_product_id,rule_priority\n"
            "G1,STIB,,,,,SINGLE,0\n"
            "G1,STIB,CENTRE,,PEAK,,PEAK_SINGLE,1\n"
          : "leg_group_id,network_id,from_area_id,to_area_id,from_timeframe_group_id,to_timeframe_group_id,fare_product_id\n"
            "G1,STIB,,,,,SINGLE\n"
            "G1,STIB,CENTRE,,PEAK,,PEAK_SINGLE\n");
  add("fare_transfer_rules.txt",
      "from_leg_group_id,to_leg_group_id,transfer_count,duration_limit,duration_limit_type,fare_transfer_type,fare_product_id\n"
      "G1,G1,1,3600,1,0,XFER\n");
  return f;
}

struct fixture {
  timetable tt;
  timetable_view v;
  route_idx_t m1;
  stop_idx_t gdm1, brs, deb, rog;
};

fixture make(bool prio = false) {
  auto feed = load_gtfs_files(files(prio));
  EXPECT_TRUE(feed);
  EXPECT_EQ(feed->report.count(severity::error), 0u) << feed->report.to_text();
  auto tt = build_timetable(*feed);
  EXPECT_TRUE(tt);
  fixture x{std::move(*tt), {}, {}, {}, {}, {}, {}};
  x.v = view_of(x.tt);
  x.gdm1 = *x.v.find_stop("GDM1");
  x.brs = *x.v.find_stop("BRS");
  x.deb = *x.v.find_stop("DEB");
  x.rog = *x.v.find_stop("ROG");
  for (std::uint32_t r = 0; r < x.v.n_routes(); ++r)
    if (x.v.line_id(x.v.route_line(route_idx_t{r})) == "M1") x.m1 = route_idx_t{r};
  return x;
}

constexpr std::int32_t kMonday = 20066;  // 2024-12-09
service_time at(int h, int m) { return {kMonday, h * 3600 + m * 60}; }

TEST(FarePrice, V1ZoneFaresCheapestSplit) {
  auto const x = make();
  // GDM1 (Z1) -> BRS (Z1): ZONE1, 2.10.
  std::vector<fare_leg> one{{x.m1, x.gdm1, x.brs, at(8, 0), at(8, 4)}};
  auto p = price_legs(x.v, one);
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_TRUE(p->v1.complete);
  EXPECT_EQ(p->v1.total, 21'000);
  EXPECT_EQ(p->v1.currency, "EUR");
  ASSERT_EQ(p->v1.parts.size(), 1u);
  EXPECT_EQ(x.v.fare_ids_[p->v1.parts[0].fare], "ZONE1");
  // GDM1 (Z1) -> ROG (Z2): only ZONE12, 3.50.
  one = {{x.m1, x.gdm1, x.rog, at(8, 0), at(8, 11)}};
  p = price_legs(x.v, one);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->v1.total, 35'000);
  // GDM1 -> BRS, then BRS -> ROG 25 min later: ZONE1 + ZONE12 = 5.60, or ZONE12 over both (zones Z1 -> Z2,
  // one transfer, 08:00 -> 08:31 = 31 min <= 1 h) = 3.50: the cheapest is 3.50 in one part.
  std::vector<fare_leg> two{{x.m1, x.gdm1, x.brs, at(8, 0), at(8, 4)}, {x.m1, x.brs, x.rog, at(8, 25), at(8, 31)}};
  p = price_legs(x.v, two);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->v1.total, 35'000);
  ASSERT_EQ(p->v1.parts.size(), 1u);
  EXPECT_EQ(p->v1.parts[0].first, 0u);
  EXPECT_EQ(p->v1.parts[0].last, 1u);
  // The second ride 1.5 h later: ZONE12 no longer covers both (5,460 s > 3,600 s): 2.10 + 3.50 = 5.60.
  two[1] = {x.m1, x.brs, x.rog, at(9, 25), at(9, 31)};
  p = price_legs(x.v, two);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->v1.total, 56'000);
  EXPECT_EQ(p->v1.parts.size(), 2u);
  EXPECT_EQ(format_amount(p->v1.total), "5.60");
  EXPECT_EQ(format_amount(12'345), "1.2345");
  EXPECT_EQ(format_amount(0), "0.00");
}

// The option for (category, medium) in a price, or nullptr.
fare_v2_option const* option(fixture const& x, fare_v2_price const& p, std::string_view cat, std::string_view medium) {
  for (auto const& o : p.options) {
    auto const c = o.rider_category == kNoIndex ? std::string_view{} : x.v.rider_category_ids_[o.rider_category];
    auto const m = o.medium == kNoIndex ? std::string_view{} : x.v.fare_media_ids_[o.medium];
    if (c == cat && m == medium) return &o;
  }
  return nullptr;
}

TEST(FarePrice, V2LegRulesAndATransferRule) {
  for (bool const prio : {false, true}) {
    SCOPED_TRACE(prio ? "rule_priority" : "field by field");
    auto const x = make(prio);
    // A: GDM1 08:00 -> BRS (GDM1 in no area): SINGLE. B: BRS 08:05 -> ROG (centre, peak): PEAK_SINGLE.
    // B departs 5 min after A (<= 1 h, first transfer): G1 -> G1 type 0, A + XFER. Per option, the products
    // involved (SINGLE, PEAK_SINGLE, XFER) name (ADULT, CARD), (CHILD, CARD), (-, CASH), (-, -):
    //   ADULT CARD: SINGLE 2.10 + XFER (its -,- row) 0 = 2.10; CHILD CARD: 1.30; CASH: 2.60;
    //   (-, -): SINGLE has no row for it -> left out.
    std::vector<fare_leg> legs{{x.m1, x.gdm1, x.brs, at(8, 0), at(8, 4)}, {x.m1, x.brs, x.rog, at(8, 5), at(8, 11)}};
    auto p = price_legs(x.v, legs);
    ASSERT_TRUE(p) << p.error().to_string();
    auto const& v2 = p->v2;
    EXPECT_TRUE(v2.complete);
    ASSERT_EQ(v2.leg_products.size(), 2u);
    EXPECT_EQ(x.v.fare_product_ids_[v2.leg_products[0]], "SINGLE");
    EXPECT_EQ(x.v.fare_product_ids_[v2.leg_products[1]], "PEAK_SINGLE");
    ASSERT_EQ(v2.transfers.size(), 1u);
    EXPECT_EQ(v2.transfers[0], 0u);
    EXPECT_EQ(v2.options.size(), 3u);
    ASSERT_NE(option(x, v2, "ADULT", "CARD"), nullptr);
    EXPECT_EQ(option(x, v2, "ADULT", "CARD")->total, 21'000);
    EXPECT_EQ(option(x, v2, "ADULT", "CARD")->currency, "EUR");
    ASSERT_NE(option(x, v2, "CHILD", "CARD"), nullptr);
    EXPECT_EQ(option(x, v2, "CHILD", "CARD")->total, 13'000);
    ASSERT_NE(option(x, v2, "", "CASH"), nullptr);
    EXPECT_EQ(option(x, v2, "", "CASH")->total, 26'000);
    // A third ride (GDM1 08:20 -> BRS, SINGLE): a second transfer in the chain is over transfer_count 1, so
    // a new chain starts: ADULT CARD 2.10 + 2.10 = 4.20, CHILD 2.60, CASH 5.20.
    legs.push_back({x.m1, x.gdm1, x.brs, at(8, 20), at(8, 24)});
    p = price_legs(x.v, legs);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->v2.transfers[1], kNoIndex);
    EXPECT_EQ(option(x, p->v2, "ADULT", "CARD")->total, 42'000);
    EXPECT_EQ(option(x, p->v2, "CHILD", "CARD")->total, 26'000);
    EXPECT_EQ(option(x, p->v2, "", "CASH")->total, 52'000);
    // Two SINGLE rides 1 h 30 apart (departure to departure > 3,600 s): no transfer, 2 x 2.10.
    std::vector<fare_leg> far{{x.m1, x.gdm1, x.brs, at(8, 0), at(8, 4)}, {x.m1, x.gdm1, x.brs, at(9, 30), at(9, 34)}};
    p = price_legs(x.v, far);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->v2.transfers[0], kNoIndex);
    EXPECT_EQ(option(x, p->v2, "ADULT", "CARD")->total, 42'000);
  }
}

TEST(FarePrice, BadLegsAreInvalidArguments) {
  auto const x = make();
  std::vector<fare_leg> back{{x.m1, x.rog, x.gdm1, at(8, 0), at(8, 11)}};  // alighting before boarding
  auto p = price_legs(x.v, back);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, errc::invalid_argument);
  std::vector<fare_leg> bad_route{{route_idx_t{9999}, x.gdm1, x.brs, at(8, 0), at(8, 4)}};
  EXPECT_FALSE(price_legs(x.v, bad_route));
  // A timetable without fares prices nothing (not complete, no options), without error.
  auto feed = load_gtfs_files(mini_feed_files());
  auto tt = build_timetable(*feed);
  std::vector<fare_leg> one{{x.m1, x.gdm1, x.brs, at(8, 0), at(8, 4)}};
  auto const plain = view_of(*tt);
  p = price_legs(plain, one);
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->v1.complete);
  EXPECT_FALSE(p->v2.complete);
  EXPECT_TRUE(p->v2.options.empty());
}

}  // namespace
}  // namespace kwartier::transit
