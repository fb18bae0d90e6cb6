// One JSON shape per result, shared by the three edges (docs/edges.md §1 rule 4): the CLI prints these
// values with --format json, Python converts the same values into dicts, the C ABI returns their text from
// kw_*_json. Field names are the C++ field names; dates are ISO strings ("2024-12-09") or null.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/transit/timetable.h"

namespace kwartier {
class validation_report;
struct problem;
}  // namespace kwartier
namespace kwartier::transit {
struct gtfs_feed;
}
namespace kwartier::network {
struct build_summary;
class network;
}  // namespace kwartier::network
namespace kwartier::street {
struct graph_stats;
}
namespace kwartier::bikeshare {
class system;
}
namespace kwartier::routing {
struct journey;
struct route_request;
class isochrone_result;
}  // namespace kwartier::routing
namespace kwartier::realtime {
struct apply_summary;
}
namespace kwartier::search {
struct build_stats;
struct update_stats;
struct catalogue;
struct results;
}  // namespace kwartier::search

namespace kwartier::edges {

// Keeps the order in which fields are added (plain nlohmann::json sorts keys).
using json = nlohmann::ordered_json;

// "2024-12-09" for 20241209; "" for 0 (no date).
std::string iso_date_string(std::uint32_t yyyymmdd);
// The same as a JSON value: the string, or null for 0.
json iso_date(std::uint32_t yyyymmdd);

// Compact text, invalid UTF-8 replaced by U+FFFD (never throws on bad bytes from a damaged input).
std::string dump(json const& j);
// Indented text for people (the CLI's --format json).
std::string dump_pretty(json const& j);

// {"severity", "code", "file", "line", "field", "message"}
json to_json(problem const& p);
// {"errors", "warnings", "infos", "suppressed", "problems": [...]}
json to_json(validation_report const& r);

// `gtfs info` of loaded feeds: {"counts": {...}, "first_date", "last_date", "agencies": [...], "report"}.
json to_json(transit::gtfs_feed const& f);
// `gtfs info` of a timetable (opened from a .kwt, or transit::view_of a built one): {"counts": {...},
// "first_date", "last_date", "languages", "agencies"}.
json timetable_info(transit::timetable_view const& tt);
// `gtfs build`: {"output", "file_bytes", "timetable": <timetable_info>, "report"}.
json timetable_build_summary(std::filesystem::path const& output, std::uint64_t file_bytes,
                             transit::timetable_view const& tt, validation_report const& report);

// `search build`: {"output", "build_id", "documents", "skipped", "groups", "vocabulary", "compound_words",
// "concepts", "concept_table_version", "generations_kept", "seconds", "report"}; skipped and report cover
// both the catalogue lines and the documents the build refused.
json search_build_summary(std::filesystem::path const& output, search::build_stats const& st,
                          search::catalogue const& cat);
// `search update`: {"index", "build_id", "added", "replaced", "removed", "documents", "skipped", "vocabulary",
// "generations_kept", "seconds", "report"}; report covers the catalogue lines and the documents refused.
json search_update_summary(std::filesystem::path const& index, search::update_stats const& st,
                           validation_report const& catalogue_report);
// `search query`: {"query_lang", "n_matches", "hits": [{rank, id, lang, title, url, organisation, level,
// country, group, other_langs, score, snippet, explanation}], "facets": {field: {value: count}}, "notes"}.
json to_json(search::results const& r);

// The street graph of a network: {osm_nodes, osm_ways, usable_ways, missing_node_refs, invalid_locations,
// nodes_before_cut, nodes, edges, chains, length_m, "modes": {"walk": {speed_mps, nodes, edges, components,
// kept_components, dropped_components, dropped_nodes, dropped_edges, dropped_length_m}, "bike": {...}}}.
json to_json(street::graph_stats const& s);
// `network build`: {"output", "file_bytes", "street", "links", "report"}; links = {max_link_m,
// footpath_max_m, stops, stops_near_street, stops_linked, stops_unlinked, footpaths, footpaths_walked,
// footpaths_from_gtfs, transfers_forbidden}.
json network_build_summary(std::filesystem::path const& output, network::build_summary const& s);
// `network info`: {"file", "file_bytes", "access_model", "street", "links", "straight_line" (null for a
// street network), "timetable" (null without GTFS)}.
json network_info(std::filesystem::path const& file, network::network const& n);
// `network stops` (docs/edges.md §4.4a): {"stops": [{"stop_id", "name" (in `lang` when given), "lat", "lon",
// "parent" (stop index, -1: none), "link_m" (metres to the street the stop is linked to; null: not linked)}]};
// row i is stop index i, the same columns as Python's Network.stops(). Empty without GTFS.
json network_stops(network::network const& n, std::string_view lang);

// `route` (routing/journey.h, src/edges/routing_json.cc): {"journeys": [{"departure", "arrival" (ISO local
// with offset), "duration_s", "rides", "transfers", "legs": [{"kind", "mode" (walk/bike; null for rides),
// "departure", "arrival", "duration_s", "from", "to" ({"stop_id" (null at the origin/destination), "name",
// "lat", "lon", "station_id" (a bike-share station's, else null)}), "trip_id", "route_id", "route_short_name",
// "route_long_name", "route_type", "headsign",
// "agency", "stops" (null for walks), realtime: "status" ("scheduled" without realtime data, "on_time",
// "delayed", "early", "cancelled"), "departure_delay_s", "arrival_delay_s", "scheduled_departure",
// "scheduled_arrival" (all null for walks)}], "fares": [{"system" ("v1"/"v2"), "rider_category", "fare_media"
// (null when none), "amount" ("2.10"), "currency"}] (route_request::fares; [] otherwise)}]}. Times formatted with routing::local_iso on the journey's day.
json to_json(network::network const& n, std::vector<routing::journey> const& journeys);
// The defaults of routing::route_request as the edges spell them (Python signature defaults, C init).
json route_defaults();
// The defaults of routing::matrix_request (routing/matrix.h) as the edges spell them.
json matrix_defaults();

// `isochrone` (routing/isochrone.h, src/edges/isochrone_json.cc): {"mode" (isochrone_result::mode_label()),
// "max_seconds", "nodes", "nodes_reached", "bands": [{"seconds", "nodes", "area_m2" (null without
// polygons)}]}, bands smallest first. The polygons are isochrone_result::to_geojson().
json to_json(routing::isochrone_result const& r);
// The defaults of routing::isochrone_request as the edges spell them.
json isochrone_defaults();
// `realtime info` (realtime/view.h, src/edges/realtime_json.cc): the apply_summary's counts by name,
// "cancelled" (["trip_id YYYY-MM-DD", ...]) and "report".
json to_json(realtime::apply_summary const& s);

// A bike-share system bound to a network (bikeshare/system.h, src/edges/bikeshare_json.cc): {"version",
// "system_id", "name", "timezone", "files", "stations", "vehicles", "points", "pick_up", "drop_off",
// "stations_no_status", "outside_network", "not_snapped", "pickup_seconds", "dropoff_seconds",
// "usable_stations": [{"station_id", "name", "lat", "lon", "capacity", "bikes_available", "docks_available",
// "pick_up", "drop_off"}], "report"}.
json to_json(bikeshare::system const& s);

}  // namespace kwartier::edges
