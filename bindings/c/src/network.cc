// C ABI: network section of kwartier_c.h. Owned by the network module work.
#include "c_common.h"
