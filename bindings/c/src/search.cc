// C ABI: search section of kwartier_c.h. Owned by the search module work.
#include "c_common.h"
