// The `prefix=path` feed syntax (include/kwartier/transit/feed_spec.h): every rule of the header's comment.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kwartier/transit/feed_spec.h"

namespace kwartier::transit {
namespace {

feed_input ok(std::string_view spec) {
  auto f = parse_feed_spec(spec);
  EXPECT_TRUE(f) << spec << ": " << (f ? "" : f.error().to_string());
  return f.value_or(feed_input{});
}

error bad(std::string_view spec) {
  auto f = parse_feed_spec(spec);
  EXPECT_FALSE(f) << spec << " parsed as prefix '" << (f ? f->prefix : "") << "'";
  return f ? error{} : f.error();
}

TEST(FeedSpec, PlainPathHasNoPrefix) {
  auto const f = ok("feeds/stib.zip");
  EXPECT_EQ(f.path, "feeds/stib.zip");
  EXPECT_EQ(f.prefix, "");
  EXPECT_EQ(ok("stib.zip").prefix, "");
}

TEST(FeedSpec, PrefixAndPath) {
  auto const f = ok("stib=feeds/stib.zip");
  EXPECT_EQ(f.prefix, "stib");
  EXPECT_EQ(f.path, "feeds/stib.zip");
  auto const g = ok("sncb-2019_10.v2=/data/sncb.zip");
  EXPECT_EQ(g.prefix, "sncb-2019_10.v2");
  EXPECT_EQ(g.path, "/data/sncb.zip");
}

TEST(FeedSpec, EqualsInsideAFolderNameIsPartOfThePath) {
  // A separator before the first '=': Hive-style folders, no prefix.
  auto const f = ok("/data/date=2024-12-01/gtfs.zip");
  EXPECT_EQ(f.prefix, "");
  EXPECT_EQ(f.path, "/data/date=2024-12-01/gtfs.zip");
  EXPECT_EQ(ok("./a=b.zip").path, "./a=b.zip");
  EXPECT_EQ(ok("dir\\x=y\\feed.zip").prefix, "");
}

TEST(FeedSpec, PathMayContainMoreEqualsAfterThePrefix) {
  // Split at the first '=': the rest, '=' included, is the path.
  auto const f = ok("stib=/data/date=2024/a=b.zip");
  EXPECT_EQ(f.prefix, "stib");
  EXPECT_EQ(f.path, "/data/date=2024/a=b.zip");
  auto const g = ok("x=a=b.zip");
  EXPECT_EQ(g.prefix, "x");
  EXPECT_EQ(g.path, "a=b.zip");
  // Documented ambiguity: a bare file name with '=' reads as prefix + path.
  auto const h = ok("a=b.zip");
  EXPECT_EQ(h.prefix, "a");
  EXPECT_EQ(h.path, "b.zip");
}

TEST(FeedSpec, ClearErrors) {
  auto e = bad("");
  EXPECT_EQ(e.code, errc::invalid_argument);
  EXPECT_EQ(e.field, "feed");
  EXPECT_NE(e.message.find("empty feed spec"), std::string::npos);
  e = bad("=feeds/stib.zip");
  EXPECT_EQ(e.code, errc::invalid_argument);
  EXPECT_NE(e.message.find("empty prefix"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("'=feeds/stib.zip'"), std::string::npos) << e.message;
  e = bad("stib=");
  EXPECT_NE(e.message.find("empty path"), std::string::npos) << e.message;
  e = bad("==x");
  EXPECT_NE(e.message.find("empty prefix"), std::string::npos) << e.message;
  // Characters that would break ids ("a:b:0089") or report file names are refused, not guessed at.
  for (auto const* s : {"a:b=x.zip", "my feed=x.zip", ".hidden=x.zip", "-x=x.zip", "caf\xC3\xA9=x.zip"}) {
    e = bad(s);
    EXPECT_EQ(e.code, errc::invalid_argument) << s;
    EXPECT_NE(e.message.find("must be 1-64 characters"), std::string::npos) << s << ": " << e.message;
  }
  EXPECT_FALSE(parse_feed_spec(std::string(65, 'a') + "=x.zip"));
  EXPECT_TRUE(parse_feed_spec(std::string(64, 'a') + "=x.zip"));
}

TEST(FeedSpec, ValidPrefix) {
  EXPECT_TRUE(valid_feed_prefix("stib"));
  EXPECT_TRUE(valid_feed_prefix("De_Lijn-2"));
  EXPECT_FALSE(valid_feed_prefix(""));
  EXPECT_FALSE(valid_feed_prefix("a/b"));
  EXPECT_FALSE(valid_feed_prefix("a:b"));
}

TEST(FeedSpec, ListInOrderAndFirstErrorNamesItsPosition) {
  std::vector<std::string> const specs = {"stib=a.zip", "b.zip", "/x/k=v/c.zip"};
  auto l = parse_feed_specs(specs);
  ASSERT_TRUE(l) << l.error().to_string();
  ASSERT_EQ(l->size(), 3u);
  EXPECT_EQ((*l)[0].prefix, "stib");
  EXPECT_EQ((*l)[1].path, "b.zip");
  EXPECT_EQ((*l)[2].prefix, "");
  std::vector<std::string_view> const bad_specs = {"a.zip", "stib="};
  auto b = parse_feed_specs(bad_specs);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().message.rfind("feed 2: ", 0), 0u) << b.error().message;
}

}  // namespace
}  // namespace kwartier::transit
