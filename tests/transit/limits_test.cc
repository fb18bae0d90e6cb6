// Resource caps of load_gtfs: zip bombs (load_options::zip) and frequency expansion
// (load_options::max_frequency_trips), with the numbers worked out in the comments.
#include <gtest/gtest.h>

#include <filesystem>

#include "io/zip_bomb.h"
#include "kwartier/transit/gtfs.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

namespace fs = std::filesystem;
using kwartier::testing::generated_entry;
using kwartier::testing::peak_rss_bytes;
using kwartier::testing::write_generated_zip;

// The mini feed as a zip, with stop_times.txt replaced by `stop_times` when given.
fs::path mini_zip(std::string const& name, std::vector<generated_entry> big = {}) {
  auto files = mini_feed_files();
  if (!big.empty())
    std::erase_if(files, [&](auto const& f) {
      return std::any_of(big.begin(), big.end(), [&](generated_entry const& e) { return e.name == f.first; });
    });
  auto const p = fs::temp_directory_path() / name;
  EXPECT_TRUE(write_generated_zip(p, big, files));
  return p;
}

TEST(Limits, ZipBombInAFeedIsRefusedNamingTheEntry) {
  // stop_times.txt: the header and 6 M copies of one row (144 MB) deflated about 1000:1.
  std::string const head = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
  std::string const row = "M1A,08:00:00,08:00:00,GDM1,1\n";
  auto const p = mini_zip("kw_gtfs_bomb.zip", {generated_entry{"stop_times.txt", head, row, head.size() + 6'000'000 * row.size()}});
  auto const rss0 = peak_rss_bytes();
  auto const f = load_gtfs(p);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, errc::invalid_format);
  EXPECT_EQ(f.error().file, "kw_gtfs_bomb.zip/stop_times.txt");
  EXPECT_NE(f.error().message.find("zip bomb"), std::string::npos) << f.error().message;
  EXPECT_LT(peak_rss_bytes() - rss0, std::uint64_t{16} << 20);  // refused before inflating
  fs::remove(p);
}

TEST(Limits, SmallTotalCapOption) {
  // The mini feed inflates to about 2 KB; with a 1,000-byte cap some entry read after the first
  // kilobyte is refused, and load_gtfs fails naming it.
  auto const p = mini_zip("kw_gtfs_small_cap.zip");
  load_options opt;
  opt.zip.max_inflated_bytes = 1000;
  auto const f = load_gtfs(p, opt);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, errc::invalid_format);
  EXPECT_TRUE(f.error().file.starts_with("kw_gtfs_small_cap.zip/")) << f.error().file;
  EXPECT_NE(f.error().message.find("max_inflated_bytes"), std::string::npos) << f.error().message;
  EXPECT_TRUE(load_gtfs(p));  // the default caps take it
  fs::remove(p);
}

// frequencies.txt with `rows` rows for M1A (4 stop times), each 00:00:00-01:23:20 every second: 5,000 s /
// 1 s = 5,000 trips per row (the per-row cap is "more than 5,000").
std::vector<std::pair<std::string, std::string>> frequency_feed(int rows) {
  auto files = mini_feed_files();
  for (auto& [name, content] : files)
    if (name == "frequencies.txt") {
      content = "trip_id,start_time,end_time,headway_secs\n";
      for (int i = 0; i < rows; ++i) content += "M1A,00:00:00,01:23:20,1\n";
    }
  return files;
}

TEST(Limits, FrequencyTotalCapWarnsAtHalfAndFailsPastIt) {
  // 2,000 rows x 5,000 = 10 M trips. Default cap 500,000: after row k the total is 5,000 k; over half
  // (250,000) first at k = 51 (file line 52), over the cap at k = 101 (line 102).
  auto const f = load_gtfs_files(frequency_feed(2000));
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, errc::limit_exceeded);
  EXPECT_EQ(f.error().file, "frequencies.txt");
  EXPECT_EQ(f.error().line, 102u);
  EXPECT_EQ(f.error().field, "headway_secs");
  EXPECT_NE(f.error().message.find("max_frequency_trips"), std::string::npos);
  // A configured cap of 20,000: warning at k = 3 (line 4), error at k = 5 (line 6); 4 rows load.
  load_options opt;
  opt.max_frequency_trips = 20'000;
  auto const four = load_gtfs_files(frequency_feed(4), opt);
  ASSERT_TRUE(four) << four.error().to_string();
  ASSERT_EQ(four->report.count("frequency_trips_high"), 1u);
  auto const& w = *std::find_if(four->report.problems().begin(), four->report.problems().end(),
                                [](problem const& p) { return p.code == "frequency_trips_high"; });
  EXPECT_EQ(w.severity, severity::warning);
  EXPECT_EQ(w.file, "frequencies.txt");
  EXPECT_EQ(w.line, 4u);
  EXPECT_EQ(w.field, "headway_secs");
  auto const tt = build_timetable(*four);
  ASSERT_TRUE(tt);
  // 4 x 5,000 instances of M1A, plus M1F (no frequency row left: a plain trip), N1, M1X, N2.
  EXPECT_EQ(tt->n_trips(), 20'000u + 4u);
  auto const five = load_gtfs_files(frequency_feed(5), opt);
  ASSERT_FALSE(five);
  EXPECT_EQ(five.error().code, errc::limit_exceeded);
  EXPECT_EQ(five.error().line, 6u);
  // The mini feed itself (3 frequency trips) is far below: no warning.
  auto const mini = load_gtfs_files(mini_feed_files());
  ASSERT_TRUE(mini);
  EXPECT_EQ(mini->report.count("frequency_trips_high"), 0u);
}

}  // namespace
}  // namespace kwartier::transit
