// GTFS-realtime TripUpdates (https://gtfs.org/realtime/reference/) as plain C++ values: what a FeedMessage
// says, before it is matched against a network (realtime/view.h does that).
//
//   KW_TRY(auto msg, realtime::load_feed("updates.pb"));        // or parse_feed(bytes, "name")
//   for (auto const& u : msg.trip_updates) ... u.trip.trip_id, u.stop_time_updates[i].arrival.delay
//   std::string bytes = realtime::encode_feed(msg);              // protobuf again (tests, tools, fuzz seeds)
//
// Parsing uses the protobuf runtime behind this header (src/realtime/gtfs_realtime.proto, compiled with
// Debian's protoc); no protobuf type is visible here. VehiclePosition and Alert entities are counted, not read.
//
// Errors: invalid_format for bytes that are not a FeedMessage (truncated, random, another message: no
// header), naming the source; io_error / not_found for a file that cannot be read; limit_exceeded past
// parse_options::max_bytes. Fields a feed leaves out are reported by realtime::apply, per entity.
//
// Thread rules: plain values; parse_feed may run on any number of threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier::realtime {

// TripUpdate.StopTimeEvent: a delay relative to the schedule and / or an absolute time. GTFS-realtime says
// the time wins when both are given.
struct stop_time_event {
  std::optional<std::int32_t> delay;  // seconds, > 0 late
  std::optional<std::int64_t> time;   // POSIX seconds
  std::optional<std::int32_t> uncertainty;
  bool empty() const { return !delay && !time; }
};

enum class stop_relationship : std::uint8_t { scheduled = 0, skipped = 1, no_data = 2, unscheduled = 3 };
std::string_view stop_relationship_name(stop_relationship r);

struct stop_time_update {
  std::optional<std::uint32_t> stop_sequence;
  std::string stop_id;  // "" when the update names only the stop_sequence
  std::optional<stop_time_event> arrival;
  std::optional<stop_time_event> departure;
  stop_relationship relationship = stop_relationship::scheduled;
};

// TripDescriptor.ScheduleRelationship (numbers as in the specification).
enum class trip_relationship : std::uint8_t {
  scheduled = 0, added = 1, unscheduled = 2, canceled = 3, replacement = 5, duplicated = 6, deleted = 7
};
std::string_view trip_relationship_name(trip_relationship r);

struct trip_descriptor {
  std::string trip_id;
  std::string route_id;
  std::optional<std::uint32_t> direction_id;
  std::string start_time;  // "HH:MM:SS" (may exceed 24:00:00), "" when not given
  std::string start_date;  // "YYYYMMDD", "" when not given (the service day is then inferred)
  trip_relationship relationship = trip_relationship::scheduled;
};

struct trip_update {
  std::string entity_id;
  bool is_deleted = false;
  trip_descriptor trip;
  std::optional<std::int32_t> delay;  // trip-level delay (until the first stop time update with a delay)
  std::uint64_t timestamp = 0;        // when the vehicle's progress was measured (0: not given)
  std::vector<stop_time_update> stop_time_updates;
};

struct feed_message {
  std::string source;          // file name or the name given to parse_feed (problems name it)
  std::string version;         // FeedHeader.gtfs_realtime_version ("2.0"), "" when missing
  bool has_header = false;
  bool differential = false;   // FeedHeader.incrementality == DIFFERENTIAL
  std::uint64_t timestamp = 0; // FeedHeader.timestamp, POSIX seconds (0: not given)
  std::size_t entities = 0;    // FeedEntity count
  std::size_t vehicle_positions = 0;
  std::size_t alerts = 0;
  std::size_t empty_entities = 0;  // neither trip update, vehicle nor alert (and not deleted)
  std::vector<trip_update> trip_updates;
  // Entity numbers (1-based, in feed order) of trip_updates[i], for problems that name the entity.
  std::vector<std::uint32_t> entity_index;
};

struct parse_options {
  std::size_t max_bytes = std::size_t{256} << 20;  // larger inputs: limit_exceeded
};

result<feed_message> parse_feed(std::string_view bytes, std::string_view source = "feed",
                                parse_options const& opt = {});
result<feed_message> load_feed(std::filesystem::path const& path, parse_options const& opt = {});
// The FeedMessage as protobuf bytes (round-trips through parse_feed).
std::string encode_feed(feed_message const& msg);

}  // namespace kwartier::realtime
