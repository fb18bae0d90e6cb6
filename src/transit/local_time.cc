// Local dates and times with Howard Hinnant's date/tz over the system tz database (USE_OS_TZDB).
#include "kwartier/transit/local_time.h"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <exception>

namespace kwartier::transit {
namespace {

using std::chrono::seconds;

date::time_zone const* zone(void const* p) { return static_cast<date::time_zone const*>(p); }

// GTFS service-day reference: local noon of `day` minus 12 h, as an instant.
date::sys_seconds reference(date::time_zone const* tz, std::int32_t day) {
  auto const noon = date::local_days{date::days{day}} + std::chrono::hours{12};
  return tz->to_sys(noon, date::choose::earliest) - std::chrono::hours{12};
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char const c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char const c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

result<std::int32_t> parse_date(std::string_view s) {
  auto const bad = [&] {
    return make_error(errc::invalid_argument, "date '" + std::string{s} + "' is not a date YYYY-MM-DD", {}, 0, "date");
  };
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) ||
      !digits(s.substr(8, 2)))
    return bad();
  auto const y = to_int(s.substr(0, 4));
  auto const m = static_cast<unsigned>(to_int(s.substr(5, 2)));
  auto const d = static_cast<unsigned>(to_int(s.substr(8, 2)));
  date::year_month_day const ymd{date::year{y}, date::month{m}, date::day{d}};
  if (y < 1900 || y > 2200 || !ymd.ok()) return bad();
  return static_cast<std::int32_t>(date::sys_days{ymd}.time_since_epoch().count());
}

result<std::int32_t> parse_time_of_day(std::string_view s) {
  auto const bad = [&] {
    return make_error(errc::invalid_argument, "time '" + std::string{s} + "' is not a time of day HH:MM or HH:MM:SS",
                      {}, 0, "time");
  };
  if ((s.size() != 5 && s.size() != 8) || s[2] != ':' || !digits(s.substr(0, 2)) || !digits(s.substr(3, 2)))
    return bad();
  int sec = 0;
  if (s.size() == 8) {
    if (s[5] != ':' || !digits(s.substr(6, 2))) return bad();
    sec = to_int(s.substr(6, 2));
  }
  auto const h = to_int(s.substr(0, 2)), m = to_int(s.substr(3, 2));
  if (h > 23 || m > 59 || sec > 59) return bad();
  return h * 3600 + m * 60 + sec;
}

result<local_date_time> parse_local_date_time(std::string_view date, std::string_view time) {
  KW_TRY(auto const d, parse_date(date));
  KW_TRY(auto const t, parse_time_of_day(time));
  return local_date_time{d, t};
}

std::string format_date(std::int32_t day) {
  date::year_month_day const ymd{date::sys_days{date::days{day}}};
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

result<time_zone> time_zone::find(std::string_view name) {
  if (name.empty()) return make_error(errc::not_found, "empty time zone name", {}, 0, "timezone");
  try {
    (void)date::get_tzdb();
  } catch (std::exception const& e) {
    return make_error(errc::io_error, std::string{"cannot read the system tz database: "} + e.what(), {}, 0, "timezone");
  }
  try {
    auto const* tz = date::locate_zone(name);
    if (tz == nullptr) throw std::runtime_error("not found");
    (void)tz->get_info(date::sys_seconds{});  // loads the zone's data now (once), so later calls cannot fail
    return time_zone{tz};
  } catch (std::exception const&) {
    return make_error(errc::not_found, "'" + std::string{name} + "' is not an IANA time zone of the tz database", {},
                      0, "timezone");
  }
}

bool valid_time_zone(std::string_view name) noexcept { return time_zone::find(name).has_value(); }

std::string_view time_zone::name() const { return zone(tz_)->name(); }

service_time time_zone::to_service_time(local_date_time t) const {
  auto const* tz = zone(tz_);
  auto const local = date::local_days{date::days{t.day}} + seconds{t.seconds};
  auto const instant = tz->to_sys(local, date::choose::earliest);
  return service_time{t.day, static_cast<std::int32_t>((instant - reference(tz, t.day)).count())};
}

service_time time_zone::rebase(service_time t, std::int32_t day) const {
  auto const* tz = zone(tz_);
  auto const instant = reference(tz, t.day) + seconds{t.seconds};
  return service_time{day, static_cast<std::int32_t>((instant - reference(tz, day)).count())};
}

std::int64_t time_zone::to_unix(service_time t) const {
  return (reference(zone(tz_), t.day) + seconds{t.seconds}).time_since_epoch().count();
}

service_time time_zone::from_unix(std::int64_t unix_seconds) const {
  auto const local = zone(tz_)->to_local(date::sys_seconds{seconds{unix_seconds}});
  auto const day = static_cast<std::int32_t>(date::floor<date::days>(local).time_since_epoch().count());
  return service_time{day, static_cast<std::int32_t>(unix_seconds - reference(zone(tz_), day).time_since_epoch().count())};
}

local_date_time time_zone::to_local(service_time t) const {
  auto const local = zone(tz_)->to_local(date::sys_seconds{seconds{to_unix(t)}});
  auto const day = date::floor<date::days>(local);
  return local_date_time{static_cast<std::int32_t>(day.time_since_epoch().count()),
                         static_cast<std::int32_t>((local - day).count())};
}

std::string time_zone::to_iso_local(service_time t, bool with_offset) const {
  auto const l = to_local(t);
  auto out = format_date(l.day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", l.seconds / 3600, l.seconds / 60 % 60, l.seconds % 60);
  out += buf;
  if (with_offset) {
    auto const off = utc_offset(to_unix(t));
    auto const a = off < 0 ? -off : off;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    out += buf;
  }
  return out;
}

std::int32_t time_zone::utc_offset(std::int64_t unix_seconds) const {
  return static_cast<std::int32_t>(zone(tz_)->get_info(date::sys_seconds{seconds{unix_seconds}}).offset.count());
}

status check_service_day(service_range const& range, std::int32_t day) {
  if (range.empty())
    return make_error(errc::out_of_range, "the timetable has no service days", {}, 0, "date");
  if (!range.contains(day))
    return make_error(errc::out_of_range,
                      "date " + format_date(day) + " is outside the timetable's service dates " +
                          format_date(range.first_day) + " .. " + format_date(range.last_day),
                      {}, 0, "date");
  return {};
}

}  // namespace kwartier::transit
