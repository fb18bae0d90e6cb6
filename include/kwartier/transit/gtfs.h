// Loading and validating GTFS feeds (one or several, merged with namespaced ids) and building the
// compact timetable from them.
//
//   auto loaded = load_gtfs({{"stib.zip", "stib"}, {"sncb.zip", "sncb"}});   // result<gtfs_feed>
//   loaded->report  : every problem (severity, code, file, line, field, message)
//   auto tt = build_timetable(*loaded);                                      // result<timetable>
//
// Whole-file problems (not a zip, missing required file or column, invalid UTF-8, UTF-16, NUL bytes) are
// reported as errors and the feed's tables that cannot be read are left empty; row problems (bad value,
// duplicate id, dangling reference, bad stop_sequence, times going backwards) are reported and the row is
// skipped or fixed. load_gtfs itself fails (returns an error) only when an input cannot be opened at all.
//
// Thread rules: load_gtfs and build_timetable are pure functions of their inputs; call them from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/io/feed_source.h"
#include "kwartier/core/result.h"
#include "kwartier/transit/feed_spec.h"  // feed_input, parse_feed_spec
#include "kwartier/transit/timetable.h"

namespace kwartier::transit {

struct load_options {
  bool expand_frequencies = true;   // frequencies.txt: one trip per headway; false is refused (unsupported),
                                    // see docs/transit.md for the measurement behind expanding
  std::size_t max_problems_per_code = 1000;  // stored per code; counts stay exact
};

// Row counts of what was read (rows kept after validation) and the service date range.
struct gtfs_counts {
  std::size_t agencies = 0, stops = 0, routes = 0, trips = 0, stop_times = 0, calendar = 0, calendar_dates = 0,
              frequencies = 0, transfers = 0, translations = 0, feed_info = 0, shapes = 0;
  std::uint32_t first_date = 0;  // yyyymmdd of the first day with service (0 when none)
  std::uint32_t last_date = 0;   // yyyymmdd of the last day with service
};

struct agency_summary {
  std::string id;    // namespaced
  std::string name;
  std::string timezone;
};

struct gtfs_feed_data;  // the parsed tables (src/transit), consumed by build_timetable

struct gtfs_feed {
  gtfs_counts counts;
  std::vector<agency_summary> agencies;
  validation_report report;
  std::shared_ptr<gtfs_feed_data const> data;

  gtfs_feed();
  ~gtfs_feed();
  gtfs_feed(gtfs_feed&&) noexcept;
  gtfs_feed& operator=(gtfs_feed&&) noexcept;
};

result<gtfs_feed> load_gtfs(std::vector<feed_input> const& feeds, load_options const& opt = {});
inline result<gtfs_feed> load_gtfs(std::filesystem::path const& path, load_options const& opt = {}) {
  return load_gtfs(std::vector<feed_input>{feed_input{path, {}}}, opt);
}

// Feeds already opened (in-memory files, zip bytes); prefixes[i] names the id namespace of sources[i]
// (an empty prefix adds none).
result<gtfs_feed> load_gtfs_sources(std::vector<io::feed_source> const& sources, std::vector<std::string> const& prefixes,
                                    load_options const& opt = {});

// Groups trips into routes, expands service days and writes the compact layout. Fails only with
// invalid_argument when the feed has no data (load failed).
result<timetable> build_timetable(gtfs_feed const& feed);

}  // namespace kwartier::transit
