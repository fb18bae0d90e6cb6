// Journeys as legs, and the journey planner from a coordinate to a coordinate at a local date and time.
//
//   routing::query_state qs;                                          // one per thread
//   routing::route_request r;
//   r.from = {49.4093, 8.6937}; r.to = {49.4875, 8.4660};
//   r.date = transit::days_from_ymd(2016, 11, 15); r.time = 8 * 3600;  // local date and time
//   r.lang = "nl";
//   KW_TRY(auto journeys, routing::route(net, r, qs));
//   for (auto const& j : journeys) for (auto const& l : j.legs) ... l.kind, l.departure, l.route_short_name
//
// A journey is access (walk or bike from the origin to a stop), rides with transfer walks between them (a
// change at the same stop is no leg), and egress (from the last alighting stop to the destination); or one
// direct walk (bike) leg when that is faster than transit or the mode is walk/bike. Times are GTFS service
// times of `journey::day` in the timetable's zone (seconds since noon minus 12 h: the wall clock except on the
// days clocks change; above 86,400 past midnight, negative before the day for arrive-by); local_iso() turns
// them into ISO local times. The request's date and time are the wall clock in that zone.
//
// Thread rules: as raptor.h (network shared, one query_state per thread). Journeys own their strings.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kwartier/bikeshare/system.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/raptor.h"
#include "kwartier/street/graph.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::routing {

// bikeshare: a shared bike taken at one station (or a free-floating one) and left at another
// (routing/bikeshare.h); the walks before and after it are access / egress / direct legs.
enum class leg_kind : std::uint8_t { access = 0, ride = 1, transfer = 2, egress = 3, direct = 4, bikeshare = 5 };
constexpr std::string_view leg_kind_name(leg_kind k) {
  constexpr std::string_view names[] = {"access", "ride", "transfer", "egress", "direct", "bikeshare"};
  return names[static_cast<std::size_t>(k)];
}

// One end of a leg: a stop (stop valid) or the request's origin / destination (stop invalid).
struct place {
  transit::stop_idx_t stop = transit::stop_idx_t::invalid();
  std::string id;    // stop_id, empty for origin / destination
  std::string name;  // in the requested language when translated; "origin" / "destination" otherwise
  geo::latlng pos;
  std::string station_id;  // a bike-share station's station_id (name: its name); empty otherwise
};

struct leg {
  leg_kind kind = leg_kind::ride;
  street::mode mode = street::mode::walk;  // access, transfer, egress, direct (rides: walk, unused)
  seconds_t departure = 0;
  seconds_t arrival = 0;
  place from, to;
  // Rides only.
  transit::trip_idx_t trip = transit::trip_idx_t::invalid();
  transit::route_idx_t route = transit::route_idx_t::invalid();  // RAPTOR route (stop pattern)
  std::string trip_id;
  std::string route_id;          // GTFS route_id
  std::string route_short_name;  // GTFS route_short_name (falls back to route_long_name when empty)
  std::string route_long_name;
  std::int32_t route_type = -1;  // GTFS route_type
  std::string headsign;          // trip_headsign, else the name of the last stop of the trip
  std::string agency;            // agency_name
  std::uint32_t stops = 0;       // number of stops ridden past, boarding and alighting stop included
  // Realtime (rides; without a realtime view: scheduled, no delays, scheduled times = departure / arrival).
  std::int32_t service_day = 0;  // the trip's service day (days since 1970-01-01)
  realtime::ride_status status = realtime::ride_status::scheduled;
  seconds_t departure_delay = 0;      // departure - scheduled_departure
  seconds_t arrival_delay = 0;        // arrival - scheduled_arrival
  seconds_t scheduled_departure = 0;  // the timetable's times, on the journey's day like departure / arrival
  seconds_t scheduled_arrival = 0;

  seconds_t duration() const { return arrival - departure; }
};

// A price of the whole journey (route_request::fares): GTFS fares v1 (the cheapest cover of the rides) and
// each v2 option (rider category x fare medium), as transit::price_legs gives them (transit/fares.h). Only
// complete prices (every ride covered) are listed.
struct journey_fare {
  std::string system;          // "v1" or "v2"
  std::string rider_category;  // v2: rider_category_id ("" for v1 or a product row without one)
  std::string fare_media;      // v2: fare_media_id ("" for v1 or a product row without one)
  std::int64_t amount = 0;     // 1/10,000 of the currency unit (transit::kFareScale)
  std::string currency;        // ISO 4217 ("" when the parts use different currencies)
};

struct journey {
  std::int32_t day = 0;  // the service day the times count from (days since 1970-01-01)
  seconds_t departure = 0;
  seconds_t arrival = 0;
  std::uint32_t rides = 0;
  std::vector<leg> legs;
  std::vector<journey_fare> fares;  // route_request::fares: the journey's prices (empty otherwise)

  seconds_t duration() const { return arrival - departure; }
  std::uint32_t transfers() const { return rides == 0 ? 0 : rides - 1; }
};

// The journey of one Pareto entry of the last raptor() run on `qs` (same `q`). `lang` picks translated names
// ("" = the feed's own). Access and egress legs get `access_mode`.
result<journey> reconstruct_journey(network::network const& net, raptor_query const& q, query_state& qs,
                                    pareto_entry const& e, std::string_view lang = {},
                                    street::mode access_mode = street::mode::walk);

enum class travel_mode : std::uint8_t { walk = 0, bike = 1, transit = 2 };

// Step-free profile on the transit side (the street side avoids steps in the streets' own profile).
enum class wheelchair_unknown : std::uint8_t { allow = 0, avoid = 1 };

// The names the edges use ("walk", "bike", "transit"; "allow", "avoid"), and back (invalid_argument naming
// `field` for anything else). One spelling for the CLI, Python and C.
std::string_view travel_mode_name(travel_mode m);
result<travel_mode> parse_travel_mode(std::string_view s, std::string_view field = "mode");
result<street::mode> parse_street_mode(std::string_view s, std::string_view field = "access_mode");
// A comma-separated mode list as the edges spell it (`--mode walk,transit,bikeshare`): walk, bike, transit,
// bikeshare, bike_and_ride. transit or bike_and_ride: journeys with transit (bike_and_ride: cycling the
// traveller's own bike to the first stop, walking from the last), else a direct journey; bike: cycle (direct,
// or to and from the stops); bikeshare: also ride shared bikes (needs a bike-share system). A single walk,
// bike or transit means what travel_mode says. invalid_argument naming `field` for an unknown or empty word.
struct mode_set {
  travel_mode mode = travel_mode::transit;
  street::mode access_mode = street::mode::walk;
  bool bikeshare = false;
  bool bike_and_ride = false;
};
result<mode_set> parse_modes(std::string_view list, std::string_view field = "mode");
std::string_view wheelchair_unknown_name(wheelchair_unknown u);
result<wheelchair_unknown> parse_wheelchair_unknown(std::string_view s, std::string_view field = "unknown");

struct route_request {
  geo::latlng from;
  geo::latlng to;
  std::int32_t date = 0;          // local date: days since 1970-01-01 (transit::parse_date, days_from_ymd)
  seconds_t time = 0;             // local wall-clock time: seconds since midnight, [0, 86400)
  travel_mode mode = travel_mode::transit;
  street::mode access_mode = street::mode::walk;  // transit: walk or bike to and from the stops
  bool arrive_by = false;         // `time` is the latest arrival
  std::string lang;               // "fr", "nl", ... ("" = the feed's names)
  bool step_free = false;         // exclude stops with wheelchair_boarding=2, trips with wheelchair_accessible=2
  wheelchair_unknown unknown = wheelchair_unknown::allow;  // ... and those with no value, when avoid
  std::uint32_t max_transfers = 8;      // 0 .. 255
  seconds_t max_access_seconds = 900;   // walk (bike) budget from the origin to stops and from stops to the
                                        // destination
  seconds_t max_travel_seconds = kDay;  // nothing longer than this
  seconds_t min_change_seconds = 0;     // same-stop change without a transfers.txt entry
  std::uint32_t departures = 1;         // > 1: also the next (arrive_by: previous) departures
  double max_snap_m = 200.0;            // origin / destination farther from a street: too_far
  // Realtime view of the same network (realtime/view.h), or empty: cancelled trips are routed around,
  // delayed ones ride at their realtime times, and rides say their status and delays.
  std::shared_ptr<realtime::view const> realtime;
  // Price each journey with the timetable's GTFS fares (v1 and v2, transit/fares.h) into journey::fares.
  bool fares = false;
  // The price as a third Pareto criterion: journeys on (time, rides, price), so a slower but cheaper journey
  // is listed too (journey.cc, add_cheaper_journeys: RAPTOR again with the lines of the journeys found banned,
  // at most 16 searches). The price compared is the cheapest of the journey's v1 price and its v2 prices for
  // the default rider category (or all categories when the feed marks none). Implies `fares`. The direct
  // walk (bike) journey stays outside the criterion (listed as without it).
  bool optimize_fare = false;
  // Bike share (routing/bikeshare.h, docs/realtime.md "Bike share"): with use_bikeshare, journeys may walk to
  // a bike of `bikeshare` (a system bound to this network), ride it to a station with a free dock and walk on,
  // to the destination (a direct journey) or to and from transit (access and egress). The walk at the
  // origin's (destination's) end is bounded by max_access_seconds, the whole of it by 2 x max_access_seconds +
  // max_bikeshare_ride_seconds (routing/bikeshare.h).
  std::shared_ptr<bikeshare::system const> bikeshare;
  bool use_bikeshare = false;
  seconds_t max_bikeshare_ride_seconds = 3600;
  // Bike and ride (transit): cycle the traveller's own bike to the first stop, walk from the last one
  // (access_mode then applies to the egress and transfers only). Every stop linked to a street is taken to
  // have bike parking (the network stores no parking data; docs/realtime.md).
  bool bike_and_ride = false;
};

// `t` seconds of service day `day` (a journey's or leg's time) as ISO 8601 local time with the UTC offset of
// the timetable's zone ("2019-10-14T08:05:00+02:00"); without a timetable zone, the plain date and time.
result<std::string> local_iso(network::network const& net, std::int32_t day, seconds_t t);

// Plans journeys. Transit: the Pareto set on (arrival, rides) for the requested time, fewest rides first, each
// leaving the origin as late as its connections allow (arrive_by: arriving as early as they allow); with
// departures = N > 1, then the earliest-arrival journey of each of the next N - 1 departures (arrive_by: the
// previous ones). With optimize_fare the first set is Pareto-optimal on (arrival, rides, price) instead (see
// route_request::optimize_fare). A direct walk (bike) journey comes first when it arrives no later than every transit one,
// or when nothing else is found. Walk / bike: the one direct journey.
// No journey within the limits: an empty vector.
// Errors: unsupported (transit asked of a network without a timetable), out_of_range (a date outside the
// timetable's service days, naming them; a time outside [0, 86400); a bad coordinate), too_far (origin or
// destination farther than max_snap_m from a street), invalid_argument (budgets <= 0, departures outside
// 1..100, max_transfers over 255, an unknown mode).
result<std::vector<journey>> route(network::network const& net, route_request const& r, query_state& qs);

}  // namespace kwartier::routing
