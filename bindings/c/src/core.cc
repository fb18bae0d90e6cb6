#include "c_common.h"
#include "kwartier/core/version.h"

namespace kwartier::c_abi {
namespace {
thread_local std::string g_last_error;
}

void set_last_error(error const& e) noexcept {
  try {
    g_last_error = e.to_string();
  } catch (...) {
    g_last_error.clear();
  }
}
void clear_last_error() noexcept { g_last_error.clear(); }
int fail(error const& e) noexcept {
  set_last_error(e);
  return static_cast<int>(e.code);
}
char const* last_error_cstr() noexcept { return g_last_error.c_str(); }
int fail(errc code, char const* message) noexcept {
  try {
    return fail(error{code, message, {}, 0, {}});
  } catch (...) {
    return static_cast<int>(code);
  }
}

int fail(errc code, std::string const& message, char const* field) noexcept {
  try {
    return fail(error{code, message, {}, 0, field});
  } catch (...) {
    return static_cast<int>(code);
  }
}

int check_index(std::size_t i, std::size_t n, char const* what) noexcept {
  if (i < n) return 0;
  try {
    return fail(errc::out_of_range, std::string(what) + " " + std::to_string(i) + " of " + std::to_string(n), what);
  } catch (...) {
    return static_cast<int>(errc::out_of_range);
  }
}

int new_string(char** out, std::string const& s) noexcept {
  if (out == nullptr) return fail(errc::invalid_argument, "out is NULL");
  *out = static_cast<char*>(std::malloc(s.size() + 1));
  if (*out == nullptr) return fail(errc::internal, "out of memory");
  std::memcpy(*out, s.data(), s.size());
  (*out)[s.size()] = '\0';
  return 0;
}

int problem_get(kw_problem* out, validation_report const& report, std::size_t i, char const* function) noexcept {
  if (out == nullptr) return fail(errc::invalid_argument, std::string(function) + ": NULL argument", "out");
  auto const& ps = report.problems();
  if (i >= ps.size()) return fail(errc::out_of_range, std::string(function) + ": index out of range", "i");
  auto const& p = ps[i];
  out->severity = static_cast<int>(p.severity);
  out->code = p.code.c_str();
  out->file = p.file.c_str();
  out->line = p.line;
  out->field = p.field.c_str();
  out->message = p.message.c_str();
  return 0;
}

}  // namespace kwartier::c_abi

extern "C" {

KW_API unsigned kw_version_number(void) {
  return static_cast<unsigned>(kwartier::kVersionMajor * 10000 + kwartier::kVersionMinor * 100 +
                               kwartier::kVersionPatch);
}
KW_API const char* kw_version_string(void) { return kwartier::version_string().data(); }
KW_API const char* kw_last_error_message(void) { return kwartier::c_abi::last_error_cstr(); }
KW_API void kw_free(void* p) { std::free(p); }
KW_API const char* kw_status_name(int status) {
  // errc_name returns views of string literals, so .data() is NUL-terminated static storage.
  return kwartier::errc_name(static_cast<kwartier::errc>(status)).data();
}

}  // extern "C"
