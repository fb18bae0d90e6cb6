// `kwartier route`: thin edge over routing::route (docs/edges.md §4.8). Options are bound to a
// default-constructed routing::route_request, so --help prints the library's defaults; the date, time, modes
// and LAT,LON pairs are converted with the library's own parsers.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "cli/gbfs_opt.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/fares.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::cli {
namespace {

struct route_args {
  std::string network;
  std::string from, to, date, time;
  std::string mode, access_mode, unknown;
  std::string realtime_file;            // GTFS-realtime FeedMessage file, or ""
  realtime::apply_options rt_opt;
  std::string gbfs;  // GBFS folder or gbfs.json, or ""
  routing::route_request req;  // defaults from C++
  format fmt = format::text;
};

std::string hhmm(network::network const& n, std::int32_t day, routing::seconds_t t) {
  auto const iso = routing::local_iso(n, day, t);  // "YYYY-MM-DDTHH:MM:SS[+hh:mm]"
  return iso && iso->size() >= 16 ? iso->substr(11, 5) : std::string{"?"};
}

void print_text(network::network const& n, std::vector<routing::journey> const& js) {
  if (js.empty()) {
    std::printf("no journey found\n");
    return;
  }
  for (std::size_t i = 0; i < js.size(); ++i) {
    auto const& j = js[i];
    auto const dep = routing::local_iso(n, j.day, j.departure);
    std::printf("journey %zu: %s %s -> %s (%d min, %u ride%s, %u transfer%s)\n", i + 1,
                dep ? dep->substr(0, 10).c_str() : "", hhmm(n, j.day, j.departure).c_str(),
                hhmm(n, j.day, j.arrival).c_str(), (j.duration() + 59) / 60, j.rides, j.rides == 1 ? "" : "s",
                j.transfers(), j.transfers() == 1 ? "" : "s");
    for (auto const& f : j.fares)
      std::printf("  fare %s%s%s%s%s: %s %s\n", f.system.c_str(), f.rider_category.empty() ? "" : " ",
                  f.rider_category.c_str(), f.fare_media.empty() ? "" : " ", f.fare_media.c_str(),
                  transit::format_amount(f.amount).c_str(), f.currency.c_str());
    for (auto const& l : j.legs) {
      std::printf("  %s-%s  %-8s ", hhmm(n, j.day, l.departure).c_str(), hhmm(n, j.day, l.arrival).c_str(),
                  std::string(l.kind == routing::leg_kind::ride        ? "ride"
                              : l.kind == routing::leg_kind::bikeshare ? "bikeshare"
                                                                       : street::mode_name(l.mode))
                      .c_str());
      if (l.kind == routing::leg_kind::ride) {
        std::printf("%s to %s: %s -> %s (%u stops, trip %s, %s)", l.route_short_name.c_str(), l.headsign.c_str(),
                    l.from.name.c_str(), l.to.name.c_str(), l.stops, l.trip_id.c_str(), l.agency.c_str());
        if (l.status == realtime::ride_status::delayed || l.status == realtime::ride_status::early)
          std::printf(" [%s: departs %+d s, arrives %+d s; scheduled %s-%s]",
                      std::string(realtime::ride_status_name(l.status)).c_str(), l.departure_delay, l.arrival_delay,
                      hhmm(n, j.day, l.scheduled_departure).c_str(), hhmm(n, j.day, l.scheduled_arrival).c_str());
        else if (l.status != realtime::ride_status::scheduled)
          std::printf(" [%s]", std::string(realtime::ride_status_name(l.status)).c_str());
        std::printf("\n");
      }
      else
        std::printf("%s -> %s (%d min)\n", l.from.name.c_str(), l.to.name.c_str(), (l.duration() + 59) / 60);
    }
  }
}

int run_route(route_args& a) {
  auto& r = a.req;
  if (!parse_point(a.from, r.from) || !parse_point(a.to, r.to)) {
    std::fprintf(stderr, "kwartier route: --from and --to take LAT,LON (two numbers, e.g. 50.8456,4.3568)\n");
    return kExitUsage;
  }
  auto const date = transit::parse_date(a.date);
  if (!date) return report_error(date.error());
  auto const time = transit::parse_time_of_day(a.time);
  if (!time) return report_error(time.error());
  r.date = *date;
  r.time = *time;
  auto const modes = routing::parse_modes(a.mode);
  if (!modes) return report_error(modes.error());
  auto const am = routing::parse_street_mode(a.access_mode);
  if (!am) return report_error(am.error());
  auto const unknown = routing::parse_wheelchair_unknown(a.unknown);
  if (!unknown) return report_error(unknown.error());
  r.mode = modes->mode;
  r.access_mode = modes->access_mode == street::mode::bike ? street::mode::bike : *am;
  r.use_bikeshare = modes->bikeshare;
  r.bike_and_ride = modes->bike_and_ride;
  r.unknown = *unknown;
  auto const net = network::network::open(a.network);
  if (!net) return report_error(net.error());
  if (!a.realtime_file.empty()) {
    auto const msg = realtime::load_feed(a.realtime_file);
    if (!msg) return report_error(msg.error());
    auto v = realtime::apply(*net, *msg, a.rt_opt);
    if (!v) return report_error(v.error());
    auto const& s = (*v)->summary();
    std::fprintf(stderr, "kwartier route: realtime %s: %zu of %zu trip updates matched (%zu cancelled, %zu changed)\n",
                 s.source.c_str(), s.trips_matched, s.trip_updates, s.trips_cancelled, s.trips_changed);
    r.realtime = std::move(*v);
  }
  auto gbfs = load_gbfs_option(*net, a.gbfs, "route");
  if (!gbfs) return report_error(gbfs.error());
  r.bikeshare = *gbfs;
  routing::query_state qs;
  auto const js = routing::route(*net, r, qs);
  if (!js) return report_error(js.error());
  if (a.fmt == format::json)
    print_json(edges::to_json(*net, *js));
  else
    print_text(*net, *js);
  return kExitOk;
}

}  // namespace

void add_route_commands(CLI::App& app, int& exit_code) {
  auto ra = std::make_shared<route_args>();
  auto& r = ra->req;
  ra->mode = std::string(routing::travel_mode_name(r.mode));
  ra->access_mode = std::string(street::mode_name(r.access_mode));
  ra->unknown = std::string(routing::wheelchair_unknown_name(r.unknown));
  auto* c = app.add_subcommand("route", "Journeys from a coordinate to a coordinate at a local date and time");
  c->add_option("--network", ra->network, "Network file (.kwn)")->required();
  c->add_option("--from", ra->from, "Origin LAT,LON")->required();
  c->add_option("--to", ra->to, "Destination LAT,LON")->required();
  c->add_option("--date", ra->date, "Local date YYYY-MM-DD (the timetable's time zone)")->required();
  c->add_option("--time", ra->time, "Local time HH:MM or HH:MM:SS (departure; with --arrive-by, arrival)")
      ->required();
  c->add_option("--mode", ra->mode,
                "walk, bike or transit; or a comma-separated list of walk, bike, transit, bikeshare (needs --gbfs) "
                "and bike_and_ride")
      ->capture_default_str();
  c->add_option("--gbfs", ra->gbfs, "Bike share: a GBFS 2.3/3.0 folder or its gbfs.json (mode bikeshare)");
  c->add_option("--access-mode", ra->access_mode, "Transit: walk or bike to and from the stops")
      ->check(CLI::IsMember({"walk", "bike"}))
      ->capture_default_str();
  add_bool_option(c, "arrive_by", r.arrive_by, "--time is the latest arrival (latest departure first)");
  c->add_option("--lang", r.lang, "Names in this language from translations.txt (e.g. nl, fr)")->capture_default_str();
  add_bool_option(c, "step_free", r.step_free,
                  "Avoid stops with wheelchair_boarding=2 and trips with wheelchair_accessible=2");
  c->add_option("--unknown", ra->unknown, "Step-free: allow or avoid stops and trips with no wheelchair value")
      ->check(CLI::IsMember({"allow", "avoid"}))
      ->capture_default_str();
  c->add_option("--max-transfers", r.max_transfers, "At most this many transfers")->capture_default_str();
  c->add_option("--max-access-seconds", r.max_access_seconds, "Walk (bike) budget to and from the stops, seconds")
      ->capture_default_str();
  c->add_option("--max-travel-seconds", r.max_travel_seconds, "Nothing longer than this, seconds")
      ->capture_default_str();
  c->add_option("--min-change-seconds", r.min_change_seconds,
                "Same-stop change without a transfers.txt entry, seconds")
      ->capture_default_str();
  c->add_option("--departures", r.departures, "Also the next (with --arrive-by: previous) departures, up to this many")
      ->capture_default_str();
  c->add_option("--max-snap-m", r.max_snap_m, "Origin and destination within this many metres of a street")
      ->capture_default_str();
  add_bool_option(c, "fares", r.fares, "Price each journey with the feed's GTFS fares (v1 and v2)");
  add_bool_option(c, "optimize_fare", r.optimize_fare,
                  "The price as a third Pareto criterion: also slower but cheaper journeys (implies --fares)");
  c->add_option("--realtime", ra->realtime_file,
                "GTFS-realtime TripUpdates (protobuf file) applied first: cancelled trips routed around, delays ridden")
      ->check(CLI::ExistingFile);
  c->add_option("--feed-prefix", ra->rt_opt.feed_prefix, "--realtime: the feed's id prefix in a merged network")
      ->capture_default_str();
  add_format_option(c, ra->fmt);
  c->callback([ra, &exit_code] { exit_code = run_route(*ra); });
}

}  // namespace kwartier::cli
