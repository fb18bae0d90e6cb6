// Real catalogues in ../shared/data: counts from their SOURCE.md files.
#include <gtest/gtest.h>

#include <filesystem>

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
