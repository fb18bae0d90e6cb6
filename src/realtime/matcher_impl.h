// Internal: the id indexes of realtime::matcher (matcher.cc builds them, apply.cc reads them).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"
#include "kwartier/transit/local_time.h"

namespace kwartier::realtime {

constexpr std::uint32_t kNone = 0xFFFFFFFFU;

struct matcher::impl {
  network::network net;
  transit::timetable_view const* tt = nullptr;
  // Views into the mapped timetable's id strings (alive as long as `net`).
  std::unordered_map<std::string_view, std::uint32_t> trip_by_id;
  // Frequency expansion: base id "T" -> its instances "T#1", "T#2", ... (trip indices).
  std::unordered_map<std::string_view, std::vector<std::uint32_t>> freq_instances;
  std::unordered_map<std::string_view, std::uint32_t> stop_by_id;
  std::vector<std::uint32_t> trip_route;  // RAPTOR route of each trip (kNone: in none)
  std::vector<std::uint32_t> trip_pos;    // its position in route_trips(route)
  std::vector<std::uint32_t> station;     // per stop: its parent station, or itself
  std::optional<transit::time_zone> tz;   // the timetable's zone (absolute times); UTC when none
};

}  // namespace kwartier::realtime
