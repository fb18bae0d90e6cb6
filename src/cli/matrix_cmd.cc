// `kwartier matrix`: thin edge over routing::matrix (docs/edges.md §4.8d). Options are bound to a
// default-constructed routing::matrix_request, so --help prints the library's defaults. Origins and
// destinations are read with access::load_origins (CSV lat,lon[,id] or GeoJSON points); a matrix keeps every
// row, so a row the loader had to skip is an error naming its file and line. The output is a CSV (one row per
// origin: its id, then one column per destination id) or a .npy array (int32 seconds or uint16 minutes,
// [origin][destination]); unreachable cells hold routing::kUnreachable (2147483647) or
// routing::kUnreachableMinutes (65535). Progress and a one-line summary go to stderr (none with -q); --format
// json prints the summary as JSON on stdout.
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/progress.h"
#include "kwartier/access/origins.h"
#include "kwartier/core/output.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::cli {
namespace {

struct matrix_args {
  std::string network, origins, destinations, output, date, time, mode, access_mode, unit = "seconds";
  routing::matrix_request req;  // defaults from C++
  bool quiet = false;
  format fmt = format::text;
};

bool ends_with(std::string const& s, char const* suffix) {
  auto const n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

result<access::origins> load_points(std::string const& path) {
  validation_report rep;
  KW_TRY(auto o, access::load_origins(path, {}, rep));
  if (!rep.empty()) {
    auto const& p = rep.problems().front();
    return make_error(errc::invalid_format,
                      p.message + " (a matrix keeps every row: fix or remove it; " + std::to_string(rep.problems().size()) +
                          " problem(s) in this file)",
                      p.file, p.line, p.field);
  }
  return o;
}

// .npy version 1.0: magic, header dict padded with spaces to a multiple of 64 bytes, then the data.
status write_npy(std::string const& path, void const* data, std::size_t n_bytes, char const* descr, std::size_t rows,
                 std::size_t cols) {
  std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" +
                       std::to_string(rows) + ", " + std::to_string(cols) + "), }";
  auto const total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  KW_TRY(auto f, output_file::create(path, kResultOutput));
  auto const hl = static_cast<std::uint16_t>(header.size());
  char const pre[10] = {'\x93', 'N', 'U', 'M', 'P', 'Y', 1, 0, static_cast<char>(hl & 0xFF), static_cast<char>(hl >> 8)};
  KW_TRY_VOID(f.write(pre, sizeof pre));
  KW_TRY_VOID(f.write(header));
  KW_TRY_VOID(f.write(data, n_bytes));
  return f.commit();
}

status write_csv(std::string const& path, routing::travel_time_matrix const& m, access::origins const& o,
                 access::origins const& d, bool minutes) {
  KW_TRY(auto f, output_file::create(path, kResultOutput));
  std::string line = "origin_id";
  for (auto const& id : d.ids) line += ',' + id;
  line.push_back('\n');
  KW_TRY_VOID(f.write(line));
  for (std::size_t i = 0; i < m.n_origins; ++i) {
    line = o.ids[i];
    for (auto const s : m.row(i)) {
      line.push_back(',');
      line += minutes ? std::to_string(routing::to_minutes(s)) : std::to_string(s);
    }
    line.push_back('\n');
    KW_TRY_VOID(f.write(line));
  }
  return f.commit();
}

int run_matrix(matrix_args& a) {
  auto& r = a.req;
  auto const mode = routing::parse_travel_mode(a.mode);
  if (!mode) return report_error(mode.error());
  auto const am = routing::parse_street_mode(a.access_mode);
  if (!am) return report_error(am.error());
  r.mode = *mode;
  r.access_mode = *am;
  if (!a.date.empty()) {
    auto const date = transit::parse_date(a.date);
    if (!date) return report_error(date.error());
    r.date = *date;
  }
  auto const time = transit::parse_time_of_day(a.time);
  if (!time) return report_error(time.error());
  r.time = *time;
  bool const npy = ends_with(a.output, ".npy");
  if (!npy && !ends_with(a.output, ".csv"))
    return report_error(make_error(errc::invalid_argument, "the output must end in .csv or .npy", a.output, 0, "output").value());
  bool const minutes = a.unit == "minutes";
  // A bad -o fails before the matrix is computed (result file: core/output.h kResultOutput).
  if (auto ok = check_output_target(a.output, kResultOutput); !ok) return report_error(ok.error());
  auto const net = network::network::open(a.network);
  if (!net) return report_error(net.error());
  auto const o = load_points(a.origins);
  if (!o) return report_error(o.error());
  auto const d = load_points(a.destinations);
  if (!d) return report_error(d.error());
  progress_printer pp{a.quiet};
  r.progress = pp.callback();
  auto const m = routing::matrix(*net, o->pos, d->pos, r);
  pp.finish(m.has_value());
  if (!m) return report_error(m.error());
  status w;
  if (npy && minutes) {
    auto const mins = m->minutes();
    w = write_npy(a.output, mins.data(), mins.size() * sizeof(std::uint16_t), "<u2", m->n_origins, m->n_destinations);
  } else if (npy) {
    w = write_npy(a.output, m->seconds.data(), m->seconds.size() * sizeof(routing::seconds_t), "<i4", m->n_origins,
                  m->n_destinations);
  } else {
    w = write_csv(a.output, *m, *o, *d, minutes);
  }
  if (!w) return report_error(w.error());
  std::size_t reached = 0;
  for (auto const s : m->seconds) reached += s != routing::kUnreachable ? 1 : 0;
  edges::json j{{"output", a.output},
                {"origins", m->n_origins},
                {"destinations", m->n_destinations},
                {"mode", std::string(routing::travel_mode_name(r.mode))},
                {"unit", minutes ? "minutes" : "seconds"},
                {"unreachable", minutes ? routing::kUnreachableMinutes : routing::kUnreachable},
                {"reached", reached},
                {"departures", m->departures},
                {"used_ch", m->used_ch}};
  if (a.fmt == format::json)
    print_json(j);
  else if (!a.quiet)
    std::fprintf(stderr, "wrote %s: %zu x %zu %s matrix in %s, %zu of %zu cells reached%s\n", a.output.c_str(),
                 m->n_origins, m->n_destinations, std::string(routing::travel_mode_name(r.mode)).c_str(),
                 minutes ? "minutes" : "seconds", reached, m->seconds.size(),
                 m->used_ch ? " (contraction hierarchy)" : "");
  return kExitOk;
}

}  // namespace

void add_matrix_commands(CLI::App& app, int& exit_code) {
  auto ma = std::make_shared<matrix_args>();
  auto& r = ma->req;
  ma->mode = std::string(routing::travel_mode_name(r.mode));
  ma->access_mode = std::string(street::mode_name(r.access_mode));
  char hhmm[16];
  std::snprintf(hhmm, sizeof(hhmm), "%02d:%02d", r.time / 3600, r.time / 60 % 60);
  ma->time = hhmm;
  auto* c = app.add_subcommand("matrix", "Travel-time matrix from origins to destinations (walk, bike, transit)");
  c->add_option("--network", ma->network, "Network file (.kwn)")->required();
  c->add_option("--origins", ma->origins, "Origins: CSV with lat,lon[,id] columns, or GeoJSON points")->required();
  c->add_option("--destinations", ma->destinations, "Destinations: CSV with lat,lon[,id] columns, or GeoJSON points")
      ->required();
  c->add_option("-o,--output", ma->output, "Output: .csv (origin rows, destination columns) or .npy")->required();
  c->add_option("--mode", ma->mode, "walk, bike or transit")
      ->check(CLI::IsMember({"walk", "bike", "transit"}))
      ->capture_default_str();
  c->add_option("--access-mode", ma->access_mode, "Transit: walk or bike to and from the stops")
      ->check(CLI::IsMember({"walk", "bike"}))
      ->capture_default_str();
  c->add_option("--unit", ma->unit, "seconds (int32, unreachable 2147483647) or minutes (uint16, unreachable 65535)")
      ->check(CLI::IsMember({"seconds", "minutes"}))
      ->capture_default_str();
  c->add_option("--date", ma->date, "Transit: local date YYYY-MM-DD (the timetable's time zone)");
  c->add_option("--time", ma->time, "Transit: local departure time HH:MM[:SS]")->capture_default_str();
  c->add_option("--window,--window-seconds", r.window_seconds,
                "Transit: departures over this many seconds from --time (0: one departure)")
      ->capture_default_str();
  c->add_option("--window-step", r.window_step, "Transit: one departure every this many seconds")->capture_default_str();
  c->add_option("--percentile", r.percentile, "Transit window: report this percentile of the travel times")
      ->capture_default_str();
  c->add_option("--max-seconds", r.max_seconds, "Nothing longer than this, seconds")->capture_default_str();
  c->add_option("--max-access-seconds", r.max_access_seconds,
                "Transit: walk (bike) budget to and from the stops and for the direct walk, seconds")
      ->capture_default_str();
  c->add_option("--max-transfers", r.max_transfers, "Transit: at most this many transfers")->capture_default_str();
  c->add_option("--min-change-seconds", r.min_change_seconds,
                "Transit: same-stop change without a transfers.txt entry, seconds")
      ->capture_default_str();
  c->add_option("--max-snap-m", r.max_snap_m, "Points within this many metres of a street")->capture_default_str();
  add_bool_option(c, "skip_unsnapped", r.skip_unsnapped,
                  "A point farther than --max-snap-m from a street is unreachable instead of an error");
  add_bool_option(c, "step_free", r.step_free, "Walk: avoid steps, wheelchair=no and raised kerbs");
  c->add_option("--threads", r.threads, "Worker threads (0: one per core)")->capture_default_str();
  c->add_option("--max-bytes", r.max_bytes, "Refuse requests that need more memory than this")->capture_default_str();
  add_bool_option(c, "use_ch", r.use_ch, "Walk/bike: use the network's contraction hierarchy when it has one");
  add_quiet_flag(c, ma->quiet);
  add_format_option(c, ma->fmt);
  c->callback([ma, &exit_code] { exit_code = run_matrix(*ma); });
}

}  // namespace kwartier::cli
