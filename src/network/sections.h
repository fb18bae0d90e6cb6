// Section ids and schema of the .kwn network file (internal; shared by build.cc and network.cc).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "kwartier/core/dataset.h"
#include "kwartier/poi/poi.h"
#include "kwartier/street/ch.h"
#include "kwartier/street/graph.h"
#include "kwartier/transit/timetable.h"

namespace kwartier::network::detail {

constexpr std::uint32_t kMeta = fourcc("NMta");
constexpr std::uint32_t kStopLinks = fourcc("NSl_");
constexpr std::uint32_t kFootpathOffsets = fourcc("NFo_");
constexpr std::uint32_t kFootpaths = fourcc("NFp_");
constexpr std::uint32_t kOptionalGroups = fourcc("NOpt");  // optional_group rows; not part of the schema

// Optional group NSln: straight-line access (networks built without OSM), one straight_line_params record.
constexpr std::uint32_t kGroupStraightLine = fourcc("NSln");
constexpr std::uint32_t kStraightLineParams = fourcc("NSlp");
constexpr std::string_view kStraightLineSchema = "network.straight_line.v1:NSlp:f64x4(detour,walk,bike,reserved);";

// Optional group NPoi: POIs by category extracted from the OSM extract (poi::add_sections, sections NP..).
constexpr std::uint32_t kGroupPoi = fourcc("NPoi");

// Optional group GAcc: per-edge accessibility flags of the street graph (step-free profile).
constexpr std::uint32_t kGroupEdgeFlags = fourcc("GAcc");

// Optional group GCh_: the walk and bike contraction hierarchies (street/ch.h; routing::matrix).
constexpr std::uint32_t kGroupCh = fourcc("GCh_");

// The required sections. Never add an optional section here: that would change the ABI fingerprint and
// refuse every older file. Add an optional group (network.h) instead.
inline std::string const& schema() {
  static std::string const s = std::string(transit::kTimetableSchema) + std::string(street::kGraphSchema) +
                               "network.v1:NMta:meta(f64x2,u64x9);NSl_:u32,f32,f32,u32;NFo_:u32;NFp_:u32,i32,u8,pad3;";
  return s;
}

// Optional groups this build reads and writes (network.h): one row per group, appended as groups are added.
struct group_def {
  std::uint32_t id;
  std::string_view schema;
};
inline constexpr std::array<group_def, 4> kKnownGroups{{{kGroupStraightLine, kStraightLineSchema},
                                                        {kGroupPoi, poi::kPoiSchema},
                                                        {kGroupEdgeFlags, street::kEdgeFlagsSchema},
                                                        {kGroupCh, street::kChSchema}}};
inline std::uint64_t group_hash(std::uint32_t id) {
  for (auto const& g : kKnownGroups)
    if (g.id == id) return hash64(g.schema.data(), g.schema.size());
  return 0;
}
inline std::uint64_t group_hash(group_def const& g) { return hash64(g.schema.data(), g.schema.size()); }

}  // namespace kwartier::network::detail
