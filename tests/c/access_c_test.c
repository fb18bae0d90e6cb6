/* The C edge of the 15-minute question (kw_access_*), from a C99 program, on the sample town in data/
 * (data/osm/mini-brussels.osm with its tagged POIs, data/gtfs/mini-brussels).
 *
 * Worked out by hand from the sample (walk 1.3 m/s, so 30 min = 2,340 m; 15 min = 1,170 m):
 * - Midi (node 1, 50.8360 4.3365): the library (node 32, 50.8395 4.3413) is ~530 m up the boulevard plus
 *   ~60 m off it: 5-9 minutes on foot. The school (centroid 50.8563 4.3610, east of Rogier) is ~2.7 km of
 *   boulevard away: not within 30 minutes on foot. By transit on the default day (2024-12-10, the first
 *   Tuesday with service) leaving at 07:55: ~1 min to GDM1, trip M1A leaves 08:00, reaches Rogier 08:11,
 *   then ~170-250 m to the school: 17-22 minutes.
 * - Walk times equal an independent forward search per origin (kw_network_times_to to every POI of the
 *   category, min), to the second.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s (last error: %s)\n", __FILE__, __LINE__, #cond, \
              kw_last_error_message());                                          \
      exit(1);                                                                   \
    }                                                                            \
  } while (0)

static int find_category(const kw_access* a, const char* name) {
  size_t nc = 0, c;
  kw_access_counts(NULL, &nc, NULL, a);
  for (c = 0; c < nc; ++c)
    if (strcmp(kw_access_category_name(a, c), name) == 0) return (int)c;
  return -1;
}

static void write_file(const char* path, const char* text) {
  FILE* f = fopen(path, "w");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}

static int progress_calls = 0;
static void on_progress(const char* stage, double fraction, void* payload) {
  (void)stage;
  CHECK(fraction >= 0.0 && fraction <= 1.0);
  CHECK(payload == &progress_calls);
  ++progress_calls;
}

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  const char* kwn = "c_access_mini.kwn";
  kw_network* net = NULL;
  kw_access_options o;
  kw_access* a = NULL;
  size_t n_origins = 0, n_categories = 0, n_pois = 0, i, c;
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", kwn, NULL) == KW_OK);
  CHECK(kw_network_open(&net, kwn) == KW_OK);

  /* Defaults are access::score_request's. */
  CHECK(kw_access_options_init(&o, 999) == KW_E_UNSUPPORTED);
  CHECK(kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION) == KW_OK);
  CHECK(strcmp(o.pois, "osm") == 0 && strcmp(o.modes, "walk") == 0 && o.minutes == 15.0 && o.max_minutes == 30.0);
  CHECK(strcmp(o.time, "08:00") == 0 && strcmp(o.date, "") == 0 && o.grid_m == 0.0 && o.n_origins == 0);

  /* Every street node, on foot and by bike: the network's OSM POIs in their 10 categories. */
  o.modes = "walk,bike";
  o.progress = on_progress;
  o.progress_payload = &progress_calls;
  CHECK(kw_access_score(&a, net, &o) == KW_OK);
  CHECK(progress_calls > 0);
  CHECK(kw_access_counts(&n_origins, &n_categories, &n_pois, a) == KW_OK);
  CHECK(n_categories == 10 && n_pois == 11); /* 9 POI nodes + school and park areas (data/osm comment) */
  CHECK(n_origins > 0 && n_origins <= kw_network_node_count(net));
  CHECK(kw_access_has_mode(a, KW_ACCESS_WALK) == 1 && kw_access_has_mode(a, KW_ACCESS_TRANSIT) == 0);
  {
    /* Node 12 (steps and a footway meet there) is not open to bikes; as an origin it starts by bike from the
     * boulevard ~120 m away (node 6), like a home there would, so every node reaches something by bike. */
    uint8_t* bike = malloc(n_origins);
    CHECK(kw_access_reached(bike, n_origins, a, KW_ACCESS_BIKE) == KW_OK);
    for (i = 0; i < n_origins; ++i) CHECK(bike[i] > 0);
    free(bike);
  }
  {
    int32_t* secs = malloc(n_origins * sizeof *secs);
    uint8_t* reached = malloc(n_origins);
    CHECK(kw_access_seconds(secs, n_origins, a, KW_ACCESS_TRANSIT, 0) == KW_E_INVALID_ARGUMENT); /* not scored */
    CHECK(kw_access_seconds(secs, n_origins - 1, a, KW_ACCESS_WALK, 0) == KW_E_OUT_OF_RANGE);  /* short buffer */
    CHECK(kw_access_seconds(secs, n_origins, a, KW_ACCESS_WALK, n_categories) == KW_E_OUT_OF_RANGE);
    CHECK(kw_access_reached(reached, n_origins, a, KW_ACCESS_WALK) == KW_OK);
    /* reached = the number of categories within 15 minutes, read off the per-category arrays. */
    {
      uint8_t* count = calloc(n_origins, 1);
      for (c = 0; c < n_categories; ++c) {
        CHECK(kw_access_seconds(secs, n_origins, a, KW_ACCESS_WALK, c) == KW_OK);
        for (i = 0; i < n_origins; ++i) count[i] += (uint8_t)(secs[i] <= 15 * 60);
      }
      for (i = 0; i < n_origins; ++i) CHECK(count[i] == reached[i]);
      free(count);
    }
    free(secs);
    free(reached);
  }
  {
    char* json = NULL;
    CHECK(kw_access_summary_json(&json, a) == KW_OK);
    CHECK(strstr(json, "\"summary\"") != NULL && strstr(json, "\"pharmacy\"") != NULL);
    kw_free(json);
    CHECK(kw_access_geojson(&json, a) == KW_OK);
    CHECK(strstr(json, "\"FeatureCollection\"") != NULL && strstr(json, "\"walk_share\"") != NULL);
    kw_free(json);
    CHECK(kw_access_csv(&json, a) == KW_OK);
    CHECK(strncmp(json, "id,lat,lon,weight", 17) == 0);
    kw_free(json);
  }
  kw_access_free(a);
  a = NULL;

  /* Caller's origins (Midi, Bourse, De Brouckere, Nord), walk + bike + transit at 07:55 on the default day. */
  {
    const double lat[] = {50.8360, 50.8483, 50.8510, 50.8601};
    const double lon[] = {4.3365, 4.3500, 4.3525, 4.3620};
    const double weight[] = {100.0, 50.0, 25.0, 10.0};
    const size_t n = 4;
    int32_t walk[4], bike[4], transit[4];
    float share[4], share_any[4];
    double olat[4], olon[4], ow[4];
    double plat[32], plon[32];
    uint32_t pcat[32];
    int is_default = 0;
    kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
    o.modes = "walk,bike,transit";
    o.time = "07:55";
    o.origin_lat = lat;
    o.origin_lon = lon;
    o.origin_weight = weight;
    o.n_origins = n;
    CHECK(kw_access_score(&a, net, &o) == KW_OK);
    CHECK(kw_access_counts(&n_origins, &n_categories, &n_pois, a) == KW_OK);
    CHECK(n_origins == 4 && n_pois <= 32);
    CHECK(strcmp(kw_access_date(a, &is_default), "2024-12-10") == 0 && is_default == 1);
    CHECK(kw_access_origin_positions(olat, olon, 4, a) == KW_OK && olat[3] == 50.8601 && olon[0] == 4.3365);
    CHECK(kw_access_origin_weights(ow, 4, a) == KW_OK && ow[0] == 100.0 && ow[3] == 10.0);
    CHECK(kw_access_poi_positions(plat, plon, pcat, 32, a) == KW_OK);
    {
      int const lib = find_category(a, "library"), school = find_category(a, "school");
      CHECK(lib >= 0 && school >= 0);
      CHECK(kw_access_seconds(walk, 4, a, KW_ACCESS_WALK, (size_t)lib) == KW_OK);
      CHECK(walk[0] >= 5 * 60 && walk[0] <= 9 * 60);
      CHECK(kw_access_seconds(walk, 4, a, KW_ACCESS_WALK, (size_t)school) == KW_OK);
      CHECK(kw_access_seconds(transit, 4, a, KW_ACCESS_TRANSIT, (size_t)school) == KW_OK);
      CHECK(walk[0] == KW_ACCESS_UNREACHED);
      CHECK(transit[0] >= 17 * 60 && transit[0] <= 22 * 60);
    }
    for (c = 0; c < n_categories; ++c) {
      CHECK(kw_access_seconds(walk, 4, a, KW_ACCESS_WALK, c) == KW_OK);
      CHECK(kw_access_seconds(bike, 4, a, KW_ACCESS_BIKE, c) == KW_OK);
      CHECK(kw_access_seconds(transit, 4, a, KW_ACCESS_TRANSIT, c) == KW_OK);
      for (i = 0; i < n; ++i) {
        /* Transit includes walking all the way. */
        CHECK(transit[i] <= walk[i]);
        /* Walk: min over the category's POIs of one forward search from the origin (the oracle). */
        {
          float to[32];
          double tl[32], tn[32];
          size_t k, m = 0;
          kw_street_query q;
          float best = INFINITY;
          for (k = 0; k < n_pois; ++k)
            if (pcat[k] == c) {
              tl[m] = plat[k];
              tn[m] = plon[k];
              ++m;
            }
          kw_street_query_init(&q, KW_STREET_QUERY_VERSION);
          q.max_seconds = 30 * 60;
          CHECK(kw_network_times_to(to, net, lat[i], lon[i], tl, tn, m, &q) == KW_OK);
          for (k = 0; k < m; ++k)
            if (to[k] < best) best = to[k];
          if (isinf(best)) {
            CHECK(walk[i] == KW_ACCESS_UNREACHED);
          } else {
            CHECK(walk[i] != KW_ACCESS_UNREACHED && fabs((double)walk[i] - best) <= 1.0);
          }
        }
      }
    }
    CHECK(kw_access_share(share, 4, a, KW_ACCESS_TRANSIT) == KW_OK);
    CHECK(kw_access_share_any(share_any, 4, a) == KW_OK);
    for (i = 0; i < n; ++i) CHECK(share[i] >= 0.0f && share[i] <= share_any[i] && share_any[i] <= 1.0f);
    kw_access_free(a);
    a = NULL;

    /* A bad origin coordinate names the origin; arrays and a grid at once are refused. */
    {
      const double bad_lat[] = {50.8360, 91.0};
      o.origin_lat = bad_lat;
      o.n_origins = 2;
      CHECK(kw_access_score(&a, net, &o) == KW_E_OUT_OF_RANGE && a == NULL);
      CHECK(strstr(kw_last_error_message(), "origin 1") != NULL);
      o.origin_lat = lat;
      o.grid_m = 200.0;
      CHECK(kw_access_score(&a, net, &o) == KW_E_INVALID_ARGUMENT);
    }
  }

  /* Bad input: threshold 0, an unknown mode or category, a missing POI file; a POI file with bad rows gives
   * warnings naming the file and line, and scores the good rows. */
  kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
  o.minutes = 0.0;
  CHECK(kw_access_score(&a, net, &o) == KW_E_INVALID_ARGUMENT);
  kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
  o.modes = "walk,boat";
  CHECK(kw_access_score(&a, net, &o) == KW_E_INVALID_ARGUMENT);
  CHECK(strstr(kw_last_error_message(), "boat") != NULL);
  kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
  o.categories = "pharmacy,casino";
  CHECK(kw_access_score(&a, net, &o) == KW_E_INVALID_ARGUMENT);
  CHECK(strstr(kw_last_error_message(), "casino") != NULL);
  kw_access_options_init(&o, KW_ACCESS_OPTIONS_VERSION);
  o.pois = "c_access_missing.csv";
  CHECK(kw_access_score(&a, net, &o) == KW_E_NOT_FOUND);
  CHECK(strstr(kw_last_error_message(), "c_access_missing.csv") != NULL);
  write_file("c_access_pois.csv",
             "name,lat,lon,category\n"
             "bakery,50.8403,4.3398,food_shop\n"
             "no lat,,4.3400,food_shop\n"
             "north pole,95.0,4.3400,food_shop\n"
             "far away,51.5000,4.3400,food_shop\n");
  o.pois = "c_access_pois.csv";
  CHECK(kw_access_score(&a, net, &o) == KW_OK);
  CHECK(kw_access_counts(NULL, &n_categories, &n_pois, a) == KW_OK);
  CHECK(n_categories == 1 && n_pois == 2 && kw_access_category_poi_count(a, 0) == 1);
  {
    size_t np = kw_access_problem_count(a), lines = 0;
    int off_network = 0;
    for (i = 0; i < np; ++i) {
      kw_problem p;
      CHECK(kw_access_problem_get(&p, a, i) == KW_OK);
      if (strcmp(p.file, "c_access_pois.csv") == 0 && p.severity == KW_SEVERITY_WARNING && (p.line == 3 || p.line == 4))
        ++lines;
      if (strstr(p.message, "far away") != NULL || p.line == 5) off_network = 1;
    }
    CHECK(lines == 2);
    CHECK(off_network);
    CHECK(kw_access_problem_get(NULL, a, 0) == KW_E_INVALID_ARGUMENT);
  }
  kw_access_free(a);
  write_file("c_access_empty.csv", "name,lat,lon,category\n");
  o.pois = "c_access_empty.csv";
  CHECK(kw_access_score(&a, net, &o) == KW_E_INVALID_FORMAT);
  CHECK(strstr(kw_last_error_message(), "c_access_empty.csv") != NULL);
  CHECK(kw_access_score(NULL, net, &o) == KW_E_INVALID_ARGUMENT);
  o.version = 999;
  CHECK(kw_access_score(&a, net, &o) == KW_E_UNSUPPORTED);
  kw_access_free(NULL);

  kw_network_free(net);
  remove(kwn);
  remove("c_access_pois.csv");
  remove("c_access_empty.csv");
  printf("access C ABI: ok\n");
  return 0;
}
