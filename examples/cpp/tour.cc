// A tour of the C++ API on the sample data: validate a GTFS feed, build and query a street network, build
// and query a procedure index. Usage: kwartier_tour_cpp [DATA_DIR] [OUT_DIR]
#include <kwartier/network/build.h>
#include <kwartier/routing/street.h>
#include <kwartier/search/search.h>
#include <kwartier/transit/gtfs.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;
namespace kw = kwartier;

int main(int argc, char** argv) {
  fs::path const data = argc > 1 ? argv[1] : "data";
  fs::path const out = argc > 2 ? argv[2] : fs::temp_directory_path() / "kwartier-tour-cpp";
  fs::create_directories(out);

  // 1. GTFS: load + validate, then the compact timetable.
  auto feed = kw::transit::load_gtfs(data / "gtfs/mini-brussels");
  if (!feed) return std::fprintf(stderr, "%s\n", feed.error().to_string().c_str()), 1;
  std::printf("gtfs: %zu stops, %zu trips, %zu errors\n", feed->counts.stops, feed->counts.trips,
              feed->report.count(kw::severity::error));

  // 2. Network: GTFS + OSM -> one .kwn file, opened by mmap; a 15-minute walk from Brussels-Central.
  auto built = kw::network::build({{data / "gtfs/mini-brussels", ""}}, data / "osm/mini-brussels.osm",
                                  out / "mini.kwn");
  if (!built) return std::fprintf(stderr, "%s\n", built.error().to_string().c_str()), 1;
  auto net = kw::network::network::open(out / "mini.kwn");
  if (!net) return std::fprintf(stderr, "%s\n", net.error().to_string().c_str()), 1;
  kw::routing::query_state qs;  // per-thread scratch, reused across queries
  auto secs = kw::routing::street_from(*net, {50.8483, 4.3500}, {kw::street::mode::walk, 15 * 60}, qs);
  if (!secs) return std::fprintf(stderr, "%s\n", secs.error().to_string().c_str()), 1;
  std::printf("network: %zu stops, %zu of %zu street nodes within 15 min on foot\n", net->n_stops(),
              secs->reached().size(), secs->size());

  // 3. Search: catalogue -> index directory; a Dutch compound, answered in Dutch then French.
  auto cat = kw::search::load_catalogue(data / "catalogue");
  if (!cat) return std::fprintf(stderr, "%s\n", cat.error().to_string().c_str()), 1;
  auto stats = kw::search::build_index(cat->procedures, out / "index");
  if (!stats) return std::fprintf(stderr, "%s\n", stats.error().to_string().c_str()), 1;
  auto idx = kw::search::index::open(out / "index");
  if (!idx) return std::fprintf(stderr, "%s\n", idx.error().to_string().c_str()), 1;
  kw::search::query_options q;
  q.langs = {"nl", "fr"};
  auto res = idx->query("identiteitskaart", q);
  if (!res || res->hits.empty()) return std::fprintf(stderr, "search failed\n"), 1;
  std::printf("search: %zu documents; 'identiteitskaart' -> %s [%s] %s\n", idx->n_documents(),
              res->hits[0].id.c_str(), res->hits[0].lang.c_str(), res->hits[0].title.c_str());
  return 0;
}
