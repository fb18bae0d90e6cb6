// Isochrones from a point: the travel time to every street node within a budget, and polygons of the area
// reached within chosen bands (5 / 10 / 15 minutes), walking or cycling on the streets, or walking with
// transit (walk + transit: the street search starts again from every stop at the time RAPTOR reaches it).
//
//   routing::query_state qs;
//   routing::isochrone_options o;                       // walk, bands 300/600/900 s, 25 m buffer
//   KW_TRY(auto iso, routing::isochrone(net, {49.41, 8.69}, o, qs));
//   iso.node_seconds()[v]                               // seconds to street node v, kUnreachable past the budget
//   iso.bands()[1].shape.contains(p)                    // the 10-minute polygon (geo::region)
//   iso.to_geojson()                                    // FeatureCollection, one MultiPolygon per band
//
// Polygons (GEOS, geo::region): for band t, the union of every street piece reachable within t (whole chains
// whose far end is reached in time, and the reachable part of the others, cut where the time runs out) and
// the reached nodes, buffered by buffer_m; then small discs (1 m, or less when a reached node is closer) are
// cut around the unreached street nodes that the buffer would cover. So each band polygon contains every node
// reached within t and no node reached later or not at all (nodes at exactly the same position as a reached
// one excepted), and reads as the street-following area people can reach (r5 and OSMnx draw isochrones the
// same way). Bands are cumulative: the 10-minute polygon contains the 5-minute one.
//
// Thread rules: the network is shared read-only, each thread brings its own query_state; an isochrone result
// owns its data.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/geo/region.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/street.h"
#include "kwartier/routing/types.h"

namespace kwartier::routing {

// Walk + transit: leave at a local date and time, walk to stops, ride, walk on.
struct transit_options {
  std::int32_t date = 0;   // local date: days since 1970-01-01 (transit::parse_date, days_from_ymd)
  seconds_t time = 0;      // local wall-clock time of departure: seconds since midnight, [0, 86400)
  std::uint8_t max_transfers = 8;
  seconds_t min_change_seconds = 0;
};

struct isochrone_options {
  // Mode (walk or bike), budget (the largest band when larger bands are not needed), snapping, step-free.
  street_query street{street::mode::walk, 900};
  // Bands in seconds, each > 0 and <= street.max_seconds; polygons are drawn for each (empty: none).
  std::vector<seconds_t> bands{300, 600, 900};
  double buffer_m = 25.0;  // half-width of the polygons around the reached streets, > 0
  // Set: walk + transit (street.mode must be walk); the walk to the first stop is bounded by the budget too.
  std::optional<transit_options> transit;
};

struct isochrone_band {
  seconds_t seconds = 0;
  geo::region shape;
  std::size_t nodes = 0;  // street nodes reached within `seconds`
};

class isochrone_result {
 public:
  // Seconds to every street node (kUnreachable past the budget), indexed by street node.
  std::span<seconds_t const> node_seconds() const { return seconds_; }
  std::span<isochrone_band const> bands() const { return bands_; }
  street::mode mode() const { return mode_; }
  bool with_transit() const { return transit_; }
  // A GeoJSON FeatureCollection: one Feature per band, largest first (so smaller bands draw on top), with
  // properties {"seconds", "minutes", "mode" ("walk", "bike" or "walk+transit"), "nodes"}.
  std::string to_geojson() const;

 private:
  friend struct isochrone_access;
  std::vector<seconds_t> seconds_;
  std::vector<isochrone_band> bands_;
  street::mode mode_ = street::mode::walk;
  bool transit_ = false;
};

// Errors: those of street_from (bad coordinate, too_far, budget <= 0, unsupported on a network without
// streets); invalid_argument for a band <= 0 or above the budget, a buffer <= 0, transit with a bike;
// unsupported for transit on a network without GTFS; out_of_range for a date outside the service days or a
// time outside the day.
result<isochrone_result> isochrone(network::network const& net, geo::latlng from, isochrone_options const& o,
                                   query_state& qs);

}  // namespace kwartier::routing
