/* C99 test of the bike-share section of kwartier_c.h on the hand-written Brussels sample (data/): the GBFS 3.0
 * sample of data/gbfs (data/gbfs/README.md) bound to the mini network. From Gare du Midi (50.8360, 4.3365) to
 * Gare du Nord (50.8601, 4.3620) at 07:05 on Monday 2024-12-09 no train runs before 08:00 and walking takes
 * 42 minutes; bike share takes a bike at the Gare du Midi station (MIDI, 6 bikes) and docks it at Gare du Nord
 * (NORD, 20 free docks) in about a quarter of an hour (the minute-by-minute times are worked out by hand on a
 * drawn street in tests/routing/bikeshare_test.cc). */
#include <stdio.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

static size_t band_nodes(const kw_network* net, const char* mode) {
  kw_isochrone_options o;
  kw_isochrone_result* iso = NULL;
  kw_isochrone_band b;
  size_t n = 0;
  CHECK(kw_isochrone_options_init(&o, KW_ISOCHRONE_OPTIONS_VERSION) == KW_OK);
  int32_t const bands[] = {600};
  o.from_lat = 50.8360;
  o.from_lon = 4.3365;
  o.mode = mode;
  o.max_seconds = 600;
  o.bands = bands;
  o.n_bands = 1;
  o.polygons = 0;
  CHECK(kw_isochrone(&iso, net, &o) == KW_OK);
  if (iso == NULL) return 0;
  b.version = KW_ISOCHRONE_BAND_VERSION;
  CHECK(kw_isochrone_band_get(&b, iso, 0) == KW_OK);
  n = b.nodes;
  kw_isochrone_free(iso);
  return n;
}

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  kw_network* net = NULL;
  kw_network* shared = NULL;
  kw_route_options o;
  kw_journeys* js = NULL;
  kw_journey_info ji;
  kw_leg_info li;
  char* json = NULL;
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_bikeshare_mini.kwn", NULL) ==
        KW_OK);
  CHECK(kw_network_open(&net, "c_bikeshare_mini.kwn") == KW_OK);
  if (net == NULL) return 1;

  /* Bad input: a missing folder, NULL arguments; the plain network has no system. */
  CHECK(kw_network_load_gbfs(&shared, net, KW_SOURCE_DIR "/data/gbfs/nothing-here") == KW_E_NOT_FOUND);
  CHECK(shared == NULL && strstr(kw_last_error_message(), "nothing-here") != NULL);
  CHECK(kw_network_load_gbfs(&shared, NULL, "x") == KW_E_INVALID_ARGUMENT);
  CHECK(kw_network_gbfs_json(&json, net) == KW_E_NOT_FOUND);

  CHECK(kw_network_load_gbfs(&shared, net, KW_SOURCE_DIR "/data/gbfs/mini-brussels-3.0") == KW_OK);
  if (shared == NULL) return 1;
  CHECK(kw_network_gbfs_json(&json, shared) == KW_OK);
  if (json != NULL) {
    /* 7 stations + 1 free-floating bike snapped; LEMO (empty) takes no pick-up, ROGI (full) no drop-off. */
    CHECK(strstr(json, "\"version\":\"3.0\"") != NULL);
    CHECK(strstr(json, "\"points\":8,\"pick_up\":7,\"drop_off\":6") != NULL);
    kw_free(json);
    json = NULL;
  }

  CHECK(kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION) == KW_OK);
  o.from_lat = 50.8360;
  o.from_lon = 4.3365;
  o.to_lat = 50.8601;
  o.to_lon = 4.3620;
  o.date = "2024-12-09";
  o.time = "07:05";
  o.mode = "walk,transit,bikeshare";
  /* Bike share asked of the network without a system. */
  CHECK(kw_route(&js, net, &o) == KW_E_INVALID_ARGUMENT);
  CHECK(strstr(kw_last_error_message(), "GBFS") != NULL);
  o.mode = "walk,transit,car";
  CHECK(kw_route(&js, shared, &o) == KW_E_INVALID_ARGUMENT);
  o.mode = "walk,transit,bikeshare";
  CHECK(kw_route(&js, shared, &o) == KW_OK);
  if (js == NULL) return 1;
  CHECK(kw_journeys_count(js) == 2);  /* bike share, then the 42-minute walk */
  ji.version = KW_JOURNEY_INFO_VERSION;
  CHECK(kw_journey_get(&ji, js, 0) == KW_OK);
  CHECK(ji.rides == 0 && ji.n_legs == 3);
  CHECK(strcmp(ji.departure, "2024-12-09T07:05:00+01:00") == 0);
  CHECK(ji.duration_s > 10 * 60 && ji.duration_s < 20 * 60);
  li.version = KW_LEG_INFO_VERSION;
  CHECK(kw_journey_leg_get(&li, js, 0, 1) == KW_OK);
  CHECK(strcmp(li.kind, "bikeshare") == 0 && strcmp(li.mode, "bike") == 0);
  CHECK(strcmp(li.from_name, "Gare du Midi") == 0 && strcmp(li.to_name, "Gare du Nord") == 0);
  CHECK(li.from_stop_id == NULL);
  {
    /* The bike is taken at station MIDI and docked at NORD (data/gbfs/mini-brussels-3.0/station_information.json);
     * the walk before it starts at the origin, no station. */
    const char* from = "unset";
    const char* to = "unset";
    CHECK(kw_journey_leg_stations(&from, &to, js, 0, 1) == KW_OK);
    CHECK(from != NULL && strcmp(from, "MIDI") == 0 && to != NULL && strcmp(to, "NORD") == 0);
    CHECK(kw_journey_leg_stations(&from, NULL, js, 0, 0) == KW_OK);
    CHECK(from == NULL);
    CHECK(kw_journey_leg_stations(&from, &to, js, 0, 3) == KW_E_OUT_OF_RANGE);
    CHECK(strstr(kw_last_error_message(), "leg 3 of 3") != NULL);
    CHECK(kw_journey_leg_stations(&from, &to, js, 2, 0) == KW_E_OUT_OF_RANGE);
    CHECK(kw_journey_leg_stations(&from, &to, NULL, 0, 0) == KW_E_INVALID_ARGUMENT);
  }
  CHECK(kw_journey_leg_get(&li, js, 0, 0) == KW_OK);
  CHECK(strcmp(li.kind, "direct") == 0 && strcmp(li.mode, "walk") == 0 && strcmp(li.from_name, "origin") == 0);
  CHECK(kw_journey_get(&ji, js, 1) == KW_OK);
  CHECK(ji.n_legs == 1 && ji.duration_s > 40 * 60);
  CHECK(kw_journeys_json(&json, js) == KW_OK);
  if (json != NULL) {
    CHECK(strstr(json, "\"kind\":\"bikeshare\"") != NULL);
    CHECK(strstr(json, "\"name\":\"Gare du Midi\",\"lat\":50.8362,\"lon\":4.3368,\"station_id\":\"MIDI\"") != NULL);
    CHECK(strstr(json, "\"station_id\":\"NORD\"") != NULL);
    kw_free(json);
  }
  kw_journeys_free(js);

  /* Isochrones: within 10 minutes bike share reaches more street nodes than walking. */
  {
    size_t const walk = band_nodes(shared, "walk");
    size_t const share = band_nodes(shared, "walk,bikeshare");
    CHECK(walk > 0 && share > walk);
  }

  kw_network_free(shared);
  kw_network_free(net);
  if (g_failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", g_failures);
    return 1;
  }
  printf("c_bikeshare: all checks passed\n");
  return 0;
}
