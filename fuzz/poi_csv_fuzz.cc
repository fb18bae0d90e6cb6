// Fuzzes the user POI readers on CSV input: every record either becomes a POI with an in-range coordinate and
// a category, or a warning; never a crash.
#include <cstdint>
#include <string_view>

#include "kwartier/poi/load.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  kwartier::validation_report rep;
  kwartier::poi::load_options o;
  auto s = kwartier::poi::load_csv(bytes, "fuzz.csv", o, rep);
  if (!s) return 0;
  if (s->records.empty() || s->names.size() != s->records.size()) __builtin_trap();
  for (auto const& r : s->records)
    if (!kwartier::geo::valid({r.lat, r.lon}) || r.category >= s->categories.size()) __builtin_trap();
  // The same bytes with a fixed category list: unknown categories are warnings, never errors of their own.
  o.categories = {{"pharmacy", 1.0}, {"park", 2.0}};
  kwartier::validation_report rep2;
  auto f = kwartier::poi::load_csv(bytes, "fuzz.csv", o, rep2);
  if (f && f->categories.size() != 2) __builtin_trap();
  return 0;
}
