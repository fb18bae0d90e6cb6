// Many-to-many travel-time matrices (see kwartier/routing/matrix.h).
#include "kwartier/routing/matrix.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kwartier/routing/access.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/street.h"
#include "kwartier/transit/local_time.h"
#include "routing/ch_query.h"
#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

using namespace detail;

namespace {

constexpr std::size_t kMaxDepartures = 10000;

std::string fmt_bytes(std::uint64_t b) {
  char buf[64];
  if (b >= (1ULL << 30))
    std::snprintf(buf, sizeof(buf), "%.2f GiB", static_cast<double>(b) / static_cast<double>(1ULL << 30));
  else
    std::snprintf(buf, sizeof(buf), "%.1f MiB", static_cast<double>(b) / static_cast<double>(1ULL << 20));
  return buf;
}

std::size_t n_departures(matrix_request const& r) {
  if (r.mode != travel_mode::transit || r.window_seconds <= 0) return 1;
  if (r.window_step <= 0) return 0;
  return static_cast<std::size_t>((static_cast<std::int64_t>(r.window_seconds) + r.window_step - 1) / r.window_step);
}

unsigned thread_count(matrix_request const& r, std::size_t n_items) {
  unsigned n = r.threads != 0 ? r.threads : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(n_items, 1, n));
}

// Runs fn(query_state&, item) for items 0..n-1 on `threads` workers (each with its own query state); the
// first error stops the others and is returned. `done` is called after each item (serialised).
template <typename Fn>
status parallel(std::size_t n, unsigned threads, Fn&& fn, std::function<void()> const& done = {}) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex m;
  std::optional<error> first;
  auto work = [&] {
    query_state qs;
    for (;;) {
      if (failed.load(std::memory_order_relaxed)) return;
      auto const i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= n) return;
      status s = fn(qs, i);
      std::lock_guard lock{m};
      if (!s) {
        if (!first) first = std::move(s).error();
        failed = true;
        return;
      }
      if (done) done();
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (first) return tl::unexpected{std::move(*first)};
  return {};
}

status check_request(network::network const& net, std::span<geo::latlng const> origins,
                     std::span<geo::latlng const> destinations, matrix_request const& r) {
  if (origins.empty()) return make_error(errc::invalid_argument, "no origins: the matrix needs at least one", {}, 0, "origins");
  if (destinations.empty())
    return make_error(errc::invalid_argument, "no destinations: the matrix needs at least one", {}, 0, "destinations");
  if (static_cast<std::uint8_t>(r.mode) > 2)
    return make_error(errc::invalid_argument, "mode must be walk, bike or transit", {}, 0, "mode");
  if (static_cast<std::uint8_t>(r.access_mode) >= street::kNModes)
    return make_error(errc::invalid_argument, "access_mode must be walk or bike", {}, 0, "access_mode");
  if (r.max_seconds <= 0 || r.max_seconds > 7 * kDay)
    return make_error(errc::invalid_argument,
                      "max_seconds must be > 0 and at most 7 days (got " + std::to_string(r.max_seconds) + ")", {}, 0,
                      "max_seconds");
  if (!(r.max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "max_snap_m must be >= 0", {}, 0, "max_snap_m");
  for (auto const* side : {&origins, &destinations})
    for (std::size_t i = 0; i < side->size(); ++i)
      if (!geo::valid((*side)[i])) {
        auto const& p = (*side)[i];
        auto const name = std::string(side == &origins ? "origins" : "destinations") + "[" + std::to_string(i) + "]";
        return make_error(errc::out_of_range,
                          name + ": coordinate (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) +
                              ") is not a latitude in [-90, 90] and a longitude in [-180, 180]",
                          {}, 0, name);
      }
  if (r.mode == travel_mode::transit) {
    if (!net.has_timetable() || net.timetable().n_stops() == 0)
      return make_error(errc::unsupported, "transit asked of a network built without GTFS", {}, 0, "mode");
    if (r.time < 0 || r.time >= kDay)
      return make_error(errc::out_of_range, "time must be within the day: 00:00 to 23:59:59", {}, 0, "time");
    if (r.max_access_seconds <= 0)
      return make_error(errc::invalid_argument, "max_access_seconds must be > 0", {}, 0, "max_access_seconds");
    if (r.max_transfers > 255)
      return make_error(errc::invalid_argument, "max_transfers must be 0 to 255", {}, 0, "max_transfers");
    if (r.min_change_seconds < 0)
      return make_error(errc::invalid_argument, "min_change_seconds must be >= 0", {}, 0, "min_change_seconds");
    if (r.window_seconds < 0)
      return make_error(errc::invalid_argument, "window_seconds must be >= 0", {}, 0, "window_seconds");
    if (r.window_seconds > 0) {
      if (r.window_step <= 0)
        return make_error(errc::invalid_argument, "window_step must be > 0 seconds", {}, 0, "window_step");
      if (r.window_seconds > 7 * kDay)
        return make_error(errc::invalid_argument, "the window is longer than 7 days", {}, 0, "window_seconds");
      if (n_departures(r) > kMaxDepartures)
        return make_error(errc::invalid_argument, "at most 10,000 departures in a window", {}, 0, "window_step");
      if (!(r.percentile > 0.0 && r.percentile <= 100.0))
        return make_error(errc::invalid_argument, "percentile must be in (0, 100]", {}, 0, "percentile");
    }
    KW_TRY_VOID(transit::check_service_day(net.timetable(), r.date));
  }
  return {};
}

// Snaps a side; too_far names the first coordinate farther than max_snap_m unless skip_unsnapped.
result<places> snap_side(network::network const& net, std::span<geo::latlng const> coords, street_query const& q,
                         bool skip_unsnapped, char const* side) {
  auto p = snap(net, coords, q);
  if (!p) {
    auto e = std::move(p).error();
    e.field = side;
    return tl::unexpected{std::move(e)};
  }
  if (!skip_unsnapped)
    for (std::size_t i = 0; i < p->size(); ++i)
      if (!p->snapped(i)) {
        auto const name = std::string(side) + "[" + std::to_string(i) + "]";
        return make_error(errc::too_far,
                          name + ": no street usable " +
                              (q.mode == street::mode::walk ? std::string{"on foot"} : std::string{"by bike"}) +
                              " within " + std::to_string(static_cast<int>(q.max_snap_m)) +
                              " m (set skip_unsnapped to leave it unreachable)",
                          {}, 0, name);
      }
  return p;
}

// Door-to-door times from snapped source `src` (its forward search times in `times`, connector included) to
// every target, as street_to reads them; values > budget_ds are kUnreachable.
void read_targets(network::network const& net, street::snap_result const& src, places const& targets,
                  street::travel_profile prof, std::span<std::uint32_t const> times, std::uint32_t budget_ds,
                  std::span<seconds_t> out) {
  auto const& g = net.graph();
  auto const src_conn = connector_ds(net, src.dist_m);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out[i] = kUnreachable;
    if (!targets.snapped(i)) continue;
    auto const& t = targets.snap(i);
    std::uint64_t best = street::time_to(g, t, prof, times);
    auto const along = street::along_chain(g, src, t, prof);
    if (along != street::kUnreached) best = std::min<std::uint64_t>(best, std::uint64_t{along} + src_conn);
    if (best >= street::kUnreached) continue;
    best += connector_ds(net, t.dist_m);
    if (best <= budget_ds) out[i] = street::ds_to_seconds(static_cast<std::uint32_t>(best));
  }
}

// ---- walk / bike ---------------------------------------------------------------------------------------

status street_matrix(network::network const& net, std::span<geo::latlng const> origins,
                     std::span<geo::latlng const> destinations, matrix_request const& r, travel_time_matrix& m) {
  auto const sm = r.mode == travel_mode::bike ? street::mode::bike : street::mode::walk;
  street_query const q{sm, r.max_seconds, r.max_snap_m, r.step_free && sm == street::mode::walk, false};
  auto const threads = thread_count(r, origins.size());
  std::size_t done = 0;
  auto const tick = [&] {
    if (!r.progress) return;
    ++done;
    r.progress("matrix", static_cast<double>(done) / static_cast<double>(origins.size()));
  };
  if (net.access_model() == network::access_model::straight_line) {
    KW_TRY_VOID(check_query(net, q, false));
    return parallel(
        origins.size(), threads,
        [&](query_state& qs, std::size_t o) -> status {
          for (std::size_t d = 0; d < destinations.size(); ++d) {
            KW_TRY(auto const s, direct(net, origins[o], destinations[d], q, qs));
            m.seconds[o * m.n_destinations + d] = s;
          }
          return {};
        },
        tick);
  }
  KW_TRY_VOID(check_query(net, q, true));
  KW_TRY(auto const src, snap_side(net, origins, q, r.skip_unsnapped, "origins"));
  KW_TRY(auto const dst, snap_side(net, destinations, q, r.skip_unsnapped, "destinations"));
  auto const prof = profile_of(q);
  auto const budget = street::seconds_to_ds(r.max_seconds);
  if (r.use_ch && !q.step_free) {
    if (auto const* ch = net.contraction_hierarchy(sm); ch != nullptr && !ch->empty()) {
      m.used_ch = true;
      return ch_matrix(net, *ch, prof, src, dst, budget, threads, m.seconds, r.progress);
    }
  }
  return parallel(
      origins.size(), threads,
      [&](query_state& qs, std::size_t o) -> status {
        auto const row = std::span<seconds_t>{m.seconds.data() + o * m.n_destinations, m.n_destinations};
        if (!src.snapped(o)) return {};
        auto& s = qs.internal().street;
        auto const& sn = src.snap(o);
        street::dijkstra(net.graph(), prof, seeds_with_connector(net, sn, prof, false), budget, s);
        read_targets(net, sn, dst, prof, s.times(), budget, row);
        return {};
      },
      tick);
}

// ---- walk (bike) + transit ------------------------------------------------------------------------------

// Egress offsets of every destination, inverted: per stop, the destinations it reaches and their seconds.
struct egress_index {
  std::vector<std::uint32_t> offsets;  // n_stops + 1
  std::vector<std::uint32_t> dest;
  std::vector<seconds_t> secs;
};

status transit_matrix(network::network const& net, std::span<geo::latlng const> origins,
                      std::span<geo::latlng const> destinations, matrix_request const& r, travel_time_matrix& m) {
  auto const& tt = net.timetable();
  auto const tz = transit::time_zone::of(tt);
  auto const when = tz ? tz->to_service_time(transit::local_date_time{r.date, r.time})
                       : transit::service_time{r.date, r.time};
  access_options const ao{r.access_mode, r.max_access_seconds, r.max_snap_m,
                          r.step_free && r.access_mode == street::mode::walk, false};
  KW_TRY_VOID(check_query(net, ao, false));
  bool const streets = net.access_model() == network::access_model::streets;
  auto const nd = destinations.size();
  auto const threads = thread_count(r, std::max(origins.size(), nd));

  // Snapping (streets): errors and unsnapped points first, before any search.
  std::optional<places> src, dst;
  if (streets) {
    KW_TRY(src, snap_side(net, origins, ao, r.skip_unsnapped, "origins"));
    KW_TRY(dst, snap_side(net, destinations, ao, r.skip_unsnapped, "destinations"));
  }

  // Egress of every destination, once (in parallel), then inverted by stop.
  std::vector<std::vector<stop_offset>> egr(nd);
  KW_TRY_VOID(parallel(nd, threads, [&](query_state& qs, std::size_t d) -> status {
    if (dst && !dst->snapped(d)) return {};
    return egress(net, destinations[d], ao, qs, egr[d]);
  }));
  egress_index ei;
  auto const ns = tt.n_stops();
  ei.offsets.assign(ns + 1, 0);
  for (auto const& e : egr)
    for (auto const& so : e) ++ei.offsets[so.stop.v() + 1];
  for (std::size_t s = 0; s < ns; ++s) ei.offsets[s + 1] += ei.offsets[s];
  ei.dest.resize(ei.offsets[ns]);
  ei.secs.resize(ei.offsets[ns]);
  {
    auto pos = ei.offsets;
    for (std::size_t d = 0; d < nd; ++d)
      for (auto const& so : egr[d]) {
        auto const p = pos[so.stop.v()]++;
        ei.dest[p] = static_cast<std::uint32_t>(d);
        ei.secs[p] = so.seconds;
      }
  }
  egr = {};

  // Departures (service seconds of when.day), ascending.
  std::vector<seconds_t> deps;
  if (r.window_seconds > 0)
    for (std::int64_t t = when.seconds; t < std::int64_t{when.seconds} + r.window_seconds; t += r.window_step)
      deps.push_back(static_cast<seconds_t>(t));
  else
    deps.push_back(when.seconds);
  m.departures = deps.size();
  double const pct[] = {r.percentile};

  raptor_options opt;
  opt.max_transfers = static_cast<std::uint8_t>(r.max_transfers);
  opt.max_travel_seconds = r.max_seconds;
  opt.min_change_seconds = r.min_change_seconds;
  auto const max_rides = static_cast<std::size_t>(opt.max_transfers) + 1;
  auto const direct_budget = street::seconds_to_ds(std::min(r.max_access_seconds, r.max_seconds));

  std::size_t done = 0;
  auto const tick = [&] {
    if (!r.progress) return;
    ++done;
    r.progress("matrix", static_cast<double>(done) / static_cast<double>(origins.size()));
  };
  return parallel(
      origins.size(), threads,
      [&](query_state& qs, std::size_t o) -> status {
        auto const row = std::span<seconds_t>{m.seconds.data() + o * nd, nd};
        if (src && !src->snapped(o)) return {};
        auto& in = qs.internal();
        // Access (and, on streets, the forward search that the direct walk reads).
        std::vector<stop_offset>& acc = in.matrix_access;
        KW_TRY_VOID(access(net, origins[o], ao, qs, acc));
        std::vector<seconds_t>& direct_row = in.matrix_direct;
        direct_row.assign(nd, kUnreachable);
        if (streets) {
          auto const prof = profile_of(ao);
          if (connector_ds(net, src->snap(o).dist_m) <= street::seconds_to_ds(r.max_access_seconds))
            read_targets(net, src->snap(o), *dst, prof, in.street.times(), direct_budget, direct_row);
        } else {
          access_options d = ao;
          d.max_seconds = std::min(r.max_access_seconds, r.max_seconds);
          for (std::size_t j = 0; j < nd; ++j) {
            KW_TRY(direct_row[j], direct(net, origins[o], destinations[j], d, qs));
          }
        }
        // Latest departure first over one set of labels (range RAPTOR); per departure, each destination's
        // time from the stop labels (ride arrivals, or access alone) and the egress index.
        auto& st = in.raptor;
        auto& vals = in.matrix_values;
        vals.assign(deps.size() * nd, kUnreachable);
        if (!acc.empty()) {
          KW_TRY_VOID(bind(st, net, max_rides + 1));
          raptor_options o2 = opt;
          if (r.step_free) {
            step_free_bits(st, false);
            o2.excluded_trips = st.step_free_trips_[0];
            o2.excluded_stops = st.step_free_stops_[0];
          }
          for (auto const t : {deps.front(), deps.back()}) {
            raptor_query rq;
            rq.day = when.day;
            rq.time = t;
            rq.sources = acc;
            rq.opt = o2;
            KW_TRY_VOID(validate(st, rq));
          }
          reset_labels(st);
          st.dir_ = direction::forward;
          st.min_change_ = o2.min_change_seconds;
          st.excl_trips_ = o2.excluded_trips;
          st.excl_stops_ = o2.excluded_stops;
          st.min_target_ = 0;
          set_days(st, when.day, deps.front(), deps.back() + o2.max_travel_seconds);
          for (auto i = deps.size(); i-- > 0;) {
            auto const dep = deps[i];
            st.bound_ = dep + o2.max_travel_seconds + 1;
            run_rounds(st, dep, acc, max_rides);
            auto* v = vals.data() + i * nd;
            for (auto const s : st.touched_) {
              auto x = st.t_[st.idx(0, s)];
              for (std::size_t k = 0; k < st.rounds_used_; ++k) x = std::min(x, st.ride_[st.idx(k, s)]);
              if (x == kUnreachable) continue;
              auto const base = x - dep;
              if (base > r.max_seconds) continue;
              for (auto p = ei.offsets[s]; p < ei.offsets[s + 1]; ++p) {
                auto const total = base + ei.secs[p];
                if (total <= r.max_seconds && total < v[ei.dest[p]]) v[ei.dest[p]] = total;
              }
            }
          }
        }
        for (std::size_t i = 0; i < deps.size(); ++i) {
          auto* v = vals.data() + i * nd;
          for (std::size_t j = 0; j < nd; ++j) v[j] = std::min(v[j], direct_row[j]);
        }
        if (deps.size() == 1) {
          std::copy(vals.begin(), vals.end(), row.begin());
        } else {
          KW_TRY(auto const sum, summarize(vals, deps.size(), nd, pct));
          auto const p = sum.percentile(0);
          std::copy(p.begin(), p.end(), row.begin());
        }
        return {};
      },
      tick);
}

}  // namespace

std::vector<std::uint16_t> travel_time_matrix::minutes() const {
  std::vector<std::uint16_t> out(seconds.size());
  std::transform(seconds.begin(), seconds.end(), out.begin(), [](seconds_t s) { return to_minutes(s); });
  return out;
}

std::uint64_t matrix_bytes(network::network const& net, std::size_t n_origins, std::size_t n_destinations,
                           matrix_request const& r) {
  auto const no = static_cast<std::uint64_t>(n_origins), nd = static_cast<std::uint64_t>(n_destinations);
  std::uint64_t b = no * nd * sizeof(seconds_t);                                // the result
  b += (no + nd) * sizeof(street::snap_result);                                 // snapped places
  auto const threads = static_cast<std::uint64_t>(thread_count(r, std::max(n_origins, n_destinations)));
  auto const nodes = static_cast<std::uint64_t>(net.graph().n_nodes());
  b += threads * nodes * 16;                                                    // street search state
  if (r.mode == travel_mode::transit) {
    auto const stops = static_cast<std::uint64_t>(net.n_stops());
    auto const rounds = static_cast<std::uint64_t>(std::min<std::uint32_t>(r.max_transfers, 255)) + 3;
    b += threads * stops * rounds * 32;                                         // RAPTOR labels
    b += nd * 64 * sizeof(stop_offset) * 2;                                     // egress lists (estimate)
    b += threads * static_cast<std::uint64_t>(std::max<std::size_t>(n_departures(r), 1)) * nd *
         (sizeof(seconds_t) * 2 + 1);                                           // per-departure values, summary
  } else {
    b += nd * 256 * 8;                                                          // CH buckets (estimate)
  }
  return b;
}

result<travel_time_matrix> matrix(network::network const& net, std::span<geo::latlng const> origins,
                                  std::span<geo::latlng const> destinations, matrix_request const& r) {
  KW_TRY_VOID(check_request(net, origins, destinations, r));
  auto const need = matrix_bytes(net, origins.size(), destinations.size(), r);
  if (need > r.max_bytes)
    return make_error(errc::limit_exceeded,
                      "a " + std::to_string(origins.size()) + " x " + std::to_string(destinations.size()) +
                          " matrix needs about " + fmt_bytes(need) + ", more than the memory cap of " +
                          fmt_bytes(r.max_bytes) + " (max_bytes): split the origins or raise the cap",
                      {}, 0, "max_bytes");
  travel_time_matrix m;
  m.n_origins = origins.size();
  m.n_destinations = destinations.size();
  m.seconds.assign(origins.size() * destinations.size(), kUnreachable);
  if (r.mode == travel_mode::transit)
    KW_TRY_VOID(transit_matrix(net, origins, destinations, r, m));
  else
    KW_TRY_VOID(street_matrix(net, origins, destinations, r, m));
  return m;
}

}  // namespace kwartier::routing
