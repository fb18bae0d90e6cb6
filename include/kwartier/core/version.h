#pragma once

#include <string_view>

namespace kwartier {

constexpr int kVersionMajor = 0;
constexpr int kVersionMinor = 1;
constexpr int kVersionPatch = 0;

// Runtime version ("0.1.0"); the constants above are the compile-time one.
std::string_view version_string() noexcept;

}  // namespace kwartier
