// Fuzzes the user POI and point readers on GeoJSON input (nlohmann-json): features with every kind of
// geometry, properties and damage become POIs with in-range coordinates or warnings; never a crash.
#include <cstdint>
#include <string_view>

#include "kwartier/poi/load.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  kwartier::validation_report rep;
  auto s = kwartier::poi::load_geojson(bytes, "fuzz.geojson", {}, rep);
  if (s) {
    if (s->records.empty() || s->names.size() != s->records.size()) __builtin_trap();
    for (auto const& r : s->records)
      if (!kwartier::geo::valid({r.lat, r.lon}) || r.category >= s->categories.size()) __builtin_trap();
  }
  kwartier::poi::point_table_options o;
  o.columns = {"population"};
  o.required = {false};
  auto pts = kwartier::poi::read_points_geojson(bytes, "fuzz.geojson", o, rep);
  if (pts)
    for (auto const& p : *pts)
      if (!kwartier::geo::valid(p.pos) || p.values.size() != 1) __builtin_trap();
  return 0;
}
