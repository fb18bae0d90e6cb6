/* C99 test of kwartier_c.h. Each section checks one capability through the C ABI against known answers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

static void test_core(void) {
  CHECK(kw_version_number() == KW_VERSION_NUMBER);
  CHECK(strcmp(kw_version_string(), "0.1.0") == 0);
  CHECK(strcmp(kw_status_name(KW_E_CORRUPT_DATASET), "corrupt_dataset") == 0);
  CHECK(strcmp(kw_status_name(12345), "unknown") == 0);
  CHECK(kw_last_error_message() != NULL);
}

/* gtfs: the mini Brussels feed in data/gtfs (counts worked out by hand in tests/transit/mini_feed.h). */
static void test_gtfs(void) {
  const char* mini[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  size_t errors = 99, warnings = 99;
  CHECK(kw_gtfs_validate(&errors, &warnings, mini, 1) == KW_OK);
  CHECK(errors == 0 && warnings == 0);

  /* A file that is not a zip archive is an error in the report, not a failed call. */
  const char* not_zip[] = {KW_SOURCE_DIR "/fuzz/corpus/csv/quotes.csv"};
  CHECK(kw_gtfs_validate(&errors, NULL, not_zip, 1) == KW_OK);
  CHECK(errors == 1);
  const char* missing[] = {KW_SOURCE_DIR "/no/such/feed.zip"};
  CHECK(kw_gtfs_validate(NULL, NULL, missing, 1) == KW_E_NOT_FOUND);
  CHECK(strstr(kw_last_error_message(), "feed.zip") != NULL);
  CHECK(kw_gtfs_validate(NULL, NULL, NULL, 0) == KW_E_INVALID_ARGUMENT);

  kw_gtfs_feed* feed = NULL;
  CHECK(kw_gtfs_load(&feed, mini, 1) == KW_OK);
  kw_gtfs_counts c;
  memset(&c, 0, sizeof c);
  CHECK(kw_gtfs_counts_get(&c, feed) == KW_E_UNSUPPORTED); /* version not set */
  c.version = KW_GTFS_COUNTS_VERSION;
  CHECK(kw_gtfs_counts_get(&c, feed) == KW_OK);
  CHECK(c.stops == 6 && c.routes == 2 && c.trips == 5 && c.stop_times == 18 && c.frequencies == 1);
  CHECK(strcmp(c.first_date, "2024-12-09") == 0 && strcmp(c.last_date, "2024-12-25") == 0); /* ISO, as on every edge */
  CHECK(c.errors == 0);
  /* One info: trips.txt has an unknown column "note". */
  CHECK(kw_gtfs_problem_count(feed) == 1);
  kw_problem p;
  CHECK(kw_gtfs_problem_get(&p, feed, 0) == KW_OK);
  CHECK(p.severity == KW_SEVERITY_INFO && strcmp(p.code, "unknown_column") == 0 && strcmp(p.file, "trips.txt") == 0 &&
        p.line == 1 && strcmp(p.field, "note") == 0);
  CHECK(kw_gtfs_problem_get(&p, feed, 1) == KW_E_OUT_OF_RANGE);
  {
    char* json = NULL;
    CHECK(kw_gtfs_report_json(&json, feed) == KW_OK);
    CHECK(json != NULL && strstr(json, "\"code\":\"unknown_column\"") != NULL);
    kw_free(json);
    CHECK(kw_gtfs_info_json(&json, feed) == KW_OK);
    CHECK(json != NULL && strstr(json, "\"first_date\":\"2024-12-09\"") != NULL);
    kw_free(json);
    kw_free(NULL);
  }

  CHECK(kw_gtfs_build(feed, "c_abi_mini.kwt") == KW_OK);
  kw_gtfs_free(feed);
  kw_gtfs_free(NULL);

  kw_timetable* tt = NULL;
  CHECK(kw_timetable_open(&tt, "c_abi_mini.kwt") == KW_OK);
  size_t n_stops = 0, n_routes = 0, n_trips = 0, n_times = 0;
  CHECK(kw_timetable_sizes(&n_stops, &n_routes, &n_trips, &n_times, tt) == KW_OK);
  /* 7 trips: M1F expanded 3x + M1A, M1X, N1, N2; 2 routes; 5 * 4 + 2 * 3 stop times. */
  CHECK(n_stops == 6 && n_routes == 2 && n_trips == 7 && n_times == 26);
  uint32_t gdm1 = 0;
  CHECK(kw_timetable_find_stop(&gdm1, tt, "GDM1") == KW_OK);
  CHECK(kw_timetable_find_stop(&gdm1, tt, "NOPE") == KW_E_NOT_FOUND);
  CHECK(kw_timetable_find_stop(&gdm1, tt, "GDM1") == KW_OK);
  const char* name = NULL;
  size_t len = 0;
  CHECK(kw_timetable_stop_name(&name, &len, tt, gdm1, "nl") == KW_OK);
  CHECK(len == 11 && strncmp(name, "Zuidstation", len) == 0);
  CHECK(kw_timetable_stop_name(&name, &len, tt, gdm1, NULL) == KW_OK);
  CHECK(len == 12 && strncmp(name, "Gare du Midi", len) == 0);
  CHECK(kw_timetable_stop_name(&name, &len, tt, 999, "nl") == KW_E_OUT_OF_RANGE);
  double lat = 0, lon = 0;
  CHECK(kw_timetable_stop_pos(&lat, &lon, tt, gdm1) == KW_OK);
  CHECK(lat > 50.835 && lat < 50.836 && lon > 4.335 && lon < 4.336);
  kw_timetable_free(tt);
  kw_timetable_free(NULL);

  /* A truncated .kwt is refused as corrupt. */
  {
    FILE* in = fopen("c_abi_mini.kwt", "rb");
    FILE* out = fopen("c_abi_truncated.kwt", "wb");
    char buf[1000];
    size_t n = in != NULL ? fread(buf, 1, sizeof buf, in) : 0;
    if (out != NULL) fwrite(buf, 1, n, out);
    if (in != NULL) fclose(in);
    if (out != NULL) fclose(out);
    CHECK(kw_timetable_open(&tt, "c_abi_truncated.kwt") == KW_E_CORRUPT_DATASET);
    CHECK(tt == NULL);
  }
  remove("c_abi_mini.kwt");
  remove("c_abi_truncated.kwt");
}

/* (sections for gtfs, network and search are added by their modules) */

/* network: the hand-written central Brussels extract (data/osm) with the mini-brussels feed. */
static size_t count_nan(const double* v, size_t n) {
  size_t i, k = 0;
  for (i = 0; i < n; ++i) k += v[i] != v[i] ? 1 : 0;
  return k;
}

static void progress_count(const char* stage, double fraction, void* payload) {
  size_t* calls = (size_t*)payload;
  (void)stage;
  if (fraction >= 0.0 && fraction <= 1.0) ++*calls;
}

static void test_network(void) {
  const char* feeds[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  const char* osm = KW_SOURCE_DIR "/data/osm/mini-brussels.osm";
  kw_network_build_options o;
  kw_street_query q;
  kw_network* net = NULL;
  kw_timetable* tt = NULL;
  float* t = NULL;
  float link[6];
  float to[3];
  double *lat = NULL, *lon = NULL;
  double slat[6], slon[6], tlat[3], tlon[3];
  char* json = NULL;
  size_t n = 0, i = 0, reached_1 = 0, reached_30 = 0, calls = 0, node = 0;
  float tmin = 1e30f;
  uint32_t gdm1 = 0;
  double plat = 0, plon = 0;
  CHECK(kw_network_build_options_init(&o, KW_NETWORK_BUILD_OPTIONS_VERSION) == KW_OK);
  /* Defaults of network::build_options (the CLI's --help shows the same). */
  CHECK(o.walk_speed_mps == 1.3 && o.bike_speed_mps == 4.5 && o.max_link_m == 100.0 && o.footpath_max_m == 500.0);
  CHECK(o.min_component_nodes == 20 && o.detour_factor == 1.3 && o.stop_area_max_m == 200.0 && o.progress == NULL);
  CHECK(kw_network_build_options_init(&o, 1) == KW_E_UNSUPPORTED);
  CHECK(kw_network_build_options_init(&o, KW_NETWORK_BUILD_OPTIONS_VERSION) == KW_OK);
  o.progress = progress_count;
  o.progress_payload = &calls;
  CHECK(kw_network_build(&json, feeds, 1, osm, "c_abi_network.kwn", &o) == KW_OK);
  CHECK(calls > 0);
  CHECK(json != NULL && strstr(json, "\"stops_linked\":6,") != NULL && strstr(json, "\"report\":{") != NULL);
  kw_free(json);
  json = NULL;
  CHECK(kw_network_open(&net, "c_abi_network.kwn") == KW_OK);
  CHECK(net != NULL);
  CHECK(kw_network_info_json(&json, net) == KW_OK);
  CHECK(json != NULL && strstr(json, "\"access_model\":\"streets\"") != NULL &&
        strstr(json, "\"first_date\":\"2024-12-09\"") != NULL);
  kw_free(json);
  json = NULL;
  CHECK(kw_network_stop_count(net) == 6);
  /* Junctions: n1 n3 n4 n5 n6 n7 n9 n12 (the island n20-n21 is dropped). */
  n = kw_network_node_count(net);
  CHECK(n == 8);
  t = (float*)malloc(n * sizeof(float));
  lat = (double*)malloc(n * sizeof(double));
  lon = (double*)malloc(n * sizeof(double));
  CHECK(kw_street_query_init(&q, 0) == KW_E_UNSUPPORTED);
  CHECK(kw_street_query_init(&q, KW_STREET_QUERY_VERSION) == KW_OK);
  /* routing::street_query defaults: walk, 15 minutes, 200 m snap. */
  CHECK(q.mode == KW_MODE_WALK && q.max_seconds == 900.0 && q.max_snap_m == 200.0);
  /* From the Bourse junction itself: 0 s there; 1 minute reaches fewer nodes than 30 minutes. */
  q.max_seconds = 60.0;
  CHECK(kw_network_times(t, n, net, 50.8483, 4.3500, &q) == KW_OK);
  for (i = 0; i < n; ++i) {
    if (t[i] < tmin) {
      tmin = t[i];
      node = i;
    }
    if (t[i] <= 60.0f) ++reached_1;
  }
  CHECK(tmin == 0.0f);
  q.max_seconds = 1800.0;
  CHECK(kw_network_times(t, n, net, 50.8483, 4.3500, &q) == KW_OK);
  for (i = 0; i < n; ++i)
    if (t[i] <= 1800.0f) ++reached_30;
  CHECK(reached_1 >= 1 && reached_30 == n && reached_1 < reached_30);
  /* Node positions per mode: the walk graph holds all 8 junctions, the bike graph 7 (network info above). */
  CHECK(kw_network_node_positions(lat, lon, n, net, KW_MODE_WALK) == KW_OK);
  CHECK(count_nan(lat, n) == 0 && lat[node] > 50.848 && lat[node] < 50.849);
  CHECK(kw_network_node_positions(lat, lon, n, net, KW_MODE_BIKE) == KW_OK);
  CHECK(count_nan(lat, n) == 1 && count_nan(lon, n) == 1);
  CHECK(kw_network_node_positions(lat, lon, n - 1, net, KW_MODE_WALK) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_network_node_positions(lat, lon, n, net, 5) == KW_E_INVALID_ARGUMENT);
  /* One-to-many equals one-to-all at the nodes: targets at two walk nodes, and one in the North Sea. */
  CHECK(kw_network_node_positions(lat, lon, n, net, KW_MODE_WALK) == KW_OK);
  tlat[0] = lat[node];
  tlon[0] = lon[node];
  tlat[1] = lat[(node + 3) % n];
  tlon[1] = lon[(node + 3) % n];
  tlat[2] = 51.5;
  tlon[2] = 2.5;
  CHECK(kw_network_times_to(to, net, 50.8483, 4.3500, tlat, tlon, 3, &q) == KW_OK);
  CHECK(to[0] == t[node] && to[1] == t[(node + 3) % n] && to[2] == INFINITY);
  CHECK(kw_network_times_to(NULL, net, 50.8483, 4.3500, NULL, NULL, 0, NULL) == KW_OK);
  q.mode = KW_MODE_BIKE;
  CHECK(kw_network_times(t, n, net, 50.8483, 4.3500, &q) == KW_OK);
  q.mode = 7;
  CHECK(kw_network_times(t, n, net, 50.8483, 4.3500, &q) == KW_E_INVALID_ARGUMENT);
  q.mode = KW_MODE_WALK;
  q.max_seconds = -1.0;
  CHECK(kw_network_times(t, n, net, 50.8483, 4.3500, &q) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_network_times(t, n - 1, net, 50.8483, 4.3500, NULL) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_network_times(t, n, net, 51.5, 4.0, NULL) == KW_E_TOO_FAR);
  CHECK(strstr(kw_last_error_message(), "no walk street") != NULL);
  CHECK(kw_network_times(t, n, net, 95.0, 4.0, NULL) == KW_E_OUT_OF_RANGE);
  /* The network's stops without loading the GTFS again: ids, names, positions, link distances. */
  CHECK(kw_network_timetable(&tt, net) == KW_OK && tt != NULL);
  CHECK(kw_network_stop_link_m(link, 6, net) == KW_OK);
  for (i = 0; i < 6; ++i) CHECK(link[i] == link[i] && link[i] >= 0.0f && link[i] <= 100.0f); /* all 6 linked */
  CHECK(kw_network_stop_link_m(link, 5, net) == KW_E_INVALID_ARGUMENT);
  free(t);
  free(lat);
  free(lon);
  kw_network_free(net); /* the timetable shares the mapping and stays valid */
  net = NULL;
  CHECK(kw_timetable_find_stop(&gdm1, tt, "GDM1") == KW_OK);
  CHECK(kw_timetable_stop_pos(&plat, &plon, tt, gdm1) == KW_OK);
  CHECK(kw_timetable_stop_positions(slat, slon, 6, tt) == KW_OK);
  CHECK(slat[gdm1] == plat && slon[gdm1] == plon && plat > 50.835 && plat < 50.836);
  CHECK(kw_timetable_stop_positions(slat, slon, 5, tt) == KW_E_INVALID_ARGUMENT);
  {
    const char* id = NULL;
    size_t len = 0;
    CHECK(kw_timetable_stop_id(&id, &len, tt, gdm1) == KW_OK && len == 4 && strncmp(id, "GDM1", 4) == 0);
    CHECK(kw_timetable_stop_id(&id, &len, tt, 6) == KW_E_OUT_OF_RANGE);
    {
      /* GDM1 is a platform of station GDM (stops.txt parent_station); GDM has no parent. */
      int64_t parent = -2;
      uint32_t gdm = 0;
      CHECK(kw_timetable_find_stop(&gdm, tt, "GDM") == KW_OK);
      CHECK(kw_timetable_stop_parent(&parent, tt, gdm1) == KW_OK && parent == (int64_t)gdm);
      CHECK(kw_timetable_stop_parent(&parent, tt, gdm) == KW_OK && parent == -1);
      CHECK(kw_timetable_stop_parent(&parent, tt, 6) == KW_E_OUT_OF_RANGE);
      CHECK(kw_timetable_stop_parent(NULL, tt, 0) == KW_E_INVALID_ARGUMENT);
    }
  }
  kw_timetable_free(tt);
  /* Bad input: a GTFS file as OSM, a missing network, a truncated network file. */
  CHECK(kw_network_build(NULL, NULL, 0, KW_SOURCE_DIR "/data/gtfs/mini-brussels/stops.txt", "c_abi_bad.kwn", NULL) ==
        KW_E_INVALID_FORMAT);
  {
    const char* bad_spec[] = {"bad prefix=" KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
    CHECK(kw_network_build(NULL, bad_spec, 1, osm, "c_abi_bad.kwn", NULL) == KW_E_INVALID_ARGUMENT);
  }
  CHECK(kw_network_open(&net, "c_abi_no_such.kwn") == KW_E_NOT_FOUND && net == NULL);
  /* GTFS alone (osm_path NULL): a straight-line network without street nodes; neither input: an error. */
  CHECK(kw_network_build(NULL, feeds, 1, NULL, "c_abi_gtfs_only.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_abi_gtfs_only.kwn") == KW_OK);
  CHECK(kw_network_node_count(net) == 0 && kw_network_stop_count(net) == 6);
  kw_network_free(net);
  net = NULL;
  CHECK(kw_network_build(NULL, NULL, 0, NULL, "c_abi_none.kwn", NULL) == KW_E_INVALID_ARGUMENT);
  {
    FILE* in = fopen("c_abi_network.kwn", "rb");
    FILE* out = fopen("c_abi_network_cut.kwn", "wb");
    char buf[1000];
    size_t got = 0;
    if (in != NULL && out != NULL) {
      got = fread(buf, 1, sizeof buf, in);
      fwrite(buf, 1, got, out);
    }
    if (in != NULL) fclose(in);
    if (out != NULL) fclose(out);
    CHECK(got == sizeof buf);
  }
  CHECK(kw_network_open(&net, "c_abi_network_cut.kwn") == KW_E_CORRUPT_DATASET && net == NULL);
  kw_network_free(NULL);
  remove("c_abi_network.kwn");
  remove("c_abi_network_cut.kwn");
}

/* search: the sample catalogue in data/catalogue (answers known from its text). */
static int has_id(const kw_search_results* res, size_t n, const char* id) {
  size_t i;
  for (i = 0; i < n && i < kw_search_results_count(res); ++i)
    if (strcmp(kw_search_result_id(res, i), id) == 0) return 1;
  return 0;
}

static void test_search(void) {
  const char* cats[] = {KW_SOURCE_DIR "/data/catalogue"};
  kw_search_index* idx = NULL;
  kw_search_results* res = NULL;
  kw_search_results* page = NULL;
  kw_search_options o;
  kw_search_build_options bo;
  char* json = NULL;
  const char *field = NULL, *value = NULL;
  size_t count = 0, i = 0, lang_facet_total = 0;

  CHECK(kw_search_build_options_init(&bo, 999) == KW_E_UNSUPPORTED);
  CHECK(kw_search_build_options_init(&bo, KW_SEARCH_BUILD_OPTIONS_VERSION) == KW_OK);
  CHECK(bo.compounds == 1 && strcmp(bo.default_country, "") == 0 && strcmp(bo.concept_table, "") == 0);
  /* The summary is built only when asked for (NULL: none). */
  CHECK(kw_search_build(NULL, cats, 1, "c_abi_search_index", NULL) == KW_OK);
  CHECK(kw_search_build(&json, cats, 1, "c_abi_search_index", &bo) == KW_OK);
  /* 14 JSONL lines + 2 Markdown guides, none skipped (the same numbers the CLI and Python report). */
  CHECK(json != NULL && strstr(json, "\"documents\":23,\"skipped\":0,") != NULL);
  CHECK(strstr(json, "\"report\":{\"errors\":0,") != NULL);
  kw_free(json);
  json = NULL;
  CHECK(kw_search_build(NULL, cats, 1, NULL, NULL) == KW_E_INVALID_ARGUMENT);
  {
    const char* missing[] = {KW_SOURCE_DIR "/data/no-such-catalogue"};
    CHECK(kw_search_build(NULL, missing, 1, "c_abi_search_missing", NULL) == KW_E_NOT_FOUND);
  }

  CHECK(kw_search_open(&idx, "c_abi_search_index") == KW_OK);
  CHECK(kw_search_n_documents(idx) == 23);
  CHECK(kw_search_options_init(&o, 1) == KW_E_UNSUPPORTED);
  CHECK(kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION) == KW_OK);
  /* Defaults of search::query_options (the CLI's --help shows the same: -n 10, --offset 0, [ ]). */
  CHECK(o.limit == 10 && o.offset == 0 && o.typos == 1 && o.prefix == 1 && o.concepts == 1 && o.stemming == 1 &&
        o.group == 1 && o.explain == 0 && o.snippet_chars == 180);
  CHECK(strcmp(o.highlight_open, "[") == 0 && strcmp(o.highlight_close, "]") == 0);
  CHECK(o.community != NULL && o.community[0] == '\0');
  /* community: the Dutch-speaking schools' registration, answered in French (data/catalogue/communities/) */
  o.langs = "fr";
  o.community = "nl";
  CHECK(kw_search_query(&res, idx, "inscription école secondaire", &o) == KW_OK);
  CHECK(kw_search_results_count(res) >= 1 && strcmp(kw_search_result_id(res, 0), "kw-school-vg-fr") == 0);
  CHECK(strcmp(kw_search_result_community(res, 0), "nl") == 0);
  CHECK(strcmp(kw_search_result_variant_group(res, 0), "secondary-school-registration") == 0);
  CHECK(kw_search_result_community(res, 1000) == NULL);
  kw_search_results_free(res);
  res = NULL;
  o.community = "";
  o.langs = "nl,fr";
  CHECK(kw_search_query(&res, idx, "bouwvergunning", &o) == KW_OK);
  CHECK(kw_search_results_count(res) >= 1);
  CHECK(kw_search_result_id(res, 0) != NULL && strcmp(kw_search_result_id(res, 0), "kw-permit-nl") == 0);
  CHECK(strcmp(kw_search_result_lang(res, 0), "nl") == 0);
  CHECK(kw_search_result_score(res, 0) > 0.0);
  CHECK(kw_search_result_id(res, 1000) == NULL);
  CHECK(kw_search_results_json(&json, res) == KW_OK);
  CHECK(json != NULL && strstr(json, "\"id\":\"kw-permit-nl\"") != NULL && strstr(json, "\"rank\":1,") != NULL);
  kw_free(json);
  json = NULL;
  kw_search_results_free(res);
  res = NULL;

  /* Every hit field, the other languages of the group, facets, query language. */
  o.langs = "nl";
  CHECK(kw_search_query(&res, idx, "identiteitskaart", &o) == KW_OK);
  CHECK(strcmp(kw_search_result_id(res, 0), "kw-idcard-nl") == 0);
  CHECK(strcmp(kw_search_result_organisation(res, 0), "Gemeente Voorbeeld") == 0);
  CHECK(strcmp(kw_search_result_level(res, 0), "municipal") == 0);
  CHECK(strcmp(kw_search_result_country(res, 0), "belgium") == 0);
  CHECK(strcmp(kw_search_result_group(res, 0), "idcard") == 0);
  CHECK(strstr(kw_search_result_snippet(res, 0), "[identiteitskaart]") != NULL);
  CHECK(kw_search_result_other_lang_count(res, 0) == 2);
  CHECK(kw_search_result_other_lang(res, 0, 2) == NULL);
  CHECK((strcmp(kw_search_result_other_lang(res, 0, 0), "fr") == 0 &&
         strcmp(kw_search_result_other_lang(res, 0, 1), "en") == 0) ||
        (strcmp(kw_search_result_other_lang(res, 0, 0), "en") == 0 &&
         strcmp(kw_search_result_other_lang(res, 0, 1), "fr") == 0));
  CHECK(strcmp(kw_search_results_query_lang(res), "nl") == 0);
  CHECK(kw_search_results_n_matches(res) >= kw_search_results_count(res));
  CHECK(kw_search_results_facet_count(res) > 0);
  for (i = 0; i < kw_search_results_facet_count(res); ++i) {
    CHECK(kw_search_results_facet(&field, &value, &count, res, i) == KW_OK);
    if (strcmp(field, "lang") == 0) lang_facet_total += count;
  }
  CHECK(lang_facet_total > 0);
  CHECK(kw_search_results_facet(&field, &value, &count, res, i) == KW_E_OUT_OF_RANGE);
  /* Grouped: the French and English identity-card pages are folded into the Dutch answer. */
  CHECK(!has_id(res, 3, "kw-idcard-en") && !has_id(res, 3, "kw-idcard-fr"));
  /* offset: the page that starts at 1 is the same answers shifted by one. */
  o.offset = 1;
  CHECK(kw_search_query(&page, idx, "identiteitskaart", &o) == KW_OK);
  CHECK(kw_search_results_count(page) >= 1 && strcmp(kw_search_result_id(page, 0), kw_search_result_id(res, 1)) == 0);
  kw_search_results_free(page);
  page = NULL;
  kw_search_results_free(res);
  res = NULL;
  /* group = 0: one answer per document, so the other languages' pages come right after the Dutch one. */
  o.offset = 0;
  o.group = 0;
  CHECK(kw_search_query(&res, idx, "identiteitskaart", &o) == KW_OK);
  CHECK(has_id(res, 3, "kw-idcard-nl") && has_id(res, 3, "kw-idcard-en") && has_id(res, 3, "kw-idcard-fr"));
  kw_search_results_free(res);
  res = NULL;
  o.group = 1;

  o.langs = "en";
  o.filters = "country=belgium";
  CHECK(kw_search_query(&res, idx, "carte d'identite", &o) == KW_OK);
  CHECK(kw_search_results_count(res) >= 1 && strcmp(kw_search_result_id(res, 0), "kw-idcard-en") == 0);
  kw_search_results_free(res);
  res = NULL;

  /* Bad options: the same errors as the CLI (exit 11) and Python (InvalidArgumentError). */
  o.filters = NULL;
  o.langs = "klingon";
  CHECK(kw_search_query(&res, idx, "carte", &o) == KW_E_INVALID_ARGUMENT && res == NULL);
  CHECK(strstr(kw_last_error_message(), "langs") != NULL && strstr(kw_last_error_message(), "klingon") != NULL);
  o.langs = "fr";
  o.filters = "country";
  CHECK(kw_search_query(&res, idx, "carte", &o) == KW_E_INVALID_ARGUMENT && res == NULL);
  CHECK(strstr(kw_last_error_message(), "filters") != NULL);
  o.filters = "planet=mars";
  CHECK(kw_search_query(&res, idx, "carte", &o) == KW_E_INVALID_ARGUMENT && res == NULL);
  o.filters = NULL;
  o.limit = 0;
  CHECK(kw_search_query(&res, idx, "carte", &o) == KW_E_INVALID_ARGUMENT && res == NULL);
  o.version = 1; /* a struct of a version this library does not know */
  CHECK(kw_search_query(&res, idx, "carte", &o) == KW_E_UNSUPPORTED && res == NULL);
  CHECK(kw_search_query(&res, idx, "  ", NULL) == KW_E_INVALID_ARGUMENT && res == NULL);
  CHECK(strstr(kw_last_error_message(), "empty query") != NULL);
  CHECK(kw_search_query(&res, idx, "\xff\xfe", NULL) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_search_results_json(&json, NULL) == KW_E_INVALID_ARGUMENT);
  kw_search_free(idx);
  idx = NULL;
  /* update by id: a missing id and an id given twice are refused; then the Dutch permit page is removed */
  {
    const char* gone[] = {"kw-permit-nl"};
    const char* missing[] = {"no-such-id"};
    const char* twice[] = {"kw-permit-fr", "kw-permit-fr"};
    CHECK(kw_search_update(NULL, "c_abi_search_index", NULL, 0, NULL, 0, missing, 1, NULL) == KW_E_NOT_FOUND);
    CHECK(strstr(kw_last_error_message(), "no-such-id") != NULL);
    CHECK(kw_search_update(NULL, "c_abi_search_index", NULL, 0, NULL, 0, twice, 2, NULL) == KW_E_INVALID_ARGUMENT);
    CHECK(kw_search_update(&json, "c_abi_search_index", NULL, 0, NULL, 0, gone, 1, NULL) == KW_OK);
    CHECK(json != NULL && strstr(json, "\"removed\":1,") != NULL && strstr(json, "\"documents\":22,") != NULL);
    kw_free(json);
    json = NULL;
    CHECK(kw_search_open(&idx, "c_abi_search_index") == KW_OK);
    CHECK(kw_search_n_documents(idx) == 22);
    CHECK(kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION) == KW_OK);
    o.langs = "nl";
    CHECK(kw_search_query(&res, idx, "bouwvergunning", &o) == KW_OK);
    CHECK(kw_search_results_count(res) >= 1 && strcmp(kw_search_result_id(res, 0), "kw-permit-nl") != 0);
    kw_search_results_free(res);
    res = NULL;
    kw_search_free(idx);
    idx = NULL;
  }
  CHECK(kw_search_open(&idx, "c_abi_no_such_index") == KW_E_NOT_FOUND && idx == NULL);
  kw_search_free(NULL);
  kw_search_results_free(NULL);
}

int main(void) {
  test_core();
  test_gtfs();
  test_network();
  test_search();
  if (g_failures != 0) {
    fprintf(stderr, "%d checks failed\n", g_failures);
    return 1;
  }
  printf("c_abi_test: all checks passed\n");
  return 0;
}
