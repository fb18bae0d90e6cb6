// Python binding of kwartier::network (build / open a .kwn, street travel times). Thin: converts types and
// calls the C++ API; the pure-Python layer is kwartier/network.py.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"

namespace kwartier::py {
namespace {

namespace nw = kwartier::network;
namespace rt = kwartier::routing;

// Routing's seconds as float32 (inf: not reached) until the edges move to int32 seconds.
float as_float(rt::seconds_t s) {
  return s == rt::kUnreachable ? std::numeric_limits<float>::infinity() : static_cast<float>(s);
}

result<std::vector<float>> node_seconds(nw::network const& n, geo::latlng from, street::mode m, double max_seconds,
                                        double max_snap_m) {
  KW_TRY(auto const budget, rt::budget_seconds(max_seconds));
  thread_local rt::query_state qs;
  KW_TRY(auto const t, rt::street_from(n, from, {m, budget, max_snap_m}, qs));
  std::vector<float> out(t.size(), std::numeric_limits<float>::infinity());
  for (auto const v : t.reached()) out[v] = as_float(t[v]);
  return out;
}

result<std::vector<float>> seconds_to(nw::network const& n, geo::latlng from, std::vector<geo::latlng> const& targets,
                                      street::mode m, double max_seconds, double max_snap_m) {
  KW_TRY(auto const budget, rt::budget_seconds(max_seconds));
  KW_TRY(auto const places, rt::snap(n, targets, m, max_snap_m));
  thread_local rt::query_state qs;
  KW_TRY(auto const secs, rt::street_to(n, from, places, {m, budget, max_snap_m}, qs));
  std::vector<float> out(secs.size());
  std::transform(secs.begin(), secs.end(), out.begin(), as_float);
  return out;
}

street::mode to_mode(std::string const& m) {
  if (m == "walk") return street::mode::walk;
  if (m == "bike") return street::mode::bike;
  throw error_exception{error{errc::invalid_argument, "mode must be 'walk' or 'bike', not '" + m + "'", {}, 0, "mode"}};
}

pyb::dict street_dict(street::graph_stats const& s) {
  pyb::dict d;
  d["osm_nodes"] = s.osm_nodes;
  d["osm_ways"] = s.osm_ways;
  d["usable_ways"] = s.usable_ways;
  d["missing_node_refs"] = s.missing_node_refs;
  d["invalid_locations"] = s.invalid_locations;
  d["nodes"] = s.nodes;
  d["edges"] = s.edges;
  d["chains"] = s.chains;
  d["length_m"] = s.total_length_m;
  for (std::size_t m = 0; m < street::kNModes; ++m) {
    auto const& ms = s.modes[m];
    pyb::dict md;
    md["nodes"] = ms.nodes;
    md["edges"] = ms.edges;
    md["dropped_nodes"] = ms.dropped_nodes;
    md["dropped_edges"] = ms.dropped_edges;
    md["dropped_components"] = ms.components - ms.kept_components;
    md["dropped_length_m"] = ms.dropped_length_m;
    d[std::string(street::mode_name(static_cast<street::mode>(m))).c_str()] = md;
  }
  return d;
}

pyb::dict meta_dict(nw::network_meta const& m) {
  pyb::dict d;
  d["stops"] = m.stops;
  d["stops_near_street"] = m.stops_near_street;
  d["stops_linked"] = m.stops_linked;
  d["stops_unlinked"] = m.stops_unlinked;
  d["footpaths"] = m.footpaths;
  d["footpaths_walked"] = m.footpaths_walked;
  d["footpaths_from_gtfs"] = m.footpaths_from_gtfs;
  d["transfers_forbidden"] = m.transfers_forbidden;
  d["max_link_m"] = m.max_link_m;
  d["footpath_max_m"] = m.footpath_max_m;
  return d;
}

}  // namespace

void bind_network(pyb::module_& m) {
  pyb::class_<nw::network, std::shared_ptr<nw::network>>(m, "_Network", "An opened .kwn network (immutable).")
      .def_property_readonly("n_nodes", [](nw::network const& n) { return n.graph().n_nodes(); })
      .def_property_readonly("n_edges", [](nw::network const& n) { return n.graph().n_edges(); })
      .def_property_readonly("n_stops", [](nw::network const& n) { return n.n_stops(); })
      .def_property_readonly("size_bytes", [](nw::network const& n) { return n.size_bytes(); })
      .def("info",
           [](nw::network const& n) {
             pyb::dict d;
             d["street"] = street_dict(n.graph().stats_);
             d["links"] = meta_dict(n.meta());
             d["has_timetable"] = n.has_timetable();
             d["access_model"] = std::string(nw::access_model_name(n.access_model()));
             return d;
           })
      .def("node_latlon",
           [](nw::network const& n) {
             std::vector<double> v;
             v.reserve(n.graph().n_nodes() * 2);
             for (auto const& p : n.graph().node_pos_) {
               v.push_back(p.lat);
               v.push_back(p.lon);
             }
             return to_numpy(std::move(v)).reshape({static_cast<pyb::ssize_t>(n.graph().n_nodes()), pyb::ssize_t{2}});
           })
      .def(
          "times",
          [](nw::network const& n, double lat, double lon, std::string const& mode, double max_seconds,
             double max_snap_m) {
            auto const md = to_mode(mode);
            result<std::vector<float>> r;
            {
              pyb::gil_scoped_release release;
              r = node_seconds(n, {lat, lon}, md, max_seconds, max_snap_m);
            }
            return to_numpy(unwrap(std::move(r)));
          },
          pyb::arg("lat"), pyb::arg("lon"), pyb::arg("mode"), pyb::arg("max_seconds"), pyb::arg("max_snap_m"))
      .def(
          "times_to",
          [](nw::network const& n, double lat, double lon, std::vector<double> const& lats,
             std::vector<double> const& lons, std::string const& mode, double max_seconds, double max_snap_m) {
            if (lats.size() != lons.size())
              throw error_exception{error{errc::invalid_argument, "target lat and lon differ in length", {}, 0, "targets"}};
            auto const md = to_mode(mode);
            std::vector<geo::latlng> targets(lats.size());
            for (std::size_t i = 0; i < lats.size(); ++i) targets[i] = {lats[i], lons[i]};
            result<std::vector<float>> r;
            {
              pyb::gil_scoped_release release;
              r = seconds_to(n, {lat, lon}, targets, md, max_seconds, max_snap_m);
            }
            return to_numpy(unwrap(std::move(r)));
          },
          pyb::arg("lat"), pyb::arg("lon"), pyb::arg("lats"), pyb::arg("lons"), pyb::arg("mode"),
          pyb::arg("max_seconds"), pyb::arg("max_snap_m"))
      .def("stop_link_distances",
           [](nw::network const& n) {
             std::vector<float> d;
             for (auto const& l : n.stop_links())
               d.push_back(l.chain == street::kNoEdge ? std::numeric_limits<float>::quiet_NaN() : l.dist_m);
             return to_numpy(std::move(d));
           })
      .def("footpaths", [](nw::network const& n) {
        std::vector<std::uint32_t> from, to;
        std::vector<std::int32_t> secs;
        for (std::uint32_t s = 0; s < n.n_stops(); ++s)
          for (auto const& f : n.footpaths(transit::stop_idx_t{s})) {
            from.push_back(s);
            to.push_back(f.to);
            secs.push_back(f.seconds);
          }
        return pyb::make_tuple(to_numpy(std::move(from)), to_numpy(std::move(to)), to_numpy(std::move(secs)));
      });

  m.def(
      "network_build",
      [](std::vector<std::string> const& gtfs, std::vector<std::string> const& prefixes, std::string const& osm,
         std::string const& out, double walk_speed, double bike_speed, double max_link_m, double footpath_max_m,
         std::size_t min_component_nodes, double detour_factor) {
        if (!prefixes.empty() && prefixes.size() != gtfs.size())
          throw error_exception{error{errc::invalid_argument, "prefixes: one per feed", {}, 0, "prefixes"}};
        std::vector<transit::feed_input> feeds;
        for (std::size_t i = 0; i < gtfs.size(); ++i) feeds.push_back({gtfs[i], prefixes.empty() ? "" : prefixes[i]});
        nw::build_options opt;
        opt.profile.walk_speed_mps = walk_speed;
        opt.profile.bike_speed_mps = bike_speed;
        opt.max_link_m = max_link_m;
        opt.footpath_max_m = footpath_max_m;
        opt.min_component_nodes = min_component_nodes;
        opt.detour_factor = detour_factor;
        result<nw::build_summary> r;
        {
          pyb::gil_scoped_release release;
          r = nw::build(feeds, osm, out, opt);
        }
        auto s = unwrap(std::move(r));
        pyb::dict d;
        d["street"] = street_dict(s.street);
        d["links"] = meta_dict(s.meta);
        d["file_bytes"] = s.file_bytes;
        pyb::list problems;
        for (auto const& p : s.report.problems())
          problems.append(pyb::make_tuple(std::string(severity_name(p.severity)), p.code, p.file, p.line, p.field, p.message));
        d["problems"] = problems;
        return d;
      },
      pyb::arg("gtfs"), pyb::arg("prefixes"), pyb::arg("osm"), pyb::arg("out"), pyb::arg("walk_speed"),
      pyb::arg("bike_speed"), pyb::arg("max_link_m"), pyb::arg("footpath_max_m"), pyb::arg("min_component_nodes"),
      pyb::arg("detour_factor"));
  m.def(
      "network_open",
      [](std::string const& path) {
        result<nw::network> r;
        {
          pyb::gil_scoped_release release;
          r = nw::network::open(path);
        }
        return std::make_shared<nw::network>(unwrap(std::move(r)));
      },
      pyb::arg("path"));
}

}  // namespace kwartier::py
