// routing::matrix on the real RNV pair (Heidelberg/Mannheim GTFS + OSM) against repeated one-to-one queries
// on seeded random points: walk and bike against routing::street_to (one bounded street search per origin)
// and routing::direct; walk + transit against raptor() from the origin's access offsets to the
// destination's egress offsets (the journeys' own search) and the direct walk; a departure window against
// single-departure matrices summarised by routing::summarize. Threads change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <vector>

#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/routing/street.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::routing {
namespace {

namespace fs = std::filesystem;
fs::path const kData{KW_SHARED_DATA_DIR};

// Built once per build of this binary (see raptor_data_test.cc), renamed into place.
network::network const& rnv() {
  static network::network const n = [] {
    auto const stamp = fs::last_write_time("/proc/self/exe").time_since_epoch().count();
    auto const path = fs::temp_directory_path() / ("kw_matrix_rnv_" + std::to_string(stamp) + ".kwn");
    if (auto n = network::network::open(path)) return std::move(*n);
    auto const d = kData / "rnv-heidelberg";
    auto const tmp = path.string() + "." + std::to_string(::getpid());
    auto s = network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", tmp);
    EXPECT_TRUE(s) << s.error().to_string();
    fs::rename(tmp, path);
    auto n = network::network::open(path);
    EXPECT_TRUE(n) << n.error().to_string();
    return std::move(*n);
  }();
  return n;
}

// Seeded points: a random stop's position moved up to ~300 m in each direction (some land off the streets
// and stay unsnapped: skip_unsnapped).
std::vector<geo::latlng> points(std::size_t n, std::uint32_t seed) {
  auto const& tt = rnv().timetable();
  std::mt19937 rng{seed};
  std::uniform_int_distribution<std::uint32_t> stop(0, static_cast<std::uint32_t>(tt.n_stops() - 1));
  std::uniform_real_distribution<double> jitter(-0.003, 0.003);
  std::vector<geo::latlng> out;
  for (std::size_t i = 0; i < n; ++i) {
    auto const p = tt.stop_pos(transit::stop_idx_t{stop(rng)});
    out.push_back({p.lat + jitter(rng), p.lon + jitter(rng)});
  }
  return out;
}

std::size_t reached(travel_time_matrix const& m) {
  return static_cast<std::size_t>(std::count_if(m.seconds.begin(), m.seconds.end(), [](seconds_t s) { return s != kUnreachable; }));
}

void street_vs_one_to_one(street::mode sm, bool use_ch) {
  auto const& net = rnv();
  auto const o = points(40, 11 + static_cast<std::uint32_t>(sm));
  auto const d = points(60, 23 + static_cast<std::uint32_t>(sm));
  matrix_request r;
  r.mode = sm == street::mode::bike ? travel_mode::bike : travel_mode::walk;
  r.max_seconds = 3600;
  r.skip_unsnapped = true;
  r.use_ch = use_ch;
  r.threads = 2;
  auto const m = matrix(net, o, d, r);
  ASSERT_TRUE(m) << m.error().to_string();
  EXPECT_EQ(m->used_ch, use_ch && net.contraction_hierarchy(sm) != nullptr);
  street_query const q{sm, r.max_seconds, r.max_snap_m};
  auto const targets = snap(net, d, q);
  ASSERT_TRUE(targets);
  query_state qs;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    auto const row = street_to(net, o[i], *targets, q, qs);
    if (!row) {
      ASSERT_EQ(row.error().code, errc::too_far);
      for (std::size_t j = 0; j < d.size(); ++j) EXPECT_EQ(m->at(i, j), kUnreachable);
      continue;
    }
    for (std::size_t j = 0; j < d.size(); ++j) {
      EXPECT_EQ(m->at(i, j), (*row)[j]) << "origin " << i << " destination " << j;
      if (j % 7 == 0 && targets->snapped(j)) {
        auto const dt = direct(net, o[i], d[j], q, qs);
        ASSERT_TRUE(dt);
        EXPECT_EQ(m->at(i, j), *dt) << "direct, origin " << i << " destination " << j;
        ++checked;
      }
    }
  }
  // Points spread over the whole RNV area (~50 km across): an hour on foot reaches ~8% of the pairs (203 of
  // 2,400 with these seeds), by bike more.
  EXPECT_GT(reached(*m), 150U) << reached(*m);
  EXPECT_GT(checked, 100U);
}

TEST(matrix_data, walk_equals_street_to) { street_vs_one_to_one(street::mode::walk, false); }
TEST(matrix_data, bike_equals_street_to) { street_vs_one_to_one(street::mode::bike, false); }
TEST(matrix_data, walk_ch_equals_street_to) { street_vs_one_to_one(street::mode::walk, true); }
TEST(matrix_data, bike_ch_equals_street_to) { street_vs_one_to_one(street::mode::bike, true); }

matrix_request transit_request() {
  matrix_request r;
  r.mode = travel_mode::transit;
  r.date = transit::days_from_ymd(2016, 11, 15);  // a Tuesday
  r.time = 8 * 3600;
  r.max_seconds = 5400;
  r.skip_unsnapped = true;
  return r;
}

TEST(matrix_data, transit_equals_journey_searches) {
  auto const& net = rnv();
  auto const o = points(25, 101);
  auto const d = points(40, 202);
  auto r = transit_request();
  r.threads = 2;
  auto const m = matrix(net, o, d, r);
  ASSERT_TRUE(m) << m.error().to_string();
  r.threads = 1;
  auto const m1 = matrix(net, o, d, r);
  ASSERT_TRUE(m1);
  EXPECT_EQ(m->seconds, m1->seconds);

  auto const tz = transit::time_zone::of(net.timetable());
  ASSERT_TRUE(tz);
  auto const when = tz->to_service_time(transit::local_date_time{r.date, r.time});
  access_options const ao{r.access_mode, r.max_access_seconds, r.max_snap_m};
  query_state qs;
  std::vector<std::vector<stop_offset>> egr(d.size());
  std::vector<bool> d_ok(d.size(), true);
  for (std::size_t j = 0; j < d.size(); ++j) {
    auto const s = egress(net, d[j], ao, qs, egr[j]);
    if (!s) d_ok[j] = false;
  }
  std::size_t via_transit = 0;
  for (std::size_t i = 0; i < o.size(); ++i) {
    std::vector<stop_offset> acc;
    auto const a = access(net, o[i], ao, qs, acc);
    for (std::size_t j = 0; j < d.size(); ++j) {
      seconds_t want = kUnreachable;
      if (a && d_ok[j]) {
        auto const dt = direct(net, o[i], d[j], access_options{r.access_mode, r.max_access_seconds, r.max_snap_m}, qs);
        ASSERT_TRUE(dt);
        want = *dt;
        if (!acc.empty() && !egr[j].empty()) {
          raptor_query q;
          q.day = when.day;
          q.time = when.seconds;
          q.sources = acc;
          q.targets = egr[j];
          q.opt.max_travel_seconds = r.max_seconds;
          auto const front = raptor(net, q, qs);
          ASSERT_TRUE(front) << front.error().to_string();
          for (auto const& e : *front)
            if (e.time - when.seconds < want) {
              want = e.time - when.seconds;
              if (e.rides > 0) ++via_transit;
            }
        }
      }
      EXPECT_EQ(m->at(i, j), want) << "origin " << i << " destination " << j;
    }
  }
  EXPECT_GT(via_transit, 100U);
}

TEST(matrix_data, window_equals_single_departures) {
  auto const& net = rnv();
  auto const o = points(6, 303);
  auto const d = points(25, 404);
  auto r = transit_request();
  r.window_seconds = 600;
  r.window_step = 120;  // 08:00, 08:02, ..., 08:08
  r.percentile = 60;
  auto const w = matrix(net, o, d, r);
  ASSERT_TRUE(w) << w.error().to_string();
  ASSERT_EQ(w->departures, 5U);
  std::vector<seconds_t> all;
  for (int k = 0; k < 5; ++k) {
    auto s = transit_request();
    s.time = r.time + k * 120;
    auto const m = matrix(net, o, d, s);
    ASSERT_TRUE(m);
    all.insert(all.end(), m->seconds.begin(), m->seconds.end());
  }
  double const pct[] = {60.0};
  auto const sum = summarize(all, 5, o.size() * d.size(), pct);
  ASSERT_TRUE(sum);
  auto const p = sum->percentile(0);
  EXPECT_EQ(w->seconds, (std::vector<seconds_t>{p.begin(), p.end()}));
  EXPECT_GT(reached(*w), w->seconds.size() / 4);
}

}  // namespace
}  // namespace kwartier::routing
