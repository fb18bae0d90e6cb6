#include "edges/feeds.h"

namespace kwartier::edges {

result<std::vector<transit::feed_input>> feed_inputs(std::vector<std::string> const& specs) {
  // TODO(edges): transit::parse_feed_specs once it is on main.
  std::vector<transit::feed_input> out;
  for (auto const& a : specs) {
    auto const eq = a.find('=');
    if (eq != std::string::npos && eq > 0 && a.find('/') > eq)
      out.push_back(transit::feed_input{a.substr(eq + 1), a.substr(0, eq)});
    else
      out.push_back(transit::feed_input{a, {}});
  }
  return out;
}

}  // namespace kwartier::edges
