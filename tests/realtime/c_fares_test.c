/* C99 test of journey fares (kw_route_options.fares, kw_journey_fare_get) on the Brussels sample with fares
 * (data/gtfs/mini-brussels-fares.md works the prices out): M1A GDM1 08:00 -> ROG 08:11 on Monday 2024-12-09
 * costs 3.50 EUR in fares v1 (ZONE12) and, in fares v2, SINGLE: ADULT/CARD 2.10, CHILD/CARD 1.30, CASH 2.60. */
#include <stdio.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

static int is(const char* a, const char* b) { return a != NULL && strcmp(a, b) == 0; }

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels-fares"};
  kw_network* net = NULL;
  kw_route_options o;
  kw_journeys* js = NULL;
  kw_journey_info j;
  size_t i, found = 0;
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_fares_mini.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_fares_mini.kwn") == KW_OK);
  if (net == NULL) return 1;
  CHECK(kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION) == KW_OK);
  CHECK(o.fares == 0);
  o.from_lat = 50.8355;
  o.from_lon = 4.3358;
  o.to_lat = 50.8556;
  o.to_lon = 4.3589;
  o.date = "2024-12-09";
  o.time = "07:55";
  o.fares = 1;
  CHECK(kw_route(&js, net, &o) == KW_OK);
  CHECK(kw_journeys_count(js) == 1);
  j.version = KW_JOURNEY_INFO_VERSION;
  CHECK(kw_journey_get(&j, js, 0) == KW_OK);
  CHECK(j.n_fares == 4);
  for (i = 0; i < j.n_fares; ++i) {
    kw_fare_info f;
    f.version = KW_FARE_INFO_VERSION;
    CHECK(kw_journey_fare_get(&f, js, 0, i) == KW_OK);
    CHECK(is(f.currency, "EUR"));
    if (is(f.system, "v1")) found += is(f.amount, "3.50") && f.rider_category == NULL && f.fare_media == NULL;
    if (is(f.system, "v2") && is(f.rider_category, "ADULT")) found += is(f.fare_media, "CARD") && is(f.amount, "2.10");
    if (is(f.system, "v2") && is(f.rider_category, "CHILD")) found += is(f.fare_media, "CARD") && is(f.amount, "1.30");
    if (is(f.system, "v2") && f.rider_category == NULL) found += is(f.fare_media, "CASH") && is(f.amount, "2.60");
  }
  CHECK(found == 4);
  {
    kw_fare_info f;
    f.version = KW_FARE_INFO_VERSION;
    CHECK(kw_journey_fare_get(&f, js, 0, j.n_fares) == KW_E_OUT_OF_RANGE);
    f.version = 0;
    CHECK(kw_journey_fare_get(&f, js, 0, 0) == KW_E_INVALID_ARGUMENT);
  }
  kw_journeys_free(js);
  /* Without fares, or with a version 1 options struct: no prices. */
  o.fares = 0;
  CHECK(kw_route(&js, net, &o) == KW_OK);
  CHECK(kw_journey_get(&j, js, 0) == KW_OK && j.n_fares == 0);
  kw_journeys_free(js);
  o.version = 1;
  o.fares = 1;
  CHECK(kw_route(&js, net, &o) == KW_OK);
  CHECK(kw_journey_get(&j, js, 0) == KW_OK && j.n_fares == 0);
  kw_journeys_free(js);
  kw_network_free(net);
  remove("c_fares_mini.kwn");
  if (g_failures != 0) fprintf(stderr, "%d checks failed\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
