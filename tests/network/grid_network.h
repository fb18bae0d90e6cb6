#pragma once

// The drawn grid of tests/street/grid_osm.h plus a five-stop GTFS feed and transfers.txt, written to a
// directory: shared by tests/network/network_test.cc (stop links and footpaths worked out by hand there)
// and tests/routing/ (street queries on the built network).
//
//   S1 (-0.0001, 0.0014): 0.1 d south of G..I, 1.4 d from G     S2 (0.00005, 0.0016): 0.05 d north, 1.6 d from G
//   S3 (0.0012, 0.0021): 0.1 d east of C-F, 0.8 d below C       S4 (0.005, 0.005): 470 m from any street
//   S5 (0.0001, 0.0105): on the dropped island J-K
// transfers.txt: S1 -> S2 min_time 120 s, S2 -> S3 not possible, S3 -> S3 min_time 60 s.
#include <filesystem>
#include <fstream>
#include <string>

#include "street/grid_osm.h"

namespace kwartier::testdata {

inline void write_file(std::filesystem::path const& p, std::string const& s) {
  std::ofstream{p, std::ios::binary} << s;
}

// Writes d/grid.osm and the feed folder d/feed.
inline void write_grid_network(std::filesystem::path const& d) {
  std::filesystem::create_directories(d / "feed");
  write_file(d / "grid.osm", kGridOsm);
  auto const f = d / "feed";
  write_file(f / "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Grid,http://x,Europe/Brussels\n");
  write_file(f / "stops.txt",
      "stop_id,stop_name,stop_lat,stop_lon\n"
      "S1,One,-0.0001,0.0014\nS2,Two,0.00005,0.0016\nS3,Three,0.0012,0.0021\n"
      "S4,Far,0.005,0.005\nS5,Island,0.0001,0.0105\n");
  write_file(f / "routes.txt", "route_id,agency_id,route_short_name,route_long_name,route_type\nR,A,1,Line,3\n");
  write_file(f / "trips.txt", "route_id,service_id,trip_id\nR,W,T1\n");
  write_file(f / "stop_times.txt",
      "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
      "T1,08:00:00,08:00:00,S1,1\nT1,08:05:00,08:05:00,S2,2\nT1,08:10:00,08:10:00,S3,3\n"
      "T1,08:15:00,08:15:00,S4,4\nT1,08:20:00,08:20:00,S5,5\n");
  write_file(f / "calendar.txt",
      "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
      "W,1,1,1,1,1,0,0,20240101,20241231\n");
  write_file(f / "transfers.txt",
      "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n"
      "S1,S2,2,120\nS2,S3,3,\nS3,S3,2,60\n");
}

}  // namespace kwartier::testdata
