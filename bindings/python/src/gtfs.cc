#include "common.h"

namespace kwartier::py {

void bind_gtfs(pyb::module_& /*m*/) {
  // Owned by the gtfs module work.
}

}  // namespace kwartier::py
