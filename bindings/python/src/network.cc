#include "common.h"

namespace kwartier::py {

void bind_network(pyb::module_& /*m*/) {
  // Owned by the network module work.
}

}  // namespace kwartier::py
