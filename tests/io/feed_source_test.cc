#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "kwartier/io/feed_source.h"

namespace kwartier::io {
namespace {

std::string const kData = KW_SHARED_DATA_DIR;

TEST(FeedSource, FolderListsFilesAndReadsThem) {
  auto f = feed_source::open(kData + "/gtfs-malformed-transitfeed/good_feed");
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_TRUE(f->has("stops.txt"));
  EXPECT_FALSE(f->has("shapes.txt"));
  auto s = f->read("agency.txt");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->starts_with("agency_id,agency_name"));
}

TEST(FeedSource, FeedInsideOneSubFolderOfAFolder) {
  // googletransit/ holds one folder good_feed/ with the tables.
  auto f = feed_source::open(kData + "/gtfs-malformed-transitfeed/googletransit");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->has("stop_times.txt"));
}

TEST(FeedSource, ZipIgnoresMacosxEntries) {
  auto f = feed_source::open(kData + "/gtfs-malformed-misc/sample-feed-with-empty-stop-time.zip");
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_TRUE(f->has("stop_times.txt"));
  for (auto const& n : f->files()) EXPECT_FALSE(n.starts_with("._")) << n;
  auto v = feed_source::open(kData + "/gtfs-malformed-misc/valid_zip_sample.zip");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->files(), (std::vector<std::string>{"agency.txt", "transfers.txt"}));
}

TEST(FeedSource, NotAZipIsInvalidFormat) {
  auto f = feed_source::open(kData + "/gtfs-malformed-transitfeed/unknown_format.zip");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, errc::invalid_format);
  EXPECT_NE(f.error().message.find("not a zip"), std::string::npos);
  auto b = feed_source::from_zip_bytes("PK\x03\x04garbage", "mem.zip");
  ASSERT_FALSE(b);
  auto missing = feed_source::open(kData + "/does-not-exist.zip");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::not_found);
}

TEST(FeedSource, ZipBytesMatchFileRead) {
  std::ifstream in(kData + "/gtfs-malformed-transitfeed/good_feed.zip", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto a = feed_source::from_zip_bytes(bytes, "good_feed.zip");
  ASSERT_TRUE(a);
  auto b = feed_source::open(kData + "/gtfs-malformed-transitfeed/good_feed.zip");
  ASSERT_TRUE(b);
  EXPECT_EQ(a->files(), b->files());
  for (auto const* name : {"stops.txt", "trips.txt", "calendar.txt"}) {
    auto x = a->read(name);
    auto y = b->read(name);
    ASSERT_TRUE(x && y) << name;
    EXPECT_EQ(*x, *y) << name;
  }
}

TEST(FeedSource, MemoryFiles) {
  auto f = feed_source::from_files({{"b.txt", "2"}, {"a.txt", "1"}}, "mem");
  EXPECT_EQ(f.files(), (std::vector<std::string>{"a.txt", "b.txt"}));
  EXPECT_EQ(*f.read("b.txt"), "2");
  EXPECT_FALSE(f.read("c.txt"));
  EXPECT_EQ(f.display_name("a.txt"), "mem/a.txt");
}

}  // namespace
}  // namespace kwartier::io
