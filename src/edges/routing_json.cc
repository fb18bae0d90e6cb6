// JSON of routing results (docs/edges.md §4.8): one shape for the CLI, Python and C.
#include <cstdio>
#include <string>

#include "edges/json.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/transit/fares.h"

namespace kwartier::edges {
namespace {

std::string iso(network::network const& n, std::int32_t day, routing::seconds_t t) {
  auto s = routing::local_iso(n, day, t);
  return s ? *s : std::string{};
}

json place_json(routing::place const& p) {
  return json{{"stop_id", p.stop.valid() ? json(p.id) : json(nullptr)},
              {"name", p.name},
              {"lat", p.pos.lat},
              {"lon", p.pos.lon},
              {"station_id", p.station_id.empty() ? json(nullptr) : json(p.station_id)}};
}

json leg_json(network::network const& n, std::int32_t day, routing::leg const& l) {
  bool const ride = l.kind == routing::leg_kind::ride;
  auto const str = [&](std::string const& s) { return ride ? json(s) : json(nullptr); };
  return json{{"kind", std::string(routing::leg_kind_name(l.kind))},
              {"mode", ride ? json(nullptr) : json(std::string(street::mode_name(l.mode)))},
              {"departure", iso(n, day, l.departure)},
              {"arrival", iso(n, day, l.arrival)},
              {"duration_s", l.duration()},
              {"from", place_json(l.from)},
              {"to", place_json(l.to)},
              {"trip_id", str(l.trip_id)},
              {"route_id", str(l.route_id)},
              {"route_short_name", str(l.route_short_name)},
              {"route_long_name", str(l.route_long_name)},
              {"route_type", ride ? json(l.route_type) : json(nullptr)},
              {"headsign", str(l.headsign)},
              {"agency", str(l.agency)},
              {"stops", ride ? json(l.stops) : json(nullptr)},
              {"status", ride ? json(std::string(realtime::ride_status_name(l.status))) : json(nullptr)},
              {"departure_delay_s", ride ? json(l.departure_delay) : json(nullptr)},
              {"arrival_delay_s", ride ? json(l.arrival_delay) : json(nullptr)},
              {"scheduled_departure", ride ? json(iso(n, day, l.scheduled_departure)) : json(nullptr)},
              {"scheduled_arrival", ride ? json(iso(n, day, l.scheduled_arrival)) : json(nullptr)}};
}

}  // namespace

json to_json(network::network const& n, std::vector<routing::journey> const& journeys) {
  json list = json::array();
  for (auto const& j : journeys) {
    json legs = json::array();
    for (auto const& l : j.legs) legs.push_back(leg_json(n, j.day, l));
    json fares = json::array();
    for (auto const& f : j.fares)
      fares.push_back(json{{"system", f.system},
                           {"rider_category", f.rider_category.empty() ? json(nullptr) : json(f.rider_category)},
                           {"fare_media", f.fare_media.empty() ? json(nullptr) : json(f.fare_media)},
                           {"amount", transit::format_amount(f.amount)},
                           {"currency", f.currency}});
    list.push_back(json{{"departure", iso(n, j.day, j.departure)},
                        {"arrival", iso(n, j.day, j.arrival)},
                        {"duration_s", j.duration()},
                        {"rides", j.rides},
                        {"transfers", j.transfers()},
                        {"legs", std::move(legs)},
                        {"fares", std::move(fares)}});
  }
  return json{{"journeys", std::move(list)}};
}

json route_defaults() {
  routing::route_request const r;
  return json{{"mode", std::string(routing::travel_mode_name(r.mode))},
              {"access_mode", std::string(street::mode_name(r.access_mode))},
              {"arrive_by", r.arrive_by},
              {"lang", r.lang},
              {"step_free", r.step_free},
              {"unknown", std::string(routing::wheelchair_unknown_name(r.unknown))},
              {"max_transfers", r.max_transfers},
              {"max_access_seconds", r.max_access_seconds},
              {"max_travel_seconds", r.max_travel_seconds},
              {"min_change_seconds", r.min_change_seconds},
              {"departures", r.departures},
              {"max_snap_m", r.max_snap_m},
              {"fares", r.fares},
              {"optimize_fare", r.optimize_fare}};
}

json matrix_defaults() {
  routing::matrix_request const r;
  char hhmm[16];
  std::snprintf(hhmm, sizeof(hhmm), "%02d:%02d", r.time / 3600, r.time / 60 % 60);
  return json{{"mode", std::string(routing::travel_mode_name(r.mode))},
              {"access_mode", std::string(street::mode_name(r.access_mode))},
              {"max_seconds", r.max_seconds},
              {"max_snap_m", r.max_snap_m},
              {"skip_unsnapped", r.skip_unsnapped},
              {"step_free", r.step_free},
              {"time", std::string(hhmm)},  // matrix_request::time as HH:MM
              {"window_seconds", r.window_seconds},
              {"window_step", r.window_step},
              {"percentile", r.percentile},
              {"max_access_seconds", r.max_access_seconds},
              {"max_transfers", r.max_transfers},
              {"min_change_seconds", r.min_change_seconds},
              {"threads", r.threads},
              {"max_bytes", r.max_bytes},
              {"use_ch", r.use_ch}};
}

}  // namespace kwartier::edges
