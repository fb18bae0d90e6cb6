/* kwartier_c.h: the stable C ABI of kwartier (C99).
 *
 * Conventions (after libgit2 and zstd):
 * - Every function that can fail returns an int status: KW_OK (0) or a kw_status code; output parameters
 *   come first. On failure kw_last_error_message() describes the error (file, line, field, message).
 * - Handles are opaque. An object returned through a pointer-to-pointer is owned by the caller and freed
 *   with its kw_*_free function; every kw_*_free accepts NULL.
 * - Strings passed in are UTF-8, NUL-terminated, borrowed for the duration of the call.
 * - Threading: the last-error message is thread-local. An opened dataset handle (network, search index) is
 *   immutable and may be shared by threads; per-query objects are used by one thread at a time.
 * - No C++ exception crosses this boundary.
 */
#ifndef KWARTIER_C_H
#define KWARTIER_C_H

#include <stddef.h>
#include <stdint.h>

#if defined(KW_C_BUILDING)
#define KW_API __attribute__((visibility("default")))
#else
#define KW_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------- core */

#define KW_VERSION_MAJOR 0
#define KW_VERSION_MINOR 1
#define KW_VERSION_PATCH 0
#define KW_VERSION_NUMBER (KW_VERSION_MAJOR * 10000 + KW_VERSION_MINOR * 100 + KW_VERSION_PATCH)

/* Status codes: the same append-only numbers as kwartier::errc. */
typedef enum kw_status {
  KW_OK = 0,
  KW_E_INVALID_ARGUMENT = 1,
  KW_E_IO = 2,
  KW_E_NOT_FOUND = 3,
  KW_E_INVALID_FORMAT = 4,
  KW_E_CORRUPT_DATASET = 5,
  KW_E_INCOMPATIBLE_DATASET = 6,
  KW_E_TOO_FAR = 7,
  KW_E_OUT_OF_RANGE = 8,
  KW_E_UNSUPPORTED = 9,
  KW_E_INTERNAL = 10
} kw_status;

/* Runtime version as KW_VERSION_NUMBER would be at build time of the library. */
KW_API unsigned kw_version_number(void);
/* "0.1.0"; static storage, do not free. */
KW_API const char* kw_version_string(void);
/* Message of the last failed call on this thread ("" if none). Owned by the library, valid until the next
 * kwartier call on this thread; do not free. */
KW_API const char* kw_last_error_message(void);
/* Stable name of a status code ("corrupt_dataset"); static storage. */
KW_API const char* kw_status_name(int status);

/* ---------------------------------------------------------------------------------------------- gtfs */
/* (transit section) */

/* ---------------------------------------------------------------------------------------------- network */
/* (network section) */

/* ---------------------------------------------------------------------------------------------- search */
/* (search section) */

#ifdef __cplusplus
}
#endif

#endif /* KWARTIER_C_H */
