// Fuzzes the RFC 4180 CSV reader: encoding checks, quotes, line ends, header lookup.
#include <cstdint>
#include <string_view>

#include "kwartier/io/csv.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  auto r = kwartier::io::csv_reader::open(bytes, "fuzz.csv");
  if (!r) return 0;
  int const c = r->column("stop_id");
  std::size_t total = 0;
  std::uint32_t last_line = 0;
  while (r->next()) {
    if (r->line() < last_line) __builtin_trap();  // lines never go backwards
    last_line = r->line();
    for (std::size_t i = 0; i < r->n_fields(); ++i) total += r->field(static_cast<int>(i)).size();
    total += r->field(c).size();
  }
  if (total > 2 * size + 16) __builtin_trap();  // fields are never longer than the input
  return 0;
}
