// Building the network dataset (.kwn): the only header that sees the OSM and GTFS loaders. Readers include
// kwartier/network/network.h (the dataset view) and kwartier/routing/... (the queries).
//
//   auto s = network::build({{"rnv.zip", ""}}, "rnv.osm.pbf", "rnv.kwn");   // slow, once
//   auto net = network::network::open("rnv.kwn");                            // milliseconds
//
// Thread rules: build is a pure function of its inputs (the progress callback runs on the calling thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/network/network.h"
#include "kwartier/street/osm.h"
#include "kwartier/transit/gtfs.h"

namespace kwartier::network {

struct build_options {
  street::profile_options profile;  // walk 1.3 m/s, bike 4.5 m/s
  std::size_t min_component_nodes = 0;  // see street::osm_options (0: only the largest component per mode)
  double max_link_m = 100.0;        // a stop farther than this from a walkable street stays unlinked
  double footpath_max_m = 500.0;    // computed footpaths: at most this far on foot (links included)
  // Networks built without OSM (access_model::straight_line): walked distance = great-circle distance x
  // detour_factor. 1.3 is the middle of the pedestrian route-directness ratios measured in European and
  // North American cities (about 1.2 in dense grids to 1.4 and more in suburbs and around rail corridors).
  double detour_factor = 1.3;
  transit::load_options gtfs;
  // Progress (stage, fraction 0..1), called from the building thread. May be empty.
  std::function<void(std::string_view, double)> progress;
};

struct build_summary {
  street::graph_stats street;
  network_meta meta;
  std::uint64_t file_bytes = 0;
  validation_report report;  // GTFS problems, OSM warnings, dropped components, unlinked stops
};

// Builds and writes the .kwn file. `feeds` may be empty (a streets-only network); `osm` may be empty (a
// straight-line network from GTFS alone: no street graph, footpaths from great-circle distances x
// detour_factor up to footpath_max_m, merged with transfers.txt). Errors: invalid_argument when both are
// empty or an option is out of range; those of the GTFS loader (a feed that cannot be opened), of
// street::build_graph (missing/unreadable/empty OSM); io_error when the output cannot be written.
result<build_summary> build(std::vector<transit::feed_input> const& feeds, std::filesystem::path const& osm,
                            std::filesystem::path const& out, build_options const& opt = {});

}  // namespace kwartier::network
