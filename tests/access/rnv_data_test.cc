// RNV (Heidelberg/Mannheim streets, no POIs in the extract): seeded random POIs (9 categories) and origins.
// - walk and bike: the multi-source reverse searches equal one forward search per origin (500 origins), read
//   at every POI (street::time_to plus the two straight pieces), min per category;
// - walk + transit: equal to routing::raptor per origin (200 origins) with the origin's routing::access
//   stops and, per category, the routing::egress stops of every POI of the category, and the direct walk.
#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "kwartier/access/score.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"
#include "oracle.h"

namespace fs = std::filesystem;
using namespace kwartier;
using access_oracle::oracle_street;

namespace {

fs::path const kData = KW_SHARED_DATA_DIR "/rnv-heidelberg";

struct rnv : ::testing::Test {
  static void SetUpTestSuite() {
    if (!fs::exists(kData / "rnv.zip")) return;
    out = fs::temp_directory_path() / ("kw_access_rnv_" + std::to_string(::getpid()) + ".kwn");
    auto s = network::build({{kData / "rnv.zip", ""}}, kData / "rnv.osm.pbf", out);
    ASSERT_TRUE(s) << s.error().to_string();
    net = new network::network(network::network::open(out).value());
    // 9 categories x 40 POIs, each near a random walkable junction (up to 60 m off in each direction).
    auto const& g = net->graph();
    std::vector<std::uint32_t> walkable;
    for (std::uint32_t v = 0; v < g.n_nodes(); ++v)
      if (g.node_in(street::node_idx_t{v}, street::mode::walk)) walkable.push_back(v);
    std::mt19937_64 rng{20261128};
    std::uniform_int_distribution<std::size_t> pick{0, walkable.size() - 1};
    std::uniform_real_distribution<double> jitter{-0.0005, 0.0005};
    for (char const* c : {"pharmacy", "health_care", "library", "town_hall", "childcare", "school", "food_shop",
                          "park", "post_office"})
      pois.categories.push_back({c, 1.0});
    for (std::uint32_t c = 0; c < 9; ++c)
      for (int k = 0; k < 40; ++k) {
        auto const p = g.node_pos_[walkable[pick(rng)]];
        poi::poi_record r;
        r.lat = p.lat + jitter(rng);
        r.lon = p.lon + jitter(rng);
        r.category = c;
        r.kind = poi::source_kind::user;
        r.source_id = static_cast<std::int64_t>(pois.records.size()) + 2;
        pois.records.push_back(r);
        pois.names.emplace_back();
      }
    pois.table_version = "user";
    pois.source = "seeded";
    for (int i = 0; i < 500; ++i) {
      auto const p = g.node_pos_[walkable[pick(rng)]];
      origins.pos.push_back({p.lat + jitter(rng), p.lon + jitter(rng)});
      origins.weight.push_back(1.0);
      origins.ids.push_back(std::to_string(i));
      origins.node.push_back(access::kNoNode);
    }
    origins.kind = access::origin_kind::points;
  }
  static void TearDownTestSuite() {
    delete net;
    net = nullptr;
    if (!out.empty()) fs::remove(out);
  }
  void SetUp() override {
    if (net == nullptr) GTEST_SKIP() << "no RNV data in " << kData;
  }

  static inline fs::path out;
  static inline network::network* net = nullptr;
  static inline poi::poi_set pois;
  static inline access::origins origins;
};

}  // namespace

TEST_F(rnv, walk_and_bike_multi_source_equal_one_search_per_origin_on_500_origins) {
  access::options opt;
  opt.modes = {access::mode::walk, access::mode::bike};
  opt.max_minutes = 30;
  auto const s = access::score(*net, poi::view_of(pois), origins, opt);
  ASSERT_TRUE(s) << s.error().to_string();
  std::size_t reached = 0;
  for (std::size_t mi = 0; mi < 2; ++mi) {
    auto const want = oracle_street(*net, pois, origins, mi == 0 ? street::mode::walk : street::mode::bike, s->max_s,
                                    origins.size());
    std::size_t diff = 0;
    for (std::size_t c = 0; c < 9; ++c)
      for (std::size_t i = 0; i < origins.size(); ++i) {
        auto const got = s->at(mi, c, i);
        if (got != want[c * origins.size() + i] && diff++ < 5)
          ADD_FAILURE() << "mode " << mi << " category " << c << " origin " << i << ": " << got << " vs "
                        << want[c * origins.size() + i];
        reached += got <= s->threshold_s;
      }
    EXPECT_EQ(diff, 0U);
  }
  EXPECT_GT(reached, 2000U);  // the comparison covers real answers, not only "unreachable"
}

TEST_F(rnv, transit_equals_raptor_per_origin_on_200_origins) {
  access::options opt;
  opt.modes = {access::mode::walk, access::mode::transit};
  opt.date = "2016-11-08";
  opt.time = "08:00";
  opt.max_minutes = 30;
  auto const s = access::score(*net, poi::view_of(pois), origins, opt);
  ASSERT_TRUE(s) << s.error().to_string();
  auto const walk = oracle_street(*net, pois, origins, street::mode::walk, s->max_s, 200);
  std::size_t better_than_walk = 0;
  auto const want = access_oracle::oracle_transit(*net, pois, origins, "2016-11-08", "08:00", s->max_s, walk, 200,
                                                  better_than_walk);
  ASSERT_TRUE(want) << want.error().to_string();
  std::size_t diff = 0;
  for (std::size_t i = 0; i < 200; ++i)
    for (std::size_t c = 0; c < 9; ++c) {
      EXPECT_EQ(s->at(0, c, i), walk[c * 200 + i]);  // the direct walk, as the oracle takes it
      auto const got = s->at(1, c, i);
      if (got != (*want)[c * 200 + i] && diff++ < 5)
        ADD_FAILURE() << "category " << c << " origin " << i << ": " << got << " vs raptor " << (*want)[c * 200 + i];
    }
  EXPECT_EQ(diff, 0U);
  EXPECT_GT(better_than_walk, 100U);  // transit beats walking often enough for the test to mean something
}
