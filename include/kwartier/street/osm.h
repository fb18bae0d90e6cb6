// Building walk and bike graphs from OpenStreetMap (.osm.pbf or .osm XML, optionally .gz/.bz2; sorted or
// not) with libosmium. Node locations are kept in a libosmium flex_mem location index (sparse for small
// extracts, dense blocks for big ones), never in arrays indexed by raw OSM id.
//
// Profiles (what a pedestrian or cyclist in a European city may use):
// - walk: every highway=* except motorway(_link) and non-roads (construction, proposed, raceway, ...);
//   steps, footways, paths, pedestrian streets and area=yes squares (their outline) included; foot=no and
//   access=no/private (without foot=yes/designated/permissive) exclude; oneway is ignored on foot.
// - bike: roads, cycleways, tracks, paths, living streets; footways, pedestrian streets, bridleways,
//   motorways and trunk roads only when bicycle=yes/designated/permissive; never steps unless tagged;
//   bicycle=no and access=no/private exclude; bicycle=dismount at walking speed. oneway=yes/1/true/-1 and
//   junction=roundabout restrict direction unless oneway:bicycle=no or cycleway(:left|:right)=opposite*.
// Edge length is the haversine length of the way geometry; weight = length / speed in deciseconds.
//
// Thread rules: build_graph is a pure function of its inputs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/segment_index.h"
#include "kwartier/street/graph.h"

namespace kwartier::street {

struct profile_options {
  double walk_speed_mps = 1.3;
  double bike_speed_mps = 4.5;
};

struct osm_options {
  profile_options profile;
  bool keep_largest_component = true;  // per mode; false keeps every node (tests)
  // Also keep strongly connected components of at least this many nodes (0: only the largest). Extracts
  // without sidewalks or footways (car-road-only filters) cut whole quarters off at roads tagged foot=no;
  // GraphHopper (min_network_size) and OTP (island pruning) keep such sub-networks above a size.
  std::size_t min_component_nodes = 0;
  // When set, receives every segment of every highway=* way, usable or not (data coverage checks).
  std::vector<geo::segment>* all_highway_segments = nullptr;
  // Progress callback (stage name, fraction 0..1), called from the building thread. May be empty.
  std::function<void(std::string_view, double)> progress;
};

// An OSM input: a file, or bytes in memory with a libosmium format name ("osm", "pbf", "opl").
struct osm_source {
  std::filesystem::path path;
  std::string_view bytes;  // used when path is empty
  std::string format;      // empty: from the file name, else sniffed from the content
};

// Reads the extract and builds the graph. Errors: not_found / io_error for the file, invalid_format for a
// file libosmium cannot parse (non-OSM, truncated .pbf) or an extract without any usable street. Problems the
// build keeps going past (ways naming missing nodes, coordinates out of range, tiny components) go to
// `report` as warnings with the OSM id in the message.
result<graph> build_graph(osm_source const& src, osm_options const& opt, validation_report& report);

// A graph without streets (networks built from GTFS alone): no node, edge or chain; the stats carry the
// profile's speeds. Errors: invalid_argument for speeds that are not positive.
result<graph> empty_graph(profile_options const& profile);

}  // namespace kwartier::street
