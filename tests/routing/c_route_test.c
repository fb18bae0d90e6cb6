/* C99 test of the route section of kwartier_c.h on the hand-written Brussels sample (data/): line 1 trip M1A
 * leaves Gare du Midi (GDM1) at 08:00 and reaches Rogier (ROG) at 08:11 on Monday 2024-12-09
 * (data/gtfs/mini-brussels/stop_times.txt); Europe/Brussels is UTC+1 in December; translations.txt names GDM1
 * "Zuidstation" in Dutch. */
#include <stdio.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_route_mini.kwn", NULL) == KW_OK);
  kw_network* net = NULL;
  CHECK(kw_network_open(&net, "c_route_mini.kwn") == KW_OK);
  if (net == NULL) return 1;

  kw_route_options o;
  CHECK(kw_route_options_init(&o, 999) == KW_E_UNSUPPORTED);
  CHECK(kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION) == KW_OK);
  /* The defaults of routing::route_request, as the CLI prints them in --help. */
  CHECK(strcmp(o.mode, "transit") == 0 && strcmp(o.access_mode, "walk") == 0 && strcmp(o.unknown, "allow") == 0);
  CHECK(o.max_transfers == 8 && o.max_access_seconds == 900 && o.max_travel_seconds == 86400 && o.departures == 1);
  CHECK(o.date == NULL && o.time == NULL && o.arrive_by == 0 && o.step_free == 0);
  o.from_lat = 50.8355;
  o.from_lon = 4.3358;
  o.to_lat = 50.8556;
  o.to_lon = 4.3589;
  o.date = "2024-12-09";
  o.time = "07:55";
  o.lang = "nl";

  kw_journeys* js = NULL;
  CHECK(kw_route(&js, net, &o) == KW_OK);
  CHECK(kw_journeys_count(js) == 1);
  kw_journey_info j;
  memset(&j, 0, sizeof j);
  CHECK(kw_journey_get(&j, js, 0) == KW_E_INVALID_ARGUMENT); /* version not set */
  j.version = KW_JOURNEY_INFO_VERSION;
  CHECK(kw_journey_get(&j, js, 0) == KW_OK);
  CHECK(j.rides == 1 && j.transfers == 0 && j.n_legs >= 1);
  CHECK(kw_journey_get(&j, js, 1) == KW_E_OUT_OF_RANGE);
  {
    size_t l, rides = 0;
    for (l = 0; l < j.n_legs; ++l) {
      kw_leg_info leg;
      leg.version = KW_LEG_INFO_VERSION;
      CHECK(kw_journey_leg_get(&leg, js, 0, l) == KW_OK);
      if (strcmp(leg.kind, "ride") != 0) {
        CHECK(strcmp(leg.mode, "walk") == 0 && leg.trip_id == NULL && leg.route_type == -1);
        continue;
      }
      ++rides;
      CHECK(leg.mode == NULL);
      CHECK(strcmp(leg.trip_id, "M1A") == 0 && strcmp(leg.route_short_name, "1") == 0);
      CHECK(strcmp(leg.departure, "2024-12-09T08:00:00+01:00") == 0);
      CHECK(strcmp(leg.arrival, "2024-12-09T08:11:00+01:00") == 0);
      CHECK(leg.duration_s == 660 && leg.stops == 4 && leg.route_type == 1);
      CHECK(strcmp(leg.from_stop_id, "GDM1") == 0 && strcmp(leg.from_name, "Zuidstation") == 0);
      CHECK(strcmp(leg.to_stop_id, "ROG") == 0 && strcmp(leg.agency, "Mini Brussels Transit") == 0);
    }
    CHECK(rides == 1);
    {
      kw_leg_info leg;
      leg.version = KW_LEG_INFO_VERSION;
      CHECK(kw_journey_leg_get(&leg, js, 0, j.n_legs) == KW_E_OUT_OF_RANGE);
    }
  }
  {
    char* json = NULL;
    CHECK(kw_journeys_json(&json, js) == KW_OK);
    CHECK(json != NULL && strstr(json, "\"trip_id\":\"M1A\"") != NULL && strstr(json, "\"journeys\":[") == json + 1);
    kw_free(json);
  }
  kw_journeys_free(js);
  kw_journeys_free(NULL);

  /* Bad input, each a clear error. */
  js = NULL;
  o.time = "7:5x";
  CHECK(kw_route(&js, net, &o) == KW_E_INVALID_ARGUMENT && js == NULL);
  CHECK(strstr(kw_last_error_message(), "time") != NULL);
  o.time = "08:00";
  o.date = "2025-01-06";
  CHECK(kw_route(&js, net, &o) == KW_E_OUT_OF_RANGE);
  CHECK(strstr(kw_last_error_message(), "2024-12-09 .. 2024-12-25") != NULL);
  o.date = "2024-12-09";
  o.mode = "car";
  CHECK(kw_route(&js, net, &o) == KW_E_INVALID_ARGUMENT);
  o.mode = "transit";
  o.to_lat = 95.0;
  CHECK(kw_route(&js, net, &o) == KW_E_OUT_OF_RANGE);
  o.to_lat = 50.8556;
  o.date = NULL;
  CHECK(kw_route(&js, net, &o) == KW_E_INVALID_ARGUMENT);
  CHECK(kw_route(NULL, net, &o) == KW_E_INVALID_ARGUMENT);
  kw_network_free(net);

  /* A network built without GTFS: transit is unsupported, walking is fine. */
  CHECK(kw_network_build(NULL, NULL, 0, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_route_streets.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_route_streets.kwn") == KW_OK);
  o.date = "2024-12-09";
  CHECK(kw_route(&js, net, &o) == KW_E_UNSUPPORTED);
  o.mode = "walk";
  CHECK(kw_route(&js, net, &o) == KW_OK);
  CHECK(kw_journeys_count(js) == 1);
  kw_journeys_free(js);
  kw_network_free(net);

  if (g_failures != 0) fprintf(stderr, "%d checks failed\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
