// Python binding of kwartier::routing journeys (docs/edges.md §4.8a) and isochrones (§4.8c). Thin: converts the
// arguments with the library's own parsers, calls routing::route / routing::isochrone with the GIL released,
// returns the edges JSON as Python objects (and node times as numpy); the Journey/Leg/Isochrone classes are
// kwartier/routing.py.
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.h"
#include "kwartier/bikeshare/system.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::py {

void bind_routing(pyb::module_& m) {
  m.def("route_defaults", [] {
    pyb::dict d;
    d["network.route"] = to_python(edges::route_defaults());
    return d;
  }, "Defaults of routing::route_request.");
  m.def(
      "network_route",
      [](network::network const& n, double from_lat, double from_lon, double to_lat, double to_lon,
         std::string const& date, std::string const& time, std::string const& mode, std::string const& access_mode,
         bool arrive_by, std::string const& lang, bool step_free, std::string const& unknown, unsigned max_transfers,
         int max_access_seconds, int max_travel_seconds, int min_change_seconds, unsigned departures, double max_snap_m,
         std::shared_ptr<realtime::view> const& rt, bool fares, bool optimize_fare,
         std::shared_ptr<bikeshare::system> const& bikeshare) {
        routing::route_request r;
        r.from = {from_lat, from_lon};
        r.to = {to_lat, to_lon};
        r.date = unwrap(transit::parse_date(date));
        r.time = unwrap(transit::parse_time_of_day(time));
        auto const modes = unwrap(routing::parse_modes(mode));
        r.mode = modes.mode;
        r.access_mode = modes.access_mode == street::mode::bike ? street::mode::bike
                                                                : unwrap(routing::parse_street_mode(access_mode));
        r.use_bikeshare = modes.bikeshare;
        r.bike_and_ride = modes.bike_and_ride;
        r.bikeshare = bikeshare;
        r.arrive_by = arrive_by;
        r.lang = lang;
        r.step_free = step_free;
        r.unknown = unwrap(routing::parse_wheelchair_unknown(unknown));
        r.max_transfers = max_transfers;  // the Python layer checked >= 0
        r.max_access_seconds = max_access_seconds;
        r.max_travel_seconds = max_travel_seconds;
        r.min_change_seconds = min_change_seconds;
        r.departures = departures;
        r.max_snap_m = max_snap_m;
        r.realtime = rt;  // None: nullptr (the timetable as scheduled)
        r.fares = fares;
        r.optimize_fare = optimize_fare;
        result<std::vector<routing::journey>> js;
        {
          pyb::gil_scoped_release release;
          thread_local routing::query_state qs;
          js = routing::route(n, r, qs);
        }
        return to_python(edges::to_json(n, unwrap(std::move(js))));
      },
      pyb::arg("net"), pyb::arg("from_lat"), pyb::arg("from_lon"), pyb::arg("to_lat"), pyb::arg("to_lon"),
      pyb::arg("date"), pyb::arg("time"), pyb::arg("mode"), pyb::arg("access_mode"), pyb::arg("arrive_by"),
      pyb::arg("lang"), pyb::arg("step_free"), pyb::arg("unknown"), pyb::arg("max_transfers"),
      pyb::arg("max_access_seconds"), pyb::arg("max_travel_seconds"), pyb::arg("min_change_seconds"),
      pyb::arg("departures"), pyb::arg("max_snap_m"), pyb::arg("realtime").none(true), pyb::arg("fares"),
      pyb::arg("optimize_fare"),
      pyb::arg("bikeshare").none(true),
      "routing::route: journeys as the JSON value `kwartier route --format json` prints.");
  m.def("isochrone_defaults", [] {
    pyb::dict d;
    d["network.isochrone"] = to_python(edges::isochrone_defaults());
    return d;
  }, "Defaults of routing::isochrone_request.");
  m.def(
      "network_isochrone",
      [](network::network const& n, double lat, double lon, std::string const& mode, std::optional<std::string> const& date,
         std::optional<std::string> const& time, routing::seconds_t max_seconds,
         std::vector<routing::seconds_t> const& bands, bool step_free,
         std::string const& unknown, unsigned max_transfers, int min_change_seconds, double max_snap_m,
         double buffer_m, bool polygons, std::shared_ptr<bikeshare::system> const& bikeshare) {
        routing::isochrone_request r;
        r.from = {lat, lon};
        auto const modes = unwrap(routing::parse_modes(mode));
        r.mode = modes.mode;
        r.use_bikeshare = modes.bikeshare;
        r.bike_and_ride = modes.bike_and_ride;
        r.bikeshare = bikeshare;
        if (date) r.date = unwrap(transit::parse_date(*date));
        if (time) r.time = unwrap(transit::parse_time_of_day(*time));
        r.max_seconds = max_seconds;
        r.bands = bands;
        r.step_free = step_free;
        r.unknown = unwrap(routing::parse_wheelchair_unknown(unknown));
        r.max_transfers = max_transfers;  // the Python layer checked >= 0
        r.min_change_seconds = min_change_seconds;
        r.max_snap_m = max_snap_m;
        r.buffer_m = buffer_m;
        r.polygons = polygons;
        result<routing::isochrone_result> iso;
        std::vector<float> secs;
        std::string geojson;
        {
          pyb::gil_scoped_release release;
          thread_local routing::query_state qs;
          iso = routing::isochrone(n, r, qs);
          if (iso) {
            // Seconds as float32 with inf where not reached, as Network.times (docs/edges.md §4.4b).
            auto const t = iso->node_seconds();
            secs.resize(t.size());
            for (std::size_t v = 0; v < t.size(); ++v)
              secs[v] = t[v] == routing::kUnreachable ? std::numeric_limits<float>::infinity() : static_cast<float>(t[v]);
            geojson = iso->to_geojson();
          }
        }
        auto const& res = unwrap(std::move(iso));
        return pyb::make_tuple(to_numpy(std::move(secs)), to_python(edges::to_json(res)), pyb::str(geojson));
      },
      pyb::arg("net"), pyb::arg("lat"), pyb::arg("lon"), pyb::arg("mode"), pyb::arg("date"), pyb::arg("time"),
      pyb::arg("max_seconds"), pyb::arg("bands"), pyb::arg("step_free"), pyb::arg("unknown"), pyb::arg("max_transfers"),
      pyb::arg("min_change_seconds"), pyb::arg("max_snap_m"), pyb::arg("buffer_m"), pyb::arg("polygons"),
      pyb::arg("bikeshare").none(true),
      "routing::isochrone: (node seconds float32 with inf, summary as `kwartier isochrone --format json`, GeoJSON text).");
}

}  // namespace kwartier::py
