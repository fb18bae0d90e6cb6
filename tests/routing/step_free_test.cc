// Step-free queries on an opened network: the drawn map of tests/street/step_free_osm.h (hand-worked
// deciseconds there), reported in whole seconds. From A (0.002, 0), on a street node (no connector):
//   to C on foot over the steps 855 ds -> 86 s; step-free round by W1-W2-E and the limited footway E-C
//   4276 ds -> 428 s; step-free avoiding unknown accessibility too 5986 ds -> 599 s.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/street.h"
#include "network/grid_network.h"
#include "street/step_free_osm.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

struct step_free : ::testing::Test {
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("kw_routing_step_free_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    testdata::write_file(dir_ / "map.osm", testdata::kStepFreeOsm);
    auto s = network::build({}, dir_ / "map.osm", dir_ / "map.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir_ / "map.kwn");
    ASSERT_TRUE(n) << n.error().to_string();
    net_ = new network::network{std::move(*n)};
  }
  static void TearDownTestSuite() {
    delete net_;
    fs::remove_all(dir_);
  }
  static seconds_t to_c(street_query const& q) {
    query_state qs;
    auto t = street_from(*net_, kA, q, qs);
    EXPECT_TRUE(t) << t.error().to_string();
    for (std::uint32_t v = 0; v < t->size(); ++v)
      if (net_->graph().node_pos_[v] == kC) return (*t)[v];
    ADD_FAILURE() << "no node C";
    return 0;
  }
  static inline fs::path dir_;
  static inline network::network* net_ = nullptr;
  static constexpr geo::latlng kA{0.002, 0.0}, kC{0.001, 0.0};
};

TEST_F(step_free, one_to_all_avoids_the_stair) {
  EXPECT_TRUE(net_->graph().has_edge_flags());
  EXPECT_EQ(to_c({street::mode::walk, 3600}), 86);
  EXPECT_EQ(to_c({street::mode::walk, 3600, 200.0, true}), 428);
  EXPECT_EQ(to_c({street::mode::walk, 3600, 200.0, true, true}), 599);
  // Within 7 minutes step-free, C is out of reach (428 s).
  query_state qs;
  auto t = street_from(*net_, kA, {street::mode::walk, 420, 200.0, true}, qs);
  ASSERT_TRUE(t);
  for (auto v : t->reached()) EXPECT_FALSE(net_->graph().node_pos_[v] == kC);
}

TEST_F(step_free, direct_and_snap_once) {
  query_state qs;
  EXPECT_EQ(*direct(*net_, kA, kC, {street::mode::walk, 3600}, qs), 86);
  EXPECT_EQ(*direct(*net_, kA, kC, {street::mode::walk, 3600, 200.0, true}, qs), 428);
  std::vector<geo::latlng> const targets{kC};
  street_query const sf{street::mode::walk, 3600, 200.0, true};
  auto places = snap(*net_, targets, sf);
  ASSERT_TRUE(places);
  EXPECT_EQ((*street_to(*net_, kA, *places, sf, qs))[0], 428);
  // Places snapped without step-free do not serve a step-free query.
  auto plain = snap(*net_, targets, street::mode::walk);
  ASSERT_TRUE(plain);
  EXPECT_EQ(street_to(*net_, kA, *plain, sf, qs).error().code, errc::invalid_argument);
}

TEST_F(step_free, a_file_without_flags_refuses_step_free) {
  // Rename the GAcc row of the optional-group table: the file then reads like one written before the flags
  // existed (the group is ignored, the checksum no longer matches, so open without verifying it).
  std::ifstream in{dir_ / "map.kwn", std::ios::binary};
  std::string bytes{std::istreambuf_iterator<char>{in}, {}};
  auto const at = bytes.find("GAcc");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 3] = 'X';
  auto old = network::network::from_bytes(bytes, open_options{false});
  ASSERT_TRUE(old) << old.error().to_string();
  EXPECT_FALSE(old->graph().has_edge_flags());
  ASSERT_EQ(old->ignored_groups().size(), 1U);
  query_state qs;
  EXPECT_TRUE(street_from(*old, kA, {street::mode::walk, 600}, qs));  // plain walking still works
  auto r = street_from(*old, kA, {street::mode::walk, 600, 200.0, true}, qs);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, errc::unsupported);
  EXPECT_EQ(r.error().field, "step_free");
}

}  // namespace
}  // namespace kwartier::routing
