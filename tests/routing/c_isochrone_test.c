/* C99 test of the isochrone section of kwartier_c.h on the hand-written Brussels sample (data/).
 * Worked out by hand (walking 1.3 m/s, the build default): the origin at Gare du Midi's platform GDM1
 * (50.8355, 4.3358) snaps onto Boulevard Anspach at its end n1 (50.8360, 4.3365), 74.2 m away: n1 at
 * 74.2 / 1.3 = 57 s; the next street node (junction) is n3 (50.8440, 4.3450), 526.0 + 545.6 m further up the
 * boulevard (through n2, which is no junction): 1,145.8 / 1.3 = 881 s. Rogier's street node n7
 * (50.8558, 4.3592) is 2.7 km up the boulevard (> 1,200 s on foot); by walk + transit leaving at 07:55 on
 * Monday 2024-12-09, trip M1A leaves GDM1 at 08:00 and reaches ROG at 08:11 (960 s after leaving), and ROG
 * is 30.6 m (24 s) from n7: n7 within 960 .. 1,000 s. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

/* The street node at (lat, lon), or (size_t)-1. */
static size_t node_at(const double* lat, const double* lon, size_t n, double want_lat, double want_lon) {
  size_t v;
  for (v = 0; v < n; ++v)
    if (fabs(lat[v] - want_lat) < 1e-9 && fabs(lon[v] - want_lon) < 1e-9) return v;
  return (size_t)-1;
}

static void on_progress(const char* stage, double fraction, void* payload) {
  (void)stage;
  (void)fraction;
  ++*(int*)payload;
}

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  kw_network* net = NULL;
  kw_isochrone_options o;
  kw_isochrone_result* iso = NULL;
  kw_isochrone_options bad_version;
  size_t n, v, n1, n3, n7, b;
  double *lat, *lon;
  float *secs, *walk_secs;
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_iso_mini.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_iso_mini.kwn") == KW_OK);
  if (net == NULL) return 1;
  n = kw_network_node_count(net);
  lat = (double*)malloc(n * sizeof(double));
  lon = (double*)malloc(n * sizeof(double));
  secs = (float*)malloc(n * sizeof(float));
  walk_secs = (float*)malloc(n * sizeof(float));
  CHECK(kw_network_node_positions(lat, lon, n, net, 0) == KW_OK);
  n1 = node_at(lat, lon, n, 50.8360, 4.3365);
  n3 = node_at(lat, lon, n, 50.8440, 4.3450);
  n7 = node_at(lat, lon, n, 50.8558, 4.3592);
  CHECK(n1 < n && n3 < n && n7 < n);

  CHECK(kw_isochrone_options_init(&o, 999) == KW_E_UNSUPPORTED);
  CHECK(kw_isochrone_options_init(&o, KW_ISOCHRONE_OPTIONS_VERSION) == KW_OK);
  /* The defaults of routing::isochrone_request, as the CLI prints them in --help. */
  CHECK(strcmp(o.mode, "walk") == 0 && strcmp(o.unknown, "allow") == 0 && o.date == NULL && o.time == NULL);
  CHECK(o.max_seconds == 900 && o.n_bands == 3 && o.bands[0] == 300 && o.bands[1] == 600 && o.bands[2] == 900);
  CHECK(o.max_transfers == 8 && o.min_change_seconds == 0 && o.max_snap_m == 200.0 && o.buffer_m == 25.0);
  CHECK(o.polygons == 1 && o.step_free == 0 && o.progress == NULL);

  /* Walking, bands 60 / 500 / 1200 s. */
  {
    static const int32_t bands[] = {60, 500, 1200};
    int calls = 0;
    o.from_lat = 50.8355;
    o.from_lon = 4.3358;
    o.max_seconds = 1200;
    o.bands = bands;
    o.n_bands = 3;
    o.progress = on_progress;
    o.progress_payload = &calls;
    CHECK(kw_isochrone(&iso, net, &o) == KW_OK);
    CHECK(calls == 4); /* "search" once, "polygons" once per band */
    o.progress = NULL;
  }
  CHECK(kw_isochrone_node_count(iso) == n);
  CHECK(kw_isochrone_node_seconds(secs, n - 1, iso) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_isochrone_node_seconds(secs, n, iso) == KW_OK);
  CHECK(fabs(secs[n1] - 57.0f) <= 1.0f);
  CHECK(fabs(secs[n3] - 881.0f) <= 2.0f);
  CHECK(isinf(secs[n7]));
  memcpy(walk_secs, secs, n * sizeof(float));
  CHECK(kw_isochrone_band_count(iso) == 3);
  {
    double last_area = 0.0;
    for (b = 0; b < 3; ++b) {
      kw_isochrone_band band;
      size_t inside = 0;
      band.version = KW_ISOCHRONE_BAND_VERSION;
      CHECK(kw_isochrone_band_get(&band, iso, b) == KW_OK);
      for (v = 0; v < n; ++v) inside += secs[v] <= (float)band.seconds ? 1 : 0;
      CHECK(band.nodes == inside);
      CHECK(band.area_m2 > last_area);
      last_area = band.area_m2;
    }
    {
      kw_isochrone_band band;
      memset(&band, 0, sizeof band);
      CHECK(kw_isochrone_band_get(&band, iso, 0) == KW_E_UNSUPPORTED); /* version not set */
      band.version = KW_ISOCHRONE_BAND_VERSION;
      CHECK(kw_isochrone_band_get(&band, iso, 3) == KW_E_OUT_OF_RANGE);
      CHECK(kw_isochrone_band_get(&band, iso, 0) == KW_OK && band.seconds == 60 && band.nodes == 1);
    }
  }
  {
    char* text = NULL;
    CHECK(kw_isochrone_geojson(&text, iso) == KW_OK);
    CHECK(text != NULL && strncmp(text, "{\"type\":\"FeatureCollection\"", 27) == 0);
    CHECK(strstr(text, "\"seconds\":1200") < strstr(text, "\"seconds\":60,")); /* largest band first */
    kw_free(text);
    CHECK(kw_isochrone_json(&text, iso) == KW_OK);
    CHECK(text != NULL && strstr(text, "\"mode\":\"walk\",\"max_seconds\":1200") != NULL);
    kw_free(text);
  }
  kw_isochrone_free(iso);
  kw_isochrone_free(NULL);

  /* Walk + transit: M1A carries the walk to Rogier. */
  iso = NULL;
  o.mode = "transit";
  o.date = "2024-12-09";
  o.time = "07:55";
  o.polygons = 0;
  CHECK(kw_isochrone(&iso, net, &o) == KW_OK);
  CHECK(kw_isochrone_node_seconds(secs, n, iso) == KW_OK);
  CHECK(secs[n7] >= 960.0f && secs[n7] <= 1000.0f);
  for (v = 0; v < n; ++v) CHECK(secs[v] <= walk_secs[v]); /* transit never slower than walking */
  {
    kw_isochrone_band band;
    band.version = KW_ISOCHRONE_BAND_VERSION;
    CHECK(kw_isochrone_band_get(&band, iso, 2) == KW_OK && isnan(band.area_m2));
  }
  kw_isochrone_free(iso);

  /* Bad input, each a clear error and no result. */
  iso = NULL;
  o.date = "2025-01-06";
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_OUT_OF_RANGE && iso == NULL);
  CHECK(strstr(kw_last_error_message(), "2024-12-09 .. 2024-12-25") != NULL);
  o.date = NULL;
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT && strstr(kw_last_error_message(), "date") != NULL);
  o.date = "2024-12-09";
  o.time = "7:5x";
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
  o.time = "07:55";
  {
    static const int32_t zero[] = {0};
    static const int32_t negative[] = {600, -300};
    static const int32_t above[] = {600, 2000};
    o.max_seconds = 0; /* a zero or negative budget */
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT && strstr(kw_last_error_message(), "max_seconds") != NULL);
    o.max_seconds = -300;
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
    o.max_seconds = 1200;
    o.bands = zero;
    o.n_bands = 1;
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT && strstr(kw_last_error_message(), "bands") != NULL);
    o.bands = negative;
    o.n_bands = 2;
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
    o.bands = above; /* above max_seconds */
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
    o.bands = NULL;
    o.n_bands = 1;
    CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
    o.n_bands = 0; /* no band: node times only */
    CHECK(kw_isochrone(&iso, net, &o) == KW_OK && kw_isochrone_band_count(iso) == 0);
    kw_isochrone_free(iso);
    iso = NULL;
    o.bands = negative;
    o.n_bands = 1;
  }
  o.from_lat = 51.5;  /* London: outside the network */
  o.from_lon = -0.12;
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_TOO_FAR);
  o.from_lat = 95.0;
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_OUT_OF_RANGE);
  o.from_lat = 50.8355;
  o.from_lon = 4.3358;
  o.mode = "car";
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_isochrone(NULL, net, &o) == KW_E_INVALID_ARGUMENT);
  bad_version = o;
  bad_version.version = 99;
  CHECK(kw_isochrone(&iso, net, &bad_version) == KW_E_UNSUPPORTED);
  CHECK(iso == NULL);
  kw_network_free(net);

  /* A network built without GTFS: transit is unsupported, walking is fine. */
  CHECK(kw_network_build(NULL, NULL, 0, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_iso_streets.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_iso_streets.kwn") == KW_OK);
  o.mode = "transit";
  CHECK(kw_isochrone(&iso, net, &o) == KW_E_UNSUPPORTED && strstr(kw_last_error_message(), "GTFS") != NULL);
  o.mode = "walk";
  CHECK(kw_isochrone(&iso, net, &o) == KW_OK);
  kw_isochrone_free(iso);
  kw_network_free(net);
  free(lat);
  free(lon);
  free(secs);
  free(walk_secs);

  if (g_failures != 0) fprintf(stderr, "%d checks failed\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
