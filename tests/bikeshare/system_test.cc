// A GBFS feed bound to the sample network (data/gtfs/mini-brussels + data/osm/mini-brussels.osm): every
// sample station lies within 40 m of Boulevard Anspach or Rue du Progrès, so all snap; stations outside the
// network's area are reported and not used.
#include "kwartier/bikeshare/system.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "kwartier/network/build.h"

namespace kwartier::bikeshare {
namespace {

std::filesystem::path const kSrc{KW_SOURCE_DIR};

class BikeshareSystem : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per process: ctest runs each test in its own process, two at a time, and the suite removes it.
    dir_ = std::filesystem::temp_directory_path() / ("kw_bikeshare_system_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto s = network::build({{kSrc / "data/gtfs/mini-brussels", ""}}, kSrc / "data/osm/mini-brussels.osm",
                            dir_ / "mini.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir_ / "mini.kwn");
    ASSERT_TRUE(n);
    net_ = new network::network(*n);
  }
  static void TearDownTestSuite() {
    delete net_;
    std::filesystem::remove_all(dir_);
  }
  static inline std::filesystem::path dir_;
  static inline network::network* net_ = nullptr;
};

TEST_F(BikeshareSystem, SampleStationsSnapToBothGraphs) {
  for (auto const* flavour : {"mini-brussels-3.0", "mini-brussels-2.3"}) {
    auto s = system::load(*net_, kSrc / "data/gbfs" / flavour);
    ASSERT_TRUE(s) << s.error().to_string();
    auto const& sum = (*s)->summary();
    EXPECT_EQ(sum.stations, 7U);
    EXPECT_EQ(sum.vehicles, 1U);
    EXPECT_EQ(sum.points, 8U) << (*s)->report().to_text();  // 7 stations + the free-floating bike
    // Pick up: every station but LEMO (empty), and ff-1. Drop off: every station but ROGI (full).
    EXPECT_EQ(sum.pick_up, 7U);
    EXPECT_EQ(sum.drop_off, 6U);
    EXPECT_TRUE((*s)->bound_to(*net_));
    for (auto const& p : (*s)->points()) {
      EXPECT_TRUE(p.walk.chain.valid());
      EXPECT_TRUE(p.bike.chain.valid());
      EXPECT_LT(p.walk.dist_m, 40.0F) << (*s)->id(p);
      if ((*s)->id(p) == "LEMO") EXPECT_FALSE(p.pick_up);
      if ((*s)->id(p) == "ROGI") EXPECT_FALSE(p.drop_off);
      if (p.of == point::kind::vehicle) EXPECT_EQ((*s)->name(p), "free-floating bike");
    }
  }
}

TEST_F(BikeshareSystem, StationsOutsideTheNetworkAreReportedAndNotUsed) {
  auto f = load_gbfs(kSrc / "data/gbfs/mini-brussels-3.0");
  ASSERT_TRUE(f);
  f->stations[0].pos = {51.5074, -0.1278};  // MIDI moved to London
  f->stations[1].pos = {50.8420, 4.3300};   // LEMO moved 500 m west of the boulevard: inside the box, no street
  auto s = system::make(*net_, std::move(*f));
  ASSERT_TRUE(s);
  EXPECT_EQ((*s)->summary().outside_network, 1U);
  EXPECT_EQ((*s)->summary().not_snapped, 1U);
  EXPECT_EQ((*s)->summary().points, 6U);
  auto const& probs = (*s)->report().problems();
  ASSERT_EQ(probs.size(), 2U);
  EXPECT_EQ(probs[0].code, "outside_network");
  EXPECT_NE(probs[0].message.find("'MIDI'"), std::string::npos);
  EXPECT_NE(probs[0].file.find("station_information.json"), std::string::npos);
  EXPECT_EQ(probs[1].code, "not_snapped");
}

TEST_F(BikeshareSystem, NeedsAStreetNetworkAndSaneOptions) {
  auto const gtfs_only = dir_ / "gtfs_only.kwn";
  ASSERT_TRUE(network::build({{kSrc / "data/gtfs/mini-brussels", ""}}, {}, gtfs_only));
  auto n = network::network::open(gtfs_only);
  ASSERT_TRUE(n);
  auto s = system::load(*n, kSrc / "data/gbfs/mini-brussels-3.0");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, errc::unsupported);
  EXPECT_FALSE((*system::load(*net_, kSrc / "data/gbfs/mini-brussels-3.0"))->bound_to(*n));
  options o;
  o.pickup_seconds = -1;
  auto bad = system::load(*net_, kSrc / "data/gbfs/mini-brussels-3.0", o);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::invalid_argument);
}

}  // namespace
}  // namespace kwartier::bikeshare
