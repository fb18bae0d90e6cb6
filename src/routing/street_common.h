// Checks and small pieces shared by routing's street queries (internal): street.cc, access.cc, isochrone.cc,
// matrix.cc.
#pragma once

#include <string>

#include "kwartier/routing/street.h"

namespace kwartier::routing::detail {

inline street::travel_profile profile_of(street_query const& q) {
  std::uint8_t avoid = 0;
  if (q.step_free) avoid = street::kStepFreeAvoid | (q.avoid_unknown ? street::kAccessUnknown : 0);
  return {q.mode, avoid};
}

inline status check_mode(street::mode m) {
  if (static_cast<std::uint8_t>(m) >= street::kNModes)
    return make_error(errc::invalid_argument, "mode must be walk or bike", {}, 0, "mode");
  return {};
}

// Mode, budget, snapping distance; step-free needs the accessibility flags (files written before them lack
// them). `need_streets`: the query needs a street graph (not a straight-line network).
inline status check_query(network::network const& net, street_query const& q, bool need_streets) {
  KW_TRY_VOID(check_mode(q.mode));
  if (q.max_seconds <= 0)
    return make_error(errc::invalid_argument,
                      "time budget must be > 0 seconds (got " + std::to_string(q.max_seconds) + ")", {}, 0,
                      "max_seconds");
  if (!(q.max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  bool const streets = net.access_model() == network::access_model::streets;
  if (need_streets && !streets)
    return make_error(errc::unsupported,
                      "the network was built from GTFS alone (straight-line access): it has no street graph", {}, 0,
                      "network");
  if (q.step_free && streets && !net.graph().has_edge_flags())
    return make_error(errc::unsupported,
                      "the network file has no accessibility flags (built by an older kwartier): rebuild it for "
                      "step-free queries",
                      {}, 0, "step_free");
  return {};
}

inline status check_coordinate(geo::latlng p, char const* field) {
  if (!geo::valid(p))
    return make_error(errc::out_of_range,
                      "coordinate (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) + ") is out of range", {},
                      0, field);
  return {};
}

// The straight piece between a coordinate (or a stop) and its street, walked at the network's walking speed.
inline std::uint32_t connector_ds(network::network const& net, float dist_m) {
  return street::travel_ds(dist_m, net.graph().stats_.walk_speed_mps);
}

// Snaps a coordinate in the query's profile; errors name `field`.
inline result<street::snap_result> snap_point(network::network const& net, geo::latlng p, street_query const& q,
                                              char const* field) {
  KW_TRY_VOID(check_coordinate(p, field));
  auto r = net.snapper().snap(p, profile_of(q), q.max_snap_m);
  if (!r) {
    auto e = std::move(r).error();
    e.field = field;
    return tl::unexpected{std::move(e)};
  }
  return r;
}

// Seeds for leaving (or, reverse, reaching) a snapped coordinate, its connector included.
inline std::vector<street::seed> seeds_with_connector(network::network const& net, street::snap_result const& s,
                                                      street::travel_profile p, bool reverse) {
  auto seeds = reverse ? street::seeds_to(net.graph(), s, p) : street::seeds_from(net.graph(), s, p);
  auto const c = connector_ds(net, s.dist_m);
  for (auto& sd : seeds) sd.time_ds += c;
  return seeds;
}

}  // namespace kwartier::routing::detail
