// Errors: one append-only code enum (drives C status codes and Python exception classes) and an error
// value that names the file, line and field where a problem was found.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kwartier {

// Append-only: never renumber or reuse a value. kw_status in kwartier_c.h mirrors these numbers.
enum class errc : std::int32_t {
  ok = 0,
  invalid_argument = 1,      // caller passed something unusable (bad option, empty query, bad coordinate)
  io_error = 2,              // reading or writing failed
  not_found = 3,             // file, table or id does not exist
  invalid_format = 4,        // a whole input file is unusable (not a zip, missing column, bad encoding)
  corrupt_dataset = 5,       // a built dataset file is truncated, bit-flipped or inconsistent
  incompatible_dataset = 6,  // a dataset of another kind, format version or ABI
  too_far = 7,               // a coordinate is farther than allowed from the network
  out_of_range = 8,          // a value outside its valid range (coordinate, date, time)
  unsupported = 9,           // valid input that this build cannot handle
  internal = 10,             // a bug: an invariant that should hold did not
  limit_exceeded = 11,       // a request or input is over a configured resource cap (memory, size, count)
  // append new codes here
};

// Stable lower-case name of a code ("corrupt_dataset").
std::string_view errc_name(errc code) noexcept;

struct error {
  errc code = errc::internal;
  std::string message;
  std::string file;        // input file (or path inside an archive), empty when not about a file
  std::uint32_t line = 0;  // 1-based line in `file`, 0 when not about a line
  std::string field;       // column / JSON field / option name, empty when not about a field

  // "file:line: field: message [code]" with the empty parts left out.
  std::string to_string() const;
};

}  // namespace kwartier
