#include "search/ranking.h"

#include <algorithm>

namespace kwartier::search::detail {

double language_factor(query_plan const& plan, text::lang dl) {
  if (!plan.prefs.empty()) {
    for (std::size_t k = 0; k < plan.prefs.size(); ++k)
      if (plan.prefs[k] == dl) return std::max(0.6, 1.0 - 0.25 * static_cast<double>(k));
    return 0.5;
  }
  return (plan.qlang == text::lang::neutral || dl == plan.qlang) ? 1.0 : 0.8;
}

}  // namespace kwartier::search::detail
