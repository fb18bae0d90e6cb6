// Python binding of kwartier::bikeshare (docs/realtime.md "Bike share"): a GBFS folder bound to an opened
// network gives an immutable system (_BikeshareSystem) that Network.route / Network.isochrone pass to routing;
// its summary is the edges JSON kw_network_gbfs_json gives. Thin: no logic here.
#include <memory>
#include <string>

#include "common.h"
#include "kwartier/bikeshare/system.h"
#include "kwartier/network/network.h"

namespace kwartier::py {

void bind_bikeshare(pyb::module_& m) {
  // Held as shared_ptr<system> (pybind11 wants a non-const class); only const members are bound.
  pyb::class_<bikeshare::system, std::shared_ptr<bikeshare::system>>(
      m, "_BikeshareSystem", "An immutable bike-share system (GBFS) bound to a network.")
      .def_property_readonly("summary", [](bikeshare::system const& s) { return to_python(edges::to_json(s)); });
  m.def(
      "network_load_gbfs",
      [](network::network const& n, std::string const& path, double max_snap_m, int pickup_seconds,
         int dropoff_seconds) {
        bikeshare::options o;
        o.max_snap_m = max_snap_m;
        o.pickup_seconds = pickup_seconds;
        o.dropoff_seconds = dropoff_seconds;
        result<std::shared_ptr<bikeshare::system const>> s;
        {
          pyb::gil_scoped_release release;
          s = bikeshare::system::load(n, path, o);
        }
        return std::const_pointer_cast<bikeshare::system>(unwrap(std::move(s)));
      },
      pyb::arg("net"), pyb::arg("path"), pyb::arg("max_snap_m"), pyb::arg("pickup_seconds"),
      pyb::arg("dropoff_seconds"), "bikeshare::system::load: a GBFS folder (or gbfs.json) bound to the network.");
}

}  // namespace kwartier::py
