// The parsed GTFS tables of one or more merged feeds (private to the transit module): what load_gtfs
// produces and build_timetable consumes. Ids are already namespaced; every reference is resolved to an
// index (rows with dangling references were reported and skipped).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::transit {

struct gtfs_service {
  std::int32_t start = 0, end = -1;  // calendar.txt range (days since epoch), empty when end < start
  std::uint8_t weekdays = 0;         // bit 0 = Monday ... bit 6 = Sunday
  std::vector<std::int32_t> added, removed;  // calendar_dates exception_type 1 / 2
};

struct gtfs_stop_time {
  std::uint32_t stop;
  std::int32_t arr, dep;
  std::uint8_t flags;  // stop_flags
};

struct gtfs_frequency {
  std::int32_t start, end, headway;
};

struct gtfs_trip {
  std::string id;  // namespaced
  std::uint32_t line = 0;
  std::uint32_t service = 0;
  std::uint32_t headsign = 0, short_name = 0;  // text pool indices
  trip_attributes attr;
  std::uint32_t first_st = 0, n_st = 0;  // range in gtfs_feed_data::stop_times (after fixes)
  std::uint32_t first_freq = 0, n_freq = 0;
};

// One translations.txt row applied to one entity. entity: stop / line / agency index, or for trip_headsign
// the index in gtfs_feed_data::trips (build_timetable copies it to every expanded instance).
struct gtfs_translation {
  text_field field;
  std::uint32_t entity;
  std::uint32_t lang;  // index in gtfs_feed_data::languages
  std::uint32_t text;  // text pool index
};

// Interned texts (headsigns, platform codes, translations): texts[0] == "". A deque, so references and
// views of stored texts stay valid while more are interned.
struct text_pool {
  std::deque<std::string> texts{std::string{}};
  std::unordered_map<std::string, std::uint32_t> index{{std::string{}, 0}};

  std::uint32_t intern(std::string_view s) {
    auto [it, fresh] = index.try_emplace(std::string{s}, static_cast<std::uint32_t>(texts.size()));
    if (fresh) texts.push_back(it->first);
    return it->second;
  }
  std::string const& operator[](std::uint32_t i) const { return texts[i]; }
};

// A feed that gave no stop at all (not a zip archive, no stops.txt, no usable stops.txt row): load_gtfs
// reports it and goes on; build_timetable refuses it (errc::invalid_format naming it).
struct gtfs_unusable_feed {
  std::string name;    // the path (or the in-memory source's name)
  std::string reason;
};

struct gtfs_timeframe {
  std::uint32_t group;
  std::int32_t start, end;
  std::uint32_t service;  // index in gtfs_feed_data::services
};

// The fares tables (v1 and v2), indices resolved; empty GTFS fields are kNoIndex.
struct gtfs_fares {
  std::vector<std::string> fare_ids;
  std::vector<fare_attribute> fare_attributes;
  std::vector<fare_rule> fare_rules;
  std::vector<std::string> zone_ids;
  std::vector<std::uint32_t> stop_zone;  // per stop
  std::vector<std::string> rider_category_ids, rider_category_names;
  std::vector<std::uint8_t> rider_category_default;
  std::vector<std::string> fare_media_ids, fare_media_names;
  std::vector<std::uint8_t> fare_media_type;
  std::vector<std::string> fare_product_ids, fare_product_names;
  std::vector<fare_product_row> fare_product_rows;
  std::vector<std::string> area_ids, area_names;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stop_areas;  // (stop, area)
  std::vector<std::string> network_ids, network_names;
  std::vector<std::uint32_t> line_network;  // per line
  std::vector<std::string> timeframe_group_ids;
  std::vector<gtfs_timeframe> timeframes;
  std::vector<std::string> leg_group_ids;
  std::vector<fare_leg_rule> leg_rules;
  std::vector<fare_transfer_rule> transfer_rules;
  bool leg_rules_have_priority = false;
};

struct gtfs_feed_data {
  std::vector<std::string> feed_prefixes;
  std::vector<gtfs_unusable_feed> unusable_feeds;

  std::vector<std::string> agency_ids, agency_names, agency_timezones;
  std::vector<std::uint32_t> agency_feed;  // feed index per agency

  std::vector<std::string> stop_ids, stop_names;
  std::vector<latlon> stop_pos;
  std::vector<std::uint8_t> stop_location_type;
  std::vector<std::uint32_t> stop_parent;  // invalid: none
  std::vector<std::uint8_t> stop_wheelchair;  // accessibility, already inherited from the parent station
  std::vector<std::uint32_t> stop_platform;   // text pool index of platform_code (0 when none)

  std::vector<std::string> languages;         // lower case
  std::vector<gtfs_translation> translations; // in file order (a later row for the same key wins)
  text_pool texts;
  std::string timezone;                       // reference zone: the first agency's valid zone

  std::vector<std::string> line_ids, line_short_names, line_long_names;
  std::vector<line_info> lines;

  std::vector<gtfs_service> services;
  std::vector<gtfs_trip> trips;
  std::vector<gtfs_stop_time> stop_times;
  std::vector<gtfs_frequency> frequencies;
  std::vector<transfer> transfers;
  gtfs_fares fares;
};

}  // namespace kwartier::transit
