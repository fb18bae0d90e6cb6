// A realtime view of a network: GTFS-realtime TripUpdates applied as an immutable overlay beside the mapped
// timetable (which never changes). Routing takes a view through raptor_options::realtime /
// route_request::realtime (docs/realtime.md).
//
//   auto m = realtime::matcher::build(net).value();                // once per network (id indexes)
//   KW_TRY(auto msg, realtime::load_feed("updates.pb"));
//   KW_TRY(auto v, realtime::apply(*m, msg));                      // shared_ptr<view const>
//   v->summary().trips_matched, v->summary().report.problems()      // what matched, what did not
//   routing::route_request r; r.realtime = v; routing::route(net, r, qs);
//
//   realtime::live rt{net};                                         // a network's current view, swapped
//   rt.update(msg);                                                 // atomically; readers never block
//   auto now = rt.current();                                        // a query keeps the view it took
//
// What a view holds, per trip instance (GTFS trip x service day) the feed names:
// - cancelled (TripDescriptor CANCELED or DELETED): the instance is excluded;
// - changed (a delay, an absolute time or a SKIPPED stop): the instance is excluded and a copy with the
//   realtime times runs instead, in a small extra route set (same [trip][stop] layout as the timetable, own
//   stop -> route index) that RAPTOR scans after the static routes. Copies of one static route on one day
//   with the same skipped stops form a route, split where one would overtake another (FIFO, as the timetable);
// - unchanged (the update matches the schedule): on time, nothing excluded.
//
// Times of a changed instance, stop by stop (positions of the static trip, updates sorted as the feed must):
// an event's absolute time wins over its delay; a missing arrival takes the departure's delay and a missing
// departure the arrival's; the last delay is propagated to the following stops until the next update
// (before the first update: the trip-level delay, else the schedule); NO_DATA resets it to the schedule; a
// SKIPPED stop keeps the propagated times but can be neither boarded nor alighted at. Times that would run
// backwards are raised to the previous time (counted in times_fixed). An event more than max_delay_seconds
// from the schedule is ignored and reported.
//
// Matching: trip ids exactly (with the feed prefix of a merged network); an id that names a frequency-based
// trip ("T" for the expanded "T#1", "T#2", ...) picks the instance whose first departure is start_time.
// The service day is start_date; without one it is inferred: among the days around the feed's time on which
// the trip runs, the one whose scheduled time at the first updated stop is closest to that update's absolute
// time (else the trip whose scheduled run is closest to the trip update's or the feed's timestamp). Stops by
// stop_id, at the next position of the trip that is that stop or another stop of the same station (a platform
// change); stop_sequence alone is not matched (the timetable keeps no stop_sequence) and is reported.
// Unknown trips and stops, trips not running on their day, unsupported trip relationships (ADDED, DUPLICATED,
// ...) are counted in the summary and reported (validation_report: file = the feed's source, line = the
// entity number, field = the protobuf field), never fatal. A feed none of whose trip updates matches a trip
// of the network (a FeedMessage for another feed) is an `error` problem (`no_trip_matched`).
//
// Errors of apply: unsupported for a DIFFERENTIAL feed or a network without a timetable.
//
// Thread rules: a view is immutable once made and shared by any number of threads (shared_ptr); a matcher
// too. live::current() never waits for an update being applied (the new view is built first, then swapped in).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/feed.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::realtime {

// How a ride runs: `scheduled` when there is no realtime data for it (no view, or no update for the trip).
enum class ride_status : std::uint8_t { scheduled = 0, on_time = 1, delayed = 2, early = 3, cancelled = 4 };
std::string_view ride_status_name(ride_status s);

struct apply_options {
  std::string feed_prefix;                  // the network's id namespace of the feed ("stib" -> "stib:<id>")
  std::int32_t on_time_seconds = 60;        // |delay| below this is on time
  std::int32_t max_delay_seconds = 12 * 3600;  // events farther from the schedule are ignored (reported)
};

// What matched and what did not (`kwartier realtime info`).
struct apply_summary {
  std::string source;
  std::uint64_t feed_timestamp = 0;
  std::size_t entities = 0, trip_updates = 0, vehicle_positions = 0, alerts = 0, deleted = 0;
  std::size_t trips_matched = 0;      // trip updates matched to a trip instance of the network
  std::size_t trips_unmatched = 0;    // no trip id, an unknown trip id, a bad start_date
  std::size_t trips_not_running = 0;  // a known trip that does not run on the (given or inferred) day
  std::size_t trips_unsupported = 0;  // ADDED, DUPLICATED, REPLACEMENT trips (not applied)
  std::size_t trips_duplicate = 0;    // a second update for the same trip instance (ignored)
  std::size_t trips_cancelled = 0;
  std::size_t trips_changed = 0;      // delayed, early or with skipped stops: a copy runs instead
  std::size_t trips_unchanged = 0;    // matched, times as scheduled
  std::size_t days_inferred = 0;      // trip updates without start_date whose day was inferred
  std::size_t stop_updates = 0, stops_matched = 0, stops_unmatched = 0, stops_skipped = 0, stops_no_data = 0;
  std::size_t events_ignored = 0;     // stop time events farther than max_delay_seconds from the schedule
  std::size_t times_fixed = 0;        // times raised so that a trip never runs backwards
  std::size_t routes = 0;             // routes of the extra route set
  std::vector<std::string> cancelled; // "trip_id YYYY-MM-DD" of every cancelled instance
  validation_report report;
};

class matcher;

// One trip instance the view changes or confirms.
struct instance {
  transit::trip_idx_t trip;
  std::int32_t day = 0;              // service day
  bool cancelled = false;
  std::uint32_t route = kNoRoute;    // changed: route of the extra set holding the copy, else kNoRoute
  std::uint32_t pos = 0;             // its position in that route's trips
  static constexpr std::uint32_t kNoRoute = 0xFFFFFFFFU;
};

// One (route, positions) entry of the extra set's stop -> route index.
struct stop_route {
  std::uint32_t route;
  std::uint16_t first_pos, last_pos;  // first and last position of the stop in the route
};

class view {
 public:
  network::network const& net() const { return net_; }
  apply_summary const& summary() const { return summary_; }
  apply_options const& options() const { return options_; }

  // The realtime state of a trip instance, or nullptr when the feed says nothing about it.
  instance const* find(transit::trip_idx_t trip, std::int32_t day) const;
  std::span<instance const> instances() const { return instances_; }

  // Static trips excluded on service day `day` (cancelled or replaced by a copy): one bit per trip, or an
  // empty span when the view excludes nothing that day.
  std::span<std::uint64_t const> excluded_trips(std::int32_t day) const;

  // ---- the extra route set (RAPTOR scans it after the timetable's routes)
  std::size_t n_routes() const { return route_day_.size(); }
  std::int32_t route_day(std::uint32_t r) const { return route_day_[r]; }
  transit::route_idx_t route_static(std::uint32_t r) const { return transit::route_idx_t{route_static_[r]}; }
  // The stops are the static route's (net().timetable().route_stops(route_static(r))); the flags add
  // kNoPickup | kNoDropOff at skipped stops.
  std::span<std::uint8_t const> route_flags(std::uint32_t r) const {
    return {flags_.data() + flags_offsets_[r], flags_offsets_[r + 1] - flags_offsets_[r]};
  }
  std::size_t route_n_trips(std::uint32_t r) const { return trips_offsets_[r + 1] - trips_offsets_[r]; }
  // Static trip and its position in route_trips(route_static(r)) of the k-th copy of r.
  transit::trip_idx_t trip_static(std::uint32_t r, std::size_t k) const {
    return transit::trip_idx_t{trip_static_[trips_offsets_[r] + k]};
  }
  std::uint32_t trip_static_pos(std::uint32_t r, std::size_t k) const { return trip_static_pos_[trips_offsets_[r] + k]; }
  // [trip][stop] times of route r (seconds since its service day's reference), and of its k-th trip.
  transit::stop_time const* route_times(std::uint32_t r) const { return times_.data() + times_offsets_[r]; }
  std::span<transit::stop_time const> trip_times(std::uint32_t r, std::size_t k) const {
    auto const n = flags_offsets_[r + 1] - flags_offsets_[r];
    return {times_.data() + times_offsets_[r] + k * n, n};
  }
  std::span<stop_route const> stop_routes(transit::stop_idx_t s) const {
    if (stop_routes_offsets_.empty()) return {};
    return {stop_routes_.data() + stop_routes_offsets_[s.v()],
            stop_routes_offsets_[s.v() + 1] - stop_routes_offsets_[s.v()]};
  }

  // The status of a ride on `trip` of service day `day` boarded at route position `board` and left at
  // `alight` (positions of the static route): delays at both ends (0 without data) and the status
  // (on_time_seconds decides). Cancelled instances say cancelled.
  struct ride_info {
    ride_status status = ride_status::scheduled;
    std::int32_t departure_delay = 0;
    std::int32_t arrival_delay = 0;
    bool board_skipped = false, alight_skipped = false;
  };
  ride_info ride(transit::trip_idx_t trip, std::int32_t day, std::size_t board, std::size_t alight) const;

 private:
  friend struct view_builder;
  friend result<std::shared_ptr<view const>> apply(matcher const& m, feed_message const& msg,
                                                   apply_options const& opt);
  network::network net_;
  apply_options options_;
  apply_summary summary_;
  std::vector<instance> instances_;           // sorted by (trip, day)
  std::vector<std::int32_t> excl_days_;       // sorted
  std::vector<std::uint64_t> excl_bits_;      // excl_days_.size() x words
  std::size_t words_ = 0;
  std::vector<std::int32_t> route_day_;
  std::vector<std::uint32_t> route_static_;
  std::vector<std::uint32_t> flags_offsets_{0};
  std::vector<std::uint8_t> flags_;
  std::vector<std::uint32_t> trips_offsets_{0};
  std::vector<std::uint32_t> trip_static_, trip_static_pos_;
  std::vector<std::uint32_t> times_offsets_{0};
  std::vector<transit::stop_time> times_;
  std::vector<std::uint32_t> stop_routes_offsets_;
  std::vector<stop_route> stop_routes_;
};

// The id indexes a feed is matched with (trip ids, stop ids, trip -> route position), built once per network
// and shared by every view made from it. Errors: unsupported for a network without a timetable.
class matcher {
 public:
  static result<std::shared_ptr<matcher const>> build(network::network const& net);
  network::network const& net() const;
  ~matcher();
  struct impl;
  impl const& internal() const { return *impl_; }

 private:
  matcher() = default;
  std::unique_ptr<impl> impl_;
};

// Applies a FeedMessage: a new immutable view (the summary says what matched).
result<std::shared_ptr<view const>> apply(matcher const& m, feed_message const& msg, apply_options const& opt = {});
// Convenience: builds a matcher for this one call.
result<std::shared_ptr<view const>> apply(network::network const& net, feed_message const& msg,
                                          apply_options const& opt = {});

// The current realtime view of one network. update() builds the new view (parse + match + overlay) without
// any lock readers take, then publishes it by swapping one pointer; current() copies that pointer. Both hold
// a small mutex for the copy or swap only (a reference count increment: what libstdc++'s
// std::atomic<shared_ptr> does with a spin lock, but visible to ThreadSanitizer, which reported libstdc++ 12's
// version as a race). Queries that took the previous view keep it alive until they finish; the last one
// frees it, never inside the lock. Updates are serialized among themselves.
class live {
 public:
  static result<std::unique_ptr<live>> make(network::network const& net, apply_options opt = {});
  std::shared_ptr<view const> current() const;
  // Applies a parsed message / protobuf bytes / a file and publishes the view; the previous view stays
  // current when it fails.
  result<std::shared_ptr<view const>> update(feed_message const& msg);
  result<std::shared_ptr<view const>> update_bytes(std::string_view bytes, std::string_view source = "feed");
  result<std::shared_ptr<view const>> update_file(std::filesystem::path const& path);
  void clear() { publish(nullptr); }
  network::network const& net() const { return matcher_->net(); }

 private:
  live() = default;
  void publish(std::shared_ptr<view const> v);
  std::shared_ptr<matcher const> matcher_;
  apply_options opt_;
  mutable std::mutex current_mutex_;  // guards current_ (copy / swap only)
  std::shared_ptr<view const> current_;
  std::mutex update_mutex_;
};

}  // namespace kwartier::realtime
