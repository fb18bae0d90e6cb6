// build_timetable: service days as shared bitsets, frequency expansion, trips grouped into RAPTOR routes by
// stop pattern (split so trips never overtake), route-first stop times, CSR stop -> routes.
#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "transit/gtfs_data.h"

namespace kwartier::transit {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

void push(string_table<ownership::owned>& t, std::string_view s) {
  if (t.offsets.empty()) t.offsets.push_back(0);
  t.chars.insert(t.chars.end(), s.begin(), s.end());
  t.offsets.push_back(static_cast<std::uint32_t>(t.chars.size()));
}

unsigned weekday(std::int32_t day) { return static_cast<unsigned>(((day % 7) + 7 + 3) % 7); }  // 0 = Monday

struct vec_hash {
  std::size_t operator()(std::vector<std::uint64_t> const& v) const noexcept {
    return static_cast<std::size_t>(hash64(v.data(), v.size() * sizeof(std::uint64_t)));
  }
};

// One trip instance in the timetable: a GTFS trip, shifted by `shift` seconds (frequency expansion).
struct instance {
  std::uint32_t trip;
  std::int32_t shift;
  std::uint32_t k;  // frequency instance number + 1, 0 when not expanded
};

// The first error-severity problem, as a hint for the "unusable" message.
std::string first_error(validation_report const& r) {
  for (auto const& p : r.problems())
    if (p.severity == severity::error)
      return "; first error: " + (p.file.empty() ? std::string{} : p.file + ": ") + p.message;
  return {};
}

}  // namespace

result<timetable> build_timetable(gtfs_feed const& feed) {
  if (!feed.data) return make_error(errc::invalid_argument, "feed has no data (load failed)");
  auto const& d = *feed.data;
  if (!d.unusable_feeds.empty()) {
    auto const& u = d.unusable_feeds.front();
    return make_error(errc::invalid_format,
                      "not a usable GTFS feed: " + u.reason + " (`kwartier gtfs validate` lists the problems)", u.name);
  }
  timetable tt;

  // ---- services used by trips -> day range -> deduplicated bitsets
  std::vector<bool> used_service(d.services.size(), false);
  for (auto const& tr : d.trips)
    if (tr.n_st >= 2) used_service[tr.service] = true;
  for (auto const& tf : d.fares.timeframes) used_service[tf.service] = true;  // fares v2 timeframes
  std::int32_t first = std::numeric_limits<std::int32_t>::max(), last = std::numeric_limits<std::int32_t>::min();
  std::vector<std::vector<std::int32_t>> days(d.services.size());
  for (std::size_t s = 0; s < d.services.size(); ++s) {
    if (!used_service[s]) continue;
    auto const& sv = d.services[s];
    auto& out = days[s];
    for (std::int32_t day = sv.start; day <= sv.end; ++day)
      if ((sv.weekdays >> weekday(day) & 1U) != 0) out.push_back(day);
    out.insert(out.end(), sv.added.begin(), sv.added.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::vector<std::int32_t> removed = sv.removed;
    std::sort(removed.begin(), removed.end());
    std::vector<std::int32_t> kept;
    std::set_difference(out.begin(), out.end(), removed.begin(), removed.end(), std::back_inserter(kept));
    out.swap(kept);
    if (!out.empty()) {
      first = std::min(first, out.front());
      last = std::max(last, out.back());
    }
  }
  bool const any_day = first <= last;
  if (!any_day) first = last = 0;
  tt.first_day_ = first;
  tt.n_days_ = any_day ? last - first + 1 : 0;
  tt.n_words_ = std::max(1, (tt.n_days_ + 63) / 64);
  auto const n_words = static_cast<std::size_t>(tt.n_words_);
  std::unordered_map<std::vector<std::uint64_t>, std::uint32_t, vec_hash> bitset_ix;
  std::vector<std::uint32_t> service_bitset(d.services.size(), kNone);
  for (std::size_t s = 0; s < d.services.size(); ++s) {
    if (!used_service[s]) continue;
    std::vector<std::uint64_t> bits(n_words, 0);
    for (auto const day : days[s]) {
      auto const k = static_cast<std::size_t>(day - first);
      bits[k / 64] |= std::uint64_t{1} << (k % 64);
    }
    auto [it, fresh] = bitset_ix.emplace(bits, static_cast<std::uint32_t>(bitset_ix.size()));
    if (fresh) tt.service_bits_.insert(tt.service_bits_.end(), bits.begin(), bits.end());
    service_bitset[s] = it->second;
  }

  // ---- trip instances (frequencies expanded: one per headway from start_time, while < end_time)
  std::vector<instance> inst;
  inst.reserve(d.trips.size());
  for (std::uint32_t t = 0; t < d.trips.size(); ++t) {
    auto const& tr = d.trips[t];
    if (tr.n_st < 2) continue;
    if (tr.n_freq == 0) {
      inst.push_back(instance{t, 0, 0});
      continue;
    }
    auto const base = d.stop_times[tr.first_st].dep;
    std::uint32_t k = 0;
    for (std::uint32_t f = 0; f < tr.n_freq; ++f) {
      auto const& fr = d.frequencies[tr.first_freq + f];
      for (std::int32_t start = fr.start; start < fr.end; start += fr.headway) inst.push_back(instance{t, start - base, ++k});
    }
  }

  // ---- group by GTFS route + stop pattern (stop + pickup/drop-off flags)
  std::unordered_map<std::vector<std::uint64_t>, std::uint32_t, vec_hash> pattern_ix;
  std::vector<std::vector<std::uint32_t>> pattern_inst;
  std::vector<std::uint64_t> key;
  for (std::uint32_t i = 0; i < inst.size(); ++i) {
    auto const& tr = d.trips[inst[i].trip];
    key.clear();
    key.push_back(tr.line);  // one RAPTOR route never mixes GTFS routes, so route_line_ is exact
    for (std::uint32_t k = 0; k < tr.n_st; ++k) {
      auto const& st = d.stop_times[tr.first_st + k];
      key.push_back(std::uint64_t{st.stop} << 8 | st.flags);
    }
    auto [it, fresh] = pattern_ix.emplace(key, static_cast<std::uint32_t>(pattern_inst.size()));
    if (fresh) pattern_inst.emplace_back();
    pattern_inst[it->second].push_back(i);
  }

  auto const time_at = [&](instance const& in, std::uint32_t k) {
    auto const& st = d.stop_times[d.trips[in.trip].first_st + k];
    return stop_time{st.arr + in.shift, st.dep + in.shift};
  };

  // ---- split each pattern into routes whose trips never overtake; emit route-first blocks
  std::vector<std::uint32_t> instance_of;  // timetable trip -> GTFS trip (d.trips index)
  instance_of.reserve(inst.size());
  tt.route_stops_offsets_.push_back(0);
  tt.route_trips_offsets_.push_back(0);
  tt.route_times_offsets_.push_back(0);
  for (auto& members : pattern_inst) {
    auto const& first_trip = d.trips[inst[members.front()].trip];
    auto const n_stops = first_trip.n_st;
    std::sort(members.begin(), members.end(), [&](std::uint32_t a, std::uint32_t b) {
      for (std::uint32_t k = 0; k < n_stops; ++k) {
        auto const ta = time_at(inst[a], k), tb = time_at(inst[b], k);
        if (ta.dep != tb.dep) return ta.dep < tb.dep;
        if (ta.arr != tb.arr) return ta.arr < tb.arr;
      }
      return a < b;
    });
    std::vector<std::vector<std::uint32_t>> routes;
    for (auto const m : members) {
      bool placed = false;
      for (auto& r : routes) {
        auto const prev = r.back();
        bool fifo = true;
        for (std::uint32_t k = 0; k < n_stops && fifo; ++k) {
          auto const a = time_at(inst[prev], k), b = time_at(inst[m], k);
          fifo = a.arr <= b.arr && a.dep <= b.dep;
        }
        if (fifo) {
          r.push_back(m);
          placed = true;
          break;
        }
      }
      if (!placed) routes.push_back({m});
    }
    for (auto const& r : routes) {
      for (std::uint32_t k = 0; k < n_stops; ++k) {
        auto const& st = d.stop_times[first_trip.first_st + k];
        tt.route_stops_.push_back(st.stop);
        tt.route_stop_flags_.push_back(st.flags);
      }
      tt.route_stops_offsets_.push_back(static_cast<std::uint32_t>(tt.route_stops_.size()));
      for (auto const m : r) {
        auto const& in = inst[m];
        auto const& tr = d.trips[in.trip];
        auto const trip_ix = static_cast<std::uint32_t>(tt.trip_service_.size());
        tt.trip_service_.push_back(service_bitset[tr.service]);
        if (in.k == 0) push(tt.trip_ids_, tr.id);
        else push(tt.trip_ids_, tr.id + "#" + std::to_string(in.k));
        tt.route_trips_.push_back(trip_ix);
        tt.trip_line_.push_back(tr.line);
        tt.trip_headsign_.push_back(tr.headsign);
        tt.trip_short_name_.push_back(tr.short_name);
        tt.trip_attributes_.push_back(tr.attr);
        instance_of.push_back(in.trip);
        for (std::uint32_t k = 0; k < n_stops; ++k) tt.stop_times_.push_back(time_at(in, k));
      }
      tt.route_trips_offsets_.push_back(static_cast<std::uint32_t>(tt.route_trips_.size()));
      tt.route_times_offsets_.push_back(static_cast<std::uint32_t>(tt.stop_times_.size()));
      tt.route_line_.push_back(first_trip.line);
    }
  }

  // ---- stops
  auto const n_stops = d.stop_ids.size();
  tt.stop_latlon_ = d.stop_pos;
  tt.stop_location_type_ = d.stop_location_type;
  tt.stop_parent_ = d.stop_parent;
  for (auto const& s : d.stop_ids) push(tt.stop_ids_, s);
  for (auto const& s : d.stop_names) push(tt.stop_names_, s);
  tt.stop_wheelchair_ = d.stop_wheelchair;
  tt.stop_platform_ = d.stop_platform;

  // ---- texts and translations (trip headsigns copied to every expanded instance; a later row wins)
  for (auto const& t : d.texts.texts) push(tt.texts_, t);
  for (auto const& l : d.languages) push(tt.languages_, l);
  {
    std::vector<std::uint32_t> trip_first(d.trips.size() + 1, 0);  // CSR GTFS trip -> timetable trips
    for (auto const g : instance_of) ++trip_first[g + 1];
    std::partial_sum(trip_first.begin(), trip_first.end(), trip_first.begin());
    std::vector<std::uint32_t> inst_of_trip(instance_of.size());
    auto fill_at = trip_first;
    for (std::uint32_t t = 0; t < instance_of.size(); ++t) inst_of_trip[fill_at[instance_of[t]]++] = t;
    std::vector<std::pair<translation, std::uint32_t>> all;  // (record, row order)
    all.reserve(d.translations.size());
    for (std::uint32_t i = 0; i < d.translations.size(); ++i) {
      auto const& x = d.translations[i];
      auto const rec = [&](std::uint32_t entity) {
        return translation{entity, static_cast<std::uint16_t>(x.lang), x.field, 0, x.text};
      };
      if (x.field != text_field::trip_headsign) {
        all.emplace_back(rec(x.entity), i);
        continue;
      }
      for (auto k = trip_first[x.entity]; k < trip_first[x.entity + 1]; ++k) all.emplace_back(rec(inst_of_trip[k]), i);
    }
    auto const tkey = [](translation const& t) { return std::tuple{t.field, t.entity, t.lang}; };
    std::sort(all.begin(), all.end(), [&](auto const& a, auto const& b) {
      return tkey(a.first) != tkey(b.first) ? tkey(a.first) < tkey(b.first) : a.second < b.second;
    });
    for (std::size_t i = 0; i < all.size(); ++i)
      if (i + 1 == all.size() || tkey(all[i + 1].first) != tkey(all[i].first)) tt.translations_.push_back(all[i].first);
  }

  // ---- stop -> routes (CSR, routes ascending, each route once per stop)
  std::vector<std::uint32_t> count(n_stops + 1, 0);
  auto const n_routes = tt.route_line_.size();
  std::vector<std::uint32_t> seen(n_stops, kNone);
  for (std::uint32_t r = 0; r < n_routes; ++r)
    for (auto i = tt.route_stops_offsets_[r]; i < tt.route_stops_offsets_[r + 1]; ++i) {
      auto const s = tt.route_stops_[i];
      if (seen[s] != r) {
        seen[s] = r;
        ++count[s + 1];
      }
    }
  std::partial_sum(count.begin(), count.end(), count.begin());
  tt.stop_routes_offsets_ = count;
  tt.stop_routes_.resize(count.back());
  std::fill(seen.begin(), seen.end(), kNone);
  auto fill = count;
  for (std::uint32_t r = 0; r < n_routes; ++r)
    for (auto i = tt.route_stops_offsets_[r]; i < tt.route_stops_offsets_[r + 1]; ++i) {
      auto const s = tt.route_stops_[i];
      if (seen[s] != r) {
        seen[s] = r;
        tt.stop_routes_[fill[s]++] = r;
      }
    }

  // ---- transfers, lines, agencies, feeds
  tt.transfers_ = d.transfers;
  std::stable_sort(tt.transfers_.begin(), tt.transfers_.end(),
                   [](transfer const& a, transfer const& b) { return a.from < b.from; });
  for (std::size_t l = 0; l < d.lines.size(); ++l) {
    push(tt.line_ids_, d.line_ids[l]);
    push(tt.line_short_names_, d.line_short_names[l]);
    push(tt.line_long_names_, d.line_long_names[l]);
  }
  tt.line_info_ = d.lines;
  for (std::size_t a = 0; a < d.agency_ids.size(); ++a) {
    push(tt.agency_ids_, d.agency_ids[a]);
    push(tt.agency_names_, d.agency_names[a]);
    push(tt.agency_timezones_, d.agency_timezones[a]);
  }
  for (auto const& p : d.feed_prefixes) push(tt.feed_prefixes_, p);
  tt.agency_feed_ = d.agency_feed;

  // ---- fares
  auto const& f = d.fares;
  for (auto const& x : f.fare_ids) push(tt.fare_ids_, x);
  tt.fare_attributes_ = f.fare_attributes;
  tt.fare_rules_ = f.fare_rules;
  for (auto const& x : f.zone_ids) push(tt.zone_ids_, x);
  tt.stop_zone_ = f.stop_zone;
  for (auto const& x : f.rider_category_ids) push(tt.rider_category_ids_, x);
  for (auto const& x : f.rider_category_names) push(tt.rider_category_names_, x);
  tt.rider_category_default_ = f.rider_category_default;
  for (auto const& x : f.fare_media_ids) push(tt.fare_media_ids_, x);
  for (auto const& x : f.fare_media_names) push(tt.fare_media_names_, x);
  tt.fare_media_type_ = f.fare_media_type;
  for (auto const& x : f.fare_product_ids) push(tt.fare_product_ids_, x);
  for (auto const& x : f.fare_product_names) push(tt.fare_product_names_, x);
  tt.fare_product_rows_ = f.fare_product_rows;
  for (auto const& x : f.area_ids) push(tt.area_ids_, x);
  for (auto const& x : f.area_names) push(tt.area_names_, x);
  if (!f.stop_areas.empty()) {
    auto pairs = f.stop_areas;
    std::sort(pairs.begin(), pairs.end());
    tt.stop_areas_offsets_.assign(n_stops + 1, 0);
    for (auto const& [s, a] : pairs) ++tt.stop_areas_offsets_[s + 1];
    std::partial_sum(tt.stop_areas_offsets_.begin(), tt.stop_areas_offsets_.end(), tt.stop_areas_offsets_.begin());
    for (auto const& [s, a] : pairs) tt.stop_areas_.push_back(a);
  }
  for (auto const& x : f.network_ids) push(tt.network_ids_, x);
  for (auto const& x : f.network_names) push(tt.network_names_, x);
  tt.line_network_ = f.line_network;
  for (auto const& x : f.timeframe_group_ids) push(tt.timeframe_group_ids_, x);
  for (auto const& x : f.timeframes) tt.timeframes_.push_back(timeframe{x.group, x.start, x.end, service_bitset[x.service]});
  for (auto const& x : f.leg_group_ids) push(tt.leg_group_ids_, x);
  tt.fare_leg_rules_ = f.leg_rules;
  tt.fare_transfer_rules_ = f.transfer_rules;
  tt.leg_rules_have_priority_ = f.leg_rules_have_priority ? 1 : 0;
  push(tt.timezone_, d.timezone);
  // Empty string tables still carry their leading 0 offset.
  for (auto* t : {&tt.stop_ids_, &tt.stop_names_, &tt.languages_, &tt.texts_, &tt.trip_ids_, &tt.line_ids_,
                  &tt.line_short_names_, &tt.line_long_names_, &tt.agency_ids_, &tt.agency_names_,
                  &tt.agency_timezones_, &tt.feed_prefixes_})
    if (t->offsets.empty()) t->offsets.push_back(0);
  if (tt.route_stops_offsets_.empty()) tt.route_stops_offsets_.push_back(0);
  // Unusable feed: nothing routable survived validation.
  if (tt.n_stops() == 0 || tt.n_trips() == 0)
    return make_error(errc::invalid_format,
                      "feed is unusable: " + std::string(tt.n_stops() == 0 ? "no stop" : "no trip with two or more "
                                                                                          "timed stops") +
                          " survived validation (" + std::to_string(feed.report.count(severity::error)) +
                          " errors; run `kwartier gtfs validate`)" + first_error(feed.report));
  return tt;
}

}  // namespace kwartier::transit
