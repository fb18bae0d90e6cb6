// Fuzzes the search index loader: the input replaces side.kwd of a small valid index, which is then opened
// and queried (typo and prefix walks over a possibly damaged vocabulary). Must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "kwartier/search/search.h"

namespace {
std::filesystem::path base_index() {
  static std::filesystem::path const dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("kw_search_side_fuzz_" + std::to_string(::getpid()));
    kwartier::search::catalogue c;
    kwartier::search::parse_jsonl(
        "{\"id\":\"a\",\"lang\":\"nl\",\"title\":\"Identiteitskaart\",\"body\":\"kaart aanvragen\"}\n"
        "{\"id\":\"b\",\"lang\":\"fr\",\"title\":\"Passeport\",\"body\":\"demande de passeport\"}\n",
        "seed.jsonl", {}, c);
    kwartier::search::build_options bo;
    bo.compound_dictionaries.clear();
    (void)kwartier::search::build_index(c.procedures, d, bo);
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const dir = base_index();
  {
    std::ofstream out(dir / "side.kwd", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<char const*>(data), static_cast<std::streamsize>(size));
  }
  auto idx = kwartier::search::index::open(dir);
  if (idx) {
    kwartier::search::query_options o;
    o.langs = {"nl"};
    (void)idx->query("identiteitskart passep", o);
    (void)idx->query("kaart", o);
  }
  return 0;
}
