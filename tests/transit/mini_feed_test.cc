// A hand-written mini Brussels feed (inline strings) with every answer worked out by hand in the comments:
// service days from calendar + calendar_dates (and a calendar_dates-only service), a frequency trip,
// trips past midnight, interpolation of an empty intermediate time, FR/NL/EN translations, CSV quirks
// (BOM, CRLF, quoted comma, columns in another order, an unknown column).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "kwartier/io/feed_source.h"
#include "kwartier/transit/gtfs.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

stop_idx_t stop(timetable const& tt, std::string_view id) {
  auto s = tt.find_stop(id);
  EXPECT_TRUE(s.has_value()) << id;
  return s.value_or(stop_idx_t{0});
}

// Seconds since midnight.
constexpr std::int32_t hms(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }

TEST(MiniFeed, SampleFolderMatchesInlineFeed) {
  // data/gtfs/mini-brussels (used by scripts, the CLI docs, the C and Python tests) holds the same bytes.
  auto dir = io::feed_source::open(std::string(KW_SOURCE_DIR) + "/data/gtfs/mini-brussels");
  ASSERT_TRUE(dir) << dir.error().to_string();
  auto const files = mini_feed_files();
  EXPECT_EQ(dir->files().size(), files.size());
  for (auto const& [name, content] : files) {
    auto got = dir->read(name);
    ASSERT_TRUE(got) << name;
    EXPECT_EQ(*got, content) << name;
  }
}

TEST(MiniFeed, DayNumbers) {
  // 1970..2023 has 54 years with 13 leap years (1972..2020): 54 * 365 + 13 = 19723 = 2024-01-01.
  EXPECT_EQ(days_from_ymd(2024, 1, 1), 19723);
  // Dec 9 is day 343 of leap year 2024 (Jan..Nov = 335 days, + 8): 19723 + 343 = 20066.
  EXPECT_EQ(days_from_yyyymmdd(20241209), 20066);
  EXPECT_EQ(yyyymmdd_from_days(20066), 20241209u);
  EXPECT_EQ(yyyymmdd_from_days(0), 19700101u);
  EXPECT_EQ(yyyymmdd_from_days(days_from_yyyymmdd(20000229)), 20000229u);
}

TEST(MiniFeed, CountsAndReport) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed) << feed.error().to_string();
  auto const& c = feed->counts;
  EXPECT_EQ(c.agencies, 1u);
  EXPECT_EQ(c.stops, 6u);
  EXPECT_EQ(c.routes, 2u);
  EXPECT_EQ(c.trips, 5u);        // M1A M1F N1 M1X N2
  EXPECT_EQ(c.stop_times, 18u);  // 4 + 4 + 3 + 4 + 3
  EXPECT_EQ(c.calendar, 3u);     // WK WE SCHOOL
  EXPECT_EQ(c.calendar_dates, 4u);
  EXPECT_EQ(c.frequencies, 1u);
  EXPECT_EQ(c.transfers, 2u);
  EXPECT_EQ(c.translations, 5u);
  EXPECT_EQ(c.feed_info, 1u);
  // First service day Mon 2024-12-09 (WK), last Wed 2024-12-25 (WE extra day, XMAS).
  EXPECT_EQ(c.first_date, 20241209u);
  EXPECT_EQ(c.last_date, 20241225u);
  ASSERT_EQ(feed->agencies.size(), 1u);
  EXPECT_EQ(feed->agencies[0].timezone, "Europe/Brussels");
  EXPECT_EQ(feed->report.count(severity::error), 0u) << feed->report.to_text();
  EXPECT_EQ(feed->report.count(severity::warning), 0u) << feed->report.to_text();
  // The one unknown column (trips.txt "note") is reported as info with its file and line.
  ASSERT_EQ(feed->report.count("unknown_column"), 1u);
  auto const& p = feed->report.problems().front();
  EXPECT_EQ(p.file, "trips.txt");
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.field, "note");
}

TEST(MiniFeed, TimetableLayout) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed);
  auto tt_r = build_timetable(*feed);
  ASSERT_TRUE(tt_r) << tt_r.error().to_string();
  auto const& tt = *tt_r;

  // Trips: M1A, M1F expanded 3x (06:00, 06:20, 06:40; 07:00 is end_time, excluded), M1X, N1, N2 = 7.
  EXPECT_EQ(tt.n_stops(), 6u);
  EXPECT_EQ(tt.n_trips(), 7u);
  // Routes: line M1 pattern GDM1-BRS-DEB-ROG (5 trips, never overtaking) and line N pattern NORD-ROG-GDM1.
  ASSERT_EQ(tt.n_routes(), 2u);
  EXPECT_EQ(tt.n_stop_times(), 5u * 4 + 2u * 3);

  auto const r0 = route_idx_t{0}, r1 = route_idx_t{1};
  auto const s0 = tt.route_stops(r0);
  ASSERT_EQ(s0.size(), 4u);
  EXPECT_EQ(tt.stop_id(stop_idx_t{s0[0]}), "GDM1");
  EXPECT_EQ(tt.stop_id(stop_idx_t{s0[2]}), "DEB");
  EXPECT_EQ(tt.stop_id(stop_idx_t{s0[3]}), "ROG");

  // Route 0 trips sorted by departure: M1F#1 06:00, M1F#2 06:20, M1F#3 06:40, M1A 08:00, M1X 09:00.
  auto const trips0 = tt.route_trips(r0);
  ASSERT_EQ(trips0.size(), 5u);
  std::vector<std::string> ids;
  for (auto const t : trips0) ids.emplace_back(tt.trip_id(trip_idx_t{t}));
  EXPECT_EQ(ids, (std::vector<std::string>{"M1F#1", "M1F#2", "M1F#3", "M1A", "M1X"}));
  // M1F#2 = template (06:00, 06:04/06:05, 06:08, 06:11) shifted by +20 min.
  auto const m1f2 = tt.trip_times(r0, 1);
  EXPECT_EQ(m1f2[0].dep, hms(6, 20));
  EXPECT_EQ(m1f2[1].arr, hms(6, 24));
  EXPECT_EQ(m1f2[1].dep, hms(6, 25));
  EXPECT_EQ(m1f2[3].arr, hms(6, 31));
  // M1A: DEB has no time; interpolated halfway between BRS dep 08:05 and ROG arr 08:11 -> 08:08.
  auto const m1a = tt.trip_times(r0, 3);
  EXPECT_EQ(m1a[1].arr, hms(8, 4));
  EXPECT_EQ(m1a[2].arr, hms(8, 8));
  EXPECT_EQ(m1a[2].dep, hms(8, 8));
  EXPECT_EQ(m1a[3].arr, hms(8, 11));

  // Route 1 (night bus): N2 23:20 before N1 23:50; N1 reaches ROG at 24:05:00 and GDM1 at 25:10:00.
  auto const trips1 = tt.route_trips(r1);
  ASSERT_EQ(trips1.size(), 2u);
  EXPECT_EQ(tt.trip_id(trip_idx_t{trips1[0]}), "N2");
  EXPECT_EQ(tt.trip_id(trip_idx_t{trips1[1]}), "N1");
  auto const n1 = tt.trip_times(r1, 1);
  EXPECT_EQ(n1[0].dep, hms(23, 50));
  EXPECT_EQ(n1[1].arr, 86400 + hms(0, 5));
  EXPECT_EQ(n1[2].arr, 86400 + hms(1, 10));
  // Single-digit hour "6:00:00" in the frequency template parsed as 06:00 (checked above via M1F#1).
  EXPECT_EQ(tt.trip_times(r0, 0)[0].dep, hms(6, 0));

  // Line and agency time zone.
  EXPECT_EQ(tt.line_ids_[tt.route_line_[0]], "M1");
  EXPECT_EQ(tt.agency_timezone(tt.line_info_[tt.route_line_[0]].agency), "Europe/Brussels");
  EXPECT_EQ(tt.line_info_[tt.route_line_[1]].route_type, 3);
}

TEST(MiniFeed, ServiceDaysAreSharedBitsets) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed);
  auto tt_r = build_timetable(*feed);
  ASSERT_TRUE(tt_r);
  auto const& tt = *tt_r;
  // Day range: Mon 2024-12-09 .. Wed 2024-12-25 = 17 days, one 64-bit word.
  EXPECT_EQ(tt.first_day_, days_from_yyyymmdd(20241209));
  EXPECT_EQ(tt.n_days_, 17);
  EXPECT_EQ(tt.n_words_, 1);
  // WK (Mon-Fri Dec 9-20 without Wed Dec 11) and SCHOOL (same days, written separately) share one bitset;
  // WE (Sat/Sun Dec 14-22 + Wed Dec 25) and XMAS (calendar_dates only: Dec 25) have their own: 3 in all.
  EXPECT_EQ(tt.n_services(), 3u);
  auto const day = [](std::uint32_t ymd) { return days_from_yyyymmdd(ymd); };
  auto const r0 = route_idx_t{0};
  auto const wk = tt.trip_service(trip_idx_t{tt.route_trips(r0)[3]});    // M1A
  auto const xmas = tt.trip_service(trip_idx_t{tt.route_trips(r0)[4]});  // M1X
  auto const we = tt.trip_service(trip_idx_t{tt.route_trips(route_idx_t{1})[1]});      // N1
  auto const school = tt.trip_service(trip_idx_t{tt.route_trips(route_idx_t{1})[0]});  // N2
  EXPECT_EQ(wk, school);
  EXPECT_NE(wk, we);
  EXPECT_NE(we, xmas);
  // WK: Dec 9,10,12,13,16..20 = 9 days.
  std::vector<std::uint32_t> wk_days, we_days, xmas_days;
  for (std::uint32_t d = 20241201; d <= 20241231; ++d) {
    if (tt.service_active(wk, day(d))) wk_days.push_back(d);
    if (tt.service_active(we, day(d))) we_days.push_back(d);
    if (tt.service_active(xmas, day(d))) xmas_days.push_back(d);
  }
  EXPECT_EQ(wk_days, (std::vector<std::uint32_t>{20241209, 20241210, 20241212, 20241213, 20241216, 20241217,
                                                 20241218, 20241219, 20241220}));
  EXPECT_EQ(we_days, (std::vector<std::uint32_t>{20241214, 20241215, 20241221, 20241222, 20241225}));
  EXPECT_EQ(xmas_days, (std::vector<std::uint32_t>{20241225}));
  // The three frequency instances share M1F's service.
  EXPECT_EQ(tt.trip_service(trip_idx_t{tt.route_trips(r0)[0]}), wk);
}

TEST(MiniFeed, StopsTranslationsParentsTransfers) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed);
  auto tt_r = build_timetable(*feed);
  ASSERT_TRUE(tt_r);
  auto const& tt = *tt_r;
  auto const gdm = stop(tt, "GDM"), gdm1 = stop(tt, "GDM1"), brs = stop(tt, "BRS"), deb = stop(tt, "DEB"),
             rog = stop(tt, "ROG"), nord = stop(tt, "NORD");
  // Parent station and location types.
  EXPECT_EQ(tt.stop_location_type(gdm), location_type::station);
  EXPECT_EQ(tt.stop_location_type(gdm1), location_type::stop);
  EXPECT_EQ(tt.stop_parent(gdm1), gdm);
  EXPECT_FALSE(tt.stop_parent(brs).valid());
  EXPECT_DOUBLE_EQ(tt.stop_pos(brs).lat, 50.8481);
  EXPECT_DOUBLE_EQ(tt.stop_pos(brs).lon, 4.3497);
  // Quoted name with a comma, from a file with a BOM.
  EXPECT_EQ(tt.stop_name(nord), "Gare du Nord, quai 1");
  // translations.txt: GDM1 by record_id in nl and en; Bourse by field_value in nl and fr.
  EXPECT_EQ(tt.stop_name(gdm1), "Gare du Midi");
  EXPECT_EQ(tt.stop_name(gdm1, "nl"), "Zuidstation");
  EXPECT_EQ(tt.stop_name(gdm1, "en"), "Brussels-South");
  EXPECT_EQ(tt.stop_name(gdm1, "fr"), "Gare du Midi");  // no fr row: the stops.txt name
  EXPECT_EQ(tt.stop_name(gdm, "nl"), "Zuidstation");
  EXPECT_EQ(tt.stop_name(brs, "nl"), "Beurs");
  EXPECT_EQ(tt.stop_name(brs, "fr"), "Bourse");
  EXPECT_EQ(tt.stop_name(deb, "nl"), "De Brouck\xC3\xA8re");  // untranslated
  EXPECT_EQ(tt.stop_name(deb, "de"), "De Brouck\xC3\xA8re");  // unknown language
  EXPECT_EQ(tt.n_languages(), 3u);
  // stop -> routes: GDM1 and ROG are on both routes, BRS only on M1, NORD only on N, GDM (station) none.
  EXPECT_EQ(std::vector<std::uint32_t>(tt.stop_routes(gdm1).begin(), tt.stop_routes(gdm1).end()),
            (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(std::vector<std::uint32_t>(tt.stop_routes(rog).begin(), tt.stop_routes(rog).end()),
            (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(tt.stop_routes(brs).size(), 1u);
  EXPECT_EQ(tt.stop_routes(nord).size(), 1u);
  EXPECT_EQ(tt.stop_routes(gdm).size(), 0u);
  // Transfers sorted by from-stop index: GDM1->GDM1 180 s, ROG->NORD 300 s.
  auto const tr = tt.transfers();
  ASSERT_EQ(tr.size(), 2u);
  EXPECT_EQ(tr[0].from, gdm1);
  EXPECT_EQ(tr[0].to, gdm1);
  EXPECT_EQ(tr[0].min_seconds, 180);
  EXPECT_EQ(tr[0].type, transfer_type::min_time);
  EXPECT_EQ(tr[1].from, rog);
  EXPECT_EQ(tr[1].to, nord);
  EXPECT_EQ(tr[1].min_seconds, 300);
}

// Row problems in an otherwise valid feed: each reported with file, line, field; the row skipped or fixed.
TEST(MiniFeed, RowProblemsReportedAndSkippedOrFixed) {
  auto files = mini_feed_files();
  for (auto& [name, content] : files) {
    if (name == "stop_times.txt")
      content +=
          "N2,24:50:00,24:50:00,BRS,4\r\n"    // line 20: fine (after GDM1 24:40)
          "N2,24:45:00,24:45:00,DEB,5\r\n"    // line 21: before the previous departure -> skipped
          "N2,170:00:00,,ROG,6\r\n"           // line 22: beyond 168 h -> invalid_time, then untimed last stop
          "N2,25:00:00,25:00:00,NORD,6\r\n";  // line 23: stop_sequence 6 again -> skipped
    if (name == "frequencies.txt") content += "M1A,10:00:00,16:00:00,1\n";  // line 3: 21,600 trips -> refused
    if (name == "calendar.txt") content += "BAD,1,1,1,1,1,0,0,20241301,20241222\n";  // line 5: month 13
    if (name == "agency.txt") content.replace(content.find("Europe/Brussels"), 15, "Europe/Bruxelles");  // no such zone
  }
  auto feed = load_gtfs_files(files);
  ASSERT_TRUE(feed);
  auto const has = [&](std::string_view code, std::string_view file, std::uint32_t line, std::string_view field) {
    return std::any_of(feed->report.problems().begin(), feed->report.problems().end(), [&](problem const& p) {
      return p.code == code && p.file == file && p.line == line && p.field == field;
    });
  };
  EXPECT_TRUE(has("times_backwards", "stop_times.txt", 21, "arrival_time")) << feed->report.to_text();
  EXPECT_TRUE(has("invalid_time", "stop_times.txt", 22, "arrival_time")) << feed->report.to_text();
  EXPECT_TRUE(has("duplicate_stop_sequence", "stop_times.txt", 23, "stop_sequence")) << feed->report.to_text();
  EXPECT_TRUE(has("missing_endpoint_time", "stop_times.txt", 22, "arrival_time")) << feed->report.to_text();
  EXPECT_TRUE(has("invalid_value", "frequencies.txt", 3, "headway_secs")) << feed->report.to_text();
  EXPECT_TRUE(has("invalid_date", "calendar.txt", 5, "start_date")) << feed->report.to_text();
  EXPECT_TRUE(has("invalid_timezone", "agency.txt", 2, "agency_timezone")) << feed->report.to_text();
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt);
  // N2 keeps NORD, ROG, GDM1 and the new BRS stop (24:50): a new 4-stop pattern, so a third route; M1A
  // is not expanded by the refused frequency row.
  EXPECT_EQ(tt->n_trips(), 7u);
  EXPECT_EQ(tt->n_routes(), 3u);
}

TEST(MiniFeed, TwoFeedsMergeWithNamespacedIds) {
  std::vector<io::feed_source> sources;
  sources.push_back(io::feed_source::from_files(mini_feed_files(), "stib"));
  sources.push_back(io::feed_source::from_files(mini_feed_files(), "sncb"));
  auto feed = load_gtfs_sources(sources, {"stib", "sncb"});
  ASSERT_TRUE(feed) << feed.error().to_string();
  EXPECT_EQ(feed->counts.stops, 12u);
  EXPECT_EQ(feed->counts.trips, 10u);
  EXPECT_EQ(feed->report.count(severity::error), 0u) << feed->report.to_text();
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->n_stops(), 12u);
  EXPECT_EQ(tt->n_trips(), 14u);
  // Same stop patterns but different GTFS routes (stib:M1 vs sncb:M1): 4 routes.
  EXPECT_EQ(tt->n_routes(), 4u);
  ASSERT_TRUE(tt->find_stop("stib:GDM1"));
  ASSERT_TRUE(tt->find_stop("sncb:GDM1"));
  EXPECT_FALSE(tt->find_stop("GDM1"));
  auto const s = *tt->find_stop("sncb:GDM1");
  EXPECT_EQ(tt->stop_name(s, "nl"), "Zuidstation");
  EXPECT_EQ(tt->stop_parent(s), *tt->find_stop("sncb:GDM"));
  EXPECT_EQ(tt->trip_id(trip_idx_t{tt->route_trips(route_idx_t{2})[3]}), "sncb:M1A");
  // The same prefix twice: the second feed's ids get "stib-2", reported as a warning.
  {
    std::vector<io::feed_source> same;
    same.push_back(io::feed_source::from_files(mini_feed_files(), "a"));
    same.push_back(io::feed_source::from_files(mini_feed_files(), "b"));
    auto f = load_gtfs_sources(same, {"stib", "stib"});
    ASSERT_TRUE(f);
    EXPECT_EQ(f->report.count("duplicate_feed_prefix"), 1u);
    auto t = build_timetable(*f);
    ASSERT_TRUE(t);
    EXPECT_TRUE(t->find_stop("stib:GDM1"));
    EXPECT_TRUE(t->find_stop("stib-2:GDM1"));
  }
  // Problems name the feed: a dangling stop in the second feed is reported as "sncb/stop_times.txt".
  auto files = mini_feed_files();
  for (auto& [name, content] : files)
    if (name == "stop_times.txt") content += "N2,23:50:00,23:50:00,NOWHERE,4\r\n";
  std::vector<io::feed_source> bad;
  bad.push_back(io::feed_source::from_files(mini_feed_files(), "stib"));
  bad.push_back(io::feed_source::from_files(files, "sncb"));
  auto feed2 = load_gtfs_sources(bad, {"stib", "sncb"});
  ASSERT_TRUE(feed2);
  ASSERT_EQ(feed2->report.count("dangling_stop_id"), 1u);
  auto const it = std::find_if(feed2->report.problems().begin(), feed2->report.problems().end(),
                               [](problem const& p) { return p.code == "dangling_stop_id"; });
  EXPECT_EQ(it->file, "sncb/stop_times.txt");
  EXPECT_EQ(it->line, 20u);  // header + 18 rows + this row
  EXPECT_EQ(it->field, "stop_id");
}

TEST(MiniFeed, AFeedWithoutStopsIsNotBuilt) {
  // A file that is not a zip, and a folder (here: in-memory files) without stops.txt: load_gtfs reports them
  // (validation goes on), build_timetable refuses them naming the feed instead of writing a 0-stop timetable.
  auto const junk = std::filesystem::temp_directory_path() / "kw_not_a_feed.zip";
  { std::ofstream(junk) << "hello"; }
  auto loaded = load_gtfs(junk);
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  EXPECT_EQ(loaded->report.count("invalid_archive"), 1u);
  auto tt = build_timetable(*loaded);
  ASSERT_FALSE(tt);
  EXPECT_EQ(tt.error().code, errc::invalid_format);
  EXPECT_EQ(tt.error().file, junk.string());
  std::filesystem::remove(junk);

  auto files = mini_feed_files();
  std::erase_if(files, [](auto const& f) { return f.first == "stops.txt"; });
  std::vector<io::feed_source> two;
  two.push_back(io::feed_source::from_files(mini_feed_files(), "stib"));
  two.push_back(io::feed_source::from_files(files, "nostops"));
  auto f = load_gtfs_sources(two, {"stib", "x"});
  ASSERT_TRUE(f);
  EXPECT_EQ(f->counts.stops, 6u);  // the first feed's
  auto t = build_timetable(*f);
  ASSERT_FALSE(t);  // the second feed's trips would be lost silently
  EXPECT_EQ(t.error().code, errc::invalid_format);
  EXPECT_NE(t.error().message.find("stops.txt"), std::string::npos);
  // The mini feed alone builds (6 stops).
  auto ok = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(ok);
  auto built = build_timetable(*ok);
  ASSERT_TRUE(built);
  EXPECT_EQ(built->n_stops(), 6u);
}

}  // namespace
}  // namespace kwartier::transit
