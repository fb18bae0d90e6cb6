// Real pairs: Beatty (sample feed + beatty.osm), central Atlanta (MARTA + OSM) and RNV (Heidelberg/Mannheim).
// Counts come from each folder's SOURCE.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "kwartier/network/build.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/street.h"

namespace kwartier::network {
namespace {

namespace fs = std::filesystem;
fs::path const kData{KW_SHARED_DATA_DIR};

fs::path out_dir() {
  auto const d = fs::temp_directory_path() / ("kw_network_data_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

void print(char const* name, build_summary const& s) {
  auto const& st = s.street;
  std::printf("%s: street nodes %llu, edges %llu, chains %llu; walk drops %llu nodes (%llu components), bike drops "
              "%llu; stops %llu, within 100 m of a street %llu, linked %llu, unlinked %llu; footpaths %llu (walked %llu, gtfs %llu); %llu bytes\n",
              name, (unsigned long long)st.nodes, (unsigned long long)st.edges, (unsigned long long)st.chains,
              (unsigned long long)st.modes[0].dropped_nodes, (unsigned long long)(st.modes[0].components - st.modes[0].kept_components),
              (unsigned long long)st.modes[1].dropped_nodes, (unsigned long long)s.meta.stops, (unsigned long long)s.meta.stops_near_street,
              (unsigned long long)s.meta.stops_linked, (unsigned long long)s.meta.stops_unlinked,
              (unsigned long long)s.meta.footpaths, (unsigned long long)s.meta.footpaths_walked,
              (unsigned long long)s.meta.footpaths_from_gtfs, (unsigned long long)s.file_bytes);
}

TEST(network_data, beatty_sample_feed_builds_from_xml_and_pbf_alike) {
  auto const dir = kData / "gtfs-sample-beatty";
  auto a = build({{dir / "sample-feed", ""}}, dir / "beatty.osm", out_dir() / "beatty-xml.kwn");
  auto b = build({{dir / "sample-feed", ""}}, dir / "beatty.osm.pbf", out_dir() / "beatty-pbf.kwn");
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(b) << b.error().to_string();
  print("beatty", *a);
  EXPECT_EQ(a->meta.stops, 11U);  // SOURCE.md: 11 stops
  EXPECT_EQ(a->meta.stops_linked, b->meta.stops_linked);
  EXPECT_EQ(a->meta.footpaths, b->meta.footpaths);
  EXPECT_EQ(a->street.nodes, b->street.nodes);
  EXPECT_EQ(a->street.edges, b->street.edges);
  EXPECT_EQ(a->file_bytes, b->file_bytes);
  EXPECT_EQ(a->meta.stops_linked + a->meta.stops_unlinked, 11U);
  auto n = network::open(out_dir() / "beatty-pbf.kwn");
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(n->timetable().n_stops(), 11U);
}

TEST(network_data, atlanta_pair_builds) {
  auto const dir = kData / "otp-atlanta";
  auto s = build({{dir / "atlanta-blue-green-line.gtfs.zip", ""}}, dir / "central-atlanta-filtered.osm.pbf",
                 out_dir() / "atlanta.kwn");
  ASSERT_TRUE(s) << s.error().to_string();
  print("atlanta", *s);
  EXPECT_EQ(s->meta.stops, 221U);
  // SOURCE.md: 64 of 221 stops lie inside the OSM bbox, 55 have a highway node within 100 m. Linking snaps
  // to the street geometry (not only its nodes), and some platforms in the bbox are > 100 m from any street.
  EXPECT_GE(s->meta.stops_linked, 50U);
  EXPECT_LE(s->meta.stops_linked, 64U);
  EXPECT_EQ(s->meta.stops_linked + s->meta.stops_unlinked, 221U);
  EXPECT_GT(s->meta.footpaths_walked, 0U);
}

TEST(network_data, rnv_pair_builds_and_links_nearly_every_stop) {
  auto const dir = kData / "rnv-heidelberg";
  auto const out = out_dir() / "rnv.kwn";
  // The extract holds car roads only (no footways, sidewalks or paths): roads tagged foot=no (their sidewalks
  // were mapped separately and filtered out) cut Mannheim quarters off the largest walk component.
  build_options strict_opt;
  strict_opt.min_component_nodes = 0;  // largest component per mode only
  auto strict = build({{dir / "rnv.zip", ""}}, dir / "rnv.osm.pbf", out_dir() / "rnv-strict.kwn", strict_opt);
  ASSERT_TRUE(strict) << strict.error().to_string();
  print("rnv (largest component only)", *strict);
  EXPECT_EQ(strict->meta.stops, 2057U);
  // SOURCE.md: 2,048 of 2,057 stops have a highway node within 100 m (any highway, motorways included).
  EXPECT_GE(strict->meta.stops_near_street, 2048U);
  EXPECT_EQ(strict->street.modes[0].kept_components, 1U);
  EXPECT_GT(strict->meta.stops_linked, 1500U);
  EXPECT_EQ(strict->meta.stops_linked + strict->meta.stops_unlinked, 2057U);
  EXPECT_EQ(strict->report.count("stop_unlinked"), strict->meta.stops_unlinked);
  // By default islands of 20+ junctions are kept too (build_options::min_component_nodes): the issue's
  // floor is 1,990 linked stops; the rest lie only by motorways or foot=no roads, and each is reported.
  auto s = build({{dir / "rnv.zip", ""}}, dir / "rnv.osm.pbf", out);
  ASSERT_TRUE(s) << s.error().to_string();
  print("rnv (default: islands of 20+ junctions kept)", *s);
  EXPECT_GT(s->street.modes[0].kept_components, 1U);
  EXPECT_GE(s->meta.stops_linked, 1990U);
  EXPECT_EQ(s->meta.stops_linked + s->meta.stops_unlinked, 2057U);
  EXPECT_EQ(s->report.count("stop_unlinked"), s->meta.stops_unlinked);
  EXPECT_GE(s->report.count("dropped_components"), 1U);  // per mode: nodes, islands and kilometres dropped
  for (auto const& p : s->report.problems())
    if (p.code == "stop_unlinked" && p.message.find("the nearest highway") != std::string::npos)
      EXPECT_NE(p.message.find("not walkable"), std::string::npos) << p.message;
  EXPECT_GT(s->meta.footpaths_walked, 2057U);
  auto n = network::open(out);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(n->timetable().n_stops(), 2057U);
  // Every walked footpath respects the 500 m bound: at 1.3 m/s that is 385 s at most.
  for (std::uint32_t st = 0; st < n->n_stops(); ++st)
    for (auto const& f : n->footpaths(transit::stop_idx_t{st}))
      if (f.source == footpath_source::walked) ASSERT_LE(f.seconds, 385) << st;
  // RNV's stops are single platforms (no parent stations, no transfers.txt): changing platforms is walked on
  // the streets. Every pair of linked platforms with the same name within 150 m of each other gets a footpath
  // both ways: walked where the streets connect them within 500 m, else a straight line (stop_area_max_m:
  // the extract has no sidewalks along foot=no roads, e.g. Gewerkschaftshaus or Voltastraße).
  auto const& tt = n->timetable();
  std::size_t pairs = 0, with_path = 0;
  for (std::uint32_t a = 0; a < n->n_stops(); ++a)
    for (std::uint32_t b = 0; b < n->n_stops(); ++b) {
      if (a == b || tt.stop_name(transit::stop_idx_t{a}) != tt.stop_name(transit::stop_idx_t{b})) continue;
      if (n->stop_links()[a].chain == street::kNoEdge || n->stop_links()[b].chain == street::kNoEdge) continue;
      auto const pa = tt.stop_pos(transit::stop_idx_t{a}), pb = tt.stop_pos(transit::stop_idx_t{b});
      if (geo::haversine_m({pa.lat, pa.lon}, {pb.lat, pb.lon}) > 150.0) continue;
      ++pairs;
      auto const fps = n->footpaths(transit::stop_idx_t{a});
      bool const has = std::any_of(fps.begin(), fps.end(), [&](footpath const& f) { return f.to == b; });
      with_path += has ? 1 : 0;
      if (!has && getenv("KW_DIAG")) {
        routing::query_state q2;
        auto d = routing::direct(*n, {pa.lat, pa.lon}, {pb.lat, pb.lon}, {street::mode::walk, 36000}, q2);
        std::printf("missing %s %s -> %s: straight %.0f m, link %.0f/%.0f m, direct %d s\n", std::string(tt.stop_name(transit::stop_idx_t{a})).c_str(),
                    std::string(tt.stop_id(transit::stop_idx_t{a})).c_str(), std::string(tt.stop_id(transit::stop_idx_t{b})).c_str(),
                    geo::haversine_m({pa.lat, pa.lon}, {pb.lat, pb.lon}), n->stop_links()[a].dist_m, n->stop_links()[b].dist_m, d ? *d : -1);
      }
    }
  std::printf("rnv: %zu same-name platform pairs within 150 m, %zu with a walked footpath\n", pairs, with_path);
  EXPECT_GT(pairs, 2000U);
  EXPECT_EQ(with_path, pairs);
  std::size_t straight = 0;
  for (std::uint32_t a = 0; a < n->n_stops(); ++a)
    for (auto const& f : n->footpaths(transit::stop_idx_t{a})) straight += f.source == footpath_source::straight_line;
  std::printf("rnv: %zu stop-area footpaths as straight lines\n", straight);
  EXPECT_EQ(s->report.count("stop_area_footpaths"), 1U);
  // Bismarckplatz (Heidelberg): its linked platforms reach each other on foot.
  std::vector<std::uint32_t> bis;
  for (std::uint32_t a = 0; a < n->n_stops(); ++a)
    if (tt.stop_name(transit::stop_idx_t{a}) == "Bismarckplatz" && n->stop_links()[a].chain != street::kNoEdge)
      bis.push_back(a);
  EXPECT_GE(bis.size(), 4U);
  for (auto a : bis)
    for (auto b : bis)
      if (a != b) {
        auto const fps = n->footpaths(transit::stop_idx_t{a});
        EXPECT_TRUE(std::any_of(fps.begin(), fps.end(), [&](footpath const& f) { return f.to == b; })) << a << " " << b;
      }
  // Heidelberg Bismarckplatz area on foot for 15 minutes.
  routing::query_state qs;
  auto t = routing::street_from(*n, {49.4094, 8.6931}, {street::mode::walk, 900}, qs);
  ASSERT_TRUE(t) << t.error().to_string();
  auto const reached = static_cast<std::int64_t>(t->reached().size());
  EXPECT_GT(reached, 100);
  EXPECT_LT(reached, 5000);
}

}  // namespace
}  // namespace kwartier::network
