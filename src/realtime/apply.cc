// realtime::apply: a FeedMessage matched against a network and turned into an immutable view (cancelled
// instances, realtime copies of changed instances in an extra route set, exclusion bitsets per day).
#include <algorithm>
#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_set>
#include <string>
#include <utility>

#include "realtime/matcher_impl.h"

namespace kwartier::realtime {

std::string_view ride_status_name(ride_status s) {
  switch (s) {
    case ride_status::scheduled: return "scheduled";
    case ride_status::on_time: return "on_time";
    case ride_status::delayed: return "delayed";
    case ride_status::early: return "early";
    case ride_status::cancelled: return "cancelled";
  }
  return "scheduled";
}

instance const* view::find(transit::trip_idx_t trip, std::int32_t day) const {
  auto const it = std::lower_bound(instances_.begin(), instances_.end(), std::pair{trip.v(), day},
                                   [](instance const& a, std::pair<std::uint32_t, std::int32_t> const& b) {
                                     return a.trip.v() != b.first ? a.trip.v() < b.first : a.day < b.second;
                                   });
  if (it == instances_.end() || it->trip != trip || it->day != day) return nullptr;
  return &*it;
}

std::span<std::uint64_t const> view::excluded_trips(std::int32_t day) const {
  auto const it = std::lower_bound(excl_days_.begin(), excl_days_.end(), day);
  if (it == excl_days_.end() || *it != day) return {};
  auto const i = static_cast<std::size_t>(it - excl_days_.begin());
  return {excl_bits_.data() + i * words_, words_};
}

view::ride_info view::ride(transit::trip_idx_t trip, std::int32_t day, std::size_t board, std::size_t alight) const {
  ride_info out;
  auto const* in = find(trip, day);
  if (in == nullptr) return out;
  if (in->cancelled) {
    out.status = ride_status::cancelled;
    return out;
  }
  out.status = ride_status::on_time;
  if (in->route == instance::kNoRoute) return out;
  auto const& tt = net_.timetable();
  auto const rt = trip_times(in->route, in->pos);
  auto const sr = route_static(in->route);
  auto const st = tt.trip_times(sr, trip_static_pos_[trips_offsets_[in->route] + in->pos]);
  if (board >= rt.size() || alight >= rt.size()) return out;
  out.departure_delay = rt[board].dep - st[board].dep;
  out.arrival_delay = rt[alight].arr - st[alight].arr;
  auto const flags = route_flags(in->route);
  auto const static_flags = tt.route_stop_flags(sr);
  auto const skip = transit::kNoPickup | transit::kNoDropOff;
  out.board_skipped = (flags[board] & skip) == skip && (static_flags[board] & skip) != skip;
  out.alight_skipped = (flags[alight] & skip) == skip && (static_flags[alight] & skip) != skip;
  auto const thr = options_.on_time_seconds;
  auto const worst = std::max(out.departure_delay, out.arrival_delay);
  auto const best = std::min(out.departure_delay, out.arrival_delay);
  out.status = worst >= thr ? ride_status::delayed : best <= -thr ? ride_status::early : ride_status::on_time;
  return out;
}

namespace {

using transit::stop_time;

// A changed trip instance before the route set is laid out.
struct copy_rec {
  std::uint32_t route = 0;  // static RAPTOR route
  std::int32_t day = 0;
  std::uint32_t trip = 0;
  std::uint32_t pos = 0;    // in route_trips(route)
  std::vector<std::uint8_t> flags;
  std::vector<stop_time> times;
};

// Service-day references as POSIX seconds (the timetable's zone, UTC when it has none).
struct day_clock {
  std::optional<transit::time_zone> const& tz;
  std::map<std::int32_t, std::int64_t> cache;
  std::int64_t ref(std::int32_t day) {
    auto [it, fresh] = cache.try_emplace(day, 0);
    if (fresh) it->second = tz ? tz->to_unix(transit::service_time{day, 0}) : std::int64_t{day} * 86400;
    return it->second;
  }
  std::int32_t local_day(std::int64_t unix) const {
    if (tz) return tz->from_unix(unix).day;
    auto d = unix / 86400;
    if (unix % 86400 < 0) --d;
    return static_cast<std::int32_t>(d);
  }
};

// "YYYYMMDD" -> day, or nullopt.
std::optional<std::int32_t> parse_yyyymmdd(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  std::uint32_t v = 0;
  for (auto c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  auto const y = v / 10000, m = v / 100 % 100, d = v % 100;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  auto const days = transit::days_from_yyyymmdd(v);
  if (transit::yyyymmdd_from_days(days) != v) return std::nullopt;  // 20190231
  return days;
}

// "H:MM:SS" / "HH:MM:SS" / "HHH:MM:SS" -> seconds, or nullopt.
std::optional<std::int32_t> parse_hms(std::string_view s) {
  auto const c1 = s.find(':');
  if (c1 == std::string_view::npos || c1 == 0 || c1 > 3 || s.size() != c1 + 6 || s[c1 + 3] != ':') return std::nullopt;
  std::int32_t parts[3] = {0, 0, 0};
  std::string_view const pieces[3] = {s.substr(0, c1), s.substr(c1 + 1, 2), s.substr(c1 + 4, 2)};
  for (int i = 0; i < 3; ++i)
    for (auto c : pieces[i]) {
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  if (parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return parts[0] * 3600 + parts[1] * 60 + parts[2];
}

std::string su_field(std::size_t i, std::string_view f) {
  return "trip_update.stop_time_update[" + std::to_string(i) + "]." + std::string(f);
}

}  // namespace

struct view_builder {
  matcher::impl const& m;
  feed_message const& msg;
  apply_options const& opt;
  view& v;
  apply_summary& sum;
  day_clock clock;
  std::vector<copy_rec> copies;
  std::vector<instance> instances;
  std::unordered_set<std::uint64_t> seen;  // (trip, day) already updated

  transit::timetable_view const& tt() const { return *m.tt; }

  void problem(severity s, std::string code, std::uint32_t entity, std::string field, std::string message) {
    sum.report.add(s, std::move(code), msg.source, entity, std::move(field), std::move(message));
  }

  std::string with_prefix(std::string_view id) const {
    return opt.feed_prefix.empty() ? std::string(id) : opt.feed_prefix + ":" + std::string(id);
  }
  std::optional<std::uint32_t> find_trip(std::string_view id) const {
    auto const key = with_prefix(id);
    auto const it = m.trip_by_id.find(key);
    if (it == m.trip_by_id.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::uint32_t> find_stop(std::string_view id) const {
    auto const key = with_prefix(id);
    auto const it = m.stop_by_id.find(key);
    if (it == m.stop_by_id.end()) return std::nullopt;
    return it->second;
  }

  bool runs(std::uint32_t trip, std::int32_t day) const {
    return tt().service_active(tt().trip_service(transit::trip_idx_t{trip}), day);
  }

  std::span<stop_time const> static_times(std::uint32_t trip) const {
    return tt().trip_times(transit::route_idx_t{m.trip_route[trip]}, m.trip_pos[trip]);
  }

  // Position of stop update `su` in the trip's stops at or after `from`; nullopt when not on the trip.
  // Exact stop first, then another stop of the same station (a platform change).
  std::optional<std::size_t> match_position(std::span<std::uint32_t const> stops, std::uint32_t s,
                                            std::size_t from) const {
    for (auto p = from; p < stops.size(); ++p)
      if (stops[p] == s) return p;
    for (auto p = from; p < stops.size(); ++p)
      if (m.station[stops[p]] == m.station[s]) return p;
    return std::nullopt;
  }

  // A stop time event as seconds of service day `day` (nullopt: no usable value).
  std::optional<std::int32_t> event_time(stop_time_event const& e, std::int32_t scheduled, std::int32_t day,
                                         std::uint32_t entity, std::string const& field) {
    if (e.time) {
      auto const secs = *e.time - clock.ref(day);
      if (std::llabs(secs - scheduled) <= opt.max_delay_seconds) return static_cast<std::int32_t>(secs);
      ++sum.events_ignored;
      problem(severity::warning, "implausible_time", entity, field + ".time",
              "time " + std::to_string(*e.time) + " is " + std::to_string((secs - scheduled) / 60) +
                  " min from the schedule (more than max_delay_seconds); ignored");
    } else if (e.delay) {
      if (std::abs(static_cast<std::int64_t>(*e.delay)) <= opt.max_delay_seconds) return scheduled + *e.delay;
      ++sum.events_ignored;
      problem(severity::warning, "implausible_delay", entity, field + ".delay",
              "delay " + std::to_string(*e.delay) + " s is more than max_delay_seconds; ignored");
    }
    return std::nullopt;
  }

  // The first stop time update with an absolute time that names a stop of the trip: (position, time, is
  // arrival). For inferring the service day.
  std::optional<std::tuple<std::size_t, std::int64_t, bool>> anchor(trip_update const& u, std::uint32_t trip) const {
    auto const stops = tt().route_stops(transit::route_idx_t{m.trip_route[trip]});
    std::size_t cursor = 0;
    for (auto const& su : u.stop_time_updates) {
      if (su.stop_id.empty()) continue;
      auto const s = find_stop(su.stop_id);
      if (!s) continue;
      auto const p = match_position(stops, *s, cursor);
      if (!p) continue;
      cursor = *p + 1;
      if (su.arrival && su.arrival->time) return std::tuple{*p, *su.arrival->time, true};
      if (su.departure && su.departure->time) return std::tuple{*p, *su.departure->time, false};
    }
    return std::nullopt;
  }

  // Service day of a trip update without start_date (see view.h); nullopt when no candidate day runs.
  std::optional<std::int32_t> infer_day(trip_update const& u, std::uint32_t trip) {
    auto const times = static_times(trip);
    auto const a = anchor(u, trip);
    std::int64_t ref = 0;
    if (a) ref = std::get<1>(*a);
    else if (u.timestamp != 0) ref = static_cast<std::int64_t>(u.timestamp);
    else if (msg.timestamp != 0) ref = static_cast<std::int64_t>(msg.timestamp);
    else return std::nullopt;
    auto const today = clock.local_day(ref);
    std::optional<std::int32_t> best;
    std::int64_t best_dist = 0;
    for (auto d = today - 2; d <= today + 1; ++d) {
      if (!runs(trip, d)) continue;
      auto const r = clock.ref(d);
      std::int64_t dist = 0;
      if (a) {
        auto const& st = times[std::get<0>(*a)];
        dist = std::llabs(ref - (r + (std::get<2>(*a) ? st.arr : st.dep)));
      } else {
        auto const lo = r + times.front().dep, hi = r + times.back().arr;
        dist = ref < lo ? lo - ref : ref > hi ? ref - hi : 0;
      }
      if (!best || dist < best_dist) {
        best = d;
        best_dist = dist;
      }
    }
    return best;
  }

  void one(trip_update const& u, std::uint32_t entity) {
    auto const& td = u.trip;
    if (u.is_deleted) {
      ++sum.deleted;
      return;
    }
    auto const rel = td.relationship;
    if (rel == trip_relationship::added || rel == trip_relationship::duplicated ||
        rel == trip_relationship::replacement) {
      ++sum.trips_unsupported;
      problem(severity::info, "unsupported_trip", entity, "trip_update.trip.schedule_relationship",
              std::string(trip_relationship_name(rel)) + " trip '" + td.trip_id + "' is not applied");
      return;
    }
    if (td.trip_id.empty()) {
      ++sum.trips_unmatched;
      problem(severity::warning, "missing_trip_id", entity, "trip_update.trip.trip_id",
              td.route_id.empty() ? std::string("trip descriptor without trip_id")
                                  : "trip descriptor with route_id '" + td.route_id +
                                        "' but no trip_id (route-wide updates are not applied)");
      return;
    }
    // ---- the trip (or, for a frequency-based trip, its instance that starts at start_time)
    std::optional<std::uint32_t> trip = find_trip(td.trip_id);
    std::optional<std::int32_t> start_secs;
    if (!td.start_time.empty()) {
      start_secs = parse_hms(td.start_time);
      if (!start_secs)
        problem(severity::warning, "invalid_time", entity, "trip_update.trip.start_time",
                "start_time '" + td.start_time + "' is not HH:MM:SS; ignored");
    }
    if (!trip) {
      auto const it = m.freq_instances.find(with_prefix(td.trip_id));
      if (it != m.freq_instances.end() && start_secs) {
        for (auto const t : it->second)
          if (static_times(t).front().dep == *start_secs) trip = t;
      }
    }
    if (!trip || m.trip_route[*trip] == kNone) {
      ++sum.trips_unmatched;
      problem(severity::warning, "unknown_trip_id", entity, "trip_update.trip.trip_id",
              "trip '" + td.trip_id + "' is not in the network's timetable");
      return;
    }
    auto const t = *trip;
    if (start_secs && static_times(t).front().dep != *start_secs)
      problem(severity::warning, "start_time_mismatch", entity, "trip_update.trip.start_time",
              "start_time " + td.start_time + " is not the first departure of trip '" + td.trip_id + "'");
    if (!td.route_id.empty()) {
      auto const line = tt().line_id(tt().trip_line(transit::trip_idx_t{t}));
      if (line != with_prefix(td.route_id))
        problem(severity::warning, "route_id_mismatch", entity, "trip_update.trip.route_id",
                "route_id '" + td.route_id + "' is not the route of trip '" + td.trip_id + "' ('" +
                    std::string(line) + "')");
    }
    // ---- the service day
    std::int32_t day = 0;
    if (!td.start_date.empty()) {
      auto const d = parse_yyyymmdd(td.start_date);
      if (!d) {
        ++sum.trips_unmatched;
        problem(severity::error, "invalid_date", entity, "trip_update.trip.start_date",
                "start_date '" + td.start_date + "' is not a YYYYMMDD date");
        return;
      }
      day = *d;
      if (!runs(t, day)) {
        ++sum.trips_not_running;
        problem(severity::warning, "trip_not_running", entity, "trip_update.trip.start_date",
                "trip '" + td.trip_id + "' does not run on " + transit::format_date(day));
        return;
      }
    } else {
      auto const d = infer_day(u, t);
      if (!d) {
        ++sum.trips_not_running;
        problem(severity::warning, "service_day_unknown", entity, "trip_update.trip.start_date",
                "no start_date, and trip '" + td.trip_id +
                    "' runs on no day around the feed's time (or the feed gives no time)");
        return;
      }
      day = *d;
      ++sum.days_inferred;
    }
    if (!seen.insert((std::uint64_t{t} << 32) | static_cast<std::uint32_t>(day)).second) {
      ++sum.trips_duplicate;
      problem(severity::warning, "duplicate_trip_update", entity, "trip_update.trip.trip_id",
              "a second update for trip '" + td.trip_id + "' on " + transit::format_date(day) + "; ignored");
      return;
    }
    ++sum.trips_matched;
    if (rel == trip_relationship::canceled || rel == trip_relationship::deleted) {
      ++sum.trips_cancelled;
      sum.cancelled.push_back(std::string(tt().trip_id(transit::trip_idx_t{t})) + " " + transit::format_date(day));
      instances.push_back(instance{transit::trip_idx_t{t}, day, true, instance::kNoRoute, 0});
      return;
    }
    apply_times(u, entity, t, day);
  }

  void apply_times(trip_update const& u, std::uint32_t entity, std::uint32_t t, std::int32_t day) {
    auto const r = m.trip_route[t];
    auto const rid = transit::route_idx_t{r};
    auto const stops = tt().route_stops(rid);
    auto const sched = static_times(t);
    auto const n = stops.size();
    copy_rec c;
    c.route = r;
    c.day = day;
    c.trip = t;
    c.pos = m.trip_pos[t];
    auto const sf = tt().route_stop_flags(rid);
    c.flags.assign(sf.begin(), sf.end());
    c.times.assign(sched.begin(), sched.end());
    std::int32_t delay = 0;  // propagated (departure) delay
    if (u.delay) {
      if (std::abs(static_cast<std::int64_t>(*u.delay)) <= opt.max_delay_seconds) delay = *u.delay;
      else {
        ++sum.events_ignored;
        problem(severity::warning, "implausible_delay", entity, "trip_update.delay",
                "trip delay " + std::to_string(*u.delay) + " s is more than max_delay_seconds; ignored");
      }
    }
    std::size_t cursor = 0;  // next position not yet given its times
    auto propagate_to = [&](std::size_t end) {
      for (; cursor < end; ++cursor) {
        c.times[cursor].arr = sched[cursor].arr + delay;
        c.times[cursor].dep = sched[cursor].dep + delay;
      }
    };
    bool skipped = false;
    for (std::size_t i = 0; i < u.stop_time_updates.size(); ++i) {
      auto const& su = u.stop_time_updates[i];
      ++sum.stop_updates;
      std::optional<std::size_t> p;
      if (!su.stop_id.empty()) {
        auto const s = find_stop(su.stop_id);
        if (!s) {
          ++sum.stops_unmatched;
          problem(severity::warning, "unknown_stop_id", entity, su_field(i, "stop_id"),
                  "stop '" + su.stop_id + "' is not in the network's timetable");
          continue;
        }
        p = match_position(stops, *s, cursor);
        if (!p) {
          ++sum.stops_unmatched;
          bool const earlier = match_position(stops, *s, 0).has_value();
          problem(severity::warning, earlier ? "stop_out_of_order" : "stop_not_on_trip", entity,
                  su_field(i, "stop_id"),
                  earlier ? "stop '" + su.stop_id + "' comes before an earlier update of trip '" + u.trip.trip_id +
                                "' (updates must follow the trip's order); ignored"
                          : "stop '" + su.stop_id + "' is not a stop of trip '" + u.trip.trip_id + "'");
          continue;
        }
      } else if (su.stop_sequence) {
        ++sum.stops_unmatched;
        problem(severity::warning, "stop_sequence_only", entity, su_field(i, "stop_sequence"),
                "stop_sequence " + std::to_string(*su.stop_sequence) +
                    " without stop_id: the timetable keeps no stop_sequence, so the update is not applied");
        continue;
      } else {
        ++sum.stops_unmatched;
        problem(severity::error, "missing_stop", entity, su_field(i, "stop_id"),
                "stop time update with neither stop_id nor stop_sequence");
        continue;
      }
      ++sum.stops_matched;
      propagate_to(*p);
      auto const& s0 = sched[*p];
      auto& ct = c.times[*p];
      switch (su.relationship) {
        case stop_relationship::skipped:
          ++sum.stops_skipped;
          skipped = true;
          c.flags[*p] |= transit::kNoPickup | transit::kNoDropOff;
          ct = stop_time{s0.arr + delay, s0.dep + delay};
          break;
        case stop_relationship::no_data:
          ++sum.stops_no_data;
          delay = 0;
          ct = s0;
          break;
        default: {
          std::optional<std::int32_t> a, d;
          if (su.arrival) a = event_time(*su.arrival, s0.arr, day, entity, su_field(i, "arrival"));
          if (su.departure) d = event_time(*su.departure, s0.dep, day, entity, su_field(i, "departure"));
          if (!a && d) a = s0.arr + (*d - s0.dep);
          if (!d && a) d = s0.dep + (*a - s0.arr);
          if (!a) a = s0.arr + delay, d = s0.dep + delay;
          ct = stop_time{*a, *d};
          delay = *d - s0.dep;
        }
      }
      cursor = *p + 1;
    }
    propagate_to(n);
    // Never backwards: arrival >= the previous departure, departure >= arrival.
    for (std::size_t p = 0; p < n; ++p) {
      if (p > 0 && c.times[p].arr < c.times[p - 1].dep) {
        c.times[p].arr = c.times[p - 1].dep;
        ++sum.times_fixed;
      }
      if (c.times[p].dep < c.times[p].arr) {
        c.times[p].dep = c.times[p].arr;
        ++sum.times_fixed;
      }
    }
    bool changed = skipped;
    for (std::size_t p = 0; p < n && !changed; ++p)
      changed = c.times[p].arr != sched[p].arr || c.times[p].dep != sched[p].dep;
    instances.push_back(instance{transit::trip_idx_t{t}, day, false, instance::kNoRoute, 0});
    if (!changed) {
      ++sum.trips_unchanged;
      return;
    }
    ++sum.trips_changed;
    copies.push_back(std::move(c));
  }

  // Lays the copies out as routes (one static route, one day, one flags pattern; split so none overtakes),
  // the exclusion bitsets and the stop -> route index.
  void layout() {
    std::sort(copies.begin(), copies.end(), [](copy_rec const& a, copy_rec const& b) {
      if (a.route != b.route) return a.route < b.route;
      if (a.day != b.day) return a.day < b.day;
      if (a.flags != b.flags) return a.flags < b.flags;
      return a.times.front().dep < b.times.front().dep;
    });
    std::vector<std::vector<std::size_t>> chains;  // per new route: copy indices
    std::size_t g = 0;
    while (g < copies.size()) {
      auto e = g;
      while (e < copies.size() && copies[e].route == copies[g].route && copies[e].day == copies[g].day &&
             copies[e].flags == copies[g].flags)
        ++e;
      auto const first_chain = chains.size();
      for (auto i = g; i < e; ++i) {
        bool placed = false;
        for (auto ch = first_chain; ch < chains.size() && !placed; ++ch) {
          auto const& last = copies[chains[ch].back()].times;
          auto const& x = copies[i].times;
          bool fifo = true;
          for (std::size_t p = 0; p < x.size() && fifo; ++p) fifo = x[p].arr >= last[p].arr && x[p].dep >= last[p].dep;
          if (fifo) {
            chains[ch].push_back(i);
            placed = true;
          }
        }
        if (!placed) chains.push_back({i});
      }
      g = e;
    }
    std::sort(instances.begin(), instances.end(), [](instance const& a, instance const& b) {
      return a.trip.v() != b.trip.v() ? a.trip.v() < b.trip.v() : a.day < b.day;
    });
    auto find_instance = [&](std::uint32_t trip, std::int32_t day) -> instance& {
      return *std::lower_bound(instances.begin(), instances.end(), std::pair{trip, day},
                               [](instance const& a, std::pair<std::uint32_t, std::int32_t> const& b) {
                                 return a.trip.v() != b.first ? a.trip.v() < b.first : a.day < b.second;
                               });
    };
    for (std::uint32_t r = 0; r < chains.size(); ++r) {
      auto const& c0 = copies[chains[r].front()];
      v.route_day_.push_back(c0.day);
      v.route_static_.push_back(c0.route);
      v.flags_.insert(v.flags_.end(), c0.flags.begin(), c0.flags.end());
      v.flags_offsets_.push_back(static_cast<std::uint32_t>(v.flags_.size()));
      for (std::uint32_t k = 0; k < chains[r].size(); ++k) {
        auto const& c = copies[chains[r][k]];
        v.trip_static_.push_back(c.trip);
        v.trip_static_pos_.push_back(c.pos);
        v.times_.insert(v.times_.end(), c.times.begin(), c.times.end());
        auto& in = find_instance(c.trip, c.day);
        in.route = r;
        in.pos = k;
      }
      v.trips_offsets_.push_back(static_cast<std::uint32_t>(v.trip_static_.size()));
      v.times_offsets_.push_back(static_cast<std::uint32_t>(v.times_.size()));
    }
    sum.routes = chains.size();
    // Exclusion bitsets per day.
    v.words_ = (tt().n_trips() + 63) / 64;
    for (auto const& in : instances)
      if (in.cancelled || in.route != instance::kNoRoute) v.excl_days_.push_back(in.day);
    std::sort(v.excl_days_.begin(), v.excl_days_.end());
    v.excl_days_.erase(std::unique(v.excl_days_.begin(), v.excl_days_.end()), v.excl_days_.end());
    v.excl_bits_.assign(v.excl_days_.size() * v.words_, 0);
    for (auto const& in : instances) {
      if (!in.cancelled && in.route == instance::kNoRoute) continue;
      auto const di = static_cast<std::size_t>(std::lower_bound(v.excl_days_.begin(), v.excl_days_.end(), in.day) -
                                                v.excl_days_.begin());
      v.excl_bits_[di * v.words_ + in.trip.v() / 64] |= std::uint64_t{1} << (in.trip.v() % 64);
    }
    v.instances_ = std::move(instances);
    // stop -> routes of the extra set, with each stop's first and last position in the route.
    auto const ns = tt().n_stops();
    std::vector<std::vector<stop_route>> per_stop(ns);
    std::vector<std::pair<std::uint32_t, std::uint16_t>> seen_stops;
    for (std::uint32_t r = 0; r < v.route_day_.size(); ++r) {
      auto const stops = tt().route_stops(v.route_static(r));
      seen_stops.clear();
      for (std::size_t i = 0; i < stops.size() && i < 65536; ++i)
        seen_stops.emplace_back(stops[i], static_cast<std::uint16_t>(i));
      std::sort(seen_stops.begin(), seen_stops.end());
      for (std::size_t i = 0; i < seen_stops.size();) {
        auto j = i;
        while (j < seen_stops.size() && seen_stops[j].first == seen_stops[i].first) ++j;
        per_stop[seen_stops[i].first].push_back(stop_route{r, seen_stops[i].second, seen_stops[j - 1].second});
        i = j;
      }
    }
    v.stop_routes_offsets_.assign(ns + 1, 0);
    for (std::size_t s = 0; s < ns; ++s)
      v.stop_routes_offsets_[s + 1] = v.stop_routes_offsets_[s] + static_cast<std::uint32_t>(per_stop[s].size());
    v.stop_routes_.reserve(v.stop_routes_offsets_.back());
    for (auto const& l : per_stop) v.stop_routes_.insert(v.stop_routes_.end(), l.begin(), l.end());
  }
};

result<std::shared_ptr<view const>> apply(matcher const& mt, feed_message const& msg, apply_options const& opt) {
  auto const& m = mt.internal();
  if (msg.differential)
    return make_error(errc::unsupported,
                      "DIFFERENTIAL GTFS-realtime feeds are not supported (the specification leaves them undefined)",
                      msg.source, 0, "header.incrementality");
  if (opt.on_time_seconds < 0 || opt.max_delay_seconds <= 0)
    return make_error(errc::invalid_argument, "on_time_seconds must be >= 0 and max_delay_seconds > 0", {}, 0,
                      opt.on_time_seconds < 0 ? "on_time_seconds" : "max_delay_seconds");
  auto v = std::make_shared<view>();
  v->net_ = m.net;
  v->options_ = opt;
  auto& sum = v->summary_;
  sum.source = msg.source;
  sum.feed_timestamp = msg.timestamp;
  sum.entities = msg.entities;
  sum.trip_updates = msg.trip_updates.size();
  sum.vehicle_positions = msg.vehicle_positions;
  sum.alerts = msg.alerts;
  view_builder b{m, msg, opt, *v, sum, day_clock{m.tz, {}}, {}, {}, {}};
  if (msg.version.empty())
    b.problem(severity::warning, "missing_version", 0, "header.gtfs_realtime_version",
              "the header gives no gtfs_realtime_version");
  else if (msg.version != "1.0" && msg.version != "2.0")
    b.problem(severity::warning, "unknown_version", 0, "header.gtfs_realtime_version",
              "gtfs_realtime_version '" + msg.version + "' (known: 1.0, 2.0); read as 2.0");
  if (msg.timestamp == 0)
    b.problem(severity::info, "missing_timestamp", 0, "header.timestamp", "the header gives no timestamp");
  if (msg.empty_entities != 0)
    b.problem(severity::warning, "empty_entity", 0, "entity",
              std::to_string(msg.empty_entities) + " entities hold neither a trip update, a vehicle nor an alert");
  for (std::size_t i = 0; i < msg.trip_updates.size(); ++i)
    b.one(msg.trip_updates[i], i < msg.entity_index.size() ? msg.entity_index[i] : static_cast<std::uint32_t>(i + 1));
  b.layout();
  auto const live_updates = sum.trip_updates - sum.deleted;
  if (live_updates > 0 && sum.trips_matched == 0)
    b.problem(severity::error, "no_trip_matched", 0, "trip_update.trip.trip_id",
              "none of the " + std::to_string(live_updates) +
                  " trip updates matches a trip instance of the network: is the feed for another network?");
  return std::shared_ptr<view const>(std::move(v));
}

result<std::shared_ptr<view const>> apply(network::network const& net, feed_message const& msg,
                                          apply_options const& opt) {
  KW_TRY(auto m, matcher::build(net));
  return apply(*m, msg, opt);
}

result<std::unique_ptr<live>> live::make(network::network const& net, apply_options opt) {
  KW_TRY(auto m, matcher::build(net));
  auto l = std::unique_ptr<live>(new live());
  l->matcher_ = std::move(m);
  l->opt_ = std::move(opt);
  return l;
}

result<std::shared_ptr<view const>> live::update(feed_message const& msg) {
  std::lock_guard lock{update_mutex_};
  KW_TRY(auto v, apply(*matcher_, msg, opt_));
  publish(v);
  return v;
}

std::shared_ptr<view const> live::current() const {
  std::lock_guard lock{current_mutex_};
  return current_;
}

void live::publish(std::shared_ptr<view const> v) {
  {
    std::lock_guard lock{current_mutex_};
    current_.swap(v);
  }
  // `v` now holds the previous view: released here, outside the lock (freed when no query holds it).
}

result<std::shared_ptr<view const>> live::update_bytes(std::string_view bytes, std::string_view source) {
  KW_TRY(auto const msg, parse_feed(bytes, source));
  return update(msg);
}

result<std::shared_ptr<view const>> live::update_file(std::filesystem::path const& path) {
  KW_TRY(auto const msg, load_feed(path));
  return update(msg);
}

}  // namespace kwartier::realtime
