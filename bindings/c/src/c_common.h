// Internal helpers for the C ABI: thread-local last error, exception fencing, and the shapes every section
// shares (a result into a status, a new handle handed out, an accessor of a handle). No logic lives here.
#pragma once

#include <exception>
#include <functional>
#include <string_view>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier_c.h"

namespace kwartier::c_abi {

void set_last_error(error const& e) noexcept;
void clear_last_error() noexcept;
char const* last_error_cstr() noexcept;
int fail(error const& e) noexcept;  // sets the last error, returns its status
int fail(errc code, char const* message) noexcept;
int fail(errc code, std::string const& message, char const* field) noexcept;

// Copies `s` into a malloc'ed NUL-terminated string in *out (freed by the caller with kw_free); KW_OK.
int new_string(char** out, std::string const& s) noexcept;

// Problem i of a report as a kw_problem (pointers into the report: valid while its handle lives); the
// errors name `function` (the kw_*_problem_get that calls it).
int problem_get(kw_problem* out, validation_report const& report, std::size_t i, char const* function) noexcept;

// A C progress callback as the C++ one of a build options struct (empty when fn is NULL).
inline std::function<void(std::string_view, double)> progress_adapter(kw_progress_fn fn, void* payload) {
  if (fn == nullptr) return {};
  return [fn, payload](std::string_view stage, double fraction) {
    std::string const s(stage);
    fn(s.c_str(), fraction, payload);
  };
}

// Runs `f` (returning int status) and turns any escaping exception into KW_E_INTERNAL / out of memory.
template <class F>
int guarded(F&& f) noexcept {
  try {
    clear_last_error();
    return f();
  } catch (std::bad_alloc const&) {
    return fail(errc::internal, "out of memory");
  } catch (std::exception const& e) {
    return fail(errc::internal, e.what());
  } catch (...) {
    return fail(errc::internal, "unknown exception");
  }
}

// Converts a result into the caller's out status: the value into `out` (true), or the failure status (false).
template <class T>
bool take(result<T> r, T& out, int& status) {
  if (!r) {
    status = fail(r.error());
    return false;
  }
  out = std::move(*r);
  return true;
}

// Hands a new result handle to the caller: *out = new H{the value of r} and KW_OK, or r's failure status.
template <class H, class T>
int hand_out(H** out, result<T> r) {
  if (!r) return fail(r.error());
  *out = new H{std::move(*r)};
  return 0;
}

// The shape every accessor of a result handle shares (matrix, journeys, isochrone, access): a NULL `out` or
// handle fails with "<function>: NULL argument"; otherwise `f` runs, guarded.
template <class F>
int accessor(void const* out, void const* handle, char const* function, F&& f) noexcept {
  return guarded([&] {
    if (out == nullptr || handle == nullptr)
      return fail(errc::invalid_argument, (std::string(function) + ": NULL argument").c_str());
    return f();
  });
}

// KW_OK when i < n, else out_of_range "<what> i of n" naming the field `what` (a journey, leg, fare or band).
int check_index(std::size_t i, std::size_t n, char const* what) noexcept;

}  // namespace kwartier::c_abi
