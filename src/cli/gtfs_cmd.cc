// `kwartier gtfs validate|info|build`: thin edge over kwartier::transit (docs/edges.md §4.1, §4.2).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/progress.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::cli {
namespace {

std::string date_text(std::uint32_t d) {
  auto s = edges::iso_date_string(d);
  return s.empty() ? "-" : s;
}

// A kwartier dataset file (any kind) rather than a GTFS input: `gtfs info` opens it as a timetable, which
// names the kind when it is another one (a .kwn network).
bool is_dataset_file(std::string const& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[8] = {};
  in.read(magic, sizeof magic);
  return in.gcount() == sizeof magic && std::memcmp(magic, "KWARTIER", sizeof magic) == 0;
}

void print_feed_text(transit::gtfs_feed const& f) {
  auto const& c = f.counts;
  std::printf("agencies        %zu\n", c.agencies);
  for (auto const& a : f.agencies)
    std::printf("  %s  %s  (%s)\n", a.id.c_str(), a.name.c_str(), a.timezone.c_str());
  std::printf("stops           %zu\nroutes          %zu\ntrips           %zu\nstop_times      %zu\n", c.stops, c.routes,
              c.trips, c.stop_times);
  std::printf("calendar        %zu\ncalendar_dates  %zu\nfrequencies     %zu\ntransfers       %zu\n", c.calendar,
              c.calendar_dates, c.frequencies, c.transfers);
  std::printf("translations    %zu\nfeed_info       %zu\nshapes          %zu\n", c.translations, c.feed_info, c.shapes);
  std::printf("service         %s .. %s\n", date_text(c.first_date).c_str(), date_text(c.last_date).c_str());
  std::printf("problems        %s\n", problem_counts(f.report).c_str());
}

void print_timetable_text(transit::timetable_view const& tt) {
  std::uint32_t const first = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_) : 0;
  std::uint32_t const last = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_ + tt.n_days_ - 1) : 0;
  std::printf("timetable: %zu stops, %zu routes (%zu GTFS routes), %zu trips, %zu stop times, %zu service patterns, "
              "%zu transfers\n",
              tt.n_stops(), tt.n_routes(), tt.n_lines(), tt.n_trips(), tt.n_stop_times(), tt.n_services(),
              tt.transfers().size());
  std::printf("service         %s .. %s\n", date_text(first).c_str(), date_text(last).c_str());
  for (std::size_t a = 0; a < tt.n_agencies(); ++a)
    std::printf("  %.*s  %.*s  (%.*s)\n", static_cast<int>(tt.agency_ids_[a].size()), tt.agency_ids_[a].data(),
                static_cast<int>(tt.agency_names_[a].size()), tt.agency_names_[a].data(),
                static_cast<int>(tt.agency_timezones_[a].size()), tt.agency_timezones_[a].data());
}

struct gtfs_args {
  std::vector<std::string> feeds;
  std::string output;
  format fmt = format::text;
  bool quiet = false;
  bool strict = false;
  transit::load_options load;  // defaults from C++: --help prints them
};

void add_load_options(CLI::App* c, transit::load_options& o) {
  c->add_option("--max-frequency-trips", o.max_frequency_trips,
                "Refuse feeds whose frequencies.txt expands into more trips (limit_exceeded; a warning at half)")
      ->capture_default_str();
}

int run_validate(gtfs_args const& a) {
  auto const inputs = transit::parse_feed_specs(a.feeds);
  if (!inputs) return report_error(inputs.error());
  auto feed = transit::load_gtfs(*inputs, a.load);
  if (!feed) return report_error(feed.error());
  if (a.fmt == format::json) {
    print_json(edges::to_json(feed->report));
  } else {
    std::fputs(feed->report.to_text().c_str(), stdout);
    std::printf("%s\n", problem_counts(feed->report).c_str());
  }
  return feed->report.has_errors() ? kExitInputErrors : kExitOk;
}

int run_info(gtfs_args const& a) {
  if (a.feeds.size() == 1 && is_dataset_file(a.feeds[0])) {
    auto tt = transit::open_timetable(a.feeds[0]);
    if (!tt) return report_error(tt.error());
    if (a.fmt == format::json) print_json(edges::timetable_info(*tt));
    else print_timetable_text(*tt);
    return kExitOk;
  }
  auto const inputs = transit::parse_feed_specs(a.feeds);
  if (!inputs) return report_error(inputs.error());
  auto feed = transit::load_gtfs(*inputs, a.load);
  if (!feed) return report_error(feed.error());
  if (a.fmt == format::json) print_json(edges::to_json(*feed));
  else print_feed_text(*feed);
  return feed->report.has_errors() ? kExitInputErrors : kExitOk;
}

int run_build(gtfs_args const& a) {
  auto const inputs = transit::parse_feed_specs(a.feeds);
  if (!inputs) return report_error(inputs.error());
  progress_printer pp{a.quiet};
  pp.update("load feeds", 0.0);
  auto feed = transit::load_gtfs(*inputs, a.load);
  if (!feed) {
    pp.finish(false);
    return report_error(feed.error());
  }
  pp.update("build timetable", 0.0);
  auto tt = transit::build_timetable(*feed);
  if (!tt) {
    pp.finish(false);
    return report_error(tt.error());
  }
  pp.update("write " + a.output, 0.0);
  if (auto st = transit::save_timetable(*tt, a.output); !st) {
    pp.finish(false);
    return report_error(st.error());
  }
  pp.finish(true);
  auto const view = transit::view_of(*tt);
  if (a.fmt == format::json) {
    print_json(edges::timetable_build_summary(a.output, file_bytes(a.output), view, feed->report));
  } else {
    std::printf("wrote %s (%llu bytes)\n", a.output.c_str(), static_cast<unsigned long long>(file_bytes(a.output)));
    print_timetable_text(view);
  }
  if (!a.quiet)
    std::fprintf(stderr, "%s in the feeds (run `kwartier gtfs validate` for the list)\n",
                 problem_counts(feed->report).c_str());
  return build_exit_code(feed->report, a.strict);
}

}  // namespace

void add_gtfs_commands(CLI::App& app, int& exit_code) {
  auto* gtfs = app.add_subcommand("gtfs", "Validate, summarise and build GTFS timetables");
  gtfs->require_subcommand(1);
  auto const spec_help = "GTFS feed specs: [prefix=]path to a .zip or a folder (prefix names the id namespace)";

  auto va = std::make_shared<gtfs_args>();
  auto* validate = gtfs->add_subcommand("validate", "Validate feeds; exit 1 when they have errors");
  validate->add_option("feeds", va->feeds, spec_help)->required();
  add_format_option(validate, va->fmt);
  add_load_options(validate, va->load);
  validate->callback([va, &exit_code] { exit_code = run_validate(*va); });

  auto ia = std::make_shared<gtfs_args>();
  auto* info = gtfs->add_subcommand("info", "Counts, service dates and agencies of feeds or of a .kwt timetable; "
                                            "exit 1 when the feeds have errors");
  info->add_option("feeds", ia->feeds, "GTFS feed specs, or one .kwt timetable")->required();
  add_format_option(info, ia->fmt);
  add_load_options(info, ia->load);
  info->callback([ia, &exit_code] { exit_code = run_info(*ia); });

  auto ba = std::make_shared<gtfs_args>();
  auto* build = gtfs->add_subcommand("build", "Build the compact timetable and save it as a .kwt dataset");
  build->add_option("feeds", ba->feeds, spec_help)->required();
  build->add_option("-o,--output", ba->output, "Output .kwt file")->required();
  add_format_option(build, ba->fmt);
  add_quiet_flag(build, ba->quiet);
  add_strict_flag(build, ba->strict);
  add_load_options(build, ba->load);
  build->callback([ba, &exit_code] { exit_code = run_build(*ba); });
}

}  // namespace kwartier::cli
