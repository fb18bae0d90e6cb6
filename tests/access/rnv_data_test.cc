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

namespace fs = std::filesystem;
using namespace kwartier;

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

// One forward search per origin, read at every POI: deciseconds, then seconds within the cap.
std::vector<routing::seconds_t> oracle_street(network::network const& net, poi::poi_set const& pois,
                                              access::origins const& o, street::mode m, routing::seconds_t max_s,
                                              std::size_t n_origins) {
  auto const& g = net.graph();
  auto const cap = street::seconds_to_ds(max_s);
  auto const conn = [&](double d) { return street::travel_ds(d, g.stats_.walk_speed_mps); };
  std::vector<std::optional<street::snap_result>> ps;
  for (auto const& r : pois.records) {
    auto s = net.snapper().snap({r.lat, r.lon}, m, network::kDefaultMaxSnapM);
    ps.push_back(s ? std::optional{*s} : std::nullopt);
  }
  std::vector<routing::seconds_t> out(pois.categories.size() * n_origins, routing::kUnreachable);
  street::query_state qs;
  for (std::size_t i = 0; i < n_origins; ++i) {
    auto s = net.snapper().snap(o.pos[i], m, network::kDefaultMaxSnapM);
    if (!s) continue;
    street::dijkstra(g, m, street::seeds_from(g, *s, m), cap, qs);
    for (std::size_t p = 0; p < ps.size(); ++p) {
      if (!ps[p]) continue;
      auto const t = street::time_to(g, *ps[p], m, qs.times(), &*s);
      if (t == street::kUnreached) continue;
      auto const total = std::uint64_t{t} + conn(s->dist_m) + conn(ps[p]->dist_m);
      if (total > cap) continue;
      auto& x = out[pois.records[p].category * n_origins + i];
      x = std::min(x, street::ds_to_seconds(static_cast<std::uint32_t>(total)));
    }
  }
  return out;
}

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
  auto const max_s = s->max_s;
  routing::query_state qs;
  routing::access_options ao{street::mode::walk, max_s};
  // Egress per category: min over its POIs of routing::egress.
  std::vector<std::vector<routing::stop_offset>> egress(9);
  for (std::size_t c = 0; c < 9; ++c) {
    std::map<std::uint32_t, routing::seconds_t> best;
    std::vector<routing::stop_offset> e;
    for (auto const& r : pois.records) {
      if (r.category != c) continue;
      if (!routing::egress(*net, {r.lat, r.lon}, ao, qs, e)) continue;  // too far from a street
      for (auto const& x : e) {
        auto [it, fresh] = best.emplace(x.stop.v(), x.seconds);
        if (!fresh) it->second = std::min(it->second, x.seconds);
      }
    }
    for (auto const& [st, sec] : best) egress[c].push_back({transit::stop_idx_t{st}, sec});
  }
  auto const tz = transit::time_zone::of(net->timetable()).value();
  auto const when = tz.to_service_time(transit::parse_local_date_time("2016-11-08", "08:00").value());
  std::size_t diff = 0, better_than_walk = 0;
  std::vector<routing::stop_offset> acc;
  for (std::size_t i = 0; i < 200; ++i) {
    auto const a = routing::access(*net, origins.pos[i], ao, qs, acc);
    for (std::size_t c = 0; c < 9; ++c) {
      routing::seconds_t want = s->at(0, c, i);  // the direct walk (checked above against the oracle)
      if (a && !acc.empty() && !egress[c].empty()) {
        routing::raptor_query q;
        q.day = when.day;
        q.time = when.seconds;
        q.sources = acc;
        q.targets = egress[c];
        q.opt.max_travel_seconds = max_s;
        auto const front = routing::raptor(*net, q, qs);
        ASSERT_TRUE(front) << front.error().to_string();
        for (auto const& pe : *front)
          if (pe.time != routing::kUnreachable && pe.time - when.seconds < want) {
            want = pe.time - when.seconds;
            ++better_than_walk;
          }
      }
      if (want > max_s) want = routing::kUnreachable;
      auto const got = s->at(1, c, i);
      if (got != want && diff++ < 5)
        ADD_FAILURE() << "category " << c << " origin " << i << ": " << got << " vs raptor " << want;
    }
  }
  EXPECT_EQ(diff, 0U);
  EXPECT_GT(better_than_walk, 100U);  // transit beats walking often enough for the test to mean something
}
