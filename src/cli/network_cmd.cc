// `kwartier network build|info|stops`: thin edge over kwartier::network (docs/edges.md §4.3, §4.4). Options are bound
// to a default-constructed network::build_options, so --help prints the library's defaults.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/progress.h"
#include "kwartier/core/report.h"
#include "kwartier/network/build.h"

namespace kwartier::cli {
namespace {

struct build_args {
  std::vector<std::string> gtfs;
  std::string osm;
  std::string output;
  network::build_options opt;  // defaults from C++: --help prints them
  format fmt = format::text;
  bool quiet = false;
  bool strict = false;
};

struct info_args {
  std::string file;
  format fmt = format::text;
};

struct stops_args {
  std::string file;
  std::string lang;
  format fmt = format::text;
};

void print_street(street::graph_stats const& s) {
  std::printf("osm nodes read      %llu\nosm ways read       %llu\nusable ways         %llu\n",
              (unsigned long long)s.osm_nodes, (unsigned long long)s.osm_ways, (unsigned long long)s.usable_ways);
  std::printf("missing node refs   %llu\ninvalid locations   %llu\n", (unsigned long long)s.missing_node_refs,
              (unsigned long long)s.invalid_locations);
  std::printf("street nodes        %llu (of %llu junctions before the component cut)\n",
              (unsigned long long)s.nodes, (unsigned long long)s.nodes_before_cut);
  std::printf("street edges        %llu\nstreet length       %.1f km\n", (unsigned long long)s.edges,
              s.total_length_m / 1000.0);
  for (std::size_t m = 0; m < street::kNModes; ++m) {
    auto const& ms = s.modes[m];
    std::printf("%s: %.2f m/s, %llu nodes, %llu edges kept; dropped %llu nodes, %llu edges, %.1f km in %llu of %llu "
                "components\n",
                std::string(street::mode_name(static_cast<street::mode>(m))).c_str(),
                m == 0 ? s.walk_speed_mps : s.bike_speed_mps, (unsigned long long)ms.nodes,
                (unsigned long long)ms.edges, (unsigned long long)ms.dropped_nodes,
                (unsigned long long)ms.dropped_edges, ms.dropped_length_m / 1000.0,
                (unsigned long long)(ms.components - ms.kept_components), (unsigned long long)ms.components);
  }
}

void print_meta(network::network_meta const& m) {
  std::printf("stops               %llu\nstops near a street %llu (within %.0f m of any highway)\n",
              (unsigned long long)m.stops, (unsigned long long)m.stops_near_street, m.max_link_m);
  std::printf("stops linked        %llu\nstops unlinked      %llu\n", (unsigned long long)m.stops_linked,
              (unsigned long long)m.stops_unlinked);
  std::printf("footpaths           %llu (walked %llu within %.0f m, from transfers.txt %llu, forbidden %llu)\n",
              (unsigned long long)m.footpaths, (unsigned long long)m.footpaths_walked, m.footpath_max_m,
              (unsigned long long)m.footpaths_from_gtfs, (unsigned long long)m.transfers_forbidden);
}

int run_build(build_args& a) {
  auto feeds = transit::parse_feed_specs(a.gtfs);
  if (!feeds) return report_error(feeds.error());
  progress_printer pp{a.quiet};
  a.opt.progress = pp.callback();
  auto r = network::build(*feeds, a.osm, a.output, a.opt);
  pp.finish(r.has_value());
  if (!r) return report_error(r.error());
  if (a.fmt == format::json) {
    print_json(edges::network_build_summary(a.output, *r));
  } else {
    std::printf("wrote %s (%llu bytes)\n", a.output.c_str(), static_cast<unsigned long long>(r->file_bytes));
    print_street(r->street);
    print_meta(r->meta);
    std::printf("problems            %s\n", problem_counts(r->report).c_str());
  }
  return build_exit_code(r->report, a.strict);
}

int run_info(info_args const& a) {
  auto const t0 = std::chrono::steady_clock::now();
  auto n = network::network::open(a.file);
  double const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!n) return report_error(n.error());
  if (a.fmt == format::json) {
    print_json(edges::network_info(a.file, *n));
    return kExitOk;
  }
  std::printf("file                %s (%zu bytes, opened in %.1f ms)\n", a.file.c_str(), n->size_bytes(), ms);
  if (n->has_timetable())
    std::printf("timetable           %zu stops, %zu routes, %zu trips\n", n->timetable().n_stops(),
                n->timetable().n_routes(), n->timetable().n_trips());
  else
    std::printf("timetable           none (streets only)\n");
  std::printf("access model        %s\n", std::string(network::access_model_name(n->access_model())).c_str());
  print_street(n->graph().stats_);
  print_meta(n->meta());
  return kExitOk;
}

// One record per stop from edges::network_stops (the JSON, and the columns of the text table).
int run_stops(stops_args const& a) {
  auto n = network::network::open(a.file);
  if (!n) return report_error(n.error());
  auto const j = edges::network_stops(*n, a.lang);
  if (a.fmt == format::json) {
    print_json(j);
    return kExitOk;
  }
  std::printf("%-6s %-20s %-11s %-11s %-6s %-8s %s\n", "index", "stop_id", "lat", "lon", "parent", "link_m", "name");
  std::size_t i = 0;
  for (auto const& s : j["stops"]) {
    char link[32] = "-";
    if (!s["link_m"].is_null()) std::snprintf(link, sizeof link, "%.1f", s["link_m"].get<double>());
    std::printf("%-6zu %-20s %-11.6f %-11.6f %-6lld %-8s %s\n", i++, s["stop_id"].get<std::string>().c_str(),
                s["lat"].get<double>(), s["lon"].get<double>(), static_cast<long long>(s["parent"].get<std::int64_t>()),
                link, s["name"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace

void add_network_commands(CLI::App& app, int& exit_code) {
  auto* net = app.add_subcommand("network", "Build and inspect network files (.kwn: timetable + streets)");
  net->require_subcommand(1);

  auto ba = std::make_shared<build_args>();
  auto& o = ba->opt;
  auto* b = net->add_subcommand("build", "Build a .kwn network file from GTFS feeds and an OSM extract");
  b->add_option("--gtfs", ba->gtfs, "GTFS feed spec [prefix=]path (zip or folder); repeat for several");
  b->add_option("--osm", ba->osm,
                "OpenStreetMap extract (.osm.pbf or .osm); without it, a straight-line network from GTFS alone");
  b->add_option("-o,--output", ba->output, "Output file (.kwn)")->required();
  b->add_option("--walk-speed-mps", o.profile.walk_speed_mps, "Walking speed, m/s")->capture_default_str();
  b->add_option("--bike-speed-mps", o.profile.bike_speed_mps, "Cycling speed, m/s")->capture_default_str();
  b->add_option("--max-link-m", o.max_link_m, "Link stops to streets within this many metres")->capture_default_str();
  b->add_option("--footpath-max-m", o.footpath_max_m, "Walk footpaths between stops up to this many metres")
      ->capture_default_str();
  b->add_option("--stop-area-max-m", o.stop_area_max_m,
                "Straight-line footpaths between stops of one stop area within this distance that the streets do "
                "not connect (0: off)")
      ->capture_default_str();
  b->add_option("--detour-factor", o.detour_factor,
                "Without --osm: walked distance = great-circle distance x this factor")
      ->capture_default_str();
  b->add_option("--max-frequency-trips", o.gtfs.max_frequency_trips,
                "Refuse feeds whose frequencies.txt expands into more trips (limit_exceeded; a warning at half)")
      ->capture_default_str();
  b->add_option("--min-component-nodes", o.min_component_nodes,
                "Keep street islands (components) of at least this many junctions besides the largest (0: largest only)")
      ->capture_default_str();
  add_format_option(b, ba->fmt);
  add_quiet_flag(b, ba->quiet);
  add_strict_flag(b, ba->strict);
  b->callback([ba, &exit_code] { exit_code = run_build(*ba); });

  auto ia = std::make_shared<info_args>();
  auto* i = net->add_subcommand("info", "Show what a .kwn network file holds");
  i->add_option("file", ia->file, "Network file (.kwn)")->required();
  add_format_option(i, ia->fmt);
  i->callback([ia, &exit_code] { exit_code = run_info(*ia); });

  auto sa = std::make_shared<stops_args>();
  auto* st = net->add_subcommand("stops", "The network's stops: id, name, position, parent, metres to the street "
                                          "(no second GTFS load)");
  st->add_option("file", sa->file, "Network file (.kwn)")->required();
  st->add_option("--lang", sa->lang, "Stop names in this language (translations.txt); default: the stops.txt name");
  add_format_option(st, sa->fmt);
  st->callback([sa, &exit_code] { exit_code = run_stops(*sa); });
}

}  // namespace kwartier::cli
