// Journey reconstruction from RAPTOR labels and the coordinate-to-coordinate planner.
#include "kwartier/routing/journey.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string>

#include "kwartier/core/assert.h"
#include "kwartier/network/network.h"
#include "kwartier/transit/fares.h"
#include "kwartier/routing/access.h"
#include "kwartier/routing/bikeshare.h"
#include "kwartier/transit/local_time.h"
#include "routing/bikeshare_impl.h"
#include "routing/query_state_impl.h"
#include "routing/street_common.h"

namespace kwartier::routing {

namespace {

// One piece of a journey in search order.
struct piece {
  bool ride;
  ride_parent par;            // ride
  std::uint32_t from, to;     // walk: search-order stops (label at `to` came from the ride label at `from`)
  std::int32_t seconds;       // walk
};

std::int32_t offset_of(std::span<stop_offset const> list, std::uint32_t s) {
  std::int32_t best = -1;
  for (auto const& o : list)
    if (o.stop.v() == s && (best < 0 || o.seconds < best)) best = o.seconds;
  return best;
}

place stop_place(transit::timetable_view const& tt, std::uint32_t s, std::string_view lang) {
  auto const id = transit::stop_idx_t{s};
  auto const p = tt.stop_pos(id);
  return place{id, std::string(tt.stop_id(id)), std::string(lang.empty() ? tt.stop_name(id) : tt.stop_name(id, lang)),
               geo::latlng{p.lat, p.lon}};
}

}  // namespace

result<journey> reconstruct_journey(network::network const& net, raptor_query const& q, query_state& qs,
                                    pareto_entry const& e, std::string_view lang, street::mode access_mode) {
  auto& st = qs.internal().raptor;
  if (!net.has_timetable() || st.tt_ != &net.timetable())
    return make_error(errc::invalid_argument, "the query state last ran on another network", {}, 0, "query_state");
  auto const& tt = *st.tt_;
  bool const fwd = st.dir_ == direction::forward;
  if (e.stop.v() >= st.n_stops_ || e.rides > st.last_round_)
    return make_error(errc::invalid_argument, "the Pareto entry is not from the last query", {}, 0, "entry");
  auto const targets = fwd ? q.targets : q.sources;  // real egress offsets
  auto const sources = fwd ? q.sources : q.targets;  // real access offsets

  // The timetable route of a ride (route >= n_routes: the realtime view's extra route, a copy of a static
  // route's trip).
  auto const* rtv = q.opt.realtime;
  if (rtv != nullptr && st.rt_ != rtv)
    return make_error(errc::invalid_argument, "the query's realtime view is not the last query's", {}, 0, "realtime");
  auto static_route = [&](ride_parent const& par) {
    return par.route < st.n_routes_ || rtv == nullptr
               ? transit::route_idx_t{par.route}
               : rtv->route_static(par.route - static_cast<std::uint32_t>(st.n_routes_));
  };

  // ---- walk the labels back from the target (search order)
  std::vector<piece> pieces;
  std::uint32_t s = e.stop.v();
  std::size_t j = e.rides;
  std::uint32_t const end_stop = s;  // search-order end (target side)
  if (j > 0) {
    if (st.ride_[st.idx(j, s)] == kUnreachable)
      return make_error(errc::internal, "no ride label at the Pareto entry's stop");
    for (;;) {
      auto const& par = st.ride_par_[st.idx(j, s)];
      pieces.push_back(piece{true, par, 0, 0, 0});
      if (par.route >= st.n_routes_ && rtv == nullptr)
        return make_error(errc::invalid_argument, "the labels ride a realtime route: pass the query's view", {}, 0,
                          "realtime");
      auto const stops = tt.route_stops(static_route(par));
      auto const b = stops[par.board_pos];
      KW_ASSERT(j >= 1, "ride label in round 0");
      auto jj = j - 1;
      while (jj > 0 && st.r_[st.idx(jj - 1, b)] == st.r_[st.idx(jj, b)]) --jj;
      auto const kind = st.rk_[st.idx(jj, b)];
      if (jj == 0 || kind == kAccess) {
        s = b;
        break;
      }
      if (kind == kRide) {
        s = b;
        j = jj;
        continue;
      }
      auto const from = st.walk_from_[st.idx(jj, b)];
      pieces.push_back(piece{false, {}, from, b, st.r_[st.idx(jj, b)] - st.ride_[st.idx(jj, from)]});
      s = from;
      j = jj;
    }
  }
  std::uint32_t const start_stop = s;  // search-order start (source side)
  if (fwd) std::reverse(pieces.begin(), pieces.end());

  // ---- legs in real order
  journey jo;
  jo.day = q.day;
  jo.rides = e.rides;
  auto const real_first = fwd ? start_stop : end_stop;  // stop after the access leg
  auto const real_last = fwd ? end_stop : start_stop;   // stop before the egress leg
  auto const acc = offset_of(sources, real_first);
  auto const egr = offset_of(targets, real_last);
  if (acc < 0 || egr < 0) return make_error(errc::internal, "journey ends are not in the offset lists");
  place const origin{transit::stop_idx_t::invalid(), {}, "origin", {}};
  place const destination{transit::stop_idx_t::invalid(), {}, "destination", {}};
  for (auto const& p : pieces) {
    leg l;
    if (p.ride) {
      // A route of the timetable, or (route >= n_routes) a route of the realtime view's extra set: a copy of a
      // static trip with realtime times.
      bool const extra = p.par.route >= st.n_routes_;
      auto const* rt = q.opt.realtime;
      if (extra && rt == nullptr) return make_error(errc::internal, "a ride on a realtime route without the view");
      auto const rr = p.par.route - static_cast<std::uint32_t>(st.n_routes_);
      auto const r = extra ? rt->route_static(rr) : transit::route_idx_t{p.par.route};
      auto const stops = tt.route_stops(r);
      auto const board = fwd ? p.par.board_pos : p.par.alight_pos;
      auto const alight = fwd ? p.par.alight_pos : p.par.board_pos;
      auto const static_pos = extra ? rt->trip_static_pos(rr, p.par.trip) : p.par.trip;
      auto const sched = tt.trip_times(r, static_pos);
      auto const times = extra ? rt->trip_times(rr, p.par.trip) : sched;
      auto const base = st.days_[p.par.day].base;
      auto const trip = extra ? rt->trip_static(rr, p.par.trip) : transit::trip_idx_t{tt.route_trips(r)[static_pos]};
      auto const line = tt.trip_line(trip);
      l.kind = leg_kind::ride;
      l.departure = base + times[board].dep;
      l.arrival = base + times[alight].arr;
      l.scheduled_departure = base + sched[board].dep;
      l.scheduled_arrival = base + sched[alight].arr;
      l.service_day = st.day0_ + p.par.day;
      if (rt != nullptr) {
        auto const info = rt->ride(trip, l.service_day, board, alight);
        l.status = info.status;
        l.departure_delay = l.departure - l.scheduled_departure;
        l.arrival_delay = l.arrival - l.scheduled_arrival;
      }
      l.from = stop_place(tt, stops[board], lang);
      l.to = stop_place(tt, stops[alight], lang);
      l.trip = trip;
      l.route = r;
      l.trip_id = std::string(tt.trip_id(trip));
      l.route_id = std::string(tt.line_id(line));
      l.route_short_name = std::string(tt.line_short_name(line, lang));
      l.route_long_name = std::string(tt.line_long_name(line, lang));
      if (l.route_short_name.empty()) l.route_short_name = l.route_long_name;
      l.route_type = tt.line_route_type(line);
      auto const agency = tt.line_agency(line);
      l.agency = agency.v() < tt.n_agencies() ? std::string(tt.agency_name(agency, lang)) : std::string{};
      l.headsign = std::string(tt.trip_headsign(trip, lang));
      if (l.headsign.empty()) l.headsign = stop_place(tt, stops.back(), lang).name;
      l.stops = static_cast<std::uint32_t>(alight - board + 1);
    } else {
      l.kind = leg_kind::transfer;
      l.mode = street::mode::walk;
      auto const a = fwd ? p.from : p.to, b = fwd ? p.to : p.from;
      l.from = stop_place(tt, a, lang);
      l.to = stop_place(tt, b, lang);
      l.departure = 0;  // set below from the ride before
      l.arrival = p.seconds;
    }
    jo.legs.push_back(std::move(l));
  }
  // Transfer walks start when the ride before them arrives.
  for (std::size_t i = 0; i < jo.legs.size(); ++i)
    if (jo.legs[i].kind == leg_kind::transfer) {
      auto const secs = jo.legs[i].arrival;
      jo.legs[i].departure = i > 0 ? jo.legs[i - 1].arrival : 0;
      jo.legs[i].arrival = jo.legs[i].departure + secs;
    }
  // Access before the first ride, egress after the last (no leg when it takes 0 s).
  auto const first_place = stop_place(tt, real_first, lang);
  auto const last_place = stop_place(tt, real_last, lang);
  seconds_t t_first = 0, t_last = 0;
  if (jo.legs.empty()) {  // no ride: access and egress through one stop
    t_first = fwd ? q.time + acc : q.time - egr;
    t_last = t_first;
  } else {
    t_first = jo.legs.front().departure;
    t_last = jo.legs.back().arrival;
  }
  if (acc > 0) {
    leg a;
    a.kind = leg_kind::access;
    a.mode = access_mode;
    a.from = origin;
    a.to = first_place;
    a.arrival = t_first;
    a.departure = t_first - acc;
    jo.legs.insert(jo.legs.begin(), std::move(a));
  }
  if (egr > 0) {
    leg g;
    g.kind = leg_kind::egress;
    g.mode = access_mode;
    g.from = last_place;
    g.to = destination;
    g.departure = t_last;
    g.arrival = t_last + egr;
    jo.legs.push_back(std::move(g));
  }
  jo.departure = jo.legs.empty() ? t_first : jo.legs.front().departure;
  jo.arrival = jo.legs.empty() ? t_last : jo.legs.back().arrival;
  return jo;
}

namespace {

journey direct_journey(route_request const& r, transit::service_time when, street::mode m, seconds_t secs) {
  journey j;
  j.day = when.day;
  leg l;
  l.kind = leg_kind::direct;
  l.mode = m;
  l.from = place{transit::stop_idx_t::invalid(), {}, "origin", r.from};
  l.to = place{transit::stop_idx_t::invalid(), {}, "destination", r.to};
  l.departure = r.arrive_by ? when.seconds - secs : when.seconds;
  l.arrival = l.departure + secs;
  j.departure = l.departure;
  j.arrival = l.arrival;
  j.legs.push_back(std::move(l));
  return j;
}

std::optional<transit::time_zone> zone_of(network::network const& net) {
  if (!net.has_timetable()) return std::nullopt;
  auto tz = transit::time_zone::of(net.timetable());
  if (!tz) return std::nullopt;
  return *tz;
}

}  // namespace

// Step-free exclusions (declared in raptor_state.h; built once per query state and network): trips with
// wheelchair_accessible = 2 and stops with wheelchair_boarding = 2 (after inheriting the parent station's),
// and those with no value when `avoid_unknown`.
void step_free_bits(raptor_state& st, bool avoid_unknown) {
  auto& trips = st.step_free_trips_[avoid_unknown ? 1 : 0];
  auto& stops = st.step_free_stops_[avoid_unknown ? 1 : 0];
  auto const& tt = *st.tt_;
  auto const excluded = [&](transit::accessibility a) {
    return a == transit::accessibility::no || (avoid_unknown && a == transit::accessibility::unknown);
  };
  if (trips.empty()) {
    trips.assign((tt.n_trips() + 63) / 64, 0);
    for (std::uint32_t t = 0; t < tt.n_trips(); ++t)
      if (excluded(tt.trip_wheelchair(transit::trip_idx_t{t}))) trips[t / 64] |= std::uint64_t{1} << (t % 64);
  }
  if (stops.empty()) {
    stops.assign((tt.n_stops() + 63) / 64, 0);
    for (std::uint32_t s = 0; s < tt.n_stops(); ++s)
      if (excluded(tt.stop_wheelchair(transit::stop_idx_t{s}))) stops[s / 64] |= std::uint64_t{1} << (s % 64);
  }
}

std::string_view travel_mode_name(travel_mode m) {
  return m == travel_mode::walk ? "walk" : m == travel_mode::bike ? "bike" : "transit";
}

result<travel_mode> parse_travel_mode(std::string_view s, std::string_view field) {
  for (auto const m : {travel_mode::walk, travel_mode::bike, travel_mode::transit})
    if (s == travel_mode_name(m)) return m;
  return make_error(errc::invalid_argument, "mode must be walk, bike or transit, not '" + std::string(s) + "'", {}, 0,
                    std::string(field));
}

result<street::mode> parse_street_mode(std::string_view s, std::string_view field) {
  for (auto const m : {street::mode::walk, street::mode::bike})
    if (s == street::mode_name(m)) return m;
  return make_error(errc::invalid_argument, "mode must be walk or bike, not '" + std::string(s) + "'", {}, 0,
                    std::string(field));
}

result<mode_set> parse_modes(std::string_view list, std::string_view field) {
  bool walk = false, bike = false, transit = false, share = false, bike_ride = false;
  std::size_t pos = 0;
  for (;;) {
    auto const comma = list.find(',', pos);
    auto const w = list.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    if (w == "walk")
      walk = true;
    else if (w == "bike")
      bike = true;
    else if (w == "transit")
      transit = true;
    else if (w == "bikeshare")
      share = true;
    else if (w == "bike_and_ride")
      bike_ride = true;
    else
      return make_error(errc::invalid_argument,
                        "mode must be a comma-separated list of walk, bike, transit, bikeshare and bike_and_ride, not '" +
                            std::string(w) + "'" + (list.size() != w.size() ? " in '" + std::string(list) + "'" : ""),
                        {}, 0, std::string(field));
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  mode_set m;
  m.bikeshare = share;
  m.bike_and_ride = bike_ride;
  if (transit || bike_ride) {
    m.mode = travel_mode::transit;
    m.access_mode = bike && !walk && !bike_ride ? street::mode::bike : street::mode::walk;
  } else {
    m.mode = bike && !walk ? travel_mode::bike : travel_mode::walk;
  }
  return m;
}

std::string_view wheelchair_unknown_name(wheelchair_unknown u) {
  return u == wheelchair_unknown::avoid ? "avoid" : "allow";
}

result<wheelchair_unknown> parse_wheelchair_unknown(std::string_view s, std::string_view field) {
  for (auto const u : {wheelchair_unknown::allow, wheelchair_unknown::avoid})
    if (s == wheelchair_unknown_name(u)) return u;
  return make_error(errc::invalid_argument, "unknown must be allow or avoid, not '" + std::string(s) + "'", {}, 0,
                    std::string(field));
}

result<std::string> local_iso(network::network const& net, std::int32_t day, seconds_t t) {
  if (auto tz = zone_of(net)) return tz->to_iso_local(transit::service_time{day, t}, true);
  auto const d = day + (t >= 0 ? t / kDay : -((-t + kDay - 1) / kDay));
  auto const rest = t - (d - day) * kDay;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%sT%02d:%02d:%02d", transit::format_date(d).c_str(), rest / 3600, rest / 60 % 60,
                rest % 60);
  return std::string{buf};
}

namespace {

constexpr std::int64_t kNoPrice = std::numeric_limits<std::int64_t>::max();

// journey::fares from transit::price_legs over the rides (times on the journey's day). Returns the journey's
// price for route_request::optimize_fare: the cheapest of its v1 price and its v2 prices for the default rider
// category (is_default_fare_category = 1) or none (every category when the feed marks no default), in
// 1/10,000 units; kNoPrice when no complete price.
result<std::int64_t> price_journey(transit::timetable_view const& tt, journey& j) {
  if (!tt.has_fares_v1() && !tt.has_fares_v2()) return kNoPrice;
  std::vector<transit::fare_leg> legs;
  for (auto const& l : j.legs)
    if (l.kind == leg_kind::ride)
      legs.push_back(transit::fare_leg{l.route, l.from.stop, l.to.stop, transit::service_time{j.day, l.departure},
                                       transit::service_time{j.day, l.arrival}});
  if (legs.empty()) return kNoPrice;
  KW_TRY(auto const p, transit::price_legs(tt, legs));
  auto key = kNoPrice;
  if (p.v1.complete) {
    j.fares.push_back(journey_fare{"v1", {}, {}, p.v1.total, std::string(p.v1.currency)});
    key = p.v1.total;
  }
  if (p.v2.complete) {
    bool const marked = std::any_of(tt.rider_category_default_.begin(), tt.rider_category_default_.end(),
                                    [](std::uint8_t d) { return d != 0; });
    for (auto const& o : p.v2.options) {
      j.fares.push_back(journey_fare{
          "v2", o.rider_category == transit::kNoIndex ? std::string{} : std::string(tt.rider_category_ids_[o.rider_category]),
          o.medium == transit::kNoIndex ? std::string{} : std::string(tt.fare_media_ids_[o.medium]), o.total,
          std::string(o.currency)});
      if (!marked || o.rider_category == transit::kNoIndex || tt.rider_category_default_[o.rider_category] != 0)
        key = std::min(key, o.total);
    }
  }
  return key;
}

// The rides of a journey (trip, boarding and alighting stop): two journeys with the same rides are one.
std::vector<std::uint32_t> ride_signature(journey const& j) {
  std::vector<std::uint32_t> sig;
  for (auto const& l : j.legs)
    if (l.kind == leg_kind::ride) {
      sig.push_back(l.trip.v());
      sig.push_back(l.from.stop.v());
      sig.push_back(l.to.stop.v());
    }
  return sig;
}

// route_request::optimize_fare: more journeys for the price criterion. RAPTOR's Pareto set is on (time, rides);
// a cheaper journey is usually one on other lines, so the search is run again with lines banned: breadth
// first, each journey found bans one more of its lines (GTFS routes, every pattern and realtime copy of them)
// on top of the bans that found it, at most kMaxBannedLines at once and kFareSearches searches in all. Every
// journey found is priced (price_journey); `out` becomes the journeys Pareto-optimal on (arrival, or
// departure for arrive-by; rides; price), fewest rides first, then by time. A journey without a complete
// price counts as the dearest. A heuristic in what it finds (a cheaper journey that needs more than
// kMaxBannedLines bans, or lies beyond kFareSearches searches, is missed); exact in what it keeps.
constexpr std::size_t kFareSearches = 16;
constexpr std::size_t kMaxBannedLines = 3;

template <typename Tighten>
status add_cheaper_journeys(network::network const& net, raptor_options const& opt, bool fwd,
                            raptor_query const& first_q, query_state& qs, Tighten&& tightened,
                            std::vector<journey>& out) {
  auto const& tt = net.timetable();
  if (!tt.has_fares_v1() && !tt.has_fares_v2()) return {};
  struct candidate {
    journey j;
    std::int64_t price;
  };
  std::vector<candidate> pool;
  std::set<std::vector<std::uint32_t>> seen_rides, seen_bans;
  std::vector<std::vector<std::uint32_t>> bans;  // sorted line sets, in search order
  auto add = [&](journey j, std::vector<std::uint32_t> const& banned) -> status {
    if (!seen_rides.insert(ride_signature(j)).second) return {};
    KW_TRY(auto const price, price_journey(tt, j));
    for (auto const& l : j.legs) {
      if (l.kind != leg_kind::ride) continue;
      auto b = banned;
      b.push_back(tt.trip_line(l.trip).v());
      std::sort(b.begin(), b.end());
      b.erase(std::unique(b.begin(), b.end()), b.end());
      if (b.size() <= kMaxBannedLines && seen_bans.insert(b).second) bans.push_back(std::move(b));
    }
    pool.push_back(candidate{std::move(j), price});
    return {};
  };
  for (auto& j : out) KW_TRY_VOID(add(std::move(j), {}));
  std::vector<std::uint64_t> excluded;
  for (std::size_t i = 0; i < bans.size() && i < kFareSearches; ++i) {
    auto const banned = bans[i];  // a copy: add() grows bans
    excluded.assign((tt.n_trips() + 63) / 64, 0);
    std::copy(opt.excluded_trips.begin(), opt.excluded_trips.end(), excluded.begin());
    for (std::uint32_t t = 0; t < tt.n_trips(); ++t)
      if (std::binary_search(banned.begin(), banned.end(), tt.trip_line(transit::trip_idx_t{t}).v()))
        excluded[t / 64] |= std::uint64_t{1} << (t % 64);
    auto q = first_q;
    q.opt.excluded_trips = excluded;
    KW_TRY(auto const f0, raptor(net, q, qs));
    std::vector<pareto_entry> const f(f0.begin(), f0.end());
    for (auto const& e : f) {
      if (e.rides == 0) continue;
      KW_TRY(auto j, tightened(e, std::span<std::uint64_t const>{excluded}));
      KW_TRY_VOID(add(std::move(j), banned));
    }
  }
  auto const time_of = [&](candidate const& c) { return fwd ? c.j.arrival : -c.j.departure; };  // less is better
  auto const dominates = [&](candidate const& a, candidate const& b) {
    return time_of(a) <= time_of(b) && a.j.rides <= b.j.rides && a.price <= b.price &&
           (time_of(a) < time_of(b) || a.j.rides < b.j.rides || a.price < b.price);
  };
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    bool dropped = false;
    for (std::size_t k = 0; k < pool.size() && !dropped; ++k)
      dropped = k != i && (dominates(pool[k], pool[i]) ||
                           (k < i && time_of(pool[k]) == time_of(pool[i]) && pool[k].j.rides == pool[i].j.rides &&
                            pool[k].price == pool[i].price));
    if (!dropped) keep.push_back(i);
  }
  std::stable_sort(keep.begin(), keep.end(), [&](std::size_t a, std::size_t b) {
    auto const& x = pool[a];
    auto const& y = pool[b];
    if (x.j.rides != y.j.rides) return x.j.rides < y.j.rides;
    if (time_of(x) != time_of(y)) return time_of(x) < time_of(y);
    return x.price < y.price;
  });
  out.clear();
  for (auto const i : keep) out.push_back(std::move(pool[i].j));
  return {};
}

// Per stop the smaller offset of two lists sorted by stop.
std::vector<stop_offset> merge_offsets(std::span<stop_offset const> a, std::span<stop_offset const> b) {
  std::vector<stop_offset> out;
  out.reserve(a.size() + b.size());
  std::size_t i = 0, k = 0;
  while (i < a.size() || k < b.size()) {
    if (k == b.size() || (i < a.size() && a[i].stop < b[k].stop)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[k].stop < a[i].stop) {
      out.push_back(b[k++]);
    } else {
      out.push_back({a[i].stop, std::min(a[i].seconds, b[k].seconds)});
      ++i;
      ++k;
    }
  }
  return out;
}

// The bike-share legs of a trip replacing `l` (an access or egress leg whose time came from bike share);
// the legs end where `l` ends.
std::vector<leg> bikeshare_legs(bikeshare::system const& sys, detail::bikeshare_trip const& trip, leg const& l) {
  std::vector<leg> out;
  detail::append_bikeshare_legs(sys, trip, l.departure, l.kind, l.from, l.to, out);
  if (!out.empty() && out.back().arrival != l.arrival && out.back().departure <= l.arrival) out.back().arrival = l.arrival;
  return out;
}

// Replaces a journey's access (egress) leg by bike-share legs when bike share gave its stop's offset: the
// plain walk (bike) offset of that stop is missing or longer.
status bikeshare_ends(network::network const& net, route_request const& r, query_state& qs,
                      std::span<stop_offset const> acc_plain, std::span<stop_offset const> egr_plain, journey& j) {
  auto const& sys = *r.bikeshare;
  auto const plain = [](std::span<stop_offset const> list, transit::stop_idx_t s) {
    seconds_t best = kUnreachable;
    for (auto const& o : list)
      if (o.stop == s) best = std::min(best, o.seconds);
    return best;
  };
  if (!j.legs.empty() && j.legs.front().kind == leg_kind::access && j.legs.front().to.stop.valid()) {
    auto const& l = j.legs.front();
    auto const snap = net.stop_snap(l.to.stop);
    if (snap && plain(acc_plain, l.to.stop) > l.duration()) {
      if (auto const trip = detail::bikeshare_best_trip(net, sys, qs.internal().bikeshare_fwd, *snap, qs)) {
        auto legs = bikeshare_legs(sys, *trip, l);
        j.legs.erase(j.legs.begin());
        j.legs.insert(j.legs.begin(), legs.begin(), legs.end());
      }
    }
  }
  if (!j.legs.empty() && j.legs.back().kind == leg_kind::egress && j.legs.back().from.stop.valid()) {
    auto const& l = j.legs.back();
    auto const snap = net.stop_snap(l.from.stop);
    if (snap && plain(egr_plain, l.from.stop) > l.duration()) {
      if (auto const trip = detail::bikeshare_best_trip(net, sys, qs.internal().bikeshare_rev, *snap, qs)) {
        auto legs = bikeshare_legs(sys, *trip, l);
        j.legs.pop_back();
        j.legs.insert(j.legs.end(), legs.begin(), legs.end());
      }
    }
  }
  return {};
}

// The direct bike-share journey of the last forward pass (qs.bikeshare_fwd) to the destination snap, when it
// takes at most `budget` seconds.
std::optional<journey> bikeshare_journey(network::network const& net, route_request const& r,
                                         transit::service_time when, street::snap_result const& dest,
                                         seconds_t budget, query_state& qs) {
  auto const trip = detail::bikeshare_best_trip(net, *r.bikeshare, qs.internal().bikeshare_fwd, dest, qs);
  if (!trip) return std::nullopt;
  auto const secs = street::ds_to_seconds(trip->total);
  if (secs > budget) return std::nullopt;
  journey j;
  j.day = when.day;
  place const origin{transit::stop_idx_t::invalid(), {}, "origin", r.from, {}};
  place const destination{transit::stop_idx_t::invalid(), {}, "destination", r.to, {}};
  auto const start = r.arrive_by ? when.seconds - secs : when.seconds;
  detail::append_bikeshare_legs(*r.bikeshare, *trip, start, leg_kind::direct, origin, destination, j.legs);
  j.departure = start;
  j.arrival = start + secs;
  return j;
}

}  // namespace

result<std::vector<journey>> route(network::network const& net, route_request const& r, query_state& qs) {
  if (!geo::valid(r.from) || !geo::valid(r.to))
    return make_error(errc::out_of_range, "coordinates must be finite, latitude in [-90, 90], longitude in [-180, 180]",
                      {}, 0, geo::valid(r.from) ? "to" : "from");
  if (r.time < 0 || r.time >= kDay)
    return make_error(errc::out_of_range, "time must be within the day: 00:00 to 23:59:59", {}, 0, "time");
  if (r.max_access_seconds <= 0 || r.max_travel_seconds <= 0 || r.max_travel_seconds > 7 * kDay)
    return make_error(errc::invalid_argument, "time budgets must be > 0 (max_travel_seconds at most 7 days)", {}, 0,
                      r.max_access_seconds <= 0 ? "max_access_seconds" : "max_travel_seconds");
  if (r.departures == 0 || r.departures > 100)
    return make_error(errc::invalid_argument, "departures must be 1 to 100", {}, 0, "departures");
  if (r.max_transfers > 255)
    return make_error(errc::invalid_argument, "max_transfers must be 0 to 255", {}, 0, "max_transfers");
  if (static_cast<std::uint8_t>(r.mode) > 2 || static_cast<std::uint8_t>(r.access_mode) >= street::kNModes)
    return make_error(errc::invalid_argument, "mode must be walk, bike or transit", {}, 0, "mode");
  // The wall-clock request as a service time of the timetable's zone (a network without one: as given).
  bool const bs = r.use_bikeshare;
  if (bs) {
    if (!r.bikeshare)
      return make_error(errc::invalid_argument,
                        "bike share needs a GBFS system loaded for this network (Network.with_gbfs, --gbfs, "
                        "kw_network_load_gbfs)",
                        {}, 0, "bikeshare");
    if (r.step_free)
      return make_error(errc::invalid_argument, "bike share is not a step-free mode: ask without step_free", {}, 0,
                        "mode");
  }
  bikeshare_limits const bl{r.max_access_seconds, r.max_bikeshare_ride_seconds, r.max_snap_m};
  if (bs) KW_TRY_VOID(detail::check_bikeshare(net, *r.bikeshare, bl));
  // The wall-clock request as a service time of the timetable's zone (a network without one: as given).
  auto const tz = zone_of(net);
  auto const when = tz ? tz->to_service_time(transit::local_date_time{r.date, r.time})
                       : transit::service_time{r.date, r.time};
  // Bike share from the origin (the forward pass stays in qs for the legs) and the destination's walk snap.
  auto const bikeshare_from = [&](std::vector<stop_offset>* stops) -> result<street::snap_result> {
    KW_TRY(auto const dest, detail::snap_point(net, r.to, street_query{street::mode::walk, 1, r.max_snap_m}, "to"));
    auto& pass = qs.internal().bikeshare_fwd;
    KW_TRY_VOID(detail::run_bikeshare_pass(net, *r.bikeshare, r.from, bl, qs, false, pass));
    if (stops) detail::bikeshare_stops(net, *r.bikeshare, pass, qs, *stops);
    return dest;
  };
  if (r.mode != travel_mode::transit) {
    auto const m = r.mode == travel_mode::bike ? street::mode::bike : street::mode::walk;
    KW_TRY(auto const secs, direct(net, r.from, r.to, access_options{m, r.max_travel_seconds, r.max_snap_m}, qs));
    std::vector<journey> out;
    if (secs != kUnreachable) out.push_back(direct_journey(r, when, m, secs));
    if (bs) {  // ahead of the walk (ride) when faster
      KW_TRY(auto const dest, bikeshare_from(nullptr));
      auto const budget = secs == kUnreachable ? r.max_travel_seconds : secs - 1;
      if (budget > 0)
        if (auto j = bikeshare_journey(net, r, when, dest, budget, qs)) out.insert(out.begin(), std::move(*j));
    }
    return out;
  }
  if (!net.has_timetable() || net.timetable().n_stops() == 0)
    return make_error(errc::unsupported, "transit asked of a network built without GTFS", {}, 0, "mode");
  auto const& tt = net.timetable();
  KW_TRY_VOID(transit::check_service_day(tt, r.date));

  // Bike and ride: the traveller's own bike to the first stop (every linked stop taken to have parking).
  auto const acc_mode = r.bike_and_ride ? street::mode::bike : r.access_mode;
  access_options const ao{r.access_mode, r.max_access_seconds, r.max_snap_m};
  std::vector<stop_offset> acc, egr;
  KW_TRY_VOID(access(net, r.from, access_options{acc_mode, r.max_access_seconds, r.max_snap_m}, qs, acc));
  KW_TRY_VOID(egress(net, r.to, ao, qs, egr));
  // Bike share as access and egress: per stop the better of walking (cycling) and bike share.
  std::vector<stop_offset> acc_plain, egr_plain;
  std::optional<street::snap_result> bs_dest;
  if (bs) {
    std::vector<stop_offset> b;
    KW_TRY(bs_dest, bikeshare_from(&b));
    acc_plain = acc;
    acc = merge_offsets(acc_plain, b);
    KW_TRY_VOID(detail::run_bikeshare_pass(net, *r.bikeshare, r.to, bl, qs, true, qs.internal().bikeshare_rev));
    detail::bikeshare_stops(net, *r.bikeshare, qs.internal().bikeshare_rev, qs, b);
    egr_plain = egr;
    egr = merge_offsets(egr_plain, b);
  }

  raptor_options opt;
  opt.realtime = r.realtime.get();
  opt.max_transfers = static_cast<std::uint8_t>(r.max_transfers);
  opt.max_travel_seconds = r.max_travel_seconds;
  opt.min_change_seconds = r.min_change_seconds;
  if (r.step_free) {
    auto& st = qs.internal().raptor;
    KW_TRY_VOID(bind(st, net, 1));
    bool const avoid = r.unknown == wheelchair_unknown::avoid;
    step_free_bits(st, avoid);
    opt.excluded_trips = st.step_free_trips_[avoid ? 1 : 0];
    opt.excluded_stops = st.step_free_stops_[avoid ? 1 : 0];
  }
  bool const fwd = !r.arrive_by;
  auto query = [&](direction d, seconds_t time, std::uint8_t max_transfers) {
    raptor_query q;
    q.day = when.day;
    q.time = time;
    q.dir = d;
    q.sources = d == direction::forward ? std::span<stop_offset const>{acc} : std::span<stop_offset const>{egr};
    q.targets = d == direction::forward ? std::span<stop_offset const>{egr} : std::span<stop_offset const>{acc};
    q.opt = opt;
    q.opt.max_transfers = max_transfers;
    return q;
  };
  // The journey of a (time, rides) answer, tightened by a search the other way: forward answers leave as late
  // as their arrival allows, arrive-by answers arrive as early as their departure allows. `excluded`: the
  // trips the answer's search excluded (empty: opt's own).
  auto tightened = [&](pareto_entry const& e, std::span<std::uint64_t const> excluded) -> result<journey> {
    auto q = query(fwd ? direction::backward : direction::forward, e.time,
                   static_cast<std::uint8_t>(e.rides == 0 ? 0 : e.rides - 1));
    if (!excluded.empty()) q.opt.excluded_trips = excluded;
    KW_TRY(auto const front, raptor(net, q, qs));
    if (front.empty()) return make_error(errc::internal, "the tightening search found nothing");
    KW_TRY(auto j, reconstruct_journey(net, q, qs, front.back(), r.lang, r.access_mode));
    for (auto& l : j.legs) {
      if (!l.from.stop.valid()) l.from.pos = r.from;
      if (!l.to.stop.valid()) l.to.pos = r.to;
      if (l.kind == leg_kind::access) l.mode = acc_mode;
    }
    if (bs) KW_TRY_VOID(bikeshare_ends(net, r, qs, acc_plain, egr_plain, j));
    return j;
  };

  std::vector<journey> out;
  auto const first_q = query(fwd ? direction::forward : direction::backward, when.seconds, opt.max_transfers);
  KW_TRY(auto const front0, raptor(net, first_q, qs));
  std::vector<pareto_entry> const front(front0.begin(), front0.end());
  for (auto const& e : front) {
    if (e.rides == 0) continue;
    KW_TRY(auto j, tightened(e, {}));
    out.push_back(std::move(j));
  }
  // The earliest-arrival (arrive_by: latest-departure) journey: the next departures follow it.
  std::optional<journey> const fastest = out.empty() ? std::nullopt : std::optional<journey>{out.back()};
  if (r.optimize_fare) KW_TRY_VOID(add_cheaper_journeys(net, opt, fwd, first_q, qs, tightened, out));
  // Direct walk (bike) when it is at least as good as every transit journey.
  {
    seconds_t budget = r.max_travel_seconds;
    for (auto const& j : out) budget = std::min(budget, fwd ? j.arrival - when.seconds : when.seconds - j.departure);
    seconds_t walk_secs = kUnreachable;
    if (budget > 0) {
      KW_TRY(walk_secs, direct(net, r.from, r.to, access_options{acc_mode, budget, r.max_snap_m}, qs));
      if (walk_secs != kUnreachable) out.insert(out.begin(), direct_journey(r, when, acc_mode, walk_secs));
    }
    // Bike share straight to the destination, ahead of the walk (ride) when faster.
    auto const bs_budget = walk_secs == kUnreachable ? budget : walk_secs - 1;
    if (bs && bs_budget > 0)
      if (auto j = bikeshare_journey(net, r, when, *bs_dest, bs_budget, qs)) out.insert(out.begin(), std::move(*j));
  }
  // Next (previous) departures: each the best answer of a search just after (before) the last one.
  if (r.departures > 1 && fastest) {
    auto last = *fastest;
    for (std::uint32_t n = 1; n < r.departures; ++n) {
      auto const t = fwd ? last.departure + 1 : last.arrival - 1;
      KW_TRY(auto const f, raptor(net, query(fwd ? direction::forward : direction::backward, t, opt.max_transfers), qs));
      pareto_entry best{};
      bool any = false;
      for (auto const& e : f)
        if (e.rides > 0) {
          best = e;
          any = true;
        }
      if (!any) break;
      KW_TRY(auto j, tightened(best, {}));
      last = j;
      out.push_back(std::move(j));
    }
  }
  // Prices (route_request::fares; optimize_fare priced its own journeys already).
  if (r.fares || r.optimize_fare)
    for (auto& j : out)
      if (j.fares.empty()) KW_TRY_VOID(price_journey(net.timetable(), j));
  return out;
}

}  // namespace kwartier::routing
