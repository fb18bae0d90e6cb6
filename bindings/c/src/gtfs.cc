// C ABI: gtfs section of kwartier_c.h. Thin: converts arguments and calls kwartier::transit.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "c_common.h"
#include "handles.h"
#include "edges/json.h"
#include "kwartier/transit/feed_spec.h"
#include "kwartier/transit/gtfs.h"

struct kw_gtfs_feed {
  kwartier::transit::gtfs_feed feed;
};


namespace {

using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;

kwartier::result<std::vector<kwartier::transit::feed_input>> to_inputs(char const* const* specs, std::size_t n) {
  return kwartier::transit::parse_feed_specs(std::vector<std::string>(specs, specs + n));
}

void copy_date(char (&out)[11], std::uint32_t yyyymmdd) {
  auto const s = kwartier::edges::iso_date_string(yyyymmdd);
  std::memset(out, 0, sizeof out);
  std::memcpy(out, s.data(), std::min(s.size(), sizeof out - 1));
}

bool valid_paths(char const* const* paths, std::size_t n) {
  if (paths == nullptr || n == 0) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (paths[i] == nullptr) return false;
  return true;
}

}  // namespace

extern "C" {

KW_API int kw_gtfs_validate(size_t* out_errors, size_t* out_warnings, const char* const* specs, size_t n_specs) {
  return guarded([&] {
    if (!valid_paths(specs, n_specs)) return fail(errc::invalid_argument, "kw_gtfs_validate: no feed specs");
    auto inputs = to_inputs(specs, n_specs);
    if (!inputs) return fail(inputs.error());
    auto f = kwartier::transit::load_gtfs(*inputs);
    if (!f) return fail(f.error());
    if (out_errors != nullptr) *out_errors = f->report.count(kwartier::severity::error);
    if (out_warnings != nullptr) *out_warnings = f->report.count(kwartier::severity::warning);
    return 0;
  });
}

KW_API int kw_gtfs_load(kw_gtfs_feed** out, const char* const* specs, size_t n_specs) {
  return guarded([&] {
    if (out == nullptr) return fail(errc::invalid_argument, "kw_gtfs_load: out is NULL");
    *out = nullptr;
    if (!valid_paths(specs, n_specs)) return fail(errc::invalid_argument, "kw_gtfs_load: no feed specs");
    auto inputs = to_inputs(specs, n_specs);
    if (!inputs) return fail(inputs.error());
    auto f = kwartier::transit::load_gtfs(*inputs);
    if (!f) return fail(f.error());
    *out = new kw_gtfs_feed{std::move(*f)};
    return 0;
  });
}

KW_API int kw_gtfs_counts_get(kw_gtfs_counts* out, const kw_gtfs_feed* feed) {
  return guarded([&] {
    if (out == nullptr || feed == nullptr) return fail(errc::invalid_argument, "kw_gtfs_counts_get: NULL argument");
    if (out->version != KW_GTFS_COUNTS_VERSION)
      return fail(errc::unsupported, "kw_gtfs_counts_get: unknown version (set it to KW_GTFS_COUNTS_VERSION)");
    auto const& c = feed->feed.counts;
    out->agencies = c.agencies;
    out->stops = c.stops;
    out->routes = c.routes;
    out->trips = c.trips;
    out->stop_times = c.stop_times;
    out->calendar = c.calendar;
    out->calendar_dates = c.calendar_dates;
    out->frequencies = c.frequencies;
    out->transfers = c.transfers;
    out->translations = c.translations;
    out->feed_info = c.feed_info;
    out->shapes = c.shapes;
    copy_date(out->first_date, c.first_date);
    copy_date(out->last_date, c.last_date);
    out->errors = feed->feed.report.count(kwartier::severity::error);
    out->warnings = feed->feed.report.count(kwartier::severity::warning);
    out->infos = feed->feed.report.count(kwartier::severity::info);
    return 0;
  });
}

KW_API size_t kw_gtfs_problem_count(const kw_gtfs_feed* feed) {
  return feed == nullptr ? 0 : feed->feed.report.problems().size();
}

KW_API int kw_gtfs_problem_get(kw_problem* out, const kw_gtfs_feed* feed, size_t i) {
  return guarded([&] {
    if (feed == nullptr) return fail(errc::invalid_argument, "kw_gtfs_problem_get: NULL argument");
    return kwartier::c_abi::problem_get(out, feed->feed.report, i, "kw_gtfs_problem_get");
  });
}

KW_API int kw_gtfs_report_json(char** out, const kw_gtfs_feed* feed) {
  return guarded([&] {
    if (out == nullptr || feed == nullptr) return fail(errc::invalid_argument, "kw_gtfs_report_json: NULL argument");
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::to_json(feed->feed.report)));
  });
}

KW_API int kw_gtfs_info_json(char** out, const kw_gtfs_feed* feed) {
  return guarded([&] {
    if (out == nullptr || feed == nullptr) return fail(errc::invalid_argument, "kw_gtfs_info_json: NULL argument");
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::to_json(feed->feed)));
  });
}

KW_API int kw_gtfs_build(const kw_gtfs_feed* feed, const char* path) {
  return guarded([&] {
    if (feed == nullptr || path == nullptr) return fail(errc::invalid_argument, "kw_gtfs_build: NULL argument");
    auto tt = kwartier::transit::build_timetable(feed->feed);
    if (!tt) return fail(tt.error());
    if (auto st = kwartier::transit::save_timetable(*tt, path); !st) return fail(st.error());
    return 0;
  });
}

KW_API void kw_gtfs_free(kw_gtfs_feed* feed) { delete feed; }

KW_API int kw_timetable_open(kw_timetable** out, const char* path) {
  return guarded([&] {
    if (out == nullptr || path == nullptr) return fail(errc::invalid_argument, "kw_timetable_open: NULL argument");
    *out = nullptr;
    auto tt = kwartier::transit::open_timetable(path);
    if (!tt) return fail(tt.error());
    *out = new kw_timetable{std::move(*tt)};
    return 0;
  });
}

KW_API int kw_timetable_sizes(size_t* out_stops, size_t* out_routes, size_t* out_trips, size_t* out_stop_times,
                              const kw_timetable* tt) {
  return guarded([&] {
    if (tt == nullptr) return fail(errc::invalid_argument, "kw_timetable_sizes: NULL timetable");
    if (out_stops != nullptr) *out_stops = tt->tt.n_stops();
    if (out_routes != nullptr) *out_routes = tt->tt.n_routes();
    if (out_trips != nullptr) *out_trips = tt->tt.n_trips();
    if (out_stop_times != nullptr) *out_stop_times = tt->tt.n_stop_times();
    return 0;
  });
}

KW_API int kw_timetable_info_json(char** out, const kw_timetable* tt) {
  return guarded([&] {
    if (out == nullptr || tt == nullptr) return fail(errc::invalid_argument, "kw_timetable_info_json: NULL argument");
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::timetable_info(tt->tt)));
  });
}

KW_API int kw_timetable_find_stop(uint32_t* out, const kw_timetable* tt, const char* id) {
  return guarded([&] {
    if (out == nullptr || tt == nullptr || id == nullptr)
      return fail(errc::invalid_argument, "kw_timetable_find_stop: NULL argument");
    auto const s = tt->tt.find_stop(id);
    if (!s) return fail(errc::not_found, (std::string("no stop with id '") + id + "'").c_str());
    *out = s->v();
    return 0;
  });
}

KW_API int kw_timetable_stop_name(const char** out, size_t* out_len, const kw_timetable* tt, uint32_t stop,
                                  const char* lang) {
  return guarded([&] {
    if (out == nullptr || out_len == nullptr || tt == nullptr)
      return fail(errc::invalid_argument, "kw_timetable_stop_name: NULL argument");
    if (stop >= tt->tt.n_stops()) return fail(errc::out_of_range, "kw_timetable_stop_name: stop out of range");
    auto const n = lang == nullptr ? tt->tt.stop_name(kwartier::transit::stop_idx_t{stop})
                                   : tt->tt.stop_name(kwartier::transit::stop_idx_t{stop}, lang);
    *out = n.data();
    *out_len = n.size();
    return 0;
  });
}

KW_API int kw_timetable_stop_pos(double* out_lat, double* out_lon, const kw_timetable* tt, uint32_t stop) {
  return guarded([&] {
    if (out_lat == nullptr || out_lon == nullptr || tt == nullptr)
      return fail(errc::invalid_argument, "kw_timetable_stop_pos: NULL argument");
    if (stop >= tt->tt.n_stops()) return fail(errc::out_of_range, "kw_timetable_stop_pos: stop out of range");
    auto const p = tt->tt.stop_pos(kwartier::transit::stop_idx_t{stop});
    *out_lat = p.lat;
    *out_lon = p.lon;
    return 0;
  });
}

KW_API int kw_timetable_stop_positions(double* out_lat, double* out_lon, size_t out_len, const kw_timetable* tt) {
  return guarded([&] {
    if (out_lat == nullptr || out_lon == nullptr || tt == nullptr)
      return fail(errc::invalid_argument, "kw_timetable_stop_positions: NULL argument");
    if (out_len < tt->tt.n_stops())
      return fail(errc::invalid_argument, "kw_timetable_stop_positions: out_len is smaller than the number of stops");
    for (std::uint32_t s = 0; s < tt->tt.n_stops(); ++s) {
      auto const p = tt->tt.stop_pos(kwartier::transit::stop_idx_t{s});
      out_lat[s] = p.lat;
      out_lon[s] = p.lon;
    }
    return 0;
  });
}

KW_API int kw_timetable_stop_id(const char** out, size_t* out_len, const kw_timetable* tt, uint32_t stop) {
  return guarded([&] {
    if (out == nullptr || out_len == nullptr || tt == nullptr)
      return fail(errc::invalid_argument, "kw_timetable_stop_id: NULL argument");
    if (stop >= tt->tt.n_stops()) return fail(errc::out_of_range, "kw_timetable_stop_id: stop out of range");
    auto const id = tt->tt.stop_id(kwartier::transit::stop_idx_t{stop});
    *out = id.data();
    *out_len = id.size();
    return 0;
  });
}

KW_API int kw_timetable_stop_parent(int64_t* out, const kw_timetable* tt, uint32_t stop) {
  return guarded([&] {
    if (out == nullptr || tt == nullptr) return fail(errc::invalid_argument, "kw_timetable_stop_parent: NULL argument");
    if (stop >= tt->tt.n_stops()) return fail(errc::out_of_range, "kw_timetable_stop_parent: stop out of range", "stop");
    auto const p = tt->tt.stop_parent(kwartier::transit::stop_idx_t{stop});
    *out = p.valid() ? static_cast<int64_t>(p.v()) : -1;
    return 0;
  });
}

KW_API void kw_timetable_free(kw_timetable* tt) { delete tt; }

}  // extern "C"
