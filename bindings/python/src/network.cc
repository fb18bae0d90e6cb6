// Python binding of kwartier::network (build / open a .kwn, street travel times). Thin: converts types and
// calls the C++ API; the pure-Python layer is kwartier/network.py.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"
#include "kwartier/transit/feed_spec.h"

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

// NaN for nodes outside the graph of `mode` (when given), so a query never starts from an unusable node.
pyb::array_t<double> node_positions(nw::network const& n, std::optional<street::mode> mode) {
  auto const& g = n.graph();
  std::vector<double> v(g.n_nodes() * 2, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < g.n_nodes(); ++i) {
    if (mode && (g.node_modes_[i] & (1U << static_cast<unsigned>(*mode))) == 0) continue;
    v[2 * i] = g.node_pos_[i].lat;
    v[2 * i + 1] = g.node_pos_[i].lon;
  }
  return to_numpy(std::move(v)).reshape({static_cast<pyb::ssize_t>(g.n_nodes()), pyb::ssize_t{2}});
}

}  // namespace

void bind_network(pyb::module_& m) {
  pyb::class_<nw::network, std::shared_ptr<nw::network>>(m, "_Network", "An opened .kwn network (immutable).")
      .def_property_readonly("n_nodes", [](nw::network const& n) { return n.graph().n_nodes(); })
      .def_property_readonly("n_edges", [](nw::network const& n) { return n.graph().n_edges(); })
      .def_property_readonly("n_stops", [](nw::network const& n) { return n.n_stops(); })
      .def_property_readonly("size_bytes", [](nw::network const& n) { return n.size_bytes(); })
      .def_property_readonly("path", [](nw::network const& n) { return n.file().name(); })
      .def("info", [](nw::network const& n) { return to_python(edges::network_info(n.file().name(), n)); })
      .def("node_latlon",
           [](nw::network const& n, std::string const& mode) {
             return node_positions(n, mode.empty() ? std::nullopt : std::optional<street::mode>{to_mode(mode)});
           },
           pyb::arg("mode"))
      .def("node_mask",
           [](nw::network const& n, std::string const& mode) {
             auto const bit = 1U << static_cast<unsigned>(to_mode(mode));
             auto const& g = n.graph();
             pyb::array_t<bool> out(static_cast<pyb::ssize_t>(g.n_nodes()));
             auto w = out.mutable_unchecked<1>();
             for (std::size_t i = 0; i < g.n_nodes(); ++i) w(static_cast<pyb::ssize_t>(i)) = (g.node_modes_[i] & bit) != 0;
             return out;
           },
           pyb::arg("mode"))
      .def("timetable",
           [](nw::network const& n) { return make_timetable(n.timetable(), n.file().name()); },
           "The network's timetable (a view of the same mapping).")
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
          [](nw::network const& n, double lat, double lon, pyb::array_t<double, pyb::array::c_style> const& targets,
             std::string const& mode, double max_seconds, double max_snap_m) {
            if (targets.ndim() != 2 || targets.shape(1) != 2)
              raise(errc::invalid_argument, "targets must be an (n, 2) array of latitude, longitude", "targets");
            auto const md = to_mode(mode);
            auto const t = targets.unchecked<2>();
            std::vector<geo::latlng> pts(static_cast<std::size_t>(t.shape(0)));
            for (pyb::ssize_t i = 0; i < t.shape(0); ++i) pts[static_cast<std::size_t>(i)] = {t(i, 0), t(i, 1)};
            result<std::vector<float>> r;
            {
              pyb::gil_scoped_release release;
              r = seconds_to(n, {lat, lon}, pts, md, max_seconds, max_snap_m);
            }
            return to_numpy(unwrap(std::move(r)));
          },
          pyb::arg("lat"), pyb::arg("lon"), pyb::arg("targets"), pyb::arg("mode"), pyb::arg("max_seconds"),
          pyb::arg("max_snap_m"))
      .def("stop_link_distances",
           [](nw::network const& n) {
             std::vector<float> d(n.n_stops(), std::numeric_limits<float>::quiet_NaN());
             auto const links = n.stop_links();
             for (std::size_t s = 0; s < links.size() && s < d.size(); ++s)
               if (links[s].chain != street::kNoEdge) d[s] = links[s].dist_m;
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

  m.def("network_defaults", [] {
    nw::build_options const b;
    pyb::dict build;
    build["walk_speed_mps"] = b.profile.walk_speed_mps;
    build["bike_speed_mps"] = b.profile.bike_speed_mps;
    build["max_link_m"] = b.max_link_m;
    build["footpath_max_m"] = b.footpath_max_m;
    build["detour_factor"] = b.detour_factor;
    build["stop_area_max_m"] = b.stop_area_max_m;
    build["min_component_nodes"] = b.min_component_nodes;
    rt::street_query const q;
    pyb::dict times;
    times["mode"] = std::string(street::mode_name(q.mode));
    times["max_seconds"] = q.max_seconds;
    times["max_snap_m"] = q.max_snap_m;
    pyb::dict d;
    d["network.build"] = build;
    d["network.times"] = times;
    return d;
  }, "Defaults of network::build_options and routing::street_query.");

  m.def(
      "network_build",
      [](std::vector<std::string> const& gtfs, std::string const& osm, std::string const& out, double walk_speed_mps,
         double bike_speed_mps, double max_link_m, double footpath_max_m, std::size_t min_component_nodes,
         double detour_factor, double stop_area_max_m, pyb::object progress) {
        auto const feeds = unwrap(transit::parse_feed_specs(gtfs));
        nw::build_options opt;
        opt.profile.walk_speed_mps = walk_speed_mps;
        opt.profile.bike_speed_mps = bike_speed_mps;
        opt.max_link_m = max_link_m;
        opt.footpath_max_m = footpath_max_m;
        opt.min_component_nodes = min_component_nodes;
        opt.detour_factor = detour_factor;
        opt.stop_area_max_m = stop_area_max_m;
        progress_callback pc{std::move(progress)};
        opt.progress = pc.get();
        result<nw::build_summary> r;
        {
          pyb::gil_scoped_release release;
          r = nw::build(feeds, osm, out, opt);
        }
        pc.rethrow();
        return to_python(edges::network_build_summary(out, unwrap(std::move(r))));
      },
      pyb::arg("gtfs"), pyb::arg("osm"), pyb::arg("out"), pyb::arg("walk_speed_mps"), pyb::arg("bike_speed_mps"),
      pyb::arg("max_link_m"), pyb::arg("footpath_max_m"), pyb::arg("min_component_nodes"), pyb::arg("detour_factor"),
      pyb::arg("stop_area_max_m"), pyb::arg("progress"));
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
