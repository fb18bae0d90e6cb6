// `kwartier gtfs validate|info|build`: thin edge over kwartier::transit.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "kwartier/core/report.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::cli {
namespace {

// "prefix=path" names the id namespace of a feed; a plain path uses the default.
std::vector<transit::feed_input> parse_feeds(std::vector<std::string> const& args) {
  std::vector<transit::feed_input> out;
  for (auto const& a : args) {
    auto const eq = a.find('=');
    if (eq != std::string::npos && eq > 0 && a.find('/') > eq)
      out.push_back(transit::feed_input{a.substr(eq + 1), a.substr(0, eq)});
    else
      out.push_back(transit::feed_input{a, {}});
  }
  return out;
}

std::string date_str(std::uint32_t d) {
  if (d == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", d / 10000, (d / 100) % 100, d % 100);
  return buf;
}

void print_counts_text(transit::gtfs_feed const& f) {
  auto const& c = f.counts;
  std::printf("agencies        %zu\n", c.agencies);
  for (auto const& a : f.agencies)
    std::printf("  %s  %s  (%s)\n", a.id.c_str(), a.name.c_str(), a.timezone.c_str());
  std::printf("stops           %zu\nroutes          %zu\ntrips           %zu\nstop_times      %zu\n", c.stops, c.routes,
              c.trips, c.stop_times);
  std::printf("calendar        %zu\ncalendar_dates  %zu\nfrequencies     %zu\ntransfers       %zu\n", c.calendar,
              c.calendar_dates, c.frequencies, c.transfers);
  std::printf("translations    %zu\nfeed_info       %zu\nshapes          %zu\n", c.translations, c.feed_info, c.shapes);
  std::printf("service         %s .. %s\n", date_str(c.first_date).c_str(), date_str(c.last_date).c_str());
  std::printf("problems        %zu errors, %zu warnings, %zu infos\n", f.report.count(severity::error),
              f.report.count(severity::warning), f.report.count(severity::info));
}

void print_counts_json(transit::gtfs_feed const& f) {
  auto const& c = f.counts;
  std::string out = "{\"counts\":{";
  auto const kv = [&](char const* k, std::size_t v, bool last = false) {
    out += '"';
    out += k;
    out += "\":" + std::to_string(v) + (last ? "" : ",");
  };
  kv("agencies", c.agencies);
  kv("stops", c.stops);
  kv("routes", c.routes);
  kv("trips", c.trips);
  kv("stop_times", c.stop_times);
  kv("calendar", c.calendar);
  kv("calendar_dates", c.calendar_dates);
  kv("frequencies", c.frequencies);
  kv("transfers", c.transfers);
  kv("translations", c.translations);
  kv("feed_info", c.feed_info);
  kv("shapes", c.shapes, true);
  out += "},\"first_date\":";
  append_json_string(out, date_str(c.first_date));
  out += ",\"last_date\":";
  append_json_string(out, date_str(c.last_date));
  out += ",\"agencies\":[";
  for (std::size_t i = 0; i < f.agencies.size(); ++i) {
    if (i) out += ',';
    out += "{\"id\":";
    append_json_string(out, f.agencies[i].id);
    out += ",\"name\":";
    append_json_string(out, f.agencies[i].name);
    out += ",\"timezone\":";
    append_json_string(out, f.agencies[i].timezone);
    out += '}';
  }
  out += "],\"errors\":" + std::to_string(f.report.count(severity::error)) +
         ",\"warnings\":" + std::to_string(f.report.count(severity::warning)) + "}";
  std::puts(out.c_str());
}

void print_timetable_info(transit::timetable_view const& tt, std::string const& format) {
  std::uint32_t const first = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_) : 0;
  std::uint32_t const last = tt.n_days_ > 0 ? transit::yyyymmdd_from_days(tt.first_day_ + tt.n_days_ - 1) : 0;
  if (format == "json") {
    std::string out = "{\"stops\":" + std::to_string(tt.n_stops()) + ",\"routes\":" + std::to_string(tt.n_routes()) +
                      ",\"lines\":" + std::to_string(tt.n_lines()) + ",\"trips\":" + std::to_string(tt.n_trips()) +
                      ",\"stop_times\":" + std::to_string(tt.n_stop_times()) +
                      ",\"services\":" + std::to_string(tt.n_services()) +
                      ",\"transfers\":" + std::to_string(tt.transfers().size()) + ",\"first_date\":";
    append_json_string(out, date_str(first));
    out += ",\"last_date\":";
    append_json_string(out, date_str(last));
    out += ",\"languages\":[";
    for (std::size_t l = 0; l < tt.n_languages(); ++l) {
      if (l) out += ',';
      append_json_string(out, tt.languages_[l]);
    }
    out += "],\"agencies\":[";
    for (std::size_t a = 0; a < tt.n_agencies(); ++a) {
      if (a) out += ',';
      out += "{\"id\":";
      append_json_string(out, tt.agency_ids_[a]);
      out += ",\"name\":";
      append_json_string(out, tt.agency_names_[a]);
      out += ",\"timezone\":";
      append_json_string(out, tt.agency_timezones_[a]);
      out += '}';
    }
    out += "]}";
    std::puts(out.c_str());
    return;
  }
  std::printf("timetable: %zu stops, %zu routes (%zu GTFS routes), %zu trips, %zu stop times, %zu service patterns, "
              "%zu transfers\n",
              tt.n_stops(), tt.n_routes(), tt.n_lines(), tt.n_trips(), tt.n_stop_times(), tt.n_services(),
              tt.transfers().size());
  std::printf("service         %s .. %s\n", date_str(first).c_str(), date_str(last).c_str());
  for (std::size_t a = 0; a < tt.n_agencies(); ++a)
    std::printf("  %.*s  %.*s  (%.*s)\n", static_cast<int>(tt.agency_ids_[a].size()), tt.agency_ids_[a].data(),
                static_cast<int>(tt.agency_names_[a].size()), tt.agency_names_[a].data(),
                static_cast<int>(tt.agency_timezones_[a].size()), tt.agency_timezones_[a].data());
}

}  // namespace

void add_gtfs_commands(CLI::App& app, int& exit_code) {
  auto* gtfs = app.add_subcommand("gtfs", "Validate, summarise and build GTFS timetables");
  gtfs->require_subcommand(1);

  struct options {
    std::vector<std::string> feeds;
    std::string format = "text";
    std::string output;
  };
  auto opt = std::make_shared<options>();

  auto* validate = gtfs->add_subcommand("validate", "Validate feeds; exit 1 when there are errors");
  validate->add_option("feeds", opt->feeds, "GTFS .zip or folder (prefix=path names the id namespace)")->required();
  validate->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  validate->callback([opt, &exit_code] {
    auto feed = transit::load_gtfs(parse_feeds(opt->feeds));
    if (!feed) {
      exit_code = report_error(feed.error());
      return;
    }
    if (opt->format == "json") {
      std::puts(feed->report.to_json().c_str());
    } else {
      std::fputs(feed->report.to_text().c_str(), stdout);
      std::printf("%zu errors, %zu warnings, %zu infos\n", feed->report.count(severity::error),
                  feed->report.count(severity::warning), feed->report.count(severity::info));
    }
    exit_code = feed->report.has_errors() ? 1 : 0;
  });

  auto* info = gtfs->add_subcommand("info", "Counts, service date range and agencies of feeds or a built .kwt");
  info->add_option("feeds", opt->feeds, "GTFS .zip or folder, or one .kwt timetable")->required();
  info->add_option("--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  info->callback([opt, &exit_code] {
    if (opt->feeds.size() == 1 && opt->feeds[0].ends_with(".kwt")) {
      auto tt = transit::open_timetable(opt->feeds[0]);
      if (!tt) {
        exit_code = report_error(tt.error());
        return;
      }
      print_timetable_info(*tt, opt->format);
      return;
    }
    auto feed = transit::load_gtfs(parse_feeds(opt->feeds));
    if (!feed) {
      exit_code = report_error(feed.error());
      return;
    }
    if (opt->format == "json") print_counts_json(*feed);
    else print_counts_text(*feed);
  });

  auto* build = gtfs->add_subcommand("build", "Build the compact timetable and save it as a .kwt dataset");
  build->add_option("feeds", opt->feeds, "GTFS .zip or folder (prefix=path names the id namespace)")->required();
  build->add_option("-o,--output", opt->output, "output .kwt file")->required();
  build->callback([opt, &exit_code] {
    auto feed = transit::load_gtfs(parse_feeds(opt->feeds));
    if (!feed) {
      exit_code = report_error(feed.error());
      return;
    }
    auto tt = transit::build_timetable(*feed);
    if (!tt) {
      exit_code = report_error(tt.error());
      return;
    }
    if (auto st = transit::save_timetable(*tt, opt->output); !st) {
      exit_code = report_error(st.error());
      return;
    }
    std::fprintf(stderr, "%zu errors, %zu warnings in the feeds (run `kwartier gtfs validate` for the list)\n",
                 feed->report.count(severity::error), feed->report.count(severity::warning));
    print_timetable_info(transit::view_of(*tt), "text");
  });
}

}  // namespace kwartier::cli
