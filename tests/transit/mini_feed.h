// The hand-written mini Brussels feed used by the transit tests (inline, so every answer can be worked
// out by hand from what is written here). data/gtfs/mini-brussels/ holds the same feed as files.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kwartier/io/feed_source.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::transit {

// 2024-12-09 is a Monday. Services:
//   WK     Mon-Fri 2024-12-09..2024-12-22, minus Wed 12-11   -> 9 days
//   SCHOOL identical to WK, written as its own rows           -> shares WK's bitset
//   WE     Sat/Sun 2024-12-09..2024-12-22, plus Wed 12-25     -> 5 days
//   XMAS   calendar_dates only: Wed 12-25                      -> 1 day
// Trips (line M1 = GDM1 BRS DEB ROG, line N = NORD ROG GDM1):
//   M1A  WK     08:00, 08:04/08:05, (empty: interpolated 08:08), 08:11 (rows out of order in the file)
//   M1F  WK     frequency template 6:00, 6:04/6:05, 6:08, 6:11; every 1200 s from 06:00 to 07:00 (exclusive)
//   N1   WE     23:50, 24:05, 25:10  (past midnight)
//   M1X  XMAS   09:00, 09:04/09:05, 09:08, 09:11
//   N2   SCHOOL 23:20, 23:35, 24:40
inline std::vector<std::pair<std::string, std::string>> mini_feed_files() {
  return {
      {"agency.txt",
       "agency_id,agency_name,agency_url,agency_timezone,agency_lang\n"
       "MINI,Mini Brussels Transit,https://example.org,Europe/Brussels,fr\n"},
      {"stops.txt",
       "\xEF\xBB\xBFstop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
       "GDM,Gare du Midi,50.8357,4.3361,1,\n"
       "GDM1,Gare du Midi,50.8355,4.3358,0,GDM\n"
       "BRS,Bourse,50.8481,4.3497,0,\n"
       "DEB,De Brouck\xC3\xA8re,50.8508,4.3522,,\n"
       "ROG,Rogier,50.8556,4.3589,0,\n"
       "NORD,\"Gare du Nord, quai 1\",50.8603,4.3617,0,\n"},
      {"routes.txt",
       "route_id,agency_id,route_short_name,route_long_name,route_type\n"
       "M1,MINI,1,Midi - Nord,1\n"
       "N,MINI,N,Night bus,3\n"},
      {"calendar.txt",
       "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
       "WK,1,1,1,1,1,0,0,20241209,20241222\n"
       "WE,0,0,0,0,0,1,1,20241209,20241222\n"
       "SCHOOL,1,1,1,1,1,0,0,20241209,20241222\n"},
      {"calendar_dates.txt",
       "service_id,date,exception_type\n"
       "WK,20241211,2\n"
       "WE,20241225,1\n"
       "XMAS,20241225,1\n"
       "SCHOOL,20241211,2\n"},
      {"trips.txt",
       "trip_id,note,service_id,route_id\n"
       "M1A,first,WK,M1\n"
       "M1F,frequency,WK,M1\n"
       "N1,night,WE,N\n"
       "M1X,xmas,XMAS,M1\n"
       "N2,school,SCHOOL,N\n"},
      {"stop_times.txt",
       "trip_id,arrival_time,departure_time,stop_id,stop_sequence\r\n"
       "M1A,08:04:00,08:05:00,BRS,2\r\n"
       "M1A,08:00:00,08:00:00,GDM1,1\r\n"
       "M1A,,,DEB,3\r\n"
       "M1A,08:11:00,08:11:00,ROG,7\r\n"
       "M1F,6:00:00,6:00:00,GDM1,1\r\n"
       "M1F,6:04:00,6:05:00,BRS,2\r\n"
       "M1F,6:08:00,6:08:00,DEB,3\r\n"
       "M1F,6:11:00,6:11:00,ROG,4\r\n"
       "N1,23:50:00,23:50:00,NORD,1\r\n"
       "N1,24:05:00,24:05:00,ROG,2\r\n"
       "N1,25:10:00,25:10:00,GDM1,3\r\n"
       "M1X,09:00:00,09:00:00,GDM1,1\r\n"
       "M1X,09:04:00,09:05:00,BRS,2\r\n"
       "M1X,09:08:00,09:08:00,DEB,3\r\n"
       "M1X,09:11:00,09:11:00,ROG,4\r\n"
       "N2,23:20:00,23:20:00,NORD,1\r\n"
       "N2,23:35:00,23:35:00,ROG,2\r\n"
       "N2,24:40:00,24:40:00,GDM1,3\r\n"},
      {"frequencies.txt",
       "trip_id,start_time,end_time,headway_secs\n"
       "M1F,6:00:00,7:00:00,1200\n"},
      {"transfers.txt",
       "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n"
       "ROG,NORD,2,300\n"
       "GDM1,GDM1,2,180\n"},
      {"feed_info.txt",
       "feed_publisher_name,feed_publisher_url,feed_lang\n"
       "kwartier tests,https://example.org,fr\n"},
      {"translations.txt",
       "table_name,field_name,language,translation,record_id,record_sub_id,field_value\n"
       "stops,stop_name,nl,Zuidstation,GDM,,\n"
       "stops,stop_name,nl,Zuidstation,GDM1,,\n"
       "stops,stop_name,en,Brussels-South,GDM1,,\n"
       "stops,stop_name,NL,Beurs,,,Bourse\n"
       "stops,stop_name,fr,Bourse,,,Bourse\n"},
  };
}

inline result<gtfs_feed> load_gtfs_files(std::vector<std::pair<std::string, std::string>> files,
                                         load_options const& opt = {}) {
  std::vector<io::feed_source> s;
  s.push_back(io::feed_source::from_files(std::move(files), "mini"));
  return load_gtfs_sources(s, {""}, opt);
}

}  // namespace kwartier::transit
