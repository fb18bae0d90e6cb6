// Street queries on an opened network: walk or bike travel times from a coordinate to every street node
// (one-to-all) or to many coordinates snapped once (one-to-many).
//
//   routing::query_state qs;                                                  // one per thread
//   KW_TRY(auto t, routing::street_from(net, {49.41, 8.69}, {street::mode::walk, 900}, qs));
//   t[node]                                       // seconds, routing::kUnreachable past the budget
//
//   KW_TRY(auto shops, routing::snap(net, shop_coords, street::mode::walk));  // snap once ...
//   auto secs = routing::street_to(net, home, shops, {street::mode::walk, 900}, qs);  // ... query many times
//
// Time unit: whole seconds (std::int32_t) everywhere in routing. The street search itself adds edge weights
// in deciseconds; the one conversion is street::ds_to_seconds (round to nearest, kwartier/street/graph.h).
// Door to door: a time from (or to) a coordinate counts the straight line between the coordinate and the
// point where it snaps onto the street, walked at the network's walking speed (for bikes too: the bike is
// pushed there), then the street in the query's mode. The decisecond total is rounded once.
//
// Step-free (street_query::step_free, walking with reduced mobility): edges flagged by the OSM loader as
// steps, wheelchair=no or a raised kerb are avoided (street::edge_flag); edges of unknown accessibility
// (wheelchair=limited, kerbs of other heights) too when avoid_unknown is set. Coordinates then snap only to
// streets usable step-free.
//
// Thread rules: the network and `places` are shared read-only; each thread brings its own query_state.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/network/network.h"
#include "kwartier/routing/query_state.h"
#include "kwartier/routing/types.h"
#include "kwartier/street/graph.h"
#include "kwartier/street/query.h"

namespace kwartier::routing {

static_assert(kUnreachable == street::kUnreachedSeconds);

struct street_query {
  street::mode mode = street::mode::walk;
  seconds_t max_seconds = 900;                   // time budget, > 0
  double max_snap_m = network::kDefaultMaxSnapM;  // a coordinate farther than this from a usable street: too_far
  bool step_free = false;      // avoid steps, wheelchair=no and raised kerbs
  bool avoid_unknown = false;  // step-free: also avoid edges of unknown accessibility
};

// Times of a one-to-all street search, viewing the query_state: valid until the next query on that state.
class node_times {
 public:
  std::size_t size() const { return ds_.size(); }  // street nodes of the network
  // Seconds to street node v, kUnreachable when not reached within the budget.
  seconds_t operator[](std::size_t v) const { return ds_[v] > budget_ds_ ? kUnreachable : street::ds_to_seconds(ds_[v]); }
  // The street nodes reached within the budget, in the order the search settled them (non-decreasing time).
  std::span<std::uint32_t const> reached() const { return reached_; }
  // Writes every node's seconds (kUnreachable where not reached) to out; out.size() must equal size().
  void copy_to(std::span<seconds_t> out) const;

 private:
  friend struct node_times_access;
  std::span<std::uint32_t const> ds_;
  std::span<std::uint32_t const> reached_;
  std::uint32_t budget_ds_ = 0;
};

// A budget given as a floating-point number of seconds (edges that take minutes or seconds as doubles),
// rounded to whole seconds. Errors: invalid_argument for NaN, infinity, a negative budget or one of more
// than 24 days.
result<seconds_t> budget_seconds(double seconds);

// One-to-all: times from `from` to every street node within q.max_seconds. Errors: invalid_argument (bad
// mode, budget <= 0, negative snap distance), out_of_range (coordinate), too_far (no street of that mode
// within q.max_snap_m), unsupported (a network without streets; step-free on a file without accessibility
// flags).
result<node_times> street_from(network::network const& net, geo::latlng from, street_query const& q,
                               query_state& qs);

// Coordinates snapped once onto the streets of one profile (mode, step-free or not), reused by any number of
// one-to-many queries (and threads). A coordinate farther than max_snap_m from a usable street stays
// unsnapped (its times are kUnreachable).
class places {
 public:
  std::size_t size() const { return snaps_.size(); }
  bool snapped(std::size_t i) const { return snaps_[i].chain.valid(); }
  street::snap_result const& snap(std::size_t i) const { return snaps_[i]; }
  street::mode mode() const { return profile_.m; }
  street::travel_profile profile() const { return profile_; }
  std::size_t n_snapped() const;

 private:
  friend struct places_access;
  std::vector<street::snap_result> snaps_;
  street::travel_profile profile_{street::mode::walk};
  std::size_t n_chains_ = 0;  // of the network snapped on (checked by queries)
};

// Snaps with the mode, step-free settings and max_snap_m of `q` (its budget is not used). Errors:
// invalid_argument (bad mode, negative max_snap_m), out_of_range (a coordinate out of range, naming its index
// in `field`), unsupported as street_from.
result<places> snap(network::network const& net, std::span<geo::latlng const> coords, street_query const& q);
// The same for a plain mode.
result<places> snap(network::network const& net, std::span<geo::latlng const> coords, street::mode m,
                    double max_snap_m = network::kDefaultMaxSnapM);

// One-to-many: seconds from `from` to each place (kUnreachable when not reached within the budget or not
// snapped). `targets` must be snapped on `net` in the profile of q (invalid_argument otherwise). Errors as
// street_from.
result<std::vector<seconds_t>> street_to(network::network const& net, geo::latlng from, places const& targets,
                                         street_query const& q, query_state& qs);
// The same into a caller's span (out.size() == targets.size()).
status street_to(network::network const& net, geo::latlng from, places const& targets, street_query const& q,
                 query_state& qs, std::span<seconds_t> out);

}  // namespace kwartier::routing
