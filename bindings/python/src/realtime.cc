// Python binding of kwartier::realtime (docs/realtime.md): a FeedMessage (bytes or a file) applied to an
// opened network gives an immutable view (_RealtimeView) that Network.route passes to routing::route; the
// summary is the edges JSON `kwartier realtime info --format json` prints. Thin: no logic here.
#include <memory>
#include <string>

#include "common.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"

namespace kwartier::py {

void bind_realtime(pyb::module_& m) {
  // Held as shared_ptr<view> (pybind11 wants a non-const class); only const members are bound.
  pyb::class_<realtime::view, std::shared_ptr<realtime::view>>(
      m, "_RealtimeView", "An immutable realtime view of a network (GTFS-realtime TripUpdates applied).")
      .def_property_readonly("summary", [](realtime::view const& v) { return to_python(edges::to_json(v.summary())); });
  m.def(
      "network_apply_realtime",
      [](network::network const& n, pyb::object const& updates, bool is_path, std::string const& feed_prefix,
         int on_time_seconds) {
        realtime::apply_options opt;
        opt.feed_prefix = feed_prefix;
        opt.on_time_seconds = on_time_seconds;
        std::string bytes, path;
        if (is_path) path = updates.cast<std::string>();
        else bytes = updates.cast<std::string>();  // bytes -> std::string copies the buffer
        result<std::shared_ptr<realtime::view const>> v;
        {
          pyb::gil_scoped_release release;
          auto msg = is_path ? realtime::load_feed(path) : realtime::parse_feed(bytes, "bytes");
          if (!msg) v = make_error(std::move(msg).error());
          else v = realtime::apply(n, *msg, opt);
        }
        return std::const_pointer_cast<realtime::view>(unwrap(std::move(v)));
      },
      pyb::arg("net"), pyb::arg("updates"), pyb::arg("is_path"), pyb::arg("feed_prefix"),
      pyb::arg("on_time_seconds"), "realtime::load_feed/parse_feed + realtime::apply: a new view of the network.");
}

}  // namespace kwartier::py
