// stops.txt: stops, stations, entrances; parents; wheelchair_boarding inheritance; platform codes; stops
// too close to each other; stops no trip uses.
#include <algorithm>
#include <cmath>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

void loader::load_stops() {
  enum { id, name, lat, lon, type, parent, wheelchair, platform, zone };
  static constexpr column kCols[] = {
      {"stop_id", need::required}, {"stop_name", need::expected}, {"stop_lat", need::together},
      {"stop_lon", need::together}, {"location_type"},            {"parent_station"},
      {"wheelchair_boarding"},      {"platform_code"},            {"zone_id"},
      {"stop_code", need::known},   {"stop_desc", need::known},   {"stop_url", need::known},
      {"stop_timezone", need::known}, {"level_id", need::known},  {"tts_stop_name", need::known},
      {"stop_access", need::known}};
  auto t = open_table("stops.txt", true, kCols);
  if (!t) return;
  struct pending_parent {
    std::uint32_t stop;
    std::string parent;
    std::uint32_t line;
  };
  std::vector<pending_parent> parents;
  while (t->next()) {
    auto const sid = t->id(id, stop_map);
    if (!sid) continue;
    std::int64_t lt = 0;
    auto const ltp = t->integer(type, lt);
    if (ltp == parsed::bad || (ltp == parsed::ok && (lt < 0 || lt > 4))) {
      t->problem(severity::error, "invalid_value", "location_type",
                 "location_type '" + std::string{t->raw(type)} + "' is not 0..4; read as 0");
      lt = 0;
    }
    double y = 0, x = 0;
    auto const plat = parse_double(t->raw(lat), y);
    auto const plon = parse_double(t->raw(lon), x);
    bool const needs_pos = lt <= 2;
    auto const skip_stop = [&] { skipped.add(text_field::stop_name, *sid, t->raw(name)); };
    if (plat == parsed::bad || (plat == parsed::ok && std::abs(y) > 90)) {
      skip_stop();
      t->problem(severity::error, "invalid_coordinate", "stop_lat",
                 "stop_lat '" + std::string{t->raw(lat)} + "' is not a latitude; row skipped");
      continue;
    }
    if (plon == parsed::bad || (plon == parsed::ok && std::abs(x) > 180)) {
      skip_stop();
      t->problem(severity::error, "invalid_coordinate", "stop_lon",
                 "stop_lon '" + std::string{t->raw(lon)} + "' is not a longitude; row skipped");
      continue;
    }
    if (needs_pos && (plat == parsed::empty || plon == parsed::empty)) {
      skip_stop();
      t->problem(severity::error, "missing_required_field", plat == parsed::empty ? "stop_lat" : "stop_lon",
                 "stop without coordinates; row skipped");
      continue;
    }
    auto const stop_name = t->raw(name);
    if (needs_pos && stop_name.empty())
      t->problem(severity::error, "missing_required_field", "stop_name", "stop_name is empty");
    auto const access = t->accessibility_code(wheelchair);
    auto const ix = static_cast<std::uint32_t>(d.stop_ids.size());
    stop_map.emplace(std::string{*sid}, ix);
    d.stop_ids.push_back(ns(*sid));
    d.stop_names.emplace_back(stop_name);
    d.stop_pos.push_back(latlon{y, x});
    d.stop_location_type.push_back(static_cast<std::uint8_t>(lt));
    d.stop_parent.push_back(kNone);
    d.stop_wheelchair.push_back(static_cast<std::uint8_t>(access));
    d.stop_platform.push_back(d.texts.intern(t->text(platform)));
    std::uint32_t z = kNoIndex;
    if (auto const zid = t->text(zone); !zid.empty()) {
      auto [it, fresh] = zone_map.try_emplace(std::string{zid}, static_cast<std::uint32_t>(d.fares.zone_ids.size()));
      if (fresh) d.fares.zone_ids.push_back(ns(zid));
      z = it->second;
    }
    d.fares.stop_zone.push_back(z);
    stop_line.push_back(t->line());
    if (auto const p = t->text(parent); !p.empty()) parents.push_back(pending_parent{ix, std::string{p}, t->line()});
    ++counts.stops;
  }
  for (auto const& p : parents) {
    auto const pa = find(stop_map, p.parent);
    if (pa == kNone) {
      t->problem_at(severity::error, "dangling_parent_station", p.line, "parent_station",
                    "parent_station '" + p.parent + "' is not a stop; ignored");
      continue;
    }
    if (pa == p.stop) {
      t->problem_at(severity::error, "invalid_value", p.line, "parent_station", "stop is its own parent; ignored");
      continue;
    }
    if (d.stop_location_type[pa] != static_cast<std::uint8_t>(location_type::station) && d.stop_location_type[p.stop] <= 1)
      t->problem_at(severity::warning, "parent_not_station", p.line, "parent_station",
                    "parent_station '" + p.parent + "' does not have location_type 1");
    d.stop_parent[p.stop] = pa;
  }
  // wheelchair_boarding 0 on a child stop, entrance or boarding area inherits the parent's value (GTFS);
  // up to three levels (boarding area -> platform -> station).
  for (int level = 0; level < 3; ++level)
    for (auto s = feed_first_stop; s < d.stop_ids.size(); ++s)
      if (d.stop_wheelchair[s] == 0 && d.stop_parent[s] != kNone) d.stop_wheelchair[s] = d.stop_wheelchair[d.stop_parent[s]];
  // Two boarding stops (not platforms of one station) closer than 2 m are almost surely one stop twice.
  {
    std::vector<std::uint32_t> order;
    for (auto s = feed_first_stop; s < d.stop_ids.size(); ++s)
      if (d.stop_location_type[s] == 0) order.push_back(s);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return d.stop_pos[a].lat < d.stop_pos[b].lat; });
    constexpr double kMeters = 2.0, kDegLat = 111'195.0;
    for (std::size_t i = 0; i < order.size(); ++i)
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        auto const a = order[i], b = order[j];
        auto const dlat = (d.stop_pos[b].lat - d.stop_pos[a].lat) * kDegLat;
        if (dlat > kMeters) break;
        auto const dlon = (d.stop_pos[b].lon - d.stop_pos[a].lon) * kDegLat * std::cos(d.stop_pos[a].lat * 0.017453292519943295);
        if (dlat * dlat + dlon * dlon > kMeters * kMeters) continue;
        if (d.stop_parent[a] != kNone && d.stop_parent[a] == d.stop_parent[b]) continue;
        auto const later = stop_line[a] > stop_line[b] ? a : b;
        auto const other = later == a ? b : a;
        t->problem_at(severity::warning, "stops_too_close", stop_line[later], "stop_lat",
                      "stop '" + d.stop_ids[later] + "' is within 2 m of stop '" + d.stop_ids[other] + "'");
      }
  }
  t->finish();
}

void loader::check_unused_stops() {
  std::vector<bool> used(d.stop_ids.size(), false);
  for (std::size_t tr = feed_first_trip; tr < d.trips.size(); ++tr)
    for (std::uint32_t k = 0; k < d.trips[tr].n_st; ++k) used[d.stop_times[d.trips[tr].first_st + k].stop] = true;
  for (std::size_t s = feed_first_stop; s < d.stop_ids.size(); ++s)
    if (d.stop_parent[s] != kNone) used[d.stop_parent[s]] = true;
  for (auto const& tr : d.transfers) used[tr.from.v()] = used[tr.to.v()] = true;
  for (std::size_t s = feed_first_stop; s < d.stop_ids.size(); ++s)
    if (!used[s] && d.stop_location_type[s] == 0)
      feed_problem(severity::warning, "unused_stop", "stops.txt", stop_line[s], "stop_id",
                   "stop '" + d.stop_ids[s] + "' is used by no trip");
}

}  // namespace kwartier::transit::gtfs
