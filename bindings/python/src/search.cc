#include "common.h"

namespace kwartier::py {

void bind_search(pyb::module_& /*m*/) {
  // Owned by the search module work.
}

}  // namespace kwartier::py
