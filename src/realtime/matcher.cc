// realtime::matcher: trip and stop id indexes over one network's timetable, built once.
#include <cctype>

#include "realtime/matcher_impl.h"

namespace kwartier::realtime {

matcher::~matcher() = default;

network::network const& matcher::net() const { return impl_->net; }

result<std::shared_ptr<matcher const>> matcher::build(network::network const& net) {
  if (!net.has_timetable() || net.timetable().n_stops() == 0)
    return make_error(errc::unsupported, "realtime updates need a network built with GTFS", {}, 0, "network");
  auto m = std::shared_ptr<matcher>(new matcher());
  m->impl_ = std::make_unique<impl>();
  auto& x = *m->impl_;
  x.net = net;
  x.tt = &x.net.timetable();
  auto const& tt = *x.tt;
  auto const nt = tt.n_trips();
  x.trip_by_id.reserve(nt);
  for (std::uint32_t t = 0; t < nt; ++t) {
    auto const id = tt.trip_id(transit::trip_idx_t{t});
    x.trip_by_id.emplace(id, t);
    // "T#12": an instance of frequency-based trip T (transit expands frequencies.txt so).
    auto const hash = id.rfind('#');
    if (hash != std::string_view::npos && hash > 0 && hash + 1 < id.size()) {
      bool digits = true;
      for (auto c : id.substr(hash + 1)) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
      if (digits) x.freq_instances[id.substr(0, hash)].push_back(t);
    }
  }
  auto const ns = tt.n_stops();
  x.stop_by_id.reserve(ns);
  x.station.resize(ns);
  for (std::uint32_t s = 0; s < ns; ++s) {
    auto const sid = transit::stop_idx_t{s};
    x.stop_by_id.emplace(tt.stop_id(sid), s);
    auto const p = tt.stop_parent(sid);
    x.station[s] = p.valid() && p.v() < ns ? p.v() : s;
  }
  x.trip_route.assign(nt, kNone);
  x.trip_pos.assign(nt, 0);
  for (std::uint32_t r = 0; r < tt.n_routes(); ++r) {
    auto const trips = tt.route_trips(transit::route_idx_t{r});
    for (std::uint32_t k = 0; k < trips.size(); ++k) {
      x.trip_route[trips[k]] = r;
      x.trip_pos[trips[k]] = k;
    }
  }
  if (auto tz = transit::time_zone::of(tt)) x.tz = *tz;
  return std::shared_ptr<matcher const>(std::move(m));
}

}  // namespace kwartier::realtime
