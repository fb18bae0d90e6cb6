/* A tour of the C ABI on the sample data (C99): validate a GTFS feed, build and query a street network,
 * build and query a procedure index. Usage: kwartier_tour_c [DATA_DIR] [OUT_DIR] */
#include <kwartier_c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char* what) {
  fprintf(stderr, "%s: %s\n", what, kw_last_error_message());
  return 1;
}

int main(int argc, char** argv) {
  const char* data = argc > 1 ? argv[1] : "data";
  const char* out = argc > 2 ? argv[2] : "/tmp";
  char feed[1024], osm[1024], kwn[1024], catalogue[1024], index[1024];
  snprintf(feed, sizeof feed, "%s/gtfs/mini-brussels", data);
  snprintf(osm, sizeof osm, "%s/osm/mini-brussels.osm", data);
  snprintf(kwn, sizeof kwn, "%s/tour-c.kwn", out);
  snprintf(catalogue, sizeof catalogue, "%s/catalogue", data);
  snprintf(index, sizeof index, "%s/tour-c-index", out);

  /* 1. GTFS validation. */
  const char* feeds[1];
  size_t errors = 0, warnings = 0;
  feeds[0] = feed;
  if (kw_gtfs_validate(&errors, &warnings, feeds, 1) != KW_OK) return fail("kw_gtfs_validate");
  printf("gtfs: %zu errors, %zu warnings\n", errors, warnings);

  /* 2. Network build, open, 15-minute walk from Brussels-Central. */
  {
    kw_network_build_options o;
    kw_street_query q;
    kw_network* net = NULL;
    float* secs;
    size_t n, i, reached = 0;
    kw_network_build_options_init(&o, KW_NETWORK_BUILD_OPTIONS_VERSION);
    if (kw_network_build(NULL, feeds, 1, osm, kwn, &o) != KW_OK) return fail("kw_network_build");
    if (kw_network_open(&net, kwn) != KW_OK) return fail("kw_network_open");
    n = kw_network_node_count(net);
    secs = (float*)malloc(n * sizeof(float));
    if (secs == NULL) return 1;
    kw_street_query_init(&q, KW_STREET_QUERY_VERSION); /* walk, 15 minutes (routing::street_query defaults) */
    if (kw_network_times(secs, n, net, 50.8483, 4.3500, &q) != KW_OK) return fail("kw_network_times");
    for (i = 0; i < n; ++i) reached += isfinite(secs[i]) ? 1 : 0;
    printf("network: %zu stops, %zu of %zu street nodes within 15 min on foot\n", kw_network_stop_count(net),
           reached, n);
    free(secs);
    kw_network_free(net);
  }

  /* 3. Search index build, open, query in Dutch then French. */
  {
    const char* catalogues[1];
    kw_search_index* idx = NULL;
    kw_search_results* res = NULL;
    kw_search_options so;
    catalogues[0] = catalogue;
    if (kw_search_build(NULL, catalogues, 1, index, NULL) != KW_OK) return fail("kw_search_build");
    if (kw_search_open(&idx, index) != KW_OK) return fail("kw_search_open");
    kw_search_options_init(&so, KW_SEARCH_OPTIONS_VERSION);
    so.langs = "nl,fr";
    if (kw_search_query(&res, idx, "identiteitskaart", &so) != KW_OK) return fail("kw_search_query");
    if (kw_search_results_count(res) == 0) return fail("no results");
    printf("search: %zu documents; 'identiteitskaart' -> %s [%s] %s\n", kw_search_n_documents(idx), kw_search_result_id(res, 0),
           kw_search_result_lang(res, 0), kw_search_result_title(res, 0));
    kw_search_results_free(res);
    kw_search_free(idx);
  }
  return 0;
}
