// Journeys on a hand-made mini network, every answer worked out by hand below.
//
// One street along the equator (each segment its own OSM way, so every stop is a street junction):
//
//   A ------------------ B1 -- B2 ------------------ C ------------------ D
//   lon 0.000            0.020  0.0205               0.040                0.060        (lat 0.000)
//
// 0.02 deg = 6371008.8 m x 0.02 x pi / 180 = 2223.90 m = 1710.7 s on foot (1.3 m/s): 17107 ds per segment.
// B1 - B2: 0.0005 deg = 55.60 m = 427.7 ds -> 428 ds; the walked footpath B1 <-> B2 is (428 + 5) / 10 = 43 s.
// Footpaths are walked up to 500 m, so B1 <-> B2 is the only one. Stops sit on street nodes: link 0 s.
// Access/egress budget 900 s: from a stop only that stop (and B1 <-> B2) is reachable.
//
// Services: WK Mon-Fri 2024-12-09..2024-12-22 (calendar.txt); XMAS only 2024-12-25 (calendar_dates.txt).
// 2024-12-09 is a Monday. Lines (GTFS routes) and trips:
//   1  A -> B1        L1a 07:30 -> 07:40   L1b 08:00 -> 08:10                       (WK)
//   2  B2 -> C        L2a 07:45 -> 07:53   L2b 08:12 -> 08:20   L2c 08:25 -> 08:33  (WK)
//   3  A -> C         L3  08:00 -> 08:40 (slow, no change)                          (WK)
//   4  C -> D         L4  09:00 -> 09:10                                            (XMAS)
//   N  D -> C         N1  24:10 -> 24:20 (service day's 00:10 -> 00:20 next morning) (WK)
//   F  B2 -> C -> D   F   06:00, 06:08, 06:16; frequencies.txt every 600 s 06:00-07:00 (WK):
//                     instances F#1 06:00 .. F#6 06:50
// translations.txt: C is "Centre" in French and "Centrum" in Dutch.
// Wheelchairs: L2b is not accessible (wheelchair_accessible=2), L1b, L2c and L3 are (1), the other trips say
// nothing (0); stop D has wheelchair_boarding=2, the others 1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/raptor.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

constexpr char const* kLineOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.0" lon="0.000"/>
  <node id="2" lat="0.0" lon="0.020"/>
  <node id="3" lat="0.0" lon="0.0205"/>
  <node id="4" lat="0.0" lon="0.040"/>
  <node id="5" lat="0.0" lon="0.060"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
  <way id="102"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="103"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/></way>
  <way id="104"><nd ref="4"/><nd ref="5"/><tag k="highway" v="residential"/></way>
</osm>
)";

std::int32_t hms(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }

struct mini : ::testing::Test {
  static void write(fs::path const& p, std::string const& s) { std::ofstream{p, std::ios::binary} << s; }
  static network::network const& net() {
    static network::network const n = [] {
      auto const d = fs::temp_directory_path() / ("kw_raptor_test_" + std::to_string(::getpid()));
      fs::create_directories(d / "feed");
      write(d / "line.osm", kLineOsm);
      auto const f = d / "feed";
      write(f / "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nMT,Mini Transit,http://x,Europe/Brussels\n");
      write(f / "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon,wheelchair_boarding\n"
            "A,Alpha,0.0,0.000,1\nB1,Beta 1,0.0,0.020,1\nB2,Beta 2,0.0,0.0205,1\nC,Centre,0.0,0.040,1\nD,Delta,0.0,0.060,2\n");
      write(f / "routes.txt",
            "route_id,agency_id,route_short_name,route_long_name,route_type\n"
            "R1,MT,1,,3\nR2,MT,2,,3\nR3,MT,3,Slow,3\nR4,MT,4,,3\nRN,MT,N,Night,3\nRF,MT,F,Frequent,0\n");
      write(f / "trips.txt",
            "route_id,service_id,trip_id,wheelchair_accessible\n"
            "R1,WK,L1a,\nR1,WK,L1b,1\nR2,WK,L2a,\nR2,WK,L2b,2\nR2,WK,L2c,1\nR3,WK,L3,1\nR4,XMAS,L4,\n"
            "RN,WK,N1,\nRF,WK,F,\n");
      write(f / "stop_times.txt",
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
            "L1a,07:30:00,07:30:00,A,1\nL1a,07:40:00,07:40:00,B1,2\n"
            "L1b,08:00:00,08:00:00,A,1\nL1b,08:10:00,08:10:00,B1,2\n"
            "L2a,07:45:00,07:45:00,B2,1\nL2a,07:53:00,07:53:00,C,2\n"
            "L2b,08:12:00,08:12:00,B2,1\nL2b,08:20:00,08:20:00,C,2\n"
            "L2c,08:25:00,08:25:00,B2,1\nL2c,08:33:00,08:33:00,C,2\n"
            "L3,08:00:00,08:00:00,A,1\nL3,08:40:00,08:40:00,C,2\n"
            "L4,09:00:00,09:00:00,C,1\nL4,09:10:00,09:10:00,D,2\n"
            "N1,24:10:00,24:10:00,D,1\nN1,24:20:00,24:20:00,C,2\n"
            "F,06:00:00,06:00:00,B2,1\nF,06:08:00,06:08:00,C,2\nF,06:16:00,06:16:00,D,3\n");
      write(f / "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            "WK,1,1,1,1,1,0,0,20241209,20241222\n");
      write(f / "calendar_dates.txt", "service_id,date,exception_type\nXMAS,20241225,1\n");
      write(f / "frequencies.txt", "trip_id,start_time,end_time,headway_secs\nF,06:00:00,07:00:00,600\n");
      write(f / "translations.txt",
            "table_name,field_name,language,translation,record_id\n"
            "stops,stop_name,fr,Centre,C\nstops,stop_name,nl,Centrum,C\n");
      auto s = network::build({{f, ""}}, d / "line.osm", d / "line.kwn");
      EXPECT_TRUE(s) << s.error().to_string();
      auto n = network::network::open(d / "line.kwn");
      EXPECT_TRUE(n) << n.error().to_string();
      return std::move(*n);
    }();
    return n;
  }
  static transit::stop_idx_t stop(char const* id) { return *net().timetable().find_stop(id); }
  static geo::latlng at(char const* id) {
    auto const p = net().timetable().stop_pos(stop(id));
    return {p.lat, p.lon};
  }
  static std::int32_t monday() { return transit::days_from_ymd(2024, 12, 9); }

  route_request req(char const* from, char const* to, std::int32_t day, std::int32_t time) {
    route_request r;
    r.from = at(from);
    r.to = at(to);
    r.date = day;
    r.time = time;
    return r;
  }
  query_state qs;
};

TEST_F(mini, footpaths_are_as_drawn) {
  auto const fp = net().footpaths(stop("B1"));
  ASSERT_EQ(fp.size(), 1U);
  EXPECT_EQ(fp[0].to, stop("B2").v());
  EXPECT_EQ(fp[0].seconds, 43);
  EXPECT_TRUE(net().footpaths(stop("A")).empty());
}

// A -> C on Monday at 07:55: the slow line 3 (one ride, 08:40) and the faster 1 + walk + 2 (two rides,
// 08:20) are both Pareto-optimal.
TEST_F(mini, faster_journey_with_one_more_transfer_and_a_walked_platform_change) {
  auto js = route(net(), req("A", "C", monday(), hms(7, 55)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 2U);
  auto const& slow = (*js)[0];
  EXPECT_EQ(slow.rides, 1U);
  EXPECT_EQ(slow.departure, hms(8, 0));
  EXPECT_EQ(slow.arrival, hms(8, 40));
  ASSERT_EQ(slow.legs.size(), 1U);
  EXPECT_EQ(slow.legs[0].route_short_name, "3");
  EXPECT_EQ(slow.legs[0].trip_id, "L3");

  auto const& fast = (*js)[1];
  EXPECT_EQ(fast.rides, 2U);
  EXPECT_EQ(fast.transfers(), 1U);
  EXPECT_EQ(fast.departure, hms(8, 0));
  EXPECT_EQ(fast.arrival, hms(8, 20));
  ASSERT_EQ(fast.legs.size(), 3U);
  EXPECT_EQ(fast.legs[0].kind, leg_kind::ride);
  EXPECT_EQ(fast.legs[0].trip_id, "L1b");
  EXPECT_EQ(fast.legs[0].from.id, "A");
  EXPECT_EQ(fast.legs[0].to.id, "B1");
  EXPECT_EQ(fast.legs[0].departure, hms(8, 0));
  EXPECT_EQ(fast.legs[0].arrival, hms(8, 10));
  EXPECT_EQ(fast.legs[0].agency, "Mini Transit");
  EXPECT_EQ(fast.legs[1].kind, leg_kind::transfer);
  EXPECT_EQ(fast.legs[1].from.id, "B1");
  EXPECT_EQ(fast.legs[1].to.id, "B2");
  EXPECT_EQ(fast.legs[1].departure, hms(8, 10));
  EXPECT_EQ(fast.legs[1].duration(), 43);
  EXPECT_EQ(fast.legs[2].trip_id, "L2b");
  EXPECT_EQ(fast.legs[2].route_short_name, "2");
  EXPECT_EQ(fast.legs[2].from.id, "B2");
  EXPECT_EQ(fast.legs[2].departure, hms(8, 12));
  EXPECT_EQ(fast.legs[2].arrival, hms(8, 20));
  EXPECT_EQ(fast.legs[2].to.name, "Centre");
}

TEST_F(mini, names_in_the_requested_language) {
  auto r = req("A", "C", monday(), hms(7, 55));
  r.lang = "nl";
  auto js = route(net(), r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_FALSE(js->empty());
  EXPECT_EQ(js->back().legs.back().to.name, "Centrum");
  EXPECT_EQ(js->back().legs.front().from.name, "Alpha");  // untranslated: the feed's name
  r.lang = "fr";
  js = route(net(), r, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->back().legs.back().to.name, "Centre");
}

// Arrive at C by 08:30: the latest departure is 08:00 (1 + walk + 2, arriving 08:20); line 3 arrives 08:40,
// too late; the 07:30 journey leaves earlier than needed.
TEST_F(mini, arrive_by_gives_the_latest_departure) {
  auto r = req("A", "C", monday(), hms(8, 30));
  r.arrive_by = true;
  auto js = route(net(), r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  auto const& j = (*js)[0];
  EXPECT_EQ(j.rides, 2U);
  EXPECT_EQ(j.departure, hms(8, 0));
  EXPECT_EQ(j.arrival, hms(8, 20));
  ASSERT_EQ(j.legs.size(), 3U);
  EXPECT_EQ(j.legs[0].trip_id, "L1b");
  EXPECT_EQ(j.legs[2].trip_id, "L2b");
  // By 08:00 only the 07:30 journey (arriving 07:53) makes it.
  r.time = hms(8, 0);
  js = route(net(), r, qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 1U);
  EXPECT_EQ((*js)[0].departure, hms(7, 30));
  EXPECT_EQ((*js)[0].arrival, hms(7, 53));
}

// From 07:25: Pareto set (line 3 at 08:00 -> 08:40; 07:30 -> 07:53 with a change), then the next two
// departures: 08:00 -> 08:20, and (nothing else leaves A that day) Tuesday's 07:30 -> 07:53 = 31:30 -> 31:53.
TEST_F(mini, next_departures) {
  auto r = req("A", "C", monday(), hms(7, 25));
  r.departures = 3;
  auto js = route(net(), r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 4U);
  EXPECT_EQ((*js)[0].arrival, hms(8, 40));
  EXPECT_EQ((*js)[1].departure, hms(7, 30));
  EXPECT_EQ((*js)[1].arrival, hms(7, 53));
  EXPECT_EQ((*js)[2].departure, hms(8, 0));
  EXPECT_EQ((*js)[2].arrival, hms(8, 20));
  EXPECT_EQ((*js)[3].departure, hms(31, 30));
  EXPECT_EQ((*js)[3].arrival, hms(31, 53));
  EXPECT_EQ((*js)[3].legs[0].trip_id, "L1a");
}

// Line 4 runs only on 2024-12-25 (calendar_dates.txt). C -> D at 08:50: that day it arrives 09:10; the day
// before there is no transit and the direct walk (2223.90 m / 1.3 m/s = 1710.7 s -> 1711 s) is the answer.
TEST_F(mini, service_only_on_calendar_dates) {
  auto js = route(net(), req("C", "D", transit::days_from_ymd(2024, 12, 25), hms(8, 50)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  EXPECT_EQ((*js)[0].legs.at(0).trip_id, "L4");
  EXPECT_EQ((*js)[0].arrival, hms(9, 10));
  js = route(net(), req("C", "D", transit::days_from_ymd(2024, 12, 24), hms(8, 50)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  ASSERT_EQ((*js)[0].legs.size(), 1U);
  EXPECT_EQ((*js)[0].legs[0].kind, leg_kind::direct);
  EXPECT_EQ((*js)[0].arrival, hms(8, 50) + 1711);
}

// Saturday 2024-12-14 at 00:05 from D: N1 of Friday's service (24:10 -> 24:20) leaves at 00:10 Saturday.
TEST_F(mini, trip_after_midnight_from_the_previous_service_day) {
  auto js = route(net(), req("D", "C", transit::days_from_ymd(2024, 12, 14), hms(0, 5)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  auto const& j = (*js)[0];
  EXPECT_EQ(j.rides, 1U);
  EXPECT_EQ(j.legs.at(0).trip_id, "N1");
  EXPECT_EQ(j.departure, hms(0, 10));
  EXPECT_EQ(j.arrival, hms(0, 20));
  // Sunday 00:05: Saturday has no WK service, so nothing but the walk (1711 s).
  js = route(net(), req("D", "C", transit::days_from_ymd(2024, 12, 15), hms(0, 5)), qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 1U);
  EXPECT_EQ((*js)[0].legs[0].kind, leg_kind::direct);
}

// F every 600 s from 06:00: at 06:25 from B2 the 06:30 instance (F#4) reaches C at 06:38.
TEST_F(mini, frequency_based_trip) {
  auto js = route(net(), req("B2", "C", monday(), hms(6, 25)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  EXPECT_EQ((*js)[0].legs.at(0).trip_id, "F#4");
  EXPECT_EQ((*js)[0].departure, hms(6, 30));
  EXPECT_EQ((*js)[0].arrival, hms(6, 38));
  EXPECT_EQ((*js)[0].legs[0].route_short_name, "F");
  EXPECT_EQ((*js)[0].legs[0].stops, 2U);
}

// From B1's platform at 06:25 the F platform B2 is 43 s away on foot (an access walk).
TEST_F(mini, access_walk_to_the_neighbouring_platform) {
  auto js = route(net(), req("B1", "D", monday(), hms(6, 25)), qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  auto const& j = (*js)[0];
  ASSERT_EQ(j.legs.size(), 2U);
  EXPECT_EQ(j.legs[0].kind, leg_kind::access);
  EXPECT_EQ(j.legs[0].to.id, "B2");
  EXPECT_EQ(j.legs[0].duration(), 43);
  EXPECT_EQ(j.legs[0].departure, hms(6, 30) - 43);
  EXPECT_EQ(j.legs[1].trip_id, "F#4");
  EXPECT_EQ(j.arrival, hms(6, 46));
}

// Step-free, A -> C at 07:55: L2b (08:12) is not accessible, so the change at B waits for L2c (08:25 ->
// 08:33); line 3 (accessible) still arrives at 08:40. Avoiding trips with no information keeps the same
// answer (L1b, L2c, L3 say yes). C -> D on 2024-12-25: D is not accessible, so no ride ends there: only the
// walk (1711 s) is left.
TEST_F(mini, step_free_avoids_an_inaccessible_trip_and_stop) {
  auto r = req("A", "C", monday(), hms(7, 55));
  r.step_free = true;
  auto js = route(net(), r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 2U);
  EXPECT_EQ((*js)[0].arrival, hms(8, 40));
  EXPECT_EQ((*js)[1].arrival, hms(8, 33));
  ASSERT_EQ((*js)[1].legs.size(), 3U);
  EXPECT_EQ((*js)[1].legs[0].trip_id, "L1b");
  EXPECT_EQ((*js)[1].legs[2].trip_id, "L2c");
  r.unknown = wheelchair_unknown::avoid;
  js = route(net(), r, qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 2U);
  EXPECT_EQ((*js)[1].arrival, hms(8, 33));
  // From 07:25 with unknowns avoided, L1a and L2a (no information) are not taken: the 08:00 L1b is. Walking
  // all the way (2 x 2223.90 m / 1.3 m/s = 3421 s, 08:22:01) now beats the 08:33 arrival, so it comes first.
  r.time = hms(7, 25);
  js = route(net(), r, qs);
  ASSERT_TRUE(js);
  ASSERT_EQ(js->size(), 3U);
  EXPECT_EQ((*js)[0].legs.at(0).kind, leg_kind::direct);
  EXPECT_EQ((*js)[0].arrival, hms(7, 25) + 3421);
  EXPECT_EQ((*js)[2].departure, hms(8, 0));
  EXPECT_EQ((*js)[2].arrival, hms(8, 33));
  // Without the profile the inaccessible L2b is fine.
  r = req("A", "C", monday(), hms(7, 55));
  js = route(net(), r, qs);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->back().arrival, hms(8, 20));
  // The inaccessible stop D.
  r = req("C", "D", transit::days_from_ymd(2024, 12, 25), hms(8, 50));
  r.step_free = true;
  js = route(net(), r, qs);
  ASSERT_TRUE(js) << js.error().to_string();
  ASSERT_EQ(js->size(), 1U);
  EXPECT_EQ((*js)[0].legs.at(0).kind, leg_kind::direct);
}

TEST_F(mini, bad_input) {
  auto r = req("A", "C", transit::days_from_ymd(2025, 1, 6), hms(8, 0));
  auto js = route(net(), r, qs);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, errc::out_of_range);
  EXPECT_NE(js.error().message.find("2024-12-09 .. 2024-12-25"), std::string::npos) << js.error().message;
  r = req("A", "C", monday(), hms(24, 0));
  js = route(net(), r, qs);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, errc::out_of_range);
  EXPECT_EQ(js.error().field, "time");
  r = req("A", "C", monday(), hms(8, 0));
  r.to = {1.0, 1.0};  // 100 km from any street
  js = route(net(), r, qs);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, errc::too_far);
  r.to = {95.0, 0.0};
  js = route(net(), r, qs);
  ASSERT_FALSE(js);
  EXPECT_EQ(js.error().code, errc::out_of_range);
}

// RAPTOR core, stop to stop: the Pareto front and one-to-all times.
TEST_F(mini, raptor_core_front_and_one_to_all) {
  std::vector<stop_offset> const acc{{stop("A"), 0}}, egr{{stop("C"), 0}};
  raptor_query q;
  q.day = monday();
  q.time = hms(7, 55);
  q.sources = acc;
  q.targets = egr;
  auto f = raptor(net(), q, qs);
  ASSERT_TRUE(f) << f.error().to_string();
  ASSERT_EQ(f->size(), 2U);
  EXPECT_EQ((*f)[0].rides, 1);
  EXPECT_EQ((*f)[0].time, hms(8, 40));
  EXPECT_EQ((*f)[1].rides, 2);
  EXPECT_EQ((*f)[1].time, hms(8, 20));
  q.targets = {};
  f = raptor(net(), q, qs);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->empty());
  auto const t = best_times(qs);
  EXPECT_EQ(t[stop("A").v()], hms(7, 55));
  EXPECT_EQ(t[stop("B1").v()], hms(8, 10));
  EXPECT_EQ(t[stop("B2").v()], hms(8, 10) + 43);
  EXPECT_EQ(t[stop("C").v()], hms(8, 20));
  // No L4 on Monday: D is first reached by Tuesday's F#1 from B2 (06:00 -> 06:16 = 30:16).
  EXPECT_EQ(t[stop("D").v()], hms(30, 16));
  // A max_travel of 20 minutes leaves C (25 min) unreached.
  q.opt.max_travel_seconds = 20 * 60;
  ASSERT_TRUE(raptor(net(), q, qs));
  EXPECT_EQ(best_times(qs)[stop("C").v()], kUnreachable);
  EXPECT_EQ(best_times(qs)[stop("B1").v()], hms(8, 10));
  // Bad input.
  std::vector<stop_offset> const bad{{transit::stop_idx_t{99}, 0}};
  q.sources = bad;
  auto e = raptor(net(), q, qs);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_argument);
}

// A -> C, departures 07:25 to 08:00 every 5 minutes (8): 07:25 and 07:30 take the 07:30 journey (arrive
// 07:53: 1680 s, 1380 s); 07:35 .. 08:00 take the 08:00 one (arrive 08:20: 2700, 2400, 2100, 1800, 1500,
// 1200 s). Sorted: 1200 1380 1500 1680 1800 2100 2400 2700: min 1200, median (index ceil(0.5 x 8) - 1 = 3)
// 1680, p90 (index ceil(7.2) - 1 = 7) 2700.
TEST_F(mini, range_over_a_departure_window) {
  std::vector<stop_offset> const acc{{stop("A"), 0}};
  range_query rq;
  rq.day = monday();
  rq.window_start = hms(7, 25);
  rq.window_end = hms(8, 5);
  rq.step = 300;
  rq.sources = acc;
  range_result rr;
  ASSERT_TRUE(range_raptor(net(), rq, qs, rr));
  ASSERT_EQ(rr.n_departures(), 8U);
  auto const c = stop("C").v();
  std::vector<seconds_t> got;
  for (std::size_t i = 0; i < 8; ++i) got.push_back(rr.travel_times(i)[c]);
  EXPECT_EQ(got, (std::vector<seconds_t>{1680, 1380, 2700, 2400, 2100, 1800, 1500, 1200}));
  std::vector<double> const pct{90.0};
  auto s = summarize(rr.all(), rr.n_departures(), rr.n_stops(), pct);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->min[c], 1200);
  EXPECT_EQ(s->median[c], 1680);
  EXPECT_EQ(s->percentile(0)[c], 2700);
  // The exact departure events from A in the window: 07:30 and 08:00 (L1a, L1b, L3).
  EXPECT_EQ(departure_events(net(), rq), (std::vector<seconds_t>{hms(7, 30), hms(8, 0)}));
  rq.step = 0;
  EXPECT_FALSE(range_raptor(net(), rq, qs, rr));
}

// r5's non-interpolated percentiles on a hand-made matrix (4 departures x 2 targets).
TEST(range_summary, percentiles_as_r5) {
  std::vector<seconds_t> const times{600, 120, 300, 120, 900, 120, kUnreachable, 120};
  std::vector<double> const pct{25.0, 75.0, 100.0};
  auto s = summarize(times, 4, 2, pct);
  ASSERT_TRUE(s) << s.error().to_string();
  // target 0 sorted: 300 600 900 unreachable. p25: ceil(1) - 1 = 0; median: ceil(2) - 1 = 1; p75: 2; p100: 3.
  EXPECT_EQ(s->min[0], 300);
  EXPECT_EQ(s->median[0], 600);
  EXPECT_EQ(s->percentile(0)[0], 300);
  EXPECT_EQ(s->percentile(1)[0], 900);
  EXPECT_EQ(s->percentile(2)[0], kUnreachable);
  EXPECT_EQ(s->median[1], 120);
  std::vector<double> const bad{0.0};
  EXPECT_FALSE(summarize(times, 4, 2, bad));
  EXPECT_FALSE(summarize(times, 3, 2, pct));
}

}  // namespace
}  // namespace kwartier::routing
