// The timetable dataset (.kwt): round trip, and corrupt files refused with corrupt_dataset.
#include <gtest/gtest.h>

#include <filesystem>

#include "kwartier/transit/gtfs.h"
#include "transit/mini_feed.h"

namespace kwartier::transit {
namespace {

timetable mini_timetable() {
  auto feed = load_gtfs_files(mini_feed_files());
  EXPECT_TRUE(feed);
  auto tt = build_timetable(*feed);
  EXPECT_TRUE(tt);
  return std::move(*tt);
}

template <class A, class B>
void expect_same(A const& a, B const& b) {
  ASSERT_EQ(a.n_stops(), b.n_stops());
  ASSERT_EQ(a.n_routes(), b.n_routes());
  ASSERT_EQ(a.n_trips(), b.n_trips());
  ASSERT_EQ(a.n_stop_times(), b.n_stop_times());
  ASSERT_EQ(a.n_services(), b.n_services());
  EXPECT_EQ(a.first_day_, b.first_day_);
  EXPECT_EQ(a.n_days_, b.n_days_);
  for (std::uint32_t s = 0; s < a.n_stops(); ++s) {
    stop_idx_t const i{s};
    EXPECT_EQ(a.stop_id(i), b.stop_id(i));
    EXPECT_EQ(a.stop_name(i, "nl"), b.stop_name(i, "nl"));
    EXPECT_EQ(a.stop_pos(i).lat, b.stop_pos(i).lat);
    EXPECT_EQ(a.stop_parent(i), b.stop_parent(i));
    EXPECT_TRUE(std::ranges::equal(a.stop_routes(i), b.stop_routes(i)));
  }
  for (std::uint32_t r = 0; r < a.n_routes(); ++r) {
    route_idx_t const i{r};
    EXPECT_TRUE(std::ranges::equal(a.route_stops(i), b.route_stops(i)));
    EXPECT_TRUE(std::ranges::equal(a.route_trips(i), b.route_trips(i)));
    for (std::size_t k = 0; k < a.route_trips(i).size(); ++k)
      for (std::size_t s = 0; s < a.route_stops(i).size(); ++s) {
        EXPECT_EQ(a.trip_times(i, k)[s].arr, b.trip_times(i, k)[s].arr);
        EXPECT_EQ(a.trip_times(i, k)[s].dep, b.trip_times(i, k)[s].dep);
      }
  }
  for (std::uint32_t t = 0; t < a.n_trips(); ++t) {
    EXPECT_EQ(a.trip_id(trip_idx_t{t}), b.trip_id(trip_idx_t{t}));
    for (std::int32_t d = a.first_day_ - 1; d <= a.first_day_ + a.n_days_; ++d)
      EXPECT_EQ(a.service_active(a.trip_service(trip_idx_t{t}), d), b.service_active(b.trip_service(trip_idx_t{t}), d));
  }
  ASSERT_EQ(a.transfers().size(), b.transfers().size());
  for (std::size_t i = 0; i < a.transfers().size(); ++i) EXPECT_EQ(a.transfers()[i].min_seconds, b.transfers()[i].min_seconds);
  EXPECT_EQ(a.agency_timezone(agency_idx_t{0}), b.agency_timezone(agency_idx_t{0}));
}

TEST(Timetable, ViewOfOwnedMatches) {
  auto const tt = mini_timetable();
  expect_same(tt, view_of(tt));
}

TEST(Timetable, FileRoundTrip) {
  auto const tt = mini_timetable();
  auto const path = std::filesystem::temp_directory_path() / "kwartier_transit_test.kwt";
  ASSERT_TRUE(save_timetable(tt, path));
  auto v = open_timetable(path);
  ASSERT_TRUE(v) << v.error().to_string();
  expect_same(tt, *v);
  std::filesystem::remove(path);
}

TEST(Timetable, EmbeddedInAnotherKind) {
  // Another dataset kind (the network file) embeds the timetable sections next to its own.
  static std::string const schema = std::string("other.v1:Xabc:u32;") + std::string(kTimetableSchema);
  dataset_kind const kind{fourcc("KWOT"), schema};
  auto const tt = mini_timetable();
  dataset_writer w{kind};
  std::vector<std::uint32_t> const own{1, 2, 3};
  w.add(fourcc("Xabc"), own);
  add_sections(tt, w);
  auto f = dataset_file::from_bytes(w.to_bytes(), kind);
  ASSERT_TRUE(f);
  auto v = read_sections(*f);
  ASSERT_TRUE(v) << v.error().to_string();
  expect_same(tt, *v);
}

TEST(Timetable, TruncatedAndBitFlippedFilesAreCorrupt) {
  auto const tt = mini_timetable();
  dataset_writer w{timetable_kind()};
  add_sections(tt, w);
  auto const bytes = w.to_bytes();
  for (std::size_t n : {std::size_t{0}, std::size_t{10}, std::size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    auto f = dataset_file::from_bytes(bytes.substr(0, n), timetable_kind());
    ASSERT_FALSE(f) << n;
    EXPECT_EQ(f.error().code, errc::corrupt_dataset) << n;
  }
  // Flip one bit in every 97th byte after the header (magic/version/kind flips are "incompatible").
  for (std::size_t i = sizeof(dataset_header); i < bytes.size(); i += 97) {
    auto b = bytes;
    b[i] = static_cast<char>(b[i] ^ 0x10);
    auto f = dataset_file::from_bytes(b, timetable_kind());
    if (f) {
      auto v = read_sections(*f);
      ASSERT_FALSE(v) << "flip at " << i;
      EXPECT_EQ(v.error().code, errc::corrupt_dataset);
    } else {
      EXPECT_EQ(f.error().code, errc::corrupt_dataset) << "flip at " << i;
    }
  }
}

TEST(Timetable, InconsistentSectionsAreCorruptEvenWithAValidChecksum) {
  auto const tt = mini_timetable();
  auto const refuse = [](timetable const& bad, char const* what) {
    dataset_writer w{timetable_kind()};
    add_sections(bad, w);
    auto f = dataset_file::from_bytes(w.to_bytes(), timetable_kind());
    ASSERT_TRUE(f) << what;  // the checksum is right: the content is wrong
    auto v = read_sections(*f);
    ASSERT_FALSE(v) << what;
    EXPECT_EQ(v.error().code, errc::corrupt_dataset) << what;
  };
  { auto b = tt; b.route_stops_[0] = 999; refuse(b, "route stop out of range"); }
  { auto b = tt; b.route_trips_offsets_[1] = 99; refuse(b, "route trip offsets"); }
  { auto b = tt; b.stop_times_.pop_back(); refuse(b, "stop time count"); }
  { auto b = tt; b.trip_service_[0] = 7; refuse(b, "service out of range"); }
  { auto b = tt; b.stop_parent_[0] = 6; refuse(b, "parent out of range"); }
  { auto b = tt; b.stop_routes_[0] = 2; refuse(b, "stop route out of range"); }
  { auto b = tt; b.transfers_[0].to = stop_idx_t{6}; refuse(b, "transfer out of range"); }
  { auto b = tt; b.stop_ids_.offsets[2] = 1000; refuse(b, "string offsets"); }
  { auto b = tt; b.n_words_ = 2; refuse(b, "word count"); }
  { auto b = tt; b.stop_location_type_[0] = 9; refuse(b, "location type"); }
  { auto b = tt; b.stop_times_[0].arr = -5; refuse(b, "negative time"); }
  { auto b = tt; b.stop_times_[0].dep = 1 << 23; refuse(b, "time too large"); }
  { auto b = tt; b.stop_times_[1] = stop_time{0, 0}; refuse(b, "times go backwards along a trip"); }
}

TEST(Timetable, WidestCalendarRangeRoundTrips) {
  // The widest range the loader accepts (1900-01-01 .. 2200-12-31) still makes a valid file.
  auto files = mini_feed_files();
  for (auto& [name, content] : files)
    if (name == "calendar.txt") content += "ALL,1,1,1,1,1,1,1,19000101,22001231\n";
    else if (name == "trips.txt") content += "ALLT,always,ALL,M1\n";
    else if (name == "stop_times.txt") content += "ALLT,10:00:00,10:00:00,GDM1,1\r\nALLT,10:10:00,10:10:00,ROG,2\r\n";
  auto feed = load_gtfs_files(files);
  ASSERT_TRUE(feed);
  auto tt = build_timetable(*feed);
  ASSERT_TRUE(tt);
  EXPECT_EQ(tt->first_day_, days_from_yyyymmdd(19000101));
  EXPECT_EQ(tt->n_days_, days_from_yyyymmdd(22001231) - days_from_yyyymmdd(19000101) + 1);
  dataset_writer w{timetable_kind()};
  add_sections(*tt, w);
  auto f = dataset_file::from_bytes(w.to_bytes(), timetable_kind());
  ASSERT_TRUE(f);
  auto v = read_sections(*f);
  ASSERT_TRUE(v) << v.error().to_string();
  EXPECT_EQ(v->n_days_, tt->n_days_);
}

TEST(Timetable, ForeignKindIsIncompatible) {
  auto const tt = mini_timetable();
  dataset_writer w{dataset_kind{fourcc("KWXX"), "x"}};
  add_sections(tt, w);
  auto f = dataset_file::from_bytes(w.to_bytes(), timetable_kind());
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, errc::incompatible_dataset);
}

}  // namespace
}  // namespace kwartier::transit
