// Many-to-many travel-time matrices: origins x destinations as coordinates, walk, bike or walk (bike) +
// transit, at one departure time or over a departure window summarised by a percentile.
//
//   routing::matrix_request r;
//   r.mode = routing::travel_mode::transit;
//   r.date = transit::parse_date("2016-11-15").value(); r.time = 8 * 3600;   // local date and time
//   KW_TRY(auto m, routing::matrix(net, origins, destinations, r));
//   m.at(i, j)                                // seconds, routing::kUnreachable when not reached
//   auto mins = m.minutes();                  // uint16 minutes, routing::kUnreachableMinutes when not reached
//
// Walk / bike: door-to-door street times exactly as routing::street_to / routing::direct give them (the
// coordinate's connector, the street in the mode, the target's connector, rounded once). With the network's
// contraction hierarchy of that mode (optional group GCh_, written by `network build`; routing/ch.h) the
// matrix runs the bucket-based many-to-many algorithm (Knopp et al. 2007): one upward search per
// destination filling buckets, one upward search per origin reading them. Without one (older files,
// step-free queries) it runs one bounded street search per origin.
//
// Walk + transit (mode transit): per origin one access search and one RAPTOR one-to-all from the access
// stops; per destination its egress stops, computed once. Travel time = earliest arrival at the destination
// - departure: min over egress stops s of (arrival at s by a ride, or by access alone) + egress(s), or the
// direct walk (bike) when it is within max_access_seconds -- the same answer as raptor() with those access
// and egress offsets as sources and targets (tested). With window_seconds > 0 the departures are
// time, time + window_step, ... < time + window_seconds (range RAPTOR, latest first) and each cell is the
// requested percentile of the travel times over the departures (routing::summarize's rule: not
// interpolated, kUnreachable counts as longest, so a cell is unreachable when more than 100 - p percent of
// the departures cannot reach it).
//
// Units: int32 seconds (kUnreachable = INT32_MAX); minutes() rounds to the nearest minute (halves up) into
// uint16 with kUnreachableMinutes = 65535. Nothing longer than max_seconds is reported.
//
// Threads: origins are split over `threads` workers, each with its own query_state; the network is shared
// read-only. The result does not depend on the number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/types.h"

namespace kwartier::routing {

constexpr std::uint16_t kUnreachableMinutes = 65535;

struct matrix_request {
  travel_mode mode = travel_mode::walk;           // walk, bike, or transit
  street::mode access_mode = street::mode::walk;  // transit: walk or bike to and from the stops
  seconds_t max_seconds = 7200;  // nothing longer than this (walk / bike: the street budget; transit: the
                                 // whole journey)
  double max_snap_m = 200.0;     // a coordinate farther than this from a street of the mode: too_far
  bool skip_unsnapped = false;   // ... or, when set, its row (column) is unreachable instead
  bool step_free = false;        // walk: avoid steps, wheelchair=no, raised kerbs (no CH: plain searches)
  // Transit only.
  std::int32_t date = 0;              // local date: days since 1970-01-01 (transit::parse_date)
  seconds_t time = 8 * 3600;          // local departure time, seconds since midnight, [0, 86400)
  seconds_t window_seconds = 0;       // > 0: departures over [time, time + window_seconds) ...
  seconds_t window_step = 60;         // ... one every window_step seconds
  double percentile = 50.0;           // the window's summary, in (0, 100]
  seconds_t max_access_seconds = 900; // access and egress (and direct) walk (bike) budget, each
  std::uint32_t max_transfers = 8;    // 0 .. 255
  seconds_t min_change_seconds = 0;   // same-stop change without a transfers.txt entry
  // Execution.
  unsigned threads = 0;                       // 0: std::thread::hardware_concurrency()
  std::uint64_t max_bytes = 1ULL << 30;       // refuse requests whose result and scratch would exceed this
  bool use_ch = true;                         // walk / bike: use the contraction hierarchy when the file has it
  // Progress (stage "matrix", fraction of the origins done), called from worker threads, one call at a
  // time. May be empty.
  std::function<void(std::string_view, double)> progress;
};

struct travel_time_matrix {
  std::size_t n_origins = 0;
  std::size_t n_destinations = 0;
  std::vector<seconds_t> seconds;  // row-major [origin][destination]
  bool used_ch = false;            // walk / bike answered by the contraction hierarchy
  std::size_t departures = 1;      // transit: departures summarised per cell

  seconds_t at(std::size_t o, std::size_t d) const { return seconds[o * n_destinations + d]; }
  std::span<seconds_t const> row(std::size_t o) const { return {seconds.data() + o * n_destinations, n_destinations}; }
  // Nearest minute (halves up); kUnreachableMinutes where unreachable.
  std::vector<std::uint16_t> minutes() const;
};

// Seconds -> uint16 minutes (nearest, halves up); kUnreachable -> kUnreachableMinutes.
constexpr std::uint16_t to_minutes(seconds_t s) {
  if (s == kUnreachable || s < 0) return kUnreachableMinutes;
  auto const m = (static_cast<std::int64_t>(s) + 30) / 60;
  return m >= kUnreachableMinutes ? static_cast<std::uint16_t>(kUnreachableMinutes - 1) : static_cast<std::uint16_t>(m);
}

// Bytes a request of this size would hold at its peak (result, snapped places, egress lists, per-thread
// scratch); the number matrix() compares with max_bytes.
std::uint64_t matrix_bytes(network::network const& net, std::size_t n_origins, std::size_t n_destinations,
                           matrix_request const& r);

// Errors: invalid_argument (no origins or no destinations, budgets <= 0, a percentile outside (0, 100],
// window_step <= 0, more than 10,000 departures, max_transfers over 255, an unknown mode), out_of_range (a
// coordinate outside [-90, 90] x [-180, 180] or NaN, naming "origins[i]" / "destinations[j]"; a time
// outside the day; a date outside the timetable's service dates), too_far (a coordinate farther than
// max_snap_m from a street, naming it, unless skip_unsnapped), limit_exceeded (matrix_bytes over max_bytes:
// the message gives both), unsupported (transit on a network without GTFS; step-free on a file without
// accessibility flags).
result<travel_time_matrix> matrix(network::network const& net, std::span<geo::latlng const> origins,
                                  std::span<geo::latlng const> destinations, matrix_request const& r);

}  // namespace kwartier::routing
