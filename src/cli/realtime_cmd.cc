// `kwartier realtime info UPDATES --network F`: a GTFS-realtime FeedMessage matched against a network
// (realtime::apply), what matched and what did not. Thin: the summary is realtime::apply_summary as
// edges::to_json spells it.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"

namespace kwartier::cli {
namespace {

struct realtime_info_args {
  std::string updates, network;
  realtime::apply_options opt;  // defaults from C++
  format fmt = format::text;
};

int run_info(realtime_info_args const& a) {
  auto const net = network::network::open(a.network);
  if (!net) return report_error(net.error());
  auto const msg = realtime::load_feed(a.updates);
  if (!msg) return report_error(msg.error());
  auto const v = realtime::apply(*net, *msg, a.opt);
  if (!v) return report_error(v.error());
  auto const& s = (*v)->summary();
  if (a.fmt == format::json) {
    print_json(edges::to_json(s));
  } else {
    std::printf("%s: %zu entities, %zu trip updates (%zu deleted), %zu vehicle positions, %zu alerts\n",
                s.source.c_str(), s.entities, s.trip_updates, s.deleted, s.vehicle_positions, s.alerts);
    std::printf("trips: %zu matched (%zu cancelled, %zu changed, %zu unchanged; %zu days inferred), %zu unmatched, "
                "%zu not running, %zu unsupported, %zu duplicate\n",
                s.trips_matched, s.trips_cancelled, s.trips_changed, s.trips_unchanged, s.days_inferred,
                s.trips_unmatched, s.trips_not_running, s.trips_unsupported, s.trips_duplicate);
    std::printf("stops: %zu updates, %zu matched (%zu skipped, %zu no data), %zu unmatched\n", s.stop_updates,
                s.stops_matched, s.stops_skipped, s.stops_no_data, s.stops_unmatched);
    for (auto const& c : s.cancelled) std::printf("cancelled: %s\n", c.c_str());
    std::fputs(s.report.to_text().c_str(), stdout);
  }
  std::fprintf(stderr, "kwartier realtime info: %s\n", problem_counts(s.report).c_str());
  return s.report.has_errors() ? kExitInputErrors : kExitOk;
}

}  // namespace

void add_realtime_commands(CLI::App& app, int& exit_code) {
  auto* rt = app.add_subcommand("realtime", "GTFS-realtime TripUpdates applied to a network");
  rt->require_subcommand(1);
  auto a = std::make_shared<realtime_info_args>();
  auto* info = rt->add_subcommand("info", "What of a FeedMessage matches a network's trips and stops "
                                          "(exit 1 when nothing matched or the report has errors)");
  info->add_option("updates", a->updates, "GTFS-realtime FeedMessage (protobuf file)")->required();
  info->add_option("--network", a->network, "Network file (.kwn)")->required();
  info->add_option("--feed-prefix", a->opt.feed_prefix, "The feed's id prefix in a merged network")
      ->capture_default_str();
  info->add_option("--on-time-seconds", a->opt.on_time_seconds, "A delay below this many seconds is on time")
      ->capture_default_str();
  add_format_option(info, a->fmt);
  info->callback([a, &exit_code] { exit_code = run_info(*a); });
}

}  // namespace kwartier::cli
