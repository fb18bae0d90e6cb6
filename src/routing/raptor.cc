// RAPTOR rounds over the route-based timetable. One code path for both directions: a backward search runs on
// negated times (x = -t), so "smaller is better" everywhere and only reading a trip's times and finding the
// trip to board depend on the direction.
#include "kwartier/routing/raptor.h"

#include <algorithm>
#include <string>

#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"
#include "routing/query_state_impl.h"

namespace kwartier::routing {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::int32_t kMaxTravel = 7 * kDay;

std::int32_t floor_div(std::int64_t a, std::int64_t b) {
  auto q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return static_cast<std::int32_t>(q);
}

}  // namespace

status bind(raptor_state& st, network::network const& net, std::size_t rounds) {
  if (!net.has_timetable() || net.timetable().n_stops() == 0)
    return make_error(errc::unsupported, "the network has no timetable (it was built without GTFS)", {}, 0, "network");
  auto const& tt = net.timetable();
  if (st.tt_ != &tt) {
    auto const n = tt.n_stops();
    auto const nr = tt.n_routes();
    for (std::size_t r = 0; r < nr; ++r)
      if (tt.route_stops(transit::route_idx_t::from(r)).size() > 65535)
        return make_error(errc::unsupported, "a route has more than 65,535 stops", {}, 0, "route");
    st = raptor_state{};
    st.net_ = net;
    st.tt_ = &tt;
    st.n_stops_ = n;
    st.n_routes_ = nr;
    std::int32_t mx = 0;
    for (auto const& x : tt.stop_times_) mx = std::max({mx, x.arr, x.dep});
    st.max_time_ = mx;
    if (auto tz = transit::time_zone::of(tt)) st.tz_ = *tz;
    // Route positions of every (stop, route) pair of stop_routes_.
    st.first_pos_.assign(tt.stop_routes_.size(), 0xFFFF);
    st.last_pos_.assign(tt.stop_routes_.size(), 0);
    for (std::uint32_t r = 0; r < nr; ++r) {
      auto const stops = tt.route_stops(transit::route_idx_t{r});
      for (std::size_t i = 0; i < stops.size(); ++i) {
        auto const s = stops[i];
        auto const b = tt.stop_routes_.begin() + tt.stop_routes_offsets_[s];
        auto const e = tt.stop_routes_.begin() + tt.stop_routes_offsets_[s + 1];
        auto const it = std::lower_bound(b, e, r);
        if (it == e || *it != r) continue;  // stop_routes_ lists every route of the stop; cannot happen
        auto const j = static_cast<std::size_t>(it - tt.stop_routes_.begin());
        st.first_pos_[j] = std::min<std::uint16_t>(st.first_pos_[j], static_cast<std::uint16_t>(i));
        st.last_pos_[j] = std::max<std::uint16_t>(st.last_pos_[j], static_cast<std::uint16_t>(i));
      }
    }
    // Per route, its trips grouped by service pattern, each group in departure order (a subset of a FIFO
    // route is FIFO).
    st.route_groups_.assign(1, 0);
    st.groups_.clear();
    st.group_trips_.clear();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> by_service;
    for (std::uint32_t r = 0; r < nr; ++r) {
      auto const trips = tt.route_trips(transit::route_idx_t{r});
      by_service.clear();
      for (std::uint32_t k = 0; k < trips.size(); ++k) by_service.emplace_back(tt.trip_service_[trips[k]], k);
      std::stable_sort(by_service.begin(), by_service.end(),
                       [](auto const& a, auto const& b) { return a.first < b.first; });
      for (std::size_t j = 0; j < by_service.size(); ++j) {
        if (j == 0 || by_service[j].first != by_service[j - 1].first) {
          auto const at = static_cast<std::uint32_t>(st.group_trips_.size());
          st.groups_.push_back(trip_group{by_service[j].first, at, at});
        }
        st.group_trips_.push_back(by_service[j].second);
        st.groups_.back().end = static_cast<std::uint32_t>(st.group_trips_.size());
      }
      st.route_groups_.push_back(static_cast<std::uint32_t>(st.groups_.size()));
    }
    st.self_change_.assign(n, -1);
    std::vector<std::uint32_t> in_count(n + 1, 0);
    for (std::uint32_t s = 0; s < n; ++s)
      for (auto const& fp : net.footpaths(transit::stop_idx_t{s})) {
        if (fp.to == s)
          st.self_change_[s] = fp.seconds;
        else
          ++in_count[fp.to + 1];
      }
    for (std::size_t s = 1; s <= n; ++s) in_count[s] += in_count[s - 1];
    st.in_fp_offsets_ = in_count;
    st.in_fps_.resize(in_count.back());
    for (std::uint32_t s = 0; s < n; ++s)
      for (auto const& fp : net.footpaths(transit::stop_idx_t{s}))
        if (fp.to != s) st.in_fps_[in_count[fp.to]++] = network::footpath{s, fp.seconds, fp.source};
    st.touched_flag_.assign(n, 0);
    st.mark_flag_.assign(n, 0);
    st.board_flag_.assign(n, 0);
    st.ride_flag_.assign(n, 0);
    st.route_start_.assign(nr, kNone);
    st.target_offset_.assign(n, -1);
    st.best_out_.assign(n, kUnreachable);
  }
  if (rounds > st.n_rounds_alloc_) {
    auto const n = st.n_stops_;
    st.t_.resize(rounds * n, kUnreachable);
    st.r_.resize(rounds * n, kUnreachable);
    st.ride_.resize(rounds * n, kUnreachable);
    st.tk_.resize(rounds * n, 0);
    st.rk_.resize(rounds * n, 0);
    st.ride_par_.resize(rounds * n);
    st.walk_from_.resize(rounds * n, 0);
    st.round_best_.resize(rounds);
    st.round_best_kind_.resize(rounds);
    st.n_rounds_alloc_ = rounds;
  }
  return {};
}

status validate(raptor_state const& st, raptor_query const& q) {
  auto const n = st.n_stops_;
  auto check = [&](std::span<stop_offset const> list, char const* field) -> status {
    for (auto const& o : list) {
      if (o.stop.v() >= n)
        return make_error(errc::invalid_argument, "stop index " + std::to_string(o.stop.v()) + " out of range (" +
                                                      std::to_string(n) + " stops)", {}, 0, field);
      if (o.seconds < 0 || o.seconds > kMaxTravel)
        return make_error(errc::invalid_argument, "offset seconds must be in [0, 604800]", {}, 0, field);
    }
    return {};
  };
  KW_TRY_VOID(check(q.sources, "sources"));
  KW_TRY_VOID(check(q.targets, "targets"));
  if (q.opt.max_travel_seconds <= 0 || q.opt.max_travel_seconds > kMaxTravel)
    return make_error(errc::invalid_argument, "max_travel_seconds must be in (0, 604800]", {}, 0,
                      "max_travel_seconds");
  if (q.opt.min_change_seconds < 0 || q.opt.min_change_seconds > kDay)
    return make_error(errc::invalid_argument, "min_change_seconds must be in [0, 86400]", {}, 0,
                      "min_change_seconds");
  if (q.time < -kMaxTravel || q.time > 2 * kMaxTravel)
    return make_error(errc::out_of_range, "time must be within a week of the service day", {}, 0, "time");
  auto const words = [](std::size_t bits) { return (bits + 63) / 64; };
  if (!q.opt.excluded_trips.empty() && q.opt.excluded_trips.size() != words(st.tt_->n_trips()))
    return make_error(errc::invalid_argument, "excluded_trips must hold one bit per trip", {}, 0, "excluded_trips");
  if (!q.opt.excluded_stops.empty() && q.opt.excluded_stops.size() != words(n))
    return make_error(errc::invalid_argument, "excluded_stops must hold one bit per stop", {}, 0, "excluded_stops");
  return {};
}

void set_days(raptor_state& st, std::int32_t day, std::int32_t lo, std::int32_t hi) {
  auto const& tt = *st.tt_;
  // A trip of day o runs within [o * kDay, o * kDay + max_time_].
  // (An hour of margin each way: a clock change moves a day's reference by one.)
  auto const o_lo = floor_div(std::int64_t{lo} - st.max_time_ - 3600, kDay);
  auto const o_hi = floor_div(std::int64_t{hi} + 3600, kDay);
  st.days_.clear();
  st.day0_ = day + o_lo;
  st.rt_ = nullptr;  // set_realtime binds the query's view
  st.rt_excl_.assign(static_cast<std::size_t>(o_hi - o_lo + 1), nullptr);
  for (auto o = o_lo; o <= o_hi; ++o) {
    auto const d = std::int64_t{day} + o - tt.first_day_;
    auto const base = st.tz_ ? st.tz_->rebase(transit::service_time{day + o, 0}, day).seconds : o * kDay;
    st.days_.push_back(day_info{base, (d >= 0 && d < tt.n_days_) ? static_cast<std::int32_t>(d) : -1});
  }
  auto const n_sv = tt.n_services();
  st.n_services_ = n_sv;
  st.service_on_.assign(st.days_.size() * n_sv, 0);
  for (std::size_t di = 0; di < st.days_.size(); ++di) {
    auto const bit = st.days_[di].bit;
    if (bit < 0) continue;
    for (std::size_t sv = 0; sv < n_sv; ++sv) {
      auto const w = tt.service_bits_[sv * static_cast<std::size_t>(tt.n_words_) + static_cast<std::size_t>(bit / 64)];
      st.service_on_[di * n_sv + sv] = static_cast<std::uint8_t>((w >> (bit % 64)) & 1U);
    }
  }
}

status set_realtime(raptor_state& st, realtime::view const* v) {
  st.rt_ = v;
  std::fill(st.rt_excl_.begin(), st.rt_excl_.end(), nullptr);
  if (v == nullptr) return {};
  if (!v->net().has_timetable() || &v->net().timetable() != st.tt_) {
    st.rt_ = nullptr;
    return make_error(errc::invalid_argument, "the realtime view was made for another network", {}, 0, "realtime");
  }
  for (std::size_t di = 0; di < st.days_.size(); ++di) {
    auto const b = v->excluded_trips(st.day0_ + static_cast<std::int32_t>(di));
    if (!b.empty()) st.rt_excl_[di] = b.data();
  }
  if (st.route_start_.size() < st.n_routes_ + v->n_routes()) st.route_start_.resize(st.n_routes_ + v->n_routes(), kNone);
  return {};
}

void reset_labels(raptor_state& st) {
  for (auto const s : st.touched_) {
    for (std::size_t k = 0; k < st.rounds_used_; ++k) {
      st.t_[st.idx(k, s)] = kUnreachable;
      st.r_[st.idx(k, s)] = kUnreachable;
      st.ride_[st.idx(k, s)] = kUnreachable;
    }
    st.touched_flag_[s] = 0;
  }
  st.touched_.clear();
  for (auto const s : st.marked_) st.mark_flag_[s] = 0;
  st.marked_.clear();
  for (auto const s : st.targets_set_) st.target_offset_[s] = -1;
  st.targets_set_.clear();
  for (std::size_t k = 0; k < st.rounds_used_; ++k) st.round_best_[k] = pareto_entry{};
  st.rounds_used_ = 0;
  st.last_round_ = 0;
}

namespace {

template <bool Fwd>
struct rounds {
  raptor_state& st;
  transit::timetable_view const& tt;
  network::network const& net;
  std::size_t const n;

  void touch(std::uint32_t s) {
    if (!st.touched_flag_[s]) {
      st.touched_flag_[s] = 1;
      st.touched_.push_back(s);
    }
  }
  void mark(std::uint32_t s) {
    if (!st.mark_flag_[s]) {
      st.mark_flag_[s] = 1;
      st.next_marked_.push_back(s);
    }
  }
  void reached_target(std::size_t k, std::uint32_t s, std::int32_t x, label_kind kind) {
    auto const off = st.target_offset_[s];
    if (off < 0) return;
    auto const total = x + off;
    if (total >= st.bound_) return;  // not better than a target time with fewer or as many rides
    st.round_best_[k] = pareto_entry{static_cast<std::uint8_t>(k), total, transit::stop_idx_t{s}};
    st.round_best_kind_[k] = kind;
    st.bound_ = total;
  }
  bool pruned(std::int32_t x) const { return x + st.min_target_ >= st.bound_; }

  // Trip to board at route position i when ready at (internal) x, strictly better than `limit` (the current
  // trip's time there). Returns false when there is none; else sets k (position in route_trips) and day.
  // Searches each service group of the route that runs that day (bind(): a group is the route's trips of one
  // service pattern, in departure order), so no trip of another day is ever looked at.
  bool find_trip(std::uint32_t r, transit::stop_time const* tm, std::size_t len, std::span<std::uint32_t const> trips,
                 std::size_t i, std::int32_t x, std::int32_t limit, std::uint32_t& k_out,
                 std::uint16_t& day_out) const {
    auto const nt = trips.size();
    auto const& days = st.days_;
    auto const g_begin = st.route_groups_[r], g_end = st.route_groups_[r + 1];
    auto const* pos = st.group_trips_.data();
    bool found = false;
    if constexpr (Fwd) {
      auto const dep = [&](std::size_t k) { return tm[k * len + i].dep; };
      auto const first = dep(0), last = dep(nt - 1);
      for (std::size_t di = 0; di < days.size(); ++di) {
        auto const b = days[di].base;
        if (b + first >= limit) break;
        if (days[di].bit < 0) continue;
        auto const tl = x - b;
        if (tl > last) continue;
        auto const* on = st.service_on_.data() + di * st.n_services_;
        for (auto g = g_begin; g < g_end; ++g) {
          auto const& grp = st.groups_[g];
          if (!on[grp.service]) continue;
          std::size_t lo = grp.begin, hi = grp.end;  // first with dep >= tl
          while (lo < hi) {
            auto const mid = (lo + hi) / 2;
            if (dep(pos[mid]) < tl) lo = mid + 1; else hi = mid;
          }
          for (auto j = lo; j < grp.end; ++j) {
            auto const k = pos[j];
            auto const t = b + dep(k);
            if (t >= limit) break;
            if (st.trip_excluded(trips[k]) || st.rt_excluded(di, trips[k])) continue;
            limit = t;
            k_out = k;
            day_out = static_cast<std::uint16_t>(di);
            found = true;
            break;
          }
        }
      }
    } else {
      // Real time: latest arrival at i no later than R = -x, later than L = -limit.
      auto const arr = [&](std::size_t k) { return tm[k * len + i].arr; };
      auto const R = -x;
      auto L = -limit;  // limit may be kUnreachable: -kUnreachable is fine in int32
      auto const first = arr(0), last = arr(nt - 1);
      for (std::size_t di = days.size(); di-- > 0;) {
        auto const b = days[di].base;
        if (b + last <= L) break;
        if (days[di].bit < 0) continue;
        auto const tl = R - b;
        if (tl < first) continue;
        auto const* on = st.service_on_.data() + di * st.n_services_;
        for (auto g = g_begin; g < g_end; ++g) {
          auto const& grp = st.groups_[g];
          if (!on[grp.service]) continue;
          std::size_t lo = grp.begin, hi = grp.end;  // first with arr > tl; the answer is before it
          while (lo < hi) {
            auto const mid = (lo + hi) / 2;
            if (arr(pos[mid]) <= tl) lo = mid + 1; else hi = mid;
          }
          for (auto j = lo; j-- > grp.begin;) {
            auto const k = pos[j];
            auto const t = b + arr(k);
            if (t <= L) break;
            if (st.trip_excluded(trips[k]) || st.rt_excluded(di, trips[k])) continue;
            L = t;
            k_out = k;
            day_out = static_cast<std::uint16_t>(di);
            found = true;
            break;
          }
        }
      }
    }
    return found;
  }

  // find_trip for route rr of the realtime view: its trips all run on one day (day index di, base), in FIFO
  // order; the query's own exclusions apply to them as to their static trips.
  bool find_rt_trip(std::uint32_t rr, transit::stop_time const* tm, std::size_t len, std::size_t nt, std::size_t i,
                    std::int32_t x, std::int32_t limit, std::int32_t base, std::uint32_t& k_out) const {
    if constexpr (Fwd) {
      auto const tl = x - base;
      std::size_t lo = 0, hi = nt;  // first with dep >= tl
      while (lo < hi) {
        auto const mid = (lo + hi) / 2;
        if (tm[mid * len + i].dep < tl) lo = mid + 1; else hi = mid;
      }
      for (auto k = lo; k < nt; ++k) {
        if (base + tm[k * len + i].dep >= limit) return false;
        if (st.trip_excluded(st.rt_->trip_static(rr, k).v())) continue;
        k_out = static_cast<std::uint32_t>(k);
        return true;
      }
    } else {
      auto const tl = -x - base;
      std::size_t lo = 0, hi = nt;  // first with arr > tl; the answer is before it
      while (lo < hi) {
        auto const mid = (lo + hi) / 2;
        if (tm[mid * len + i].arr <= tl) lo = mid + 1; else hi = mid;
      }
      for (auto k = lo; k-- > 0;) {
        if (base + tm[k * len + i].arr <= -limit) return false;
        if (st.trip_excluded(st.rt_->trip_static(rr, k).v())) continue;
        k_out = static_cast<std::uint32_t>(k);
        return true;
      }
    }
    return false;
  }

  void improve_ride(std::size_t k, std::uint32_t s, std::int32_t x, ride_parent const& par) {
    auto const i = st.idx(k, s);
    auto const c = st.change(s);
    // Better by ride than before (with <= k rides) is what matters: a walk label may be earlier, but only a
    // ride may be followed by a footpath. x < ride_ holds whenever x improves t_ or r_ (t_ <= ride_,
    // r_ <= ride_ + c).
    if (x >= st.ride_[i] || pruned(x)) return;
    bool const bt = x < st.t_[i];
    bool const br = x + c < st.r_[i];
    st.ride_[i] = x;
    st.ride_par_[i] = par;
    touch(s);
    if (!st.ride_flag_[s]) {
      st.ride_flag_[s] = 1;
      st.ride_improved_.push_back(s);
    }
    if (br) {
      st.r_[i] = x + c;
      st.rk_[i] = kRide;
      mark(s);
    }
    if (bt) {
      st.t_[i] = x;
      st.tk_[i] = kRide;
    }
    reached_target(k, s, x, kRide);
  }

  // Scans one route from position `start`: `par_route` is what ride labels record (route, or n_routes_ + an
  // extra route of the realtime view), `find(i, xr, xc, cur, cur_day)` finds the trip to board.
  template <class Find>
  void scan(std::size_t k, std::uint32_t par_route, std::span<std::uint32_t const> stops,
            std::span<std::uint8_t const> flags, transit::stop_time const* tm, std::size_t start, Find&& find) {
    auto const len = stops.size();
    auto const* ready = st.r_.data() + (k - 1) * n;
    constexpr std::uint8_t kAlightFlag = Fwd ? transit::kNoDropOff : transit::kNoPickup;
    constexpr std::uint8_t kBoardFlag = Fwd ? transit::kNoPickup : transit::kNoDropOff;
    bool on = false;
    std::uint32_t cur = 0;
    std::uint16_t cur_day = 0, board = 0;
    std::int32_t base = 0;
    auto step = [&](std::size_t i) {
      auto const s = stops[i];
      auto const f = flags[i];
      bool const usable = !st.stop_excluded(s);
      if (on && !(f & kAlightFlag) && usable) {
        auto const& t = tm[cur * len + i];
        auto const x = Fwd ? base + t.arr : -(base + t.dep);
        improve_ride(k, s, x, ride_parent{par_route, cur, board, static_cast<std::uint16_t>(i), cur_day, 0});
      }
      // Boarding only where the ready time improved in round k - 1: from an older label the same trips were
      // boarded in an earlier round, with fewer rides, and nothing they reach can improve now.
      if (!(f & kBoardFlag) && usable && st.board_flag_[s]) {
        auto const xr = ready[s];
        std::int32_t xc = kUnreachable;
        if (on) {
          auto const& t = tm[cur * len + i];
          xc = Fwd ? base + t.dep : -(base + t.arr);
        }
        if (xr < xc && find(i, xr, xc, cur, cur_day)) {
          on = true;
          board = static_cast<std::uint16_t>(i);
          base = st.days_[cur_day].base;
        }
      }
    };
    if constexpr (Fwd) {
      for (auto i = start; i < len; ++i) step(i);
    } else {
      for (auto i = start + 1; i-- > 0;) step(i);
    }
  }

  void scan_route(std::size_t k, std::uint32_t r, std::size_t start) {
    auto const rid = transit::route_idx_t{r};
    auto const stops = tt.route_stops(rid);
    auto const trips = tt.route_trips(rid);
    auto const len = stops.size();
    if (trips.empty() || len < 2) return;
    auto const* tm = tt.stop_times_.data() + tt.route_times_offsets_[r];
    scan(k, r, stops, tt.route_stop_flags(rid), tm, start,
         [&](std::size_t i, std::int32_t xr, std::int32_t xc, std::uint32_t& cur, std::uint16_t& cur_day) {
           return find_trip(r, tm, len, trips, i, xr, xc, cur, cur_day);
         });
  }

  // Route rr of the realtime view's extra set (its trips run on one service day, within the query's days).
  void scan_rt_route(std::size_t k, std::uint32_t rr, std::size_t start) {
    auto const& v = *st.rt_;
    auto const stops = tt.route_stops(v.route_static(rr));
    auto const nt = v.route_n_trips(rr);
    auto const len = stops.size();
    if (nt == 0 || len < 2) return;
    auto const di = static_cast<std::uint16_t>(v.route_day(rr) - st.day0_);
    auto const base = st.days_[di].base;
    auto const* tm = v.route_times(rr);
    scan(k, static_cast<std::uint32_t>(st.n_routes_) + rr, stops, v.route_flags(rr), tm, start,
         [&](std::size_t i, std::int32_t xr, std::int32_t xc, std::uint32_t& cur, std::uint16_t& cur_day) {
           if (!find_rt_trip(rr, tm, len, nt, i, xr, xc, base, cur)) return false;
           cur_day = di;
           return true;
         });
  }

  void walk(std::size_t k) {
    for (auto const s : st.ride_improved_) {
      st.ride_flag_[s] = 0;
      auto const x = st.ride_[st.idx(k, s)];
      auto relax = [&](std::uint32_t q, std::int32_t secs) {
        if (q == s) return;
        auto const w = x + secs;
        auto const i = st.idx(k, q);
        if (w >= st.r_[i] || pruned(w)) return;
        st.r_[i] = w;
        st.rk_[i] = kWalk;
        st.walk_from_[i] = s;
        touch(q);
        mark(q);
        if (w < st.t_[i]) {
          st.t_[i] = w;
          st.tk_[i] = kWalk;
        }
      };
      if constexpr (Fwd) {
        for (auto const& fp : net.footpaths(transit::stop_idx_t{s})) relax(fp.to, fp.seconds);
      } else {
        for (auto j = st.in_fp_offsets_[s]; j < st.in_fp_offsets_[s + 1]; ++j)
          relax(st.in_fps_[j].to, st.in_fps_[j].seconds);
      }
    }
    st.ride_improved_.clear();
  }

  void run(std::int32_t time, std::span<stop_offset const> sources, std::size_t max_rides) {
    auto const x0 = Fwd ? time : -time;
    // Round 0: the sources.
    st.rounds_used_ = std::max<std::size_t>(st.rounds_used_, 1);
    for (auto const& so : sources) {
      auto const s = so.stop.v();
      auto const x = x0 + so.seconds;
      auto const i = st.idx(0, s);
      if (x >= st.t_[i] || pruned(x)) continue;
      st.t_[i] = st.r_[i] = x;
      st.tk_[i] = st.rk_[i] = kAccess;
      touch(s);
      mark(s);
      reached_target(0, s, x, kAccess);
    }
    st.marked_.swap(st.next_marked_);
    st.next_marked_.clear();
    for (std::size_t k = 1; k <= max_rides && !st.marked_.empty(); ++k) {
      st.rounds_used_ = std::max(st.rounds_used_, k + 1);
      st.last_round_ = k;
      // <= k rides includes everything with <= k - 1.
      for (auto const s : st.touched_) {
        auto const i = st.idx(k, s), p = st.idx(k - 1, s);
        st.t_[i] = std::min(st.t_[i], st.t_[p]);
        st.r_[i] = std::min(st.r_[i], st.r_[p]);
        st.ride_[i] = std::min(st.ride_[i], st.ride_[p]);
      }
      // Routes through the stops improved in round k - 1, from their first (last) such position.
      for (auto const s : st.marked_) {
        st.mark_flag_[s] = 0;
        st.board_flag_[s] = 1;
        for (auto j = tt.stop_routes_offsets_[s]; j < tt.stop_routes_offsets_[s + 1]; ++j) {
          auto const r = tt.stop_routes_[j];
          auto const pos = Fwd ? st.first_pos_[j] : st.last_pos_[j];
          auto& start = st.route_start_[r];
          if (start == kNone) {
            st.route_queue_.push_back(r);
            start = pos;
          } else {
            start = Fwd ? std::min<std::uint32_t>(start, pos) : std::max<std::uint32_t>(start, pos);
          }
        }
        if (st.rt_ != nullptr) {
          for (auto const& e : st.rt_->stop_routes(transit::stop_idx_t{s})) {
            auto const di = static_cast<std::int64_t>(st.rt_->route_day(e.route)) - st.day0_;
            if (di < 0 || di >= static_cast<std::int64_t>(st.days_.size())) continue;  // runs outside the window
            auto const r = static_cast<std::uint32_t>(st.n_routes_) + e.route;
            std::uint32_t const pos = Fwd ? e.first_pos : e.last_pos;
            auto& start = st.route_start_[r];
            if (start == kNone) {
              st.route_queue_.push_back(r);
              start = pos;
            } else {
              start = Fwd ? std::min<std::uint32_t>(start, pos) : std::max<std::uint32_t>(start, pos);
            }
          }
        }
      }
      for (auto const r : st.route_queue_) {
        if (r < st.n_routes_) scan_route(k, r, st.route_start_[r]);
        else scan_rt_route(k, r - static_cast<std::uint32_t>(st.n_routes_), st.route_start_[r]);
        st.route_start_[r] = kNone;
      }
      st.route_queue_.clear();
      for (auto const s : st.marked_) st.board_flag_[s] = 0;
      st.marked_.clear();
      walk(k);
      st.marked_.swap(st.next_marked_);
    }
    for (auto const s : st.marked_) st.mark_flag_[s] = 0;
    st.marked_.clear();
  }
};

}  // namespace

void run_rounds(raptor_state& st, std::int32_t time, std::span<stop_offset const> sources,
                std::size_t max_rides) {
  if (st.dir_ == direction::forward)
    rounds<true>{st, *st.tt_, st.net_, st.n_stops_}.run(time, sources, max_rides);
  else
    rounds<false>{st, *st.tt_, st.net_, st.n_stops_}.run(time, sources, max_rides);
}

result<std::span<pareto_entry const>> raptor(network::network const& net, raptor_query const& q, query_state& qs) {
  auto& st = qs.internal().raptor;
  auto const max_rides = static_cast<std::size_t>(q.opt.max_transfers) + 1;
  KW_TRY_VOID(bind(st, net, max_rides + 1));
  KW_TRY_VOID(validate(st, q));
  reset_labels(st);
  bool const fwd = q.dir == direction::forward;
  st.dir_ = q.dir;
  st.min_change_ = q.opt.min_change_seconds;
  st.excl_trips_ = q.opt.excluded_trips;
  st.excl_stops_ = q.opt.excluded_stops;
  if (fwd)
    set_days(st, q.day, q.time, q.time + q.opt.max_travel_seconds);
  else
    set_days(st, q.day, q.time - q.opt.max_travel_seconds, q.time);
  KW_TRY_VOID(set_realtime(st, q.opt.realtime));
  auto const x0 = fwd ? q.time : -q.time;
  st.bound_ = x0 + q.opt.max_travel_seconds + 1;
  st.min_target_ = 0;
  if (!q.targets.empty()) {
    st.min_target_ = kMaxTravel;
    for (auto const& t : q.targets) {
      auto& o = st.target_offset_[t.stop.v()];
      if (o < 0) st.targets_set_.push_back(t.stop.v());
      o = o < 0 ? t.seconds : std::min(o, t.seconds);
      st.min_target_ = std::min(st.min_target_, t.seconds);
    }
  }
  run_rounds(st, q.time, q.sources, max_rides);

  // Pareto set: rounds whose best target time beats every round with fewer rides.
  st.front_.clear();
  std::int32_t best = kUnreachable;
  for (std::size_t k = 0; k <= st.last_round_; ++k) {
    auto const& b = st.round_best_[k];
    if (b.time < best) {
      best = b.time;
      st.front_.push_back(pareto_entry{b.rides, fwd ? b.time : -b.time, b.stop});
    }
  }
  // One-to-all view in real time.
  std::fill(st.best_out_.begin(), st.best_out_.end(), fwd ? kUnreachable : -kUnreachable);
  for (auto const s : st.touched_) {
    auto const x = st.t_[st.idx(st.last_round_, s)];
    if (x != kUnreachable) st.best_out_[s] = fwd ? x : -x;
  }
  return std::span<pareto_entry const>{st.front_};
}

std::span<std::int32_t const> best_times(query_state& qs) { return qs.internal().raptor.best_out_; }

std::span<std::int32_t const> best_arrival_times(query_state& qs) {
  auto& st = qs.internal().raptor;
  bool const fwd = st.dir_ == direction::forward;
  st.arrival_out_.assign(st.n_stops_, fwd ? kUnreachable : -kUnreachable);
  for (auto const s : st.touched_) {
    auto const x = std::min(st.ride_[st.idx(st.last_round_, s)], st.t_[st.idx(0, s)]);  // round 0: access only
    if (x != kUnreachable) st.arrival_out_[s] = fwd ? x : -x;
  }
  return st.arrival_out_;
}

std::vector<stop_offset> stop_access(network::network const& net, transit::stop_idx_t s) {
  std::vector<stop_offset> out{{s, 0}};
  for (auto const& fp : net.footpaths(s))
    if (fp.to != s.v()) out.push_back({transit::stop_idx_t{fp.to}, fp.seconds});
  return out;
}

std::vector<stop_offset> stop_egress(network::network const& net, transit::stop_idx_t s) {
  std::vector<stop_offset> out{{s, 0}};
  if (!net.has_timetable()) return out;
  auto const n = net.timetable().n_stops();
  for (std::uint32_t p = 0; p < n; ++p) {
    if (p == s.v()) continue;
    for (auto const& fp : net.footpaths(transit::stop_idx_t{p}))
      if (fp.to == s.v()) out.push_back({transit::stop_idx_t{p}, fp.seconds});
  }
  return out;
}

}  // namespace kwartier::routing
