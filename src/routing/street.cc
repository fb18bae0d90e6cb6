#include "kwartier/routing/street.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

using namespace detail;

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
  static places make(street::travel_profile p, std::size_t n_chains) {
    places pl;
    pl.profile_ = p;
    pl.n_chains_ = n_chains;
    return pl;
  }
  static std::vector<street::snap_result>& snaps(places& p) { return p.snaps_; }
  static std::size_t n_chains(places const& p) { return p.n_chains_; }
};

namespace {

// Snaps `from` and runs the bounded forward search (the connector included); returns the origin's snap.
result<street::snap_result> search(network::network const& net, geo::latlng from, street_query const& q,
                                   street::query_state& s) {
  KW_TRY_VOID(check_query(net, q, true));
  KW_TRY(auto const snap, snap_point(net, from, q, "from"));
  auto const prof = profile_of(q);
  street::dijkstra(net.graph(), prof, seeds_with_connector(net, snap, prof, false), street::seconds_to_ds(q.max_seconds), s);
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

result<places> snap(network::network const& net, std::span<geo::latlng const> coords, street_query const& q) {
  street_query check = q;
  check.max_seconds = 1;  // the budget plays no part in snapping
  KW_TRY_VOID(check_query(net, check, true));
  auto const prof = profile_of(q);
  auto p = places_access::make(prof, net.graph().n_chains());
  auto& snaps = places_access::snaps(p);
  snaps.resize(coords.size());
  for (std::size_t i = 0; i < coords.size(); ++i) {
    auto r = net.snapper().snap(coords[i], prof, q.max_snap_m);
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

result<places> snap(network::network const& net, std::span<geo::latlng const> coords, street::mode m,
                    double max_snap_m) {
  return snap(net, coords, street_query{m, 1, max_snap_m});
}

status street_to(network::network const& net, geo::latlng from, places const& targets, street_query const& q,
                 query_state& qs, std::span<seconds_t> out) {
  if (out.size() != targets.size())
    return make_error(errc::invalid_argument, "output size differs from the number of targets", {}, 0, "out");
  if (targets.profile() != profile_of(q) || places_access::n_chains(targets) != net.graph().n_chains())
    return make_error(errc::invalid_argument,
                      "targets were snapped in another mode or step-free setting, or on another network", {}, 0,
                      "targets");
  auto& s = qs.internal().street;
  KW_TRY(auto const src, search(net, from, q, s));
  auto const budget = street::seconds_to_ds(q.max_seconds);
  auto const prof = profile_of(q);
  auto const src_conn = connector_ds(net, src.dist_m);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out[i] = kUnreachable;
    if (!targets.snapped(i)) continue;
    auto const& t = targets.snap(i);
    // Node times include the origin's connector; along the origin's own chain it is added here.
    auto const via_nodes = street::time_to(net.graph(), t, prof, s.times());
    auto const along = street::along_chain(net.graph(), src, t, prof);
    std::uint64_t best = via_nodes;
    if (along != street::kUnreached) best = std::min<std::uint64_t>(best, std::uint64_t{along} + src_conn);
    if (best >= street::kUnreached) continue;
    best += connector_ds(net, t.dist_m);
    if (best <= budget) out[i] = street::ds_to_seconds(static_cast<std::uint32_t>(best));
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
