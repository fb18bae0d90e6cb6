// route_request::optimize_fare: the price as a third Pareto criterion, on a hand-made network where every
// journey and price is worked out by hand.
//
// One street along the equator; stops A (lon 0.00), M (0.05) and B (0.10), 5.56 km apart (over an hour on
// foot), so no footpath joins two stops and the direct walk A -> B (2 h 20) never competes.
// Service WK: Monday to Friday, 2024-12-09 .. 2024-12-20 (2024-12-09 is a Monday), Europe/Brussels.
//   line X  (express)  X1  A 08:00 -> B 08:10          fare EXP 5.00 EUR (fare_rules: route X)
//   line S  (slow)     S1  A 08:05 -> B 08:40          fare LOC 2.00 EUR (route S)
//   line P  (pricey)   P1  A 08:06 -> B 08:45          fare PRE 6.00 EUR (route P)
//   line C1            K1  A 08:01 -> M 08:20          fare CHP 0.50 EUR (routes C1, C2; no transfer)
//   line C2            K2  M 08:25 -> B 08:50
// A -> B leaving at 07:55, as (arrival, rides, price):
//   X1 (08:10, 1, 5.00), S1 (08:40, 1, 2.00), P1 (08:45, 1, 6.00), K1+K2 (08:50, 2, 0.50 + 0.50 = 1.00).
//   On (arrival, rides) only X1 is Pareto-optimal: that is the plan without the option.
//   With the price: P1 is dominated by X1 (earlier, as many rides, cheaper); S1 (cheaper than X1) and K1+K2
//   (cheaper than both) stay: X1, S1, K1+K2 (fewest rides first, then by arrival). The search finds them by
//   banning lines: X -> S1; X,S -> P1; X,S,P -> K1+K2.
// A -> B arriving by 09:00, as (departure, rides, price): P1 (08:06, 1, 6.00), S1 (08:05, 1, 2.00),
//   X1 (08:00, 1, 5.00), K1+K2 (08:01, 2, 1.00). Without the option: P1 (the latest departure). With it:
//   X1 is dominated by S1 (later departure, cheaper): P1, S1, K1+K2.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/fares.h"
#include "kwartier/transit/local_time.h"
#include "support/feed_network.h"

namespace {

using namespace kwartier;

network::network const& fare_network() {
  static network::network const n = test::feed_network("kw_cheapest_test", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.0" lon="0.00"/>
  <node id="2" lat="0.0" lon="0.05"/>
  <node id="3" lat="0.0" lon="0.10"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
  <way id="102"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
</osm>
)",
      {{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nMT,Mini Transit,http://x,Europe/Brussels\n"},
       {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,0.0,0.00\nM,Mid,0.0,0.05\nB,Beta,0.0,0.10\n"},
       {"routes.txt",
        "route_id,agency_id,route_short_name,route_long_name,route_type\nX,MT,X,,3\nS,MT,S,,3\nP,MT,P,,3\n"
        "C1,MT,C1,,3\nC2,MT,C2,,3\n"},
       {"trips.txt", "route_id,service_id,trip_id\nX,WK,X1\nS,WK,S1\nP,WK,P1\nC1,WK,K1\nC2,WK,K2\n"},
       {"stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "X1,08:00:00,08:00:00,A,1\nX1,08:10:00,08:10:00,B,2\n"
        "S1,08:05:00,08:05:00,A,1\nS1,08:40:00,08:40:00,B,2\n"
        "P1,08:06:00,08:06:00,A,1\nP1,08:45:00,08:45:00,B,2\n"
        "K1,08:01:00,08:01:00,A,1\nK1,08:20:00,08:20:00,M,2\n"
        "K2,08:25:00,08:25:00,M,1\nK2,08:50:00,08:50:00,B,2\n"},
       {"calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WK,1,1,1,1,1,0,0,20241209,20241220\n"},
       {"fare_attributes.txt",
        "fare_id,price,currency_type,payment_method,transfers\nEXP,5.00,EUR,0,0\nLOC,2.00,EUR,0,0\n"
        "PRE,6.00,EUR,0,0\nCHP,0.50,EUR,0,0\n"},
       {"fare_rules.txt", "fare_id,route_id\nEXP,X\nLOC,S\nPRE,P\nCHP,C1\nCHP,C2\n"}});
  return n;
}

std::int32_t hm(int h, int m) { return h * 3600 + m * 60; }

routing::route_request request(bool arrive_by, std::int32_t time) {
  routing::route_request r;
  r.from = {0.0, 0.00};
  r.to = {0.0, 0.10};
  r.date = transit::days_from_ymd(2024, 12, 9);
  r.time = time;
  r.arrive_by = arrive_by;
  return r;
}

// "X1" or "K1+K2" (dep-arr, v1 price) per journey.
std::vector<std::string> plan(routing::route_request const& r) {
  routing::query_state qs;
  auto const js = routing::route(fare_network(), r, qs);
  EXPECT_TRUE(js.has_value()) << js.error().to_string();
  std::vector<std::string> out;
  if (!js) return out;
  for (auto const& j : *js) {
    std::string s;
    for (auto const& l : j.legs)
      if (l.kind == routing::leg_kind::ride) s += (s.empty() ? "" : "+") + l.trip_id;
    char buf[64];
    std::snprintf(buf, sizeof(buf), " %02d:%02d-%02d:%02d", j.departure / 3600, j.departure / 60 % 60,
                  j.arrival / 3600, j.arrival / 60 % 60);
    s += buf;
    for (auto const& f : j.fares)
      if (f.system == "v1") s += " " + transit::format_amount(f.amount) + " " + f.currency;
    out.push_back(s);
  }
  return out;
}

TEST(cheapest, a_cheaper_slower_journey_appears_only_with_the_option) {
  auto r = request(false, hm(7, 55));
  EXPECT_EQ(plan(r), (std::vector<std::string>{"X1 08:00-08:10"}));
  r.fares = true;
  EXPECT_EQ(plan(r), (std::vector<std::string>{"X1 08:00-08:10 5.00 EUR"}));
  r.fares = false;
  r.optimize_fare = true;  // implies the prices
  EXPECT_EQ(plan(r), (std::vector<std::string>{"X1 08:00-08:10 5.00 EUR", "S1 08:05-08:40 2.00 EUR",
                                               "K1+K2 08:01-08:50 1.00 EUR"}));
}

TEST(cheapest, arrive_by_keeps_later_departures_and_cheaper_ones) {
  auto r = request(true, hm(9, 0));
  EXPECT_EQ(plan(r), (std::vector<std::string>{"P1 08:06-08:45"}));
  r.optimize_fare = true;
  EXPECT_EQ(plan(r), (std::vector<std::string>{"P1 08:06-08:45 6.00 EUR", "S1 08:05-08:40 2.00 EUR",
                                               "K1+K2 08:01-08:50 1.00 EUR"}));
}

TEST(cheapest, later_departures_follow_the_fastest_journey) {
  // departures = 2: the next departure after the fastest journey (X1, leaving 08:00) is searched from
  // 08:00:01; its earliest arrival is S1 (08:40). It follows the fare set, priced (optimize_fare implies fares).
  auto r = request(false, hm(7, 55));
  r.optimize_fare = true;
  r.departures = 2;
  EXPECT_EQ(plan(r), (std::vector<std::string>{"X1 08:00-08:10 5.00 EUR", "S1 08:05-08:40 2.00 EUR",
                                               "K1+K2 08:01-08:50 1.00 EUR", "S1 08:05-08:40 2.00 EUR"}));
}

TEST(cheapest, a_later_dearer_journey_is_not_listed) {
  // Leaving at 08:02 X1 and K1 have gone (so has K1+K2): S1 (08:40, 2.00) and P1 (08:45, 6.00) remain. The
  // search with S banned finds P1, which S1 dominates: the plan is S1 alone, with or without the option.
  auto r = request(false, hm(8, 2));
  EXPECT_EQ(plan(r), (std::vector<std::string>{"S1 08:05-08:40"}));
  r.optimize_fare = true;
  EXPECT_EQ(plan(r), (std::vector<std::string>{"S1 08:05-08:40 2.00 EUR"}));
}

// The price optimize_fare compares (docs/realtime.md "Which price"): the cheapest of the journey's v1 price
// and its v2 prices for the default rider category; every category's v2 price only when the feed marks no
// default. Worked out by hand on a second drawn line, A (lon 0.00) -> B (0.10), the same street and service:
//   trip  line / network  A -> B          v1     v2 ADULT  v2 CHILD
//   X1    X / NX          08:00 -> 08:10  4.00   3.00      0.50
//   S1    S / NS          08:05 -> 08:40  2.50   3.50      1.50
//   P1    P / NP          08:06 -> 08:45  5.00   2.20      2.00
// ADULT is the default category (is_default_fare_category = 1), CHILD is not. The prices compared, leaving
// A at 07:55 (each journey one ride, so only arrival and price decide):
//   X1 min(4.00, 3.00) = 3.00   S1 min(2.50, 3.50) = 2.50   P1 min(5.00, 2.20) = 2.20
// Each later journey is cheaper: all three are Pareto-optimal -> X1, S1, P1. The rules this tells apart:
//   v2 default only: X1 3.00, S1 3.50, P1 2.20 -> S1 dominated by X1 -> X1, P1
//   v1 only:         X1 4.00, S1 2.50, P1 5.00 -> P1 dominated by X1 -> X1, S1
//   every category:  X1 0.50, S1 1.50, P1 2.00 -> X1 dominates both -> X1
// With no category marked default (the same feed, is_default_fare_category 0 for both) every category
// counts: X1 0.50 is the cheapest and the earliest -> X1 alone.
constexpr char kStreetAB[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.0" lon="0.00"/>
  <node id="2" lat="0.0" lon="0.10"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
</osm>
)";

network::network const& category_network(bool adult_is_default) {
  auto const build = [](bool marked) {
    return test::feed_network(marked ? "kw_cheapest_categories" : "kw_cheapest_no_default", kStreetAB,
        {{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nMT,Mini Transit,http://x,Europe/Brussels\n"},
         {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,0.0,0.00\nB,Beta,0.0,0.10\n"},
         {"routes.txt",
          "route_id,agency_id,route_short_name,route_long_name,route_type\nX,MT,X,,3\nS,MT,S,,3\nP,MT,P,,3\n"},
         {"trips.txt", "route_id,service_id,trip_id\nX,WK,X1\nS,WK,S1\nP,WK,P1\n"},
         {"stop_times.txt",
          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
          "X1,08:00:00,08:00:00,A,1\nX1,08:10:00,08:10:00,B,2\n"
          "S1,08:05:00,08:05:00,A,1\nS1,08:40:00,08:40:00,B,2\n"
          "P1,08:06:00,08:06:00,A,1\nP1,08:45:00,08:45:00,B,2\n"},
         {"calendar.txt",
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
          "WK,1,1,1,1,1,0,0,20241209,20241220\n"},
         {"fare_attributes.txt",
          "fare_id,price,currency_type,payment_method,transfers\nFX,4.00,EUR,0,0\nFS,2.50,EUR,0,0\nFP,5.00,EUR,0,0\n"},
         {"fare_rules.txt", "fare_id,route_id\nFX,X\nFS,S\nFP,P\n"},
         {"networks.txt", "network_id,network_name\nNX,Express\nNS,Slow\nNP,Pricey\n"},
         {"route_networks.txt", "network_id,route_id\nNX,X\nNS,S\nNP,P\n"},
         {"rider_categories.txt", std::string("rider_category_id,rider_category_name,is_default_fare_category\n") +
                                      (marked ? "ADULT,Adult,1\n" : "ADULT,Adult,0\n") + "CHILD,Child,0\n"},
         {"fare_products.txt",
          "fare_product_id,fare_product_name,rider_category_id,fare_media_id,amount,currency\n"
          "PX,Express,ADULT,,3.00,EUR\nPX,Express,CHILD,,0.50,EUR\n"
          "PS,Slow,ADULT,,3.50,EUR\nPS,Slow,CHILD,,1.50,EUR\n"
          "PP,Pricey,ADULT,,2.20,EUR\nPP,Pricey,CHILD,,2.00,EUR\n"},
         {"fare_leg_rules.txt", "leg_group_id,network_id,fare_product_id\nGX,NX,PX\nGS,NS,PS\nGP,NP,PP\n"}});
  };
  static network::network const marked = build(true);
  static network::network const unmarked = build(false);
  return adult_is_default ? marked : unmarked;
}

// "X1 v1 4.00 | v2 ADULT 3.00 | v2 CHILD 0.50" per journey: its trips and every price it was given.
std::vector<std::string> priced_plan(network::network const& net, routing::route_request const& r) {
  routing::query_state qs;
  auto const js = routing::route(net, r, qs);
  EXPECT_TRUE(js.has_value()) << js.error().to_string();
  std::vector<std::string> out;
  if (!js) return out;
  for (auto const& j : *js) {
    std::string s;
    for (auto const& l : j.legs)
      if (l.kind == routing::leg_kind::ride) s += (s.empty() ? "" : "+") + l.trip_id;
    std::vector<std::string> prices;
    for (auto const& f : j.fares)
      prices.push_back(f.system + (f.rider_category.empty() ? "" : " " + f.rider_category) + " " +
                       transit::format_amount(f.amount));
    std::sort(prices.begin(), prices.end());
    for (std::size_t i = 0; i < prices.size(); ++i) s += (i == 0 ? " " : " | ") + prices[i];
    out.push_back(s);
  }
  return out;
}

TEST(cheapest, the_price_compared_is_the_cheapest_of_v1_and_the_default_category_v2) {
  auto r = request(false, hm(7, 55));
  r.fares = true;  // the prices as read: every category is listed, whichever is compared
  EXPECT_EQ(priced_plan(category_network(true), r),
            (std::vector<std::string>{"X1 v1 4.00 | v2 ADULT 3.00 | v2 CHILD 0.50"}));
  r.optimize_fare = true;
  EXPECT_EQ(priced_plan(category_network(true), r),
            (std::vector<std::string>{"X1 v1 4.00 | v2 ADULT 3.00 | v2 CHILD 0.50",
                                      "S1 v1 2.50 | v2 ADULT 3.50 | v2 CHILD 1.50",
                                      "P1 v1 5.00 | v2 ADULT 2.20 | v2 CHILD 2.00"}));
}

TEST(cheapest, without_a_default_category_every_category_counts) {
  auto r = request(false, hm(7, 55));
  r.optimize_fare = true;
  EXPECT_EQ(priced_plan(category_network(false), r),
            (std::vector<std::string>{"X1 v1 4.00 | v2 ADULT 3.00 | v2 CHILD 0.50"}));
}

}  // namespace
