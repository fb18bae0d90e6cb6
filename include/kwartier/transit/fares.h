// Prices a journey's rides with the timetable's GTFS fares: v1 (fare_attributes + fare_rules) and v2
// (fare_leg_rules + fare_transfer_rules over fare_products per rider category and medium).
//
//   std::vector<transit::fare_leg> legs = {{r1, s1, s2, dep1, arr1}, {r2, s2, s3, dep2, arr2}};
//   KW_TRY(auto price, transit::price_legs(view, legs));
//   if (price.v1.complete) print(price.v1.total, price.v1.currency);      // cheapest cover, 1/10,000 units
//   for (auto const& o : price.v2.options) print(o.rider_category, o.medium, o.total, o.currency);
//
// v1 (as OpenTripPlanner's default fare service does it): a fare covers a run of consecutive rides when
// every ride is in the fare's feed (and agency, when it names one), the run has at most `transfers`
// transfers and lasts at most `transfer_duration` (first departure to last arrival), and the fare's rules
// taken together allow it: every route in the fare's route_id set (when it has one), the run's first
// boarding zone and last alighting zone an origin/destination pair of the fare (an empty origin or
// destination matches any zone), and the set of zones passed through equal to the fare's contains_id set
// (when it has one). A fare without fare_rules rows applies only when fare_rules.txt has none. The journey
// price is the cheapest split of the rides into covered runs (dynamic programming over runs); `complete` is
// false when some ride no fare covers.
//
// v2: each ride gets a fare leg rule. Without a rule_priority column the rules are filtered field by field -
// network (route_networks / routes.network_id), from area, to area (stop_areas; a platform also in its
// station's areas), from timeframe, to timeframe (the departure's / arrival's time of its service day) -
// keeping at each field the rules that name one of the ride's values if any do, else those that leave the
// field empty; the first rule left (file order) gives the ride's product and leg group. With rule_priority,
// a rule matches when each field is empty or names one of the ride's values, and the highest priority wins.
// Consecutive rides form a transfer when a fare_transfer_rule matches their leg groups (an empty group
// matches when no rule names the ride's group), its transfer_count allows one more transfer in the chain and
// its duration limit holds, measured from the chain's first ride (duration_limit_type 0: its departure to
// the next ride's arrival, 1: departure to departure, 2: arrival to departure, 3: arrival to arrival); the
// first matching rule in file order applies. A chain costs its first ride's product, then per transfer of
// type 0 (A + AB) + the transfer product, type 1 (A + AB + B) + the transfer product + the ride's product,
// type 2 (AB) the transfer product instead of everything so far; an empty transfer product is free. Totals
// are given per rider category and medium found in the rows of the products involved: a product's price for
// (category, medium) is its row for both, else the row without medium, else without category, else without
// either; an option some product cannot price is left out.
//
// Thread rules: a pure function of an immutable timetable; any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/transit/local_time.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::transit {

// One ride, as routing found it.
struct fare_leg {
  route_idx_t route;       // the RAPTOR route ridden (its line, agency, network and stop sequence)
  stop_idx_t from;         // boarding stop (on `route`)
  stop_idx_t to;           // alighting stop (after `from` on `route`)
  service_time departure;  // at `from`
  service_time arrival;    // at `to`
};

// A run of rides [first, last] covered by one v1 fare.
struct fare_v1_part {
  std::size_t first = 0, last = 0;
  std::uint32_t fare = 0;  // index into fare_ids_ / fare_attributes_
  std::int64_t price = 0;  // 1/10,000 units
};

struct fare_v1_price {
  bool complete = false;          // every ride covered
  std::int64_t total = 0;         // 1/10,000 units (kFareScale)
  std::string_view currency;      // "" when the parts use different currencies
  std::vector<fare_v1_part> parts;
};

struct fare_v2_option {
  std::uint32_t rider_category = kNoIndex;  // index into rider_category_ids_, or kNoIndex (none)
  std::uint32_t medium = kNoIndex;          // index into fare_media_ids_, or kNoIndex (none)
  std::int64_t total = 0;                   // 1/10,000 units
  std::string_view currency;                // "" when the products use different currencies
};

struct fare_v2_price {
  bool complete = false;                     // every ride matched a fare leg rule
  std::vector<std::uint32_t> leg_products;   // per ride: fare product index, kNoIndex when unmatched
  std::vector<std::uint32_t> leg_groups;     // per ride: leg group index or kNoIndex
  std::vector<std::uint32_t> transfers;      // per boundary (ride i -> i + 1): fare_transfer_rules_ index or kNoIndex
  std::vector<fare_v2_option> options;       // per rider category and medium, those every product prices
};

struct journey_price {
  fare_v1_price v1;
  fare_v2_price v2;
};

// Prices `legs` (in travel order). invalid_argument when a leg names a route, stop or order that the
// timetable does not have (stop not on the route, alighting not after boarding).
result<journey_price> price_legs(timetable_view const& tt, std::span<fare_leg const> legs);

// "2.50" from 25,000 units (as many decimals as needed, at least two).
std::string format_amount(std::int64_t units);

}  // namespace kwartier::transit
