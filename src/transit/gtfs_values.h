// GTFS value parsers (private to the transit loader): times, dates, numbers, trimming, id maps.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

#include "kwartier/core/dataset.h"  // hash64
#include "kwartier/transit/timetable.h"

namespace kwartier::transit::gtfs {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Service-day times beyond a week are refused (GTFS trips past midnight rarely exceed 48 h).
constexpr std::int32_t kMaxTimeOfDay = 7 * 86400;
// Frequency windows that would expand into more trips than this are refused (a headway of 1 s over a
// day would make 86,400 trips from one row).
constexpr std::int32_t kMaxFrequencyTrips = 5000;

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash64(s.data(), s.size())); }
};
// GTFS id (un-namespaced) -> index.
using id_map = std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>>;

inline std::uint32_t find(id_map const& m, std::string_view id) {
  auto it = m.find(id);
  return it == m.end() ? kNone : it->second;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline std::string lower(std::string_view s) {
  std::string r{s};
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

enum class parsed { empty, ok, bad };

// H:MM:SS with 1..3 hour digits, minutes and seconds < 60, at most 168:00:00.
inline parsed parse_time(std::string_view s, std::int32_t& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  std::int32_t h = 0;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (i >= 3) return parsed::bad;
    h = h * 10 + (s[i] - '0');
    ++i;
  }
  if (i == 0 || s.size() != i + 6 || s[i] != ':' || s[i + 3] != ':') return parsed::bad;
  auto const two = [&](std::size_t k, std::int32_t& v) {
    if (s[k] < '0' || s[k] > '9' || s[k + 1] < '0' || s[k + 1] > '9') return false;
    v = (s[k] - '0') * 10 + (s[k + 1] - '0');
    return v < 60;
  };
  std::int32_t m = 0, sec = 0;
  if (!two(i + 1, m) || !two(i + 4, sec)) return parsed::bad;
  out = h * 3600 + m * 60 + sec;
  return out <= kMaxTimeOfDay ? parsed::ok : parsed::bad;
}

// YYYYMMDD (years 1900..2200) -> days since epoch.
inline parsed parse_date(std::string_view s, std::int32_t& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  if (s.size() != 8) return parsed::bad;
  std::uint32_t v = 0;
  for (char const c : s) {
    if (c < '0' || c > '9') return parsed::bad;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
  }
  unsigned const y = v / 10000, m = (v / 100) % 100, d = v % 100;
  static constexpr unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return parsed::bad;
  bool const leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return parsed::bad;
  out = days_from_yyyymmdd(v);
  return parsed::ok;
}

inline parsed parse_int(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  if (s.front() == '+') s.remove_prefix(1);
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return (ec == std::errc{} && p == s.data() + s.size()) ? parsed::ok : parsed::bad;
}

inline parsed parse_double(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  if (s.front() == '+') s.remove_prefix(1);
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return (ec == std::errc{} && p == s.data() + s.size() && std::isfinite(out)) ? parsed::ok : parsed::bad;
}

// A decimal amount ("1.25", "-0.5", "3") in 1/10,000 units (kFareScale); at most 4 decimals (more only
// when they are zeros) and at most 1e12 units.
inline parsed parse_amount(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  bool neg = false;
  if (s.front() == '-' || s.front() == '+') {
    neg = s.front() == '-';
    s.remove_prefix(1);
  }
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool any = false, dot = false;
  for (char const c : s) {
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return parsed::bad;
    any = true;
    if (!dot) {
      whole = whole * 10 + (c - '0');
      if (whole > 100'000'000) return parsed::bad;
    } else if (frac_digits < 4) {
      frac = frac * 10 + (c - '0');
      ++frac_digits;
    } else if (c != '0') {
      return parsed::bad;
    }
  }
  if (!any) return parsed::bad;
  while (frac_digits < 4) {
    frac *= 10;
    ++frac_digits;
  }
  out = (whole * kFareScale + frac) * (neg ? -1 : 1);
  return parsed::ok;
}

// An ISO 4217 currency code: three upper-case letters.
inline bool currency_code(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace kwartier::transit::gtfs
