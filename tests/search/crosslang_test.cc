// Cross-language search through bilingual dictionaries (FreeDict, Debian dict-freedict-*), over the project's
// sample catalogue (data/catalogue: FR/NL/EN pages written for kwartier). Every query below is written in a
// language no document is written in, with words that are not in the concept table (src/search/concepts.tsv),
// so only the dictionaries can answer; the expected procedure follows from the sample's text (worked out by
// reading it, e.g. the identity-card page says "if the card is lost or stolen, report it to the police").
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "kwartier/search/search.h"

using namespace kwartier;
using namespace kwartier::search;
namespace fs = std::filesystem;

namespace {

struct built {
  fs::path dir;
  search::index idx;
  build_stats stats;
};

built const& sample() {
  static built const b = [] {
    auto cat = load_catalogue(fs::path(KW_SOURCE_DIR) / "data/catalogue");
    EXPECT_TRUE(cat);
    auto dir = fs::temp_directory_path() / ("kw_crosslang_" + std::to_string(::getpid()));
    auto st = build_index(cat->procedures, dir);
    EXPECT_TRUE(st) << st.error().to_string();
    auto idx = search::index::open(dir);
    EXPECT_TRUE(idx) << idx.error().to_string();
    return built{dir, *idx, *st};
  }();
  return b;
}

bool dictionaries_installed() { return fs::exists("/usr/share/dictd/freedict-pol-fra.index"); }

struct case_ {
  char const* query;
  char const* lang;
  char const* group;        // expected procedure (translation_key of the sample)
  char const* explanation;  // a translation the explanation must name
};

}  // namespace

TEST(search_crosslang, build_compiles_the_dictionaries) {
  if (!dictionaries_installed()) GTEST_SKIP() << "dict-freedict-* not installed (scripts/install-deps)";
  auto const& st = sample().stats;
  EXPECT_GE(st.n_translation_dictionaries, 10u);  // every profile dictionary into fr, nl or en
  EXPECT_GT(st.n_translation_entries, 1000u);
  EXPECT_GT(st.translation_bytes, 0u);
}

// One query per new language; the answer is given in French (the second preferred language).
TEST(search_crosslang, dictionary_translation_per_language) {
  if (!dictionaries_installed()) GTEST_SKIP() << "dict-freedict-* not installed (scripts/install-deps)";
  case_ const cases[] = {
      // Polish "birth certificate": the phrase is a headword of pol-fra ("acte de naissance"); "akt" alone
      // would also match the marriage guide, which asks for an "acte de naissance" among its documents
      {"akt urodzenia", "pl", "birth", "translated pl->fr: akt urodzenia -> acte de naissance"},
      // Spanish "lost police", Italian "theft police", Portuguese "theft police": the identity-card page
      // (the change-of-address page names the police but not loss or theft)
      {"perdido policía", "es", "idcard", "translated es->en: perdido -> lost"},
      {"furto polizia", "it", "idcard", "translated it->en: polizia -> police"},
      {"roubo polícia", "pt", "idcard", "translated pt->fr: roubo -> vol"},
      // Arabic (right to left) "lost" "the police"
      {"مفقود الشرطة", "ar", "idcard", "translated ar->en: مفقود -> lost"},
      // Turkish "police photograph": the identity-card page names the police and a photo, the
      // change-of-address page only the police
      {"polis fotoğraf", "tr", "idcard", "translated tr->en: polis -> police"},
  };
  for (auto const& c : cases) {
    query_options o{.langs = {c.lang, "fr"}};
    o.explain = true;
    auto r = sample().idx.query(c.query, o);
    ASSERT_TRUE(r) << c.query << ": " << r.error().to_string();
    ASSERT_FALSE(r->hits.empty()) << c.query;
    EXPECT_EQ(r->hits[0].group_key, c.group) << c.query << " -> " << r->hits[0].id;
    EXPECT_EQ(r->hits[0].lang, "fr") << c.query;
    std::string all;
    for (auto const& h : r->hits) all += h.explanation + "\n";
    EXPECT_NE(all.find(c.explanation), std::string::npos) << c.query << "\n" << all;
  }
}

TEST(search_crosslang, translations_weigh_less_than_direct_matches_and_can_be_switched_off) {
  if (!dictionaries_installed()) GTEST_SKIP() << "dict-freedict-* not installed (scripts/install-deps)";
  auto const& idx = sample().idx;
  query_options o{.langs = {"pl", "fr"}};
  o.explain = true;
  auto on = idx.query("akt urodzenia", o);
  ASSERT_TRUE(on);
  ASSERT_GE(on->hits.size(), 2u);
  EXPECT_EQ(on->hits[0].group_key, "birth");
  // the marriage guide (it asks for an "acte de naissance" too) is well behind
  for (std::size_t i = 1; i < on->hits.size(); ++i) EXPECT_LT(on->hits[i].score * 2, on->hits[0].score);
  // switched off, only the chance spelling "akt" (Dutch "akte" has the stem "akt") is left
  o.translations = false;
  auto off = idx.query("akt urodzenia", o);
  ASSERT_TRUE(off);
  for (auto const& h : off->hits) EXPECT_EQ(h.explanation.find("translated"), std::string::npos) << h.explanation;
  // the same words in French match directly: a French query scores above the Polish one on the same page
  auto fr = idx.query("acte de naissance", {.langs = {"fr"}});
  ASSERT_TRUE(fr);
  ASSERT_FALSE(fr->hits.empty());
  EXPECT_EQ(fr->hits[0].id, "kw-birth-fr");
  EXPECT_GT(fr->hits[0].score, on->hits[0].score);
}
