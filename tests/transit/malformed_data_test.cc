// Every case of gtfs-malformed-transitfeed and gtfs-malformed-misc gives the expected problem, naming the
// file, line and field (lines checked by reading the case's files); the valid baselines give no errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "kwartier/transit/gtfs.h"

namespace kwartier::transit {
namespace {

std::string const kTf = std::string(KW_SHARED_DATA_DIR) + "/gtfs-malformed-transitfeed/";
std::string const kMisc = std::string(KW_SHARED_DATA_DIR) + "/gtfs-malformed-misc/";

gtfs_feed load(std::string const& path) {
  auto f = load_gtfs(path);
  EXPECT_TRUE(f) << f.error().to_string();
  return f ? std::move(*f) : gtfs_feed{};
}

// True when the report holds a problem with exactly this code, severity, file, line and field.
::testing::AssertionResult has(gtfs_feed const& f, severity s, std::string_view code, std::string_view file,
                               std::uint32_t line, std::string_view field) {
  for (auto const& p : f.report.problems())
    if (p.code == code && p.severity == s && p.file == file && p.line == line && p.field == field)
      return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no " << severity_name(s) << " " << code << " at " << file << ":" << line
                                       << " [" << field << "] in:\n"
                                       << f.report.to_text();
}

std::size_t errors(gtfs_feed const& f) { return f.report.count(severity::error); }

// ---- valid baselines

TEST(Malformed, ValidBaselinesHaveNoErrors) {
  for (auto const* c : {"good_feed", "good_feed.zip", "utf8bom", "only_calendar_dates", "googletransit",
                        "flatten_feed", "filter_unusual_trips", "unknown_file", "unrecognized_columns", "bad_eol.zip"}) {
    auto const f = load(kTf + c);
    EXPECT_EQ(errors(f), 0u) << c << "\n" << f.report.to_text();
    EXPECT_GT(f.counts.stop_times, 0u) << c;
  }
}

TEST(Malformed, Utf8BomAndMixedLineEndingsReadLikeTheGoodFeed) {
  auto const good = load(kTf + "good_feed");
  for (auto const* c : {"utf8bom", "bad_eol.zip"}) {
    auto const f = load(kTf + c);
    EXPECT_EQ(f.counts.routes, good.counts.routes) << c;
    EXPECT_EQ(f.counts.trips, good.counts.trips) << c;
    EXPECT_EQ(f.counts.stop_times, good.counts.stop_times) << c;
  }
}

TEST(Malformed, PartialBaselines) {
  // au-sydney-entrances: stops + pathways only (station entrances); the stops load, the missing routing
  // tables are the only errors.
  auto const au = load(kTf + "au-sydney-entrances");
  EXPECT_GT(au.counts.stops, 0u);
  EXPECT_EQ(errors(au), 4u) << au.report.to_text();
  EXPECT_EQ(au.report.count("missing_required_file"), 4u);
  EXPECT_TRUE(has(au, severity::info, "unknown_file", "au-sydney-entrances.dot", 0, ""));
  // upgrade_translations/new-feed: current-format translations give the stop its Spanish name.
  // Its 5 translation rows (feed_info, stops, trips) are all read; the stop one names stop1.
  auto const nf = load(kTf + "upgrade_translations/new-feed");
  EXPECT_EQ(nf.counts.translations, 5u);
  EXPECT_EQ(nf.counts.stops, 1u);
  EXPECT_EQ(nf.report.count("dangling_stop_id"), 0u);
  EXPECT_EQ(nf.report.count("unused_translation"), 0u);
}

// ---- encoding and container

TEST(Malformed, BadUtf8) {
  auto const f = load(kTf + "bad_utf8");
  // Each file with an invalid byte is refused; the line is the one holding the first bad byte.
  EXPECT_TRUE(has(f, severity::error, "invalid_utf8", "agency.txt", 1, ""));  // header "badheader\xff"
  EXPECT_TRUE(has(f, severity::error, "invalid_utf8", "stops.txt", 2, ""));
  EXPECT_TRUE(has(f, severity::error, "invalid_utf8", "routes.txt", 5, ""));
  EXPECT_TRUE(has(f, severity::error, "invalid_utf8", "trips.txt", 2, ""));
  EXPECT_TRUE(has(f, severity::error, "invalid_utf8", "stop_times.txt", 2, ""));
}

TEST(Malformed, Utf16) {
  auto const f = load(kTf + "utf16");
  EXPECT_TRUE(has(f, severity::error, "utf16_encoding", "agency.txt", 1, ""));
  EXPECT_TRUE(has(f, severity::error, "utf16_encoding", "stop_times.txt", 1, ""));
  EXPECT_EQ(f.counts.stops, 0u);
}

TEST(Malformed, ContainsNull) {
  auto const f = load(kTf + "contains_null");
  EXPECT_TRUE(has(f, severity::error, "nul_byte", "stops.txt", 9, ""));
}

TEST(Malformed, UnknownFormatZip) {
  auto const f = load(kTf + "unknown_format.zip");
  ASSERT_EQ(errors(f), 1u);
  auto const& p = f.report.problems().front();
  EXPECT_EQ(p.code, "invalid_archive");
  EXPECT_NE(p.message.find("not a zip"), std::string::npos);
  EXPECT_TRUE(p.file.ends_with("unknown_format.zip"));
}

TEST(Malformed, EmptyFile) {
  auto const f = load(kTf + "empty_file");
  EXPECT_TRUE(has(f, severity::error, "empty_file", "agency.txt", 1, ""));
}

TEST(Malformed, UnknownFileAndColumns) {
  EXPECT_TRUE(has(load(kTf + "unknown_file"), severity::info, "unknown_file", "frecuencias.txt", 0, ""));
  auto const f = load(kTf + "unrecognized_columns");
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "agency.txt", 1, "agency_lange"));
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "stop_times.txt", 1, "drop_off_time"));
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "transfers.txt", 1, "to_stop"));
  // The fares tables are read too: their misspelled columns are reported like the others.
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "fare_attributes.txt", 1, "transfer_time"));
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "fare_rules.txt", 1, "source_id"));
  EXPECT_EQ(f.report.count("unknown_column"), 12u);
}

// ---- missing files and columns

TEST(Malformed, MissingFiles) {
  EXPECT_TRUE(has(load(kTf + "missing_agency"), severity::error, "missing_required_file", "agency.txt", 0, ""));
  EXPECT_TRUE(has(load(kTf + "missing_calendar"), severity::error, "missing_required_file", "calendar.txt", 0, ""));
  EXPECT_TRUE(has(load(kTf + "missing_routes"), severity::error, "missing_required_file", "routes.txt", 0, ""));
  EXPECT_TRUE(has(load(kTf + "missing_stops"), severity::error, "missing_required_file", "stops.txt", 0, ""));
  EXPECT_TRUE(has(load(kTf + "missing_trips"), severity::error, "missing_required_file", "trips.txt", 0, ""));
  EXPECT_TRUE(
      has(load(kTf + "missing_stop_times"), severity::error, "missing_required_file", "stop_times.txt", 0, ""));
}

TEST(Malformed, MissingFileLeavesDanglingReferencesReportedNotFatal) {
  // routes.txt missing: every trip names an unknown route (trips.txt line 2 names 'AB').
  auto const f = load(kTf + "missing_routes");
  EXPECT_TRUE(has(f, severity::error, "dangling_route_id", "trips.txt", 2, "route_id"));
  EXPECT_EQ(f.counts.trips, 0u);
  EXPECT_GT(f.counts.stops, 0u);
}

TEST(Malformed, MissingColumn) {
  // agency.txt header lacks agency_name.
  EXPECT_TRUE(has(load(kTf + "missing_column"), severity::error, "missing_required_column", "agency.txt", 1,
                  "agency_name"));
}

TEST(Malformed, MissingWeekdayColumn) {
  // calendar.txt header has no "thursday".
  EXPECT_TRUE(has(load(kTf + "missing_weekday_column"), severity::error, "missing_required_column", "calendar.txt",
                  1, "thursday"));
}

// ---- row shape

TEST(Malformed, MissingRowCells) {
  // routes.txt line 4 "STBA,DTA,,Stagecoach ⇒ Airport Shuttle,,3" has 6 of 7 fields.
  auto const f = load(kTf + "missing_row_cells");
  EXPECT_TRUE(has(f, severity::warning, "missing_row_cells", "routes.txt", 4, ""));
  EXPECT_EQ(f.counts.routes, 5u);  // row kept, missing field read as empty
}

TEST(Malformed, ExtraRowCells) {
  auto const f = load(kTf + "extra_row_cells");
  EXPECT_TRUE(has(f, severity::warning, "extra_row_cells", "routes.txt", 4, ""));
  EXPECT_EQ(errors(f), 0u);
}

// ---- values and references

TEST(Malformed, BadDateFormat) {
  // calendar.txt line 2: start_date 2007.01.01; calendar_dates.txt line 2: date 2007-06-04.
  auto const f = load(kTf + "bad_date_format");
  EXPECT_TRUE(has(f, severity::error, "invalid_date", "calendar.txt", 2, "start_date"));
  EXPECT_TRUE(has(f, severity::error, "invalid_date", "calendar_dates.txt", 2, "date"));
}

TEST(Malformed, DuplicateScheduleId) {
  // calendar.txt lines 3 and 4 both define WE.
  auto const f = load(kTf + "duplicate_schedule_id");
  EXPECT_TRUE(has(f, severity::error, "duplicate_id", "calendar.txt", 4, "service_id"));
  EXPECT_EQ(errors(f), 1u);
}

TEST(Malformed, DuplicateStop) {
  // BULLFROG (line 4) and FROG (line 5) stand 0.3 m apart.
  auto const f = load(kTf + "duplicate_stop");
  EXPECT_TRUE(has(f, severity::warning, "stops_too_close", "stops.txt", 5, "stop_lat"));
  EXPECT_EQ(f.report.count("stops_too_close"), 1u);
}

TEST(Malformed, DuplicateStopSequence) {
  // stop_times.txt lines 3 and 4: CITY1 stop_sequence 10 twice.
  auto const f = load(kTf + "duplicate_stop_sequence");
  EXPECT_TRUE(has(f, severity::error, "duplicate_stop_sequence", "stop_times.txt", 4, "stop_sequence"));
}

TEST(Malformed, NegativeStopSequence) {
  // stop_times.txt line 9: "CITY2,6:28:00,6:30:00,EMSI,-2".
  EXPECT_TRUE(has(load(kTf + "negative_stop_sequence"), severity::error, "negative_stop_sequence", "stop_times.txt",
                  9, "stop_sequence"));
}

TEST(Malformed, MissingDepartureTime) {
  // stop_times.txt line 3: "CITY1,6:12:00,,NADAV,10" - departure copied from arrival and reported.
  auto const f = load(kTf + "missing_departure_time");
  EXPECT_TRUE(has(f, severity::error, "missing_required_field", "stop_times.txt", 3, "departure_time"));
  auto tt = build_timetable(f);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->n_stop_times(), 4u);
  EXPECT_EQ(tt->trip_times(route_idx_t{0}, 0)[1].dep, 6 * 3600 + 12 * 60);
}

TEST(Malformed, MissingEndpointTimes) {
  // AB2's first stop (line 16) and BFC2's last stop (line 21) have no times.
  auto const f = load(kTf + "missing_endpoint_times");
  EXPECT_TRUE(has(f, severity::error, "missing_endpoint_time", "stop_times.txt", 16, "arrival_time"));
  EXPECT_TRUE(has(f, severity::error, "missing_endpoint_time", "stop_times.txt", 21, "arrival_time"));
}

TEST(Malformed, UndefinedStop) {
  // stop_times.txt line 11 names NADAR, not in stops.txt.
  auto const f = load(kTf + "undefined_stop");
  EXPECT_TRUE(has(f, severity::error, "dangling_stop_id", "stop_times.txt", 11, "stop_id"));
  EXPECT_EQ(errors(f), 1u);
}

TEST(Malformed, UnusedStop) {
  // stops.txt line 6: BOGUS is never visited.
  EXPECT_TRUE(has(load(kTf + "unused_stop"), severity::warning, "unused_stop", "stops.txt", 6, "stop_id"));
}

TEST(Malformed, InvalidAgencyIds) {
  // agency.txt line 3 has an empty agency_id while the feed has two agencies.
  EXPECT_TRUE(has(load(kTf + "invalid_agency_ids"), severity::error, "missing_required_field", "agency.txt", 3,
                  "agency_id"));
}

TEST(Malformed, InvalidRouteAgency) {
  // routes.txt line 4 names agency DVT.
  EXPECT_TRUE(has(load(kTf + "invalid_route_agency"), severity::error, "dangling_agency_id", "routes.txt", 4,
                  "agency_id"));
}

TEST(Malformed, RepeatedRouteName) {
  EXPECT_TRUE(has(load(kTf + "repeated_route_name"), severity::warning, "repeated_route_name", "routes.txt", 5,
                  "route_long_name"));
}

TEST(Malformed, SameShortLongName) {
  EXPECT_TRUE(has(load(kTf + "same_short_long_name"), severity::warning, "same_short_long_name", "routes.txt", 5,
                  "route_long_name"));
}

// ---- gtfs-malformed-misc

TEST(MalformedMisc, EmptyStopTimeInterpolatedAndQuirks) {
  // All fields quoted, single-digit hours, misspelt column drop_off_time, a __MACOSX entry.
  auto const f = load(kMisc + "sample-feed-with-empty-stop-time.zip");
  EXPECT_EQ(errors(f), 0u) << f.report.to_text();
  EXPECT_TRUE(has(f, severity::info, "unknown_column", "stop_times.txt", 1, "drop_off_time"));
  EXPECT_EQ(f.report.count("unknown_file"), 0u);  // __MACOSX/._stop_times.txt ignored
  EXPECT_GT(f.counts.stop_times, 0u);
  auto tt = build_timetable(f);
  ASSERT_TRUE(tt);
  // CITY1: STAGECOACH 0:00:00, NANAA empty, NADAV 0:12:00 -> NANAA interpolated to 0:06:00. CITY1 is a
  // frequency template; windows 6:00-7:59:59/1800 s (4), 8:00-9:59:59/600 (12), 10:00-15:59:59/1800 (12),
  // 16:00-18:59:59/600 (18), 19:00-22:00/1800 (6, 22:00 excluded) = 52 instances, the first at 6:00.
  std::size_t city1 = 0;
  bool checked = false;
  for (std::uint32_t r = 0; r < tt->n_routes(); ++r)
    for (std::size_t k = 0; k < tt->route_trips(route_idx_t{r}).size(); ++k) {
      auto const id = tt->trip_id(trip_idx_t{tt->route_trips(route_idx_t{r})[k]});
      if (!id.starts_with("CITY1#")) continue;
      ++city1;
      if (id == "CITY1#1") {
        auto const times = tt->trip_times(route_idx_t{r}, k);
        EXPECT_EQ(times[0].dep, 6 * 3600);
        EXPECT_EQ(times[1].arr, 6 * 3600 + 6 * 60);
        EXPECT_EQ(times[2].arr, 6 * 3600 + 12 * 60);
        checked = true;
      }
    }
  EXPECT_EQ(city1, 52u);
  EXPECT_TRUE(checked);
}

TEST(MalformedMisc, NestedFoldersAndInvalidContentHaveNoTables) {
  for (auto const* c : {"nested_folders_sample.zip", "zip_with_invalid_content_sample.zip"}) {
    auto const f = load(kMisc + c);
    EXPECT_TRUE(has(f, severity::error, "missing_required_file", "agency.txt", 0, "")) << c;
    EXPECT_TRUE(has(f, severity::error, "missing_required_file", "stop_times.txt", 0, "")) << c;
    EXPECT_EQ(f.report.count("unknown_file"), 0u) << c;  // the __MACOSX file is ignored
  }
}

TEST(MalformedMisc, ValidZipSamplePartialFeed) {
  // agency.txt + transfers.txt only: the agency loads, transfers name stops that do not exist.
  auto const f = load(kMisc + "valid_zip_sample.zip");
  EXPECT_EQ(f.counts.agencies, 1u);
  EXPECT_TRUE(has(f, severity::error, "missing_required_file", "stops.txt", 0, ""));
  EXPECT_TRUE(has(f, severity::error, "dangling_stop_id", "transfers.txt", 2, "from_stop_id"));
}

}  // namespace
}  // namespace kwartier::transit
