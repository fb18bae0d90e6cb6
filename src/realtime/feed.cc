// FeedMessage <-> realtime::feed_message through the protobuf lite runtime (the only file that sees it).
#include "kwartier/realtime/feed.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

#include "gtfs_realtime.pb.h"

namespace kwartier::realtime {

namespace pb = transit_realtime;

std::string_view stop_relationship_name(stop_relationship r) {
  switch (r) {
    case stop_relationship::scheduled: return "scheduled";
    case stop_relationship::skipped: return "skipped";
    case stop_relationship::no_data: return "no_data";
    case stop_relationship::unscheduled: return "unscheduled";
  }
  return "scheduled";
}

std::string_view trip_relationship_name(trip_relationship r) {
  switch (r) {
    case trip_relationship::scheduled: return "scheduled";
    case trip_relationship::added: return "added";
    case trip_relationship::unscheduled: return "unscheduled";
    case trip_relationship::canceled: return "canceled";
    case trip_relationship::replacement: return "replacement";
    case trip_relationship::duplicated: return "duplicated";
    case trip_relationship::deleted: return "deleted";
  }
  return "scheduled";
}

namespace {

stop_time_event from_pb(pb::TripUpdate_StopTimeEvent const& e) {
  stop_time_event out;
  if (e.has_delay()) out.delay = e.delay();
  if (e.has_time()) out.time = e.time();
  if (e.has_uncertainty()) out.uncertainty = e.uncertainty();
  return out;
}

void to_pb(stop_time_event const& e, pb::TripUpdate_StopTimeEvent& out) {
  if (e.delay) out.set_delay(*e.delay);
  if (e.time) out.set_time(*e.time);
  if (e.uncertainty) out.set_uncertainty(*e.uncertainty);
}

}  // namespace

result<feed_message> parse_feed(std::string_view bytes, std::string_view source, parse_options const& opt) {
  if (bytes.size() > opt.max_bytes)
    return make_error(errc::limit_exceeded,
                      "GTFS-realtime message of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                          std::to_string(opt.max_bytes) + " bytes",
                      std::string(source));
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    return make_error(errc::limit_exceeded, "GTFS-realtime message over 2 GiB", std::string(source));
  pb::FeedMessage m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return make_error(errc::invalid_format,
                      "not a GTFS-realtime FeedMessage: the protobuf encoding is broken (truncated or not protobuf)",
                      std::string(source));
  if (!m.has_header())
    return make_error(errc::invalid_format,
                      "not a GTFS-realtime FeedMessage: it has no FeedHeader (field 1)", std::string(source), 0,
                      "header");
  feed_message out;
  out.source = std::string(source);
  out.has_header = true;
  out.version = m.header().gtfs_realtime_version();
  out.differential = m.header().incrementality() == pb::FeedHeader_Incrementality_DIFFERENTIAL;
  out.timestamp = m.header().timestamp();
  out.entities = static_cast<std::size_t>(m.entity_size());
  for (int i = 0; i < m.entity_size(); ++i) {
    auto const& e = m.entity(i);
    if (e.has_vehicle()) ++out.vehicle_positions;
    if (e.has_alert()) ++out.alerts;
    if (!e.has_trip_update()) {
      if (!e.has_vehicle() && !e.has_alert() && !e.is_deleted()) ++out.empty_entities;
      continue;
    }
    auto const& tu = e.trip_update();
    trip_update u;
    u.entity_id = e.id();
    u.is_deleted = e.is_deleted();
    auto const& td = tu.trip();
    u.trip.trip_id = td.trip_id();
    u.trip.route_id = td.route_id();
    if (td.has_direction_id()) u.trip.direction_id = td.direction_id();
    u.trip.start_time = td.start_time();
    u.trip.start_date = td.start_date();
    u.trip.relationship = static_cast<trip_relationship>(td.schedule_relationship());
    if (tu.has_delay()) u.delay = tu.delay();
    u.timestamp = tu.timestamp();
    u.stop_time_updates.reserve(static_cast<std::size_t>(tu.stop_time_update_size()));
    for (auto const& s : tu.stop_time_update()) {
      stop_time_update su;
      if (s.has_stop_sequence()) su.stop_sequence = s.stop_sequence();
      su.stop_id = s.stop_id();
      if (s.has_arrival()) su.arrival = from_pb(s.arrival());
      if (s.has_departure()) su.departure = from_pb(s.departure());
      su.relationship = static_cast<stop_relationship>(s.schedule_relationship());
      u.stop_time_updates.push_back(std::move(su));
    }
    out.trip_updates.push_back(std::move(u));
    out.entity_index.push_back(static_cast<std::uint32_t>(i + 1));
  }
  return out;
}

result<feed_message> load_feed(std::filesystem::path const& path, parse_options const& opt) {
  std::error_code ec;
  auto const status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status))
    return make_error(errc::not_found, "no such file", path.string());
  if (std::filesystem::is_directory(status))
    return make_error(errc::invalid_format, "a folder, not a GTFS-realtime file", path.string());
  auto const size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(errc::io_error, "cannot read the file size: " + ec.message(), path.string());
  if (size > opt.max_bytes)
    return make_error(errc::limit_exceeded,
                      "GTFS-realtime file of " + std::to_string(size) + " bytes is over the limit of " +
                          std::to_string(opt.max_bytes) + " bytes",
                      path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(errc::io_error, std::string("cannot open: ") + std::strerror(errno), path.string());
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size)
    return make_error(errc::io_error, "short read", path.string());
  return parse_feed(bytes, path.filename().string(), opt);
}

std::string encode_feed(feed_message const& msg) {
  pb::FeedMessage m;
  auto* h = m.mutable_header();
  h->set_gtfs_realtime_version(msg.version);
  if (msg.differential) h->set_incrementality(pb::FeedHeader_Incrementality_DIFFERENTIAL);
  if (msg.timestamp != 0) h->set_timestamp(msg.timestamp);
  for (auto const& u : msg.trip_updates) {
    auto* e = m.add_entity();
    e->set_id(u.entity_id);
    if (u.is_deleted) e->set_is_deleted(true);
    auto* tu = e->mutable_trip_update();
    auto* td = tu->mutable_trip();
    if (!u.trip.trip_id.empty()) td->set_trip_id(u.trip.trip_id);
    if (!u.trip.route_id.empty()) td->set_route_id(u.trip.route_id);
    if (u.trip.direction_id) td->set_direction_id(*u.trip.direction_id);
    if (!u.trip.start_time.empty()) td->set_start_time(u.trip.start_time);
    if (!u.trip.start_date.empty()) td->set_start_date(u.trip.start_date);
    if (u.trip.relationship != trip_relationship::scheduled)
      td->set_schedule_relationship(static_cast<pb::TripDescriptor_ScheduleRelationship>(u.trip.relationship));
    if (u.delay) tu->set_delay(*u.delay);
    if (u.timestamp != 0) tu->set_timestamp(u.timestamp);
    for (auto const& s : u.stop_time_updates) {
      auto* o = tu->add_stop_time_update();
      if (s.stop_sequence) o->set_stop_sequence(*s.stop_sequence);
      if (!s.stop_id.empty()) o->set_stop_id(s.stop_id);
      if (s.arrival) to_pb(*s.arrival, *o->mutable_arrival());
      if (s.departure) to_pb(*s.departure, *o->mutable_departure());
      if (s.relationship != stop_relationship::scheduled)
        o->set_schedule_relationship(static_cast<pb::TripUpdate_StopTimeUpdate_ScheduleRelationship>(s.relationship));
    }
  }
  return m.SerializeAsString();
}

}  // namespace kwartier::realtime
