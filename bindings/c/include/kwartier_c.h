/* kwartier_c.h: the stable C ABI of kwartier (C99).
 *
 * Conventions (after libgit2 and zstd):
 * - Every function that can fail returns an int status: KW_OK (0) or a kw_status code; output parameters
 *   come first. On failure kw_last_error_message() describes the error (file, line, field, message).
 * - Handles are opaque. An object returned through a pointer-to-pointer is owned by the caller and freed
 *   with its kw_*_free function; every kw_*_free accepts NULL.
 * - Strings passed in are UTF-8, NUL-terminated, borrowed for the duration of the call.
 * - Threading: the last-error message is thread-local. An opened dataset handle (network, search index) is
 *   immutable and may be shared by threads; per-query objects are used by one thread at a time.
 * - No C++ exception crosses this boundary.
 */
#ifndef KWARTIER_C_H
#define KWARTIER_C_H

#include <stddef.h>
#include <stdint.h>

#if defined(KW_C_BUILDING)
#define KW_API __attribute__((visibility("default")))
#else
#define KW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------- core */

#define KW_VERSION_MAJOR 0
#define KW_VERSION_MINOR 1
#define KW_VERSION_PATCH 0
#define KW_VERSION_NUMBER (KW_VERSION_MAJOR * 10000 + KW_VERSION_MINOR * 100 + KW_VERSION_PATCH)

/* Status codes: the same append-only numbers as kwartier::errc. */
typedef enum kw_status {
  KW_OK = 0,
  KW_E_INVALID_ARGUMENT = 1,
  KW_E_IO = 2,
  KW_E_NOT_FOUND = 3,
  KW_E_INVALID_FORMAT = 4,
  KW_E_CORRUPT_DATASET = 5,
  KW_E_INCOMPATIBLE_DATASET = 6,
  KW_E_TOO_FAR = 7,
  KW_E_OUT_OF_RANGE = 8,
  KW_E_UNSUPPORTED = 9,
  KW_E_INTERNAL = 10,
  KW_E_LIMIT_EXCEEDED = 11
} kw_status;

/* Runtime version as KW_VERSION_NUMBER would be at build time of the library. */
KW_API unsigned kw_version_number(void);
/* "0.1.0"; static storage, do not free. */
KW_API const char* kw_version_string(void);
/* Message of the last failed call on this thread ("" if none). Owned by the library, valid until the next
 * kwartier call on this thread; do not free. */
KW_API const char* kw_last_error_message(void);
/* Stable name of a status code ("corrupt_dataset"); static storage. */
KW_API const char* kw_status_name(int status);

/* ---------------------------------------------------------------------------------------------- gtfs */
/* GTFS feeds: load and validate one or several feeds (a .zip or a folder each; "prefix=path" names the id
 * namespace of a feed when several are merged), build the compact timetable and save it as a .kwt file,
 * open a .kwt. A kw_gtfs_feed is used by one thread at a time; a kw_timetable is immutable and may be
 * shared by threads. */

typedef struct kw_gtfs_feed kw_gtfs_feed;
typedef struct kw_timetable kw_timetable;

/* Severity of a validation problem. */
typedef enum kw_severity { KW_SEVERITY_INFO = 0, KW_SEVERITY_WARNING = 1, KW_SEVERITY_ERROR = 2 } kw_severity;

#define KW_GTFS_COUNTS_VERSION 1
/* Row counts of a loaded feed. Set `version` to KW_GTFS_COUNTS_VERSION before calling kw_gtfs_counts. */
typedef struct kw_gtfs_counts {
  uint32_t version;
  size_t agencies, stops, routes, trips, stop_times, calendar, calendar_dates, frequencies, transfers,
      translations, feed_info, shapes;
  uint32_t first_date; /* yyyymmdd of the first day with service, 0 when none */
  uint32_t last_date;  /* yyyymmdd of the last day with service */
  size_t errors, warnings, infos;
} kw_gtfs_counts;

/* One validation problem. Strings are borrowed from the feed and valid until kw_gtfs_free. */
typedef struct kw_gtfs_problem {
  int severity; /* kw_severity */
  const char* code;
  const char* file;
  uint32_t line; /* 0 when not about a line */
  const char* field;
  const char* message;
} kw_gtfs_problem;

/* Loads and validates the feeds and returns how many errors and warnings they have (either out pointer may
 * be NULL). A feed with errors is not a failure: KW_OK with *out_errors > 0. Fails only when a path cannot
 * be read at all (KW_E_NOT_FOUND, KW_E_IO) or n_paths is 0 (KW_E_INVALID_ARGUMENT). */
KW_API int kw_gtfs_validate(size_t* out_errors, size_t* out_warnings, const char* const* paths, size_t n_paths);

/* Loads the feeds into *out (owned by the caller, free with kw_gtfs_free). */
KW_API int kw_gtfs_load(kw_gtfs_feed** out, const char* const* paths, size_t n_paths);
/* Row counts and problem totals. out->version must be KW_GTFS_COUNTS_VERSION. */
KW_API int kw_gtfs_counts_get(kw_gtfs_counts* out, const kw_gtfs_feed* feed);
/* Number of stored problems (at most 1000 per code are stored; counts stay exact). */
KW_API size_t kw_gtfs_problem_count(const kw_gtfs_feed* feed);
/* Problem i (0 <= i < kw_gtfs_problem_count); strings borrowed from the feed. */
KW_API int kw_gtfs_problem_get(kw_gtfs_problem* out, const kw_gtfs_feed* feed, size_t i);
/* The whole report as JSON; borrowed from the feed, valid until kw_gtfs_free. */
KW_API const char* kw_gtfs_report_json(const kw_gtfs_feed* feed);
/* Builds the timetable of the feed and writes it to `path` (.kwt). */
KW_API int kw_gtfs_build(const kw_gtfs_feed* feed, const char* path);
/* Frees a feed; NULL is fine. */
KW_API void kw_gtfs_free(kw_gtfs_feed* feed);

/* Maps and validates a .kwt timetable into *out (owned by the caller, free with kw_timetable_free).
 * KW_E_CORRUPT_DATASET for a truncated or damaged file, KW_E_INCOMPATIBLE_DATASET for a foreign one. */
KW_API int kw_timetable_open(kw_timetable** out, const char* path);
/* Sizes of an opened timetable (any out pointer may be NULL). */
KW_API int kw_timetable_sizes(size_t* out_stops, size_t* out_routes, size_t* out_trips, size_t* out_stop_times,
                              const kw_timetable* tt);
/* Index of the stop with namespaced id `id` in *out; KW_E_NOT_FOUND if none. */
KW_API int kw_timetable_find_stop(uint32_t* out, const kw_timetable* tt, const char* id);
/* Name of stop `stop` in language `lang` ("fr", "nl", "en"; NULL or unknown: the stops.txt name), as a
 * pointer + length into the mapped file (not NUL-terminated; valid until kw_timetable_free). */
KW_API int kw_timetable_stop_name(const char** out, size_t* out_len, const kw_timetable* tt, uint32_t stop,
                                  const char* lang);
/* Latitude and longitude of stop `stop`. */
KW_API int kw_timetable_stop_pos(double* out_lat, double* out_lon, const kw_timetable* tt, uint32_t stop);
/* Frees a timetable; NULL is fine. */
KW_API void kw_timetable_free(kw_timetable* tt);

/* ---------------------------------------------------------------------------------------------- network */
/* A network file (.kwn): GTFS timetable + walk/bike street graphs from OpenStreetMap + stop links +
 * footpaths. Built once (slow), opened in milliseconds (mmap). An opened kw_network is immutable and may be
 * shared by threads; queries use a per-thread scratch state inside the library. */
typedef struct kw_network kw_network;

typedef enum kw_street_mode { KW_MODE_WALK = 0, KW_MODE_BIKE = 1 } kw_street_mode;

#define KW_NETWORK_BUILD_OPTIONS_VERSION 1
typedef struct kw_network_build_options {
  unsigned version;           /* KW_NETWORK_BUILD_OPTIONS_VERSION */
  double walk_speed_mps;      /* default 1.3 */
  double bike_speed_mps;      /* default 4.5 */
  double max_link_m;          /* stops farther from a walkable street stay unlinked; default 100 */
  double footpath_max_m;      /* footpaths between stops walked up to this distance; default 500 */
  size_t min_component_nodes; /* also keep street islands of this many junctions; default 20 (0: largest only) */
} kw_network_build_options;

/* Fills *opts with the defaults. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_network_build_options_init(kw_network_build_options* opts, unsigned version);

/* Builds the network file `out_path` from n_gtfs GTFS feeds (zip archives or folders; n_gtfs may be 0 for a
 * streets-only network) and an OSM extract (.osm.pbf or .osm; NULL for a straight-line network from GTFS
 * alone, whose access and footpaths are great-circle distances x 1.3 at walking speed). `opts` may be NULL for the defaults. All
 * strings are borrowed for the call. Errors: KW_E_NOT_FOUND, KW_E_INVALID_FORMAT (not OSM, truncated, no
 * usable street), KW_E_IO (cannot write), KW_E_INVALID_ARGUMENT. */
KW_API int kw_network_build(const char* const* gtfs_paths, size_t n_gtfs, const char* osm_path, const char* out_path,
                            const kw_network_build_options* opts);

/* Maps and validates a network file. On success *out is owned by the caller: free it with kw_network_free.
 * Errors: KW_E_NOT_FOUND, KW_E_CORRUPT_DATASET, KW_E_INCOMPATIBLE_DATASET. */
KW_API int kw_network_open(kw_network** out, const char* path);
/* Frees a network (NULL is fine). Arrays obtained from it do not outlive it. */
KW_API void kw_network_free(kw_network* net);

/* Street nodes of the graph, and stops of the timetable (0 for a streets-only network). */
KW_API size_t kw_network_node_count(const kw_network* net);
KW_API size_t kw_network_stop_count(const kw_network* net);

/* Travel times from (lat, lon) in `mode` (kw_street_mode) to every street node, in seconds; INFINITY where
 * not reached within max_seconds. `out_seconds` is caller-owned and holds out_len >= kw_network_node_count()
 * floats. The coordinate is snapped to the nearest usable street within max_snap_m (KW_E_TOO_FAR
 * otherwise). Errors: KW_E_TOO_FAR, KW_E_OUT_OF_RANGE, KW_E_INVALID_ARGUMENT. */
KW_API int kw_network_travel_times(float* out_seconds, size_t out_len, const kw_network* net, double lat,
                                   double lon, int mode, double max_seconds, double max_snap_m);
/* Convenience: kw_network_travel_times with KW_MODE_WALK and max_minutes. */
KW_API int kw_network_walk_times(float* out_seconds, size_t out_len, const kw_network* net, double lat, double lon,
                                 double max_minutes);

/* ---------------------------------------------------------------------------------------------- search */
/* Multilingual procedure search: build an index directory from catalogues (.jsonl, .md or directories), open
 * it, query it. A kw_search_index is immutable and may be shared by threads (queries are thread-safe); a
 * kw_search_results belongs to the caller and is read by one thread at a time. */
typedef struct kw_search_index kw_search_index;
typedef struct kw_search_results kw_search_results;

#define KW_SEARCH_OPTIONS_VERSION 1
typedef struct kw_search_options {
  uint32_t version;    /* KW_SEARCH_OPTIONS_VERSION */
  const char* langs;   /* preferred answer languages, best first: "nl,fr" (NULL: none) */
  const char* filters; /* "country=belgium;level=municipal" (NULL: none); fields lang, country, organisation, level */
  size_t limit;        /* answers, 1..1000 (default 10) */
  int explain;         /* fill kw_search_result_explanation (default 0) */
  int typos;           /* typo tolerance (default 1) */
  int prefix;          /* last word also as a prefix (default 1) */
} kw_search_options;

/* Fills *opts with defaults and sets its version. */
KW_API void kw_search_options_init(kw_search_options* opts);
/* Loads `n_catalogues` catalogues and writes the index directory `index_dir` (replacing an earlier index).
 * Bad catalogue lines are skipped; *out_n_skipped counts them (out params may be NULL). Strings borrowed. */
KW_API int kw_search_build(size_t* out_n_documents, size_t* out_n_skipped, const char* const* catalogues,
                           size_t n_catalogues, const char* index_dir, const char* default_country);
/* Opens an index directory. *out is owned by the caller: kw_search_free. */
KW_API int kw_search_open(kw_search_index** out, const char* index_dir);
/* Frees an index (NULL is fine). Results obtained from it stay valid. */
KW_API void kw_search_free(kw_search_index* index);
KW_API size_t kw_search_n_documents(const kw_search_index* index);
/* Queries `index`; opts NULL = defaults. *out is owned by the caller: kw_search_results_free, also after
 * an empty result. Empty or invalid UTF-8 text gives KW_E_INVALID_ARGUMENT. */
KW_API int kw_search_query(kw_search_results** out, const kw_search_index* index, const char* text,
                           const kw_search_options* opts);
KW_API void kw_search_results_free(kw_search_results* results);
KW_API size_t kw_search_results_count(const kw_search_results* results);
/* Accessors of answer i (0-based). Strings are owned by `results` (valid until kw_search_results_free);
 * NULL when i is out of range. */
KW_API const char* kw_search_result_id(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_lang(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_title(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_url(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_snippet(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_group(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_explanation(const kw_search_results* results, size_t i);
/* Score of answer i (0 when out of range). */
KW_API double kw_search_result_score(const kw_search_results* results, size_t i);
/* All results as JSON (hits, facets, query language, notes); owned by `results`. */
KW_API const char* kw_search_results_json(const kw_search_results* results);

#ifdef __cplusplus
}
#endif

#endif /* KWARTIER_C_H */
