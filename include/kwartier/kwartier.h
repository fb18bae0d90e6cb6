// kwartier: the whole C++ API in one include (the umbrella target kwartier::kwartier links every module).
//
//   #include <kwartier/kwartier.h>
//   auto net = kwartier::network::network::open("city.kwn");
//
// Each module's headers can also be included on their own (include/kwartier/<module>/x.h); this header lists
// every public one, in dependency order (core <- {io, geo, text} <- {transit, street, search} <- network <-
// {bikeshare, realtime} <- poi/routing <- access). tests/install checks that it names every header under include/kwartier/ and that a
// program including only this header builds against an installed kwartier. The C ABI is kwartier_c.h.
#pragma once


#include "kwartier/core/assert.h"
#include "kwartier/core/csr.h"
#include "kwartier/core/dataset.h"
#include "kwartier/core/error.h"
#include "kwartier/core/osm_coordinates.h"
#include "kwartier/core/output.h"
#include "kwartier/core/pbf_framing.h"
#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/core/strong.h"
#include "kwartier/core/version.h"

#include "kwartier/io/csv.h"
#include "kwartier/io/feed_source.h"
#include "kwartier/io/stream.h"

#include "kwartier/geo/latlng.h"
#include "kwartier/geo/point_index.h"
#include "kwartier/geo/region.h"
#include "kwartier/geo/segment_index.h"

#include "kwartier/text/language.h"
#include "kwartier/text/text.h"

#include "kwartier/transit/fares.h"
#include "kwartier/transit/feed_spec.h"
#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/local_time.h"
#include "kwartier/transit/stop_search.h"
#include "kwartier/transit/timetable.h"

#include "kwartier/street/ch.h"
#include "kwartier/street/graph.h"
#include "kwartier/street/osm.h"
#include "kwartier/street/query.h"

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"

#include "kwartier/bikeshare/gbfs.h"
#include "kwartier/bikeshare/system.h"

#include "kwartier/poi/load.h"
#include "kwartier/poi/osm.h"
#include "kwartier/poi/poi.h"

#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"

#include "kwartier/routing/access.h"
#include "kwartier/routing/bikeshare.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/routing/journey.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/range.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/routing/street.h"
#include "kwartier/routing/types.h"

#include "kwartier/access/areas.h"
#include "kwartier/access/origins.h"
#include "kwartier/access/output.h"
#include "kwartier/access/run.h"
#include "kwartier/access/score.h"

#include "kwartier/search/catalogue.h"
#include "kwartier/search/options.h"
#include "kwartier/search/search.h"
