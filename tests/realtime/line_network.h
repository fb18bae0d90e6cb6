// A hand-made network for the realtime tests, every time worked out by hand.
//
// One street along the equator, four stops 0.02 deg (2,223.9 m, 1,711 s on foot) apart, so no footpath
// joins two stops (footpaths are walked up to 500 m) and from a stop's own coordinate only that stop is within
// the 900 s access budget:
//
//   A ------------------ B ------------------ C ------------------ D
//   lon 0.000            0.020                0.040                0.060       (lat 0.000)
//
// Service WK: Monday to Friday, 2024-12-09 .. 2024-12-20 (2024-12-09 is a Monday). Europe/Brussels, UTC+1 in
// December, so a service day's reference (local midnight) is 23:00 UTC the day before.
//   line 1  A -> B -> C   T1  08:00  08:10  08:20      T2  08:30  08:40  08:50
//   line 2  C -> D        U1  08:25 -> 08:35           U2  08:55 -> 09:05
//   line 3  A -> D        S1  08:05 -> 08:50 (direct, slow)
// Static A -> D at 07:55 (min change 0): T1 + U1 arrive 08:35 (two rides, leaving 08:00), S1 arrives 08:50
// (one ride, leaving 08:05): both Pareto-optimal.
#pragma once

#include <cstdint>

#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/timetable.h"
#include "support/feed_network.h"

namespace kwartier::test {

inline std::int32_t hms(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }
inline std::int32_t monday() { return transit::days_from_ymd(2024, 12, 9); }
inline std::int32_t tuesday() { return transit::days_from_ymd(2024, 12, 10); }
// POSIX seconds of local wall-clock time `secs` on `day` (UTC+1, no clock change in December).
inline std::int64_t unix_at(std::int32_t day, std::int32_t secs) {
  return std::int64_t{day} * 86400 - 3600 + secs;
}

inline network::network const& line_network() {
  static network::network const n = feed_network("kw_realtime_test", R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.0" lon="0.000"/>
  <node id="2" lat="0.0" lon="0.020"/>
  <node id="3" lat="0.0" lon="0.040"/>
  <node id="4" lat="0.0" lon="0.060"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
  <way id="102"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="103"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/></way>
</osm>
)",
      {{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nMT,Mini Transit,http://x,Europe/Brussels\n"},
       {"stops.txt",
        "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,0.0,0.000\nB,Beta,0.0,0.020\nC,Gamma,0.0,0.040\n"
        "D,Delta,0.0,0.060\n"},
       {"routes.txt",
        "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,MT,1,,3\nR2,MT,2,,3\nR3,MT,3,,3\n"},
       {"trips.txt", "route_id,service_id,trip_id\nR1,WK,T1\nR1,WK,T2\nR2,WK,U1\nR2,WK,U2\nR3,WK,S1\n"},
       {"stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:00:00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\nT1,08:20:00,08:20:00,C,3\n"
        "T2,08:30:00,08:30:00,A,1\nT2,08:40:00,08:40:00,B,2\nT2,08:50:00,08:50:00,C,3\n"
        "U1,08:25:00,08:25:00,C,1\nU1,08:35:00,08:35:00,D,2\n"
        "U2,08:55:00,08:55:00,C,1\nU2,09:05:00,09:05:00,D,2\n"
        "S1,08:05:00,08:05:00,A,1\nS1,08:50:00,08:50:00,D,2\n"},
       {"calendar.txt",
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WK,1,1,1,1,1,0,0,20241209,20241220\n"}});
  return n;
}

inline geo::latlng stop_at(char const* id) {
  auto const& tt = line_network().timetable();
  auto const p = tt.stop_pos(*tt.find_stop(id));
  return {p.lat, p.lon};
}

inline routing::route_request request(char const* from, char const* to, std::int32_t day, std::int32_t time) {
  routing::route_request r;
  r.from = stop_at(from);
  r.to = stop_at(to);
  r.date = day;
  r.time = time;
  return r;
}

}  // namespace kwartier::test
