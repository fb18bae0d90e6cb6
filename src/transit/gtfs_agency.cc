// agency.txt, routes.txt, feed_info.txt.
#include <unordered_map>

#include "kwartier/transit/local_time.h"
#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

void loader::load_agency() {
  enum { id, name, url, tz };
  static constexpr column kCols[] = {
      {"agency_id"},          {"agency_name", need::required}, {"agency_url", need::required},
      {"agency_timezone", need::required}, {"agency_lang", need::known}, {"agency_phone", need::known},
      {"agency_fare_url", need::known},    {"agency_email", need::known}, {"cemv_support", need::known}};
  auto t = open_table("agency.txt", true, kCols);
  if (!t) return;
  while (t->next()) {
    auto const aid = t->text(id);
    auto const aname = t->raw(name);
    auto const zone = t->text(tz);
    if (aid.empty() && d.agency_ids.size() > feed_first_agency) {
      t->problem(severity::error, "missing_required_field", "agency_id",
                 "agency_id is required when a feed has several agencies; row skipped");
      continue;
    }
    if (!aid.empty() && agency_map.contains(aid)) {
      t->problem(severity::error, "duplicate_id", "agency_id", "duplicate agency_id '" + std::string{aid} + "'; row skipped");
      continue;
    }
    if (zone.empty())
      t->problem(severity::error, "missing_required_field", "agency_timezone", "agency_timezone is empty");
    else if (!valid_time_zone(zone))
      t->problem(severity::warning, "invalid_timezone", "agency_timezone",
                 "'" + std::string{zone} + "' is not an IANA time zone name");
    if (aname.empty()) t->problem(severity::error, "missing_required_field", "agency_name", "agency_name is empty");
    auto const ix = static_cast<std::uint32_t>(d.agency_ids.size());
    agency_map.emplace(std::string{aid}, ix);
    d.agency_ids.push_back(ns(aid));
    d.agency_names.emplace_back(aname);
    d.agency_timezones.emplace_back(zone);
    d.agency_feed.push_back(feed_ix);
    agencies.push_back(agency_summary{d.agency_ids.back(), d.agency_names.back(), d.agency_timezones.back()});
    agency_where.emplace_back(t->file(), t->line());
    ++counts.agencies;
  }
  t->finish();
  // All agencies of one feed must share a time zone (GTFS).
  for (std::size_t i = feed_first_agency + 1; i < d.agency_timezones.size(); ++i)
    if (d.agency_timezones[i] != d.agency_timezones[feed_first_agency]) {
      feed_problem(severity::warning, "mixed_timezones", "agency.txt", 0, "agency_timezone",
                   "agencies of one feed have different time zones; each route keeps its agency's zone");
      break;
    }
}

void loader::load_routes() {
  enum { id, agency_id, short_name, long_name, type, network };
  static constexpr column kCols[] = {
      {"route_id", need::required},    {"agency_id"},
      {"route_short_name"},            {"route_long_name"},
      {"route_type", need::required},  {"network_id"},
      {"route_desc", need::known},
      {"route_url", need::known},      {"route_color", need::known},
      {"route_text_color", need::known}, {"route_sort_order", need::known},
      {"continuous_pickup", need::known}, {"continuous_drop_off", need::known},
      {"cemv_support", need::known}};
  auto t = open_table("routes.txt", true, kCols);
  if (!t) return;
  auto const n_feed_agencies = d.agency_ids.size() - feed_first_agency;
  std::unordered_map<std::string, std::uint32_t> names;  // agency + short + long -> first line
  while (t->next()) {
    auto const rid = t->id(id, route_map);
    if (!rid) continue;
    std::int64_t rtype = 0;
    auto const pt = t->integer(type, rtype);
    if (pt != parsed::ok || rtype < 0 || rtype > 1702 || (rtype > 12 && rtype < 100)) {
      skipped.add(text_field::route_short_name, *rid, t->raw(short_name));
      skipped.add_value(text_field::route_long_name, t->raw(long_name));
      t->problem(severity::error, "invalid_value", "route_type",
                 "route_type '" + std::string{t->raw(type)} + "' is not a GTFS route type; row skipped");
      continue;
    }
    auto const aid = t->text(agency_id);
    std::uint32_t agency = kNone;
    if (aid.empty()) {
      if (n_feed_agencies > 1)
        t->problem(severity::error, "missing_required_field", "agency_id",
                   "agency_id is required when the feed has several agencies; first agency used");
      if (n_feed_agencies > 0) agency = feed_first_agency;
    } else {
      agency = t->ref(agency_id, agency_map, "dangling_agency_id", "agency.txt", "first agency used");
      if (agency == kNone && n_feed_agencies > 0) agency = feed_first_agency;
    }
    if (agency == kNone) {  // no agency.txt at all: a placeholder keeps the index valid
      agency = static_cast<std::uint32_t>(d.agency_ids.size());
      agency_map.emplace("", agency);
      d.agency_ids.push_back(ns(""));
      d.agency_names.emplace_back();
      d.agency_timezones.emplace_back();
      d.agency_feed.push_back(feed_ix);
      agency_where.emplace_back(display("agency.txt"), 0);
    }
    auto const sn = t->raw(short_name);
    auto const ln = t->raw(long_name);
    if (sn.empty() && ln.empty())
      t->problem(severity::error, "missing_required_field", "route_short_name",
                 "route_short_name and route_long_name are both empty");
    else if (sn == ln)
      t->problem(severity::warning, "same_short_long_name", "route_long_name",
                 "route_short_name and route_long_name are both '" + std::string{sn} + "'");
    auto const ix = static_cast<std::uint32_t>(d.line_ids.size());
    std::string key = std::to_string(agency) + '\x1f' + std::string{sn} + '\x1f' + std::string{ln};
    if (auto [it, fresh] = names.emplace(std::move(key), ix); !fresh)
      t->problem(severity::warning, "repeated_route_name", "route_long_name",
                 "route has the same names as route '" + d.line_ids[it->second] + "'");
    route_map.emplace(std::string{*rid}, ix);
    d.line_ids.push_back(ns(*rid));
    d.line_short_names.emplace_back(sn);
    d.line_long_names.emplace_back(ln);
    d.lines.push_back(line_info{agency_idx_t{agency}, static_cast<std::int32_t>(rtype)});
    std::uint32_t net = kNoIndex;  // routes.network_id names a network (networks.txt may add its name)
    if (auto const nid = t->text(network); !nid.empty()) {
      auto [it, fresh] = network_map.try_emplace(std::string{nid}, static_cast<std::uint32_t>(d.fares.network_ids.size()));
      if (fresh) {
        d.fares.network_ids.push_back(ns(nid));
        d.fares.network_names.emplace_back();
      }
      net = it->second;
    }
    d.fares.line_network.push_back(net);
    ++counts.routes;
  }
  t->finish();
}

void loader::load_feed_info() {
  static constexpr column kCols[] = {
      {"feed_publisher_name", need::required}, {"feed_publisher_url", need::required}, {"feed_lang", need::required},
      {"feed_start_date", need::known},        {"feed_end_date", need::known},        {"feed_version", need::known},
      {"feed_contact_email", need::known},     {"feed_contact_url", need::known},     {"default_lang", need::known},
      {"feed_id", need::known}};
  auto t = open_table("feed_info.txt", false, kCols);
  if (!t) return;
  while (t->next()) ++counts.feed_info;
  t->finish();
}

}  // namespace kwartier::transit::gtfs
