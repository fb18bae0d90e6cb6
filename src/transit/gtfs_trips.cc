// trips.txt, stop_times.txt (ordered by stop_sequence, times checked and interpolated), frequencies.txt
// (with the total expansion cap), transfers.txt.
#include <algorithm>
#include <cmath>
#include <limits>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

void loader::load_trips() {
  enum { route, service, id, headsign, short_name, direction, wheelchair, bikes };
  static constexpr column kCols[] = {
      {"route_id", need::required}, {"service_id", need::required}, {"trip_id", need::required},
      {"trip_headsign"},            {"trip_short_name"},            {"direction_id"},
      {"wheelchair_accessible"},    {"bikes_allowed"},              {"block_id", need::known},
      {"shape_id", need::known},    {"cars_allowed", need::known}};
  auto t = open_table("trips.txt", true, kCols);
  if (!t) return;
  while (t->next()) {
    auto const tid = t->id(id, trip_map);
    if (!tid) continue;
    auto const line = t->ref(route, route_map, "dangling_route_id", "routes.txt");
    auto const sv = t->ref(service, service_map, "dangling_service_id", "calendar.txt or calendar_dates.txt");
    if (line == kNone || sv == kNone) {
      skipped.add(text_field::trip_headsign, *tid, t->text(headsign));
      continue;
    }
    trip_map.emplace(std::string{*tid}, static_cast<std::uint32_t>(d.trips.size()));
    gtfs_trip tr;
    tr.id = ns(*tid);
    tr.line = line;
    tr.service = sv;
    tr.headsign = d.texts.intern(t->text(headsign));
    tr.short_name = d.texts.intern(t->text(short_name));
    if (auto const dir = t->text(direction); dir == "0" || dir == "1")
      tr.attr.direction = static_cast<std::uint8_t>(dir[0] - '0');
    else if (!dir.empty())
      t->problem(severity::warning, "invalid_value", "direction_id",
                 "direction_id '" + std::string{dir} + "' is not 0 or 1; read as empty");
    tr.attr.wheelchair = t->accessibility_code(wheelchair);
    tr.attr.bikes = t->accessibility_code(bikes);
    d.trips.push_back(std::move(tr));
    trip_line.push_back(t->line());
    ++counts.trips;
  }
  t->finish();
}

void loader::load_stop_times() {
  enum { c_trip, c_arr, c_dep, c_stop, c_seq, c_pickup, c_drop };
  static constexpr column kCols[] = {
      {"trip_id", need::required},        {"arrival_time", need::required},
      {"departure_time", need::required}, {"stop_id", need::required},
      {"stop_sequence", need::required},  {"pickup_type"},
      {"drop_off_type"},                  {"stop_headsign", need::known},
      {"shape_dist_traveled", need::known}, {"timepoint", need::known},
      {"continuous_pickup", need::known}, {"continuous_drop_off", need::known},
      {"location_group_id", need::known}, {"location_id", need::known},
      {"start_pickup_drop_off_window", need::known}, {"end_pickup_drop_off_window", need::known},
      {"pickup_booking_rule_id", need::known}, {"drop_off_booking_rule_id", need::known}};
  auto t = open_table("stop_times.txt", true, kCols);
  if (!t) return;

  struct row {
    std::uint32_t trip, stop, seq, line;
    std::int32_t arr, dep;  // -1: empty
    std::uint8_t flags;
  };
  std::vector<row> rows;
  rows.reserve(t->size_hint() / 40);
  std::string last_trip_id;
  std::uint32_t last_trip = kNone;
  while (t->next()) {
    auto const tid = t->text(c_trip);
    std::uint32_t trip;
    if (last_trip != kNone && tid == last_trip_id) {
      trip = last_trip;
    } else {
      trip = find(trip_map, tid);
      if (trip != kNone) {
        last_trip_id.assign(tid);
        last_trip = trip;
      }
    }
    auto const sid = t->text(c_stop);
    auto const stop = find(stop_map, sid);
    bool skip = false;
    if (trip == kNone) {
      t->problem(severity::error, "dangling_trip_id", "trip_id",
                 "trip_id '" + std::string{tid} + "' is not in trips.txt; row skipped");
      skip = true;
    }
    if (stop == kNone) {
      t->problem(severity::error, "dangling_stop_id", "stop_id",
                 "stop_id '" + std::string{sid} + "' is not in stops.txt; row skipped");
      skip = true;
    }
    std::int64_t seq = 0;
    auto const ps = t->integer(c_seq, seq);
    if (ps != parsed::ok) {
      t->problem(severity::error, ps == parsed::empty ? "missing_required_field" : "invalid_value", "stop_sequence",
                 "stop_sequence '" + std::string{t->raw(c_seq)} + "' is not an integer; row skipped");
      skip = true;
    } else if (seq < 0) {
      t->problem(severity::error, "negative_stop_sequence", "stop_sequence",
                 "stop_sequence " + std::to_string(seq) + " is negative; row skipped");
      skip = true;
    } else if (seq > std::numeric_limits<std::int32_t>::max()) {
      t->problem(severity::error, "invalid_value", "stop_sequence", "stop_sequence too large; row skipped");
      skip = true;
    }
    if (skip) continue;
    std::int32_t arr = -1, dep = -1;
    auto const pa = parse_time(t->raw(c_arr), arr);
    if (pa == parsed::bad) {
      t->problem(severity::error, "invalid_time", "arrival_time",
                 "arrival_time '" + std::string{t->raw(c_arr)} + "' is not H:MM:SS; treated as empty");
      arr = -1;
    }
    auto const pd = parse_time(t->raw(c_dep), dep);
    if (pd == parsed::bad) {
      t->problem(severity::error, "invalid_time", "departure_time",
                 "departure_time '" + std::string{t->raw(c_dep)} + "' is not H:MM:SS; treated as empty");
      dep = -1;
    }
    if (pa == parsed::empty && pd == parsed::ok) {
      t->problem(severity::error, "missing_required_field", "arrival_time",
                 "departure_time is given but arrival_time is empty; arrival set to departure");
      arr = dep;
    }
    if (pd == parsed::empty && pa == parsed::ok) {
      t->problem(severity::error, "missing_required_field", "departure_time",
                 "arrival_time is given but departure_time is empty; departure set to arrival");
      dep = arr;
    }
    if (pa == parsed::bad && pd == parsed::ok) arr = dep;
    if (pd == parsed::bad && pa == parsed::ok) dep = arr;
    if (arr >= 0 && dep < arr) {
      t->problem(severity::error, "times_backwards", "departure_time",
                 "departure_time is before arrival_time; departure set to arrival");
      dep = arr;
    }
    std::uint8_t flags = 0;
    auto const pickup = t->text(c_pickup);
    auto const drop = t->text(c_drop);
    if (pickup == "1") flags |= kNoPickup;
    else if (!pickup.empty() && pickup != "0" && pickup != "2" && pickup != "3")
      t->problem(severity::warning, "invalid_value", "pickup_type", "pickup_type '" + std::string{pickup} + "' read as 0");
    if (drop == "1") flags |= kNoDropOff;
    else if (!drop.empty() && drop != "0" && drop != "2" && drop != "3")
      t->problem(severity::warning, "invalid_value", "drop_off_type", "drop_off_type '" + std::string{drop} + "' read as 0");
    rows.push_back(row{trip, stop, static_cast<std::uint32_t>(seq), t->line(), arr, dep, flags});
    ++counts.stop_times;
  }
  t->finish();

  // Group per trip in stop_sequence order (stable: rows of a trip usually arrive in order already).
  // Group by trip with a counting sort (stable, O(n)), then order each trip's rows by stop_sequence (they
  // usually are already).
  {
    std::vector<std::uint32_t> start(d.trips.size() + 1, 0);
    for (auto const& r : rows) ++start[r.trip + 1];
    for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    std::vector<row> grouped(rows.size());
    for (auto const& r : rows) grouped[start[r.trip]++] = r;
    rows.swap(grouped);
    auto const by_seq = [](row const& a, row const& b) { return a.seq < b.seq; };
    for (std::size_t b = 0; b < rows.size();) {
      std::size_t e = b;
      while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
      if (!std::is_sorted(rows.begin() + static_cast<std::ptrdiff_t>(b), rows.begin() + static_cast<std::ptrdiff_t>(e), by_seq))
        std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(b), rows.begin() + static_cast<std::ptrdiff_t>(e), by_seq);
      b = e;
    }
  }
  auto const problem = [&](row const& r, std::string code, std::string_view field, std::string msg) {
    t->problem_at(severity::error, std::move(code), r.line, field, std::move(msg));
  };
  std::vector<row> kept;
  for (std::size_t b = 0; b < rows.size();) {
    std::size_t e = b;
    while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
    kept.clear();
    for (std::size_t i = b; i < e; ++i) {
      if (!kept.empty() && rows[i].seq == kept.back().seq) {
        problem(rows[i], "duplicate_stop_sequence", "stop_sequence",
                "trip '" + d.trips[rows[i].trip].id + "' already has stop_sequence " + std::to_string(rows[i].seq) +
                    "; row skipped");
        continue;
      }
      kept.push_back(rows[i]);
    }
    auto& trip = d.trips[rows[b].trip];
    // Times must not go backwards: a row earlier than the previous departure is skipped.
    {
      std::vector<row> mono;
      mono.reserve(kept.size());
      std::int32_t last = -1;
      for (auto const& r : kept) {
        if (r.arr >= 0) {
          if (r.arr < last) {
            problem(r, "times_backwards", "arrival_time",
                    "arrival_time is before the previous departure of trip '" + trip.id + "'; row skipped");
            continue;
          }
          last = r.dep;
        }
        mono.push_back(r);
      }
      kept.swap(mono);
    }
    // Endpoints need times (checked after dropping rows that go backwards): untimed leading/trailing rows are dropped.
    while (!kept.empty() && kept.front().arr < 0) {
      problem(kept.front(), "missing_endpoint_time", "arrival_time",
              "first stop of trip '" + trip.id + "' has no time; row skipped");
      kept.erase(kept.begin());
    }
    while (!kept.empty() && kept.back().arr < 0) {
      problem(kept.back(), "missing_endpoint_time", "arrival_time",
              "last stop of trip '" + trip.id + "' has no time; row skipped");
      kept.pop_back();
    }
    // Interpolate empty intermediate times linearly by stop position between the timed neighbours.
    for (std::size_t i = 0; i < kept.size();) {
      if (kept[i].arr >= 0) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < kept.size() && kept[j].arr < 0) ++j;
      if (j == kept.size() || i == 0) break;  // cannot happen: both endpoints are timed
      auto const t0 = kept[i - 1].dep;
      auto const t1 = kept[j].arr;
      auto const span = static_cast<double>(j - (i - 1));
      for (std::size_t k = i; k < j; ++k) {
        auto const v = t0 + static_cast<std::int32_t>(std::lround((t1 - t0) * static_cast<double>(k - (i - 1)) / span));
        kept[k].arr = kept[k].dep = v;
      }
      i = j;
    }
    trip.first_st = static_cast<std::uint32_t>(d.stop_times.size());
    trip.n_st = static_cast<std::uint32_t>(kept.size());
    for (auto const& r : kept) d.stop_times.push_back(gtfs_stop_time{r.stop, r.arr, r.dep, r.flags});
    b = e;
  }
}

void loader::load_frequencies() {
  enum { c_trip, c_start, c_end, c_head };
  static constexpr column kCols[] = {{"trip_id", need::required},
                                     {"start_time", need::required},
                                     {"end_time", need::required},
                                     {"headway_secs", need::required},
                                     {"exact_times", need::known}};
  auto t = open_table("frequencies.txt", false, kCols);
  if (!t) return;
  struct row {
    std::uint32_t trip;
    gtfs_frequency f;
  };
  std::vector<row> rows;
  while (t->next()) {
    auto const trip = t->ref(c_trip, trip_map, "dangling_trip_id", "trips.txt");
    if (trip == kNone) continue;
    gtfs_frequency f{};
    if (parse_time(t->raw(c_start), f.start) != parsed::ok) {
      t->problem(severity::error, "invalid_time", "start_time",
                 "start_time '" + std::string{t->raw(c_start)} + "' is not H:MM:SS; row skipped");
      continue;
    }
    if (parse_time(t->raw(c_end), f.end) != parsed::ok) {
      t->problem(severity::error, "invalid_time", "end_time",
                 "end_time '" + std::string{t->raw(c_end)} + "' is not H:MM:SS; row skipped");
      continue;
    }
    std::int64_t h = 0;
    if (t->integer(c_head, h) != parsed::ok || h <= 0 || h > 86400) {
      t->problem(severity::error, "invalid_value", "headway_secs",
                 "headway_secs '" + std::string{t->raw(c_head)} + "' is not a positive number; row skipped");
      continue;
    }
    if (f.end <= f.start) {
      t->problem(severity::error, "invalid_value", "end_time", "end_time is not after start_time; row skipped");
      continue;
    }
    f.headway = static_cast<std::int32_t>(h);
    if ((f.end - f.start) / f.headway > kMaxFrequencyTrips) {
      t->problem(severity::error, "invalid_value", "headway_secs",
                 "window would expand into more than " + std::to_string(kMaxFrequencyTrips) + " trips; row skipped");
      continue;
    }
    // Count what build_timetable will expand (one trip per headway from start_time while < end_time, only
    // for trips that kept two or more stop times) against the total cap.
    if (d.trips[trip].n_st >= 2) {
      frequency_trips += static_cast<std::uint64_t>((f.end - f.start + f.headway - 1) / f.headway);
      if (frequency_trips > opt.max_frequency_trips) {
        limit = error{errc::limit_exceeded,
                      "frequencies expand into more than " + std::to_string(opt.max_frequency_trips) +
                          " trips (load_options::max_frequency_trips)",
                      t->file(), t->line(), "headway_secs"};
        return;
      }
      if (!frequency_warned && frequency_trips * 2 > opt.max_frequency_trips) {
        frequency_warned = true;
        t->problem(severity::warning, "frequency_trips_high", "headway_secs",
                   "frequencies expand into " + std::to_string(frequency_trips) + " trips so far, over half of the cap of " +
                       std::to_string(opt.max_frequency_trips) + " (load_options::max_frequency_trips)");
      }
    }
    rows.push_back(row{trip, f});
    ++counts.frequencies;
  }
  t->finish();
  std::stable_sort(rows.begin(), rows.end(), [](row const& a, row const& b) { return a.trip < b.trip; });
  for (std::size_t b = 0; b < rows.size();) {
    std::size_t e = b;
    while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
    auto& trip = d.trips[rows[b].trip];
    trip.first_freq = static_cast<std::uint32_t>(d.frequencies.size());
    trip.n_freq = static_cast<std::uint32_t>(e - b);
    for (std::size_t i = b; i < e; ++i) d.frequencies.push_back(rows[i].f);
    b = e;
  }
}

void loader::load_transfers() {
  enum { c_from, c_to, c_type, c_min };
  static constexpr column kCols[] = {{"from_stop_id"},
                                     {"to_stop_id"},
                                     {"transfer_type", need::required},
                                     {"min_transfer_time"},
                                     {"from_route_id", need::known},
                                     {"to_route_id", need::known},
                                     {"from_trip_id", need::known},
                                     {"to_trip_id", need::known}};
  auto t = open_table("transfers.txt", false, kCols);
  if (!t) return;
  while (t->next()) {
    std::int64_t type = 0;
    auto const pt = t->integer(c_type, type);
    if (pt == parsed::bad || type < 0 || type > 5) {
      t->problem(severity::error, "invalid_value", "transfer_type",
                 "transfer_type '" + std::string{t->raw(c_type)} + "' is not 0..5; row skipped");
      continue;
    }
    auto const fid = t->text(c_from);
    auto const tid = t->text(c_to);
    if (fid.empty() || tid.empty()) {  // trip/route-to-trip transfers without stops: not used for routing
      t->problem(severity::info, "transfer_without_stops", fid.empty() ? "from_stop_id" : "to_stop_id",
                 "transfer without from/to stop is not used; row ignored");
      continue;
    }
    auto const from = find(stop_map, fid);
    auto const to = find(stop_map, tid);
    if (from == kNone || to == kNone) {
      t->problem(severity::error, "dangling_stop_id", from == kNone ? "from_stop_id" : "to_stop_id",
                 "stop_id '" + std::string{from == kNone ? fid : tid} + "' is not in stops.txt; row skipped");
      continue;
    }
    std::int64_t min = 0;
    auto const pm = t->integer(c_min, min);
    if (pm == parsed::bad || min < 0 || min > 86400) {
      t->problem(severity::error, "invalid_value", "min_transfer_time",
                 "min_transfer_time '" + std::string{t->raw(c_min)} + "' is not a duration; read as 0");
      min = 0;
    }
    if (type == 2 && pm == parsed::empty)
      t->problem(severity::warning, "missing_required_field", "min_transfer_time",
                 "transfer_type 2 needs min_transfer_time; read as 0");
    d.transfers.push_back(transfer{stop_idx_t{from}, stop_idx_t{to}, static_cast<std::int32_t>(min),
                                   static_cast<transfer_type>(type)});
    ++counts.transfers;
  }
  t->finish();
}

}  // namespace kwartier::transit::gtfs
