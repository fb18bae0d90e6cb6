/* kwartier_c.h: the stable C ABI of kwartier (C99).
 *
 * Conventions (after libgit2 and zstd):
 * - Every function that can fail returns an int status: KW_OK (0) or a kw_status code; output parameters
 *   come first. On failure kw_last_error_message() describes the error (file, line, field, message).
 * - Handles are opaque. An object returned through a pointer-to-pointer is owned by the caller and freed
 *   with its kw_*_free function; every kw_*_free accepts NULL.
 * - Strings passed in are UTF-8, NUL-terminated, borrowed for the duration of the call.
 * - Options structs start with a `version`; fill them with kw_*_options_init(&opts, KW_*_OPTIONS_VERSION),
 *   which copies the defaults of the C++ options struct, then change what you need. A struct whose version
 *   this library does not know is refused with KW_E_UNSUPPORTED.
 * - Records come as JSON only when asked: every kw_*_json(&str, ...) returns a new NUL-terminated string in
 *   *str, owned by the caller and freed with kw_free. The shapes are those of `kwartier ... --format json`
 *   (docs/edges.md). Dates are ISO strings ("2024-12-09"; "" when there is none).
 * - GTFS inputs are feed specs "[prefix=]path" (a .zip or a folder; the prefix names the id namespace).
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
/* Frees a string returned by a kw_*_json function (NULL is fine). */
KW_API void kw_free(void* p);

/* Progress of a long build: the stage ("read osm", ...) and the fraction done (0..1); called on the building
 * thread; `payload` is the options' progress_payload. */
typedef void (*kw_progress_fn)(const char* stage, double fraction, void* payload);

/* One row-level problem of an input (GTFS feed, catalogue). Strings are borrowed from the object that holds
 * the report. */
typedef struct kw_problem {
  int severity; /* kw_severity */
  const char* code;
  const char* file;
  uint32_t line; /* 0 when not about a line */
  const char* field;
  const char* message;
} kw_problem;

/* Severity of a problem. */
typedef enum kw_severity { KW_SEVERITY_INFO = 0, KW_SEVERITY_WARNING = 1, KW_SEVERITY_ERROR = 2 } kw_severity;

/* ---------------------------------------------------------------------------------------------- gtfs */
/* GTFS feeds: load and validate one or several feeds (feed specs "[prefix=]path", a .zip or a folder each),
 * build the compact timetable and save it as a .kwt file,
 * open a .kwt. A kw_gtfs_feed is used by one thread at a time; a kw_timetable is immutable and may be
 * shared by threads. */

typedef struct kw_gtfs_feed kw_gtfs_feed;
typedef struct kw_timetable kw_timetable;

#define KW_GTFS_COUNTS_VERSION 2
/* Row counts of a loaded feed. Set `version` to KW_GTFS_COUNTS_VERSION before calling kw_gtfs_counts. */
typedef struct kw_gtfs_counts {
  uint32_t version;
  size_t agencies, stops, routes, trips, stop_times, calendar, calendar_dates, frequencies, transfers,
      translations, feed_info, shapes;
  char first_date[11]; /* first day with service, ISO "2024-12-09"; "" when none */
  char last_date[11];  /* last day with service, ISO; "" when none */
  size_t errors, warnings, infos;
} kw_gtfs_counts;

/* Loads and validates the feeds and returns how many errors and warnings they have (either out pointer may
 * be NULL). A feed with errors is not a failure: KW_OK with *out_errors > 0. Fails only when a path cannot
 * be read at all (KW_E_NOT_FOUND, KW_E_IO), a spec is malformed or n_specs is 0 (KW_E_INVALID_ARGUMENT). */
KW_API int kw_gtfs_validate(size_t* out_errors, size_t* out_warnings, const char* const* specs, size_t n_specs);

/* Loads the feeds into *out (owned by the caller, free with kw_gtfs_free). */
KW_API int kw_gtfs_load(kw_gtfs_feed** out, const char* const* specs, size_t n_specs);
/* Row counts and problem totals. out->version must be KW_GTFS_COUNTS_VERSION (else KW_E_UNSUPPORTED). */
KW_API int kw_gtfs_counts_get(kw_gtfs_counts* out, const kw_gtfs_feed* feed);
/* Number of stored problems (at most 1000 per code are stored; counts stay exact). */
KW_API size_t kw_gtfs_problem_count(const kw_gtfs_feed* feed);
/* Problem i (0 <= i < kw_gtfs_problem_count); strings borrowed from the feed. */
KW_API int kw_gtfs_problem_get(kw_problem* out, const kw_gtfs_feed* feed, size_t i);
/* The report as JSON (`kwartier gtfs validate --format json`); free *out with kw_free. */
KW_API int kw_gtfs_report_json(char** out, const kw_gtfs_feed* feed);
/* Counts, dates, agencies and report as JSON (`kwartier gtfs info --format json`); free *out with kw_free. */
KW_API int kw_gtfs_info_json(char** out, const kw_gtfs_feed* feed);
/* Builds the timetable of the feed and writes it to `path` (.kwt). KW_E_INVALID_FORMAT when the feed is
 * unusable (not GTFS, nothing routable). */
KW_API int kw_gtfs_build(const kw_gtfs_feed* feed, const char* path);
/* Frees a feed; NULL is fine. */
KW_API void kw_gtfs_free(kw_gtfs_feed* feed);

/* Maps and validates a .kwt timetable into *out (owned by the caller, free with kw_timetable_free).
 * KW_E_CORRUPT_DATASET for a truncated or damaged file, KW_E_INCOMPATIBLE_DATASET for a foreign one. */
KW_API int kw_timetable_open(kw_timetable** out, const char* path);
/* Sizes of an opened timetable (any out pointer may be NULL). */
KW_API int kw_timetable_sizes(size_t* out_stops, size_t* out_routes, size_t* out_trips, size_t* out_stop_times,
                              const kw_timetable* tt);
/* Counts, dates, languages and agencies as JSON (`kwartier gtfs info FILE.kwt --format json`); free *out
 * with kw_free. */
KW_API int kw_timetable_info_json(char** out, const kw_timetable* tt);
/* Index of the stop with namespaced id `id` in *out; KW_E_NOT_FOUND if none. */
KW_API int kw_timetable_find_stop(uint32_t* out, const kw_timetable* tt, const char* id);
/* Name of stop `stop` in language `lang` ("fr", "nl", "en"; NULL or unknown: the stops.txt name), as a
 * pointer + length into the mapped file (not NUL-terminated; valid until kw_timetable_free). */
KW_API int kw_timetable_stop_name(const char** out, size_t* out_len, const kw_timetable* tt, uint32_t stop,
                                  const char* lang);
/* Latitude and longitude of stop `stop`. */
KW_API int kw_timetable_stop_pos(double* out_lat, double* out_lon, const kw_timetable* tt, uint32_t stop);
/* Latitude and longitude of every stop into caller arrays of out_len >= the number of stops. */
KW_API int kw_timetable_stop_positions(double* out_lat, double* out_lon, size_t out_len, const kw_timetable* tt);
/* Namespaced id of stop `stop` as pointer + length into the mapped file (not NUL-terminated). */
KW_API int kw_timetable_stop_id(const char** out, size_t* out_len, const kw_timetable* tt, uint32_t stop);
/* Index of the parent station of stop `stop` in *out; -1 when it has none (Python's stops() column `parent`). */
KW_API int kw_timetable_stop_parent(int64_t* out, const kw_timetable* tt, uint32_t stop);
/* Frees a timetable; NULL is fine. */
KW_API void kw_timetable_free(kw_timetable* tt);

/* ---------------------------------------------------------------------------------------------- network */
/* A network file (.kwn): GTFS timetable + walk/bike street graphs from OpenStreetMap + stop links +
 * footpaths. Built once (slow), opened in milliseconds (mmap). An opened kw_network is immutable and may be
 * shared by threads; queries use a per-thread scratch state inside the library. */
typedef struct kw_network kw_network;

typedef enum kw_street_mode { KW_MODE_WALK = 0, KW_MODE_BIKE = 1 } kw_street_mode;

#define KW_NETWORK_BUILD_OPTIONS_VERSION 2
/* network::build_options; kw_network_build_options_init copies its defaults. */
typedef struct kw_network_build_options {
  unsigned version;           /* KW_NETWORK_BUILD_OPTIONS_VERSION */
  double walk_speed_mps;      /* walking speed */
  double bike_speed_mps;      /* cycling speed */
  double max_link_m;          /* stops farther from a walkable street stay unlinked */
  double footpath_max_m;      /* footpaths between stops walked up to this distance */
  size_t min_component_nodes; /* keep street islands of this many junctions besides the largest (0: largest only) */
  double detour_factor;       /* networks without OSM: walked distance = great-circle distance x this */
  double stop_area_max_m;     /* straight-line footpaths within a stop area the streets do not connect (0: off) */
  kw_progress_fn progress;    /* called while building (stage, fraction); NULL: none */
  void* progress_payload;     /* passed to progress */
} kw_network_build_options;

/* Fills *opts with the defaults of network::build_options. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_network_build_options_init(kw_network_build_options* opts, unsigned version);

/* Builds the network file `out_path` from n_gtfs GTFS feed specs ("[prefix=]path" to a zip or a folder; n_gtfs
 * may be 0 for a streets-only network) and an OSM extract (.osm.pbf or .osm; NULL for a straight-line
 * network from GTFS alone). `opts` may be NULL for the defaults. When out_summary_json is not NULL it
 * receives the summary (`kwartier network build --format json`; free with kw_free). Strings are borrowed for
 * the call. Errors: KW_E_NOT_FOUND, KW_E_INVALID_FORMAT (not OSM, not GTFS, no usable street),
 * KW_E_IO (cannot write), KW_E_INVALID_ARGUMENT (a bad spec or option). */
KW_API int kw_network_build(char** out_summary_json, const char* const* gtfs_specs, size_t n_gtfs,
                            const char* osm_path, const char* out_path, const kw_network_build_options* opts);

/* Maps and validates a network file. On success *out is owned by the caller: free it with kw_network_free.
 * Errors: KW_E_NOT_FOUND, KW_E_CORRUPT_DATASET, KW_E_INCOMPATIBLE_DATASET. */
KW_API int kw_network_open(kw_network** out, const char* path);
/* Frees a network (NULL is fine). Timetables obtained from it stay valid (they share the mapping). */
KW_API void kw_network_free(kw_network* net);
/* What the file holds as JSON (`kwartier network info --format json`); free *out with kw_free. */
KW_API int kw_network_info_json(char** out, const kw_network* net);

/* Street nodes of the graph, and stops of the timetable (0 without GTFS). */
KW_API size_t kw_network_node_count(const kw_network* net);
KW_API size_t kw_network_stop_count(const kw_network* net);

/* Latitude and longitude of every street node into caller arrays of out_len >= kw_network_node_count()
 * doubles each, aligned with the arrays of kw_network_times; NaN for nodes outside the graph of `mode`
 * (kw_street_mode), so no query starts from a node that mode cannot use. */
KW_API int kw_network_node_positions(double* out_lat, double* out_lon, size_t out_len, const kw_network* net,
                                     int mode);
/* The network's timetable (stops, names, positions: the kw_timetable_* functions) in *out, owned by the
 * caller (kw_timetable_free); it shares the network's mapping and stays valid after kw_network_free. */
KW_API int kw_network_timetable(kw_timetable** out, const kw_network* net);
/* Per stop, metres from the stop to the street it is linked to; NaN when not linked. out_len >=
 * kw_network_stop_count(). */
KW_API int kw_network_stop_link_m(float* out_m, size_t out_len, const kw_network* net);

#define KW_STREET_QUERY_VERSION 1
/* routing::street_query; kw_street_query_init copies its defaults (walk, 900 s, 200 m). */
typedef struct kw_street_query {
  unsigned version;   /* KW_STREET_QUERY_VERSION */
  int mode;           /* kw_street_mode */
  double max_seconds; /* time budget in seconds */
  double max_snap_m;  /* a coordinate farther than this from a usable street: KW_E_TOO_FAR */
} kw_street_query;

KW_API int kw_street_query_init(kw_street_query* q, unsigned version);
/* One-to-all: seconds from (lat, lon) to every street node into out_seconds (out_len >=
 * kw_network_node_count()); INFINITY where not reached within q->max_seconds. `q` NULL: the defaults.
 * Errors: KW_E_TOO_FAR, KW_E_OUT_OF_RANGE, KW_E_INVALID_ARGUMENT. */
KW_API int kw_network_times(float* out_seconds, size_t out_len, const kw_network* net, double lat, double lon,
                            const kw_street_query* q);
/* One-to-many: seconds from (lat, lon) to each of n_targets coordinates (each snapped within q->max_snap_m)
 * into out_seconds (n_targets floats); INFINITY when not reached or too far from a street. */
KW_API int kw_network_times_to(float* out_seconds, const kw_network* net, double lat, double lon,
                               const double* target_lat, const double* target_lon, size_t n_targets,
                               const kw_street_query* q);

/* ---------------------------------------------------------------------------------------------- route */
/* Journeys from a coordinate to a coordinate at a local date and time (routing::route, docs/routing.md).
 * kw_route returns a kw_journeys owned by the caller (free with kw_journeys_free); it is read-only and may be
 * read by any number of threads. The strings of the info records below are owned by the kw_journeys and stay
 * valid until it is freed. kw_route may be called from any number of threads on one kw_network (each thread
 * uses its own scratch state inside the library). */
typedef struct kw_journeys kw_journeys;

#define KW_ROUTE_OPTIONS_VERSION 3
/* routing::route_request; kw_route_options_init copies its defaults. Strings are borrowed for the call. */
typedef struct kw_route_options {
  unsigned version;            /* KW_ROUTE_OPTIONS_VERSION */
  double from_lat, from_lon;   /* origin */
  double to_lat, to_lon;       /* destination */
  const char* date;            /* local date "YYYY-MM-DD" (the timetable's time zone); required */
  const char* time;            /* local time "HH:MM" or "HH:MM:SS" (departure; arrival with arrive_by); required */
  const char* mode;            /* "transit" (default), "walk" or "bike"; or a list such as "walk,transit,bikeshare"
                                  (bike share: kw_network_load_gbfs) or "bike_and_ride" */
  const char* access_mode;     /* transit: "walk" (default) or "bike" to and from the stops */
  int arrive_by;               /* nonzero: `time` is the latest arrival */
  const char* lang;            /* names from translations.txt in this language ("" default: the feed's) */
  int step_free;               /* nonzero: avoid stops with wheelchair_boarding=2, trips with wheelchair_accessible=2 */
  const char* unknown;         /* step-free: "allow" (default) or "avoid" stops and trips with no value */
  unsigned max_transfers;      /* default 8 (at most 255) */
  int32_t max_access_seconds;  /* walk (bike) budget to and from the stops, default 900 */
  int32_t max_travel_seconds;  /* default 86400 */
  int32_t min_change_seconds;  /* same-stop change without a transfers.txt entry, default 0 */
  unsigned departures;         /* > 1: also the next (arrive_by: previous) departures; default 1 */
  double max_snap_m;           /* origin and destination within this many metres of a street, default 200 */
  int fares;                   /* version 2: nonzero prices each journey with the feed's GTFS fares (kw_journey_fare_get) */
  int optimize_fare;           /* version 3: nonzero makes the price a third Pareto criterion (slower but cheaper
                                  journeys listed too; implies fares) */
} kw_route_options;

/* Fills *opts with the defaults of routing::route_request (date and time NULL: set them).
 * KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_route_options_init(kw_route_options* opts, unsigned version);
/* Plans journeys (see docs/routing.md for what comes back; no journey is KW_OK with a count of 0).
 * Errors: KW_E_INVALID_ARGUMENT (a malformed date or time, an unknown mode, budgets <= 0),
 * KW_E_OUT_OF_RANGE (a date outside the timetable's service dates, named in the message; a bad coordinate),
 * KW_E_TOO_FAR (a point farther than max_snap_m from a street), KW_E_UNSUPPORTED (transit on a network built
 * without GTFS). */
KW_API int kw_route(kw_journeys** out, const kw_network* net, const kw_route_options* opts);
/* Number of journeys. */
KW_API size_t kw_journeys_count(const kw_journeys* js);

#define KW_JOURNEY_INFO_VERSION 2
/* One journey. Set `version` to KW_JOURNEY_INFO_VERSION before calling kw_journey_get. */
typedef struct kw_journey_info {
  unsigned version;
  const char* departure; /* ISO 8601 local time with UTC offset, "2019-10-15T08:01:00+02:00" */
  const char* arrival;
  int32_t duration_s;
  unsigned rides;
  unsigned transfers;
  size_t n_legs;
  size_t n_fares; /* version 2: prices (kw_route_options.fares) */
} kw_journey_info;
KW_API int kw_journey_get(kw_journey_info* out, const kw_journeys* js, size_t journey);

#define KW_FARE_INFO_VERSION 1
/* One price of a journey (GTFS fares): system "v1" (the cheapest cover of the rides) or "v2" (one per rider
 * category and fare medium; NULL when the product row names none); amount as a decimal string ("2.10") and
 * in 1/10,000 units. Strings owned by the kw_journeys. KW_E_OUT_OF_RANGE past n_fares. */
typedef struct kw_fare_info {
  unsigned version;
  const char* system;
  const char* rider_category;
  const char* fare_media;
  const char* amount;
  const char* currency;
} kw_fare_info;
KW_API int kw_journey_fare_get(kw_fare_info* out, const kw_journeys* js, size_t journey, size_t fare);

#define KW_LEG_INFO_VERSION 2
/* One leg. Set `version` to KW_LEG_INFO_VERSION before calling kw_journey_leg_get (version 1 callers get the
 * fields up to `stops`). Ride fields are NULL (route_type -1, stops 0) for walking and cycling legs;
 * from_stop_id / to_stop_id are NULL at the origin and the destination. */
typedef struct kw_leg_info {
  unsigned version;
  const char* kind; /* "access", "ride", "transfer", "egress", "direct" or "bikeshare" */
  const char* mode; /* "walk" or "bike"; NULL for rides */
  const char* departure;
  const char* arrival;
  int32_t duration_s;
  const char* from_stop_id;
  const char* from_name;
  double from_lat, from_lon;
  const char* to_stop_id;
  const char* to_name;
  double to_lat, to_lon;
  const char* trip_id;
  const char* route_id;
  const char* route_short_name;
  const char* route_long_name;
  int route_type;
  const char* headsign;
  const char* agency;
  unsigned stops;   /* stops ridden past, boarding and alighting included */
  /* version 2: realtime (kw_network_apply_realtime). status: "scheduled" (no realtime data), "on_time",
   * "delayed", "early" or "cancelled"; NULL for walking and cycling legs, as are the scheduled times. */
  const char* status;
  int32_t departure_delay_s; /* departure - scheduled_departure (0 for walks) */
  int32_t arrival_delay_s;
  const char* scheduled_departure;
  const char* scheduled_arrival;
} kw_leg_info;
KW_API int kw_journey_leg_get(kw_leg_info* out, const kw_journeys* js, size_t journey, size_t leg);
/* The bike-share stations at the two ends of a leg (GBFS station_id, the JSON's "station_id" of "from" and
 * "to"; the stop ids are kw_leg_info's from_stop_id / to_stop_id): *out_from / *out_to get the station's id,
 * or NULL where that end is not a bike-share station (a stop, the origin, the destination, a free-floating
 * bike). Either out pointer may be NULL. Strings owned by `js`. (An accessor, not new kw_leg_info fields, so
 * that kw_leg_info keeps its size for callers built against an older header.)
 * Errors: KW_E_INVALID_ARGUMENT (js NULL), KW_E_OUT_OF_RANGE (journey or leg, named). */
KW_API int kw_journey_leg_stations(const char** out_from, const char** out_to, const kw_journeys* js, size_t journey,
                                   size_t leg);
/* All journeys as JSON (`kwartier route --format json`); free *out with kw_free. */
KW_API int kw_journeys_json(char** out, const kw_journeys* js);
/* Frees the journeys (NULL is fine). */
KW_API void kw_journeys_free(kw_journeys* js);

/* ---------------------------------------------------------------------------------------------- access */
/* 15-minute city scores (access::score, docs/access.md): per origin and POI category, the seconds to the
 * nearest POI on foot, by bike and on foot + public transport, the categories reached within the threshold
 * and the share of categories reached. kw_access_score runs the whole question and returns a kw_access owned
 * by the caller (free with kw_access_free); the kw_access_* accessors then fill caller-owned arrays, one
 * array per (mode, category), of kw_access_origin_count() elements each (`out`, `out_len` first).
 * Threads: kw_access_score may be called from any number of threads on one kw_network (it scores on
 * opts->threads threads of its own); a kw_access is read-only and may be read by any number of threads. The
 * strings it hands out (category names, problems) are owned by it and valid until kw_access_free. */
typedef struct kw_access kw_access;

/* Modes of a score; arrays are asked for by mode (only the modes of opts->modes were scored). */
typedef enum kw_access_mode { KW_ACCESS_WALK = 0, KW_ACCESS_BIKE = 1, KW_ACCESS_TRANSIT = 2 } kw_access_mode;
/* kw_access_seconds for a category not reached within max_minutes (routing::kUnreachable). */
#define KW_ACCESS_UNREACHED INT32_MAX

#define KW_ACCESS_OPTIONS_VERSION 1
/* access::score_request (+ access::options); kw_access_options_init copies its defaults. Strings are borrowed
 * for the call; NULL strings take the default. */
typedef struct kw_access_options {
  unsigned version;            /* KW_ACCESS_OPTIONS_VERSION */
  const char* pois;            /* "osm" (the network's POIs, default) or a CSV / GeoJSON POI file */
  const char* category_column; /* POI files: the column / property naming the category ("category") */
  const char* categories;      /* categories to keep, with weights: "pharmacy,school:2" ("": all, weight 1) */
  const char* modes;           /* "walk", "bike", "transit", comma-separated (default "walk") */
  double minutes;              /* threshold (> 0), default 15 */
  double max_minutes;          /* times computed up to this (>= minutes), default 30 */
  const char* date;            /* transit: local date "YYYY-MM-DD" ("": the default day, named in the summary) */
  const char* time;            /* transit: departure "HH:MM" (default "08:00") */
  double window_minutes;       /* transit: > 0 scores every minute of [time, time + window) */
  double percentile;           /* of the window's times (nearest rank, 1..100), default 50 */
  double grid_m;               /* > 0: origins on a grid of grid_m-metre cells */
  const char* origins;         /* origins from a CSV / GeoJSON file ("": every street node) */
  const char* weight_column;   /* origins file: population / weight column ("": 1 each) */
  const char* areas;           /* GeoJSON districts for the per-area summaries ("": none) */
  const char* area_name;       /* districts: the property naming them ("name") */
  double max_snap_m;           /* origins and POIs farther from a street are not on the network */
  unsigned threads;            /* 0: one per hardware thread */
  /* Origins given as arrays (n_origins > 0; then grid_m must be 0 and origins ""): caller's points, borrowed
   * for the call; origin_weight may be NULL (1 each). */
  const double* origin_lat;
  const double* origin_lon;
  const double* origin_weight;
  size_t n_origins;
  kw_progress_fn progress;     /* called while scoring (stage, fraction); NULL: none */
  void* progress_payload;      /* passed to progress */
} kw_access_options;

/* Fills *opts with the defaults of access::score_request. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_access_options_init(kw_access_options* opts, unsigned version);
/* Scores the origins (the same as `kwartier access` and kwartier.access.score). Problems with rows of the
 * input files (bad coordinates, unknown categories, POIs or origins off the network) are warnings in the
 * result's report (kw_access_problem_*), naming file, row and field. Errors: KW_E_INVALID_ARGUMENT (threshold
 * <= 0, an unknown mode or category, no POI, a network without POIs with pois "osm", bad date or time),
 * KW_E_NOT_FOUND (a missing file), KW_E_INVALID_FORMAT (a file that is not CSV / GeoJSON, no usable row),
 * KW_E_OUT_OF_RANGE (a date outside the timetable, a bad origin coordinate), KW_E_UNSUPPORTED (transit
 * without GTFS). */
KW_API int kw_access_score(kw_access** out, const kw_network* net, const kw_access_options* opts);
/* Sizes of the answer (any out pointer may be NULL). */
KW_API int kw_access_counts(size_t* out_origins, size_t* out_categories, size_t* out_pois, const kw_access* a);
/* Name of category c (in the order scored), its weight and number of POIs on the network; NULL / 0 when out
 * of range. */
KW_API const char* kw_access_category_name(const kw_access* a, size_t c);
KW_API double kw_access_category_weight(const kw_access* a, size_t c);
KW_API size_t kw_access_category_poi_count(const kw_access* a, size_t c);
/* 1 when `mode` (kw_access_mode) was scored, else 0. */
KW_API int kw_access_has_mode(const kw_access* a, int mode);
/* Origins: positions and weights into caller arrays of out_len >= kw_access_counts' origins. */
KW_API int kw_access_origin_positions(double* out_lat, double* out_lon, size_t out_len, const kw_access* a);
KW_API int kw_access_origin_weights(double* out_weight, size_t out_len, const kw_access* a);
/* The POIs scored (kw_access_counts' pois): positions and category index into caller arrays of out_len >= that
 * count (out_category may be NULL). */
KW_API int kw_access_poi_positions(double* out_lat, double* out_lon, uint32_t* out_category, size_t out_len,
                                   const kw_access* a);
/* Per origin, the seconds to the nearest POI of `category` by `mode`; KW_ACCESS_UNREACHED beyond max_minutes.
 * KW_E_INVALID_ARGUMENT for a mode not scored, KW_E_OUT_OF_RANGE for a category past the end or a short
 * out_len. */
KW_API int kw_access_seconds(int32_t* out_seconds, size_t out_len, const kw_access* a, int mode, size_t category);
/* Per origin, the number of categories within the threshold by `mode`, and the weighted share of categories
 * reached (0..1); kw_access_share_any: by at least one of the modes. */
KW_API int kw_access_reached(uint8_t* out_reached, size_t out_len, const kw_access* a, int mode);
KW_API int kw_access_share(float* out_share, size_t out_len, const kw_access* a, int mode);
KW_API int kw_access_share_any(float* out_share, size_t out_len, const kw_access* a);
/* The day and time transit was scored at ("" without transit) and 1 when the day is the default one. */
KW_API const char* kw_access_date(const kw_access* a, int* out_default_date);
/* Problems of the inputs and the scoring (strings owned by the kw_access). */
KW_API size_t kw_access_problem_count(const kw_access* a);
KW_API int kw_access_problem_get(kw_problem* out, const kw_access* a, size_t i);
/* The summary (`kwartier access --format json`), the per-origin GeoJSON (`-o`) and CSV (`--csv`); free *out
 * with kw_free. */
KW_API int kw_access_summary_json(char** out, const kw_access* a);
KW_API int kw_access_geojson(char** out, const kw_access* a);
KW_API int kw_access_csv(char** out, const kw_access* a);
/* Frees the answer (NULL is fine). */
KW_API void kw_access_free(kw_access* a);
/* ---------------------------------------------------------------------------------------------- matrix */
/* Travel-time matrices from origins to destinations (routing::matrix, docs/routing.md). kw_matrix returns a
 * kw_matrix_result allocated by the library and owned by the caller: read it with the accessors below (any
 * number of threads may read one result), free it with kw_matrix_free. The arrays the accessors return are
 * owned by the result and valid until it is freed. kw_matrix may be called from any number of threads on one
 * kw_network; it runs `threads` worker threads itself. */
typedef struct kw_matrix_result kw_matrix_result;

#define KW_MATRIX_UNREACHABLE_SECONDS 2147483647 /* routing::kUnreachable */
#define KW_MATRIX_UNREACHABLE_MINUTES 65535      /* routing::kUnreachableMinutes */

#define KW_MATRIX_OPTIONS_VERSION 1
/* routing::matrix_request; kw_matrix_options_init copies its defaults. Strings are borrowed for the call. */
typedef struct kw_matrix_options {
  unsigned version;            /* KW_MATRIX_OPTIONS_VERSION */
  const char* mode;            /* "walk" (default), "bike" or "transit" */
  const char* access_mode;     /* transit: "walk" (default) or "bike" to and from the stops */
  const char* date;            /* transit: local date "YYYY-MM-DD" (the timetable's time zone) */
  const char* time;            /* transit: local departure time "HH:MM[:SS]", default "08:00" */
  int32_t window_seconds;      /* transit: > 0: departures over [time, time + window_seconds), default 0 */
  int32_t window_step;         /* ... one every window_step seconds, default 60 */
  double percentile;           /* the window's summary per cell, in (0, 100], default 50 */
  int32_t max_seconds;         /* nothing longer than this, default 7200 */
  int32_t max_access_seconds;  /* transit: access, egress and direct walk budget, default 900 */
  unsigned max_transfers;      /* transit: default 8 (at most 255) */
  int32_t min_change_seconds;  /* transit: same-stop change without a transfers.txt entry, default 0 */
  double max_snap_m;           /* points within this many metres of a street, default 200 */
  int skip_unsnapped;          /* nonzero: a point far from any street is unreachable instead of KW_E_TOO_FAR */
  int step_free;               /* nonzero: walk avoiding steps, wheelchair=no and raised kerbs */
  unsigned threads;            /* worker threads, 0 (default): one per core */
  uint64_t max_bytes;          /* KW_E_LIMIT_EXCEEDED when the request needs more memory, default 1 GiB */
  int use_ch;                  /* walk/bike: use the network's contraction hierarchy when it has one (default 1) */
} kw_matrix_options;

/* Fills *opts with the defaults of routing::matrix_request (date NULL). KW_E_UNSUPPORTED for an unknown
 * version. */
KW_API int kw_matrix_options_init(kw_matrix_options* opts, unsigned version);
/* The matrix from n_origins points (origin_lat[i], origin_lon[i]) to n_destinations points. Errors:
 * KW_E_INVALID_ARGUMENT (no origins or destinations, a malformed date or time, an unknown mode, bad budgets),
 * KW_E_OUT_OF_RANGE (a coordinate out of range, named "origins[i]"; a date outside the service dates),
 * KW_E_TOO_FAR (a point far from any street, unless skip_unsnapped), KW_E_LIMIT_EXCEEDED (over max_bytes),
 * KW_E_UNSUPPORTED (transit on a network built without GTFS). */
KW_API int kw_matrix(kw_matrix_result** out, const kw_network* net, const double* origin_lat, const double* origin_lon,
                     size_t n_origins, const double* destination_lat, const double* destination_lon,
                     size_t n_destinations, const kw_matrix_options* opts);
KW_API size_t kw_matrix_origins(const kw_matrix_result* m);
KW_API size_t kw_matrix_destinations(const kw_matrix_result* m);
/* Row-major [origin][destination]: int32 seconds (KW_MATRIX_UNREACHABLE_SECONDS where not reached) and the
 * same as uint16 minutes, rounded to the nearest (KW_MATRIX_UNREACHABLE_MINUTES). */
KW_API const int32_t* kw_matrix_seconds(const kw_matrix_result* m);
KW_API const uint16_t* kw_matrix_minutes(const kw_matrix_result* m);
/* 1 when walk/bike times came from the contraction hierarchy. */
KW_API int kw_matrix_used_ch(const kw_matrix_result* m);
/* Frees the matrix (NULL is fine). */
KW_API void kw_matrix_free(kw_matrix_result* m);

/* ---------------------------------------------------------------------------------------------- isochrone */
/* Travel time from a point to every street node within a budget, walking, cycling or walking with transit,
 * and polygons of the area reached within time bands (routing::isochrone, docs/routing.md).
 * kw_isochrone returns a kw_isochrone_result owned by the caller (free with kw_isochrone_free); it is read-only
 * and may be read by any number of threads. kw_isochrone may be called from any number of threads on one
 * kw_network (each thread uses its own scratch state inside the library). */
typedef struct kw_isochrone_result kw_isochrone_result;

#define KW_ISOCHRONE_OPTIONS_VERSION 1
/* routing::isochrone_request; kw_isochrone_options_init copies its defaults. Strings and `bands` are
 * borrowed for the call. */
typedef struct kw_isochrone_options {
  unsigned version;           /* KW_ISOCHRONE_OPTIONS_VERSION */
  double from_lat, from_lon;  /* origin */
  const char* mode;           /* "walk" (default), "bike" or "transit" (walk + transit); or a list such as
                                 "walk,bikeshare", "walk,transit,bikeshare", "bike_and_ride" */
  const char* date;           /* transit: local date "YYYY-MM-DD" (the timetable's time zone); default NULL */
  const char* time;           /* transit: local departure "HH:MM" or "HH:MM:SS"; default NULL */
  int32_t max_seconds;        /* budget of the node times in seconds, default 900 */
  const int32_t* bands;       /* polygon bands in seconds, each in (0, max_seconds] (default 300, 600, 900) */
  size_t n_bands;             /* 0: node times only */
  int step_free;              /* nonzero: avoid steps, wheelchair=no, raised kerbs, stops and trips with wheelchair_*=2 */
  const char* unknown;        /* step-free: "allow" (default) or "avoid" streets, stops and trips with no value */
  unsigned max_transfers;     /* transit: default 8 (at most 255) */
  int32_t min_change_seconds; /* transit: same-stop change without a transfers.txt entry, default 0 */
  double max_snap_m;          /* origin within this many metres of a street, default 200 */
  double buffer_m;            /* half-width of the polygons around the reached streets, default 25 */
  int polygons;               /* nonzero (default): draw the band polygons; 0: node times and counts only */
  kw_progress_fn progress;    /* called with ("search", 1.0) then ("polygons", k / n); NULL: none */
  void* progress_payload;     /* passed to progress */
} kw_isochrone_options;

/* Fills *opts with the defaults of routing::isochrone_request. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_isochrone_options_init(kw_isochrone_options* opts, unsigned version);
/* Computes an isochrone. Errors: KW_E_INVALID_ARGUMENT (max_seconds <= 0, a band <= 0 or above max_seconds,
 * an unknown mode, a malformed
 * date or time, transit without a date or time), KW_E_OUT_OF_RANGE (a date outside the timetable's service
 * dates, named in the message; a bad coordinate), KW_E_TOO_FAR (the origin farther than max_snap_m from a
 * street), KW_E_UNSUPPORTED (transit on a network built without GTFS; a network without streets). */
KW_API int kw_isochrone(kw_isochrone_result** out, const kw_network* net, const kw_isochrone_options* opts);
/* Street nodes (the length of the node times; kw_network_node_count()). */
KW_API size_t kw_isochrone_node_count(const kw_isochrone_result* iso);
/* Seconds to every street node into out_seconds (out_len >= kw_isochrone_node_count()), INFINITY where not
 * reached within the budget; aligned with kw_network_node_positions. */
KW_API int kw_isochrone_node_seconds(float* out_seconds, size_t out_len, const kw_isochrone_result* iso);
/* Bands, smallest first (duplicates merged). */
KW_API size_t kw_isochrone_band_count(const kw_isochrone_result* iso);
#define KW_ISOCHRONE_BAND_VERSION 1
/* One band. Set `version` to KW_ISOCHRONE_BAND_VERSION before calling kw_isochrone_band_get. */
typedef struct kw_isochrone_band {
  unsigned version;
  int32_t seconds; /* the band's limit */
  size_t nodes;    /* street nodes reached within it */
  double area_m2;  /* area of its polygon; NaN when drawn without polygons */
} kw_isochrone_band;
KW_API int kw_isochrone_band_get(kw_isochrone_band* out, const kw_isochrone_result* iso, size_t band);
/* The polygons as a GeoJSON FeatureCollection (one Feature per band, largest first; what `kwartier isochrone
 * -o` writes); free *out with kw_free. */
KW_API int kw_isochrone_geojson(char** out, const kw_isochrone_result* iso);
/* The summary as JSON (`kwartier isochrone --format json`); free *out with kw_free. */
KW_API int kw_isochrone_json(char** out, const kw_isochrone_result* iso);
/* Frees the isochrone (NULL is fine). */
KW_API void kw_isochrone_free(kw_isochrone_result* iso);

/* ------------------------------------------------------------------------------------------- realtime */
/* GTFS-realtime TripUpdates applied to an opened network (realtime::apply, docs/realtime.md). The result is a
 * new kw_network (free it with kw_network_free) sharing the mapped file of `net`, with an immutable realtime
 * view that kw_route uses: cancelled trips and skipped stops are routed around, delayed trips ridden at their
 * realtime times, and each ride says its status and delays (kw_leg_info version 2). `net` is unchanged and
 * may keep serving queries on other threads. Exactly one of `bytes` (len bytes of protobuf) and `path` (a
 * file) is given; `feed_prefix` (NULL or "") is the feed's id prefix in a merged network.
 * Errors: KW_E_INVALID_FORMAT (not a FeedMessage: truncated, random, no header), KW_E_NOT_FOUND / KW_E_IO
 * (the file), KW_E_UNSUPPORTED (a DIFFERENTIAL feed, a network without GTFS), KW_E_INVALID_ARGUMENT. Trips
 * and stops the network does not know are counted in kw_network_realtime_json, not errors. */
KW_API int kw_network_apply_realtime(kw_network** out, const kw_network* net, const void* bytes, size_t len,
                                     const char* path, const char* feed_prefix);
/* What the realtime view of `net` matched (`kwartier realtime info --format json`); KW_E_NOT_FOUND when `net`
 * has no realtime view. Free *out with kw_free. */
KW_API int kw_network_realtime_json(char** out, const kw_network* net);

/* ------------------------------------------------------------------------------------------ bike share */
/* A GBFS 2.3 / 3.0 bike-share system (a folder with gbfs.json or the feed files, or gbfs.json itself) bound to an
 * opened network (bikeshare::system::load; docs/realtime.md "Bike share"). The result is a new kw_network (free
 * it with kw_network_free) sharing the mapped file of `net`, with the immutable system that kw_route and
 * kw_isochrone use when their mode list holds "bikeshare" ("walk,transit,bikeshare", "walk,bikeshare");
 * "bike_and_ride" (own bike to the first stop) needs no system. `net` is unchanged. Bike-share legs have kind
 * "bikeshare" and name the stations (kw_journeys_json: "station_id").
 * Errors: KW_E_NOT_FOUND (no such path, a required GBFS file missing), KW_E_INVALID_FORMAT (not JSON, a
 * missing required field of a whole file), KW_E_UNSUPPORTED (a GBFS version other than 2.3 / 3.0, a network
 * without streets), KW_E_LIMIT_EXCEEDED (a file over 64 MiB). Rows with problems are skipped and reported
 * in kw_network_gbfs_json. */
KW_API int kw_network_load_gbfs(kw_network** out, const kw_network* net, const char* path);
/* The bike-share system of `net` as JSON (stations, usable points, problems); KW_E_NOT_FOUND when `net` has
 * none. Free *out with kw_free. */
KW_API int kw_network_gbfs_json(char** out, const kw_network* net);

/* ---------------------------------------------------------------------------------------------- search */
/* Multilingual procedure search: build an index directory from catalogues (.jsonl, .md or directories), open
 * it, query it. A kw_search_index is immutable and may be shared by threads (queries are thread-safe); a
 * kw_search_results belongs to the caller and is read by one thread at a time. */
typedef struct kw_search_index kw_search_index;
typedef struct kw_search_results kw_search_results;

#define KW_SEARCH_BUILD_OPTIONS_VERSION 1
typedef struct kw_search_build_options {
  uint32_t version;            /* KW_SEARCH_BUILD_OPTIONS_VERSION */
  const char* default_country; /* country of documents without one (search::load_options; default "") */
  const char* concept_table;   /* concept table TSV instead of the built-in one (default "": built-in) */
  int compounds;               /* split Dutch/German compounds with the hunspell word lists (default 1) */
  kw_progress_fn progress;     /* called while building (stage, fraction); NULL: none */
  void* progress_payload;      /* passed to progress */
} kw_search_build_options;

/* Fills *opts with the defaults of the C++ options structs. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_search_build_options_init(kw_search_build_options* opts, unsigned version);
/* Loads `n_catalogues` catalogues (.jsonl, .md or directories) and writes the index directory `index_dir`.
 * Bad catalogue lines are skipped and listed in the summary's report. `opts` may be NULL for the defaults.
 * When out_summary_json is not NULL it receives the summary (`kwartier search build --format json`; free with
 * kw_free). Strings borrowed. */
KW_API int kw_search_build(char** out_summary_json, const char* const* catalogues, size_t n_catalogues,
                           const char* index_dir, const kw_search_build_options* opts);

#define KW_SEARCH_OPTIONS_VERSION 3
/* search::query_options; kw_search_options_init copies its defaults. */
typedef struct kw_search_options {
  uint32_t version;            /* KW_SEARCH_OPTIONS_VERSION */
  const char* langs;           /* preferred answer languages, best first: "nl,fr" (NULL or "": none) */
  const char* filters;         /* "country=belgium;level=municipal" (NULL or "": none); fields lang, country,
                                  organisation, level */
  size_t limit;                /* answers, 1..1000 */
  size_t offset;               /* answers to skip (paging) */
  int typos;                   /* typo tolerance */
  int prefix;                  /* last word also as a prefix */
  int concepts;                /* cross-language concept table */
  int stemming;                /* stems of every language pipeline */
  int group;                   /* one answer per procedure, in the best language for the user */
  int explain;                 /* fill kw_search_result_explanation */
  size_t snippet_chars;        /* snippet length */
  const char* highlight_open;  /* mark before a matched word in snippets */
  const char* highlight_close; /* mark after it */
  const char* community;       /* the user's community "fr", "nl" or "de": its variant of procedures that differ
                                  by community; NULL or "": from the first preferred language, else every
                                  variant (version 3) */
} kw_search_options;

/* Fills *opts with the defaults of search::query_options. KW_E_UNSUPPORTED for an unknown version. */
KW_API int kw_search_options_init(kw_search_options* opts, unsigned version);
/* Adds (catalogues of documents with new ids), replaces (catalogues of indexed ids) and removes (ids)
 * documents of the index in `index_dir` without a full rebuild; the swap is atomic and open indexes keep
 * their generation. All or nothing: an added id already indexed or an id given twice is
 * KW_E_INVALID_ARGUMENT, a replaced or removed id the index does not hold KW_E_NOT_FOUND, and the index is
 * unchanged. `opts` (may be NULL) gives default_country and compounds (as at build time; concept_table must
 * be empty or the build's). Arrays may be NULL when their count is 0. When out_summary_json is not NULL it
 * receives the summary (`kwartier search update --format json`; free with kw_free). Strings borrowed. */
KW_API int kw_search_update(char** out_summary_json, const char* index_dir, const char* const* add_catalogues,
                            size_t n_add, const char* const* replace_catalogues, size_t n_replace,
                            const char* const* remove_ids, size_t n_remove, const kw_search_build_options* opts);
/* Opens an index directory. *out is owned by the caller: kw_search_free. */
KW_API int kw_search_open(kw_search_index** out, const char* index_dir);
/* Frees an index (NULL is fine). Results obtained from it stay valid. */
KW_API void kw_search_free(kw_search_index* index);
KW_API size_t kw_search_n_documents(const kw_search_index* index);
/* Queries `index`; opts NULL = defaults. *out is owned by the caller: kw_search_results_free, also after
 * an empty result. KW_E_INVALID_ARGUMENT for an empty query, invalid UTF-8, an unknown language or filter
 * field, a malformed filter or a limit outside 1..1000. */
KW_API int kw_search_query(kw_search_results** out, const kw_search_index* index, const char* text,
                           const kw_search_options* opts);
KW_API void kw_search_results_free(kw_search_results* results);
/* Number of answers; identified query language ("" when unknown); estimated number of matching documents. */
KW_API size_t kw_search_results_count(const kw_search_results* results);
KW_API const char* kw_search_results_query_lang(const kw_search_results* results);
KW_API size_t kw_search_results_n_matches(const kw_search_results* results);
/* Notes about the query ("query cut to its first 24 words"); NULL when i is out of range. */
KW_API size_t kw_search_results_note_count(const kw_search_results* results);
KW_API const char* kw_search_results_note(const kw_search_results* results, size_t i);
/* Facets as (field, value, count) triples, fields in the order lang, country, organisation, level. */
KW_API size_t kw_search_results_facet_count(const kw_search_results* results);
KW_API int kw_search_results_facet(const char** out_field, const char** out_value, size_t* out_count,
                                   const kw_search_results* results, size_t i);
/* Accessors of answer i (0-based; its rank is offset + i + 1). Strings are owned by `results` (valid until
 * kw_search_results_free); NULL when i is out of range. */
KW_API const char* kw_search_result_id(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_lang(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_title(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_url(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_organisation(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_level(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_country(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_snippet(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_group(const kw_search_results* results, size_t i);
/* Community of the answer's procedure ("fr", "nl", "de", "bicommunity", "regional" or "") and the key shared by
 * its community variants ("" when it has none). */
KW_API const char* kw_search_result_community(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_variant_group(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_explanation(const kw_search_results* results, size_t i);
/* Languages of the other documents of answer i's procedure, k-th of kw_search_result_other_lang_count. */
KW_API size_t kw_search_result_other_lang_count(const kw_search_results* results, size_t i);
KW_API const char* kw_search_result_other_lang(const kw_search_results* results, size_t i, size_t k);
/* Score of answer i (0 when out of range). */
KW_API double kw_search_result_score(const kw_search_results* results, size_t i);
/* All results as JSON (`kwartier search query --format json`), built now; free *out with kw_free. */
KW_API int kw_search_results_json(char** out, const kw_search_results* results);

#ifdef __cplusplus
}
#endif

#endif /* KWARTIER_C_H */
