// The GTFS loader's shared state and its typed table reader (private to the transit module). Each table
// declares its columns once, as a list of `column{name, need}`; `loader::open_table` opens the file,
// resolves the columns and reports what is missing; the `table` then hands out rows and checks values
// with the standard problems (missing_required_field, duplicate_id, dangling_*, invalid_value, ...),
// each naming the file, the row's line and the column.
//
// Files: gtfs_values.h (value parsers), gtfs_table.cc (this reader), gtfs_load.cc (feeds, merge, the
// public functions), gtfs_agency.cc (agency, routes, feed_info), gtfs_calendar.cc, gtfs_stops.cc,
// gtfs_trips.cc (trips, stop_times, frequencies, transfers), gtfs_translations.cc, gtfs_fares.cc.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/io/csv.h"
#include "kwartier/io/feed_source.h"
#include "kwartier/transit/gtfs.h"
#include "transit/gtfs_data.h"
#include "transit/gtfs_values.h"

namespace kwartier::transit::gtfs {

// How a table needs a column.
enum class need : std::uint8_t {
  optional,  // read when present
  required,  // missing: error missing_required_column (line 1), and the file is skipped
  expected,  // missing: error missing_required_column, but the file is still read
  known,     // part of GTFS but not used: never reported as an unknown column
  together,  // consecutive `together` columns are required as a group (stop_lat, stop_lon): one
             // missing_required_column naming the first missing, and the file is skipped
};

struct column {
  std::string_view name;
  need need_ = need::optional;
};

struct loader;

// One table being read. Column arguments `c` index the table's declared columns.
class table {
 public:
  table(loader& L, std::string file, io::csv_reader csv, std::span<column const> cols);

  // Every required column is present (otherwise the file was reported and must be skipped).
  bool usable() const { return usable_; }
  // The next row; rows with an unterminated quote are reported and skipped, short or long rows are
  // reported (warning) and read (`check_shape` false: neither, for tables only counted). False at the
  // end or when the rest of the file cannot be read (reported).
  bool next(bool check_shape = true);
  // Reports the header's columns that no declaration names (info unknown_column); call after the rows.
  void finish();

  bool has(std::size_t c) const { return index_[c] >= 0; }
  std::string_view raw(std::size_t c) const { return csv_.field(index_[c]); }
  std::string_view text(std::size_t c) const { return trim(raw(c)); }
  std::string_view name(std::size_t c) const { return cols_[c].name; }
  std::uint32_t line() const { return csv_.line(); }
  std::string const& file() const { return file_; }
  std::size_t size_hint() const { return csv_.bytes(); }

  // A problem at the current row (or at `line`).
  void problem(severity s, std::string code, std::string_view field, std::string msg);
  void problem_at(severity s, std::string code, std::uint32_t line, std::string_view field, std::string msg);

  // ---- standard checks; each reports at the current row, field = the column's name
  // A row id: empty -> error missing_required_field "<col> is empty; row skipped"; already in `ids` ->
  // error duplicate_id "duplicate <col> '<id>'; row skipped". nullopt: skip the row.
  std::optional<std::string_view> id(std::size_t c, id_map const& ids);
  // A reference: not in `ids` -> error `code` "<col> '<v>' is not in <where>; <then>". kNone when dangling.
  std::uint32_t ref(std::size_t c, id_map const& ids, std::string_view code, std::string_view where,
                    std::string_view then = "row skipped");
  // 0..2 accessibility codes (wheelchair_boarding, wheelchair_accessible, bikes_allowed): anything else
  // -> warning invalid_value "... is not 0, 1 or 2; read as 0".
  accessibility accessibility_code(std::size_t c);
  // An integer; empty -> nullopt with `state` empty; bad -> nullopt with state bad (not reported here).
  parsed integer(std::size_t c, std::int64_t& out) const { return parse_int(raw(c), out); }

 private:
  loader& L_;
  std::string file_;
  io::csv_reader csv_;
  std::span<column const> cols_;
  std::vector<int> index_;  // declared column -> header index (-1: absent)
  bool usable_ = true;
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

// State of one load_gtfs call; the per-feed part is reset by load_feed.
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
  id_map zone_map, network_map;  // stops.zone_id, routes.network_id / networks.txt
  std::uint32_t feed_ix = 0;
  std::uint32_t feed_first_stop = 0, feed_first_trip = 0, feed_first_agency = 0, feed_first_line = 0;
  skipped_rows skipped;

  // all feeds
  std::vector<std::uint32_t> stop_line, trip_line;  // global index -> line in stops.txt / trips.txt
  std::vector<std::pair<std::string, std::uint32_t>> agency_where;  // global agency index -> file, line
  std::uint64_t frequency_trips = 0;  // expanded frequency trips over all feeds so far
  bool frequency_warned = false;
  std::optional<error> limit;         // a load_options cap was passed: load_gtfs fails with it

  // The namespaced id ("stib:0089"), or `id` for a single feed.
  std::string ns(std::string_view id) const;
  // The file name as reports show it ("stib/stops.txt" when several feeds are merged).
  std::string display(std::string_view file) const { return file_prefix + std::string{file}; }
  void feed_problem(severity s, std::string code, std::string_view file, std::uint32_t line, std::string_view field,
                    std::string msg) {
    rep.add(s, std::move(code), display(file), line, std::string{field}, std::move(msg));
  }

  // Opens `name` with its declared columns; nullopt when absent (reported if `required`), unreadable or
  // unusable (reported: encoding, empty, a required column missing).
  // `opened` (when given) tells whether the file itself could be read, whatever its columns.
  std::optional<table> open_table(std::string_view name, bool required, std::span<column const> cols,
                                  bool* opened = nullptr);
  // The same, the columns chosen from the header (a table with two formats, such as translations.txt).
  using column_chooser = std::function<std::span<column const>(io::csv_reader const&)>;
  std::optional<table> open_table(std::string_view name, bool required, column_chooser const& choose,
                                  bool* opened = nullptr);

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
  void load_fares();  // gtfs_fares.cc: fares v1 and v2 tables
  void check_unused_stops();
};

}  // namespace kwartier::transit::gtfs
