// Loading and validating GTFS feeds (one or several, merged with namespaced ids) and building the
// compact timetable from them.
//
//   auto loaded = load_gtfs({{"stib.zip", "stib"}, {"sncb.zip", "sncb"}});   // result<gtfs_feed>
//   loaded->report  : every problem (severity, code, file, line, field, message)
//   auto tt = build_timetable(*loaded);                                      // result<timetable>
//
// Whole-file problems (not a zip, missing required file or column, UTF-16, an empty file) are reported as
// errors and the feed's tables that cannot be read are left empty; a bad byte (invalid UTF-8, NUL) ends its
// file at the line holding it (the rows before are kept); row problems (bad value, duplicate id, dangling
// reference, bad stop_sequence, times going backwards) are reported and the row is skipped or fixed.
// Tables are streamed (a zip entry is never inflated whole). load_gtfs itself fails (returns an error)
// when an input cannot be opened at all, when an archive breaks a zip bomb cap (errc::invalid_format naming
// the entry) and when frequencies expand past load_options::max_frequency_trips (errc::limit_exceeded).
// build_timetable fails (errc::invalid_format naming the path) when a feed gave no stop at all: not a zip
// archive, no stops.txt, or no usable stops.txt row (load_gtfs only reports it, so validation still works).
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
  // Zip bomb caps for archives opened by load_gtfs (io/feed_source.h); a violation fails load_gtfs with
  // errc::invalid_format naming the entry.
  io::zip_limits zip;
  // Trips that frequencies.txt may expand into, over all feeds together (each row is also capped at 5,000).
  // A warning (frequency_trips_high) when half is reached; past the cap load_gtfs fails with
  // errc::limit_exceeded naming the frequencies.txt row. Real feeds: Atlanta MARTA expands to 1,178.
  std::size_t max_frequency_trips = 500'000;
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

// Groups trips into routes, expands service days and writes the compact layout. Fails with
// invalid_argument when the feed has no data (load failed), and with invalid_format when the feed is
// unusable, so no edge ever writes an empty timetable: an input is not a GTFS feed at all (problem
// `invalid_archive`: not a zip, not a folder), or nothing routable survived validation (no stop, or no trip
// with two or more timed stops on some service day). The message counts the report's errors and names the
// first one.
result<timetable> build_timetable(gtfs_feed const& feed);

}  // namespace kwartier::transit
