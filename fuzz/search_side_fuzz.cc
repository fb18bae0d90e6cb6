// Fuzzes the search index loader: the input replaces side.kwd of the current generation of a small valid
// index, which is then opened and queried (typo and prefix walks over a possibly damaged vocabulary).
// Must never crash or hang.
//
// So that mutations get past the integrity checks and reach the section parsing and the queries, the
// target fixes up what binds a side file to its generation before writing it: the META build id and the
// XFL and GFL lists of file checksums (Xapian files, translations.kwd) are copied from the real side file (when the input has those sections
// with the expected sizes), then the header checksum is recomputed. Seeds: fuzz/corpus/search_side/.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "kwartier/core/dataset.h"
#include "kwartier/search/search.h"

namespace {

struct base {
  std::filesystem::path dir, side;
  std::string meta, xfl, gfl;  // the real META, XFL and GFL section bytes
};

bool find_section(std::string const& img, std::uint32_t id, std::size_t& off, std::size_t& len) {
  kwartier::dataset_header h;
  if (img.size() < sizeof h) return false;
  std::memcpy(&h, img.data(), sizeof h);
  for (std::uint32_t i = 0; i < h.n_sections; ++i) {
    std::size_t const at = sizeof h + i * sizeof(kwartier::section_entry);
    if (at + sizeof(kwartier::section_entry) > img.size()) return false;
    kwartier::section_entry e;
    std::memcpy(&e, img.data() + at, sizeof e);
    if (e.id != id) continue;
    if (e.offset > img.size() || e.count > (img.size() - e.offset) / std::max<std::uint32_t>(1, e.elem_size))
      return false;
    off = e.offset;
    len = e.count * e.elem_size;
    return true;
  }
  return false;
}

base const& base_index() {
  static base const b = [] {
    base r;
    r.dir = std::filesystem::temp_directory_path() / ("kw_search_side_fuzz_" + std::to_string(::getpid()));
    kwartier::search::catalogue c;
    kwartier::search::parse_jsonl(
        "{\"id\":\"a\",\"lang\":\"nl\",\"title\":\"Identiteitskaart\",\"body\":\"kaart aanvragen\"}\n"
        "{\"id\":\"b\",\"lang\":\"fr\",\"title\":\"Passeport\",\"body\":\"demande de passeport\"}\n",
        "seed.jsonl", {}, c);
    kwartier::search::build_options bo;
    bo.compound_dictionaries.clear();
    bo.translation_dictionaries.clear();
    (void)kwartier::search::build_index(c.procedures, r.dir, bo);
    static std::filesystem::path const to_remove = r.dir;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(to_remove, ec);
    });
    for (auto const& e : std::filesystem::directory_iterator(r.dir))
      if (e.path().filename().string().rfind("gen-", 0) == 0) r.side = e.path() / "side.kwd";
    std::ifstream in(r.side, std::ios::binary);
    std::string img{std::istreambuf_iterator<char>(in), {}};
    std::size_t off = 0, len = 0;
    if (find_section(img, kwartier::fourcc("META"), off, len)) r.meta = img.substr(off, len);
    if (find_section(img, kwartier::fourcc("XFL_"), off, len)) r.xfl = img.substr(off, len);
    if (find_section(img, kwartier::fourcc("GFL_"), off, len)) r.gfl = img.substr(off, len);
    return r;
  }();
  return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  auto const& b = base_index();
  std::string img(reinterpret_cast<char const*>(data), size);
  if (img.size() >= sizeof(kwartier::dataset_header)) {
    std::size_t off = 0, len = 0;
    // the build id: first 8 bytes of META
    if (b.meta.size() >= 8 && find_section(img, kwartier::fourcc("META"), off, len) && len >= 8)
      std::memcpy(img.data() + off, b.meta.data(), 8);
    if (find_section(img, kwartier::fourcc("XFL_"), off, len) && len == b.xfl.size())
      std::memcpy(img.data() + off, b.xfl.data(), len);
    if (find_section(img, kwartier::fourcc("GFL_"), off, len) && len == b.gfl.size())
      std::memcpy(img.data() + off, b.gfl.data(), len);
    kwartier::dataset_header h;
    std::memcpy(&h, img.data(), sizeof h);
    h.checksum = kwartier::hash64(img.data() + sizeof h, img.size() - sizeof h);
    std::memcpy(img.data(), &h, sizeof h);
  }
  {
    std::ofstream out(b.side, std::ios::binary | std::ios::trunc);
    out.write(img.data(), static_cast<std::streamsize>(img.size()));
  }
  auto idx = kwartier::search::index::open(b.dir);
  if (idx) {
    kwartier::search::query_options o;
    o.langs = {"nl"};
    (void)idx->query("identiteitskart passep", o);
    (void)idx->query("kaart", o);
  }
  return 0;
}
