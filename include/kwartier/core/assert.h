// KW_ASSERT: precondition / invariant checks, active in dev and sanitizer builds (KW_ENABLE_ASSERTS).
#pragma once

namespace kwartier::detail {
[[noreturn]] void assert_fail(char const* expr, char const* file, int line, char const* msg) noexcept;
}

#if defined(KW_ENABLE_ASSERTS)
#define KW_ASSERT(expr, msg) \
  ((expr) ? static_cast<void>(0) : ::kwartier::detail::assert_fail(#expr, __FILE__, __LINE__, msg))
#else
#define KW_ASSERT(expr, msg) static_cast<void>(0)
#endif
