// Every real feed in ../shared/data loads with the counts its SOURCE.md lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/local_time.h"
#include "kwartier/transit/stop_search.h"

namespace kwartier::transit {
namespace {

std::string const kData = KW_SHARED_DATA_DIR;
std::string const kBe = kData + "/belgium-gtfs-truncated/";
std::string const kStib = kBe +
    "mdb-1857_Societe_des_Transports_Intercommunaux_de_Bruxelles_Maatschappij_voor_het_Intercommunaal_Vervoer_te_"
    "Brussel_STIB_MIVB/mdb-1857-202412190012";
std::string const kNmbs = kBe + "mdb-1859_Societe_nationale_des_chemins_de_fer_belges_NMBS_SNCB/mdb-1859-202412190048";
std::string const kTec = kBe + "mdb-1868_TEC/mdb-1868-202412190029";
std::string const kDeLijn = kBe + "mdb-684_De_Lijn/mdb-684-202412230102";

load_options all_problems() {
  load_options o;
  o.max_problems_per_code = 1'000'000;
  return o;
}

std::size_t count(validation_report const& r, std::string_view code, std::string_view file) {
  return static_cast<std::size_t>(std::count_if(r.problems().begin(), r.problems().end(), [&](problem const& p) {
    return p.code == code && p.file.ends_with(file);
  }));
}

TEST(Feeds, RnvHeidelberg) {
  auto f = load_gtfs(kData + "/rnv-heidelberg/rnv.zip");
  ASSERT_TRUE(f) << f.error().to_string();
  // SOURCE.md: agency 1, stops 2,057, routes 100, trips 20,636, stop_times 424,266, calendar 65,
  // calendar_dates 338, service dates 2016-10-22 .. 2016-12-10.
  EXPECT_EQ(f->counts.agencies, 1u);
  EXPECT_EQ(f->counts.stops, 2057u);
  EXPECT_EQ(f->counts.routes, 100u);
  EXPECT_EQ(f->counts.trips, 20636u);
  EXPECT_EQ(f->counts.stop_times, 424266u);
  EXPECT_EQ(f->counts.calendar, 65u);
  EXPECT_EQ(f->counts.calendar_dates, 338u);
  EXPECT_EQ(f->counts.first_date, 20161022u);
  EXPECT_EQ(f->counts.last_date, 20161210u);
  EXPECT_EQ(f->agencies.at(0).name, "Rhein-Neckar-Verkehr GmbH (rnv)");
  EXPECT_EQ(f->report.count(severity::error), 0u) << f->report.to_text();
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  // Every trip and stop time reaches the timetable (no frequencies in RNV).
  EXPECT_EQ(tt->n_trips(), 20636u);
  EXPECT_EQ(tt->n_stop_times(), 424266u);
  EXPECT_EQ(tt->n_stops(), 2057u);
  // Invariants: every trip of a route departs no earlier than the previous one at every stop (FIFO).
  for (std::uint32_t r = 0; r < tt->n_routes(); ++r)
    for (std::size_t k = 1; k < tt->route_trips(route_idx_t{r}).size(); ++k) {
      auto const a = tt->trip_times(route_idx_t{r}, k - 1), b = tt->trip_times(route_idx_t{r}, k);
      for (std::size_t s = 0; s < a.size(); ++s) ASSERT_LE(a[s].dep, b[s].dep);
    }
}

TEST(Feeds, NmbsOctober2019ServiceFromCalendarDates) {
  auto f = load_gtfs(kData + "/sncb-gtfs-2019-10/sncb-13-october.zip");
  ASSERT_TRUE(f);
  // SOURCE.md: stops 2,636, routes 622, trips 17,776, stop_times 265,371, calendar 2,456,
  // calendar_dates 71,585, transfers 609, service dates 2019-10-07 .. 2019-12-14.
  EXPECT_EQ(f->counts.stops, 2636u);
  EXPECT_EQ(f->counts.routes, 622u);
  EXPECT_EQ(f->counts.trips, 17776u);
  EXPECT_EQ(f->counts.stop_times, 265371u);
  EXPECT_EQ(f->counts.calendar, 2456u);
  EXPECT_EQ(f->counts.calendar_dates, 71585u);
  EXPECT_EQ(f->counts.transfers, 609u);
  EXPECT_EQ(f->counts.first_date, 20191007u);
  EXPECT_EQ(f->counts.last_date, 20191214u);
  EXPECT_EQ(f->report.count(severity::error), 0u);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->n_trips(), 17776u);
  EXPECT_EQ(tt->n_stop_times(), 265371u);
  // calendar.txt rows are all-zero weekdays, so every active day comes from calendar_dates: a trip runs on
  // some day of the feed's range.
  std::size_t active = 0;
  for (std::uint32_t t = 0; t < tt->n_trips(); ++t)
    for (std::int32_t d = tt->first_day_; d < tt->first_day_ + tt->n_days_; ++d)
      if (tt->service_active(tt->trip_service(trip_idx_t{t}), d)) {
        ++active;
        break;
      }
  EXPECT_EQ(active, 17776u);
  // Old-format translations (trans_id = stop name): Brussels-South answers in Dutch.
  bool found = false;
  for (std::uint32_t s = 0; s < tt->n_stops() && !found; ++s)
    if (tt->stop_name(stop_idx_t{s}) == "Bruxelles-Midi") {
      EXPECT_EQ(tt->stop_name(stop_idx_t{s}, "nl"), "Brussel-Zuid");
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(Feeds, NmbsOctober2019NamesPlatformsTripsAndServiceRange) {
  auto f = load_gtfs(kData + "/sncb-gtfs-2019-10/sncb-13-october.zip");
  ASSERT_TRUE(f);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  // translations.txt (old trans_id form, by inspection): Bruxelles-Central is "Brussel-Centraal" in nl,
  // "Brus.-/ Brux-Centr." in de, "Brux.-/ Brus-Centr." in en; Bruxelles-Midi is "Brussel-Zuid" in nl.
  auto const central = tt->find_stop("S8813003");  // the station; its platforms 8813003_1 .. _6
  ASSERT_TRUE(central);
  EXPECT_EQ(tt->stop_name(*central), "Bruxelles-Central");
  EXPECT_EQ(tt->stop_name(*central, "fr"), "Bruxelles-Central");
  EXPECT_EQ(tt->stop_name(*central, "nl"), "Brussel-Centraal");
  EXPECT_EQ(tt->stop_name(*central, "de"), "Brus.-/ Brux-Centr.");
  EXPECT_EQ(tt->stop_name(*central, "en"), "Brux.-/ Brus-Centr.");
  // stops.txt ids and platform codes carry trailing blanks ("8813003_6       ,...,6       "): trimmed.
  auto const platform6 = tt->find_stop("8813003_6");
  ASSERT_TRUE(platform6);
  EXPECT_EQ(tt->stop_platform(*platform6), "6");
  EXPECT_EQ(tt->stop_parent(*platform6), *central);
  EXPECT_EQ(tt->stop_name(*platform6, "nl"), "Brussel-Centraal");  // same name, same translation
  // Found by its Dutch name: the station S8813003, then its 7 stops (8813003, 8813003_1 .. _6).
  auto const hits = find_stops(view_of(*tt), "brussel-centraal");
  ASSERT_EQ(hits.size(), 8u);
  EXPECT_EQ(hits.front(), *central);
  // 1,473 stops.txt rows have a platform_code (python csv count); no wheelchair_boarding column.
  std::size_t platforms = 0, wheelchair_known = 0;
  for (std::uint32_t s = 0; s < tt->n_stops(); ++s) {
    platforms += tt->stop_platform(stop_idx_t{s}).empty() ? 0 : 1;
    wheelchair_known += tt->stop_wheelchair(stop_idx_t{s}) == accessibility::unknown ? 0 : 1;
  }
  EXPECT_EQ(platforms, 1473u);
  EXPECT_EQ(wheelchair_known, 0u);
  // trips.txt: 880 trips head for Bruxelles-Midi (python csv count), all of them answer "Brussel-Zuid" in
  // nl; every trip has a trip_short_name (the train number) and an empty direction_id.
  std::size_t to_midi = 0, short_names = 0, directions = 0;
  for (std::uint32_t t = 0; t < tt->n_trips(); ++t) {
    trip_idx_t const i{t};
    if (tt->trip_headsign(i) == "Bruxelles-Midi") {
      ++to_midi;
      EXPECT_EQ(tt->trip_headsign(i, "nl"), "Brussel-Zuid");
      EXPECT_EQ(tt->trip_headsign(i, "fr"), "Bruxelles-Midi");
    }
    short_names += tt->trip_short_name(i).empty() ? 0 : 1;
    directions += tt->trip_direction(i) == kNoDirection ? 0 : 1;
    ASSERT_LT(tt->trip_line(i).v(), tt->n_lines());
  }
  EXPECT_EQ(to_midi, 880u);
  EXPECT_EQ(short_names, 17776u);
  EXPECT_EQ(directions, 0u);
  // Every trip's own GTFS route is its RAPTOR route's line.
  for (std::uint32_t r = 0; r < tt->n_routes(); ++r)
    for (auto const t : tt->route_trips(route_idx_t{r})) ASSERT_EQ(tt->trip_line(trip_idx_t{t}), tt->route_line(route_idx_t{r}));
  // SOURCE.md: service dates 2019-10-07 .. 2019-12-14; a query on 2020-01-06 names that range.
  EXPECT_EQ(tt->timezone(), "Europe/Brussels");
  auto const range = service_days(*tt);
  EXPECT_EQ(format_date(range.first_day), "2019-10-07");
  EXPECT_EQ(format_date(range.last_day), "2019-12-14");
  auto const outside = check_service_day(*tt, days_from_yyyymmdd(20200106));
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error().message.find("2019-10-07 .. 2019-12-14"), std::string::npos) << outside.error().message;
}

TEST(Feeds, AtlantaFrequencies) {
  auto f = load_gtfs(kData + "/otp-atlanta/atlanta-blue-green-line.gtfs.zip");
  ASSERT_TRUE(f);
  // SOURCE.md: agency 1, stops 221, routes 4, trips 108, stop_times 1,667, frequencies 123, calendar 4,
  // calendar_dates 3, shapes 5,821 points.
  EXPECT_EQ(f->counts.agencies, 1u);
  EXPECT_EQ(f->counts.stops, 221u);
  EXPECT_EQ(f->counts.routes, 4u);
  EXPECT_EQ(f->counts.trips, 108u);
  EXPECT_EQ(f->counts.stop_times, 1667u);
  EXPECT_EQ(f->counts.frequencies, 123u);
  EXPECT_EQ(f->counts.calendar, 4u);
  EXPECT_EQ(f->counts.calendar_dates, 3u);
  EXPECT_EQ(f->counts.shapes, 5821u);
  // SOURCE.md gives the calendar range 2021-08-14 .. 2021-12-09; service 2 (the only one on 12-09) has
  // no weekday set, so the last day with service is service 5's end, Friday 2021-12-03.
  EXPECT_EQ(f->counts.first_date, 20210814u);
  EXPECT_EQ(f->counts.last_date, 20211203u);
  EXPECT_EQ(f->report.count(severity::error), 0u);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  EXPECT_GT(tt->n_trips(), 108u);  // frequency trips expanded
}

TEST(Feeds, BeattySampleFeeds) {
  auto s = load_gtfs(kData + "/gtfs-sample-beatty/sample-feed");
  ASSERT_TRUE(s);
  // SOURCE.md: agency 1, stops 11, routes 10, trips 19, stop_times 45, frequencies 11, calendar 6,
  // calendar_dates 1, transfers 3.
  EXPECT_EQ(s->counts.agencies, 1u);
  EXPECT_EQ(s->counts.stops, 11u);
  EXPECT_EQ(s->counts.routes, 10u);
  EXPECT_EQ(s->counts.trips, 19u);
  EXPECT_EQ(s->counts.stop_times, 45u);
  EXPECT_EQ(s->counts.frequencies, 11u);
  EXPECT_EQ(s->counts.calendar, 6u);
  EXPECT_EQ(s->counts.calendar_dates, 1u);
  EXPECT_EQ(s->counts.transfers, 3u);
  EXPECT_EQ(s->report.count(severity::error), 0u) << s->report.to_text();
  auto a = load_gtfs(kData + "/gtfs-sample-beatty/another-sample-feed");
  ASSERT_TRUE(a);
  // SOURCE.md: agency 1, stops 6, routes 3, trips 3, stop_times 7, calendar 1, transfers 1. routes.txt
  // holds 2 routes (COURT2MUSEUM, MUSEUM2AIRPORT) followed by two blank lines, which the SOURCE count took
  // for a row; blank lines are not records (RFC 4180 readers skip them), so 2.
  EXPECT_EQ(a->counts.agencies, 1u);
  EXPECT_EQ(a->counts.stops, 6u);
  EXPECT_EQ(a->counts.routes, 2u);
  EXPECT_EQ(a->counts.trips, 3u);
  EXPECT_EQ(a->counts.stop_times, 7u);
  EXPECT_EQ(a->counts.calendar, 1u);
  EXPECT_EQ(a->counts.transfers, 1u);
  EXPECT_EQ(a->report.count(severity::error), 0u) << a->report.to_text();
  // Both together (GraphHopper's multi-feed case): ids namespaced, counts add up.
  auto both = load_gtfs({{kData + "/gtfs-sample-beatty/sample-feed", "s"},
                         {kData + "/gtfs-sample-beatty/another-sample-feed", "a"}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->counts.stops, 17u);
  EXPECT_EQ(both->counts.trips, 22u);
  auto tt = build_timetable(*both);
  ASSERT_TRUE(tt);
  EXPECT_TRUE(tt->find_stop("s:STAGECOACH"));
  EXPECT_TRUE(tt->find_stop("a:JUSTICE_COURT"));
  EXPECT_FALSE(tt->find_stop("JUSTICE_COURT"));
}

TEST(Feeds, StibTruncatedDanglingReferencesReported) {
  auto f = load_gtfs(kStib, all_problems());
  ASSERT_TRUE(f) << f.error().to_string();
  // SOURCE.md: routes 91 (all), stops 999 rows, stop_times 999 rows of which only 397 name a present stop.
  EXPECT_EQ(f->counts.routes, 91u);
  EXPECT_EQ(f->counts.stops, 999u);
  EXPECT_EQ(f->counts.feed_info, 1u);
  EXPECT_EQ(count(f->report, "dangling_stop_id", "stop_times.txt"), 999u - 397u);
  EXPECT_GT(f->counts.stop_times, 0u);
  EXPECT_LE(f->counts.stop_times, 397u);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  // SOURCE.md: 976 of the 999 stops lie in the Brussels bbox (4.24-4.48 E, 50.76-50.92 N).
  std::size_t in_bbox = 0;
  for (std::uint32_t s = 0; s < tt->n_stops(); ++s) {
    auto const p = tt->stop_pos(stop_idx_t{s});
    if (p.lon >= 4.24 && p.lon <= 4.48 && p.lat >= 50.76 && p.lat <= 50.92) ++in_bbox;
  }
  EXPECT_EQ(in_bbox, 976u);
  // Brussels stops answer in French and Dutch (translations.txt, current format with record_id).
  EXPECT_GE(tt->n_languages(), 2u);
  auto const s = tt->find_stop("0601");  // stops.txt: "BOURSE"; translations.txt: fr Bourse, nl Beurs
  ASSERT_TRUE(s);
  EXPECT_EQ(tt->stop_name(*s), "BOURSE");
  EXPECT_EQ(tt->stop_name(*s, "fr"), "Bourse");
  EXPECT_EQ(tt->stop_name(*s, "nl"), "Beurs");
  // trips.txt gives every trip a direction_id (463 rows 0, 536 rows 1) and a headsign.
  ASSERT_GT(tt->n_trips(), 0u);
  for (std::uint32_t t = 0; t < tt->n_trips(); ++t) {
    EXPECT_NE(tt->trip_direction(trip_idx_t{t}), kNoDirection);
    EXPECT_FALSE(tt->trip_headsign(trip_idx_t{t}).empty());
  }
}

TEST(Feeds, NmbsTruncatedFieldValueTranslations) {
  auto f = load_gtfs(kNmbs, all_problems());
  ASSERT_TRUE(f);
  // translations.txt (current form, field_value rows, nl/de/en): the cut kept 812 stops rows and 187
  // trips rows. No stop of the cut stops.txt bears a translated name, and 133 trips rows name a headsign
  // no trip has (python csv counts): 945 unused_translation infos.
  EXPECT_EQ(count(f->report, "unused_translation", "translations.txt"), 812u + 133u);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  // 43 trips keep two or more stop times: 18 to Malines, 17 to Londerzeel, 7 to Termonde, 1 to Alost
  // (python csv count). The cut translations give Termonde -> Dendermonde and Alost -> Aalst in nl, but
  // neither Malines nor Londerzeel, which keep their own headsign.
  std::size_t termonde = 0, alost = 0, malines = 0;
  for (std::uint32_t t = 0; t < tt->n_trips(); ++t) {
    trip_idx_t const i{t};
    auto const h = tt->trip_headsign(i);
    auto const nl = tt->trip_headsign(i, "nl");
    if (h == "Termonde") {
      ++termonde;
      EXPECT_EQ(nl, "Dendermonde");
    } else if (h == "Alost") {
      ++alost;
      EXPECT_EQ(nl, "Aalst");
    } else if (h == "Malines") {
      ++malines;
      EXPECT_EQ(nl, "Malines");
    }
  }
  EXPECT_EQ(tt->n_trips(), 43u);
  EXPECT_EQ(termonde, 7u);
  EXPECT_EQ(alost, 1u);
  EXPECT_EQ(malines, 18u);
}

TEST(Feeds, NmbsTruncated) {
  auto f = load_gtfs(kNmbs, all_problems());
  ASSERT_TRUE(f);
  // SOURCE.md: routes 796, transfers 623 rows; 223 of 999 stop_time rows name a present stop.
  EXPECT_EQ(f->counts.routes, 796u);
  EXPECT_EQ(count(f->report, "dangling_stop_id", "stop_times.txt"), 999u - 223u);
  // SOURCE.md: 249 stops in the Brussels bbox (4.24-4.48 E, 50.76-50.92 N).
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  std::size_t in_bbox = 0;
  for (std::uint32_t s = 0; s < tt->n_stops(); ++s) {
    auto const p = tt->stop_pos(stop_idx_t{s});
    if (p.lon >= 4.24 && p.lon <= 4.48 && p.lat >= 50.76 && p.lat <= 50.92) ++in_bbox;
  }
  EXPECT_EQ(in_bbox, 249u);
}

TEST(Feeds, TecTruncatedFullyDangling) {
  auto f = load_gtfs(kTec, all_problems());
  ASSERT_TRUE(f);
  // SOURCE.md: 5 agencies; 0 stop_time rows name a present stop or trip.
  EXPECT_EQ(f->counts.agencies, 5u);
  EXPECT_EQ(count(f->report, "dangling_stop_id", "stop_times.txt"), 999u);
  EXPECT_EQ(count(f->report, "dangling_trip_id", "stop_times.txt"), 999u);
  EXPECT_EQ(f->counts.stop_times, 0u);
  // Nothing routable survived: the feed is unusable and no timetable is built (issue 13).
  auto tt = build_timetable(*f);
  ASSERT_FALSE(tt);
  EXPECT_EQ(tt.error().code, errc::invalid_format);
  EXPECT_NE(tt.error().message.find("feed is unusable"), std::string::npos) << tt.error().message;
}

TEST(Feeds, DeLijnTruncatedCalendarDatesOnly) {
  auto f = load_gtfs(kDeLijn, all_problems());
  ASSERT_TRUE(f);
  // SOURCE.md: no calendar.txt (service from calendar_dates); 31 of 999 stop_time rows name a present stop.
  EXPECT_EQ(f->counts.calendar, 0u);
  EXPECT_GT(f->counts.calendar_dates, 0u);
  EXPECT_EQ(count(f->report, "missing_required_file", "calendar.txt"), 0u);
  EXPECT_EQ(count(f->report, "dangling_stop_id", "stop_times.txt"), 999u - 31u);
}

TEST(Feeds, FourBelgianOperatorsMerge) {
  auto f = load_gtfs({{kStib, "stib"}, {kNmbs, "sncb"}, {kDeLijn, "delijn"}, {kTec, "tec"}});
  ASSERT_TRUE(f);
  // One agency each for STIB, NMBS and De Lijn, five for TEC (agency.txt row counts).
  EXPECT_EQ(f->counts.agencies, 8u);
  auto tt = build_timetable(*f);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->feed_prefixes_.size(), 4u);
  EXPECT_TRUE(tt->find_stop("stib:0601"));
  EXPECT_EQ(tt->stop_name(*tt->find_stop("stib:0601"), "nl"), "Beurs");
  std::size_t brussels = 0;
  for (std::size_t a = 0; a < tt->n_agencies(); ++a)
    if (tt->agency_timezone(agency_idx_t::from(a)) == "Europe/Brussels") ++brussels;
  EXPECT_EQ(brussels, tt->n_agencies());
}

}  // namespace
}  // namespace kwartier::transit
