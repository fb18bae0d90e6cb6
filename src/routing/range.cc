// Range RAPTOR: departures latest first over one set of labels (never reset between departures).
#include "kwartier/routing/range.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "kwartier/network/network.h"
#include "routing/query_state_impl.h"

namespace kwartier::routing {

namespace {
constexpr std::size_t kMaxDepartures = 10000;
}

status range_raptor(network::network const& net, range_query const& q, query_state& qs, range_result& out) {
  std::vector<seconds_t>& deps = out.departures_;
  deps.clear();
  if (!q.departures.empty()) {
    if (q.departures.size() > kMaxDepartures)
      return make_error(errc::invalid_argument, "at most 10,000 departures", {}, 0, "departures");
    deps.assign(q.departures.begin(), q.departures.end());
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  } else {
    if (q.step <= 0) return make_error(errc::invalid_argument, "step must be > 0 seconds", {}, 0, "step");
    if (q.window_end <= q.window_start)
      return make_error(errc::invalid_argument, "the window must end after it starts", {}, 0, "window_end");
    if (q.window_end - q.window_start > 7 * kDay)
      return make_error(errc::invalid_argument, "the window is longer than 7 days", {}, 0, "window_end");
    if ((q.window_end - q.window_start + q.step - 1) / q.step > static_cast<seconds_t>(kMaxDepartures))
      return make_error(errc::invalid_argument, "at most 10,000 departures", {}, 0, "step");
    for (auto t = q.window_start; t < q.window_end; t += q.step) deps.push_back(t);
  }
  if (deps.empty()) return make_error(errc::invalid_argument, "no departures", {}, 0, "departures");

  auto& st = qs.internal().raptor;
  auto const max_rides = static_cast<std::size_t>(q.opt.max_transfers) + 1;
  KW_TRY_VOID(bind(st, net, max_rides + 1));
  for (auto const t : {deps.front(), deps.back()}) {
    raptor_query rq;
    rq.day = q.day;
    rq.time = t;
    rq.sources = q.sources;
    rq.opt = q.opt;
    KW_TRY_VOID(validate(st, rq));
  }
  reset_labels(st);
  st.dir_ = direction::forward;
  st.min_change_ = q.opt.min_change_seconds;
  st.excl_trips_ = q.opt.excluded_trips;
  st.excl_stops_ = q.opt.excluded_stops;
  st.min_target_ = 0;
  set_days(st, q.day, deps.front(), deps.back() + q.opt.max_travel_seconds);
  KW_TRY_VOID(set_realtime(st, q.opt.realtime));

  auto const n = st.n_stops_;
  out.n_stops_ = n;
  out.times_.assign(deps.size() * n, kUnreachable);
  for (auto i = deps.size(); i-- > 0;) {
    auto const dep = deps[i];
    st.bound_ = dep + q.opt.max_travel_seconds + 1;
    run_rounds(st, dep, q.sources, max_rides);
    auto* row = out.times_.data() + i * n;
    for (auto const s : st.touched_) {
      auto best = kUnreachable;
      for (std::size_t k = 0; k < st.rounds_used_; ++k) best = std::min(best, st.t_[st.idx(k, s)]);
      if (best != kUnreachable && best - dep <= q.opt.max_travel_seconds) row[s] = best - dep;
    }
  }
  return {};
}

std::vector<seconds_t> departure_events(network::network const& net, range_query const& q) {
  std::vector<seconds_t> out;
  if (!net.has_timetable()) return out;
  auto const& tt = net.timetable();
  std::int32_t max_time = 0;
  for (auto const& x : tt.stop_times_) max_time = std::max({max_time, x.arr, x.dep});
  auto const lo = q.window_start, hi = q.window_end;
  for (auto const& so : q.sources) {
    if (so.stop.v() >= tt.n_stops()) continue;
    for (auto const r : tt.stop_routes(so.stop)) {
      auto const rid = transit::route_idx_t{r};
      auto const stops = tt.route_stops(rid);
      auto const flags = tt.route_stop_flags(rid);
      auto const trips = tt.route_trips(rid);
      for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        if (stops[i] != so.stop.v() || (flags[i] & transit::kNoPickup) != 0) continue;
        for (std::size_t k = 0; k < trips.size(); ++k) {
          auto const trip = transit::trip_idx_t{trips[k]};
          auto const dep = tt.trip_times(rid, k)[i].dep;
          for (std::int32_t o = (lo - max_time) / kDay - 1; o <= hi / kDay + 1; ++o) {
            auto const t = o * kDay + dep - so.seconds;
            if (t < lo || t >= hi) continue;
            if (!tt.service_active(tt.trip_service(trip), q.day + o)) continue;
            if (!q.opt.excluded_trips.empty() && trip.v() / 64 < q.opt.excluded_trips.size() &&
                ((q.opt.excluded_trips[trip.v() / 64] >> (trip.v() % 64)) & 1U) != 0)
              continue;
            out.push_back(t);
          }
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

result<travel_time_summary> summarize(std::span<seconds_t const> times, std::size_t n_departures,
                                      std::size_t n_targets, std::span<double const> percentiles) {
  if (n_departures == 0)
    return make_error(errc::invalid_argument, "no departures to summarize", {}, 0, "n_departures");
  if (times.size() != n_departures * n_targets)
    return make_error(errc::invalid_argument,
                      "times must hold n_departures x n_targets values (" + std::to_string(times.size()) + " given)", {},
                      0, "times");
  for (auto const p : percentiles)
    if (!(p > 0.0 && p <= 100.0))
      return make_error(errc::invalid_argument, "percentiles must be in (0, 100]", {}, 0, "percentiles");
  auto const index = [&](double p) {
    auto const i = static_cast<std::int64_t>(std::ceil(p / 100.0 * static_cast<double>(n_departures))) - 1;
    return static_cast<std::size_t>(std::clamp<std::int64_t>(i, 0, static_cast<std::int64_t>(n_departures) - 1));
  };
  travel_time_summary s;
  s.n_targets = n_targets;
  s.percentiles.assign(percentiles.begin(), percentiles.end());
  s.min.resize(n_targets);
  s.median.resize(n_targets);
  s.values.resize(percentiles.size() * n_targets);
  std::vector<seconds_t> col(n_departures);
  auto const mid = index(50.0);
  for (std::size_t t = 0; t < n_targets; ++t) {
    for (std::size_t d = 0; d < n_departures; ++d) col[d] = times[d * n_targets + t];
    std::sort(col.begin(), col.end());
    s.min[t] = col.front();
    s.median[t] = col[mid];
    for (std::size_t p = 0; p < percentiles.size(); ++p) s.values[p * n_targets + t] = col[index(percentiles[p])];
  }
  return s;
}

}  // namespace kwartier::routing
