// Python binding of kwartier::transit (GTFS load/validate, timetable build/save/open). Thin: converts types
// and calls the C++ API; the pure-Python layer is kwartier/gtfs.py. Records come from kwartier::edges, so
// they have the shape of `kwartier gtfs ... --format json`.
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "kwartier/transit/feed_spec.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::py {
namespace {

namespace tr = kwartier::transit;

// A timetable either built here (owned) or opened from a .kwt (viewing the mapping; `path` is set).
struct py_timetable {
  std::shared_ptr<tr::timetable const> owned;
  tr::timetable_view view;
  std::string path;
};

tr::stop_idx_t stop_at(py_timetable const& t, std::int64_t stop) {
  if (stop < 0 || static_cast<std::uint64_t>(stop) >= t.view.n_stops())
    raise(errc::out_of_range,
          "stop " + std::to_string(stop) + " is not a stop index (0.." + std::to_string(t.view.n_stops()) + ")",
          "stop");
  return tr::stop_idx_t{static_cast<std::uint32_t>(stop)};
}

}  // namespace

pyb::object make_timetable(tr::timetable_view const& tt, std::string path) {
  return pyb::cast(py_timetable{nullptr, tt, std::move(path)});
}

void bind_gtfs(pyb::module_& m) {
  pyb::class_<tr::gtfs_feed, std::shared_ptr<tr::gtfs_feed>>(m, "_GtfsFeed", "A loaded GTFS feed (one or several merged).")
      .def("info", [](tr::gtfs_feed const& f) { return to_python(edges::to_json(f)); })
      .def("build",
           [](tr::gtfs_feed const& f) {
             auto tt = std::make_shared<tr::timetable const>(unwrap(tr::build_timetable(f)));
             return py_timetable{tt, tr::view_of(*tt), {}};
           },
           pyb::call_guard<pyb::gil_scoped_release>(), "Builds the compact timetable.");

  pyb::class_<py_timetable>(m, "_Timetable", "A compact timetable (built or opened from a .kwt file).")
      .def_property_readonly("n_stops", [](py_timetable const& t) { return t.view.n_stops(); })
      .def_property_readonly("n_routes", [](py_timetable const& t) { return t.view.n_routes(); })
      .def_property_readonly("n_trips", [](py_timetable const& t) { return t.view.n_trips(); })
      .def_property_readonly("n_stop_times", [](py_timetable const& t) { return t.view.n_stop_times(); })
      .def_property_readonly("n_services", [](py_timetable const& t) { return t.view.n_services(); })
      .def_property_readonly("n_transfers", [](py_timetable const& t) { return t.view.transfers().size(); })
      .def_property_readonly("path", [](py_timetable const& t) { return t.path; })
      .def("info", [](py_timetable const& t) { return to_python(edges::timetable_info(t.view)); })
      .def("stop_ids",
           [](py_timetable const& t) {
             std::vector<std::string> out;
             for (std::uint32_t s = 0; s < t.view.n_stops(); ++s) out.emplace_back(t.view.stop_id(tr::stop_idx_t{s}));
             return out;
           })
      .def("stop_names",
           [](py_timetable const& t, std::string const& lang) {
             std::vector<std::string> out;
             for (std::uint32_t s = 0; s < t.view.n_stops(); ++s)
               out.emplace_back(lang.empty() ? t.view.stop_name(tr::stop_idx_t{s}) : t.view.stop_name(tr::stop_idx_t{s}, lang));
             return out;
           },
           pyb::arg("lang") = "")
      .def("stop_lat",
           [](py_timetable const& t) {
             std::vector<double> v(t.view.n_stops());
             for (std::uint32_t s = 0; s < v.size(); ++s) v[s] = t.view.stop_pos(tr::stop_idx_t{s}).lat;
             return to_numpy(std::move(v));
           })
      .def("stop_lon",
           [](py_timetable const& t) {
             std::vector<double> v(t.view.n_stops());
             for (std::uint32_t s = 0; s < v.size(); ++s) v[s] = t.view.stop_pos(tr::stop_idx_t{s}).lon;
             return to_numpy(std::move(v));
           })
      .def("stop_parent",
           [](py_timetable const& t) {
             std::vector<std::int64_t> v(t.view.n_stops());
             for (std::uint32_t s = 0; s < v.size(); ++s) {
               auto const p = t.view.stop_parent(tr::stop_idx_t{s});
               v[s] = p.valid() ? static_cast<std::int64_t>(p.v()) : -1;
             }
             return to_numpy(std::move(v));
           })
      .def("find_stop",
           [](py_timetable const& t, std::string const& id) -> std::int64_t {
             auto const s = t.view.find_stop(id);
             if (!s) raise(errc::not_found, "no stop with id '" + id + "'", "stop_id");
             return static_cast<std::int64_t>(s->v());
           },
           pyb::arg("stop_id"))
      .def("stop_name",
           [](py_timetable const& t, std::int64_t stop, std::string const& lang) {
             auto const s = stop_at(t, stop);
             return std::string(lang.empty() ? t.view.stop_name(s) : t.view.stop_name(s, lang));
           },
           pyb::arg("stop"), pyb::arg("lang") = "")
      .def("save",
           [](py_timetable const& t, std::string const& path) {
             if (!t.owned)
               throw error_exception{error{errc::invalid_argument, "only a built timetable can be saved", path, 0, {}}};
             unwrap(tr::save_timetable(*t.owned, path));
           },
           pyb::call_guard<pyb::gil_scoped_release>());

  m.def("gtfs_load",
        [](std::vector<std::string> const& specs, std::size_t max_frequency_trips) {
          auto inputs = unwrap(tr::parse_feed_specs(specs));
          tr::load_options opt;
          opt.max_frequency_trips = max_frequency_trips;
          return std::make_shared<tr::gtfs_feed>(unwrap(tr::load_gtfs(inputs, opt)));
        },
        pyb::arg("specs"), pyb::arg("max_frequency_trips") = tr::load_options{}.max_frequency_trips,
        pyb::call_guard<pyb::gil_scoped_release>(),
        "Loads and validates GTFS feeds given as specs [prefix=]path (a zip or a folder each).");
  m.def("timetable_open",
        [](std::string const& path) { return py_timetable{nullptr, unwrap(tr::open_timetable(path)), path}; },
        pyb::arg("path"), pyb::call_guard<pyb::gil_scoped_release>(), "Maps and validates a .kwt timetable.");
}

}  // namespace kwartier::py
