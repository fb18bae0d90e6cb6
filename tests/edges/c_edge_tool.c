/* The C edge as a command, for the cross-edge tests (tests/edges/test_edges.py): each subcommand calls the C
 * ABI and prints what it returns, so the test can compare it with the CLI's --format json and with Python.
 * Exit codes follow the CLI's contract: 0 ok, 1 the input has errors, 2 usage, 10 + status for an error.
 *
 *   c_edge_tool gtfs-validate SPEC...         kw_gtfs_report_json
 *   c_edge_tool gtfs-info SPEC...             kw_gtfs_info_json
 *   c_edge_tool gtfs-build OUT.kwt SPEC...    kw_gtfs_build, then kw_timetable_info_json of OUT
 *   c_edge_tool timetable-info FILE.kwt       kw_timetable_info_json
 *   c_edge_tool search-build DIR CATALOGUE... kw_search_build summary
 *   c_edge_tool search-query DIR TEXT [LANGS [FILTERS [LIMIT [OFFSET [COMMUNITY]]]]]   kw_search_results_json
 *   c_edge_tool search-defaults               kw_search_options_init / kw_search_build_options_init as JSON
 *   c_edge_tool network-build OUT.kwn OSM|- [SPEC...]   kw_network_build summary ("-": no OSM)
 *   c_edge_tool network-info FILE.kwn         kw_network_info_json
 *   c_edge_tool network-defaults              kw_network_build_options_init / kw_street_query_init as JSON
 *   c_edge_tool network-times FILE.kwn LAT LON MODE MAX_SECONDS   kw_network_times, one number per line
 *   c_edge_tool network-stops FILE.kwn [LANG] kw_network_timetable + kw_timetable_stop_* + kw_network_stop_link_m as
 *                                             the JSON of `kwartier network stops --format json`
 *   c_edge_tool network-nodes FILE.kwn MODE   kw_network_node_positions, "lat lon" per line (nan outside MODE)
 *   c_edge_tool network-times-to FILE.kwn LAT LON MODE MAX_SECONDS TLAT TLON...   kw_network_times_to, one per line
 *   c_edge_tool access-defaults               kw_access_options_init as JSON
 *   c_edge_tool route-defaults                kw_route_options_init as JSON
 *   c_edge_tool matrix-defaults               kw_matrix_options_init as JSON
 *   c_edge_tool route FILE.kwn FROM_LAT FROM_LON TO_LAT TO_LON DATE TIME [LANG [ARRIVE_BY [UPDATES.pb|- [FARES]]]]
 *                                             kw_journeys_json (UPDATES: kw_network_apply_realtime first;
 *                                             FARES 1: kw_route_options.fares, 2: .optimize_fare)
 *   c_edge_tool realtime-info FILE.kwn UPDATES.pb   kw_network_apply_realtime, then kw_network_realtime_json
 *   c_edge_tool isochrone-defaults            kw_isochrone_options_init as JSON
 *   c_edge_tool isochrone FILE.kwn LAT LON MODE MAX_SECONDS BAND,... [DATE TIME]   kw_isochrone_json, then
 *                                             kw_isochrone_geojson on the next line
 *   c_edge_tool access FILE.kwn MODES MINUTES [DATE TIME [POIS]]   kw_access_summary_json, then
 *                                             kw_access_geojson from the next line on
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"

static int failed(int status) {
  fprintf(stderr, "kwartier: error: %s\n", kw_last_error_message());
  return 10 + status;
}

/* A JSON string of n bytes (UTF-8 passed through; quotes, backslashes and control characters escaped). */
static void put_json_string(const char* p, size_t n) {
  size_t i;
  putchar('"');
  for (i = 0; i < n; ++i) {
    unsigned char c = (unsigned char)p[i];
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

static int network_stops(const char* path, const char* lang) {
  kw_network* net = NULL;
  kw_timetable* tt = NULL;
  double *lat, *lon;
  float* link;
  size_t n, i;
  int st;
  if ((st = kw_network_open(&net, path)) != KW_OK) return failed(st);
  n = kw_network_stop_count(net);
  lat = malloc((n + 1) * sizeof *lat);
  lon = malloc((n + 1) * sizeof *lon);
  link = malloc((n + 1) * sizeof *link);
  if (n > 0 && (st = kw_network_timetable(&tt, net)) == KW_OK && (st = kw_timetable_stop_positions(lat, lon, n, tt)) == KW_OK)
    st = kw_network_stop_link_m(link, n, net);
  printf("{\"stops\": [");
  for (i = 0; st == KW_OK && i < n; ++i) {
    const char *id, *name;
    size_t id_len, name_len;
    int64_t parent;
    if ((st = kw_timetable_stop_id(&id, &id_len, tt, (uint32_t)i)) != KW_OK) break;
    if ((st = kw_timetable_stop_name(&name, &name_len, tt, (uint32_t)i, lang)) != KW_OK) break;
    if ((st = kw_timetable_stop_parent(&parent, tt, (uint32_t)i)) != KW_OK) break;
    printf("%s{\"stop_id\": ", i == 0 ? "" : ", ");
    put_json_string(id, id_len);
    printf(", \"name\": ");
    put_json_string(name, name_len);
    printf(", \"lat\": %.17g, \"lon\": %.17g, \"parent\": %lld, \"link_m\": ", lat[i], lon[i], (long long)parent);
    if (link[i] != link[i]) printf("null}");
    else printf("%.17g}", (double)link[i]);
  }
  printf("]}\n");
  free(lat);
  free(lon);
  free(link);
  kw_timetable_free(tt);
  kw_network_free(net);
  return st == KW_OK ? 0 : failed(st);
}

/* Call as `st = kw_..._json(&json, ...); return print_json(st, json);` (argument order is unspecified in C). */
static int print_json(int status, char* json) {
  if (status != KW_OK) return failed(status);
  puts(json);
  kw_free(json);
  return 0;
}

int main(int argc, char** argv) {
  const char* cmd = argc > 1 ? argv[1] : "";
  char* json = NULL;
  int st = KW_OK;
  if (strcmp(cmd, "gtfs-validate") == 0 || strcmp(cmd, "gtfs-info") == 0) {
    kw_gtfs_feed* feed = NULL;
    kw_gtfs_counts c;
    st = kw_gtfs_load(&feed, (const char* const*)(argv + 2), (size_t)(argc - 2));
    if (st != KW_OK) return failed(st);
    c.version = KW_GTFS_COUNTS_VERSION;
    kw_gtfs_counts_get(&c, feed);
    st = strcmp(cmd, "gtfs-info") == 0 ? kw_gtfs_info_json(&json, feed) : kw_gtfs_report_json(&json, feed);
    kw_gtfs_free(feed);
    st = print_json(st, json);
    return st != 0 ? st : (c.errors > 0 ? 1 : 0);
  }
  if (strcmp(cmd, "gtfs-build") == 0 && argc >= 4) {
    kw_gtfs_feed* feed = NULL;
    kw_timetable* tt = NULL;
    st = kw_gtfs_load(&feed, (const char* const*)(argv + 3), (size_t)(argc - 3));
    if (st == KW_OK) st = kw_gtfs_build(feed, argv[2]);
    kw_gtfs_free(feed);
    if (st != KW_OK) return failed(st);
    if ((st = kw_timetable_open(&tt, argv[2])) != KW_OK) return failed(st);
    st = kw_timetable_info_json(&json, tt);
    kw_timetable_free(tt);
    return print_json(st, json);
  }
  if (strcmp(cmd, "timetable-info") == 0 && argc == 3) {
    kw_timetable* tt = NULL;
    if ((st = kw_timetable_open(&tt, argv[2])) != KW_OK) return failed(st);
    st = kw_timetable_info_json(&json, tt);
    kw_timetable_free(tt);
    return print_json(st, json);
  }
  if (strcmp(cmd, "search-build") == 0 && argc >= 4) {
    st = kw_search_build(&json, (const char* const*)(argv + 3), (size_t)(argc - 3), argv[2], NULL);
    return print_json(st, json);
  }
  if (strcmp(cmd, "search-query") == 0 && argc >= 4) {
    kw_search_index* idx = NULL;
    kw_search_results* res = NULL;
    kw_search_options o;
    kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION);
    if (argc > 4) o.langs = argv[4];
    if (argc > 5) o.filters = argv[5];
    if (argc > 6) o.limit = (size_t)strtoul(argv[6], NULL, 10);
    if (argc > 7) o.offset = (size_t)strtoul(argv[7], NULL, 10);
    if (argc > 8) o.community = argv[8];
    if ((st = kw_search_open(&idx, argv[2])) != KW_OK) return failed(st);
    st = kw_search_query(&res, idx, argv[3], &o);
    if (st == KW_OK) st = kw_search_results_json(&json, res);
    kw_search_results_free(res);
    kw_search_free(idx);
    return print_json(st, json);
  }
  if (strcmp(cmd, "search-defaults") == 0) {
    kw_search_options o;
    kw_search_build_options b;
    kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION);
    kw_search_build_options_init(&b, KW_SEARCH_BUILD_OPTIONS_VERSION);
    printf("{\"search.query\": {\"limit\": %zu, \"offset\": %zu, \"typos\": %s, \"prefix\": %s, \"concepts\": %s, "
           "\"stemming\": %s, \"group\": %s, \"explain\": %s, \"snippet_chars\": %zu, \"highlight_open\": \"%s\", "
           "\"highlight_close\": \"%s\", \"community\": \"%s\"}, ",
           o.limit, o.offset, o.typos ? "true" : "false", o.prefix ? "true" : "false", o.concepts ? "true" : "false",
           o.stemming ? "true" : "false", o.group ? "true" : "false", o.explain ? "true" : "false", o.snippet_chars,
           o.highlight_open, o.highlight_close, o.community);
    printf("\"search.build\": {\"default_country\": \"%s\", \"concept_table\": \"%s\", \"compounds\": %s}}\n",
           b.default_country, b.concept_table, b.compounds ? "true" : "false");
    return 0;
  }
  if (strcmp(cmd, "network-build") == 0 && argc >= 4) {
    const char* osm = strcmp(argv[3], "-") == 0 ? NULL : argv[3];
    st = kw_network_build(&json, (const char* const*)(argv + 4), (size_t)(argc - 4), osm, argv[2], NULL);
    return print_json(st, json);
  }
  if (strcmp(cmd, "network-info") == 0 && argc == 3) {
    kw_network* net = NULL;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    st = kw_network_info_json(&json, net);
    kw_network_free(net);
    return print_json(st, json);
  }
  if (strcmp(cmd, "network-defaults") == 0) {
    kw_network_build_options b;
    kw_street_query q;
    kw_network_build_options_init(&b, KW_NETWORK_BUILD_OPTIONS_VERSION);
    kw_street_query_init(&q, KW_STREET_QUERY_VERSION);
    printf("{\"network.build\": {\"walk_speed_mps\": %.17g, \"bike_speed_mps\": %.17g, \"max_link_m\": %.17g, "
           "\"footpath_max_m\": %.17g, \"detour_factor\": %.17g, \"stop_area_max_m\": %.17g, "
           "\"min_component_nodes\": %zu}, ",
           b.walk_speed_mps, b.bike_speed_mps, b.max_link_m, b.footpath_max_m, b.detour_factor, b.stop_area_max_m,
           b.min_component_nodes);
    printf("\"network.times\": {\"mode\": \"%s\", \"max_seconds\": %.17g, \"max_snap_m\": %.17g}}\n",
           q.mode == KW_MODE_WALK ? "walk" : "bike", q.max_seconds, q.max_snap_m);
    return 0;
  }
  if (strcmp(cmd, "route-defaults") == 0) {
    kw_route_options o;
    kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION);
    printf("{\"network.route\": {\"mode\": \"%s\", \"access_mode\": \"%s\", \"arrive_by\": %s, \"lang\": \"%s\", "
           "\"step_free\": %s, \"unknown\": \"%s\", \"max_transfers\": %u, \"max_access_seconds\": %d, "
           "\"max_travel_seconds\": %d, \"min_change_seconds\": %d, \"departures\": %u, \"max_snap_m\": %.17g, "
           "\"fares\": %s, \"optimize_fare\": %s}}\n",
           o.mode, o.access_mode, o.arrive_by ? "true" : "false", o.lang, o.step_free ? "true" : "false", o.unknown,
           o.max_transfers, (int)o.max_access_seconds, (int)o.max_travel_seconds, (int)o.min_change_seconds,
           o.departures, o.max_snap_m, o.fares ? "true" : "false", o.optimize_fare ? "true" : "false");
    return 0;
  }
  if (strcmp(cmd, "matrix-defaults") == 0) {
    kw_matrix_options o;
    kw_matrix_options_init(&o, KW_MATRIX_OPTIONS_VERSION);
    printf("{\"network.matrix\": {\"mode\": \"%s\", \"access_mode\": \"%s\", \"max_seconds\": %d, "
           "\"max_snap_m\": %.17g, \"skip_unsnapped\": %s, \"step_free\": %s, \"time\": \"%s\", "
           "\"window_seconds\": %d, \"window_step\": %d, \"percentile\": %.17g, \"max_access_seconds\": %d, "
           "\"max_transfers\": %u, \"min_change_seconds\": %d, \"threads\": %u, \"max_bytes\": %llu, "
           "\"use_ch\": %s}}\n",
           o.mode, o.access_mode, (int)o.max_seconds, o.max_snap_m, o.skip_unsnapped ? "true" : "false",
           o.step_free ? "true" : "false", o.time, (int)o.window_seconds, (int)o.window_step, o.percentile,
           (int)o.max_access_seconds, o.max_transfers, (int)o.min_change_seconds, o.threads,
           (unsigned long long)o.max_bytes, o.use_ch ? "true" : "false");
    return 0;
  }
  if (strcmp(cmd, "route") == 0 && argc >= 9) {
    kw_network* net = NULL;
    kw_journeys* js = NULL;
    kw_route_options o;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION);
    o.from_lat = strtod(argv[3], NULL);
    o.from_lon = strtod(argv[4], NULL);
    o.to_lat = strtod(argv[5], NULL);
    o.to_lon = strtod(argv[6], NULL);
    o.date = argv[7];
    o.time = argv[8];
    if (argc >= 10) o.lang = argv[9];
    if (argc >= 11) o.arrive_by = strcmp(argv[10], "1") == 0;
    if (argc >= 12 && strcmp(argv[11], "-") != 0) {
      kw_network* live = NULL;
      st = kw_network_apply_realtime(&live, net, NULL, 0, argv[11], NULL);
      kw_network_free(net);
      if (st != KW_OK) return failed(st);
      net = live;
    }
    if (argc >= 13) o.fares = strcmp(argv[12], "1") == 0;
    if (argc >= 13) o.optimize_fare = strcmp(argv[12], "2") == 0;
    st = kw_route(&js, net, &o);
    kw_network_free(net);
    if (st != KW_OK) return failed(st);
    st = kw_journeys_json(&json, js);
    kw_journeys_free(js);
    return print_json(st, json);
  }
  if (strcmp(cmd, "realtime-info") == 0 && argc >= 4) {
    kw_network* net = NULL;
    kw_network* live = NULL;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    st = kw_network_apply_realtime(&live, net, NULL, 0, argv[3], NULL);
    kw_network_free(net);
    if (st != KW_OK) return failed(st);
    st = kw_network_realtime_json(&json, live);
    kw_network_free(live);
    return print_json(st, json);
  }
  if (strcmp(cmd, "isochrone-defaults") == 0) {
    kw_isochrone_options o;
    size_t i;
    kw_isochrone_options_init(&o, KW_ISOCHRONE_OPTIONS_VERSION);
    printf("{\"network.isochrone\": {\"mode\": \"%s\", \"max_seconds\": %d, \"bands\": [", o.mode, (int)o.max_seconds);
    for (i = 0; i < o.n_bands; ++i) printf("%s%d", i == 0 ? "" : ", ", (int)o.bands[i]);
    printf("], \"step_free\": %s, \"unknown\": \"%s\", \"max_transfers\": %u, \"min_change_seconds\": %d, "
           "\"max_snap_m\": %.17g, \"buffer_m\": %.17g, \"polygons\": %s}}\n",
           o.step_free ? "true" : "false", o.unknown, o.max_transfers, (int)o.min_change_seconds, o.max_snap_m,
           o.buffer_m, o.polygons ? "true" : "false");
    return 0;
  }
  if (strcmp(cmd, "isochrone") == 0 && argc >= 8) {
    kw_network* net = NULL;
    kw_isochrone_result* iso = NULL;
    kw_isochrone_options o;
    int32_t bands[16];
    size_t n_bands = 0;
    char* p = argv[7];
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    kw_isochrone_options_init(&o, KW_ISOCHRONE_OPTIONS_VERSION);
    o.from_lat = strtod(argv[3], NULL);
    o.from_lon = strtod(argv[4], NULL);
    o.mode = argv[5];
    o.max_seconds = (int32_t)strtol(argv[6], NULL, 10);
    while (*p != '\0' && n_bands < 16) {
      bands[n_bands++] = (int32_t)strtol(p, &p, 10);
      if (*p == ',') ++p;
    }
    o.bands = bands;
    o.n_bands = n_bands;
    if (argc >= 10) {
      o.date = argv[8];
      o.time = argv[9];
    }
    st = kw_isochrone(&iso, net, &o);
    kw_network_free(net);
    if (st != KW_OK) return failed(st);
    st = kw_isochrone_json(&json, iso);
    if (st == KW_OK) {
      puts(json);
      kw_free(json);
      st = kw_isochrone_geojson(&json, iso);
    }
    kw_isochrone_free(iso);
    return print_json(st, json);
  }
  if (strcmp(cmd, "access-defaults") == 0) {
    kw_access_options o;
    kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
    printf("{\"access.score\": {\"pois\": ");
#define KW_S(s) put_json_string((s) ? (s) : "", (s) ? strlen(s) : 0)
    KW_S(o.pois);
    printf(", \"category_column\": ");
    KW_S(o.category_column);
    printf(", \"categories\": ");
    KW_S(o.categories);
    printf(", \"modes\": ");
    KW_S(o.modes);
    printf(", \"minutes\": %.17g, \"max_minutes\": %.17g, \"date\": ", o.minutes, o.max_minutes);
    KW_S(o.date);
    printf(", \"time\": ");
    KW_S(o.time);
    printf(", \"window_minutes\": %.17g, \"percentile\": %.17g, \"grid_m\": %.17g, \"origins\": ", o.window_minutes,
           o.percentile, o.grid_m);
    KW_S(o.origins);
    printf(", \"weight_column\": ");
    KW_S(o.weight_column);
    printf(", \"areas\": ");
    KW_S(o.areas);
    printf(", \"area_name\": ");
    KW_S(o.area_name);
    printf(", \"max_snap_m\": %.17g, \"threads\": %u}}\n", o.max_snap_m, o.threads);
#undef KW_S
    return 0;
  }
  if (strcmp(cmd, "access") == 0 && argc >= 5) {
    kw_network* net = NULL;
    kw_access* a = NULL;
    kw_access_options o;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
    o.modes = argv[3];
    o.minutes = strtod(argv[4], NULL);
    if (argc >= 7) {
      o.date = argv[5];
      o.time = argv[6];
    }
    if (argc >= 8) o.pois = argv[7];
    st = kw_access_score(&a, net, &o);
    kw_network_free(net); /* the answer owns what it holds */
    if (st != KW_OK) return failed(st);
    st = kw_access_summary_json(&json, a);
    if (st == KW_OK) {
      puts(json);
      kw_free(json);
      st = kw_access_geojson(&json, a);
    }
    kw_access_free(a);
    return print_json(st, json);
  }
  if (strcmp(cmd, "network-stops") == 0 && (argc == 3 || argc == 4)) return network_stops(argv[2], argc == 4 ? argv[3] : NULL);
  if (strcmp(cmd, "network-nodes") == 0 && argc == 4) {
    kw_network* net = NULL;
    double *lat, *lon;
    size_t i, n;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    n = kw_network_node_count(net);
    lat = malloc((n + 1) * sizeof *lat);
    lon = malloc((n + 1) * sizeof *lon);
    st = kw_network_node_positions(lat, lon, n, net, strcmp(argv[3], "bike") == 0 ? KW_MODE_BIKE : KW_MODE_WALK);
    for (i = 0; st == KW_OK && i < n; ++i) printf("%.17g %.17g\n", lat[i], lon[i]);
    free(lat);
    free(lon);
    kw_network_free(net);
    return st == KW_OK ? 0 : failed(st);
  }
  if (strcmp(cmd, "network-times-to") == 0 && argc >= 7 && (argc - 7) % 2 == 0) {
    kw_network* net = NULL;
    kw_street_query q;
    double *tlat, *tlon;
    float* t;
    size_t i, n = (size_t)(argc - 7) / 2;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    kw_street_query_init(&q, KW_STREET_QUERY_VERSION);
    q.mode = strcmp(argv[5], "bike") == 0 ? KW_MODE_BIKE : KW_MODE_WALK;
    q.max_seconds = strtod(argv[6], NULL);
    tlat = malloc((n + 1) * sizeof *tlat);
    tlon = malloc((n + 1) * sizeof *tlon);
    t = malloc((n + 1) * sizeof *t);
    for (i = 0; i < n; ++i) {
      tlat[i] = strtod(argv[7 + 2 * i], NULL);
      tlon[i] = strtod(argv[8 + 2 * i], NULL);
    }
    st = kw_network_times_to(t, net, strtod(argv[3], NULL), strtod(argv[4], NULL), tlat, tlon, n, &q);
    for (i = 0; st == KW_OK && i < n; ++i) printf("%.9g\n", (double)t[i]);
    free(tlat);
    free(tlon);
    free(t);
    kw_network_free(net);
    return st == KW_OK ? 0 : failed(st);
  }
  if (strcmp(cmd, "network-times") == 0 && argc == 7) {
    kw_network* net = NULL;
    kw_street_query q;
    float* t;
    size_t i, n;
    if ((st = kw_network_open(&net, argv[2])) != KW_OK) return failed(st);
    kw_street_query_init(&q, KW_STREET_QUERY_VERSION);
    q.mode = strcmp(argv[5], "bike") == 0 ? KW_MODE_BIKE : KW_MODE_WALK;
    q.max_seconds = strtod(argv[6], NULL);
    n = kw_network_node_count(net);
    t = (float*)malloc((n + 1) * sizeof(float));
    st = t == NULL ? KW_E_INTERNAL : kw_network_times(t, n, net, strtod(argv[3], NULL), strtod(argv[4], NULL), &q);
    if (st == KW_OK)
      for (i = 0; i < n; ++i) printf("%.9g\n", (double)t[i]);
    free(t);
    kw_network_free(net);
    return st == KW_OK ? 0 : failed(st);
  }
  fprintf(stderr, "c_edge_tool: unknown or incomplete command '%s'\n", cmd);
  return 2;
}
