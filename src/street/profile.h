// Walk and bike access rules from OSM way tags (internal). See kwartier/street/osm.h for the summary.
#pragma once

#include <cstring>
#include <optional>
#include <string_view>

#include "kwartier/street/osm.h"

namespace kwartier::street {

struct way_access {
  bool walk_fwd = false, walk_bwd = false, bike_fwd = false, bike_bwd = false;
  bool bike_dismount = false;  // bicycle=dismount: pushing the bike, walking speed
  std::uint8_t flags = 0;      // edge_flag bits of the way (steps, wheelchair=no, kerb=raised, unknown)
  bool crossing = false;       // footway|path|cycleway=crossing: kerb nodes at its ends count for it
};

namespace profile_detail {
inline bool is_any(std::string_view v, std::initializer_list<std::string_view> set) {
  for (auto s : set)
    if (v == s) return true;
  return false;
}
enum class rule { none, yes, no };
// edge_flag bits from a kerb=* value (on a way or a node).
inline std::uint8_t kerb_flags(char const* v) {
  if (v == nullptr) return 0;
  std::string_view const s{v};
  if (s == "raised") return kKerbRaised;
  if (is_any(s, {"flush", "lowered", "no", "none"})) return 0;
  return kAccessUnknown;  // yes, rolled, unknown, ...
}
// edge_flag bits from wheelchair=* (on a way or a barrier node).
inline std::uint8_t wheelchair_flags(char const* v) {
  if (v == nullptr) return 0;
  std::string_view const s{v};
  if (s == "no") return kWheelchairNo;
  if (s == "limited") return kAccessUnknown;
  return 0;
}
inline rule access_value(char const* v) {
  if (v == nullptr) return rule::none;
  std::string_view const s{v};
  if (is_any(s, {"yes", "designated", "permissive", "destination", "official", "customers"})) return rule::yes;
  if (is_any(s, {"no", "private", "agricultural", "forestry", "delivery", "use_sidepath", "discouraged_no"}))
    return rule::no;
  return rule::none;
}
// oneway-like value: +1 forward only, -1 backward only, 0 both ways, 2 not given.
inline int oneway_value(char const* v) {
  if (v == nullptr) return 2;
  std::string_view const s{v};
  if (is_any(s, {"yes", "1", "true"})) return 1;
  if (is_any(s, {"-1", "reverse"})) return -1;
  if (is_any(s, {"no", "0", "false"})) return 0;
  return 2;
}
}  // namespace profile_detail

// `tag(key)` returns the value or nullptr. nullopt: neither mode may use the way.
template <class TagFn>
std::optional<way_access> evaluate_way(TagFn&& tag, profile_options const&) {
  using namespace profile_detail;
  char const* hw_c = tag("highway");
  if (hw_c == nullptr) return std::nullopt;
  std::string_view const hw{hw_c};
  bool walk = false, bike = false;
  if (is_any(hw, {"motorway", "motorway_link"})) {
    walk = false, bike = false;
  } else if (is_any(hw, {"trunk", "trunk_link"})) {
    walk = true, bike = false;
  } else if (is_any(hw, {"primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
                         "unclassified", "residential", "living_street", "service", "road", "track", "cycleway",
                         "path", "busway"})) {
    walk = true, bike = true;
  } else if (is_any(hw, {"footway", "pedestrian", "steps", "corridor", "platform", "bridleway", "elevator"})) {
    walk = true, bike = false;
  } else {
    return std::nullopt;  // construction, proposed, raceway, bus_guideway, abandoned, ...
  }
  // access=* then the mode's own tag (which wins).
  auto const access = access_value(tag("access"));
  if (access == rule::no) walk = bike = false;
  if (char const* ms = tag("motorroad"); ms != nullptr && std::string_view{ms} == "yes") walk = bike = false;
  auto const foot = access_value(tag("foot"));
  if (foot == rule::yes) walk = true;
  if (foot == rule::no) walk = false;
  bool dismount = false;
  char const* bicycle_c = tag("bicycle");
  auto const bicycle = access_value(bicycle_c);
  if (bicycle == rule::yes) bike = true;
  if (bicycle == rule::no) bike = false;
  if (bicycle_c != nullptr && std::string_view{bicycle_c} == "dismount") bike = true, dismount = true;
  if (hw == "steps" && bicycle != rule::yes) bike = false;
  if (!walk && !bike) return std::nullopt;

  way_access a;
  a.bike_dismount = dismount;
  // Step-free profile: steps (unless a wheelchair ramp is tagged), wheelchair=no|limited, kerb heights.
  char const* wc = tag("wheelchair");
  char const* ramp = tag("ramp:wheelchair");
  bool const ramp_ok = (wc != nullptr && is_any(wc, {"yes", "designated"})) ||
                       (ramp != nullptr && std::string_view{ramp} == "yes");
  if (hw == "steps" && !ramp_ok) a.flags |= kSteps;
  a.flags |= wheelchair_flags(wc);
  a.flags |= kerb_flags(tag("kerb"));
  for (char const* k : {"footway", "path", "cycleway"})
    if (char const* v = tag(k); v != nullptr && std::string_view{v} == "crossing") a.crossing = true;
  a.walk_fwd = a.walk_bwd = walk;
  if (auto const of = oneway_value(tag("oneway:foot")); walk && (of == 1 || of == -1)) {
    a.walk_fwd = of == 1;
    a.walk_bwd = of == -1;
  }
  a.bike_fwd = a.bike_bwd = bike;
  if (bike) {
    int ow = oneway_value(tag("oneway"));
    if (ow == 2) {
      char const* j = tag("junction");
      ow = (j != nullptr && is_any(j, {"roundabout", "circular"})) ? 1 : 0;
    }
    // Contraflow for cyclists.
    auto opposite = [](char const* v) { return v != nullptr && std::string_view{v}.starts_with("opposite"); };
    if (opposite(tag("cycleway")) || opposite(tag("cycleway:left")) || opposite(tag("cycleway:right")) ||
        opposite(tag("cycleway:both")))
      ow = 0;
    if (auto const ob = oneway_value(tag("oneway:bicycle")); ob != 2) ow = ob;
    if (ow == 1) a.bike_bwd = false;
    if (ow == -1) a.bike_fwd = false;
  }
  return a;
}

}  // namespace kwartier::street
