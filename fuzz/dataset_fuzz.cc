// Fuzzes the generic dataset loader: header, section table, bounds, string tables.
#include <cstdint>
#include <string_view>

#include "kwartier/core/dataset.h"

namespace {
constexpr kwartier::dataset_kind kKind{kwartier::fourcc("FUZZ"), "fuzz v1: A=u32[], B=u64[], S=strings"};
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  for (bool verify : {true, false}) {
    auto f = kwartier::dataset_file::from_bytes(bytes, kKind, {.verify_checksum = verify});
    if (!f) continue;
    if (auto a = f->section<std::uint32_t>(kwartier::fourcc("AAAA"))) {
      std::uint64_t sum = 0;
      for (auto x : *a) sum += x;
      (void)sum;
    }
    if (auto b = f->section<std::uint64_t>(kwartier::fourcc("BBBB"))) {
      std::uint64_t sum = 0;
      for (auto x : *b) sum += x;
      (void)sum;
    }
    if (auto s = f->strings(kwartier::fourcc("SOFF"), kwartier::fourcc("SCHR"))) {
      std::size_t total = 0;
      for (auto v : *s) total += v.size();
      (void)total;
    }
  }
  return 0;
}
