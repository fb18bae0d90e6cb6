// Zip bombs (io::zip_limits): refused from the header's claims before inflating, and while inflating when
// the header lies; tables streamed through the CSV reader in bounded memory when the caps allow them.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "io/zip_bomb.h"
#include "kwartier/io/csv.h"
#include "kwartier/io/feed_source.h"

namespace kwartier::io {
namespace {

namespace fs = std::filesystem;
using kwartier::testing::generated_entry;
using kwartier::testing::peak_rss_bytes;
using kwartier::testing::write_generated_zip;

std::string const kHead = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
std::string const kRow = "T,08:00:00,08:00:00,S,1\n";  // 24 bytes

// stop_times.txt of `rows` rows (deflate packs this about 1000:1).
fs::path bomb(std::string const& name, std::uint64_t rows) {
  auto const p = fs::temp_directory_path() / name;
  EXPECT_TRUE(write_generated_zip(p, {generated_entry{"stop_times.txt", kHead, kRow, kHead.size() + rows * kRow.size()}},
                                  {{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,A,http://a,UTC\n"}}));
  return p;
}

TEST(ZipLimits, BombRefusedFromItsHeaderBeforeInflating) {
  // 6 M rows = 144 MB inflated from a few hundred KB: over 100:1, so stream() refuses it at once.
  auto const p = bomb("kw_zip_bomb_header.zip", 6'000'000);
  auto const size = fs::file_size(p);
  EXPECT_LT(size, 1'000'000u);
  auto const rss0 = peak_rss_bytes();
  auto src = feed_source::open(p);
  ASSERT_TRUE(src) << src.error().to_string();
  EXPECT_EQ(src->exceeded(), nullptr);
  EXPECT_TRUE(src->stream("agency.txt"));  // small entries stay readable
  auto s = src->stream("stop_times.txt");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, errc::invalid_format);
  EXPECT_EQ(s.error().file, "kw_zip_bomb_header.zip/stop_times.txt");
  EXPECT_NE(s.error().message.find("zip bomb"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("max_ratio"), std::string::npos) << s.error().message;
  ASSERT_NE(src->exceeded(), nullptr);
  EXPECT_EQ(src->exceeded()->file, s.error().file);
  EXPECT_FALSE(src->read("stop_times.txt"));
  EXPECT_LT(peak_rss_bytes() - rss0, std::uint64_t{16} << 20);
  fs::remove(p);
}

TEST(ZipLimits, AllowedBigEntryStreamsInBoundedMemory) {
  // With the caps raised, the 144 MB entry streams through the CSV reader: every row is read and the
  // process's peak RSS grows by far less than the entry (the old reader inflated it whole).
  auto const p = bomb("kw_zip_bomb_stream.zip", 6'000'000);
  auto src = feed_source::open(p, zip_limits{.max_inflated_bytes = std::uint64_t{1} << 30, .max_ratio = 5000});
  ASSERT_TRUE(src);
  auto const rss0 = peak_rss_bytes();
  auto in = src->stream("stop_times.txt");
  ASSERT_TRUE(in) << in.error().to_string();
  EXPECT_EQ((*in)->size_hint(), kHead.size() + 6'000'000u * kRow.size());
  auto csv = csv_reader::open(std::move(*in), "stop_times.txt");
  ASSERT_EQ(csv.issue(), csv_issue::none);
  std::uint64_t rows = 0;
  int const stop = csv.column("stop_id");
  while (csv.next()) rows += csv.field(stop) == "S" ? 1 : 0;
  EXPECT_EQ(csv.issue(), csv_issue::none) << csv.failure().to_string();
  EXPECT_EQ(rows, 6'000'000u);
  EXPECT_LT(peak_rss_bytes() - rss0, std::uint64_t{32} << 20);
  fs::remove(p);
}

TEST(ZipLimits, TotalCapAcrossEntries) {
  // Two entries of 6 MB each under a 10 MB total cap: the first streams, the second is refused.
  auto const p = fs::temp_directory_path() / "kw_zip_total.zip";
  std::uint64_t const mb6 = 6u << 20;
  ASSERT_TRUE(write_generated_zip(p, {generated_entry{"a.txt", "x\n", "1\n", mb6}, generated_entry{"b.txt", "x\n", "1\n", mb6}}, {}));
  auto src = feed_source::open(p, zip_limits{.max_inflated_bytes = 10u << 20, .max_ratio = 5000});
  ASSERT_TRUE(src);
  auto a = src->read("a.txt");
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(a->size(), mb6);
  auto b = src->stream("b.txt");
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, errc::invalid_format);
  EXPECT_EQ(b.error().file, "kw_zip_total.zip/b.txt");
  EXPECT_NE(b.error().message.find("max_inflated_bytes"), std::string::npos) << b.error().message;
  fs::remove(p);
}

TEST(ZipLimits, LyingHeaderCaughtWhileInflating) {
  // A 4 MB entry whose headers are patched to claim 1,000 bytes (under the ratio exemption): the stream
  // stops right after the claimed size instead of inflating 4 MB.
  auto const p = fs::temp_directory_path() / "kw_zip_liar.zip";
  ASSERT_TRUE(write_generated_zip(p, {generated_entry{"stops.txt", kHead, kRow, 4u << 20}}, {}));
  std::string bytes;
  {
    std::ifstream f(p, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  auto const put32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  auto const local = bytes.find(std::string("PK\x03\x04", 4));
  auto const central = bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(local, std::string::npos);
  ASSERT_NE(central, std::string::npos);
  put32(local + 22, 1000);    // local header: uncompressed size
  put32(central + 24, 1000);  // central directory: uncompressed size
  auto src = feed_source::from_zip_bytes(bytes, "liar.zip");
  ASSERT_TRUE(src) << src.error().to_string();
  auto in = src->stream("stops.txt");
  ASSERT_TRUE(in) << in.error().to_string();  // 1,000 bytes claimed: nothing to refuse up front
  auto csv = csv_reader::open(std::move(*in), "stops.txt");
  while (csv.next()) {
  }
  EXPECT_EQ(csv.issue(), csv_issue::read_failed);
  EXPECT_EQ(csv.failure().code, errc::invalid_format);
  EXPECT_EQ(csv.failure().file, "liar.zip/stops.txt");
  fs::remove(p);
}

}  // namespace
}  // namespace kwartier::io
