// Python binding of kwartier::routing journeys (docs/edges.md §4.8). Thin: converts the arguments with the
// library's own parsers, calls routing::route with the GIL released, returns the edges JSON as Python objects;
// the Journey/Leg classes are kwartier/routing.py.
#include <string>

#include "common.h"
#include "kwartier/network/network.h"
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
         int max_access_seconds, int max_travel_seconds, int min_change_seconds, unsigned departures, double max_snap_m) {
        routing::route_request r;
        r.from = {from_lat, from_lon};
        r.to = {to_lat, to_lon};
        r.date = unwrap(transit::parse_date(date));
        r.time = unwrap(transit::parse_time_of_day(time));
        r.mode = unwrap(routing::parse_travel_mode(mode));
        r.access_mode = unwrap(routing::parse_street_mode(access_mode));
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
      pyb::arg("departures"), pyb::arg("max_snap_m"),
      "routing::route: journeys as the JSON value `kwartier route --format json` prints.");
}

}  // namespace kwartier::py
