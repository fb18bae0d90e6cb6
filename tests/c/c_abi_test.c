/* C99 test of kwartier_c.h. Each section checks one capability through the C ABI against known answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kwartier_c.h"

static int g_failures = 0;
#define CHECK(cond)                                                     \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++g_failures;                                                     \
    }                                                                   \
  } while (0)

static void test_core(void) {
  CHECK(kw_version_number() == KW_VERSION_NUMBER);
  CHECK(strcmp(kw_version_string(), "0.1.0") == 0);
  CHECK(strcmp(kw_status_name(KW_E_CORRUPT_DATASET), "corrupt_dataset") == 0);
  CHECK(strcmp(kw_status_name(12345), "unknown") == 0);
  CHECK(kw_last_error_message() != NULL);
}

/* (sections for gtfs, network and search are added by their modules) */

int main(void) {
  test_core();
  if (g_failures != 0) {
    fprintf(stderr, "%d checks failed\n", g_failures);
    return 1;
  }
  printf("c_abi_test: all checks passed\n");
  return 0;
}
