// The network dataset (.kwn), read side: one mmap-able file holding the timetable of one or more GTFS feeds,
// the walk and bike street graphs built from OpenStreetMap, the links of stops to the streets and the
// footpaths between stops (walked on the streets up to a bound, merged with GTFS transfers.txt, which wins
// where present). A pure view: building is network/build.h, queries live in routing/.
//
//   auto net = network::network::open("rnv.kwn");           // milliseconds (mmap + validation)
//   routing::query_state qs;                                // one per thread (kwartier/routing/street.h)
//   auto t = routing::street_from(*net, {49.41, 8.69}, {street::mode::walk, 900}, qs);
//
// Replace a .kwn by rename only (`mv`, or network::build, which writes through core/output.h): the file is
// memory-mapped, so truncating or overwriting it in place (`cp` over it, `>`) kills every process that has
// it open with SIGBUS; a rename leaves open networks on the old file until they are closed.
//
// Sections. The required sections (timetable T…, streets G…, links and footpaths N…) are fixed by the
// dataset schema, whose hash is the file's ABI fingerprint. Everything added later (accessibility flags,
// contraction hierarchies, POIs, ...) is an *optional group*: a group has a four-cc id and its own schema
// string, and the file lists the groups it holds in section NOpt as {id, xxh3 of the group schema}. A
// group missing from NOpt reads as absent, so files written before the group existed still open; a group
// whose schema hash differs from this build's (another layout of that group) is ignored the same way and
// named by ignored_groups(). A group that is present is validated on open like the required sections.
//
// Thread rules: a network is an immutable value handle (copies share the mapping) and may be used from any
// number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/point_index.h"
#include "kwartier/poi/poi.h"
#include "kwartier/street/ch.h"
#include "kwartier/street/graph.h"
#include "kwartier/street/query.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::network {

// Where a stop meets the street graph (section NSl_). chain == street::kNoEdge: not linked.
struct stop_link {
  std::uint32_t chain;
  float offset_m;  // along the chain from its `from` node
  float dist_m;    // straight line from the stop to the street
  std::uint32_t reserved;
};
static_assert(sizeof(stop_link) == 16);

// walked: on the street graph; gtfs: from transfers.txt; straight_line: great-circle distance x detour factor
// at walking speed (every computed footpath of a straight-line network, and in street networks the stop-area
// fallback of build_options::stop_area_max_m).
enum class footpath_source : std::uint8_t { walked = 0, gtfs = 1, straight_line = 2 };

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
  std::uint64_t footpaths_walked = 0;    // computed: on the streets, or as straight lines (footpath_source)
  std::uint64_t footpaths_from_gtfs = 0; // taken from transfers.txt
  std::uint64_t transfers_forbidden = 0; // transfer_type 3 pairs removed
};

// How coordinates reach stops and stops reach each other on foot.
// - streets: built with OSM; access, egress and footpaths are walked on the street graph.
// - straight_line: built from GTFS alone (no street graph); access, egress and footpaths are great-circle
//   distances x detour_factor at the mode's speed (footpaths up to footpath_max_m of such walking, merged
//   with transfers.txt).
enum class access_model : std::uint8_t { streets = 0, straight_line = 1 };
constexpr std::string_view access_model_name(access_model m) {
  return m == access_model::streets ? "streets" : "straight_line";
}

// Parameters of a straight-line network (optional group NSln, section NSlp; absent in street networks).
struct straight_line_params {
  double detour_factor = 1.3;   // walked distance / great-circle distance
  double walk_speed_mps = 1.3;
  double bike_speed_mps = 4.5;
  double reserved = 0.0;
};
static_assert(sizeof(straight_line_params) == 32);

// Seconds to walk (or ride) a great-circle distance in a straight-line network: dist_m x detour at
// speed_mps, through the street unit conversion (street::travel_ds, then street::ds_to_seconds).
inline std::uint32_t straight_line_travel_ds(double dist_m, double detour, double speed_mps) {
  return street::travel_ds(dist_m * detour, speed_mps);
}
inline std::int32_t straight_line_seconds(double dist_m, double detour, double speed_mps) {
  return street::ds_to_seconds(straight_line_travel_ds(dist_m, detour, speed_mps));
}

// One row of the optional-group table (section NOpt).
struct optional_group {
  std::uint32_t id;           // four-cc of the group
  std::uint32_t reserved;     // 0
  std::uint64_t schema_hash;  // hash64 of the group's schema string
};
static_assert(sizeof(optional_group) == 16);

// The dataset kind of .kwn files (four-cc "KWNW"; the schema embeds the timetable's and the street graph's).
dataset_kind network_kind();

// Default distance within which a coordinate is snapped to a street.
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
  // Where stop `s` meets the walk graph (chain, offset, distance, snapped point); nullopt when the stop is
  // not linked or out of range.
  std::optional<street::snap_result> stop_snap(transit::stop_idx_t s) const;
  std::span<footpath const> footpaths(transit::stop_idx_t from) const;
  // Snaps coordinates to the streets (R-tree built on first use, thread-safe).
  street::snapper const& snapper() const;

  kwartier::network::access_model access_model() const;
  straight_line_params const& straight_line() const;  // meaningful for access_model::straight_line
  // Stops linked to street chain c (built on first use, thread-safe). Empty for an unknown chain.
  std::span<std::uint32_t const> stops_on_chain(street::chain_idx_t c) const;
  // Stops within radius_m (great circle) of p, appended to `out` sorted by stop (R-tree built on first use).
  void stops_within(geo::latlng p, double radius_m, std::vector<geo::point_hit>& out) const;
  // POIs by category extracted from OSM at build time (optional group NPoi; kwartier/poi/poi.h), or nullptr
  // when the file holds none (built without OSM, or by a version that did not extract POIs).
  poi::poi_view const* pois() const;
  // The contraction hierarchy of a mode (optional group GCh_, street/ch.h; routing::matrix), or nullptr when
  // the file holds none (built from GTFS alone, with build_options::contraction_hierarchy off, or by an older
  // version).
  street::ch_view const* contraction_hierarchy(street::mode m) const;

  // Optional groups held by the file (see the header comment), and those ignored for a schema mismatch.
  bool has_group(std::uint32_t id) const;
  std::span<optional_group const> groups() const;
  std::vector<std::uint32_t> const& ignored_groups() const;

  dataset_file const& file() const;
  std::size_t size_bytes() const;

 private:
  friend struct network_access;
  struct impl;
  std::shared_ptr<impl const> impl_;
};

}  // namespace kwartier::network
