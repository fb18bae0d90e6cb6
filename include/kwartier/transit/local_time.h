// Local dates and times of a timetable: time zones from the system tz database (Howard Hinnant's date/tz,
// USE_OS_TZDB, Debian tzdata), GTFS service times, the service date range.
//
// GTFS times are seconds since "noon minus 12 h" of the service day in the agency's time zone (local
// midnight, except on days when clocks change: on the spring-forward day it is 23:00 of the day before,
// so 08:00:00 is still 08:00 on the wall clock). A `service_time` is such a pair (service day, seconds);
// routing compares it directly with the timetable's stop times.
//
//   KW_TRY(auto tz, transit::time_zone::of(tt));                         // the timetable's reference zone
//   KW_TRY(auto when, transit::parse_local_date_time("2019-10-14", "08:05"));
//   KW_TRY_VOID(transit::check_service_day(tt, when.day));               // out_of_range names the range
//   auto const st = tz.to_service_time(when);                            // {day, seconds since noon-12h}
//   auto const prev = tz.rebase(st, st.day - 1);                         // same instant, previous service day
//   std::string iso = tz.to_iso_local({st.day, 8 * 3600 + 30 * 60});     // "2019-10-14T08:30:00"
//
// Reference zone: a timetable has one, `timetable::timezone()`, the zone of the first agency (in feed
// order) that names a valid IANA zone; every time of every trip is read in it. GTFS requires all agencies
// of one feed to share a zone (`mixed_timezones` warns otherwise); when merged feeds use zones whose UTC
// offsets differ on some service day, load_gtfs warns `timezone_differs` and those trips' times are still
// read as reference-zone times (off by the difference on those days). One zone keeps every stop time a
// plain int32 comparable across trips without a per-day offset table; the Belgian, Dutch, French and
// German feeds this project merges share their offsets, so nothing is shifted for them (docs/transit.md).
//
// Thread rules: time_zone is an immutable value (a pointer into the process-wide tz database, loaded once,
// thread-safe); every function here may be called from any thread.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "kwartier/core/result.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::transit {

// A service day (days since 1970-01-01) and seconds since its noon-minus-12h reference.
struct service_time {
  std::int32_t day = 0;
  std::int32_t seconds = 0;
  friend bool operator==(service_time, service_time) = default;
};

// A wall-clock date and time: local calendar day (days since 1970-01-01) and seconds since local
// midnight as the clock shows it (0 .. 86399).
struct local_date_time {
  std::int32_t day = 0;
  std::int32_t seconds = 0;
  friend bool operator==(local_date_time, local_date_time) = default;
};

// "YYYY-MM-DD" (years 1900..2200) -> day. invalid_argument naming field "date".
result<std::int32_t> parse_date(std::string_view date);
// "HH:MM" or "HH:MM:SS", 00:00 .. 23:59:59 -> seconds. invalid_argument naming field "time".
result<std::int32_t> parse_time_of_day(std::string_view time);
result<local_date_time> parse_local_date_time(std::string_view date, std::string_view time);
// day -> "YYYY-MM-DD".
std::string format_date(std::int32_t day);

class time_zone {
 public:
  // A zone of the system tz database ("Europe/Brussels", "UTC"). not_found when the name is not in it,
  // io_error when the tz database cannot be read. Never throws.
  static result<time_zone> find(std::string_view iana_name);
  // The timetable's reference zone; not_found when it has none (no agency named a valid zone).
  template <ownership O>
  static result<time_zone> of(timetable_t<O> const& tt) {
    if (tt.timezone().empty())
      return make_error(errc::not_found, "the timetable has no time zone (no agency names a valid IANA zone)", {}, 0,
                        "agency_timezone");
    return find(tt.timezone());
  }

  std::string_view name() const;

  // The wall-clock time `t` as a service time on the service day of the same calendar date. A time that
  // the clocks skip (02:30 on the spring-forward day) is the moment they jump (03:00 summer time); a
  // time they show twice (02:30 on the fall-back day) is the first, summer-time one.
  service_time to_service_time(local_date_time t) const;
  // The same instant counted from another service day's reference (e.g. day - 1 for yesterday's trips
  // running past midnight: usually seconds + 86400, but 82800 / 90000 across a clock change).
  service_time rebase(service_time t, std::int32_t day) const;
  // Seconds since 1970-01-01 00:00 UTC and back (the latter on the service day of the local date).
  std::int64_t to_unix(service_time t) const;
  service_time from_unix(std::int64_t unix_seconds) const;
  // The wall clock at `t`.
  local_date_time to_local(service_time t) const;
  // "YYYY-MM-DDTHH:MM:SS" on the wall clock, with the UTC offset ("+02:00") when asked.
  std::string to_iso_local(service_time t, bool with_offset = false) const;
  // UTC offset in seconds at an instant.
  std::int32_t utc_offset(std::int64_t unix_seconds) const;

 private:
  explicit time_zone(void const* tz) : tz_{tz} {}
  void const* tz_ = nullptr;  // date::time_zone const* (the header stays free of date/tz)
};

// True when `name` is a zone of the system tz database.
bool valid_time_zone(std::string_view name) noexcept;

// First and last day (days since 1970-01-01) on which some trip of the timetable runs.
struct service_range {
  std::int32_t first_day = 0;
  std::int32_t last_day = -1;
  bool empty() const { return last_day < first_day; }
  bool contains(std::int32_t day) const { return day >= first_day && day <= last_day; }
};

template <ownership O>
service_range service_days(timetable_t<O> const& tt) {
  service_range r;
  auto const n_words = static_cast<std::size_t>(tt.n_words_);
  if (n_words == 0) return r;
  std::int32_t first = tt.n_days_, last = -1;
  for (std::size_t w = 0; w < tt.service_bits_.size(); ++w) {
    auto const bits = tt.service_bits_[w];
    if (bits == 0) continue;
    auto const base = static_cast<std::int32_t>((w % n_words) * 64);
    first = std::min(first, base + std::countr_zero(bits));
    last = std::max(last, base + 63 - std::countl_zero(bits));
  }
  last = std::min(last, tt.n_days_ - 1);
  if (first <= last) r = service_range{tt.first_day_ + first, tt.first_day_ + last};
  return r;
}

// errc::out_of_range naming the range ("date 2020-01-06 is outside the timetable's service dates
// 2019-10-07 .. 2019-12-14"), field "date", when `day` is outside the range (or the timetable has no
// service at all).
status check_service_day(service_range const& range, std::int32_t day);
template <ownership O>
status check_service_day(timetable_t<O> const& tt, std::int32_t day) {
  return check_service_day(service_days(tt), day);
}

}  // namespace kwartier::transit
