// Local dates and times (include/kwartier/transit/local_time.h) worked out by hand from the EU clock rules:
// Europe/Brussels is UTC+1 (CET) in winter and UTC+2 (CEST) from the last Sunday of March 01:00 UTC to
// the last Sunday of October 01:00 UTC. In 2024: clocks jump 02:00 -> 03:00 on Sunday 2024-03-31 and fall
// back 03:00 -> 02:00 on Sunday 2024-10-27.
#include <gtest/gtest.h>

#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/local_time.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

constexpr std::int32_t hms(int h, int m, int s = 0) { return h * 3600 + m * 60 + s; }
std::int32_t day(std::uint32_t ymd) { return days_from_yyyymmdd(ymd); }
// Unix seconds of a UTC date and time.
std::int64_t utc(std::uint32_t ymd, int h, int m) { return std::int64_t{day(ymd)} * 86400 + hms(h, m); }

time_zone brussels() {
  auto z = time_zone::find("Europe/Brussels");
  EXPECT_TRUE(z) << z.error().to_string();
  return *z;
}

TEST(LocalTime, ZonesFromTheTzDatabase) {
  EXPECT_TRUE(valid_time_zone("Europe/Brussels"));
  EXPECT_TRUE(valid_time_zone("America/New_York"));
  EXPECT_TRUE(valid_time_zone("UTC"));
  EXPECT_FALSE(valid_time_zone("Europe/Bruxelles"));
  EXPECT_FALSE(valid_time_zone(""));
  EXPECT_FALSE(valid_time_zone("../../etc/passwd"));
  auto const bad = time_zone::find("Mars/Olympus");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::not_found);
  EXPECT_NE(bad.error().message.find("Mars/Olympus"), std::string::npos);
  EXPECT_EQ(brussels().name(), "Europe/Brussels");
}

TEST(LocalTime, ParseDateAndTime) {
  EXPECT_EQ(*parse_date("2024-12-09"), day(20241209));
  EXPECT_EQ(*parse_time_of_day("08:05"), hms(8, 5));
  EXPECT_EQ(*parse_time_of_day("23:59:59"), hms(23, 59, 59));
  EXPECT_EQ(*parse_local_date_time("2024-02-29", "00:00"), (local_date_time{day(20240229), 0}));
  for (auto const* d : {"2023-02-29", "2024-13-01", "2024-00-10", "2024/12/09", "20241209", "", "2024-12-9"}) {
    auto const r = parse_date(d);
    ASSERT_FALSE(r) << d;
    EXPECT_EQ(r.error().code, errc::invalid_argument);
    EXPECT_EQ(r.error().field, "date");
  }
  for (auto const* t : {"24:00", "8:05", "08:60", "08:05:60", "08-05", "", "08:05:"}) {
    auto const r = parse_time_of_day(t);
    ASSERT_FALSE(r) << t;
    EXPECT_EQ(r.error().field, "time");
  }
  EXPECT_EQ(format_date(day(20191007)), "2019-10-07");
}

TEST(LocalTime, OrdinaryDay) {
  auto const z = brussels();
  // Monday 2024-12-09 08:05 CET: service day 2024-12-09, reference = local midnight, 29,100 s.
  auto const st = z.to_service_time({day(20241209), hms(8, 5)});
  EXPECT_EQ(st, (service_time{day(20241209), hms(8, 5)}));
  EXPECT_EQ(z.to_unix(st), utc(20241209, 7, 5));
  EXPECT_EQ(z.to_iso_local(st), "2024-12-09T08:05:00");
  EXPECT_EQ(z.to_iso_local(st, true), "2024-12-09T08:05:00+01:00");
  // A trip past midnight: 25:10:00 on service day 12-09 is 01:10 on the 10th.
  EXPECT_EQ(z.to_iso_local({day(20241209), hms(25, 10)}), "2024-12-10T01:10:00");
  // Yesterday's service day sees the same instant 24 h later.
  EXPECT_EQ(z.rebase(st, day(20241208)), (service_time{day(20241208), 86400 + hms(8, 5)}));
  EXPECT_EQ(z.from_unix(utc(20241209, 7, 5)), st);
  // Summer: 2024-07-01 08:05 CEST = 06:05 UTC.
  auto const summer = z.to_service_time({day(20240701), hms(8, 5)});
  EXPECT_EQ(summer.seconds, hms(8, 5));
  EXPECT_EQ(z.to_unix(summer), utc(20240701, 6, 5));
  EXPECT_EQ(z.to_iso_local(summer, true), "2024-07-01T08:05:00+02:00");
}

TEST(LocalTime, SpringForward) {
  auto const z = brussels();
  auto const d = day(20240331);
  // Reference of 03-31 = noon CEST (10:00 UTC) - 12 h = 03-30 22:00 UTC = 23:00 CET on the 30th.
  // 08:00 CEST = 06:00 UTC = reference + 8 h: GTFS "08:00:00" is 08:00 on the wall clock.
  auto const eight = z.to_service_time({d, hms(8, 0)});
  EXPECT_EQ(eight.seconds, hms(8, 0));
  EXPECT_EQ(z.to_unix(eight), utc(20240331, 6, 0));
  // 01:30 CET (before the jump) = 00:30 UTC = reference + 2.5 h.
  EXPECT_EQ(z.to_service_time({d, hms(1, 30)}).seconds, hms(2, 30));
  EXPECT_EQ(z.to_iso_local({d, hms(2, 30)}), "2024-03-31T01:30:00");
  // 02:30 does not exist: the moment the clocks jump, 03:00 CEST = 01:00 UTC = reference + 3 h.
  EXPECT_EQ(z.to_service_time({d, hms(2, 30)}).seconds, hms(3, 0));
  // The previous service day is 23 h shorter between their references: 82,800 + 8 h.
  EXPECT_EQ(z.rebase(eight, d - 1).seconds, 86400 + hms(8, 0) - 3600);
  EXPECT_EQ(z.rebase(z.rebase(eight, d - 1), d), eight);
}

TEST(LocalTime, FallBack) {
  auto const z = brussels();
  auto const d = day(20241027);
  // Reference of 10-27 = noon CET (11:00 UTC) - 12 h = 10-26 23:00 UTC = 01:00 CEST on the 27th.
  // 08:00 CET = 07:00 UTC = reference + 8 h.
  auto const eight = z.to_service_time({d, hms(8, 0)});
  EXPECT_EQ(eight.seconds, hms(8, 0));
  EXPECT_EQ(z.to_unix(eight), utc(20241027, 7, 0));
  // GTFS "00:30:00" on that day = 23:30 UTC on the 26th = 01:30 CEST on the wall clock.
  EXPECT_EQ(z.to_iso_local({d, hms(0, 30)}, true), "2024-10-27T01:30:00+02:00");
  // 02:30 happens twice: the first (CEST, 00:30 UTC) = reference + 1.5 h.
  EXPECT_EQ(z.to_service_time({d, hms(2, 30)}).seconds, hms(1, 30));
  // The previous service day is 25 h long: 90,000 + 8 h.
  EXPECT_EQ(z.rebase(eight, d - 1).seconds, 86400 + 3600 + hms(8, 0));
}

TEST(LocalTime, OtherZoneNewYork) {
  // America/New_York springs forward on Sunday 2024-03-10 at 02:00 EST (07:00 UTC) to EDT (UTC-4).
  auto const z = time_zone::find("America/New_York");
  ASSERT_TRUE(z);
  auto const st = z->to_service_time({day(20240310), hms(9, 0)});
  EXPECT_EQ(st.seconds, hms(9, 0));
  EXPECT_EQ(z->to_unix(st), utc(20240310, 13, 0));
  EXPECT_EQ(z->to_iso_local(st, true), "2024-03-10T09:00:00-04:00");
}

TEST(LocalTime, TimetableZoneAndServiceRange) {
  auto feed = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(feed);
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->timezone(), "Europe/Brussels");
  auto z = time_zone::of(*tt);
  ASSERT_TRUE(z);
  EXPECT_EQ(z->name(), "Europe/Brussels");
  // mini_feed.h: first service day Mon 2024-12-09, last Wed 2024-12-25.
  auto const range = service_days(*tt);
  EXPECT_EQ(range.first_day, day(20241209));
  EXPECT_EQ(range.last_day, day(20241225));
  EXPECT_TRUE(check_service_day(*tt, day(20241209)));
  EXPECT_TRUE(check_service_day(view_of(*tt), day(20241225)));
  auto const out = check_service_day(*tt, day(20241226));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, errc::out_of_range);
  EXPECT_EQ(out.error().field, "date");
  EXPECT_EQ(out.error().message, "date 2024-12-26 is outside the timetable's service dates 2024-12-09 .. 2024-12-25");
  EXPECT_FALSE(check_service_day(*tt, day(20241208)));
  // An empty timetable has no range and no zone.
  timetable empty;
  EXPECT_TRUE(service_days(empty).empty());
  EXPECT_FALSE(check_service_day(empty, day(20241209)));
  EXPECT_EQ(time_zone::of(empty).error().code, errc::not_found);
}

TEST(LocalTime, MergedFeedsInAnotherZoneAreReported) {
  // The second feed's agency is in America/New_York: its offset differs from the reference zone (the
  // first agency's, Europe/Brussels) on every service day: one timezone_differs warning naming its line.
  auto files = mini_feed_files();
  for (auto& [name, content] : files)
    if (name == "agency.txt") content.replace(content.find("Europe/Brussels"), 15, "America/New_York");
  std::vector<io::feed_source> sources;
  sources.push_back(io::feed_source::from_files(mini_feed_files(), "be"));
  sources.push_back(io::feed_source::from_files(files, "us"));
  auto feed = load_gtfs_sources(sources, {"be", "us"});
  ASSERT_TRUE(feed);
  ASSERT_EQ(feed->report.count("timezone_differs"), 1u) << feed->report.to_text();
  auto const& p = *std::find_if(feed->report.problems().begin(), feed->report.problems().end(),
                                [](problem const& x) { return x.code == "timezone_differs"; });
  EXPECT_EQ(p.file, "us/agency.txt");
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.field, "agency_timezone");
  // Europe/Paris has Brussels' offsets on every day: no warning.
  auto paris = mini_feed_files();
  for (auto& [name, content] : paris)
    if (name == "agency.txt") content.replace(content.find("Europe/Brussels"), 15, "Europe/Paris");
  std::vector<io::feed_source> same;
  same.push_back(io::feed_source::from_files(mini_feed_files(), "be"));
  same.push_back(io::feed_source::from_files(paris, "fr"));
  auto f2 = load_gtfs_sources(same, {"be", "fr"});
  ASSERT_TRUE(f2);
  EXPECT_EQ(f2->report.count("timezone_differs"), 0u);
  auto tt = build_timetable(*f2);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->timezone(), "Europe/Brussels");
}

}  // namespace
}  // namespace kwartier::transit
