/* C99 test of the matrix section of kwartier_c.h on the hand-written Brussels sample (data/), checked against
 * the C ABI's own one-to-one queries: walk cells equal kw_network_times_to (one bounded street search per
 * origin, float seconds of the same rounding), and the transit cell from Gare du Midi to Rogier at 07:55 on
 * Monday 2024-12-09 equals the arrival of the one journey kw_route plans (line 1, 08:00 -> 08:11) minus 07:55.
 * Then bad input: no origins, a coordinate out of range, the memory cap, transit without a date. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

/* Seconds since local midnight of an ISO local date-time "YYYY-MM-DDTHH:MM:SS+hh:mm". */
static long iso_seconds(const char* iso) {
  int h = 0, m = 0, s = 0;
  if (iso == NULL || strlen(iso) < 19 || sscanf(iso + 11, "%d:%d:%d", &h, &m, &s) != 3) return -1;
  return (long)h * 3600 + m * 60 + s;
}

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_matrix_mini.kwn", NULL) == KW_OK);
  kw_network* net = NULL;
  CHECK(kw_network_open(&net, "c_matrix_mini.kwn") == KW_OK);
  if (net == NULL) return 1;

  const double olat[] = {50.8355, 50.8556}, olon[] = {4.3358, 4.3589};
  const double dlat[] = {50.8556, 50.8450, 50.8355}, dlon[] = {4.3589, 4.3500, 4.3358};
  kw_matrix_options o;
  CHECK(kw_matrix_options_init(&o, 999) == KW_E_UNSUPPORTED);
  CHECK(kw_matrix_options_init(&o, KW_MATRIX_OPTIONS_VERSION) == KW_OK);
  CHECK(strcmp(o.mode, "walk") == 0 && strcmp(o.access_mode, "walk") == 0 && strcmp(o.time, "08:00") == 0);
  CHECK(o.date == NULL && o.max_seconds == 7200 && o.max_access_seconds == 900 && o.use_ch == 1);

  /* Walk: each row equals one kw_network_times_to. */
  {
    kw_matrix_result* m = NULL;
    size_t i, j, reached = 0;
    CHECK(kw_matrix(&m, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_OK);
    CHECK(kw_matrix_origins(m) == 2 && kw_matrix_destinations(m) == 3);
    for (i = 0; i < 2 && m != NULL; ++i) {
      float row[3];
      kw_street_query q;
      CHECK(kw_street_query_init(&q, KW_STREET_QUERY_VERSION) == KW_OK);
      q.max_seconds = 7200;
      CHECK(kw_network_times_to(row, net, olat[i], olon[i], dlat, dlon, 3, &q) == KW_OK);
      for (j = 0; j < 3; ++j) {
        int32_t s = kw_matrix_seconds(m)[i * 3 + j];
        uint16_t mins = kw_matrix_minutes(m)[i * 3 + j];
        if (isinf(row[j])) {
          CHECK(s == KW_MATRIX_UNREACHABLE_SECONDS && mins == KW_MATRIX_UNREACHABLE_MINUTES);
        } else {
          CHECK(s == (int32_t)lroundf(row[j]));
          CHECK(mins == (uint16_t)((s + 30) / 60));
          ++reached;
        }
      }
    }
    CHECK(reached >= 4);
    kw_matrix_free(m);
  }

  /* Transit: the cell equals kw_route's arrival - departure. */
  {
    kw_route_options ro;
    kw_journeys* js = NULL;
    kw_journey_info ji;
    kw_matrix_result* m = NULL;
    CHECK(kw_route_options_init(&ro, KW_ROUTE_OPTIONS_VERSION) == KW_OK);
    ro.from_lat = olat[0];
    ro.from_lon = olon[0];
    ro.to_lat = dlat[0];
    ro.to_lon = dlon[0];
    ro.date = "2024-12-09";
    ro.time = "07:55";
    CHECK(kw_route(&js, net, &ro) == KW_OK);
    CHECK(kw_journeys_count(js) == 1);
    ji.version = KW_JOURNEY_INFO_VERSION;
    CHECK(kw_journey_get(&ji, js, 0) == KW_OK);
    CHECK(ji.rides == 1);
    o.mode = "transit";
    o.date = "2024-12-09";
    o.time = "07:55";
    o.threads = 2;
    CHECK(kw_matrix(&m, net, olat, olon, 1, dlat, dlon, 1, &o) == KW_OK);
    if (m != NULL) CHECK(kw_matrix_seconds(m)[0] == iso_seconds(ji.arrival) - (7 * 3600 + 55 * 60));
    kw_matrix_free(m);
    kw_journeys_free(js);
  }

  /* Bad input, each with its status. */
  {
    kw_matrix_result* m = NULL;
    const double bad_lat[] = {95.0};
    CHECK(kw_matrix_options_init(&o, KW_MATRIX_OPTIONS_VERSION) == KW_OK);
    CHECK(kw_matrix(&m, net, olat, olon, 0, dlat, dlon, 3, &o) == KW_E_INVALID_ARGUMENT && m == NULL);
    CHECK(strstr(kw_last_error_message(), "no origins") != NULL);
    CHECK(kw_matrix(&m, net, bad_lat, olon, 1, dlat, dlon, 3, &o) == KW_E_OUT_OF_RANGE);
    CHECK(strstr(kw_last_error_message(), "origins[0]") != NULL);
    o.max_bytes = 1000;
    CHECK(kw_matrix(&m, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_E_LIMIT_EXCEEDED);
    CHECK(strstr(kw_last_error_message(), "memory cap") != NULL);
    CHECK(kw_matrix_options_init(&o, KW_MATRIX_OPTIONS_VERSION) == KW_OK);
    o.mode = "transit";
    CHECK(kw_matrix(&m, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_E_OUT_OF_RANGE); /* no date: 1970-01-01 */
    o.mode = "boat";
    CHECK(kw_matrix(&m, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_E_INVALID_ARGUMENT);
    CHECK(kw_matrix(NULL, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_E_INVALID_ARGUMENT);
    o.version = 999;
    CHECK(kw_matrix(&m, net, olat, olon, 2, dlat, dlon, 3, &o) == KW_E_UNSUPPORTED);
    kw_matrix_free(NULL);
  }

  kw_network_free(net);
  if (g_failures == 0) printf("c_matrix_test: ok\n");
  return g_failures == 0 ? 0 : 1;
}
