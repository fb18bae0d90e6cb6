// Python binding of kwartier::transit (GTFS load/validate, timetable build/save/open). Thin: converts types
// and calls the C++ API; the pure-Python layer is kwartier/gtfs.py.
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::py {
namespace {

namespace tr = kwartier::transit;

// A timetable either built here (owned) or opened from a .kwt (viewing the mapping).
struct py_timetable {
  std::shared_ptr<tr::timetable const> owned;
  tr::timetable_view view;
};

std::vector<tr::feed_input> to_inputs(std::vector<std::string> const& paths, std::vector<std::string> const& prefixes) {
  if (!prefixes.empty() && prefixes.size() != paths.size())
    throw error_exception{error{errc::invalid_argument, "prefixes: one per feed", {}, 0, "prefixes"}};
  std::vector<tr::feed_input> out;
  for (std::size_t i = 0; i < paths.size(); ++i) out.push_back({paths[i], prefixes.empty() ? std::string{} : prefixes[i]});
  return out;
}

pyb::dict counts_dict(tr::gtfs_counts const& c) {
  pyb::dict d;
  d["agencies"] = c.agencies;
  d["stops"] = c.stops;
  d["routes"] = c.routes;
  d["trips"] = c.trips;
  d["stop_times"] = c.stop_times;
  d["calendar"] = c.calendar;
  d["calendar_dates"] = c.calendar_dates;
  d["frequencies"] = c.frequencies;
  d["transfers"] = c.transfers;
  d["translations"] = c.translations;
  d["feed_info"] = c.feed_info;
  d["shapes"] = c.shapes;
  d["first_date"] = c.first_date;
  d["last_date"] = c.last_date;
  return d;
}

}  // namespace

void bind_gtfs(pyb::module_& m) {
  pyb::class_<tr::gtfs_feed, std::shared_ptr<tr::gtfs_feed>>(m, "_GtfsFeed", "A loaded GTFS feed (one or several merged).")
      .def_property_readonly("counts", [](tr::gtfs_feed const& f) { return counts_dict(f.counts); })
      .def_property_readonly("agencies",
                             [](tr::gtfs_feed const& f) {
                               pyb::list out;
                               for (auto const& a : f.agencies) out.append(pyb::make_tuple(a.id, a.name, a.timezone));
                               return out;
                             })
      .def_property_readonly("problems",
                             [](tr::gtfs_feed const& f) {
                               pyb::list out;
                               for (auto const& p : f.report.problems())
                                 out.append(pyb::make_tuple(std::string(severity_name(p.severity)), p.code, p.file,
                                                            p.line, p.field, p.message));
                               return out;
                             })
      .def_property_readonly("n_errors", [](tr::gtfs_feed const& f) { return f.report.count(severity::error); })
      .def_property_readonly("n_warnings", [](tr::gtfs_feed const& f) { return f.report.count(severity::warning); })
      .def_property_readonly("n_infos", [](tr::gtfs_feed const& f) { return f.report.count(severity::info); })
      .def_property_readonly("n_suppressed", [](tr::gtfs_feed const& f) { return f.report.suppressed(); })
      .def("report_json", [](tr::gtfs_feed const& f) { return f.report.to_json(); })
      .def("build",
           [](tr::gtfs_feed const& f) {
             auto tt = std::make_shared<tr::timetable const>(unwrap(tr::build_timetable(f)));
             return py_timetable{tt, tr::view_of(*tt)};
           },
           pyb::call_guard<pyb::gil_scoped_release>(), "Builds the compact timetable.");

  pyb::class_<py_timetable>(m, "_Timetable", "A compact timetable (built or opened from a .kwt file).")
      .def_property_readonly("n_stops", [](py_timetable const& t) { return t.view.n_stops(); })
      .def_property_readonly("n_routes", [](py_timetable const& t) { return t.view.n_routes(); })
      .def_property_readonly("n_trips", [](py_timetable const& t) { return t.view.n_trips(); })
      .def_property_readonly("n_stop_times", [](py_timetable const& t) { return t.view.n_stop_times(); })
      .def_property_readonly("n_services", [](py_timetable const& t) { return t.view.n_services(); })
      .def_property_readonly("n_transfers", [](py_timetable const& t) { return t.view.transfers().size(); })
      .def_property_readonly("first_date", [](py_timetable const& t) {
        return t.view.n_days_ > 0 ? tr::yyyymmdd_from_days(t.view.first_day_) : 0u;
      })
      .def_property_readonly("last_date", [](py_timetable const& t) {
        return t.view.n_days_ > 0 ? tr::yyyymmdd_from_days(t.view.first_day_ + t.view.n_days_ - 1) : 0u;
      })
      .def_property_readonly("languages",
                             [](py_timetable const& t) {
                               std::vector<std::string> out;
                               for (std::size_t l = 0; l < t.view.n_languages(); ++l) out.emplace_back(t.view.languages_[l]);
                               return out;
                             })
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
             return s ? static_cast<std::int64_t>(s->v()) : -1;
           })
      .def("stop_name",
           [](py_timetable const& t, std::uint32_t stop, std::string const& lang) {
             if (stop >= t.view.n_stops())
               throw error_exception{error{errc::out_of_range, "stop index out of range", {}, 0, "stop"}};
             return std::string(lang.empty() ? t.view.stop_name(tr::stop_idx_t{stop}) : t.view.stop_name(tr::stop_idx_t{stop}, lang));
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
        [](std::vector<std::string> const& paths, std::vector<std::string> const& prefixes) {
          auto inputs = to_inputs(paths, prefixes);
          return std::make_shared<tr::gtfs_feed>(unwrap(tr::load_gtfs(inputs)));
        },
        pyb::arg("paths"), pyb::arg("prefixes") = std::vector<std::string>{},
        pyb::call_guard<pyb::gil_scoped_release>(), "Loads and validates GTFS feeds (zip or folder each).");
  m.def("timetable_open",
        [](std::string const& path) { return py_timetable{nullptr, unwrap(tr::open_timetable(path))}; },
        pyb::arg("path"), pyb::call_guard<pyb::gil_scoped_release>(), "Maps and validates a .kwt timetable.");
}

}  // namespace kwartier::py
