// Fuzzes the translation-table loader: the input replaces translations.kwd in the current generation of a
// small valid index, which is then opened and queried with words that reach the table. Must never crash or
// hang. Seeds: fuzz/corpus/search_translations/ (valid.kwd: the table of a one-document French index).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "kwartier/search/search.h"

namespace {
// the generation folder of the base index
std::filesystem::path base_index() {
  static std::filesystem::path const dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("kw_search_translations_fuzz_" + std::to_string(::getpid()));
    kwartier::search::catalogue c;
    kwartier::search::parse_jsonl(
        "{\"id\":\"a\",\"lang\":\"fr\",\"title\":\"Acte de naissance\",\"body\":\"naissance d'un enfant\"}\n",
        "seed.jsonl", {}, c);
    kwartier::search::build_options bo;
    bo.compound_dictionaries.clear();
    bo.translation_dictionaries.clear();
    (void)kwartier::search::build_index(c.procedures, d, bo);
    for (auto const& e : std::filesystem::directory_iterator(d))
      if (e.path().filename().string().rfind("gen-", 0) == 0) return e.path();
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const gen = base_index();
  {
    std::ofstream out(gen / "translations.kwd", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<char const*>(data), static_cast<std::streamsize>(size));
  }
  auto idx = kwartier::search::index::open(gen.parent_path());
  if (idx) {
    kwartier::search::query_options o;
    o.langs = {"pl", "fr"};
    o.explain = true;
    (void)idx->query("akt urodzenia", o);
    (void)idx->query("urodzenie", o);
  }
  return 0;
}
