#include "kwartier/routing/street.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "routing/query_state_impl.h"

namespace kwartier::routing {

struct node_times_access {
  static node_times make(street::query_state const& s, std::uint32_t budget_ds) {
    node_times t;
    t.ds_ = s.times();
    t.reached_ = s.reached();
    t.budget_ds_ = budget_ds;
    return t;
  }
};

struct places_access {
  static places make(street::mode m, std::size_t n_chains) {
    places p;
    p.mode_ = m;
    p.n_chains_ = n_chains;
    return p;
  }
  static std::vector<street::snap_result>& snaps(places& p) { return p.snaps_; }
  static std::size_t n_chains(places const& p) { return p.n_chains_; }
};

namespace {

status check_mode(street::mode m) {
  if (static_cast<std::uint8_t>(m) >= street::kNModes)
    return make_error(errc::invalid_argument, "mode must be walk or bike", {}, 0, "mode");
  return {};
}

status check_query(street_query const& q) {
  KW_TRY_VOID(check_mode(q.mode));
  if (q.max_seconds <= 0)
    return make_error(errc::invalid_argument,
                      "time budget must be > 0 seconds (got " + std::to_string(q.max_seconds) + ")", {}, 0,
                      "max_seconds");
  if (!(q.max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  return {};
}

// Snaps `from` and runs the bounded forward search; returns the origin's snap.
result<street::snap_result> search(network::network const& net, geo::latlng from, street_query const& q,
                                   street::query_state& s) {
  KW_TRY_VOID(check_query(q));
  KW_TRY(auto const snap, net.snapper().snap(from, q.mode, q.max_snap_m));
  auto const seeds = street::seeds_from(net.graph(), snap, q.mode);
  street::dijkstra(net.graph(), q.mode, seeds, street::seconds_to_ds(q.max_seconds), s);
  return snap;
}

}  // namespace

result<seconds_t> budget_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0 || seconds > 24.0 * 86400.0)
    return make_error(errc::invalid_argument,
                      "time budget must be a number of seconds between 0 and 24 days (got " + std::to_string(seconds) + ")",
                      {}, 0, "max_seconds");
  return static_cast<seconds_t>(std::lround(seconds));
}

void node_times::copy_to(std::span<seconds_t> out) const {
  std::fill(out.begin(), out.end(), kUnreachable);
  for (auto const v : reached_)
    if (v < out.size()) out[v] = (*this)[v];
}

result<node_times> street_from(network::network const& net, geo::latlng from, street_query const& q,
                               query_state& qs) {
  auto& s = qs.internal().street;
  KW_TRY_VOID(search(net, from, q, s));
  return node_times_access::make(s, street::seconds_to_ds(q.max_seconds));
}

std::size_t places::n_snapped() const {
  return static_cast<std::size_t>(
      std::count_if(snaps_.begin(), snaps_.end(), [](street::snap_result const& s) { return s.chain.valid(); }));
}

result<places> snap(network::network const& net, std::span<geo::latlng const> coords, street::mode m,
                    double max_snap_m) {
  KW_TRY_VOID(check_mode(m));
  if (!(max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  auto p = places_access::make(m, net.graph().n_chains());
  auto& snaps = places_access::snaps(p);
  snaps.resize(coords.size());
  for (std::size_t i = 0; i < coords.size(); ++i) {
    auto r = net.snapper().snap(coords[i], m, max_snap_m);
    if (r) {
      snaps[i] = *r;
    } else if (r.error().code != errc::too_far) {
      auto e = std::move(r).error();
      e.field = "coordinate " + std::to_string(i);
      return tl::unexpected{std::move(e)};
    }
  }
  return p;
}

status street_to(network::network const& net, geo::latlng from, places const& targets, street_query const& q,
                 query_state& qs, std::span<seconds_t> out) {
  if (out.size() != targets.size())
    return make_error(errc::invalid_argument, "output size differs from the number of targets", {}, 0, "out");
  if (targets.mode() != q.mode || places_access::n_chains(targets) != net.graph().n_chains())
    return make_error(errc::invalid_argument, "targets were snapped in another mode or on another network", {}, 0,
                      "targets");
  auto& s = qs.internal().street;
  KW_TRY(auto const src, search(net, from, q, s));
  auto const budget = street::seconds_to_ds(q.max_seconds);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out[i] = kUnreachable;
    if (!targets.snapped(i)) continue;
    auto const ds = street::time_to(net.graph(), targets.snap(i), q.mode, s.times(), &src);
    if (ds != street::kUnreached && ds <= budget) out[i] = street::ds_to_seconds(ds);
  }
  return {};
}

result<std::vector<seconds_t>> street_to(network::network const& net, geo::latlng from, places const& targets,
                                         street_query const& q, query_state& qs) {
  std::vector<seconds_t> out(targets.size(), kUnreachable);
  KW_TRY_VOID(street_to(net, from, targets, q, qs, out));
  return out;
}

}  // namespace kwartier::routing
