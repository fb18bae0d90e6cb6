// Answers that differ by language community, over the sample catalogue (data/catalogue/communities/: the
// first year of secondary school in a French-speaking school (FR, EN) and in a Dutch-speaking school in
// Brussels (NL, FR, EN), one variant group; French- and Dutch-speaking childcare). The expected answers
// follow from the catalogue's community and variant_group fields.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "kwartier/search/search.h"

using namespace kwartier;
using namespace kwartier::search;
namespace fs = std::filesystem;

namespace {

search::index const& sample() {
  static search::index const idx = [] {
    auto cat = load_catalogue(fs::path(KW_SOURCE_DIR) / "data/catalogue");
    EXPECT_TRUE(cat);
    auto dir = fs::temp_directory_path() / ("kw_community_" + std::to_string(::getpid()));
    build_options bo;
    bo.translation_dictionaries.clear();  // communities only
    auto st = build_index(cat->procedures, dir, bo);
    EXPECT_TRUE(st) << st.error().to_string();
    auto idx = search::index::open(dir);
    EXPECT_TRUE(idx) << idx.error().to_string();
    return *idx;
  }();
  return idx;
}

results must(std::string_view q, query_options const& o) {
  auto r = sample().query(q, o);
  EXPECT_TRUE(r) << q << ": " << r.error().to_string();
  return r ? *r : results{};
}

constexpr char kSchool[] = "secondary-school-registration";

}  // namespace

TEST(search_community, catalogue_fields) {
  catalogue c;
  parse_jsonl(R"({"id":"a","lang":"fr","title":"A","body":"x","community":"FR","variant_group":"school"}
{"id":"b","lang":"nl","title":"B","body":"x","community":"flemish","variant_group":"school"}
)",
              "c.jsonl", {}, c);
  ASSERT_EQ(c.procedures.size(), 2u);
  EXPECT_EQ(c.procedures[0].community, "fr");  // lower-cased
  EXPECT_EQ(c.procedures[0].variant_group, "school");
  EXPECT_EQ(c.procedures[1].community, "");  // unknown value: a warning, the document is kept
  ASSERT_EQ(c.report.problems().size(), 1u);
  EXPECT_EQ(c.report.problems()[0].field, "community");
  EXPECT_EQ(c.report.problems()[0].line, 2u);
  EXPECT_EQ(c.report.problems()[0].severity, severity::warning);
  parse_markdown("---\ntitle: C\ncommunity: nl\nvariant_group: school\n---\nbody\n", "c.md", "nl/belgium/c.md", {}, c);
  ASSERT_EQ(c.procedures.size(), 3u);
  EXPECT_EQ(c.procedures[2].community, "nl");
  EXPECT_EQ(c.procedures[2].variant_group, "school");
}

TEST(search_community, french_speaker_gets_the_french_community_procedure) {
  auto r = must("inscription école secondaire", {.langs = {"fr"}});
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.community, "fr");
  EXPECT_EQ(r.hits[0].id, "kw-school-fwb-fr");
  EXPECT_EQ(r.hits[0].community, "fr");
  EXPECT_EQ(r.hits[0].variant_group, kSchool);
  for (auto const& h : r.hits) EXPECT_NE(h.community, "nl") << h.id;  // one variant per procedure
}

TEST(search_community, dutch_speaker_gets_the_dutch_community_procedure) {
  auto r = must("inschrijving secundaire school", {.langs = {"nl"}});
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.community, "nl");
  EXPECT_EQ(r.hits[0].id, "kw-school-vg-nl");
  for (auto const& h : r.hits) EXPECT_NE(h.community, "fr") << h.id;
  // asked in French words, still the Dutch community's procedure for a Dutch speaker, in Dutch
  auto fr_words = must("inscription école secondaire", {.langs = {"nl", "fr"}});
  ASSERT_FALSE(fr_words.hits.empty());
  EXPECT_EQ(fr_words.hits[0].id, "kw-school-vg-nl");
}

TEST(search_community, english_speaker_gets_both_labelled) {
  query_options o{.langs = {"en"}};
  o.explain = true;
  auto r = must("secondary school registration", o);
  EXPECT_EQ(r.community, "");
  ASSERT_GE(r.hits.size(), 2u);
  std::vector<std::string> communities;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(r.hits[i].variant_group, kSchool);
    EXPECT_EQ(r.hits[i].lang, "en");
    communities.push_back(r.hits[i].community);
  }
  std::sort(communities.begin(), communities.end());
  EXPECT_EQ(communities, (std::vector<std::string>{"fr", "nl"}));
  // a query that only one variant's words match still answers both
  auto one = must("formulaire unique", o);
  ASSERT_GE(one.hits.size(), 2u);
  EXPECT_EQ(one.hits[0].community, "fr");
  EXPECT_EQ(one.hits[1].community, "nl");
  EXPECT_EQ(one.hits[1].variant_group, kSchool);
  EXPECT_NE(one.hits[1].explanation.find("added because the user's community is not known"), std::string::npos)
      << one.hits[1].explanation;
}

TEST(search_community, explicit_community_answered_in_the_preferred_language) {
  query_options o{.langs = {"fr"}, .community = "nl"};
  o.explain = true;
  auto r = must("inscription école secondaire", o);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.community, "nl");
  EXPECT_EQ(r.hits[0].id, "kw-school-vg-fr");  // the Dutch-speaking schools' procedure, its French version
  EXPECT_EQ(r.hits[0].lang, "fr");
  // a French-community match is swapped for the Dutch community's variant, and says so
  auto s = must("formulaire unique", o);
  ASSERT_FALSE(s.hits.empty());
  EXPECT_EQ(s.hits[0].id, "kw-school-vg-fr");
  EXPECT_NE(s.hits[0].explanation.find("answered with the nl community's variant"), std::string::npos)
      << s.hits[0].explanation;
  // the same for childcare; other procedures are untouched
  auto c = must("crèche", {.langs = {"fr"}, .community = "nl"});
  ASSERT_FALSE(c.hits.empty());
  EXPECT_EQ(c.hits[0].id, "kw-childcare-vg-nl");
  auto id = must("carte d'identité", {.langs = {"fr"}, .community = "nl"});
  ASSERT_FALSE(id.hits.empty());
  EXPECT_EQ(id.hits[0].id, "kw-idcard-fr");
  auto bad = sample().query("crèche", {.langs = {"fr"}, .community = "flemish"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::invalid_argument);
  EXPECT_EQ(bad.error().field, "community");
}
