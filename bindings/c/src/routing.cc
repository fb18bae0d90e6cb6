// C ABI: route section of kwartier_c.h. Thin: converts the options with the library's own parsers, calls
// routing::route, keeps the edges JSON of the result (one shape on every edge) and hands out views of it.
#include <string>
#include <vector>

#include "c_common.h"
#include "edges/json.h"
#include "handles.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/local_time.h"

struct kw_journeys {
  kwartier::edges::json json;  // {"journeys": [...]} as edges::to_json made it; the info strings point into it
};

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::accessor;
using kwartier::c_abi::check_index;
using kwartier::c_abi::guarded;
using kwartier::c_abi::take;
namespace rt = kwartier::routing;
using json = kwartier::edges::json;

char const* str(json const& j) { return j.is_string() ? j.get_ref<std::string const&>().c_str() : nullptr; }

// Leg `leg` of journey `journey`; nullptr with the out_of_range status (naming the index) in `status`.
json const* leg_at(kw_journeys const* js, size_t journey, size_t leg, int& status) {
  auto const& list = js->json["journeys"];
  if ((status = kwartier::c_abi::check_index(journey, list.size(), "journey")) != 0) return nullptr;
  auto const& legs = list[journey]["legs"];
  if ((status = kwartier::c_abi::check_index(leg, legs.size(), "leg")) != 0) return nullptr;
  return &legs[leg];
}

}  // namespace

extern "C" {

KW_API int kw_route_options_init(kw_route_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version < 1 || version > KW_ROUTE_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    // String defaults: static storage, so they outlive the call (the names routing uses for them).
    static std::string const mode{rt::travel_mode_name(rt::route_request{}.mode)};
    static std::string const access_mode{kwartier::street::mode_name(rt::route_request{}.access_mode)};
    static std::string const unknown{rt::wheelchair_unknown_name(rt::route_request{}.unknown)};
    static std::string const lang{rt::route_request{}.lang};
    rt::route_request const d;
    *opts = kw_route_options{};
    opts->version = version;
    opts->from_lat = d.from.lat;
    opts->from_lon = d.from.lon;
    opts->to_lat = d.to.lat;
    opts->to_lon = d.to.lon;
    opts->date = nullptr;
    opts->time = nullptr;
    opts->mode = mode.c_str();
    opts->access_mode = access_mode.c_str();
    opts->arrive_by = d.arrive_by ? 1 : 0;
    opts->lang = lang.c_str();
    opts->step_free = d.step_free ? 1 : 0;
    opts->unknown = unknown.c_str();
    opts->max_transfers = d.max_transfers;
    opts->max_access_seconds = d.max_access_seconds;
    opts->max_travel_seconds = d.max_travel_seconds;
    opts->min_change_seconds = d.min_change_seconds;
    opts->departures = d.departures;
    opts->max_snap_m = d.max_snap_m;
    if (version >= 2) opts->fares = d.fares ? 1 : 0;  // a version 1 struct ends at max_snap_m
    if (version >= 3) opts->optimize_fare = d.optimize_fare ? 1 : 0;  // a version 2 struct ends at fares
    return 0;
  });
}

KW_API int kw_route(kw_journeys** out, const kw_network* net, const kw_route_options* o) {
  return guarded([&] {
    if (out == nullptr || net == nullptr || o == nullptr) return fail(errc::invalid_argument, "kw_route: NULL argument");
    *out = nullptr;
    if (o->version < 1 || o->version > KW_ROUTE_OPTIONS_VERSION)
      return fail(errc::invalid_argument, "kw_route_options: unknown version (use kw_route_options_init)");
    if (o->date == nullptr) return fail(errc::invalid_argument, std::string("date is NULL"), "date");
    if (o->time == nullptr) return fail(errc::invalid_argument, std::string("time is NULL"), "time");
    rt::route_request r;
    int status = 0;
    r.from = {o->from_lat, o->from_lon};
    r.to = {o->to_lat, o->to_lon};
    if (!take(kwartier::transit::parse_date(o->date), r.date, status)) return status;
    if (!take(kwartier::transit::parse_time_of_day(o->time), r.time, status)) return status;
    rt::mode_set modes;
    if (!take(rt::parse_modes(o->mode != nullptr ? o->mode : ""), modes, status)) return status;
    if (!take(rt::parse_street_mode(o->access_mode != nullptr ? o->access_mode : ""), r.access_mode, status))
      return status;
    r.mode = modes.mode;
    if (modes.access_mode == kwartier::street::mode::bike) r.access_mode = modes.access_mode;
    r.use_bikeshare = modes.bikeshare;
    r.bike_and_ride = modes.bike_and_ride;
    r.bikeshare = net->bikeshare;
    if (!take(rt::parse_wheelchair_unknown(o->unknown != nullptr ? o->unknown : ""), r.unknown, status)) return status;
    r.arrive_by = o->arrive_by != 0;
    r.lang = o->lang != nullptr ? o->lang : "";
    r.step_free = o->step_free != 0;
    r.max_transfers = o->max_transfers;
    r.max_access_seconds = o->max_access_seconds;
    r.max_travel_seconds = o->max_travel_seconds;
    r.min_change_seconds = o->min_change_seconds;
    r.departures = o->departures;
    r.max_snap_m = o->max_snap_m;
    r.fares = o->version >= 2 && o->fares != 0;
    r.optimize_fare = o->version >= 3 && o->optimize_fare != 0;
    r.realtime = net->realtime;  // kw_network_apply_realtime's view, or none
    thread_local rt::query_state qs;
    auto js = rt::route(net->net, r, qs);
    if (!js) return fail(js.error());
    *out = new kw_journeys{kwartier::edges::to_json(net->net, *js)};
    return 0;
  });
}

KW_API size_t kw_journeys_count(const kw_journeys* js) { return js == nullptr ? 0 : js->json["journeys"].size(); }

KW_API int kw_journey_get(kw_journey_info* out, const kw_journeys* js, size_t journey) {
  return accessor(out, js, "kw_journey_get", [&] {
    if (out->version != 1 && out->version != KW_JOURNEY_INFO_VERSION)
      return fail(errc::invalid_argument, "kw_journey_get: version must be KW_JOURNEY_INFO_VERSION (or 1)");
    auto const& list = js->json["journeys"];
    if (int const st = check_index(journey, list.size(), "journey"); st != 0) return st;
    auto const& j = list[journey];
    out->departure = str(j["departure"]);
    out->arrival = str(j["arrival"]);
    out->duration_s = j["duration_s"].get<std::int32_t>();
    out->rides = j["rides"].get<unsigned>();
    out->transfers = j["transfers"].get<unsigned>();
    out->n_legs = j["legs"].size();
    if (out->version >= 2) out->n_fares = j["fares"].size();
    return 0;
  });
}

KW_API int kw_journey_leg_get(kw_leg_info* out, const kw_journeys* js, size_t journey, size_t leg) {
  return accessor(out, js, "kw_journey_leg_get", [&] {
    if (out->version != 1 && out->version != KW_LEG_INFO_VERSION)
      return fail(errc::invalid_argument, "kw_journey_leg_get: version must be KW_LEG_INFO_VERSION (or 1)");
    int st = 0;
    auto const* lp = leg_at(js, journey, leg, st);
    if (lp == nullptr) return st;
    auto const& l = *lp;
    out->kind = str(l["kind"]);
    out->mode = str(l["mode"]);
    out->departure = str(l["departure"]);
    out->arrival = str(l["arrival"]);
    out->duration_s = l["duration_s"].get<std::int32_t>();
    out->from_stop_id = str(l["from"]["stop_id"]);
    out->from_name = str(l["from"]["name"]);
    out->from_lat = l["from"]["lat"].get<double>();
    out->from_lon = l["from"]["lon"].get<double>();
    out->to_stop_id = str(l["to"]["stop_id"]);
    out->to_name = str(l["to"]["name"]);
    out->to_lat = l["to"]["lat"].get<double>();
    out->to_lon = l["to"]["lon"].get<double>();
    out->trip_id = str(l["trip_id"]);
    out->route_id = str(l["route_id"]);
    out->route_short_name = str(l["route_short_name"]);
    out->route_long_name = str(l["route_long_name"]);
    out->route_type = l["route_type"].is_number() ? l["route_type"].get<int>() : -1;
    out->headsign = str(l["headsign"]);
    out->agency = str(l["agency"]);
    out->stops = l["stops"].is_number() ? l["stops"].get<unsigned>() : 0U;
    if (out->version >= 2) {  // a version 1 struct ends at `stops`
      out->status = str(l["status"]);
      out->departure_delay_s = l["departure_delay_s"].is_number() ? l["departure_delay_s"].get<std::int32_t>() : 0;
      out->arrival_delay_s = l["arrival_delay_s"].is_number() ? l["arrival_delay_s"].get<std::int32_t>() : 0;
      out->scheduled_departure = str(l["scheduled_departure"]);
      out->scheduled_arrival = str(l["scheduled_arrival"]);
    }
    return 0;
  });
}

KW_API int kw_journey_leg_stations(const char** out_from, const char** out_to, const kw_journeys* js, size_t journey,
                                   size_t leg) {
  return guarded([&] {
    if (js == nullptr) return fail(errc::invalid_argument, "kw_journey_leg_stations: NULL argument");
    int st = 0;
    auto const* l = leg_at(js, journey, leg, st);
    if (l == nullptr) return st;
    if (out_from != nullptr) *out_from = str((*l)["from"]["station_id"]);
    if (out_to != nullptr) *out_to = str((*l)["to"]["station_id"]);
    return 0;
  });
}

KW_API int kw_journey_fare_get(kw_fare_info* out, const kw_journeys* js, size_t journey, size_t fare) {
  return accessor(out, js, "kw_journey_fare_get", [&] {
    if (out->version != KW_FARE_INFO_VERSION)
      return fail(errc::invalid_argument, "kw_journey_fare_get: version must be KW_FARE_INFO_VERSION");
    auto const& list = js->json["journeys"];
    if (int const st = check_index(journey, list.size(), "journey"); st != 0) return st;
    auto const& fares = list[journey]["fares"];
    if (int const st = check_index(fare, fares.size(), "fare"); st != 0) return st;
    auto const& f = fares[fare];
    out->system = str(f["system"]);
    out->rider_category = str(f["rider_category"]);
    out->fare_media = str(f["fare_media"]);
    out->amount = str(f["amount"]);
    out->currency = str(f["currency"]);
    return 0;
  });
}

KW_API int kw_journeys_json(char** out, const kw_journeys* js) {
  return accessor(out, js, "kw_journeys_json",
                  [&] { return kwartier::c_abi::new_string(out, kwartier::edges::dump(js->json)); });
}

KW_API void kw_journeys_free(kw_journeys* js) { delete js; }

}  // extern "C"
