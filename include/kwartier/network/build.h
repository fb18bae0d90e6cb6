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
  // Island pruning (street::osm_options): per mode, keep the largest strongly connected component and every
  // other one of at least this many junctions; 0 keeps only the largest. Default 20, the knee of the data:
  // on RNV (car roads only, quarters cut off by foot=no roads) 20 links 2,024 of 2,057 stops (largest only:
  // 1,596; 50: 1,995; 10: 2,029 with 14 more islands for 5 more stops), on Atlanta every walk island is a
  // fragment of at most 19 junctions (68 islands, 198 nodes), on Beatty the one 10-junction island goes.
  // Smaller islands are driveways and car-park aisles that would trap a snapped coordinate. OTP, r5 and
  // GraphHopper prune islands the same way.
  std::size_t min_component_nodes = 20;
  double max_link_m = 100.0;        // a stop farther than this from a walkable street stays unlinked
  double footpath_max_m = 500.0;    // computed footpaths: at most this far on foot (links included)
  // Networks built without OSM (access_model::straight_line): walked distance = great-circle distance x
  // detour_factor. 1.3 is the middle of the pedestrian route-directness ratios measured in European and
  // North American cities (about 1.2 in dense grids to 1.4 and more in suburbs and around rail corridors).
  double detour_factor = 1.3;
  // Street networks: stops of one stop area (the same parent station, or the same stop_name) within this
  // great-circle distance of each other that the walkable streets do not connect within footpath_max_m get
  // a straight-line footpath (distance x detour_factor at walking speed, footpath_source::straight_line).
  // Platforms of one stop are walkable to each other in reality; where the extract misses the sidewalk or
  // the crossing (RNV: car roads only, foot=no main roads) this keeps the change possible. 0 turns it off.
  double stop_area_max_m = 200.0;
  transit::load_options gtfs;
  // Street networks: also build the walk and bike contraction hierarchies (optional group GCh_, for fast
  // walk / bike matrices). Off: smaller file, quicker build, matrices run one search per origin.
  bool contraction_hierarchy = true;
  // Progress (stage, fraction 0..1), called from the building thread. May be empty.
  std::function<void(std::string_view, double)> progress;
};

struct build_summary {
  street::graph_stats street;
  network_meta meta;
  std::uint64_t file_bytes = 0;
  std::uint64_t pois = 0;    // POI records extracted from the OSM extract (network::pois())
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
