// Python binding of routing::matrix (docs/edges.md §4.8d). Thin: converts the (n, 2) coordinate arrays and
// the option strings with the library's own parsers, runs routing::matrix with the GIL released and returns
// the [origin][destination] matrix as a numpy array (int32 seconds, or uint16 minutes).
#include <string>

#include "common.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::py {
namespace {

std::vector<geo::latlng> coords(pyb::array_t<double, pyb::array::c_style | pyb::array::forcecast> const& a) {
  // The Python layer checked the (n, 2) shape (kwartier._args.points).
  auto const n = static_cast<std::size_t>(a.shape(0));
  std::vector<geo::latlng> out(n);
  auto const* p = a.data();
  for (std::size_t i = 0; i < n; ++i) out[i] = {p[2 * i], p[2 * i + 1]};
  return out;
}

}  // namespace

void bind_matrix(pyb::module_& m) {
  m.def("matrix_defaults", [] {
    pyb::dict d;
    d["network.matrix"] = to_python(edges::matrix_defaults());
    return d;
  }, "Defaults of routing::matrix_request.");
  m.def(
      "network_matrix",
      [](network::network const& n, pyb::array_t<double, pyb::array::c_style | pyb::array::forcecast> const& origins,
         pyb::array_t<double, pyb::array::c_style | pyb::array::forcecast> const& destinations, std::string const& mode,
         std::string const& access_mode, std::string const& date, std::string const& time, int window_seconds,
         int window_step, double percentile, int max_seconds, int max_access_seconds, unsigned max_transfers,
         int min_change_seconds, double max_snap_m, bool skip_unsnapped, bool step_free, unsigned threads,
         std::uint64_t max_bytes, bool use_ch, bool minutes) -> pyb::object {
        routing::matrix_request r;
        r.mode = unwrap(routing::parse_travel_mode(mode));
        r.access_mode = unwrap(routing::parse_street_mode(access_mode));
        if (!date.empty()) r.date = unwrap(transit::parse_date(date));
        r.time = unwrap(transit::parse_time_of_day(time));
        r.window_seconds = window_seconds;
        r.window_step = window_step;
        r.percentile = percentile;
        r.max_seconds = max_seconds;
        r.max_access_seconds = max_access_seconds;
        r.max_transfers = max_transfers;
        r.min_change_seconds = min_change_seconds;
        r.max_snap_m = max_snap_m;
        r.skip_unsnapped = skip_unsnapped;
        r.step_free = step_free;
        r.threads = threads;
        r.max_bytes = max_bytes;
        r.use_ch = use_ch;
        auto const o = coords(origins);
        auto const d = coords(destinations);
        result<routing::travel_time_matrix> res;
        {
          pyb::gil_scoped_release release;
          res = routing::matrix(n, o, d, r);
        }
        auto mat = unwrap(std::move(res));
        auto const rows = static_cast<pyb::ssize_t>(mat.n_origins), cols = static_cast<pyb::ssize_t>(mat.n_destinations);
        if (minutes) return to_numpy(mat.minutes()).attr("reshape")(rows, cols);
        return to_numpy(std::move(mat.seconds)).attr("reshape")(rows, cols);
      },
      pyb::arg("net"), pyb::arg("origins"), pyb::arg("destinations"), pyb::arg("mode"), pyb::arg("access_mode"),
      pyb::arg("date"), pyb::arg("time"), pyb::arg("window_seconds"), pyb::arg("window_step"), pyb::arg("percentile"),
      pyb::arg("max_seconds"), pyb::arg("max_access_seconds"), pyb::arg("max_transfers"),
      pyb::arg("min_change_seconds"), pyb::arg("max_snap_m"), pyb::arg("skip_unsnapped"), pyb::arg("step_free"),
      pyb::arg("threads"), pyb::arg("max_bytes"), pyb::arg("use_ch"), pyb::arg("minutes"),
      "routing::matrix: an (origins, destinations) numpy array, int32 seconds or uint16 minutes.");
}

}  // namespace kwartier::py
