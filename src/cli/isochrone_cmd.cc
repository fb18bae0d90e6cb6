// `kwartier isochrone`: thin edge over routing::isochrone (docs/edges.md §4.8c). Options are bound to a
// default-constructed routing::isochrone_request, so --help prints the library's defaults; the date, time,
// mode and LAT,LON are converted with the library's own parsers. The GeoJSON is
// routing::isochrone_result::to_geojson(), the summary edges::to_json(isochrone_result).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/gbfs_opt.h"
#include "cli/progress.h"
#include "kwartier/core/output.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::cli {
namespace {

struct isochrone_args {
  std::string network, from, date, time, mode, unknown, output, gbfs;
  routing::isochrone_request req;  // defaults from C++
  format fmt = format::text;
  bool quiet = false;
};

int run_isochrone(isochrone_args& a) {
  auto& r = a.req;
  if (!parse_point(a.from, r.from)) {
    std::fprintf(stderr, "kwartier isochrone: --from takes LAT,LON (two numbers, e.g. 49.4094,8.6931)\n");
    return kExitUsage;
  }
  // --date and --time are given for walk + transit; absent, the request keeps "none" and the core says so.
  if (!a.date.empty()) {
    auto const date = transit::parse_date(a.date);
    if (!date) return report_error(date.error());
    r.date = *date;
  }
  if (!a.time.empty()) {
    auto const time = transit::parse_time_of_day(a.time);
    if (!time) return report_error(time.error());
    r.time = *time;
  }
  auto const modes = routing::parse_modes(a.mode);
  if (!modes) return report_error(modes.error());
  r.mode = modes->mode;
  r.use_bikeshare = modes->bikeshare;
  r.bike_and_ride = modes->bike_and_ride;
  auto const unknown = routing::parse_wheelchair_unknown(a.unknown);
  if (!unknown) return report_error(unknown.error());
  r.unknown = *unknown;
  if (!a.output.empty())  // a bad -o fails before the search (result file: core/output.h kResultOutput)
    if (auto ok = check_output_target(a.output, kResultOutput); !ok) return report_error(ok.error());
  auto const net = network::network::open(a.network);
  if (!net) return report_error(net.error());
  auto gbfs = load_gbfs_option(*net, a.gbfs, "isochrone");
  if (!gbfs) return report_error(gbfs.error());
  r.bikeshare = *gbfs;
  progress_printer pp{a.quiet};
  r.progress = pp.callback();
  routing::query_state qs;
  auto const iso = routing::isochrone(*net, r, qs);
  pp.finish(iso.has_value());
  if (!iso) return report_error(iso.error());
  auto const geojson = iso->to_geojson();
  if (a.output.empty()) {  // no -o: the GeoJSON on stdout, nothing else
    std::fwrite(geojson.data(), 1, geojson.size(), stdout);
    std::fputc('\n', stdout);
    return kExitOk;
  }
  if (auto w = write_file_atomically(a.output, geojson + '\n', kResultOutput); !w) return report_error(w.error());
  if (a.fmt == format::json) {
    print_json(edges::to_json(*iso));
    return kExitOk;
  }
  auto const mode = iso->mode_label();
  std::printf("wrote %s (%llu bytes): %s, budget %d s, %zu of %zu street nodes reached\n", a.output.c_str(),
              static_cast<unsigned long long>(geojson.size() + 1),
              mode.c_str(),
              iso->max_seconds(), iso->n_reached(), iso->node_seconds().size());
  for (auto const& b : iso->bands())
    std::printf("  band %6d s  %8zu nodes  %12.0f m2\n", b.seconds, b.nodes, b.shape.area_m2());
  return kExitOk;
}

}  // namespace

void add_isochrone_commands(CLI::App& app, int& exit_code) {
  auto ia = std::make_shared<isochrone_args>();
  auto& r = ia->req;
  ia->mode = std::string(routing::travel_mode_name(r.mode));
  ia->unknown = std::string(routing::wheelchair_unknown_name(r.unknown));
  auto* c = app.add_subcommand("isochrone",
                               "Travel time to every street node from a point, and GeoJSON polygons for time bands");
  c->add_option("--network", ia->network, "Network file (.kwn)")->required();
  c->add_option("--from", ia->from, "Origin LAT,LON")->required();
  c->add_option("--mode", ia->mode,
                "walk, bike or transit (walk + transit); or a comma-separated list of walk, transit, bikeshare "
                "(needs --gbfs) and bike_and_ride")
      ->capture_default_str();
  c->add_option("--gbfs", ia->gbfs, "Bike share: a GBFS 2.3/3.0 folder or its gbfs.json (mode bikeshare)");
  c->add_option("--date", ia->date, "Transit: local date YYYY-MM-DD (the timetable's time zone)");
  c->add_option("--time", ia->time, "Transit: local departure time HH:MM or HH:MM:SS");
  c->add_option("--max-seconds", r.max_seconds, "Budget of the node times, seconds")->capture_default_str();
  c->add_option("--bands", r.bands, "Polygon bands in seconds, comma-separated, each at most --max-seconds")
      ->delimiter(',')
      ->capture_default_str();
  add_bool_option(c, "step_free", r.step_free,
                  "Avoid steps, wheelchair=no and raised kerbs; stops and trips with wheelchair_*=2");
  c->add_option("--unknown", ia->unknown, "Step-free: allow or avoid streets, stops and trips with no value")
      ->check(CLI::IsMember({"allow", "avoid"}))
      ->capture_default_str();
  c->add_option("--max-transfers", r.max_transfers, "Transit: at most this many transfers")->capture_default_str();
  c->add_option("--min-change-seconds", r.min_change_seconds,
                "Transit: same-stop change without a transfers.txt entry, seconds")
      ->capture_default_str();
  c->add_option("--max-snap-m", r.max_snap_m, "Origin within this many metres of a street")->capture_default_str();
  c->add_option("--buffer-m", r.buffer_m, "Half-width of the polygons around the reached streets, metres")
      ->capture_default_str();
  add_bool_option(c, "polygons", r.polygons, "Draw the band polygons (off: node counts only, empty geometries)");
  c->add_option("-o,--output", ia->output, "GeoJSON output file (FeatureCollection, one Feature per band); "
                                            "without it the GeoJSON goes to stdout");
  add_format_option(c, ia->fmt);
  add_quiet_flag(c, ia->quiet);
  c->callback([ia, &exit_code] { exit_code = run_isochrone(*ia); });
}

}  // namespace kwartier::cli
