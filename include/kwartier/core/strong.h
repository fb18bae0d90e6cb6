// Strong index types: stop_idx_t, route_idx_t, ... cannot be mixed up. Trivially copyable, so they can be
// stored in dataset sections directly.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace kwartier {

template <class Rep, class Tag>
struct strong {
  using value_type = Rep;
  Rep v_{};

  constexpr strong() = default;
  constexpr explicit strong(Rep v) : v_{v} {}
  template <class I>
  static constexpr strong from(I i) { return strong{static_cast<Rep>(i)}; }

  static constexpr strong invalid() { return strong{std::numeric_limits<Rep>::max()}; }
  constexpr bool valid() const { return v_ != std::numeric_limits<Rep>::max(); }
  constexpr Rep v() const { return v_; }
  constexpr explicit operator Rep() const { return v_; }
  constexpr strong& operator++() { ++v_; return *this; }
  friend constexpr auto operator<=>(strong, strong) = default;
};

}  // namespace kwartier

template <class Rep, class Tag>
struct std::hash<kwartier::strong<Rep, Tag>> {
  std::size_t operator()(kwartier::strong<Rep, Tag> s) const noexcept { return std::hash<Rep>{}(s.v_); }
};
