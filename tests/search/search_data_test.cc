// Real catalogues in ../shared/data: counts from their SOURCE.md files.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

#include "kwartier/search/search.h"

using namespace kwartier;
using namespace kwartier::search;

TEST(search_data, catalogue_counts) {
  std::filesystem::path const d = KW_SHARED_DATA_DIR;
  auto bxl = load_catalogue(d / "procedures-brussels-web/procedures.jsonl");
  ASSERT_TRUE(bxl) << bxl.error().to_string();
  EXPECT_EQ(bxl->procedures.size(), 124u);  // SOURCE.md: 124 documents (fr 64, nl 49, en 11)
  EXPECT_EQ(bxl->n_skipped, 0u);
  std::size_t fr = 0;
  for (auto const& p : bxl->procedures) fr += p.lang == "fr";
  EXPECT_EQ(fr, 64u);
  auto md = load_catalogue(d / "procedures-tramitit/md");
  ASSERT_TRUE(md) << md.error().to_string();
  EXPECT_EQ(md->procedures.size(), 348u);  // SOURCE.md: 348 guides
  std::size_t be = 0;
  for (auto const& p : md->procedures) be += p.country == "belgium";
  EXPECT_EQ(be, 70u);  // belgium 70
  auto jl = load_catalogue(d / "procedures-tramitit/guides.jsonl");
  ASSERT_TRUE(jl);
  EXPECT_EQ(jl->procedures.size(), 348u);
}

// Both real catalogues indexed together: every title (and its first half, as typed so far) is answered
// without error. Regression: a five-word title with prefix completion crashed inside Xapian 1.4.22 when
// word variants were combined with OP_MAX.
TEST(search_data, every_title_answers) {
  std::filesystem::path const d = KW_SHARED_DATA_DIR;
  std::vector<std::filesystem::path> cats = {d / "procedures-brussels-web/procedures.jsonl",
                                             d / "procedures-tramitit/guides.jsonl"};
  auto cat = load_catalogues(cats, {"belgium"});
  ASSERT_TRUE(cat);
  ASSERT_EQ(cat->procedures.size(), 472u);
  auto const dir = std::filesystem::temp_directory_path() / ("kw_search_data_" + std::to_string(::getpid()));
  auto st = build_index(cat->procedures, dir);
  ASSERT_TRUE(st) << st.error().to_string();
  auto idx = index::open(dir);
  ASSERT_TRUE(idx);
  auto r = idx->query("Sociale Huisvesting in Nederland: Registratie en Procedure", {.langs = {"nl"}});
  ASSERT_TRUE(r);
  ASSERT_FALSE(r->hits.empty());
  EXPECT_EQ(r->hits[0].id, "tramitit:nl:belgium:aanvraag_sociale_woning");
  std::size_t top = 0;
  for (auto const& p : cat->procedures) {
    auto full = idx->query(p.title, {.langs = {p.lang}});
    ASSERT_TRUE(full) << p.title;
    ASSERT_FALSE(full->hits.empty()) << p.title;
    // the document itself (or another language version of its procedure) is the first answer
    top += full->hits[0].id == p.id || (!p.group_key.empty() && full->hits[0].group_key == p.group_key);
    auto half = idx->query(p.title.substr(0, p.title.size() / 2 + 1), {.langs = {p.lang}});
    if (!half) EXPECT_EQ(half.error().code, errc::invalid_argument) << p.title;  // e.g. cut inside a character
  }
  EXPECT_GT(top, 472u * 8 / 10);
  std::filesystem::remove_all(dir);
}
