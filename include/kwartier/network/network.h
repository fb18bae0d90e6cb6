// The network dataset (.kwn): one mmap-able file holding the timetable of one or more GTFS feeds, the walk and
// bike street graphs built from OpenStreetMap, the links of stops to the streets and the footpaths between
// stops (walked on the streets up to a bound, merged with GTFS transfers.txt, which wins where present).
//
//   auto s = network::build({{"rnv.zip", ""}}, "rnv.osm.pbf", "rnv.kwn");   // slow, once
//   auto net = network::network::open("rnv.kwn");                            // milliseconds
//   street::query_state qs;                                                  // one per thread
//   net->travel_times({49.41, 8.69}, street::mode::walk, 900.0, qs);         // qs.times(): per street node
//
// Thread rules: build is a pure function of its inputs. A network is an immutable value handle (copies
// share the mapping) and may be used from any number of threads; each thread brings its own query_state
// (the overloads without one use a thread-local state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/street/graph.h"
#include "kwartier/street/osm.h"
#include "kwartier/street/query.h"
#include "kwartier/transit/gtfs.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::network {

struct build_options {
  street::profile_options profile;  // walk 1.3 m/s, bike 4.5 m/s
  std::size_t min_component_nodes = 0;  // see street::osm_options (0: only the largest component per mode)
  double max_link_m = 100.0;        // a stop farther than this from a walkable street stays unlinked
  double footpath_max_m = 500.0;    // computed footpaths: at most this far on foot (links included)
  transit::load_options gtfs;
  // Progress (stage, fraction 0..1), called from the building thread. May be empty.
  std::function<void(std::string_view, double)> progress;
};

// Where a stop meets the street graph (section NSl_). chain == street::kNoEdge: not linked.
struct stop_link {
  std::uint32_t chain;
  float offset_m;  // along the chain from its `from` node
  float dist_m;    // straight line from the stop to the street
  std::uint32_t reserved;
};
static_assert(sizeof(stop_link) == 16);

enum class footpath_source : std::uint8_t { walked = 0, gtfs = 1 };

// A footpath from one stop to another (or to itself: a minimum change time from transfers.txt).
struct footpath {
  std::uint32_t to;          // transit::stop_idx_t
  std::int32_t seconds;
  footpath_source source;
  std::uint8_t pad_[3] = {0, 0, 0};
};
static_assert(sizeof(footpath) == 12);

// What build linked and computed (section NMta; shown by `kwartier network info`).
struct network_meta {
  double max_link_m = 0.0;
  double footpath_max_m = 0.0;
  std::uint64_t has_timetable = 0;
  std::uint64_t stops = 0;
  std::uint64_t stops_linked = 0;
  std::uint64_t stops_unlinked = 0;
  std::uint64_t stops_near_street = 0;   // within max_link_m of any highway=* way, usable or not
  std::uint64_t footpaths = 0;           // total stored
  std::uint64_t footpaths_walked = 0;    // computed on the streets
  std::uint64_t footpaths_from_gtfs = 0; // taken from transfers.txt
  std::uint64_t transfers_forbidden = 0; // transfer_type 3 pairs removed
};

struct build_summary {
  street::graph_stats street;
  network_meta meta;
  std::uint64_t file_bytes = 0;
  validation_report report;  // GTFS problems, OSM warnings, dropped components, unlinked stops
};

// Builds and writes the .kwn file. `feeds` may be empty (a streets-only network). Errors: those of the GTFS
// loader (a feed that cannot be opened), of street::build_graph (missing/unreadable/empty OSM), io_error when
// the output cannot be written.
result<build_summary> build(std::vector<transit::feed_input> const& feeds, std::filesystem::path const& osm,
                            std::filesystem::path const& out, build_options const& opt = {});

// The dataset kind of .kwn files (four-cc "KWNW"; the schema embeds the timetable's and the street graph's).
dataset_kind network_kind();

constexpr double kDefaultMaxSnapM = 200.0;

class network {
 public:
  network() = default;
  // Maps and validates (header, checksum, every index and offset): corrupt_dataset / incompatible_dataset.
  static result<network> open(std::filesystem::path const& path, open_options const& opt = {});
  static result<network> from_bytes(std::string_view bytes, open_options const& opt = {});

  street::graph_view const& graph() const;
  bool has_timetable() const;
  transit::timetable_view const& timetable() const;  // empty (no stops) when built without GTFS
  network_meta const& meta() const;
  std::size_t n_stops() const;
  std::span<stop_link const> stop_links() const;
  std::span<footpath const> footpaths(transit::stop_idx_t from) const;
  street::snapper const& snapper() const;
  std::size_t size_bytes() const;

  // One-to-all: times from `from` to every street node in qs.times() (deciseconds, street::kUnreached past
  // the budget). Errors: too_far (no street of that mode within max_snap_m), out_of_range, invalid_argument.
  status travel_times(geo::latlng from, street::mode m, double max_seconds, street::query_state& qs,
                      double max_snap_m = kDefaultMaxSnapM) const;
  // The same as seconds per street node (infinity where not reached), with a thread-local query state.
  result<std::vector<float>> node_seconds(geo::latlng from, street::mode m, double max_seconds,
                                          double max_snap_m = kDefaultMaxSnapM) const;
  // One-to-many: seconds from `from` to each target coordinate (each snapped with max_snap_m; infinity when
  // not reached within the budget or when the target is too far from any street).
  result<std::vector<float>> seconds_to(geo::latlng from, std::span<geo::latlng const> targets, street::mode m,
                                        double max_seconds, double max_snap_m = kDefaultMaxSnapM) const;

 private:
  friend struct network_access;
  struct impl;
  std::shared_ptr<impl const> impl_;
};

}  // namespace kwartier::network
