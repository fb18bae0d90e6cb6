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

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/geo/region.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/journey.h"
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
  // Bike share (routing/bikeshare.h; street.mode must be walk): also walk to a bike of this system (bound to
  // the network), ride it to a station with a free dock and walk on (and, with transit, to the stops). Each
  // walk and the ride are bounded by the budget.
  std::shared_ptr<bikeshare::system const> bikeshare;
  // Bike and ride (with transit): cycle the traveller's own bike to the stops, walk from them.
  bool bike_and_ride = false;
  // false: node times and per-band node counts only (no GEOS work; the band shapes stay empty).
  bool polygons = true;
  // Called with ("search", 1.0) after the street (and transit) search and ("polygons", k / n) per band.
  std::function<void(std::string_view stage, double fraction)> progress;
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
  bool with_bikeshare() const { return bikeshare_; }
  // "walk", "bike", "walk+transit", "bike_and_ride", each + "+bikeshare" with bike share.
  std::string mode_label() const;
  seconds_t max_seconds() const { return max_seconds_; }  // the budget the node times were searched to
  std::size_t n_reached() const { return reached_; }      // street nodes reached within the budget
  bool has_polygons() const { return polygons_; }         // false: asked without polygons (shapes empty)
  // A GeoJSON FeatureCollection: one Feature per band, largest first (so smaller bands draw on top), with
  // properties {"seconds", "minutes", "mode" (mode_label()), "nodes"}.
  std::string to_geojson() const;

 private:
  friend struct isochrone_access;
  std::vector<seconds_t> seconds_;
  std::vector<isochrone_band> bands_;
  street::mode mode_ = street::mode::walk;
  bool transit_ = false;
  bool bikeshare_ = false;
  bool bike_and_ride_ = false;
  seconds_t max_seconds_ = 0;
  std::size_t reached_ = 0;
  bool polygons_ = true;
};

// Errors: those of street_from (bad coordinate, too_far, budget <= 0, unsupported on a network without
// streets); invalid_argument for a band <= 0 or above the budget, a buffer <= 0, transit with a bike;
// unsupported for transit on a network without GTFS; out_of_range for a date outside the service days or a
// time outside the day.
result<isochrone_result> isochrone(network::network const& net, geo::latlng from, isochrone_options const& o,
                                   query_state& qs);

// The same request with one flat field per option, as the edges spell them (CLI `kwartier isochrone`,
// Python `Network.isochrone`, C `kw_isochrone`; docs/edges.md §4.8c).
constexpr std::int32_t kNoDate = std::numeric_limits<std::int32_t>::min();
struct isochrone_request {
  geo::latlng from;
  travel_mode mode = travel_mode::walk;  // walk, bike, or transit (walk + transit)
  std::int32_t date = kNoDate;           // transit: local date, days since 1970-01-01 (transit::parse_date)
  seconds_t time = -1;                   // transit: local wall-clock departure, seconds since midnight
  seconds_t max_seconds = 900;                  // budget of the node times, > 0
  std::vector<seconds_t> bands{300, 600, 900};  // polygon bands in seconds, each in (0, max_seconds]; empty: none
  bool step_free = false;  // streets: no steps, wheelchair=no, raised kerbs; transit: no wheelchair_*=2
  wheelchair_unknown unknown = wheelchair_unknown::allow;  // step-free: allow or avoid unknown values
  std::uint32_t max_transfers = 8;   // transit: 0 .. 255
  seconds_t min_change_seconds = 0;  // transit: same-stop change without a transfers.txt entry
  double max_snap_m = network::kDefaultMaxSnapM;  // `from` farther than this from a usable street: too_far
  double buffer_m = 25.0;            // half-width of the polygons around the reached streets
  // Bike share: a system bound to the network, used when use_bikeshare ("bikeshare" in the edges' modes).
  std::shared_ptr<bikeshare::system const> bikeshare;
  bool use_bikeshare = false;
  bool bike_and_ride = false;        // transit: the traveller's own bike to the stops
  bool polygons = true;              // false: node times and counts only
  std::function<void(std::string_view stage, double fraction)> progress;
};

// Errors: those of the options form (max_seconds <= 0, a band <= 0 or above max_seconds: invalid_argument);
// invalid_argument for an unknown mode, max_transfers over 255, a negative min_change_seconds, or transit
// without a date or time.
result<isochrone_result> isochrone(network::network const& net, isochrone_request const& r, query_state& qs);

}  // namespace kwartier::routing
