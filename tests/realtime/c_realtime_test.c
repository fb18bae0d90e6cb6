/* C99 test of the realtime section of kwartier_c.h on the hand-written Brussels sample (data/): the updates in
 * data/realtime/mini-brussels-updates.textproto make trip M1A (GDM1 08:00 -> ROG 08:11 on Monday 2024-12-09,
 * Europe/Brussels = UTC+1) run 5 minutes late, cancel the 06:20 run of M1F and name an unknown trip NOPE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"
#include "support/c_check.h"

/* The ride of the one journey GDM1 -> ROG at 07:55 on 2024-12-09 (version: KW_LEG_INFO_VERSION or 1). */
static int ride(const kw_network* net, kw_leg_info* out, unsigned version) {
  kw_route_options o;
  kw_journeys* js = NULL;
  kw_journey_info j;
  size_t l;
  int found = 0;
  kw_route_options_init(&o, KW_ROUTE_OPTIONS_VERSION);
  o.from_lat = 50.8355;
  o.from_lon = 4.3358;
  o.to_lat = 50.8556;
  o.to_lon = 4.3589;
  o.date = "2024-12-09";
  o.time = "07:55";
  if (kw_route(&js, net, &o) != KW_OK || kw_journeys_count(js) != 1) {
    kw_journeys_free(js);
    return 0;
  }
  j.version = KW_JOURNEY_INFO_VERSION;
  kw_journey_get(&j, js, 0);
  for (l = 0; l < j.n_legs; ++l) {
    kw_leg_info leg;
    memset(&leg, 0, sizeof leg);
    leg.version = version;
    CHECK(kw_journey_leg_get(&leg, js, 0, l) == KW_OK);
    if (strcmp(leg.kind, "ride") == 0) {
      *out = leg;
      found = 1;
      /* copy the strings we check: they die with js */
      out->departure = strcmp(leg.departure, "2024-12-09T08:05:00+01:00") == 0 ? "08:05"
                       : strcmp(leg.departure, "2024-12-09T08:00:00+01:00") == 0 ? "08:00" : "other";
      out->status = leg.status == NULL ? NULL : strcmp(leg.status, "delayed") == 0 ? "delayed"
                    : strcmp(leg.status, "scheduled") == 0 ? "scheduled" : "other";
      out->scheduled_departure = leg.scheduled_departure == NULL ? NULL
                    : strcmp(leg.scheduled_departure, "2024-12-09T08:00:00+01:00") == 0 ? "08:00" : "other";
    }
  }
  kw_journeys_free(js);
  return found;
}

static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* buf;
  long n;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = (char*)malloc((size_t)n + 1);
  *len = fread(buf, 1, (size_t)n, f);
  fclose(f);
  return buf;
}

int main(void) {
  const char* gtfs[] = {KW_SOURCE_DIR "/data/gtfs/mini-brussels"};
  const char* updates = KW_SOURCE_DIR "/data/realtime/mini-brussels-updates.pb";
  kw_network* net = NULL;
  kw_network* live = NULL;
  kw_network* live2 = NULL;
  kw_leg_info leg;
  size_t len = 0;
  char* bytes = read_file(updates, &len);
  char* json = NULL;
  CHECK(bytes != NULL && len > 0);
  CHECK(kw_network_build(NULL, gtfs, 1, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", "c_realtime_mini.kwn", NULL) == KW_OK);
  CHECK(kw_network_open(&net, "c_realtime_mini.kwn") == KW_OK);
  if (net == NULL) return 1;

  /* As scheduled: status "scheduled", no delay. */
  CHECK(ride(net, &leg, KW_LEG_INFO_VERSION));
  CHECK(strcmp(leg.departure, "08:00") == 0 && leg.status != NULL && strcmp(leg.status, "scheduled") == 0);
  CHECK(leg.departure_delay_s == 0 && leg.arrival_delay_s == 0);
  CHECK(kw_network_realtime_json(&json, net) == KW_E_NOT_FOUND);

  /* From bytes and from the file: 5 minutes late. */
  CHECK(kw_network_apply_realtime(&live, net, bytes, len, NULL, NULL) == KW_OK);
  CHECK(kw_network_apply_realtime(&live2, net, NULL, 0, updates, "") == KW_OK);
  CHECK(live != NULL && live2 != NULL);
  if (live != NULL) {
    CHECK(ride(live, &leg, KW_LEG_INFO_VERSION));
    CHECK(strcmp(leg.departure, "08:05") == 0 && strcmp(leg.status, "delayed") == 0);
    CHECK(strcmp(leg.scheduled_departure, "08:00") == 0);
    CHECK(leg.departure_delay_s == 300 && leg.arrival_delay_s == 300);
    /* A version 1 caller gets the realtime times without the new fields. */
    memset(&leg, 0, sizeof leg);
    CHECK(ride(live, &leg, 1));
    CHECK(strcmp(leg.departure, "08:05") == 0 && leg.status == NULL && leg.departure_delay_s == 0);
    CHECK(kw_network_realtime_json(&json, live) == KW_OK);
    CHECK(json != NULL && strstr(json, "\"trips_matched\":2,\"trips_unmatched\":1") != NULL);
    CHECK(json != NULL && strstr(json, "\"trips_cancelled\":1,\"trips_changed\":1") != NULL);
    kw_free(json);
  }
  if (live2 != NULL) {
    CHECK(ride(live2, &leg, KW_LEG_INFO_VERSION));
    CHECK(leg.departure_delay_s == 300);
  }
  /* The network it came from is unchanged. */
  CHECK(ride(net, &leg, KW_LEG_INFO_VERSION) && strcmp(leg.departure, "08:00") == 0);

  /* Bad input: errors, never a crash. */
  {
    kw_network* bad = NULL;
    CHECK(kw_network_apply_realtime(&bad, net, "\x0a\x05trunc", 7, NULL, NULL) == KW_E_INVALID_FORMAT && bad == NULL);
    CHECK(kw_network_apply_realtime(&bad, net, NULL, 0, KW_SOURCE_DIR "/data/realtime/none.pb", NULL) == KW_E_NOT_FOUND);
    CHECK(kw_network_apply_realtime(&bad, net, bytes, len, updates, NULL) == KW_E_INVALID_ARGUMENT);
    CHECK(kw_network_apply_realtime(&bad, net, NULL, 0, NULL, NULL) == KW_E_INVALID_ARGUMENT);
  }
  kw_network_free(live);
  kw_network_free(live2);
  kw_network_free(net);
  free(bytes);
  remove("c_realtime_mini.kwn");
  if (g_failures != 0) fprintf(stderr, "%d checks failed\n", g_failures);
  return g_failures == 0 ? 0 : 1;
}
