// result<T>: a value or an error (tl::expected, C++20 has no std::expected). Runtime problems come back as
// result; precondition violations are KW_ASSERTs.
#pragma once

#include <tl/expected.hpp>

#include <string>
#include <utility>

#include "kwartier/core/error.h"

namespace kwartier {

template <class T>
using result = tl::expected<T, error>;

using status = result<void>;

// make_error(errc::invalid_format, "not a zip archive", "feed.zip") as the return value of a result function.
inline tl::unexpected<error> make_error(errc code, std::string message, std::string file = {},
                                        std::uint32_t line = 0, std::string field = {}) {
  return tl::unexpected<error>(error{code, std::move(message), std::move(file), line, std::move(field)});
}

inline tl::unexpected<error> make_error(error e) { return tl::unexpected<error>(std::move(e)); }

}  // namespace kwartier

// Propagate an error: KW_TRY(auto x, f()); or KW_TRY_VOID(g());
#define KW_CONCAT_INNER(a, b) a##b
#define KW_CONCAT(a, b) KW_CONCAT_INNER(a, b)
#define KW_TRY_IMPL(tmp, decl, expr)                                 \
  auto tmp = (expr);                                                 \
  if (!tmp) return ::tl::unexpected<::kwartier::error>(std::move(tmp).error()); \
  decl = std::move(*tmp)
#define KW_TRY(decl, expr) KW_TRY_IMPL(KW_CONCAT(kw_try_, __LINE__), decl, expr)
#define KW_TRY_VOID(expr)                                                              \
  do {                                                                                 \
    auto kw_try_v = (expr);                                                            \
    if (!kw_try_v) return ::tl::unexpected<::kwartier::error>(std::move(kw_try_v).error()); \
  } while (false)
