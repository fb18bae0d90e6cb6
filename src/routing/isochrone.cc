// Isochrones: node times from one street search (walk, bike, or walk + transit) and band polygons (see
// kwartier/routing/isochrone.h).
#include "kwartier/routing/isochrone.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "kwartier/geo/point_index.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/transit/local_time.h"
#include "routing/bikeshare_impl.h"
#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

using namespace detail;

struct isochrone_access {
  static isochrone_result& self(isochrone_result& r) { return r; }
  static std::vector<seconds_t>& seconds(isochrone_result& r) { return r.seconds_; }
  static std::vector<isochrone_band>& bands(isochrone_result& r) { return r.bands_; }
  static void set_sharing(isochrone_result& r, bool bikeshare, bool bike_and_ride) {
    r.bikeshare_ = bikeshare;
    r.bike_and_ride_ = bike_and_ride;
  }
  static void set(isochrone_result& r, street::mode m, bool transit, seconds_t max_seconds, std::size_t reached,
                  bool polygons) {
    r.polygons_ = polygons;
    r.mode_ = m;
    r.transit_ = transit;
    r.max_seconds_ = max_seconds;
    r.reached_ = reached;
  }
};

namespace {

// A street search source on a chain: the snapped point and the time it is left at (deciseconds).
struct chain_source {
  street::snap_result snap;
  std::uint32_t start_ds;
};

// The street pieces reachable within `limit_ds`, as polylines, plus reached nodes no piece touches.
void reachable_geometry(street::graph_view const& g, street::travel_profile prof, std::span<std::uint32_t const> dist,
                        std::span<std::uint32_t const> reached, std::span<chain_source const> sources,
                        std::uint32_t limit_ds, geo::region_spec& spec) {
  std::vector<std::uint8_t> whole(g.n_chains(), 0);
  std::vector<std::uint8_t> touched(g.n_nodes(), 0);
  for (auto const u : reached) {
    if (dist[u] > limit_ds) continue;
    for (auto e = g.first_out_[u]; e < g.first_out_[u + 1]; ++e) {
      auto const w = g.weight(e, prof);
      if (w == street::kNoWeight) continue;
      auto const c = street::chain_idx_t{g.edge_chain_[e]};
      double const len = g.chain_length_m_[c.v()];
      bool const from_start = g.chain_fwd_edge_[c.v()] == e;  // u is the chain's `from` node
      touched[u] = 1;
      if (std::uint64_t{dist[u]} + w <= limit_ds) {
        if (!whole[c.v()]) {
          whole[c.v()] = 1;
          auto const pts = g.chain_geometry(c);
          spec.lines.emplace_back(pts.begin(), pts.end());
          touched[g.head_[e]] = 1;
        }
        continue;
      }
      double const part = static_cast<double>(limit_ds - dist[u]) / static_cast<double>(w) * len;
      spec.lines.push_back(from_start ? street::chain_piece(g, c, 0.0, part) : street::chain_piece(g, c, len, len - part));
    }
  }
  // Along the chains of the sources (origin, stops), both ways as far as the time allows.
  for (auto const& s : sources) {
    if (s.start_ds > limit_ds) continue;
    auto const c = s.snap.chain;
    double const len = g.chain_length_m_[c.v()];
    spec.points.push_back(s.snap.point);
    for (bool forward : {true, false}) {
      auto const w = g.chain_weight(c, prof, forward);
      if (w == street::kNoWeight || w == 0) continue;
      double const reach = static_cast<double>(limit_ds - s.start_ds) / static_cast<double>(w) * len;
      double const end = forward ? std::min<double>(len, s.snap.offset_m + reach) : std::max(0.0, s.snap.offset_m - reach);
      if (std::fabs(end - s.snap.offset_m) > 0.01) spec.lines.push_back(street::chain_piece(g, c, s.snap.offset_m, end));
    }
  }
  for (auto const u : reached)
    if (dist[u] <= limit_ds && !touched[u]) spec.points.push_back(g.node_pos_[u]);
}

std::string fmt_seconds(seconds_t s) { return std::to_string(s); }

}  // namespace

std::string isochrone_result::mode_label() const {
  std::string mode = bike_and_ride_ ? "bike_and_ride" : transit_ ? "walk+transit" : std::string(street::mode_name(mode_));
  if (bikeshare_) mode += "+bikeshare";
  return mode;
}

std::string isochrone_result::to_geojson() const {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  auto const mode = mode_label();
  bool first = true;
  for (auto it = bands_.rbegin(); it != bands_.rend(); ++it) {
    char minutes[32];
    std::snprintf(minutes, sizeof minutes, "%g", static_cast<double>(it->seconds) / 60.0);
    out += first ? "" : ",";
    first = false;
    out += R"({"type":"Feature","properties":{"seconds":)" + fmt_seconds(it->seconds) + R"(,"minutes":)" + minutes +
           R"(,"mode":")" + mode + R"(","nodes":)" + std::to_string(it->nodes) + R"(},"geometry":)" +
           it->shape.to_geojson() + "}";
  }
  out += "]}";
  return out;
}

result<isochrone_result> isochrone(network::network const& net, geo::latlng from, isochrone_options const& o,
                                   query_state& qs) {
  auto const& q = o.street;
  KW_TRY_VOID(check_query(net, q, true));
  for (auto const b : o.bands)
    if (b <= 0 || b > q.max_seconds)
      return make_error(errc::invalid_argument,
                        "band of " + std::to_string(b) + " s: bands must be > 0 and at most the budget (max_seconds " +
                            std::to_string(q.max_seconds) + " s)",
                        {}, 0, "bands");
  if (!(o.buffer_m > 0.0) || !std::isfinite(o.buffer_m))
    return make_error(errc::invalid_argument, "buffer must be a positive number of metres", {}, 0, "buffer_m");
  if (o.transit && q.mode != street::mode::walk)
    return make_error(errc::invalid_argument, "walk + transit isochrones walk to and from the stops (mode walk)", {},
                      0, "mode");
  if (o.bikeshare && q.mode != street::mode::walk)
    return make_error(errc::invalid_argument, "bike-share isochrones walk to and from the bikes (mode walk)", {}, 0,
                      "mode");
  if (o.bikeshare && q.step_free)
    return make_error(errc::invalid_argument, "bike share is not a step-free mode: ask without step_free", {}, 0,
                      "mode");
  if (o.bike_and_ride && !o.transit)
    return make_error(errc::invalid_argument, "bike and ride needs transit", {}, 0, "mode");
  auto const& g = net.graph();
  auto const prof = profile_of(q);
  auto const budget = street::seconds_to_ds(q.max_seconds);
  KW_TRY(auto const origin, snap_point(net, from, q, "from"));
  std::vector<chain_source> sources{{origin, connector_ds(net, origin.dist_m)}};
  auto seeds = seeds_with_connector(net, origin, prof, false);

  // Bike share: walk on from every station where a bike can be left, at the time it is docked; and (transit)
  // the stops bike share reaches.
  std::vector<stop_offset> bs_stops;
  if (o.bikeshare) {
    bikeshare_limits const bl{q.max_seconds, q.max_seconds, q.max_snap_m};
    auto& pass = qs.internal().bikeshare_fwd;
    KW_TRY_VOID(run_bikeshare_pass(net, *o.bikeshare, from, bl, qs, false, pass));
    if (o.transit) bikeshare_stops(net, *o.bikeshare, pass, qs, bs_stops);
    auto const pts = o.bikeshare->points();
    for (std::size_t i = 0; i < pts.size(); ++i) {
      if (pass.second[i] == street::kUnreached) continue;
      auto const start = pass.second[i] + connector_ds(net, pts[i].walk.dist_m);
      if (start > budget) continue;
      for (auto sd : street::seeds_from(g, pts[i].walk, prof)) {
        sd.time_ds += start;
        seeds.push_back(sd);
      }
      sources.push_back({pts[i].walk, start});
    }
  }

  if (o.transit) {
    auto const& t = *o.transit;
    if (!net.has_timetable() || net.timetable().n_stops() == 0)
      return make_error(errc::unsupported, "walk + transit asked of a network built without GTFS", {}, 0, "transit");
    if (t.time < 0 || t.time >= kDay)
      return make_error(errc::out_of_range, "time must be within the day: 00:00 to 23:59:59", {}, 0, "time");
    auto const& tt = net.timetable();
    KW_TRY_VOID(transit::check_service_day(tt, t.date));
    auto const tz = transit::time_zone::of(tt);
    auto const when = tz ? tz->to_service_time(transit::local_date_time{t.date, t.time})
                         : transit::service_time{t.date, t.time};
    std::vector<stop_offset> acc;
    auto aq = q;
    if (o.bike_and_ride) aq.mode = street::mode::bike;
    KW_TRY_VOID(access(net, from, aq, qs, acc));
    if (!bs_stops.empty()) {  // per stop the better of walking and bike share
      acc.insert(acc.end(), bs_stops.begin(), bs_stops.end());
      std::sort(acc.begin(), acc.end(), [](stop_offset const& a, stop_offset const& b) {
        return a.stop < b.stop || (a.stop == b.stop && a.seconds < b.seconds);
      });
      acc.erase(std::unique(acc.begin(), acc.end(), [](stop_offset const& a, stop_offset const& b) { return a.stop == b.stop; }),
                acc.end());
    }
    raptor_query rq;
    rq.day = when.day;
    rq.time = when.seconds;
    rq.sources = acc;
    rq.opt.max_transfers = t.max_transfers;
    rq.opt.min_change_seconds = t.min_change_seconds;
    rq.opt.max_travel_seconds = q.max_seconds;
    // Step-free: no trip with wheelchair_accessible = 2, no stop with wheelchair_boarding = 2 (nor unknown
    // ones with avoid_unknown), as routing::route does.
    std::vector<std::uint64_t> no_trips, no_stops;
    if (q.step_free) {
      auto const excluded = [&](transit::accessibility a) {
        return a == transit::accessibility::no || (q.avoid_unknown && a == transit::accessibility::unknown);
      };
      no_trips.assign((tt.n_trips() + 63) / 64, 0);
      no_stops.assign((tt.n_stops() + 63) / 64, 0);
      for (std::uint32_t i = 0; i < tt.n_trips(); ++i)
        if (excluded(tt.trip_wheelchair(transit::trip_idx_t{i}))) no_trips[i / 64] |= std::uint64_t{1} << (i % 64);
      for (std::uint32_t i = 0; i < tt.n_stops(); ++i)
        if (excluded(tt.stop_wheelchair(transit::stop_idx_t{i}))) no_stops[i / 64] |= std::uint64_t{1} << (i % 64);
      rq.opt.excluded_trips = no_trips;
      rq.opt.excluded_stops = no_stops;
      std::erase_if(acc, [&](stop_offset const& a) { return (no_stops[a.stop.v() / 64] >> (a.stop.v() % 64)) & 1U; });
    }
    KW_TRY_VOID(raptor(net, rq, qs));
    // Per stop the best time by any means: the access walk, a ride, or a footpath after a ride (a stop-area
    // footpath, or one from a stop with no street link, can reach streets no ride stop is linked to).
    auto const arrivals = best_times(qs);
    auto const acc_ok = [&](std::uint32_t s) { return no_stops.empty() || !((no_stops[s / 64] >> (s % 64)) & 1U); };
    // Walk on from every stop reached, at the time it is reached.
    for (std::uint32_t s = 0; s < arrivals.size(); ++s) {
      if (arrivals[s] == kUnreachable) continue;
      auto const elapsed = static_cast<std::int64_t>(arrivals[s]) - when.seconds;
      if (elapsed < 0 || elapsed > q.max_seconds) continue;
      if (q.step_free && !acc_ok(s)) continue;
      auto const snap = net.stop_snap(transit::stop_idx_t{s});
      if (!snap || !g.chain_usable(snap->chain, prof)) continue;
      auto const start = static_cast<std::uint32_t>(elapsed * 10) + connector_ds(net, snap->dist_m);
      if (start > budget) continue;
      for (auto sd : street::seeds_from(g, *snap, prof)) {
        sd.time_ds += start;
        seeds.push_back(sd);
      }
      sources.push_back({*snap, start});
    }
  }

  auto& st = qs.internal().street;
  street::dijkstra(g, prof, seeds, budget, st);
  auto const dist = st.times();
  auto const reached = st.reached();

  isochrone_result r;
  isochrone_access::set(r, q.mode, o.transit.has_value(), q.max_seconds, reached.size(), o.polygons);
  isochrone_access::set_sharing(r, o.bikeshare != nullptr, o.bike_and_ride);
  if (o.progress) o.progress("search", 1.0);
  auto& secs = isochrone_access::seconds(r);
  secs.assign(g.n_nodes(), kUnreachable);
  for (auto const v : reached) secs[v] = street::ds_to_seconds(dist[v]);

  auto bands = o.bands;
  std::sort(bands.begin(), bands.end());
  bands.erase(std::unique(bands.begin(), bands.end()), bands.end());
  std::vector<geo::point_hit> near;
  for (std::size_t bi = 0; bi < bands.size(); ++bi) {
    auto const b = bands[bi];
    auto const limit = street::seconds_to_ds(b);
    if (!o.polygons) {
      std::size_t n = 0;
      for (auto const v : reached) n += dist[v] <= limit ? 1 : 0;
      isochrone_access::bands(r).push_back({b, geo::region{}, n});
      continue;
    }
    geo::region_spec spec;
    spec.buffer_m = o.buffer_m;
    reachable_geometry(g, prof, dist, reached, sources, limit, spec);
    KW_TRY(auto shape, geo::region::build(spec));
    // Cut the unreached nodes the buffer covers: discs of 1 m, smaller when a reached node is closer (a node at
    // the very position of a reached one cannot be told apart and stays).
    std::vector<geo::latlng> in_band;
    for (auto const v : reached)
      if (dist[v] <= limit) in_band.push_back(g.node_pos_[v]);
    geo::point_index const reached_index{in_band};
    std::vector<geo::region_spec::disc> cuts;
    for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
      if (dist[v] <= limit || !shape.contains(g.node_pos_[v])) continue;
      near.clear();
      reached_index.within(g.node_pos_[v], 2.5, near);
      double closest = 2.5;
      for (auto const& h : near) closest = std::min(closest, h.dist_m);
      double const radius = std::min(1.0, 0.4 * closest);
      if (radius > 0.0) cuts.push_back({g.node_pos_[v], radius});
    }
    if (!cuts.empty()) {
      KW_TRY(shape, shape.minus(cuts));
    }
    isochrone_access::bands(r).push_back({b, std::move(shape), in_band.size()});
    if (o.progress) o.progress("polygons", static_cast<double>(bi + 1) / static_cast<double>(bands.size()));
  }
  return r;
}

result<isochrone_result> isochrone(network::network const& net, isochrone_request const& r, query_state& qs) {
  if (static_cast<std::uint8_t>(r.mode) > 2)
    return make_error(errc::invalid_argument, "mode must be walk, bike or transit", {}, 0, "mode");
  if (r.max_transfers > 255)
    return make_error(errc::invalid_argument, "max_transfers must be 0 to 255", {}, 0, "max_transfers");
  if (r.min_change_seconds < 0)
    return make_error(errc::invalid_argument, "min_change_seconds must be >= 0", {}, 0, "min_change_seconds");
  isochrone_options o;
  o.street.mode = r.mode == travel_mode::bike ? street::mode::bike : street::mode::walk;
  o.street.max_seconds = r.max_seconds;
  o.street.max_snap_m = r.max_snap_m;
  o.street.step_free = r.step_free;
  o.street.avoid_unknown = r.unknown == wheelchair_unknown::avoid;
  o.bands = r.bands;
  o.buffer_m = r.buffer_m;
  o.polygons = r.polygons;
  o.progress = r.progress;
  if (r.use_bikeshare) {
    if (!r.bikeshare)
      return make_error(errc::invalid_argument,
                        "bike share needs a GBFS system loaded for this network (Network.with_gbfs, --gbfs, "
                        "kw_network_load_gbfs)",
                        {}, 0, "bikeshare");
    o.bikeshare = r.bikeshare;
  }
  o.bike_and_ride = r.bike_and_ride;
  if (r.mode == travel_mode::transit) {
    if (r.date == kNoDate)
      return make_error(errc::invalid_argument, "walk + transit needs the local date of departure", {}, 0, "date");
    if (r.time < 0)
      return make_error(errc::invalid_argument, "walk + transit needs the local time of departure", {}, 0, "time");
    o.transit = transit_options{r.date, r.time, static_cast<std::uint8_t>(r.max_transfers), r.min_change_seconds};
  }
  return isochrone(net, r.from, o, qs);
}

}  // namespace kwartier::routing
