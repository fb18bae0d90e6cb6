/* A C99 program against the installed C ABI (built three ways by run.sh: find_package(kwartier), find_package
 * with COMPONENTS c only, and pkg-config kwartier_c). */
#include <kwartier_c.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  kw_search_options o;
  kw_street_query q;
  printf("kwartier_c %s\n", kw_version_string());
  if (kw_version_number() != KW_VERSION_NUMBER) return 1;
  if (strcmp(kw_status_name(KW_E_NOT_FOUND), "not_found") != 0) return 1;
  if (kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION) != KW_OK || o.limit == 0) return 1;
  if (kw_street_query_init(&q, KW_STREET_QUERY_VERSION) != KW_OK || q.max_seconds <= 0) return 1;
  return 0;
}
