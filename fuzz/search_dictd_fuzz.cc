// Fuzzes the dictd (FreeDict) reader: the input is an index file, a NUL byte, then the data file; and the
// whole input as one article. Must never crash or hang; errors are invalid_format.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kwartier/text/text.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const in(reinterpret_cast<char const*>(data), size);
  auto const nul = in.find('\0');
  auto const index = in.substr(0, nul);
  auto const dict = nul == std::string_view::npos ? std::string_view() : in.substr(nul + 1);
  auto r = kwartier::text::parse_dictd(index, dict, "fuzz.index");
  if (r)
    for (auto const& e : *r) (void)kwartier::text::tokenize(e.headword, kwartier::text::lang::pl, 8);
  (void)kwartier::text::parse_dictd_article(in);
  return 0;
}
