// RAPTOR on real feeds against the independent connection-scan oracle (tests/routing/raptor_oracle.h):
// RNV (Heidelberg/Mannheim, 2,057 platforms, footpaths walked on the OSM streets) and NMBS (Belgian rail,
// Oct-Dec 2019, no streets: footpaths from transfers.txt only).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/raptor.h"
#include "routing/raptor_oracle.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;
fs::path const kData{KW_SHARED_DATA_DIR};

fs::path out_dir() {
  auto const d = fs::temp_directory_path() / ("kw_raptor_data_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

network::network build_rnv() {
  auto const d = kData / "rnv-heidelberg";
  auto const out = out_dir() / "rnv.kwn";
  auto s = network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", out);
  EXPECT_TRUE(s) << s.error().to_string();
  auto n = network::network::open(out);
  EXPECT_TRUE(n) << n.error().to_string();
  return std::move(*n);
}

// Stops served by at least one route (a query from a stop nothing serves is trivially unreached).
std::vector<std::uint32_t> served_stops(transit::timetable_view const& tt) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
    if (!tt.stop_routes(transit::stop_idx_t{s}).empty()) out.push_back(s);
  return out;
}

struct query_case {
  std::uint32_t from, to;
  std::int32_t day, time;
};

std::vector<query_case> random_queries(transit::timetable_view const& tt, std::size_t n, unsigned seed,
                                       std::int32_t t_lo, std::int32_t t_hi) {
  auto const stops = served_stops(tt);
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::size_t> pick{0, stops.size() - 1};
  std::uniform_int_distribution<std::int32_t> day{tt.first_day_, tt.first_day_ + tt.n_days_ - 1};
  std::uniform_int_distribution<std::int32_t> time{t_lo, t_hi};
  std::vector<query_case> out;
  while (out.size() < n) {
    auto const a = stops[pick(rng)], b = stops[pick(rng)];
    if (a == b) continue;
    out.push_back({a, b, day(rng), time(rng)});
  }
  return out;
}

std::string show(std::vector<std::pair<std::size_t, std::int32_t>> const& f) {
  std::string out;
  for (auto const& [k, t] : f) out += " (" + std::to_string(k) + "," + std::to_string(t) + ")";
  return out;
}

// Runs every query through RAPTOR and the oracle (forward, or backward: arrive by) and compares the whole
// Pareto front on (time, rides).
void compare_fronts(network::network const& net, std::vector<query_case> qs_list, direction dir, char const* name) {
  // By day, so the oracle builds each day's connections once.
  std::stable_sort(qs_list.begin(), qs_list.end(), [](query_case const& a, query_case const& b) { return a.day < b.day; });
  query_state qs;
  testing::csa_oracle oracle{net};
  std::size_t reached = 0, multi = 0, differ = 0;
  bool const fwd = dir == direction::forward;
  for (auto const& c : qs_list) {
    auto const acc = stop_access(net, transit::stop_idx_t{c.from});
    auto const egr = stop_egress(net, transit::stop_idx_t{c.to});
    raptor_query q;
    q.day = c.day;
    q.time = c.time;
    q.dir = dir;
    q.sources = fwd ? acc : egr;
    q.targets = fwd ? egr : acc;
    auto r = raptor(net, q, qs);
    ASSERT_TRUE(r) << r.error().to_string();
    auto const expect = fwd ? testing::csa_oracle::front(oracle.earliest(c.day, c.time, acc, egr))
                            : testing::csa_oracle::front(oracle.latest(c.day, c.time, egr, acc), true);
    std::vector<std::pair<std::size_t, std::int32_t>> got;
    for (auto const& e : *r) got.emplace_back(e.rides, e.time);
    if (got != expect && ++differ <= 5)
      ADD_FAILURE() << name << ": " << net.timetable().stop_id(transit::stop_idx_t{c.from}) << " -> "
                    << net.timetable().stop_id(transit::stop_idx_t{c.to}) << " day " << c.day << " at " << c.time
                    << ": raptor" << show(got) << " oracle" << show(expect);
    if (!expect.empty()) ++reached;
    if (expect.size() > 1) ++multi;
  }
  std::printf("%s: %zu queries, %zu reached, %zu with more than one Pareto journey, %zu differing\n", name,
              qs_list.size(), reached, multi, differ);
  EXPECT_EQ(differ, 0U);
  EXPECT_GT(reached, qs_list.size() * 8 / 10);
  EXPECT_GT(multi, 0U);
}

TEST(raptor_data, rnv_1000_random_queries_equal_the_connection_scan_oracle) {
  auto const net = build_rnv();
  ASSERT_TRUE(net.has_timetable());
  EXPECT_EQ(net.timetable().n_stops(), 2057U);  // SOURCE.md
  compare_fronts(net, random_queries(net.timetable(), 1000, 20241208, 4 * 3600, 24 * 3600 - 1), direction::forward,
                 "rnv forward");
  compare_fronts(net, random_queries(net.timetable(), 300, 20241209, 6 * 3600, 26 * 3600), direction::backward,
                 "rnv arrive-by");
}

}  // namespace
}  // namespace kwartier::routing
