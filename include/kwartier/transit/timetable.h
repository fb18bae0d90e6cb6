// The compact timetable (DESIGN.md §6, nigiri/RAPTOR layout) built from one or more GTFS feeds.
//
// - Stops: coordinates, namespaced ids ("stib:0089" when several feeds are merged, the plain GTFS id for a
//   single feed), names, location_type, parent station, wheelchair_boarding (inherited from the parent
//   station when 0, as GTFS says) and platform_code.
// - Routes in the RAPTOR sense: trips with the same stop sequence and the same pickup/drop-off pattern that
//   never overtake each other. Per route a [trip][stop] block of (arrival, departure) seconds since
//   service-day midnight (may exceed 24 h), trips sorted by departure, so scans are sequential.
// - Service days: one bitset per distinct calendar pattern, stored once and shared by trips; bit d is day
//   `first_day + d` (days since 1970-01-01, in the agency's local calendar).
// - Trips (expanded instances): GTFS route (line), trip_headsign, trip_short_name, direction_id,
//   wheelchair_accessible, bikes_allowed.
// - Translations (translations.txt, both the record_id and the field_value form, and the older NMBS
//   trans_id form) of stop names, route short/long names, trip headsigns and agency names: one sorted
//   table of (field, entity, language) -> text; every `x(i, lang)` accessor falls back to the feed's own
//   text. Texts that repeat (headsigns, platform codes, translations) are interned in one pool.
// - CSR stop -> routes, route -> stops; transfers from transfers.txt.
// - The reference time zone of the timetable (see local_time.h and docs/transit.md).
//
// One struct templated on ownership: `timetable` (owned vectors, produced by build_timetable) and
// `timetable_view` (spans into a mapped dataset file, produced by open_timetable / read_sections).
// Both are immutable once built/opened and may be read from any number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"
#include "kwartier/core/strong.h"

namespace kwartier::transit {

using stop_idx_t = strong<std::uint32_t, struct stop_idx_tag>;
using route_idx_t = strong<std::uint32_t, struct route_idx_tag>;        // RAPTOR route (stop pattern)
using trip_idx_t = strong<std::uint32_t, struct trip_idx_tag>;
using line_idx_t = strong<std::uint32_t, struct line_idx_tag>;          // GTFS routes.txt row
using agency_idx_t = strong<std::uint32_t, struct agency_idx_tag>;
using service_idx_t = strong<std::uint32_t, struct service_idx_tag>;    // distinct day bitset
using language_idx_t = strong<std::uint32_t, struct language_idx_tag>;

// GTFS stops.txt location_type.
enum class location_type : std::uint8_t { stop = 0, station = 1, entrance = 2, generic_node = 3, boarding_area = 4 };

// GTFS transfers.txt transfer_type.
enum class transfer_type : std::uint8_t {
  recommended = 0, timed = 1, min_time = 2, not_possible = 3, in_seat = 4, in_seat_not_allowed = 5
};

struct latlon {
  double lat;
  double lon;
};

// Arrival and departure in seconds since service-day midnight (can exceed 86400 for trips past midnight).
struct stop_time {
  std::int32_t arr;
  std::int32_t dep;
};

struct transfer {
  stop_idx_t from;
  stop_idx_t to;
  std::int32_t min_seconds;  // 0 when transfers.txt gave none
  transfer_type type;
  std::uint8_t pad_[3] = {0, 0, 0};
};
static_assert(sizeof(transfer) == 16);

// GTFS wheelchair_boarding / wheelchair_accessible / bikes_allowed: 0 no information, 1 yes (possible for
// some), 2 no.
enum class accessibility : std::uint8_t { unknown = 0, yes = 1, no = 2 };

// GTFS trips.txt direction_id (0 or 1), or kNoDirection when the column or value is empty.
constexpr std::uint8_t kNoDirection = 255;

// Per trip: direction_id, wheelchair_accessible, bikes_allowed.
struct trip_attributes {
  std::uint8_t direction = kNoDirection;
  accessibility wheelchair = accessibility::unknown;
  accessibility bikes = accessibility::unknown;
  std::uint8_t pad_ = 0;
};
static_assert(sizeof(trip_attributes) == 4);

// The fields translations.txt may translate that the timetable keeps.
enum class text_field : std::uint8_t {
  stop_name = 0,         // entity: stop_idx_t
  route_short_name = 1,  // entity: line_idx_t
  route_long_name = 2,   // entity: line_idx_t
  trip_headsign = 3,     // entity: trip_idx_t
  agency_name = 4,       // entity: agency_idx_t
};
constexpr std::uint8_t kNumTextFields = 5;

// One translated text: sorted by (field, entity, lang) in the timetable.
struct translation {
  std::uint32_t entity;
  std::uint16_t lang;   // language_idx_t
  text_field field;
  std::uint8_t pad_ = 0;
  std::uint32_t text;   // index into the text pool
};
static_assert(sizeof(translation) == 12);

// Per route stop: may passengers board / alight there (GTFS pickup_type / drop_off_type != 1).
enum stop_flags : std::uint8_t { kNoPickup = 1, kNoDropOff = 2 };

// A GTFS route (line) as riders know it.
struct line_info {
  agency_idx_t agency;
  std::int32_t route_type;  // GTFS route_type (3 = bus, 0 = tram, 1 = metro, 2 = rail, ...)
};

// ---- fares (GTFS fares v1 and v2; transit/fares.h prices journeys with them). Index fields use
// kNoIndex for an empty GTFS field. Amounts are integers in 1/10,000 of the currency unit (kFareScale), so
// sums stay exact ("1.25" USD = 12,500).
constexpr std::uint32_t kNoIndex = 0xffffffffU;
constexpr std::int64_t kFareScale = 10'000;

// fare_attributes.txt (v1).
struct fare_attribute {
  std::int64_t price;
  std::uint32_t currency;           // text pool index (ISO 4217 code)
  std::uint32_t agency;             // agency_idx_t or kNoIndex
  std::int32_t transfer_duration;   // seconds, -1 when empty
  std::int8_t transfers;            // 0, 1, 2 or -1 (empty: unlimited)
  std::uint8_t payment_method;      // 0 on board, 1 before boarding
  std::uint16_t feed;               // feed index (fares never span merged feeds)
};
static_assert(sizeof(fare_attribute) == 24);

// fare_rules.txt (v1): one row; empty fields are kNoIndex.
struct fare_rule {
  std::uint32_t fare;         // fare_attributes index
  std::uint32_t line;         // route_id
  std::uint32_t origin;       // zone index (stops.zone_id)
  std::uint32_t destination;  // zone index
  std::uint32_t contains;     // zone index
};
static_assert(sizeof(fare_rule) == 20);

// fare_products.txt (v2): one row (a product may have rows per rider category and medium).
struct fare_product_row {
  std::int64_t amount;
  std::uint32_t product;         // fare product index
  std::uint32_t rider_category;  // or kNoIndex
  std::uint32_t medium;          // fare medium index or kNoIndex
  std::uint32_t currency;        // text pool index
};
static_assert(sizeof(fare_product_row) == 24);

// timeframes.txt (v2).
struct timeframe {
  std::uint32_t group;    // timeframe group index
  std::int32_t start;     // seconds since midnight, inclusive
  std::int32_t end;       // exclusive, at most 86,400
  std::uint32_t service;  // service_idx_t: the days it applies
};
static_assert(sizeof(timeframe) == 16);

// fare_leg_rules.txt (v2).
struct fare_leg_rule {
  std::uint32_t leg_group;  // leg group index or kNoIndex
  std::uint32_t network;    // network index or kNoIndex
  std::uint32_t from_area, to_area;            // area index or kNoIndex
  std::uint32_t from_timeframe, to_timeframe;  // timeframe group index or kNoIndex
  std::uint32_t product;    // fare product index
  std::int32_t priority;    // rule_priority (0 when empty)
};
static_assert(sizeof(fare_leg_rule) == 32);

// fare_transfer_rules.txt (v2).
struct fare_transfer_rule {
  std::uint32_t from_group, to_group;  // leg group index or kNoIndex
  std::int32_t transfer_count;         // -1 unlimited, >= 1, or 0 when empty
  std::int32_t duration_limit;         // seconds, -1 when empty
  std::uint8_t duration_type;          // 0..3 (GTFS duration_limit_type)
  std::uint8_t transfer_type;          // 0 A+AB, 1 A+AB+B, 2 AB
  std::uint16_t pad_ = 0;
  std::uint32_t product;               // fare product index or kNoIndex (free transfer)
};
static_assert(sizeof(fare_transfer_rule) == 24);

// A string table: n + 1 monotone offsets into one char array. Owned or viewed.
template <ownership O>
struct string_table {
  vec_t<std::uint32_t, O> offsets;  // owned: starts as {0}
  vec_t<char, O> chars;

  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::string_view operator[](std::size_t i) const {
    return {chars.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
};

// Schema of every section the timetable writes (concatenate into another dataset kind's schema when that
// kind embeds a timetable via add_sections/read_sections). Changing a section changes this string, which
// changes the ABI fingerprint, so old files are refused as incompatible instead of misread.
constexpr std::string_view kTimetableSchema =
    "transit.timetable.v3:"
    "TTmt:i32x4(first_day,n_days,n_words,reserved);"
    "TSll:latlon(f64,f64);TSlt:u8;TSpa:u32;TSio/TSic:str;TSno/TSnc:str;TSwb:u8;TSpc:u32(text);"
    "TLgo/TLgc:str;TPoo/TPoc:str(text pool);TNtr:u32,u16,u8,u8,u32(translation);"
    "TRso:u32;TRsd:u32;TRsf:u8;TRto:u32;TRtt:u32;TRln:u32;"
    "TRmo:u32;TTtt:i32x2(arr,dep);TTsv:u32;TTid/TTic:str;"
    "TTln:u32;TThs:u32(text);TTsn:u32(text);TTat:u8x4(direction,wheelchair,bikes,pad);"
    "TVbs:u64;TSro:u32;TSrd:u32;"
    "TXfr:u32,u32,i32,u8,pad3;"
    "TLio/TLic:str;TLso/TLsc:str;TLlo/TLlc:str;TLin:u32,i32;"
    "TAio/TAic:str;TAno/TAnc:str;TAzo/TAzc:str;"
    "TFio/TFic:str;TZon/TZoc:str(reference zone);TAfd:u32(agency feed);"
    "FVio/FVic:str(fare ids);FVat:i64,u32,u32,i32,i8,u8,u16(fare_attribute);FVru:u32x5(fare_rule);"
    "FZio/FZic:str(zones);FZst:u32(stop zone);"
    "FRio/FRic:str;FRno/FRnc:str;FRdf:u8(rider categories);FMio/FMic:str;FMno/FMnc:str;FMty:u8(media);"
    "FPio/FPic:str;FPno/FPnc:str;FPrw:i64,u32x4(product rows);"
    "FAio/FAic:str;FAno/FAnc:str;FAso:u32;FAsa:u32(stop areas);"
    "FNio/FNic:str;FNno/FNnc:str;FNln:u32(line network);"
    "FTio/FTic:str;FTtf:u32,i32,i32,u32(timeframes);"
    "FGio/FGic:str(leg groups);FLru:u32x7,i32(leg rules);FXru:u32,u32,i32,i32,u8,u8,u16,u32(transfer rules);"
    "FMta:u32x4(leg rules have priority,reserved);";

template <ownership O>
struct timetable_t {
  // ---- header
  std::int32_t first_day_ = 0;  // days since 1970-01-01 of bit 0 of every service bitset
  std::int32_t n_days_ = 0;     // days covered
  std::int32_t n_words_ = 0;    // uint64 words per service bitset (ceil(n_days / 64))

  // ---- stops (index stop_idx_t)
  vec_t<latlon, O> stop_latlon_;
  vec_t<std::uint8_t, O> stop_location_type_;  // location_type
  vec_t<std::uint32_t, O> stop_parent_;        // stop_idx_t or invalid
  string_table<O> stop_ids_;                   // namespaced id
  string_table<O> stop_names_;                 // stops.txt stop_name
  vec_t<std::uint8_t, O> stop_wheelchair_;     // accessibility (wheelchair_boarding, parent's when 0)
  vec_t<std::uint32_t, O> stop_platform_;      // text pool index of platform_code (0: none)

  // ---- texts and translations
  string_table<O> languages_;                  // language codes of translations, lower case ("fr", "nl")
  string_table<O> texts_;                      // interned text pool; texts_[0] == ""
  vec_t<translation, O> translations_;         // sorted by (field, entity, lang)

  // ---- RAPTOR routes (index route_idx_t)
  vec_t<std::uint32_t, O> route_stops_offsets_;  // n_routes + 1 into route_stops_ / route_stop_flags_
  vec_t<std::uint32_t, O> route_stops_;          // stop_idx_t
  vec_t<std::uint8_t, O> route_stop_flags_;      // stop_flags per route stop
  vec_t<std::uint32_t, O> route_trips_offsets_;  // n_routes + 1 into route_trips_
  vec_t<std::uint32_t, O> route_trips_;          // trip_idx_t, sorted by departure at the first stop
  vec_t<std::uint32_t, O> route_line_;           // line_idx_t of the route (first trip's GTFS route)
  vec_t<std::uint32_t, O> route_times_offsets_;  // n_routes + 1 into stop_times_ (trips x stops)

  // ---- stop times: per route a [trip][stop] block
  vec_t<stop_time, O> stop_times_;

  // ---- trips (index trip_idx_t)
  vec_t<std::uint32_t, O> trip_service_;  // service_idx_t
  string_table<O> trip_ids_;              // namespaced GTFS trip id ("T1#3" for frequency expansion #3)
  vec_t<std::uint32_t, O> trip_line_;     // line_idx_t: the trip's own GTFS route
  vec_t<std::uint32_t, O> trip_headsign_; // text pool index (0: none)
  vec_t<std::uint32_t, O> trip_short_name_;  // text pool index (0: none)
  vec_t<trip_attributes, O> trip_attributes_;

  // ---- service bitsets: n_services * n_words_ words
  vec_t<std::uint64_t, O> service_bits_;

  // ---- stop -> routes
  vec_t<std::uint32_t, O> stop_routes_offsets_;  // n_stops + 1
  vec_t<std::uint32_t, O> stop_routes_;          // route_idx_t

  // ---- transfers (sorted by from)
  vec_t<transfer, O> transfers_;

  // ---- GTFS routes (lines) and agencies
  string_table<O> line_ids_;
  string_table<O> line_short_names_;
  string_table<O> line_long_names_;
  vec_t<line_info, O> line_info_;
  string_table<O> agency_ids_;
  string_table<O> agency_names_;
  string_table<O> agency_timezones_;  // IANA name per agency ("Europe/Brussels")
  string_table<O> feed_prefixes_;     // id namespace of each merged feed ("" for a single feed)
  string_table<O> timezone_;          // one entry: the reference IANA zone of all times ("" when unknown)
  vec_t<std::uint32_t, O> agency_feed_;  // feed index of each agency

  // ---- fares v1 (fare_attributes, fare_rules; zones from stops.zone_id)
  string_table<O> fare_ids_;
  vec_t<fare_attribute, O> fare_attributes_;
  vec_t<fare_rule, O> fare_rules_;            // sorted by fare
  string_table<O> zone_ids_;
  vec_t<std::uint32_t, O> stop_zone_;         // zone index or kNoIndex, per stop

  // ---- fares v2
  string_table<O> rider_category_ids_, rider_category_names_;
  vec_t<std::uint8_t, O> rider_category_default_;  // is_default_fare_category
  string_table<O> fare_media_ids_, fare_media_names_;
  vec_t<std::uint8_t, O> fare_media_type_;
  string_table<O> fare_product_ids_, fare_product_names_;
  vec_t<fare_product_row, O> fare_product_rows_;   // sorted by product
  string_table<O> area_ids_, area_names_;
  vec_t<std::uint32_t, O> stop_areas_offsets_;     // n_stops + 1 (empty when there are no areas)
  vec_t<std::uint32_t, O> stop_areas_;             // area index, sorted per stop
  string_table<O> network_ids_, network_names_;
  vec_t<std::uint32_t, O> line_network_;           // network index or kNoIndex, per line
  string_table<O> timeframe_group_ids_;
  vec_t<timeframe, O> timeframes_;
  string_table<O> leg_group_ids_;
  vec_t<fare_leg_rule, O> fare_leg_rules_;
  vec_t<fare_transfer_rule, O> fare_transfer_rules_;
  std::uint32_t leg_rules_have_priority_ = 0;      // fare_leg_rules.txt has a rule_priority column

  // ---- accessors
  std::size_t n_stops() const { return stop_latlon_.size(); }
  std::size_t n_routes() const { return route_line_.size(); }
  std::size_t n_trips() const { return trip_service_.size(); }
  std::size_t n_stop_times() const { return stop_times_.size(); }
  std::size_t n_services() const { return n_words_ == 0 ? 0 : service_bits_.size() / static_cast<std::size_t>(n_words_); }
  std::size_t n_lines() const { return line_info_.size(); }
  std::size_t n_agencies() const { return agency_ids_.size(); }
  std::size_t n_languages() const { return languages_.size(); }

  latlon stop_pos(stop_idx_t s) const { return stop_latlon_[s.v()]; }
  std::string_view stop_id(stop_idx_t s) const { return stop_ids_[s.v()]; }
  std::string_view stop_name(stop_idx_t s) const { return stop_names_[s.v()]; }
  // The name in `lang` ("fr", "nl", "en", ...) from translations.txt, else the stops.txt name.
  std::string_view stop_name(stop_idx_t s, std::string_view lang) const {
    return translated_or(text_field::stop_name, s.v(), lang, stop_name(s));
  }
  accessibility stop_wheelchair(stop_idx_t s) const { return static_cast<accessibility>(stop_wheelchair_[s.v()]); }
  std::string_view stop_platform(stop_idx_t s) const { return texts_[stop_platform_[s.v()]]; }  // "" if none
  kwartier::transit::location_type stop_location_type(stop_idx_t s) const {
    return static_cast<kwartier::transit::location_type>(stop_location_type_[s.v()]);
  }
  stop_idx_t stop_parent(stop_idx_t s) const { return stop_idx_t{stop_parent_[s.v()]}; }  // invalid() if none
  std::optional<stop_idx_t> find_stop(std::string_view id) const {
    for (std::size_t i = 0; i < n_stops(); ++i)
      if (stop_ids_[i] == id) return stop_idx_t::from(i);
    return std::nullopt;
  }

  std::span<std::uint32_t const> route_stops(route_idx_t r) const {
    return {route_stops_.data() + route_stops_offsets_[r.v()], route_stops_offsets_[r.v() + 1] - route_stops_offsets_[r.v()]};
  }
  std::span<std::uint8_t const> route_stop_flags(route_idx_t r) const {
    return {route_stop_flags_.data() + route_stops_offsets_[r.v()],
            route_stops_offsets_[r.v() + 1] - route_stops_offsets_[r.v()]};
  }
  std::span<std::uint32_t const> route_trips(route_idx_t r) const {
    return {route_trips_.data() + route_trips_offsets_[r.v()], route_trips_offsets_[r.v() + 1] - route_trips_offsets_[r.v()]};
  }
  // Times of the `k`-th trip of route r (k indexes route_trips(r)), one entry per route stop.
  std::span<stop_time const> trip_times(route_idx_t r, std::size_t k) const {
    auto const n = route_stops(r).size();
    return {stop_times_.data() + route_times_offsets_[r.v()] + k * n, n};
  }
  std::span<std::uint32_t const> stop_routes(stop_idx_t s) const {
    return {stop_routes_.data() + stop_routes_offsets_[s.v()], stop_routes_offsets_[s.v() + 1] - stop_routes_offsets_[s.v()]};
  }
  std::span<transfer const> transfers() const { return {transfers_.data(), transfers_.size()}; }
  std::span<translation const> translations() const { return {translations_.data(), translations_.size()}; }
  std::string_view trip_id(trip_idx_t t) const { return trip_ids_[t.v()]; }
  line_idx_t trip_line(trip_idx_t t) const { return line_idx_t{trip_line_[t.v()]}; }
  std::string_view trip_headsign(trip_idx_t t) const { return texts_[trip_headsign_[t.v()]]; }
  std::string_view trip_headsign(trip_idx_t t, std::string_view lang) const {
    return translated_or(text_field::trip_headsign, t.v(), lang, trip_headsign(t));
  }
  std::string_view trip_short_name(trip_idx_t t) const { return texts_[trip_short_name_[t.v()]]; }
  std::uint8_t trip_direction(trip_idx_t t) const { return trip_attributes_[t.v()].direction; }  // 0, 1, kNoDirection
  accessibility trip_wheelchair(trip_idx_t t) const { return trip_attributes_[t.v()].wheelchair; }
  accessibility trip_bikes(trip_idx_t t) const { return trip_attributes_[t.v()].bikes; }
  service_idx_t trip_service(trip_idx_t t) const { return service_idx_t{trip_service_[t.v()]}; }
  // Does service `sv` run on day `day` (days since 1970-01-01)?
  bool service_active(service_idx_t sv, std::int32_t day) const {
    auto const d = day - first_day_;
    if (d < 0 || d >= n_days_) return false;
    auto const w = service_bits_[sv.v() * static_cast<std::size_t>(n_words_) + static_cast<std::size_t>(d / 64)];
    return ((w >> (d % 64)) & 1U) != 0;
  }
  std::string_view agency_timezone(agency_idx_t a) const { return agency_timezones_[a.v()]; }
  std::string_view agency_id(agency_idx_t a) const { return agency_ids_[a.v()]; }
  std::string_view agency_name(agency_idx_t a) const { return agency_names_[a.v()]; }
  std::string_view agency_name(agency_idx_t a, std::string_view lang) const {
    return translated_or(text_field::agency_name, a.v(), lang, agency_name(a));
  }

  // GTFS routes (lines).
  line_idx_t route_line(route_idx_t r) const { return line_idx_t{route_line_[r.v()]}; }
  std::string_view line_id(line_idx_t l) const { return line_ids_[l.v()]; }
  std::string_view line_short_name(line_idx_t l) const { return line_short_names_[l.v()]; }
  std::string_view line_short_name(line_idx_t l, std::string_view lang) const {
    return translated_or(text_field::route_short_name, l.v(), lang, line_short_name(l));
  }
  std::string_view line_long_name(line_idx_t l) const { return line_long_names_[l.v()]; }
  std::string_view line_long_name(line_idx_t l, std::string_view lang) const {
    return translated_or(text_field::route_long_name, l.v(), lang, line_long_name(l));
  }
  agency_idx_t line_agency(line_idx_t l) const { return line_info_[l.v()].agency; }
  std::int32_t line_route_type(line_idx_t l) const { return line_info_[l.v()].route_type; }

  bool has_fares_v1() const { return !fare_attributes_.empty(); }
  bool has_fares_v2() const { return !fare_leg_rules_.empty(); }
  // Areas of a stop (stop_areas.txt), without those of its parent station.
  std::span<std::uint32_t const> stop_areas(stop_idx_t s) const {
    if (stop_areas_offsets_.empty()) return {};
    return {stop_areas_.data() + stop_areas_offsets_[s.v()], stop_areas_offsets_[s.v() + 1] - stop_areas_offsets_[s.v()]};
  }

  // The reference IANA zone of every time in the timetable ("" when no agency named a valid zone).
  std::string_view timezone() const { return timezone_.size() == 0 ? std::string_view{} : timezone_[0]; }

  // Translations. `lang` matches a stored language code ignoring ASCII case; "nl-BE" falls back to "nl".
  std::optional<language_idx_t> find_language(std::string_view lang) const {
    auto const eq = [](std::string_view a, std::string_view b) {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        auto const x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (x != b[i]) return false;
      }
      return true;
    };
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t l = 0; l < languages_.size(); ++l)
        if (eq(lang, languages_[l])) return language_idx_t::from(l);
      auto const dash = lang.find_first_of("-_");
      if (dash == std::string_view::npos || dash == 0) break;
      lang = lang.substr(0, dash);
    }
    return std::nullopt;
  }
  // The translation of `field` of `entity` into `lang`, or nullopt.
  std::optional<std::string_view> translated(text_field field, std::uint32_t entity, std::string_view lang) const {
    auto const l = find_language(lang);
    if (!l) return std::nullopt;
    std::size_t lo = 0, hi = translations_.size();
    auto const less = [&](translation const& t) {
      if (t.field != field) return t.field < field;
      if (t.entity != entity) return t.entity < entity;
      return t.lang < l->v();
    };
    while (lo < hi) {
      auto const mid = lo + (hi - lo) / 2;
      if (less(translations_[mid])) lo = mid + 1;
      else hi = mid;
    }
    if (lo < translations_.size() && translations_[lo].field == field && translations_[lo].entity == entity &&
        translations_[lo].lang == l->v())
      return texts_[translations_[lo].text];
    return std::nullopt;
  }
  std::string_view translated_or(text_field field, std::uint32_t entity, std::string_view lang,
                                 std::string_view fallback) const {
    auto const t = translated(field, entity, lang);
    return t && !t->empty() ? *t : fallback;
  }

  // Kept alive while views point into it (empty for an owned timetable).
  dataset_file file_;
};

using timetable = timetable_t<ownership::owned>;
using timetable_view = timetable_t<ownership::view>;

// A view of an owned timetable (same accessors, no copy). `tt` must outlive the view.
timetable_view view_of(timetable const& tt);

// The dataset kind of a stand-alone timetable file (.kwt).
constexpr std::uint32_t kTimetableKindId = fourcc("KWTT");
dataset_kind timetable_kind();

// Adds every timetable section to `w` (used by save_timetable and by kinds that embed a timetable, such as
// the network file). Section ids all start with 'T'.
void add_sections(timetable const& tt, dataset_writer& w);
// Reads and validates the timetable sections of `f` (every index < its count, monotone offsets, sizes that
// agree): errc::corrupt_dataset on any inconsistency. The view keeps `f` alive.
result<timetable_view> read_sections(dataset_file const& f);

// Writes a .kwt file (core/output.h: temporary file, fsync, rename; refuses symlinks and files of another
// kind).
status save_timetable(timetable const& tt, std::filesystem::path const& path);
// Maps and validates a .kwt file. Replace an open .kwt by rename only (`mv`, or save_timetable): truncating
// or overwriting a mapped file in place kills its readers with SIGBUS (docs/reliability.md).
result<timetable_view> open_timetable(std::filesystem::path const& path);

// Day numbers: days since 1970-01-01 <-> yyyymmdd.
std::int32_t days_from_ymd(int y, unsigned m, unsigned d) noexcept;
std::int32_t days_from_yyyymmdd(std::uint32_t yyyymmdd) noexcept;
std::uint32_t yyyymmdd_from_days(std::int32_t days) noexcept;

}  // namespace kwartier::transit
