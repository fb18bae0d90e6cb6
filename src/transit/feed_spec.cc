#include "kwartier/transit/feed_spec.h"

namespace kwartier::transit {
namespace {

std::string quoted(std::string_view s) { return "'" + std::string{s} + "'"; }

template <class S>
result<std::vector<feed_input>> parse_all(std::span<S const> specs) {
  std::vector<feed_input> out;
  out.reserve(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto f = parse_feed_spec(specs[i]);
    if (!f) {
      auto e = std::move(f).error();
      e.message = "feed " + std::to_string(i + 1) + ": " + e.message;
      return make_error(std::move(e));
    }
    out.push_back(std::move(*f));
  }
  return out;
}

}  // namespace

bool valid_feed_prefix(std::string_view p) noexcept {
  if (p.empty() || p.size() > kMaxFeedPrefix || p.front() == '.' || p.front() == '-') return false;
  for (char const c : p)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '-'))
      return false;
  return true;
}

result<feed_input> parse_feed_spec(std::string_view spec) {
  if (spec.empty()) return make_error(errc::invalid_argument, "empty feed spec (expected PATH or PREFIX=PATH)", {}, 0, "feed");
  auto const eq = spec.find('=');
  if (eq == std::string_view::npos) return feed_input{std::filesystem::path{std::string{spec}}, {}};
  auto const before = spec.substr(0, eq);
  if (before.find_first_of("/\\") != std::string_view::npos)  // '=' inside a folder name: all of it is the path
    return feed_input{std::filesystem::path{std::string{spec}}, {}};
  auto const path = spec.substr(eq + 1);
  if (before.empty())
    return make_error(errc::invalid_argument, "feed spec " + quoted(spec) + " has an empty prefix before '='", {}, 0,
                      "feed");
  if (path.empty())
    return make_error(errc::invalid_argument, "feed spec " + quoted(spec) + " has an empty path after '='", {}, 0,
                      "feed");
  if (!valid_feed_prefix(before))
    return make_error(errc::invalid_argument,
                      "feed prefix " + quoted(before) + " in " + quoted(spec) +
                          " must be 1-64 characters from A-Z a-z 0-9 _ . - (not starting with . or -); "
                          "write ./" + std::string{spec} + " if the '=' is part of a file name",
                      {}, 0, "feed");
  return feed_input{std::filesystem::path{std::string{path}}, std::string{before}};
}

result<std::vector<feed_input>> parse_feed_specs(std::span<std::string const> specs) { return parse_all(specs); }
result<std::vector<feed_input>> parse_feed_specs(std::span<std::string_view const> specs) { return parse_all(specs); }

}  // namespace kwartier::transit
