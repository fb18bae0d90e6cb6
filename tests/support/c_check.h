/* CHECK for the C99 tests of kwartier_c.h: a failed condition is reported with its file and line and counted
 * in g_failures, and the test goes on; main returns non-zero when g_failures is not 0. One test program per
 * translation unit includes it. */
#ifndef KW_TESTS_SUPPORT_C_CHECK_H
#define KW_TESTS_SUPPORT_C_CHECK_H

#include <stdio.h>

static int g_failures = 0;
#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++g_failures;                                                              \
    }                                                                            \
  } while (0)

#endif
