// What routing shows about trips, stops and lines: per-trip GTFS route, headsign, short name, direction,
// accessibility; stop wheelchair_boarding (inherited from the parent station) and platform codes; and
// translations.txt in the record_id, field_value and old trans_id forms. Every answer is worked out by
// hand from the feed written below.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/stop_search.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

// One agency, calendar D on 2024-01-01..07 (every day).
// Stops: ST station (wheelchair 1) with platforms P1 (empty: inherits 1, platform "1") and P2 (2, platform
// "2") and entrance E1 (0: inherits 1); MT (empty: unknown); BX (7: invalid, read as 0; unused).
// Lines: L1 "71" / "De Brouckère - Delta", L2 "N71" / "Nuit".
// Trips (stop pattern):
//   T1 L1 P1 08:00 -> MT 08:10  headsign Delta, short 7101, dir 0, wheelchair 1, bikes 2
//   T2 L2 P1 08:05 -> MT 08:15  headsign Delta, dir 1, wheelchair 2, bikes 1
//   T3 L1 MT 09:00 -> P2 09:10  headsign "Gare Centrale", short 7103; frequency 12:00-13:00 every 30 min:
//                               instances T3#1 (12:00) and T3#2 (12:30)
//   T4 L1 service NOPE (dangling): skipped, reported
//   T5 L1 P1 10:00 -> MT 10:10  headsign Delta, direction 3 (invalid), wheelchair 9 (invalid)
// RAPTOR routes never mix GTFS routes: {T1, T5} (L1, P1-MT), {T2} (L2, P1-MT), {T3#1, T3#2} (L1, MT-P2).
std::vector<std::pair<std::string, std::string>> trip_feed(std::string translations) {
  return {
      {"agency.txt",
       "agency_id,agency_name,agency_url,agency_timezone\n"
       "A1,Transports Test,https://example.org,Europe/Brussels\n"},
      {"stops.txt",
       "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,wheelchair_boarding,platform_code\n"
       "ST,Gare Centrale,50.8450,4.3570,1,,1,\n"
       "P1,Gare Centrale,50.8451,4.3575,0,ST,,1\n"
       "P2,Gare Centrale,50.8452,4.3580,0,ST,2, 2 \n"
       "E1,Entr\xC3\xA9" "e,50.8449,4.3560,2,ST,0,\n"
       "MT,Montgomery,50.8380,4.4090,0,,,\n"
       "BX,Boitsfort,50.8000,4.4100,0,,7,\n"},
      {"routes.txt",
       "route_id,agency_id,route_short_name,route_long_name,route_type\n"
       "L1,A1,71,De Brouck\xC3\xA8re - Delta,3\n"
       "L2,A1,N71,Nuit,3\n"},
      {"calendar.txt",
       "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
       "D,1,1,1,1,1,1,1,20240101,20240107\n"},
      {"trips.txt",
       "route_id,service_id,trip_id,trip_headsign,trip_short_name,direction_id,wheelchair_accessible,bikes_allowed\n"
       "L1,D,T1,Delta,7101,0,1,2\n"
       "L2,D,T2,Delta,,1,2,1\n"
       "L1,D,T3,Gare Centrale,7103,,,\n"
       "L1,NOPE,T4,Delta,,0,,\n"
       "L1,D,T5,Delta,,3,9,\n"},
      {"stop_times.txt",
       "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
       "T1,08:00:00,08:00:00,P1,1\n"
       "T1,08:10:00,08:10:00,MT,2\n"
       "T2,08:05:00,08:05:00,P1,1\n"
       "T2,08:15:00,08:15:00,MT,2\n"
       "T3,09:00:00,09:00:00,MT,1\n"
       "T3,09:10:00,09:10:00,P2,2\n"
       "T5,10:00:00,10:00:00,P1,1\n"
       "T5,10:10:00,10:10:00,MT,2\n"},
      {"frequencies.txt",
       "trip_id,start_time,end_time,headway_secs\n"
       "T3,12:00:00,13:00:00,1800\n"},
      {"translations.txt", std::move(translations)},
  };
}

// Current form, both record_id and field_value rows (line numbers on the left):
std::string const kTranslations =
    "table_name,field_name,language,translation,record_id,record_sub_id,field_value\n"  // 1
    "stops,stop_name,nl,Centraal Station,ST,,\n"                                         // 2  ST
    "stops,stop_name,nl,Centraal Station,,,Gare Centrale\n"                              // 3  ST P1 P2
    "stops,stop_name,en,Central Station,,,Gare Centrale\n"                               // 4  ST P1 P2
    "stops,stop_name,en,Central,P2,,\n"                                                  // 5  P2 (later wins)
    "stops,stop_name,fr,Gare Centrale,P1,,\n"                                            // 6  = own name
    "routes,route_long_name,nl,De Brouck\xC3\xA8re - Delta NL,L1,,\n"                    // 7  L1
    "routes,route_short_name,en,71E,,,71\n"                                              // 8  L1
    "trips,trip_headsign,nl,Delta (NL),T1,,\n"                                           // 9  T1
    "trips,trip_headsign,en,Delta EN,,,Delta\n"                                          // 10 T1 T2 T5
    "trips,trip_headsign,nl,Centraal Station,,,Gare Centrale\n"                          // 11 T3#1 T3#2
    "trips,trip_headsign,de,Delta DE,T4,,\n"                                             // 12 T4 skipped: silent
    "agency,agency_name,nl,Vervoer Test,A1,,\n"                                          // 13 A1
    "stops,stop_desc,nl,whatever,ST,,\n"                                                 // 14 other field
    "trips,trip_headsign,nl,X,T99,,\n"                                                   // 15 dangling
    "routes,route_long_name,nl,Y,,,No such name\n";                                      // 16 unused

std::uint32_t trip_of(timetable const& tt, std::string_view id) {
  for (std::uint32_t t = 0; t < tt.n_trips(); ++t)
    if (tt.trip_id(trip_idx_t{t}) == id) return t;
  ADD_FAILURE() << "no trip " << id;
  return 0;
}

bool has(gtfs_feed const& f, severity s, std::string_view code, std::string_view file, std::uint32_t line,
         std::string_view field) {
  return std::any_of(f.report.problems().begin(), f.report.problems().end(), [&](problem const& p) {
    return p.severity == s && p.code == code && p.file == file && p.line == line && p.field == field;
  });
}

struct loaded {
  gtfs_feed feed;
  timetable tt;
};

loaded load_trip_feed(std::string translations = kTranslations) {
  auto f = load_gtfs_files(trip_feed(std::move(translations)));
  EXPECT_TRUE(f) << f.error().to_string();
  auto tt = build_timetable(*f);
  EXPECT_TRUE(tt) << tt.error().to_string();
  return {std::move(*f), std::move(*tt)};
}

TEST(TripData, PerTripLineMatchesItsRoute) {
  auto const [feed, tt] = load_trip_feed();
  EXPECT_EQ(tt.n_trips(), 5u);   // T1 T2 T3#1 T3#2 T5
  EXPECT_EQ(tt.n_routes(), 3u);  // {T1,T5} {T2} {T3#1,T3#2}
  for (std::uint32_t r = 0; r < tt.n_routes(); ++r)
    for (auto const t : tt.route_trips(route_idx_t{r})) EXPECT_EQ(tt.trip_line(trip_idx_t{t}), tt.route_line(route_idx_t{r}));
  EXPECT_EQ(tt.line_id(tt.trip_line(trip_idx_t{trip_of(tt, "T1")})), "L1");
  EXPECT_EQ(tt.line_id(tt.trip_line(trip_idx_t{trip_of(tt, "T2")})), "L2");
  EXPECT_EQ(tt.line_id(tt.trip_line(trip_idx_t{trip_of(tt, "T3#2")})), "L1");
  // T1 and T2 share the stop pattern P1 -> MT but not the GTFS route: different RAPTOR routes.
  auto const t1 = trip_idx_t{trip_of(tt, "T1")}, t2 = trip_idx_t{trip_of(tt, "T2")};
  EXPECT_NE(tt.trip_line(t1), tt.trip_line(t2));
  auto const l1 = tt.trip_line(t1);
  EXPECT_EQ(tt.line_short_name(l1), "71");
  EXPECT_EQ(tt.line_route_type(l1), 3);
  EXPECT_EQ(tt.agency_name(tt.line_agency(l1)), "Transports Test");
}

TEST(TripData, HeadsignShortNameDirectionAccessibility) {
  auto const [feed, tt] = load_trip_feed();
  auto const t1 = trip_idx_t{trip_of(tt, "T1")}, t2 = trip_idx_t{trip_of(tt, "T2")},
             t31 = trip_idx_t{trip_of(tt, "T3#1")}, t32 = trip_idx_t{trip_of(tt, "T3#2")},
             t5 = trip_idx_t{trip_of(tt, "T5")};
  EXPECT_EQ(tt.trip_headsign(t1), "Delta");
  EXPECT_EQ(tt.trip_short_name(t1), "7101");
  EXPECT_EQ(tt.trip_direction(t1), 0);
  EXPECT_EQ(tt.trip_wheelchair(t1), accessibility::yes);
  EXPECT_EQ(tt.trip_bikes(t1), accessibility::no);
  EXPECT_EQ(tt.trip_short_name(t2), "");
  EXPECT_EQ(tt.trip_direction(t2), 1);
  EXPECT_EQ(tt.trip_wheelchair(t2), accessibility::no);
  EXPECT_EQ(tt.trip_bikes(t2), accessibility::yes);
  // Frequency instances carry the template trip's data.
  for (auto const t : {t31, t32}) {
    EXPECT_EQ(tt.trip_headsign(t), "Gare Centrale");
    EXPECT_EQ(tt.trip_short_name(t), "7103");
    EXPECT_EQ(tt.trip_direction(t), kNoDirection);
    EXPECT_EQ(tt.trip_wheelchair(t), accessibility::unknown);
  }
  // T5: direction 3 and wheelchair 9 are reported (trips.txt line 6) and read as empty / 0.
  EXPECT_EQ(tt.trip_direction(t5), kNoDirection);
  EXPECT_EQ(tt.trip_wheelchair(t5), accessibility::unknown);
  EXPECT_TRUE(has(feed, severity::warning, "invalid_value", "trips.txt", 6, "direction_id")) << feed.report.to_text();
  EXPECT_TRUE(has(feed, severity::warning, "invalid_value", "trips.txt", 6, "wheelchair_accessible"));
  EXPECT_TRUE(has(feed, severity::error, "dangling_service_id", "trips.txt", 5, "service_id"));
}

TEST(TripData, StopWheelchairInheritedAndPlatformCodes) {
  auto const [feed, tt] = load_trip_feed();
  auto const s = [&](std::string_view id) { return *tt.find_stop(id); };
  EXPECT_EQ(tt.stop_wheelchair(s("ST")), accessibility::yes);
  EXPECT_EQ(tt.stop_wheelchair(s("P1")), accessibility::yes);  // empty: the station's 1
  EXPECT_EQ(tt.stop_wheelchair(s("P2")), accessibility::no);   // its own 2 wins
  EXPECT_EQ(tt.stop_wheelchair(s("E1")), accessibility::yes);  // entrance, 0: the station's 1
  EXPECT_EQ(tt.stop_wheelchair(s("MT")), accessibility::unknown);
  EXPECT_EQ(tt.stop_wheelchair(s("BX")), accessibility::unknown);
  EXPECT_TRUE(has(feed, severity::warning, "invalid_value", "stops.txt", 7, "wheelchair_boarding"));
  EXPECT_EQ(tt.stop_platform(s("P1")), "1");
  EXPECT_EQ(tt.stop_platform(s("P2")), "2");  // " 2 " trimmed
  EXPECT_EQ(tt.stop_platform(s("ST")), "");
}

TEST(TripData, TranslationsRecordIdAndFieldValue) {
  auto const [feed, tt] = load_trip_feed();
  auto const s = [&](std::string_view id) { return *tt.find_stop(id); };
  // Stops: nl by record_id (ST) and field_value (ST P1 P2); en by field_value, then P2 by record_id (later
  // row wins); fr equals the own name; E1 and MT untranslated.
  EXPECT_EQ(tt.stop_name(s("ST"), "nl"), "Centraal Station");
  EXPECT_EQ(tt.stop_name(s("P1"), "nl"), "Centraal Station");
  EXPECT_EQ(tt.stop_name(s("P1"), "en"), "Central Station");
  EXPECT_EQ(tt.stop_name(s("P2"), "en"), "Central");
  EXPECT_EQ(tt.stop_name(s("P1"), "fr"), "Gare Centrale");
  EXPECT_EQ(tt.stop_name(s("MT"), "nl"), "Montgomery");
  EXPECT_EQ(tt.stop_name(s("E1"), "nl"), "Entr\xC3\xA9" "e");
  // Language codes match without case and by primary subtag.
  EXPECT_EQ(tt.stop_name(s("ST"), "NL"), "Centraal Station");
  EXPECT_EQ(tt.stop_name(s("ST"), "nl-BE"), "Centraal Station");
  EXPECT_EQ(tt.stop_name(s("ST"), "de"), "Gare Centrale");  // no de at all: own name
  // Lines and agency.
  auto const l1 = line_idx_t{0}, l2 = line_idx_t{1};
  EXPECT_EQ(tt.line_long_name(l1, "nl"), "De Brouck\xC3\xA8re - Delta NL");
  EXPECT_EQ(tt.line_long_name(l1, "en"), "De Brouck\xC3\xA8re - Delta");
  EXPECT_EQ(tt.line_short_name(l1, "en"), "71E");
  EXPECT_EQ(tt.line_short_name(l2, "en"), "N71");
  EXPECT_EQ(tt.agency_name(agency_idx_t{0}, "nl"), "Vervoer Test");
  EXPECT_EQ(tt.agency_name(agency_idx_t{0}, "fr"), "Transports Test");
  // Headsigns: T1 nl by record_id, en by value (as T2 and T5); T3's value translation reaches both
  // frequency instances.
  auto const t = [&](std::string_view id) { return trip_idx_t{trip_of(tt, id)}; };
  EXPECT_EQ(tt.trip_headsign(t("T1"), "nl"), "Delta (NL)");
  EXPECT_EQ(tt.trip_headsign(t("T2"), "nl"), "Delta");
  EXPECT_EQ(tt.trip_headsign(t("T1"), "en"), "Delta EN");
  EXPECT_EQ(tt.trip_headsign(t("T2"), "en"), "Delta EN");
  EXPECT_EQ(tt.trip_headsign(t("T5"), "en"), "Delta EN");
  EXPECT_EQ(tt.trip_headsign(t("T3#1"), "nl"), "Centraal Station");
  EXPECT_EQ(tt.trip_headsign(t("T3#2"), "nl"), "Centraal Station");
  EXPECT_EQ(tt.translated(text_field::trip_headsign, t("T3#2").v(), "de"), std::nullopt);
  // Problems: row 15 names no trip (warning), row 16 matches no route name (info); row 12 names the
  // skipped T4 and row 14 another field: neither is reported.
  EXPECT_TRUE(has(feed, severity::warning, "dangling_trip_id", "translations.txt", 15, "record_id")) << feed.report.to_text();
  EXPECT_TRUE(has(feed, severity::info, "unused_translation", "translations.txt", 16, "field_value"));
  EXPECT_EQ(feed.report.count("dangling_trip_id"), 1u);
  EXPECT_EQ(feed.report.count("unused_translation"), 1u);
  // Counted: rows 2-14 (13 rows; 12 and 14 read but not applied); not 15 and 16.
  EXPECT_EQ(feed.counts.translations, 13u);
  EXPECT_EQ(tt.n_languages(), 3u);  // nl en fr (fr only from row 6, which stores nothing; row 12 adds none)
}

TEST(TripData, OldTransIdFormAppliesToEveryFieldWithThatValue) {
  auto const [feed, tt] = load_trip_feed(
      "trans_id,lang,translation\n"
      "Gare Centrale,nl,Centraal Station\n"  // stops ST P1 P2 and headsign of T3
      "Delta,de,Delta DE\n"                  // headsigns of T1 T2 T5
      "Nuit,en,Night\n"                      // route long name of L2
      "Nowhere,nl,Nergens\n");               // line 5: nothing has that value
  EXPECT_EQ(tt.stop_name(*tt.find_stop("P2"), "nl"), "Centraal Station");
  EXPECT_EQ(tt.trip_headsign(trip_idx_t{trip_of(tt, "T3#1")}, "nl"), "Centraal Station");
  EXPECT_EQ(tt.trip_headsign(trip_idx_t{trip_of(tt, "T2")}, "de"), "Delta DE");
  EXPECT_EQ(tt.line_long_name(line_idx_t{1}, "en"), "Night");
  EXPECT_EQ(tt.stop_name(*tt.find_stop("MT"), "nl"), "Montgomery");
  EXPECT_TRUE(has(feed, severity::info, "unused_translation", "translations.txt", 5, "trans_id")) << feed.report.to_text();
  EXPECT_EQ(feed.counts.translations, 3u);
}

TEST(TripData, FindStopsByIdOrName) {
  auto const [feed, tt] = load_trip_feed();
  auto const v = view_of(tt);
  auto const ids = [&](std::vector<stop_idx_t> const& hits) {
    std::vector<std::string> out;
    for (auto const h : hits) out.emplace_back(v.stop_id(h));
    return out;
  };
  using strings = std::vector<std::string>;
  EXPECT_EQ(ids(find_stops(v, "P2")), strings{"P2"});  // an id
  // The stops.txt name, any case: the station first, then its platforms.
  EXPECT_EQ(ids(find_stops(v, "gare centrale")), (strings{"ST", "P1", "P2"}));
  // A translated name (nl, field_value row 3): the same three.
  EXPECT_EQ(ids(find_stops(v, "Centraal Station")), (strings{"ST", "P1", "P2"}));
  // Exact names beat substrings: "central" is P2's en name exactly (row 5), so ST and P1 ("Central
  // Station") are not listed; "centra" is no name, so every name containing it.
  EXPECT_EQ(ids(find_stops(v, "central")), strings{"P2"});
  EXPECT_EQ(ids(find_stops(v, "centra")), (strings{"ST", "P1", "P2"}));
  EXPECT_EQ(ids(find_stops(v, "centra", 2)), (strings{"ST", "P1"}));
  EXPECT_EQ(ids(find_stops(v, "MONTG")), strings{"MT"});
  EXPECT_TRUE(find_stops(v, "").empty());
  EXPECT_TRUE(find_stops(v, "Schaerbeek").empty());
}

TEST(TripData, SurvivesTheDatasetFile) {
  auto const [feed, tt] = load_trip_feed();
  auto const path = std::filesystem::temp_directory_path() / "kwartier_trip_data_test.kwt";
  ASSERT_TRUE(save_timetable(tt, path));
  auto v = open_timetable(path);
  ASSERT_TRUE(v) << v.error().to_string();
  std::filesystem::remove(path);
  ASSERT_EQ(v->n_trips(), tt.n_trips());
  for (std::uint32_t i = 0; i < tt.n_trips(); ++i) {
    trip_idx_t const t{i};
    EXPECT_EQ(v->trip_line(t), tt.trip_line(t));
    EXPECT_EQ(v->trip_headsign(t), tt.trip_headsign(t));
    EXPECT_EQ(v->trip_headsign(t, "nl"), tt.trip_headsign(t, "nl"));
    EXPECT_EQ(v->trip_short_name(t), tt.trip_short_name(t));
    EXPECT_EQ(v->trip_direction(t), tt.trip_direction(t));
    EXPECT_EQ(v->trip_bikes(t), tt.trip_bikes(t));
  }
  for (std::uint32_t i = 0; i < tt.n_stops(); ++i) {
    stop_idx_t const s{i};
    EXPECT_EQ(v->stop_wheelchair(s), tt.stop_wheelchair(s));
    EXPECT_EQ(v->stop_platform(s), tt.stop_platform(s));
    EXPECT_EQ(v->stop_name(s, "en"), tt.stop_name(s, "en"));
  }
  EXPECT_EQ(v->timezone(), "Europe/Brussels");
  EXPECT_EQ(v->translations_.size(), tt.translations_.size());
}

}  // namespace
}  // namespace kwartier::transit
