// C ABI: gtfs section of kwartier_c.h. Owned by the gtfs module work.
#include "c_common.h"
