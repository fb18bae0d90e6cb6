// The network dataset (.kwn), read side: one mmap-able file holding the timetable of one or more GTFS feeds,
// the walk and bike street graphs built from OpenStreetMap, the links of stops to the streets and the
// footpaths between stops (walked on the streets up to a bound, merged with GTFS transfers.txt, which wins
// where present). A pure view: building is network/build.h, queries live in routing/.
//
//   auto net = network::network::open("rnv.kwn");           // milliseconds (mmap + validation)
//   routing::query_state qs;                                // one per thread (kwartier/routing/street.h)
//   auto t = routing::street_from(*net, {49.41, 8.69}, {street::mode::walk, 900}, qs);
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
