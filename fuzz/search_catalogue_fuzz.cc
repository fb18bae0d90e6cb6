// Fuzzes the catalogue parsers: JSON lines and Markdown with YAML front matter (first byte picks the parser).
#include <cstddef>
#include <cstdint>
#include <string>

#include "kwartier/search/catalogue.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size == 0) return 0;
  std::string const s(reinterpret_cast<char const*>(data) + 1, size - 1);
  kwartier::search::catalogue c;
  if (data[0] & 1)
    kwartier::search::parse_markdown(s, "fuzz.md", "nl/belgium/fuzz.md", {}, c);
  else
    kwartier::search::parse_jsonl(s, "fuzz.jsonl", {}, c);
  for (auto const& p : c.procedures)
    if (p.id.empty() || p.title.empty()) __builtin_trap();  // required fields are never empty
  return 0;
}
