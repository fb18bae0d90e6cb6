// `kwartier access`: thin edge over access::score (docs/edges.md §4.8, docs/access.md). Options are bound to a
// default-constructed access::score_request, so --help prints the library's defaults. The PNG and HTML maps
// are drawn by the Python package (python3 -m kwartier.access_map on the GeoJSON written here): the same
// drawing code as kwartier.access.plot.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "edges/access_json.h"
#include "kwartier/access/output.h"
#include "kwartier/core/output.h"
#include "kwartier/access/run.h"
#include "kwartier/network/network.h"

#ifndef KW_PYTHON_EXECUTABLE
#define KW_PYTHON_EXECUTABLE "/usr/bin/python3"
#endif

namespace kwartier::cli {
namespace {

struct access_args {
  std::string network;
  access::score_request req;
  std::string modes = "walk";
  std::string output, csv, summary_csv, map, html, map_mode;
  format fmt = format::text;
  bool quiet = false;
};

// Runs python3 -m kwartier.access_map; the exit status of the child, or -1 when it could not start.
int draw_maps(std::string const& geojson, std::string const& png, std::string const& html, std::string const& mode) {
  char const* env = std::getenv("KW_PYTHON");
  std::string const py = env != nullptr && *env != '\0' ? env : KW_PYTHON_EXECUTABLE;
  std::vector<std::string> args{py, "-m", "kwartier.access_map", geojson};
  if (!png.empty()) args.insert(args.end(), {"--png", png});
  if (!html.empty()) args.insert(args.end(), {"--html", html});
  if (!mode.empty()) args.insert(args.end(), {"--mode", mode});
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t const pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    std::_Exit(127);
  }
  int st = 0;
  if (::waitpid(pid, &st, 0) < 0) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int run(access_args& a) {
  auto modes = access::parse_modes(a.modes);
  if (!modes) return report_error(modes.error());
  a.req.opt.modes = *modes;
  // A bad output path (a folder, a missing folder, a link) fails at once, not after the scores are computed.
  for (auto const* out : {&a.output, &a.csv, &a.summary_csv})
    if (!out->empty())
      if (auto ok = check_output_target(*out, kResultOutput); !ok) return report_error(ok.error());
  for (auto const* out : {&a.map, &a.html})  // written by matplotlib / folium: regular files only
    if (!out->empty())
      if (auto ok = check_output_target(*out); !ok) return report_error(ok.error());
  auto net = network::network::open(a.network);
  if (!net) return report_error(net.error());
  progress_printer pp{a.quiet};
  a.req.opt.progress = pp.callback();
  auto r = access::score(*net, a.req);
  pp.finish(r.has_value());
  if (!r) return report_error(r.error());

  auto const* areas = r->districts ? &*r->districts : nullptr;
  auto const* by_area = r->districts ? &r->by_area : nullptr;
  auto const pv = poi::view_of(r->pois);
  std::string geojson = a.output;
  bool const maps = !a.map.empty() || !a.html.empty();
  std::filesystem::path tmp;
  if (geojson.empty() && maps) {
    tmp = std::filesystem::temp_directory_path() / ("kwartier-access-" + std::to_string(::getpid()) + ".geojson");
    geojson = tmp.string();
  }
  if (!geojson.empty()) {
    if (auto w = access::write_text(geojson, access::to_geojson(r->scores, r->origins, &pv, areas, by_area)); !w)
      return report_error(w.error());
  }
  if (!a.csv.empty())
    if (auto w = access::write_text(a.csv, access::to_csv(r->scores, r->origins)); !w) return report_error(w.error());
  if (!a.summary_csv.empty()) {
    auto const text = access::summary_csv(r->scores, r->districts ? r->by_area : r->total);
    if (auto w = access::write_text(a.summary_csv, text); !w) return report_error(w.error());
  }
  if (maps) {
    int const rc = draw_maps(geojson, a.map, a.html, a.map_mode);
    if (!tmp.empty()) std::filesystem::remove(tmp);
    if (rc != 0)
      return report_error(error{errc::unsupported,
                                "drawing the maps failed (python3 -m kwartier.access_map exited " + std::to_string(rc) +
                                    "): the kwartier Python package with matplotlib and folium is needed",
                                {}, 0, a.map.empty() ? "html" : "map"});
  }

  if (a.fmt == format::json) {
    print_json(edges::access_summary(*r));
    return kExitOk;
  }
  auto const& s = r->scores;
  std::printf("%zu origins (%s), %zu POIs in %zu categories, threshold %.0f min", r->origins.size(),
              std::string(access::origin_kind_name(r->origins.kind)).c_str(), r->pois.size(), s.n_categories(),
              s.threshold_s / 60.0);
  if (!s.date.empty())
    std::printf(", transit on %s at %s%s", s.date.c_str(), s.time.c_str(),
                s.default_date ? " (default day: no --date given)" : "");
  if (s.window_minutes > 0) std::printf(", %.0f-minute window, percentile %.0f", s.window_minutes, s.percentile);
  std::printf("\n\n%s", access::summary_text(s, r->total).c_str());
  if (r->districts) {
    std::printf("\n%-24s %8s", "area", "origins");
    for (auto const m : s.modes) std::printf(" %10s", (std::string(access::mode_name(m)) + " share").c_str());
    std::printf("\n");
    auto const nm = s.modes.size();
    for (std::size_t ai = 0; ai < r->by_area.names.size(); ++ai) {
      std::printf("%-24s %8zu", r->by_area.names[ai].c_str(), r->by_area.n_origins[ai]);
      for (std::size_t mi = 0; mi < nm; ++mi) std::printf(" %9.1f%%", r->by_area.share[ai * nm + mi] * 100.0);
      std::printf("\n");
    }
  }
  std::printf("\n");
  if (!a.output.empty()) std::printf("wrote %s\n", a.output.c_str());
  if (!a.csv.empty()) std::printf("wrote %s\n", a.csv.c_str());
  if (!a.summary_csv.empty()) std::printf("wrote %s\n", a.summary_csv.c_str());
  if (!a.map.empty()) std::printf("wrote %s\n", a.map.c_str());
  if (!a.html.empty()) std::printf("wrote %s\n", a.html.c_str());
  std::printf("problems: %s\n", problem_counts(r->report).c_str());
  if (!a.quiet)
    for (auto const& p : r->report.problems())
      if (p.severity != severity::info || p.code == "default_date")
        std::fprintf(stderr, "%s: %s%s%s\n", std::string(severity_name(p.severity)).c_str(),
                     p.file.empty() ? "" : (p.file + (p.line ? ":" + std::to_string(p.line) : std::string{}) + ": ").c_str(),
                     p.field.empty() ? "" : (p.field + ": ").c_str(), p.message.c_str());
  return kExitOk;
}

}  // namespace

void add_access_commands(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<access_args>();
  auto& r = a->req;
  auto& o = r.opt;
  auto* c = app.add_subcommand("access", "15-minute city: which POI categories each origin reaches, per mode");
  c->add_option("--network", a->network, "Network file (.kwn)")->required();
  c->add_option("--pois", r.pois, "POIs: osm (extracted by network build) or a CSV / GeoJSON file")
      ->capture_default_str();
  c->add_option("--category-column", r.category_column, "POI files: the column / property naming the category")
      ->capture_default_str();
  c->add_option("--categories", r.categories,
                "Categories to score, with weights: pharmacy,school:2,park (default: all, weight 1)");
  c->add_option("--modes", a->modes, "Modes, comma-separated: walk, bike, transit")->capture_default_str();
  c->add_option("--minutes", o.minutes, "Threshold: reached within this many minutes")->capture_default_str();
  c->add_option("--max-minutes", o.max_minutes, "Travel times are computed up to this many minutes")
      ->capture_default_str();
  c->add_option("--date", o.date,
                "Transit: local date YYYY-MM-DD (default: the first Tuesday with service in the timetable)");
  c->add_option("--time", o.time, "Transit: departure time HH:MM")->capture_default_str();
  c->add_option("--window-minutes", o.window_minutes,
                "Transit: score every minute of [time, time + window) and report the percentile")
      ->capture_default_str();
  c->add_option("--percentile", o.percentile, "Transit window: the percentile (1..100) of the travel times")
      ->capture_default_str();
  c->add_option("--grid,--grid-m", r.grid_m, "Origins: a grid of cells this many metres wide");
  c->add_option("--origins", r.origins, "Origins: points from a CSV / GeoJSON file (default: every street node)");
  c->add_option("--weight-column", r.weight_column, "Origins file: population / weight column");
  c->add_option("--areas", r.areas, "Districts (GeoJSON polygons) for the per-area summary");
  c->add_option("--area-name", r.area_name, "Districts: the property naming an area")->capture_default_str();
  c->add_option("--max-snap-m", o.max_snap_m, "Origins and POIs farther from a street are off the network")
      ->capture_default_str();
  c->add_option("--threads", o.threads, "Threads (0: one per hardware thread)")->capture_default_str();
  c->add_option("-o,--output", a->output, "GeoJSON of the origins (points or grid cells) with their scores");
  c->add_option("--csv", a->csv, "CSV of the origins with their scores");
  c->add_option("--summary-csv", a->summary_csv, "CSV of the per-area (or whole-region) summary");
  c->add_option("--map", a->map, "PNG map (matplotlib)");
  c->add_option("--html", a->html, "Interactive HTML map (folium; works offline)");
  c->add_option("--map-mode", a->map_mode, "The mode the maps show (default: the first of --modes)");
  add_format_option(c, a->fmt);
  add_quiet_flag(c, a->quiet);
  c->callback([a, &exit_code] { exit_code = run(*a); });
}

}  // namespace kwartier::cli
