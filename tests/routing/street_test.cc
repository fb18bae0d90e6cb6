// routing::street_from / snap / street_to on the drawn grid (tests/street/grid_osm.h) with the stops of
// tests/network/grid_network.h. Times worked out by hand in deciseconds (tests/street/grid_osm.h: d = 855 ds
// on foot, the chain G..I = 1711 ds; partial times are round(weight x fraction)), reported in whole seconds
// (street::ds_to_seconds: nearest, halves up). Door to door: the straight line between a coordinate and its
// street is walked at 1.3 m/s (0.1 d = 11.12 m = 86 ds, 0.05 d = 43 ds).
//
// From S1's position (-0.0001, 0.0014), which snaps onto G..I at 1.4 d from G, 0.1 d away (86 ds):
//   I 0.3 x 1711 = 513 + 86 = 599 ds -> 60 s; G 0.7 x 1711 = 1198 + 86 = 1284 ds -> 128 s;
//   F = I + 855 = 1454 ds -> 145 s; D = G + 855 = 2139 ds -> 214 s; E = D + 855 = F + 855 = 2309 ds -> 231 s.
// To S2's position (1.6 d from G, on the source's chain, 0.05 d off it): 0.1 x 1711 = 171 + 86 + 43 = 300 ds
//   -> 30 s. To S3's position (0.8 d below C on C-F, i.e. 0.2 d above F): F 1368 + 0.2 x 855 = 171 -> 1539,
//   + 86 + 86 = 1711 ds -> 171 s. These equal the walked footpaths S1 -> S2 (30 s) and S1 -> S3 (171 s) of
//   tests/network/network_test.cc, computed there by another path (the footpath builder). To (0.005, 0.005),
//   470 m from any street: unreachable.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"
#include "network/grid_network.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;

struct grid : ::testing::Test {
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("kw_routing_street_test_" + std::to_string(::getpid()));
    testdata::write_grid_network(dir_);
    auto s = network::build({{dir_ / "feed", ""}}, dir_ / "grid.osm", dir_ / "grid.kwn");
    ASSERT_TRUE(s) << s.error().to_string();
    auto n = network::network::open(dir_ / "grid.kwn");
    ASSERT_TRUE(n) << n.error().to_string();
    net_ = new network::network{std::move(*n)};
  }
  static void TearDownTestSuite() {
    delete net_;
    fs::remove_all(dir_);
  }
  static inline fs::path dir_;
  static inline network::network* net_ = nullptr;
  static constexpr geo::latlng kS1{-0.0001, 0.0014};
};

TEST_F(grid, one_to_all_in_whole_seconds) {
  auto const& n = *net_;
  query_state qs;
  auto t = street_from(n, kS1, {street::mode::walk, 3600}, qs);
  ASSERT_TRUE(t) << t.error().to_string();
  ASSERT_EQ(t->size(), 8U);
  std::vector<seconds_t> all(t->size());
  t->copy_to(all);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all[0], 60);   // I
  EXPECT_EQ(all[1], 128);  // G
  EXPECT_EQ(all[2], 145);  // F
  EXPECT_EQ(all[3], 214);  // D
  EXPECT_EQ(all[4], 231);  // E
  // reached() lists the nodes in settle order: I, G, F, D, ...
  ASSERT_EQ(t->reached().size(), 8U);
  EXPECT_EQ((*t)[t->reached()[0]], 60);
  EXPECT_EQ((*t)[t->reached()[1]], 128);
  // A budget of 130 s leaves only I and G (1284 ds <= 1300 ds); 120 s only I.
  auto b = street_from(n, kS1, {street::mode::walk, 130}, qs);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->reached().size(), 2U);
  std::vector<seconds_t> two(b->size());
  b->copy_to(two);
  EXPECT_EQ(std::count(two.begin(), two.end(), kUnreachable), 6);
  EXPECT_EQ(street_from(n, kS1, {street::mode::walk, 120}, qs)->reached().size(), 1U);
}

TEST_F(grid, snap_once_then_many_queries) {
  auto const& n = *net_;
  std::vector<geo::latlng> const coords{{0.00005, 0.0016}, {0.0012, 0.0021}, {0.005, 0.005}};
  auto places = snap(n, coords, street::mode::walk);
  ASSERT_TRUE(places) << places.error().to_string();
  EXPECT_EQ(places->size(), 3U);
  EXPECT_EQ(places->n_snapped(), 2U);  // the third lies 470 m from any street
  EXPECT_FALSE(places->snapped(2));
  query_state qs;
  auto m = street_to(n, kS1, *places, {street::mode::walk, 3600}, qs);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ((*m)[0], 30);
  EXPECT_EQ((*m)[1], 171);
  EXPECT_EQ((*m)[2], kUnreachable);
  // The same places from another origin (G itself, on the street): to S2's position 1.6 d along G..I =
  // round(0.8 x 1711) = 1369 + 43 = 1412 ds -> 141 s; to S3's position via G-D-E-F (3 x 855 = 2565, beating
  // G..I-F 1711 + 855 = 2566) and 0.2 d up F-C (171): 2736 + 86 = 2822 ds -> 282 s.
  auto g = street_to(n, {0.0, 0.0}, *places, {street::mode::walk, 3600}, qs);
  ASSERT_TRUE(g);
  EXPECT_EQ((*g)[0], 141);
  EXPECT_EQ((*g)[1], 282);
  // Budgets cut: 150 s reaches S2's position (30 s) but not S3's (171 s).
  auto c = street_to(n, kS1, *places, {street::mode::walk, 150}, qs);
  ASSERT_TRUE(c);
  EXPECT_EQ((*c)[0], 30);
  EXPECT_EQ((*c)[1], kUnreachable);
  // Places snapped for walking are refused for a bike query.
  EXPECT_EQ(street_to(n, kS1, *places, {street::mode::bike, 3600}, qs).error().code, errc::invalid_argument);
}

TEST_F(grid, bad_input_is_a_clear_error) {
  auto const& n = *net_;
  query_state qs;
  EXPECT_EQ(street_from(n, {0.005, 0.005}, {street::mode::walk, 60}, qs).error().code, errc::too_far);
  EXPECT_EQ(street_from(n, {100, 0}, {street::mode::walk, 60}, qs).error().code, errc::out_of_range);
  EXPECT_EQ(street_from(n, {0, 0}, {street::mode::walk, -1}, qs).error().code, errc::invalid_argument);
  EXPECT_EQ(street_from(n, {0, 0}, {street::mode::walk, 0}, qs).error().code, errc::invalid_argument);
  EXPECT_EQ(street_from(n, {0, 0}, {static_cast<street::mode>(7), 60}, qs).error().code, errc::invalid_argument);
  EXPECT_EQ(street_from(n, {0, 0}, {street::mode::walk, 60, -1.0}, qs).error().code, errc::invalid_argument);
  std::vector<geo::latlng> const bad{{0.0, 0.0}, {95.0, 0.0}};
  auto p = snap(n, bad, street::mode::walk);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, errc::out_of_range);
  EXPECT_EQ(p.error().field, "coordinate 1");
  EXPECT_EQ(budget_seconds(-1.0).error().code, errc::invalid_argument);
  EXPECT_EQ(budget_seconds(std::numeric_limits<double>::quiet_NaN()).error().code, errc::invalid_argument);
  EXPECT_EQ(*budget_seconds(89.6), 90);
}

TEST_F(grid, one_network_answers_many_threads_alike) {
  auto const& n = *net_;  // the R-tree is built lazily by whichever thread snaps first
  std::vector<std::vector<seconds_t>> out(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < out.size(); ++i)
    threads.emplace_back([&, i] {
      query_state qs;
      for (int k = 0; k < 50; ++k) {
        auto t = street_from(n, kS1, {k % 2 ? street::mode::bike : street::mode::walk, 3600}, qs);
        if (t && k == 48) {
          out[i].resize(t->size());
          t->copy_to(out[i]);
        }
      }
    });
  for (auto& t : threads) t.join();
  query_state qs;
  auto const want = street_from(n, kS1, {street::mode::walk, 3600}, qs);
  ASSERT_TRUE(want);
  std::vector<seconds_t> w(want->size());
  want->copy_to(w);
  for (auto const& o : out) EXPECT_EQ(o, w);
}

}  // namespace
}  // namespace kwartier::routing
