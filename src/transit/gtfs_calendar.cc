// calendar.txt and calendar_dates.txt: services as a weekday pattern over a date range plus added and
// removed days.
#include <algorithm>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

void loader::load_calendar(bool& have) {
  enum { id, mon, tue, wed, thu, fri, sat, sun, start, end };
  static constexpr column kCols[] = {
      {"service_id", need::required}, {"monday", need::required}, {"tuesday", need::required},
      {"wednesday", need::required},  {"thursday", need::required}, {"friday", need::required},
      {"saturday", need::required},   {"sunday", need::required},   {"start_date", need::required},
      {"end_date", need::required}};
  auto t = open_table("calendar.txt", false, kCols, &have);
  if (!t) return;
  while (t->next()) {
    auto const sid = t->id(id, service_map);
    if (!sid) continue;
    gtfs_service s;
    bool row_ok = true;
    for (std::size_t i = 0; i < 7 && row_ok; ++i) {
      auto const v = t->text(mon + i);
      if (v == "1") s.weekdays = static_cast<std::uint8_t>(s.weekdays | (1U << i));
      else if (v != "0") {
        t->problem(severity::error, "invalid_value", t->name(mon + i),
                   std::string{t->name(mon + i)} + " is '" + std::string{v} + "', expected 0 or 1; row skipped");
        row_ok = false;
      }
    }
    if (!row_ok) continue;
    auto const ps = parse_date(t->raw(start), s.start);
    auto const pe = parse_date(t->raw(end), s.end);
    if (ps != parsed::ok) {
      t->problem(severity::error, ps == parsed::empty ? "missing_required_field" : "invalid_date", "start_date",
                 "start_date '" + std::string{t->raw(start)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    if (pe != parsed::ok) {
      t->problem(severity::error, pe == parsed::empty ? "missing_required_field" : "invalid_date", "end_date",
                 "end_date '" + std::string{t->raw(end)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    if (s.end < s.start) {
      t->problem(severity::error, "invalid_value", "end_date", "end_date is before start_date; row skipped");
      continue;
    }
    service_map.emplace(std::string{*sid}, static_cast<std::uint32_t>(d.services.size()));
    d.services.push_back(std::move(s));
    ++counts.calendar;
  }
  t->finish();
}

void loader::load_calendar_dates(bool& have) {
  enum { id, date, type };
  static constexpr column kCols[] = {
      {"service_id", need::required}, {"date", need::required}, {"exception_type", need::required}};
  auto t = open_table("calendar_dates.txt", false, kCols, &have);
  if (!t) return;
  while (t->next()) {
    auto const sid = t->text(id);
    if (sid.empty()) {
      t->problem(severity::error, "missing_required_field", "service_id", "service_id is empty; row skipped");
      continue;
    }
    std::int32_t day = 0;
    auto const pd = parse_date(t->raw(date), day);
    if (pd != parsed::ok) {
      t->problem(severity::error, pd == parsed::empty ? "missing_required_field" : "invalid_date", "date",
                 "date '" + std::string{t->raw(date)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    auto const et = t->text(type);
    if (et != "1" && et != "2") {
      t->problem(severity::error, "invalid_value", "exception_type",
                 "exception_type '" + std::string{et} + "' is not 1 or 2; row skipped");
      continue;
    }
    auto sv = find(service_map, sid);
    if (sv == kNone) {  // calendar_dates-only service (NMBS, De Lijn)
      sv = static_cast<std::uint32_t>(d.services.size());
      service_map.emplace(std::string{sid}, sv);
      d.services.emplace_back();
    }
    auto& s = d.services[sv];
    auto& list = et == "1" ? s.added : s.removed;
    auto& other = et == "1" ? s.removed : s.added;
    if (std::find(list.begin(), list.end(), day) != list.end() ||
        std::find(other.begin(), other.end(), day) != other.end()) {
      t->problem(severity::warning, "duplicate_key", "date",
                 "service '" + std::string{sid} + "' already has an exception on this date; row ignored");
      continue;
    }
    list.push_back(day);
    ++counts.calendar_dates;
  }
  t->finish();
}

}  // namespace kwartier::transit::gtfs
