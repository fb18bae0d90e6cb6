// load_gtfs: reads every table of one or more feeds, validates rows, resolves references to indices.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kwartier/io/csv.h"
#include "kwartier/io/feed_source.h"
#include "kwartier/transit/local_time.h"
#include "transit/gtfs_data.h"

namespace kwartier::transit {

gtfs_feed::gtfs_feed() = default;
gtfs_feed::~gtfs_feed() = default;
gtfs_feed::gtfs_feed(gtfs_feed&&) noexcept = default;
gtfs_feed& gtfs_feed::operator=(gtfs_feed&&) noexcept = default;

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return static_cast<std::size_t>(hash64(s.data(), s.size())); }
};
using id_map = std::unordered_map<std::string, std::uint32_t, string_hash, std::equal_to<>>;

std::uint32_t find(id_map const& m, std::string_view id) {
  auto it = m.find(id);
  return it == m.end() ? kNone : it->second;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------- value parsers

enum class parsed { empty, ok, bad };

// Service-day times beyond a week are refused (GTFS trips past midnight rarely exceed 48 h).
constexpr std::int32_t kMaxTimeOfDay = 7 * 86400;
// Frequency windows that would expand into more trips than this are refused (a headway of 1 s over a
// day would make 86,400 trips from one row).
constexpr std::int32_t kMaxFrequencyTrips = 5000;

// H:MM:SS with 1..3 hour digits, minutes and seconds < 60, at most 168:00:00.
parsed parse_time(std::string_view s, std::int32_t& out) {
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

// YYYYMMDD -> days since epoch.
parsed parse_date(std::string_view s, std::int32_t& out) {
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

parsed parse_int(std::string_view s, std::int64_t& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  if (s.front() == '+') s.remove_prefix(1);
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return (ec == std::errc{} && p == s.data() + s.size()) ? parsed::ok : parsed::bad;
}

parsed parse_double(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return parsed::empty;
  if (s.front() == '+') s.remove_prefix(1);
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return (ec == std::errc{} && p == s.data() + s.size() && std::isfinite(out)) ? parsed::ok : parsed::bad;
}

std::string lower(std::string_view s) {
  std::string r{s};
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

// ---------------------------------------------------------------------------------------- table reading

// Known GTFS files (others get an info "unknown_file").
constexpr std::array kKnownFiles = {
    "agency.txt",        "stops.txt",          "routes.txt",      "trips.txt",          "stop_times.txt",
    "calendar.txt",      "calendar_dates.txt", "fare_attributes.txt", "fare_rules.txt", "shapes.txt",
    "frequencies.txt",   "transfers.txt",      "pathways.txt",    "levels.txt",         "feed_info.txt",
    "translations.txt",  "attributions.txt",   "fare_media.txt",  "fare_products.txt",  "fare_leg_rules.txt",
    "fare_transfer_rules.txt", "areas.txt",    "stop_areas.txt",  "networks.txt",       "route_networks.txt",
    "timeframes.txt",    "location_groups.txt", "location_group_stops.txt", "locations.geojson",
    "booking_rules.txt", "rider_categories.txt", "fare_leg_join_rules.txt", "stop_time_overrides.txt"};

struct loader;

// One table being read: the csv reader plus column lookups and row-problem helpers.
struct table {
  loader& L;
  std::string file;  // display name
  io::csv_reader csv;
  std::vector<bool> used;  // header columns that some reader looked up

  int col(std::string_view name);
  int required_col(std::string_view name, bool& ok);
  void problem(severity s, std::string code, std::string_view field, std::string msg);
  // The next record; false at the end, or when the rest of the file cannot be read (reported once).
  bool next();
  // Checks the row shape; false when the row must be skipped (unterminated quote).
  bool row_ok();
  void report_unknown_columns();
};

// Rows of the translatable tables skipped for their own (already reported) problem: a translation naming
// one is counted but neither applied nor reported again. Indexed by the table's first text_field
// (stop_name: stops, route_short_name: routes, trip_headsign: trips, agency_name: agency).
struct skipped_rows {
  std::array<std::unordered_set<std::string>, kNumTextFields> ids, values;
  void add(text_field table, std::string_view id, std::string_view value) {
    ids[static_cast<std::size_t>(table)].emplace(id);
    if (!value.empty()) values[static_cast<std::size_t>(table)].emplace(value);
  }
  void add_value(text_field f, std::string_view value) {
    if (!value.empty()) values[static_cast<std::size_t>(f)].emplace(value);
  }
  bool has_id(text_field table, std::string_view id) const {
    return ids[static_cast<std::size_t>(table)].contains(std::string{id});
  }
  bool has_value(text_field f, std::string_view v) const { return values[static_cast<std::size_t>(f)].contains(std::string{v}); }
  void clear() {
    for (auto& x : ids) x.clear();
    for (auto& x : values) x.clear();
  }
};

struct loader {
  load_options const& opt;
  validation_report& rep;
  gtfs_feed_data& d;
  gtfs_counts& counts;
  std::vector<agency_summary>& agencies;

  // per feed
  io::feed_source const* src = nullptr;
  std::string prefix;
  std::string file_prefix;
  id_map agency_map, stop_map, route_map, service_map, trip_map;
  std::uint32_t feed_first_stop = 0, feed_first_trip = 0, feed_first_agency = 0, feed_first_line = 0;
  skipped_rows skipped;
  std::uint64_t frequency_trips = 0;  // expanded frequency trips over all feeds so far
  bool frequency_warned = false;
  std::optional<error> limit;         // a load_options cap was passed: load_gtfs fails with it
  std::vector<std::uint32_t> stop_line, trip_line;  // global index -> line in stops.txt / trips.txt
  std::vector<std::pair<std::string, std::uint32_t>> agency_where;  // global agency index -> file, line

  std::string ns(std::string_view id) const {
    if (prefix.empty()) return std::string{id};
    std::string r;
    r.reserve(prefix.size() + 1 + id.size());
    r += prefix;
    r += ':';
    r += id;
    return r;
  }
  std::string display(std::string_view file) const { return file_prefix + std::string{file}; }

  void feed_problem(severity s, std::string code, std::string_view file, std::uint32_t line, std::string_view field,
                    std::string msg) {
    rep.add(s, std::move(code), display(file), line, std::string{field}, std::move(msg));
  }

  // Opens `name`; nullopt when absent (reported if required) or unreadable (reported).
  std::optional<table> open(std::string_view name, bool required) {
    if (!src->has(name)) {
      if (required)
        feed_problem(severity::error, "missing_required_file", name, 0, {},
                     "required file " + std::string{name} + " is missing");
      return std::nullopt;
    }
    auto in = src->stream(name);
    if (!in) {
      feed_problem(severity::error, "unreadable_file", name, 0, {}, in.error().message);
      return std::nullopt;
    }
    auto csv = io::csv_reader::open(std::move(*in), display(name));
    if (csv.issue() != io::csv_issue::none) {
      auto const& e = csv.failure();
      feed_problem(severity::error, std::string{io::csv_issue_code(csv.issue())}, name, e.line, {},
                   e.message + "; file skipped");
      return std::nullopt;
    }
    table t{*this, display(name), std::move(csv), {}};
    t.used.assign(t.csv.header().size(), false);
    return t;
  }

  void load_feed(feed_input const& in, io::feed_source const& source, std::size_t feed_ix, std::size_t n_feeds);
  void load_agency();
  void load_stops();
  void load_routes();
  void load_calendar(bool& have_calendar);
  void load_calendar_dates(bool& have_calendar_dates);
  void load_trips();
  void load_stop_times();
  void load_frequencies();
  void load_transfers();
  void load_feed_info();
  void load_translations();
  void check_unused_stops();
};

int table::col(std::string_view name) {
  int const c = csv.column(name);
  if (c >= 0) used[static_cast<std::size_t>(c)] = true;
  return c;
}

int table::required_col(std::string_view name, bool& ok) {
  int const c = col(name);
  if (c < 0) {
    L.rep.add(severity::error, "missing_required_column", file, 1, std::string{name},
              "required column " + std::string{name} + " is missing; file skipped");
    ok = false;
  }
  return c;
}

void table::problem(severity s, std::string code, std::string_view field, std::string msg) {
  L.rep.add(s, std::move(code), file, csv.line(), std::string{field}, std::move(msg));
}

bool table::next() {
  if (csv.next()) return true;
  if (csv.issue() != io::csv_issue::none) {
    auto const& e = csv.failure();
    L.rep.add(severity::error, std::string{io::csv_issue_code(csv.issue())}, file, e.line, {},
              e.message + "; the rest of the file is skipped");
  }
  return false;
}

bool table::row_ok() {
  if (csv.unterminated_quote()) {
    problem(severity::error, "unterminated_quote", {}, "quoted field not closed before the end of the file; row skipped");
    return false;
  }
  auto const n = csv.header().size();
  if (csv.n_fields() < n)
    problem(severity::warning, "missing_row_cells", {},
            "row has " + std::to_string(csv.n_fields()) + " fields, header has " + std::to_string(n) +
                "; missing fields read as empty");
  else if (csv.n_fields() > n)
    problem(severity::warning, "extra_row_cells", {},
            "row has " + std::to_string(csv.n_fields()) + " fields, header has " + std::to_string(n) +
                "; extra fields ignored");
  return true;
}

void table::report_unknown_columns() {
  auto const& h = csv.header();
  for (std::size_t i = 0; i < h.size(); ++i)
    if (!used[i])
      L.rep.add(severity::info, "unknown_column", file, 1, h[i], "column not used by kwartier; ignored");
}

// wheelchair_boarding / wheelchair_accessible / bikes_allowed: empty or 0..2; anything else is reported
// and read as 0 (no information).
accessibility parse_accessibility(table& t, int col, std::string_view field) {
  auto const v = trim(t.csv.field(col));
  if (v.empty() || v == "0") return accessibility::unknown;
  if (v == "1") return accessibility::yes;
  if (v == "2") return accessibility::no;
  t.problem(severity::warning, "invalid_value", field, std::string{field} + " '" + std::string{v} + "' is not 0, 1 or 2; read as 0");
  return accessibility::unknown;
}

// Columns read but not needed for routing (so they are not reported as unknown).
void mark_known(table& t, std::initializer_list<std::string_view> names) {
  for (auto const n : names) (void)t.col(n);
}

// ---------------------------------------------------------------------------------------- agency

// An IANA zone name of the system tz database (date/tz, Debian tzdata).
bool known_timezone(std::string_view tz) { return valid_time_zone(tz); }

void loader::load_agency() {
  auto t = open("agency.txt", true);
  if (!t) return;
  bool ok = true;
  int const c_id = t->col("agency_id");
  int const c_name = t->required_col("agency_name", ok);
  t->required_col("agency_url", ok);
  int const c_tz = t->required_col("agency_timezone", ok);
  mark_known(*t, {"agency_lang", "agency_phone", "agency_fare_url", "agency_email", "cemv_support"});
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    auto const name = t->csv.field(c_name);
    auto const tz = trim(t->csv.field(c_tz));
    if (id.empty() && d.agency_ids.size() > feed_first_agency) {
      t->problem(severity::error, "missing_required_field", "agency_id",
                 "agency_id is required when a feed has several agencies; row skipped");
      continue;
    }
    if (!id.empty() && agency_map.contains(id)) {
      t->problem(severity::error, "duplicate_id", "agency_id", "duplicate agency_id '" + std::string{id} + "'; row skipped");
      continue;
    }
    if (tz.empty())
      t->problem(severity::error, "missing_required_field", "agency_timezone", "agency_timezone is empty");
    else if (!known_timezone(tz))
      t->problem(severity::warning, "invalid_timezone", "agency_timezone",
                 "'" + std::string{tz} + "' is not an IANA time zone name");
    if (name.empty()) t->problem(severity::error, "missing_required_field", "agency_name", "agency_name is empty");
    auto const ix = static_cast<std::uint32_t>(d.agency_ids.size());
    agency_map.emplace(std::string{id}, ix);
    d.agency_ids.push_back(ns(id));
    d.agency_names.emplace_back(name);
    d.agency_timezones.emplace_back(tz);
    agencies.push_back(agency_summary{d.agency_ids.back(), d.agency_names.back(), d.agency_timezones.back()});
    agency_where.emplace_back(t->file, t->csv.line());
    ++counts.agencies;
  }
  t->report_unknown_columns();
  // All agencies of one feed must share a time zone (GTFS).
  for (std::size_t i = feed_first_agency + 1; i < d.agency_timezones.size(); ++i)
    if (d.agency_timezones[i] != d.agency_timezones[feed_first_agency]) {
      feed_problem(severity::warning, "mixed_timezones", "agency.txt", 0, "agency_timezone",
                   "agencies of one feed have different time zones; each route keeps its agency's zone");
      break;
    }
}

// ---------------------------------------------------------------------------------------- stops

void loader::load_stops() {
  auto t = open("stops.txt", true);
  if (!t) return;
  bool ok = true;
  int const c_id = t->required_col("stop_id", ok);
  int const c_name = t->col("stop_name");
  int const c_lat = t->col("stop_lat");
  int const c_lon = t->col("stop_lon");
  int const c_type = t->col("location_type");
  int const c_parent = t->col("parent_station");
  int const c_wheelchair = t->col("wheelchair_boarding");
  int const c_platform = t->col("platform_code");
  mark_known(*t, {"stop_code", "stop_desc", "zone_id", "stop_url", "stop_timezone", "level_id", "tts_stop_name",
                  "stop_access"});
  if (c_name < 0) t->problem(severity::error, "missing_required_column", "stop_name", "required column stop_name is missing");
  if (c_lat < 0 || c_lon < 0) {
    rep.add(severity::error, "missing_required_column", t->file, 1, c_lat < 0 ? "stop_lat" : "stop_lon",
            "required column is missing; file skipped");
    ok = false;
  }
  if (!ok) return;
  struct pending_parent {
    std::uint32_t stop;
    std::string parent;
    std::uint32_t line;
  };
  std::vector<pending_parent> parents;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    if (id.empty()) {
      t->problem(severity::error, "missing_required_field", "stop_id", "stop_id is empty; row skipped");
      continue;
    }
    if (stop_map.contains(id)) {
      t->problem(severity::error, "duplicate_id", "stop_id", "duplicate stop_id '" + std::string{id} + "'; row skipped");
      continue;
    }
    std::int64_t lt = 0;
    auto const ltp = parse_int(t->csv.field(c_type), lt);
    if (ltp == parsed::bad || (ltp == parsed::ok && (lt < 0 || lt > 4))) {
      t->problem(severity::error, "invalid_value", "location_type",
                 "location_type '" + std::string{t->csv.field(c_type)} + "' is not 0..4; read as 0");
      lt = 0;
    }
    double lat = 0, lon = 0;
    auto const plat = parse_double(t->csv.field(c_lat), lat);
    auto const plon = parse_double(t->csv.field(c_lon), lon);
    bool const needs_pos = lt <= 2;
    auto const skip_stop = [&] { skipped.add(text_field::stop_name, id, t->csv.field(c_name)); };
    if (plat == parsed::bad || (plat == parsed::ok && std::abs(lat) > 90)) {
      skip_stop();
      t->problem(severity::error, "invalid_coordinate", "stop_lat",
                 "stop_lat '" + std::string{t->csv.field(c_lat)} + "' is not a latitude; row skipped");
      continue;
    }
    if (plon == parsed::bad || (plon == parsed::ok && std::abs(lon) > 180)) {
      skip_stop();
      t->problem(severity::error, "invalid_coordinate", "stop_lon",
                 "stop_lon '" + std::string{t->csv.field(c_lon)} + "' is not a longitude; row skipped");
      continue;
    }
    if (needs_pos && (plat == parsed::empty || plon == parsed::empty)) {
      skip_stop();
      t->problem(severity::error, "missing_required_field", plat == parsed::empty ? "stop_lat" : "stop_lon",
                 "stop without coordinates; row skipped");
      continue;
    }
    auto const name = t->csv.field(c_name);
    if (needs_pos && name.empty())
      t->problem(severity::error, "missing_required_field", "stop_name", "stop_name is empty");
    auto const wheelchair = parse_accessibility(*t, c_wheelchair, "wheelchair_boarding");
    auto const ix = static_cast<std::uint32_t>(d.stop_ids.size());
    stop_map.emplace(std::string{id}, ix);
    d.stop_ids.push_back(ns(id));
    d.stop_names.emplace_back(name);
    d.stop_pos.push_back(latlon{lat, lon});
    d.stop_location_type.push_back(static_cast<std::uint8_t>(lt));
    d.stop_parent.push_back(kNone);
    d.stop_wheelchair.push_back(static_cast<std::uint8_t>(wheelchair));
    d.stop_platform.push_back(d.texts.intern(trim(t->csv.field(c_platform))));
    stop_line.push_back(t->csv.line());
    if (auto const p = trim(t->csv.field(c_parent)); !p.empty())
      parents.push_back(pending_parent{ix, std::string{p}, t->csv.line()});
    ++counts.stops;
  }
  for (auto const& p : parents) {
    auto const parent = find(stop_map, p.parent);
    if (parent == kNone) {
      rep.add(severity::error, "dangling_parent_station", t->file, p.line, "parent_station",
              "parent_station '" + p.parent + "' is not a stop; ignored");
      continue;
    }
    if (parent == p.stop) {
      rep.add(severity::error, "invalid_value", t->file, p.line, "parent_station", "stop is its own parent; ignored");
      continue;
    }
    if (d.stop_location_type[parent] != static_cast<std::uint8_t>(location_type::station) &&
        d.stop_location_type[p.stop] <= 1)
      rep.add(severity::warning, "parent_not_station", t->file, p.line, "parent_station",
              "parent_station '" + p.parent + "' does not have location_type 1");
    d.stop_parent[p.stop] = parent;
  }
  // wheelchair_boarding 0 on a child stop, entrance or boarding area inherits the parent's value (GTFS);
  // up to three levels (boarding area -> platform -> station), parents resolved first.
  for (int level = 0; level < 3; ++level)
    for (auto s = feed_first_stop; s < d.stop_ids.size(); ++s)
      if (d.stop_wheelchair[s] == 0 && d.stop_parent[s] != kNone) d.stop_wheelchair[s] = d.stop_wheelchair[d.stop_parent[s]];
  // Two boarding stops (not platforms of one station) closer than 2 m are almost surely one stop twice.
  {
    std::vector<std::uint32_t> order;
    for (auto s = feed_first_stop; s < d.stop_ids.size(); ++s)
      if (d.stop_location_type[s] == 0) order.push_back(s);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return d.stop_pos[a].lat < d.stop_pos[b].lat; });
    constexpr double kMeters = 2.0, kDegLat = 111'195.0;
    for (std::size_t i = 0; i < order.size(); ++i)
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        auto const a = order[i], b = order[j];
        auto const dlat = (d.stop_pos[b].lat - d.stop_pos[a].lat) * kDegLat;
        if (dlat > kMeters) break;
        auto const dlon = (d.stop_pos[b].lon - d.stop_pos[a].lon) * kDegLat * std::cos(d.stop_pos[a].lat * 0.017453292519943295);
        if (dlat * dlat + dlon * dlon > kMeters * kMeters) continue;
        if (d.stop_parent[a] != kNone && d.stop_parent[a] == d.stop_parent[b]) continue;
        auto const later = stop_line[a] > stop_line[b] ? a : b;
        auto const other = later == a ? b : a;
        rep.add(severity::warning, "stops_too_close", t->file, stop_line[later], "stop_lat",
                "stop '" + d.stop_ids[later] + "' is within 2 m of stop '" + d.stop_ids[other] + "'");
      }
  }
  t->report_unknown_columns();
}

// ---------------------------------------------------------------------------------------- routes

void loader::load_routes() {
  auto t = open("routes.txt", true);
  if (!t) return;
  bool ok = true;
  int const c_id = t->required_col("route_id", ok);
  int const c_agency = t->col("agency_id");
  int const c_short = t->col("route_short_name");
  int const c_long = t->col("route_long_name");
  int const c_type = t->required_col("route_type", ok);
  mark_known(*t, {"route_desc", "route_url", "route_color", "route_text_color", "route_sort_order",
                  "continuous_pickup", "continuous_drop_off", "network_id", "cemv_support"});
  if (!ok) return;
  auto const n_feed_agencies = d.agency_ids.size() - feed_first_agency;
  std::unordered_map<std::string, std::uint32_t> names;  // agency + short + long -> first line
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    if (id.empty()) {
      t->problem(severity::error, "missing_required_field", "route_id", "route_id is empty; row skipped");
      continue;
    }
    if (route_map.contains(id)) {
      t->problem(severity::error, "duplicate_id", "route_id", "duplicate route_id '" + std::string{id} + "'; row skipped");
      continue;
    }
    std::int64_t type = 0;
    auto const pt = parse_int(t->csv.field(c_type), type);
    if (pt != parsed::ok || type < 0 || type > 1702 || (type > 12 && type < 100)) {
      skipped.add(text_field::route_short_name, id, t->csv.field(c_short));
      skipped.add_value(text_field::route_long_name, t->csv.field(c_long));
      t->problem(severity::error, "invalid_value", "route_type",
                 "route_type '" + std::string{t->csv.field(c_type)} + "' is not a GTFS route type; row skipped");
      continue;
    }
    auto agency_id = trim(t->csv.field(c_agency));
    std::uint32_t agency = kNone;
    if (agency_id.empty()) {
      if (n_feed_agencies > 1)
        t->problem(severity::error, "missing_required_field", "agency_id",
                   "agency_id is required when the feed has several agencies; first agency used");
      if (n_feed_agencies > 0) agency = feed_first_agency;
    } else {
      agency = find(agency_map, agency_id);
      if (agency == kNone) {
        t->problem(severity::error, "dangling_agency_id", "agency_id",
                   "agency_id '" + std::string{agency_id} + "' is not in agency.txt; first agency used");
        if (n_feed_agencies > 0) agency = feed_first_agency;
      }
    }
    if (agency == kNone) {  // no agency.txt at all: a placeholder keeps the index valid
      agency = static_cast<std::uint32_t>(d.agency_ids.size());
      agency_map.emplace("", agency);
      d.agency_ids.push_back(ns(""));
      d.agency_names.emplace_back();
      d.agency_timezones.emplace_back();
      agency_where.emplace_back(display("agency.txt"), 0);
    }
    auto const sn = t->csv.field(c_short);
    auto const ln = t->csv.field(c_long);
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
    route_map.emplace(std::string{id}, ix);
    d.line_ids.push_back(ns(id));
    d.line_short_names.emplace_back(sn);
    d.line_long_names.emplace_back(ln);
    d.lines.push_back(line_info{agency_idx_t{agency}, static_cast<std::int32_t>(type)});
    ++counts.routes;
  }
  t->report_unknown_columns();
}

// ---------------------------------------------------------------------------------------- calendars

void loader::load_calendar(bool& have) {
  auto t = open("calendar.txt", false);
  if (!t) return;
  have = true;
  bool ok = true;
  int const c_id = t->required_col("service_id", ok);
  static constexpr std::array<std::string_view, 7> kDays = {"monday", "tuesday", "wednesday", "thursday",
                                                            "friday", "saturday", "sunday"};
  std::array<int, 7> c_day{};
  for (std::size_t i = 0; i < 7; ++i) c_day[i] = t->required_col(kDays[i], ok);
  int const c_start = t->required_col("start_date", ok);
  int const c_end = t->required_col("end_date", ok);
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    if (id.empty()) {
      t->problem(severity::error, "missing_required_field", "service_id", "service_id is empty; row skipped");
      continue;
    }
    if (service_map.contains(id)) {
      t->problem(severity::error, "duplicate_id", "service_id",
                 "duplicate service_id '" + std::string{id} + "'; row skipped");
      continue;
    }
    gtfs_service s;
    bool row_ok = true;
    for (std::size_t i = 0; i < 7 && row_ok; ++i) {
      auto const v = trim(t->csv.field(c_day[i]));
      if (v == "1") s.weekdays = static_cast<std::uint8_t>(s.weekdays | (1U << i));
      else if (v != "0") {
        t->problem(severity::error, "invalid_value", kDays[i],
                   std::string{kDays[i]} + " is '" + std::string{v} + "', expected 0 or 1; row skipped");
        row_ok = false;
      }
    }
    if (!row_ok) continue;
    auto const ps = parse_date(t->csv.field(c_start), s.start);
    auto const pe = parse_date(t->csv.field(c_end), s.end);
    if (ps != parsed::ok) {
      t->problem(severity::error, ps == parsed::empty ? "missing_required_field" : "invalid_date", "start_date",
                 "start_date '" + std::string{t->csv.field(c_start)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    if (pe != parsed::ok) {
      t->problem(severity::error, pe == parsed::empty ? "missing_required_field" : "invalid_date", "end_date",
                 "end_date '" + std::string{t->csv.field(c_end)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    if (s.end < s.start) {
      t->problem(severity::error, "invalid_value", "end_date", "end_date is before start_date; row skipped");
      continue;
    }
    service_map.emplace(std::string{id}, static_cast<std::uint32_t>(d.services.size()));
    d.services.push_back(std::move(s));
    ++counts.calendar;
  }
  t->report_unknown_columns();
}

void loader::load_calendar_dates(bool& have) {
  auto t = open("calendar_dates.txt", false);
  if (!t) return;
  have = true;
  bool ok = true;
  int const c_id = t->required_col("service_id", ok);
  int const c_date = t->required_col("date", ok);
  int const c_type = t->required_col("exception_type", ok);
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    if (id.empty()) {
      t->problem(severity::error, "missing_required_field", "service_id", "service_id is empty; row skipped");
      continue;
    }
    std::int32_t day = 0;
    auto const pd = parse_date(t->csv.field(c_date), day);
    if (pd != parsed::ok) {
      t->problem(severity::error, pd == parsed::empty ? "missing_required_field" : "invalid_date", "date",
                 "date '" + std::string{t->csv.field(c_date)} + "' is not YYYYMMDD; row skipped");
      continue;
    }
    auto const type = trim(t->csv.field(c_type));
    if (type != "1" && type != "2") {
      t->problem(severity::error, "invalid_value", "exception_type",
                 "exception_type '" + std::string{type} + "' is not 1 or 2; row skipped");
      continue;
    }
    auto sv = find(service_map, id);
    if (sv == kNone) {  // calendar_dates-only service (NMBS, De Lijn)
      sv = static_cast<std::uint32_t>(d.services.size());
      service_map.emplace(std::string{id}, sv);
      d.services.emplace_back();
    }
    auto& s = d.services[sv];
    auto& list = type == "1" ? s.added : s.removed;
    auto& other = type == "1" ? s.removed : s.added;
    if (std::find(list.begin(), list.end(), day) != list.end() ||
        std::find(other.begin(), other.end(), day) != other.end()) {
      t->problem(severity::warning, "duplicate_key", "date",
                 "service '" + std::string{id} + "' already has an exception on this date; row ignored");
      continue;
    }
    list.push_back(day);
    ++counts.calendar_dates;
  }
  t->report_unknown_columns();
}

// ---------------------------------------------------------------------------------------- trips

void loader::load_trips() {
  auto t = open("trips.txt", true);
  if (!t) return;
  bool ok = true;
  int const c_route = t->required_col("route_id", ok);
  int const c_service = t->required_col("service_id", ok);
  int const c_id = t->required_col("trip_id", ok);
  int const c_headsign = t->col("trip_headsign");
  int const c_short = t->col("trip_short_name");
  int const c_dir = t->col("direction_id");
  int const c_wheelchair = t->col("wheelchair_accessible");
  int const c_bikes = t->col("bikes_allowed");
  mark_known(*t, {"block_id", "shape_id", "cars_allowed"});
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const id = trim(t->csv.field(c_id));
    if (id.empty()) {
      t->problem(severity::error, "missing_required_field", "trip_id", "trip_id is empty; row skipped");
      continue;
    }
    if (trip_map.contains(id)) {
      t->problem(severity::error, "duplicate_id", "trip_id", "duplicate trip_id '" + std::string{id} + "'; row skipped");
      continue;
    }
    auto const rid = trim(t->csv.field(c_route));
    auto const route = find(route_map, rid);
    auto const sid = trim(t->csv.field(c_service));
    auto const service = find(service_map, sid);
    bool skip = false;
    if (route == kNone) {
      t->problem(severity::error, "dangling_route_id", "route_id",
                 "route_id '" + std::string{rid} + "' is not in routes.txt; row skipped");
      skip = true;
    }
    if (service == kNone) {
      t->problem(severity::error, "dangling_service_id", "service_id",
                 "service_id '" + std::string{sid} + "' is not in calendar.txt or calendar_dates.txt; row skipped");
      skip = true;
    }
    if (skip) {
      skipped.add(text_field::trip_headsign, id, trim(t->csv.field(c_headsign)));
      continue;
    }
    trip_map.emplace(std::string{id}, static_cast<std::uint32_t>(d.trips.size()));
    gtfs_trip tr;
    tr.id = ns(id);
    tr.line = route;
    tr.service = service;
    tr.headsign = d.texts.intern(trim(t->csv.field(c_headsign)));
    tr.short_name = d.texts.intern(trim(t->csv.field(c_short)));
    if (auto const dir = trim(t->csv.field(c_dir)); dir == "0" || dir == "1")
      tr.attr.direction = static_cast<std::uint8_t>(dir[0] - '0');
    else if (!dir.empty())
      t->problem(severity::warning, "invalid_value", "direction_id",
                 "direction_id '" + std::string{dir} + "' is not 0 or 1; read as empty");
    tr.attr.wheelchair = parse_accessibility(*t, c_wheelchair, "wheelchair_accessible");
    tr.attr.bikes = parse_accessibility(*t, c_bikes, "bikes_allowed");
    d.trips.push_back(std::move(tr));
    trip_line.push_back(t->csv.line());
    ++counts.trips;
  }
  t->report_unknown_columns();
}

// ---------------------------------------------------------------------------------------- stop_times

void loader::load_stop_times() {
  auto t = open("stop_times.txt", true);
  if (!t) return;
  bool ok = true;
  int const c_trip = t->required_col("trip_id", ok);
  int const c_arr = t->required_col("arrival_time", ok);
  int const c_dep = t->required_col("departure_time", ok);
  int const c_stop = t->required_col("stop_id", ok);
  int const c_seq = t->required_col("stop_sequence", ok);
  int const c_pickup = t->col("pickup_type");
  int const c_drop = t->col("drop_off_type");
  mark_known(*t, {"stop_headsign", "shape_dist_traveled", "timepoint", "continuous_pickup", "continuous_drop_off",
                  "location_group_id", "location_id", "start_pickup_drop_off_window", "end_pickup_drop_off_window",
                  "pickup_booking_rule_id", "drop_off_booking_rule_id"});
  if (!ok) return;

  struct row {
    std::uint32_t trip, stop, seq, line;
    std::int32_t arr, dep;  // -1: empty
    std::uint8_t flags;
  };
  std::vector<row> rows;
  rows.reserve(t->csv.bytes() / 40);
  std::string last_trip_id;
  std::uint32_t last_trip = kNone;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const tid = trim(t->csv.field(c_trip));
    std::uint32_t trip;
    if (last_trip != kNone && tid == last_trip_id) {
      trip = last_trip;
    } else {
      trip = find(trip_map, tid);
      if (trip != kNone) {
        last_trip_id.assign(tid);
        last_trip = trip;
      }
    }
    auto const sid = trim(t->csv.field(c_stop));
    auto const stop = find(stop_map, sid);
    bool skip = false;
    if (trip == kNone) {
      t->problem(severity::error, "dangling_trip_id", "trip_id",
                 "trip_id '" + std::string{tid} + "' is not in trips.txt; row skipped");
      skip = true;
    }
    if (stop == kNone) {
      t->problem(severity::error, "dangling_stop_id", "stop_id",
                 "stop_id '" + std::string{sid} + "' is not in stops.txt; row skipped");
      skip = true;
    }
    std::int64_t seq = 0;
    auto const ps = parse_int(t->csv.field(c_seq), seq);
    if (ps != parsed::ok) {
      t->problem(severity::error, ps == parsed::empty ? "missing_required_field" : "invalid_value", "stop_sequence",
                 "stop_sequence '" + std::string{t->csv.field(c_seq)} + "' is not an integer; row skipped");
      skip = true;
    } else if (seq < 0) {
      t->problem(severity::error, "negative_stop_sequence", "stop_sequence",
                 "stop_sequence " + std::to_string(seq) + " is negative; row skipped");
      skip = true;
    } else if (seq > std::numeric_limits<std::int32_t>::max()) {
      t->problem(severity::error, "invalid_value", "stop_sequence", "stop_sequence too large; row skipped");
      skip = true;
    }
    if (skip) continue;
    std::int32_t arr = -1, dep = -1;
    auto const pa = parse_time(t->csv.field(c_arr), arr);
    if (pa == parsed::bad) {
      t->problem(severity::error, "invalid_time", "arrival_time",
                 "arrival_time '" + std::string{t->csv.field(c_arr)} + "' is not H:MM:SS; treated as empty");
      arr = -1;
    }
    auto const pd = parse_time(t->csv.field(c_dep), dep);
    if (pd == parsed::bad) {
      t->problem(severity::error, "invalid_time", "departure_time",
                 "departure_time '" + std::string{t->csv.field(c_dep)} + "' is not H:MM:SS; treated as empty");
      dep = -1;
    }
    if (pa == parsed::empty && pd == parsed::ok) {
      t->problem(severity::error, "missing_required_field", "arrival_time",
                 "departure_time is given but arrival_time is empty; arrival set to departure");
      arr = dep;
    }
    if (pd == parsed::empty && pa == parsed::ok) {
      t->problem(severity::error, "missing_required_field", "departure_time",
                 "arrival_time is given but departure_time is empty; departure set to arrival");
      dep = arr;
    }
    if (pa == parsed::bad && pd == parsed::ok) arr = dep;
    if (pd == parsed::bad && pa == parsed::ok) dep = arr;
    if (arr >= 0 && dep < arr) {
      t->problem(severity::error, "times_backwards", "departure_time",
                 "departure_time is before arrival_time; departure set to arrival");
      dep = arr;
    }
    std::uint8_t flags = 0;
    auto const pickup = trim(t->csv.field(c_pickup));
    auto const drop = trim(t->csv.field(c_drop));
    if (pickup == "1") flags |= kNoPickup;
    else if (!pickup.empty() && pickup != "0" && pickup != "2" && pickup != "3")
      t->problem(severity::warning, "invalid_value", "pickup_type", "pickup_type '" + std::string{pickup} + "' read as 0");
    if (drop == "1") flags |= kNoDropOff;
    else if (!drop.empty() && drop != "0" && drop != "2" && drop != "3")
      t->problem(severity::warning, "invalid_value", "drop_off_type", "drop_off_type '" + std::string{drop} + "' read as 0");
    rows.push_back(row{trip, stop, static_cast<std::uint32_t>(seq), t->csv.line(), arr, dep, flags});
    ++counts.stop_times;
  }
  t->report_unknown_columns();

  // Group per trip in stop_sequence order (stable: rows of a trip usually arrive in order already).
  // Group by trip with a counting sort (stable, O(n)), then order each trip's rows by stop_sequence (they
  // usually are already).
  {
    std::vector<std::uint32_t> start(d.trips.size() + 1, 0);
    for (auto const& r : rows) ++start[r.trip + 1];
    for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    std::vector<row> grouped(rows.size());
    for (auto const& r : rows) grouped[start[r.trip]++] = r;
    rows.swap(grouped);
    auto const by_seq = [](row const& a, row const& b) { return a.seq < b.seq; };
    for (std::size_t b = 0; b < rows.size();) {
      std::size_t e = b;
      while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
      if (!std::is_sorted(rows.begin() + static_cast<std::ptrdiff_t>(b), rows.begin() + static_cast<std::ptrdiff_t>(e), by_seq))
        std::stable_sort(rows.begin() + static_cast<std::ptrdiff_t>(b), rows.begin() + static_cast<std::ptrdiff_t>(e), by_seq);
      b = e;
    }
  }
  auto const file = t->file;
  auto const problem = [&](row const& r, std::string code, std::string_view field, std::string msg) {
    rep.add(severity::error, std::move(code), file, r.line, std::string{field}, std::move(msg));
  };
  std::vector<row> kept;
  for (std::size_t b = 0; b < rows.size();) {
    std::size_t e = b;
    while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
    kept.clear();
    for (std::size_t i = b; i < e; ++i) {
      if (!kept.empty() && rows[i].seq == kept.back().seq) {
        problem(rows[i], "duplicate_stop_sequence", "stop_sequence",
                "trip '" + d.trips[rows[i].trip].id + "' already has stop_sequence " + std::to_string(rows[i].seq) +
                    "; row skipped");
        continue;
      }
      kept.push_back(rows[i]);
    }
    auto& trip = d.trips[rows[b].trip];
    // Times must not go backwards: a row earlier than the previous departure is skipped.
    {
      std::vector<row> mono;
      mono.reserve(kept.size());
      std::int32_t last = -1;
      for (auto const& r : kept) {
        if (r.arr >= 0) {
          if (r.arr < last) {
            problem(r, "times_backwards", "arrival_time",
                    "arrival_time is before the previous departure of trip '" + trip.id + "'; row skipped");
            continue;
          }
          last = r.dep;
        }
        mono.push_back(r);
      }
      kept.swap(mono);
    }
    // Endpoints need times (checked after dropping rows that go backwards): untimed leading/trailing rows are dropped.
    while (!kept.empty() && kept.front().arr < 0) {
      problem(kept.front(), "missing_endpoint_time", "arrival_time",
              "first stop of trip '" + trip.id + "' has no time; row skipped");
      kept.erase(kept.begin());
    }
    while (!kept.empty() && kept.back().arr < 0) {
      problem(kept.back(), "missing_endpoint_time", "arrival_time",
              "last stop of trip '" + trip.id + "' has no time; row skipped");
      kept.pop_back();
    }
    // Interpolate empty intermediate times linearly by stop position between the timed neighbours.
    for (std::size_t i = 0; i < kept.size();) {
      if (kept[i].arr >= 0) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < kept.size() && kept[j].arr < 0) ++j;
      if (j == kept.size() || i == 0) break;  // cannot happen: both endpoints are timed
      auto const t0 = kept[i - 1].dep;
      auto const t1 = kept[j].arr;
      auto const span = static_cast<double>(j - (i - 1));
      for (std::size_t k = i; k < j; ++k) {
        auto const v = t0 + static_cast<std::int32_t>(std::lround((t1 - t0) * static_cast<double>(k - (i - 1)) / span));
        kept[k].arr = kept[k].dep = v;
      }
      i = j;
    }
    trip.first_st = static_cast<std::uint32_t>(d.stop_times.size());
    trip.n_st = static_cast<std::uint32_t>(kept.size());
    for (auto const& r : kept) d.stop_times.push_back(gtfs_stop_time{r.stop, r.arr, r.dep, r.flags});
    b = e;
  }
}

// ---------------------------------------------------------------------------------------- frequencies

void loader::load_frequencies() {
  auto t = open("frequencies.txt", false);
  if (!t) return;
  bool ok = true;
  int const c_trip = t->required_col("trip_id", ok);
  int const c_start = t->required_col("start_time", ok);
  int const c_end = t->required_col("end_time", ok);
  int const c_head = t->required_col("headway_secs", ok);
  mark_known(*t, {"exact_times"});
  if (!ok) return;
  struct row {
    std::uint32_t trip;
    gtfs_frequency f;
  };
  std::vector<row> rows;
  while (t->next()) {
    if (!t->row_ok()) continue;
    auto const tid = trim(t->csv.field(c_trip));
    auto const trip = find(trip_map, tid);
    if (trip == kNone) {
      t->problem(severity::error, "dangling_trip_id", "trip_id",
                 "trip_id '" + std::string{tid} + "' is not in trips.txt; row skipped");
      continue;
    }
    gtfs_frequency f{};
    if (parse_time(t->csv.field(c_start), f.start) != parsed::ok) {
      t->problem(severity::error, "invalid_time", "start_time",
                 "start_time '" + std::string{t->csv.field(c_start)} + "' is not H:MM:SS; row skipped");
      continue;
    }
    if (parse_time(t->csv.field(c_end), f.end) != parsed::ok) {
      t->problem(severity::error, "invalid_time", "end_time",
                 "end_time '" + std::string{t->csv.field(c_end)} + "' is not H:MM:SS; row skipped");
      continue;
    }
    std::int64_t h = 0;
    if (parse_int(t->csv.field(c_head), h) != parsed::ok || h <= 0 || h > 86400) {
      t->problem(severity::error, "invalid_value", "headway_secs",
                 "headway_secs '" + std::string{t->csv.field(c_head)} + "' is not a positive number; row skipped");
      continue;
    }
    if (f.end <= f.start) {
      t->problem(severity::error, "invalid_value", "end_time", "end_time is not after start_time; row skipped");
      continue;
    }
    f.headway = static_cast<std::int32_t>(h);
    if ((f.end - f.start) / f.headway > kMaxFrequencyTrips) {
      t->problem(severity::error, "invalid_value", "headway_secs",
                 "window would expand into more than " + std::to_string(kMaxFrequencyTrips) + " trips; row skipped");
      continue;
    }
    // Count what build_timetable will expand (one trip per headway from start_time while < end_time, only
    // for trips that kept two or more stop times) against the total cap.
    if (d.trips[trip].n_st >= 2) {
      frequency_trips += static_cast<std::uint64_t>((f.end - f.start + f.headway - 1) / f.headway);
      if (frequency_trips > opt.max_frequency_trips) {
        limit = error{errc::limit_exceeded,
                      "frequencies expand into more than " + std::to_string(opt.max_frequency_trips) +
                          " trips (load_options::max_frequency_trips)",
                      t->file, t->csv.line(), "headway_secs"};
        return;
      }
      if (!frequency_warned && frequency_trips * 2 > opt.max_frequency_trips) {
        frequency_warned = true;
        t->problem(severity::warning, "frequency_trips_high", "headway_secs",
                   "frequencies expand into " + std::to_string(frequency_trips) + " trips so far, over half of the cap of " +
                       std::to_string(opt.max_frequency_trips) + " (load_options::max_frequency_trips)");
      }
    }
    rows.push_back(row{trip, f});
    ++counts.frequencies;
  }
  t->report_unknown_columns();
  std::stable_sort(rows.begin(), rows.end(), [](row const& a, row const& b) { return a.trip < b.trip; });
  for (std::size_t b = 0; b < rows.size();) {
    std::size_t e = b;
    while (e < rows.size() && rows[e].trip == rows[b].trip) ++e;
    auto& trip = d.trips[rows[b].trip];
    trip.first_freq = static_cast<std::uint32_t>(d.frequencies.size());
    trip.n_freq = static_cast<std::uint32_t>(e - b);
    for (std::size_t i = b; i < e; ++i) d.frequencies.push_back(rows[i].f);
    b = e;
  }
}

// ---------------------------------------------------------------------------------------- transfers

void loader::load_transfers() {
  auto t = open("transfers.txt", false);
  if (!t) return;
  bool ok = true;
  int const c_from = t->col("from_stop_id");
  int const c_to = t->col("to_stop_id");
  int const c_type = t->required_col("transfer_type", ok);
  int const c_min = t->col("min_transfer_time");
  mark_known(*t, {"from_route_id", "to_route_id", "from_trip_id", "to_trip_id"});
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    std::int64_t type = 0;
    auto const pt = parse_int(t->csv.field(c_type), type);
    if (pt == parsed::bad || type < 0 || type > 5) {
      t->problem(severity::error, "invalid_value", "transfer_type",
                 "transfer_type '" + std::string{t->csv.field(c_type)} + "' is not 0..5; row skipped");
      continue;
    }
    auto const fid = trim(t->csv.field(c_from));
    auto const tid = trim(t->csv.field(c_to));
    if (fid.empty() || tid.empty()) {  // trip/route-to-trip transfers without stops: not used for routing
      t->problem(severity::info, "transfer_without_stops", fid.empty() ? "from_stop_id" : "to_stop_id",
                 "transfer without from/to stop is not used; row ignored");
      continue;
    }
    auto const from = find(stop_map, fid);
    auto const to = find(stop_map, tid);
    if (from == kNone || to == kNone) {
      t->problem(severity::error, "dangling_stop_id", from == kNone ? "from_stop_id" : "to_stop_id",
                 "stop_id '" + std::string{from == kNone ? fid : tid} + "' is not in stops.txt; row skipped");
      continue;
    }
    std::int64_t min = 0;
    auto const pm = parse_int(t->csv.field(c_min), min);
    if (pm == parsed::bad || min < 0 || min > 86400) {
      t->problem(severity::error, "invalid_value", "min_transfer_time",
                 "min_transfer_time '" + std::string{t->csv.field(c_min)} + "' is not a duration; read as 0");
      min = 0;
    }
    if (type == 2 && pm == parsed::empty)
      t->problem(severity::warning, "missing_required_field", "min_transfer_time",
                 "transfer_type 2 needs min_transfer_time; read as 0");
    d.transfers.push_back(transfer{stop_idx_t{from}, stop_idx_t{to}, static_cast<std::int32_t>(min),
                                   static_cast<transfer_type>(type)});
    ++counts.transfers;
  }
  t->report_unknown_columns();
}

// ---------------------------------------------------------------------------------------- feed_info, translations

void loader::load_feed_info() {
  auto t = open("feed_info.txt", false);
  if (!t) return;
  bool ok = true;
  t->required_col("feed_publisher_name", ok);
  t->required_col("feed_publisher_url", ok);
  t->required_col("feed_lang", ok);
  mark_known(*t, {"feed_start_date", "feed_end_date", "feed_version", "feed_contact_email", "feed_contact_url",
                  "default_lang", "feed_id"});
  if (!ok) return;
  while (t->next()) {
    if (!t->row_ok()) continue;
    ++counts.feed_info;
  }
  t->report_unknown_columns();
}

// translations.txt: stop names, route short/long names, trip headsigns and agency names, by record_id or
// by field_value; rows for other tables and fields are counted and not used.
void loader::load_translations() {
  auto t = open("translations.txt", false);
  if (!t) return;
  // Current GTFS format, or the older Google format (trans_id, lang, translation) where trans_id is the
  // translated text itself (as NMBS used it): it applies to every kept field with that value.
  bool const legacy = t->csv.column("trans_id") >= 0 && t->csv.column("table_name") < 0;
  bool ok = true;
  int c_table = -1, c_field = -1, c_lang, c_text, c_record = -1, c_value = -1;
  if (legacy) {
    int const c_trans = t->required_col("trans_id", ok);
    c_lang = t->required_col("lang", ok);
    c_text = t->required_col("translation", ok);
    c_value = c_trans;
  } else {
    c_table = t->required_col("table_name", ok);
    c_field = t->required_col("field_name", ok);
    c_lang = t->required_col("language", ok);
    c_text = t->required_col("translation", ok);
    c_record = t->col("record_id");
    c_value = t->col("field_value");
    mark_known(*t, {"record_sub_id"});
  }
  if (!ok) return;

  // The feed's own value of `field` for `entity`.
  auto const own = [&](text_field f, std::uint32_t e) -> std::string const& {
    switch (f) {
      case text_field::stop_name: return d.stop_names[e];
      case text_field::route_short_name: return d.line_short_names[e];
      case text_field::route_long_name: return d.line_long_names[e];
      case text_field::trip_headsign: return d.texts[d.trips[e].headsign];
      case text_field::agency_name: return d.agency_names[e];
    }
    return d.texts[0];
  };
  auto const first_entity = [&](text_field f) -> std::uint32_t {
    switch (f) {
      case text_field::stop_name: return feed_first_stop;
      case text_field::route_short_name:
      case text_field::route_long_name: return feed_first_line;
      case text_field::trip_headsign: return feed_first_trip;
      case text_field::agency_name: return feed_first_agency;
    }
    return 0;
  };
  auto const end_entity = [&](text_field f) -> std::uint32_t {
    switch (f) {
      case text_field::stop_name: return static_cast<std::uint32_t>(d.stop_ids.size());
      case text_field::route_short_name:
      case text_field::route_long_name: return static_cast<std::uint32_t>(d.line_ids.size());
      case text_field::trip_headsign: return static_cast<std::uint32_t>(d.trips.size());
      case text_field::agency_name: return static_cast<std::uint32_t>(d.agency_ids.size());
    }
    return 0;
  };
  // The table a field belongs to, as skipped_rows indexes it.
  auto const table_of = [](text_field f) {
    return f == text_field::route_long_name ? text_field::route_short_name : f;
  };
  // value -> this feed's entities having it, per field (built on first use).
  std::array<std::unordered_map<std::string_view, std::vector<std::uint32_t>>, kNumTextFields> by_value;
  std::array<bool, kNumTextFields> indexed{};
  auto const with_value = [&](text_field f, std::string_view v) -> std::vector<std::uint32_t> const* {
    auto const fi = static_cast<std::size_t>(f);
    if (!indexed[fi]) {
      for (auto e = first_entity(f); e < end_entity(f); ++e) by_value[fi][own(f, e)].push_back(e);
      indexed[fi] = true;
    }
    auto it = by_value[fi].find(v);
    return it == by_value[fi].end() ? nullptr : &it->second;
  };
  auto const lang_index = [&](std::string_view lang) {
    auto const code = lower(trim(lang));
    auto it = std::find(d.languages.begin(), d.languages.end(), code);
    if (it != d.languages.end()) return static_cast<std::uint32_t>(it - d.languages.begin());
    d.languages.push_back(code);
    return static_cast<std::uint32_t>(d.languages.size() - 1);
  };
  // Stores a translation unless it equals the feed's own text (the accessors fall back to that anyway).
  auto const apply = [&](text_field f, std::uint32_t e, std::uint32_t lang, std::string_view text) {
    if (text == own(f, e)) return;
    d.translations.push_back(gtfs_translation{f, e, lang, d.texts.intern(text)});
  };
  auto const field_of = [](std::string_view table, std::string_view field) -> std::optional<text_field> {
    if (table == "stops" && field == "stop_name") return text_field::stop_name;
    if (table == "routes" && field == "route_short_name") return text_field::route_short_name;
    if (table == "routes" && field == "route_long_name") return text_field::route_long_name;
    if (table == "trips" && field == "trip_headsign") return text_field::trip_headsign;
    if (table == "agency" && field == "agency_name") return text_field::agency_name;
    return std::nullopt;
  };
  struct ref_table {
    id_map const* ids;
    char const* file;
    char const* code;
  };
  auto const ref_of = [&](text_field f) -> ref_table {
    switch (f) {
      case text_field::stop_name: return {&stop_map, "stops.txt", "dangling_stop_id"};
      case text_field::route_short_name:
      case text_field::route_long_name: return {&route_map, "routes.txt", "dangling_route_id"};
      case text_field::trip_headsign: return {&trip_map, "trips.txt", "dangling_trip_id"};
      case text_field::agency_name: return {&agency_map, "agency.txt", "dangling_agency_id"};
    }
    return {&stop_map, "stops.txt", "dangling_stop_id"};
  };
  static constexpr std::array<text_field, kNumTextFields> kAll = {
      text_field::stop_name, text_field::route_short_name, text_field::route_long_name, text_field::trip_headsign,
      text_field::agency_name};

  while (t->next()) {
    if (!t->row_ok()) continue;
    std::optional<text_field> field;
    if (!legacy) {
      field = field_of(trim(t->csv.field(c_table)), trim(t->csv.field(c_field)));
      if (!field) {
        ++counts.translations;  // other tables and fields are read but not used
        continue;
      }
    }
    auto const lang = t->csv.field(c_lang);
    auto const text = t->csv.field(c_text);
    if (trim(lang).empty()) {
      t->problem(severity::error, "missing_required_field", legacy ? "lang" : "language", "language is empty; row skipped");
      continue;
    }
    auto const record = trim(t->csv.field(c_record));
    if (!record.empty()) {
      auto const ref = ref_of(*field);
      auto const e = find(*ref.ids, record);
      if (e == kNone) {
        if (skipped.has_id(table_of(*field), record)) {
          ++counts.translations;  // the row it names was skipped and reported already
          continue;
        }
        t->problem(severity::warning, ref.code, "record_id",
                   "record_id '" + std::string{record} + "' is not in " + ref.file + "; row ignored");
        continue;
      }
      apply(*field, e, lang_index(lang), text);
      ++counts.translations;
      continue;
    }
    auto const value = t->csv.field(c_value);
    if (value.empty()) {
      t->problem(severity::error, "missing_required_field", "record_id",
                 "translation names neither record_id nor field_value; row skipped");
      continue;
    }
    bool matched = false, matched_skipped = false;
    std::uint32_t l = kNone;
    for (auto const f : kAll) {
      if (field && f != *field) continue;
      if (auto const* es = with_value(f, value)) {
        if (l == kNone) l = lang_index(lang);
        for (auto const e : *es) apply(f, e, l, text);
        matched = true;
      } else if (skipped.has_value(table_of(f), value) || skipped.has_value(f, value)) {
        matched_skipped = true;
      }
    }
    if (!matched && !matched_skipped) {
      t->problem(severity::info, "unused_translation", legacy ? "trans_id" : "field_value",
                 "no " + std::string{legacy ? "stop name, route name, headsign or agency name" : t->csv.field(c_field)} +
                     " is '" + std::string{value} + "'; row ignored");
      continue;
    }
    ++counts.translations;
  }
  t->report_unknown_columns();
}

void loader::check_unused_stops() {
  std::vector<bool> used(d.stop_ids.size(), false);
  for (std::size_t tr = feed_first_trip; tr < d.trips.size(); ++tr)
    for (std::uint32_t k = 0; k < d.trips[tr].n_st; ++k) used[d.stop_times[d.trips[tr].first_st + k].stop] = true;
  for (std::size_t s = feed_first_stop; s < d.stop_ids.size(); ++s)
    if (d.stop_parent[s] != kNone) used[d.stop_parent[s]] = true;
  for (auto const& tr : d.transfers) used[tr.from.v()] = used[tr.to.v()] = true;
  for (std::size_t s = feed_first_stop; s < d.stop_ids.size(); ++s)
    if (!used[s] && d.stop_location_type[s] == 0)
      feed_problem(severity::warning, "unused_stop", "stops.txt", stop_line[s], "stop_id",
                   "stop '" + d.stop_ids[s] + "' is used by no trip");
}

void loader::load_feed(feed_input const& in, io::feed_source const& source, std::size_t feed_ix, std::size_t n_feeds) {
  src = &source;
  prefix = in.prefix;
  if (prefix.empty() && n_feeds > 1) prefix = in.path.stem().string();
  if (prefix.empty() && n_feeds > 1) prefix = "feed" + std::to_string(feed_ix);
  // Two feeds with the same prefix (two "gtfs.zip" from different folders) would mint the same ids.
  if (n_feeds > 1 && std::find(d.feed_prefixes.begin(), d.feed_prefixes.end(), prefix) != d.feed_prefixes.end()) {
    auto const base = prefix;
    for (int k = 2; std::find(d.feed_prefixes.begin(), d.feed_prefixes.end(), prefix) != d.feed_prefixes.end(); ++k)
      prefix = base + "-" + std::to_string(k);
    file_prefix = prefix + "/";
    feed_problem(severity::warning, "duplicate_feed_prefix", {}, 0, {},
                 "feed prefix '" + base + "' is already used; this feed's ids use '" + prefix + "'");
  }
  file_prefix = n_feeds > 1 ? prefix + "/" : std::string{};
  agency_map.clear();
  stop_map.clear();
  route_map.clear();
  service_map.clear();
  trip_map.clear();
  d.feed_prefixes.push_back(n_feeds > 1 ? prefix : std::string{});
  feed_first_stop = static_cast<std::uint32_t>(d.stop_ids.size());
  feed_first_trip = static_cast<std::uint32_t>(d.trips.size());
  feed_first_agency = static_cast<std::uint32_t>(d.agency_ids.size());
  feed_first_line = static_cast<std::uint32_t>(d.line_ids.size());
  skipped.clear();

  for (auto const& f : source.files())
    if (std::find(kKnownFiles.begin(), kKnownFiles.end(), f) == kKnownFiles.end())
      feed_problem(severity::info, "unknown_file", f, 0, {}, "file is not part of GTFS; ignored");

  // A zip_limits violation ends the feed (load_gtfs then fails with it).
  auto const stopped = [&] { return source.exceeded() != nullptr || limit.has_value(); };
  auto const step = [&](auto fn) {
    if (!stopped()) (this->*fn)();
  };
  step(&loader::load_agency);
  step(&loader::load_stops);
  step(&loader::load_routes);
  bool have_calendar = false, have_dates = false;
  if (!stopped()) load_calendar(have_calendar);
  if (!stopped()) load_calendar_dates(have_dates);
  if (!have_calendar && !have_dates)
    feed_problem(severity::error, "missing_required_file", "calendar.txt", 0, {},
                 "neither calendar.txt nor calendar_dates.txt is present");
  step(&loader::load_trips);
  step(&loader::load_stop_times);
  step(&loader::load_frequencies);
  step(&loader::load_transfers);
  step(&loader::load_feed_info);
  step(&loader::load_translations);
  if (source.has("shapes.txt") && !stopped()) {
    // Shapes are not needed for routing; count rows only.
    if (auto t = open("shapes.txt", false)) {
      mark_known(*t, {"shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"});
      while (t->next()) ++counts.shapes;
    }
  }
  if (stopped()) return;
  if (source.has("stop_times.txt")) check_unused_stops();
  for (std::size_t tr = feed_first_trip; tr < d.trips.size(); ++tr)
    if (d.trips[tr].n_st < 2)
      feed_problem(severity::warning, "trip_without_stop_times", "trips.txt", trip_line[tr], "trip_id",
                   "trip '" + d.trips[tr].id + "' has fewer than two usable stop times; not in the timetable");
}

}  // namespace

namespace {

result<gtfs_feed> load_impl(std::vector<feed_input> const& feeds, std::vector<io::feed_source> const* sources,
                            load_options const& opt) {
  if (feeds.empty()) return make_error(errc::invalid_argument, "no GTFS feed given");
  if (!opt.expand_frequencies)
    return make_error(errc::unsupported, "frequency trips are always expanded (see docs/transit.md)", {}, 0,
                      "expand_frequencies");
  gtfs_feed out;
  out.report.set_limit_per_code(opt.max_problems_per_code);
  auto data = std::make_shared<gtfs_feed_data>();
  loader L{opt, out.report, *data, out.counts, out.agencies};
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    std::optional<io::feed_source> opened;
    if (sources == nullptr) {
      auto src = io::feed_source::open(feeds[i].path, opt.zip);
      if (!src) {
        auto const& e = src.error();
        if (e.code != errc::invalid_format) return make_error(e);
        out.report.add(severity::error, "invalid_archive", e.file.empty() ? feeds[i].path.string() : e.file, 0, {},
                       e.message + "; feed skipped");
        continue;
      }
      opened.emplace(std::move(*src));
    }
    auto const& source = sources != nullptr ? (*sources)[i] : *opened;
    L.load_feed(feeds[i], source, i, feeds.size());
    if (auto const* e = source.exceeded()) return make_error(*e);
    if (L.limit) return make_error(*L.limit);
  }
  // The reference time zone: the first agency's (in feed order) that names a valid zone.
  for (auto const& tz : data->agency_timezones)
    if (!tz.empty() && known_timezone(tz)) {
      data->timezone = tz;
      break;
    }
  // Service date range: first and last day on which some service runs.
  std::int32_t first = std::numeric_limits<std::int32_t>::max(), last = std::numeric_limits<std::int32_t>::min();
  for (auto const& s : data->services) {
    for (std::int32_t day = s.start; day <= s.end; ++day) {
      auto const wd = static_cast<unsigned>(((day % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3)
      if ((s.weekdays >> wd & 1U) != 0 && std::find(s.removed.begin(), s.removed.end(), day) == s.removed.end()) {
        first = std::min(first, day);
        break;
      }
    }
    for (std::int32_t day = s.end; day >= s.start; --day) {
      auto const wd = static_cast<unsigned>(((day % 7) + 7 + 3) % 7);
      if ((s.weekdays >> wd & 1U) != 0 && std::find(s.removed.begin(), s.removed.end(), day) == s.removed.end()) {
        last = std::max(last, day);
        break;
      }
    }
    for (auto const day : s.added) {
      first = std::min(first, day);
      last = std::max(last, day);
    }
  }
  if (first <= last) {
    out.counts.first_date = yyyymmdd_from_days(first);
    out.counts.last_date = yyyymmdd_from_days(last);
  }
  // Agencies whose zone has another UTC offset than the reference zone on some service day: their times
  // are read as reference-zone times (local_time.h), which is off by the difference on those days.
  if (auto const ref = time_zone::find(data->timezone); ref && first <= last) {
    std::vector<std::string> reported;
    for (std::size_t a = 0; a < data->agency_timezones.size(); ++a) {
      auto const& name = data->agency_timezones[a];
      if (name.empty() || name == data->timezone ||
          std::find(reported.begin(), reported.end(), name) != reported.end())
        continue;
      auto const z = time_zone::find(name);
      if (!z) continue;  // reported as invalid_timezone
      for (auto day = first; day <= last; ++day) {
        auto const noon = ref->to_unix(service_time{day, 12 * 3600});
        if (z->utc_offset(noon) == ref->utc_offset(noon)) continue;
        out.report.add(severity::warning, "timezone_differs", L.agency_where[a].first, L.agency_where[a].second,
                       "agency_timezone",
                       name + " has another UTC offset than the timetable's reference zone " + data->timezone +
                           " on " + format_date(day) + "; its trips' times are read as " + data->timezone + " times");
        reported.push_back(name);
        break;
      }
    }
  }
  out.data = std::move(data);
  return out;
}

}  // namespace

result<gtfs_feed> load_gtfs(std::vector<feed_input> const& feeds, load_options const& opt) {
  return load_impl(feeds, nullptr, opt);
}

result<gtfs_feed> load_gtfs_sources(std::vector<io::feed_source> const& sources, std::vector<std::string> const& prefixes,
                                    load_options const& opt) {
  if (sources.size() != prefixes.size())
    return make_error(errc::invalid_argument, "load_gtfs_sources: one prefix per source");
  std::vector<feed_input> feeds;
  for (std::size_t i = 0; i < sources.size(); ++i) feeds.push_back(feed_input{sources[i].name(), prefixes[i]});
  return load_impl(feeds, &sources, opt);
}

}  // namespace kwartier::transit
