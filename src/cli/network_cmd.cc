// `kwartier network build|info`: thin edge over kwartier::network.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "kwartier/core/report.h"
#include "kwartier/network/build.h"

namespace kwartier::cli {
namespace {

struct build_args {
  std::vector<std::string> gtfs;
  std::string osm;
  std::string out;
  double walk_speed = 1.3;
  double bike_speed = 4.5;
  double max_link = 100.0;
  double footpath_max = 500.0;
  double detour_factor = 1.3;
  std::size_t min_component = 20;
  bool quiet = false;
};

// Progress on stderr: one line per stage, rewritten in place while the fraction grows.
struct progress_printer {
  std::string stage;
  int last = -1;
  void operator()(std::string_view s, double f) {
    int const pct = static_cast<int>(f * 100.0);
    if (s != stage) {
      if (!stage.empty()) std::fprintf(stderr, "\n");
      stage = std::string(s);
      last = -1;
    }
    if (pct == last) return;
    last = pct;
    std::fprintf(stderr, "\r  %-20s %3d%%", stage.c_str(), pct);
    std::fflush(stderr);
  }
  void done() {
    if (!stage.empty()) std::fprintf(stderr, "\n");
  }
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

std::string info_json(network::network const& n) {
  auto const& s = n.graph().stats_;
  auto const& m = n.meta();
  auto u = [](std::uint64_t v) { return std::to_string(v); };
  std::string o = "{\"street\":{\"nodes\":" + u(s.nodes) + ",\"edges\":" + u(s.edges) + ",\"chains\":" + u(s.chains) +
                  ",\"length_m\":" + std::to_string(s.total_length_m) + ",\"osm_nodes\":" + u(s.osm_nodes) +
                  ",\"osm_ways\":" + u(s.osm_ways) + ",\"modes\":{";
  for (std::size_t i = 0; i < street::kNModes; ++i) {
    auto const& ms = s.modes[i];
    o += std::string(i ? "," : "") + "\"" + std::string(street::mode_name(static_cast<street::mode>(i))) +
         "\":{\"nodes\":" + u(ms.nodes) + ",\"edges\":" + u(ms.edges) + ",\"dropped_nodes\":" + u(ms.dropped_nodes) +
         ",\"dropped_edges\":" + u(ms.dropped_edges) + ",\"dropped_components\":" +
         u(ms.components - ms.kept_components) + "}";
  }
  o += "}},\"stops\":" + u(m.stops) + ",\"stops_near_street\":" + u(m.stops_near_street) +
       ",\"stops_linked\":" + u(m.stops_linked) + ",\"stops_unlinked\":" + u(m.stops_unlinked) +
       ",\"footpaths\":" + u(m.footpaths) + ",\"footpaths_walked\":" + u(m.footpaths_walked) +
       ",\"footpaths_from_gtfs\":" + u(m.footpaths_from_gtfs) + ",\"access_model\":\"" +
       std::string(network::access_model_name(n.access_model())) + "\",\"bytes\":" + u(n.size_bytes()) + "}";
  return o;
}

}  // namespace

void add_network_commands(CLI::App& app, int& exit_code) {
  auto* net = app.add_subcommand("network", "Build and inspect network files (.kwn: timetable + streets)");
  net->require_subcommand(1);

  auto args = std::make_shared<build_args>();
  auto* b = net->add_subcommand("build", "Build a .kwn network file from GTFS feeds and an OSM extract");
  b->add_option("--gtfs", args->gtfs, "GTFS feed (zip or folder); repeat for several; prefix=path names an id namespace");
  b->add_option("--osm", args->osm,
                "OpenStreetMap extract (.osm.pbf or .osm); without it, a straight-line network from GTFS alone");
  b->add_option("-o,--output", args->out, "Output file (.kwn)")->required();
  b->add_option("--walk-speed", args->walk_speed, "Walking speed, m/s")->capture_default_str();
  b->add_option("--bike-speed", args->bike_speed, "Cycling speed, m/s")->capture_default_str();
  b->add_option("--max-link", args->max_link, "Link stops to streets within this many metres")->capture_default_str();
  b->add_option("--footpath-max", args->footpath_max, "Walk footpaths between stops up to this many metres")
      ->capture_default_str();
  b->add_option("--detour-factor", args->detour_factor,
                "Without --osm: walked distance = great-circle distance x this factor")
      ->capture_default_str();
  b->add_option("--min-component", args->min_component,
                "Keep street islands (components) of at least this many junctions besides the largest (0: largest only)")
      ->capture_default_str();
  b->add_flag("-q,--quiet", args->quiet, "No progress on stderr");
  b->callback([args, &exit_code] {
    std::vector<transit::feed_input> feeds;
    for (auto const& a : args->gtfs) {
      auto const eq = a.find('=');
      if (eq != std::string::npos && eq > 0 && a.find('/') > eq)
        feeds.push_back({a.substr(eq + 1), a.substr(0, eq)});
      else
        feeds.push_back({a, {}});
    }
    network::build_options opt;
    opt.profile.walk_speed_mps = args->walk_speed;
    opt.profile.bike_speed_mps = args->bike_speed;
    opt.max_link_m = args->max_link;
    opt.footpath_max_m = args->footpath_max;
    opt.min_component_nodes = args->min_component;
    opt.detour_factor = args->detour_factor;
    auto pp = std::make_shared<progress_printer>();
    if (!args->quiet) opt.progress = [pp](std::string_view s, double f) { (*pp)(s, f); };
    auto const t0 = std::chrono::steady_clock::now();
    auto r = network::build(feeds, args->osm, args->out, opt);
    pp->done();
    if (!r) {
      exit_code = report_error(r.error());
      return;
    }
    double const secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("wrote %s (%llu bytes) in %.2f s\n", args->out.c_str(), (unsigned long long)r->file_bytes, secs);
    print_street(r->street);
    print_meta(r->meta);
    auto const& rep = r->report;
    std::printf("problems            %zu errors, %zu warnings, %zu infos\n", rep.count(severity::error),
                rep.count(severity::warning), rep.count(severity::info));
    exit_code = 0;
  });

  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto* i = net->add_subcommand("info", "Show what a .kwn network file holds");
  i->add_option("file", *path, "Network file (.kwn)")->required();
  i->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  i->callback([path, format, &exit_code] {
    auto const t0 = std::chrono::steady_clock::now();
    auto n = network::network::open(*path);
    double const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!n) {
      exit_code = report_error(n.error());
      return;
    }
    if (*format == "json") {
      std::printf("%s\n", info_json(*n).c_str());
    } else {
      std::printf("file                %s (%zu bytes, opened in %.1f ms)\n", path->c_str(), n->size_bytes(), ms);
      if (n->has_timetable())
        std::printf("timetable           %zu stops, %zu routes, %zu trips\n", n->timetable().n_stops(),
                    n->timetable().n_routes(), n->timetable().n_trips());
      else
        std::printf("timetable           none (streets only)\n");
      std::printf("access model        %s\n", std::string(network::access_model_name(n->access_model())).c_str());
      print_street(n->graph().stats_);
      print_meta(n->meta());
    }
    exit_code = 0;
  });
}

}  // namespace kwartier::cli
