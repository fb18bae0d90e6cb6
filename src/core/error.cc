#include "kwartier/core/error.h"

#include <cstdio>
#include <cstdlib>

#include "kwartier/core/assert.h"

namespace kwartier {

std::string_view errc_name(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::invalid_argument: return "invalid_argument";
    case errc::io_error: return "io_error";
    case errc::not_found: return "not_found";
    case errc::invalid_format: return "invalid_format";
    case errc::corrupt_dataset: return "corrupt_dataset";
    case errc::incompatible_dataset: return "incompatible_dataset";
    case errc::too_far: return "too_far";
    case errc::out_of_range: return "out_of_range";
    case errc::unsupported: return "unsupported";
    case errc::internal: return "internal";
    case errc::limit_exceeded: return "limit_exceeded";
  }
  return "unknown";
}

std::string error::to_string() const {
  std::string s;
  if (!file.empty()) {
    s += file;
    if (line != 0) s += ":" + std::to_string(line);
    s += ": ";
  }
  if (!field.empty()) s += field + ": ";
  s += message;
  s += " [";
  s += errc_name(code);
  s += "]";
  return s;
}

namespace detail {
void assert_fail(char const* expr, char const* file, int line, char const* msg) noexcept {
  std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", file, line, expr, msg);
  std::abort();
}
}  // namespace detail

}  // namespace kwartier

#include "kwartier/core/version.h"
namespace kwartier {
std::string_view version_string() noexcept { return "0.1.0"; }
}  // namespace kwartier
