// The scratch state behind routing::query_state (internal). One member per kind of search; each query
// module adds its own member here.
#pragma once

#include <vector>

#include "kwartier/routing/query_state.h"
#include "kwartier/geo/point_index.h"
#include "kwartier/street/query.h"
#include "routing/bikeshare_impl.h"
#include "routing/raptor_state.h"

namespace kwartier::routing {

struct query_state::impl {
  street::query_state street;        // street searches (street.cc, access.cc, isochrones)
  std::vector<geo::point_hit> hits;  // stops near a coordinate (access.cc, straight-line networks)
  raptor_state raptor;               // RAPTOR rounds (raptor.cc, range.cc, journey.cc)
  // matrix.cc: one origin's access stops, direct times and [departure][destination] values.
  std::vector<stop_offset> matrix_access;
  std::vector<seconds_t> matrix_direct;
  std::vector<seconds_t> matrix_values;
  // bikeshare.cc: the last bike-share pass from an origin (access, direct) and to a destination (egress).
  detail::bikeshare_pass bikeshare_fwd, bikeshare_rev;
};

}  // namespace kwartier::routing
