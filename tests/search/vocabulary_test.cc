// The vocabulary counted while documents are analysed (document_analyzer::add_vocabulary, what build_index
// stores) against the oracle: the walk over the written Xapian database (read_vocabulary, what update_index
// stores). Same words in the same order, same document frequencies, same language masks, also when the
// analyser's memo is dropped between documents.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>

#include "kwartier/search/search.h"
#include "search/build_common.h"
#include "support/inline_catalogue.h"

using namespace kwartier;
using namespace kwartier::search;
namespace fs = std::filesystem;

namespace {

struct written {
  detail::side_data from_analysis, from_database;
};

// Writes `docs` into a new database (one analyser whose memo is dropped at `max_memo_words`) and reads both
// vocabularies.
written write(std::vector<procedure> const& docs, text::compound_dictionary const& dict, std::size_t max_memo_words) {
  auto const concepts = detail::concept_table::parse(detail::concept_table::builtin_text(), "builtin");
  EXPECT_TRUE(concepts);
  auto const path = fs::temp_directory_path() / ("kw_vocabulary_test_" + std::to_string(::getpid()));
  fs::remove_all(path);
  detail::document_analyzer an(dict, *concepts, max_memo_words);
  std::vector<detail::doc_rec> recs;
  {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
    for (auto const& d : docs) {
      Xapian::Document xd;
      auto const l = text::parse_lang(d.lang);
      an.analyze(d, l, xd);
      db.add_document(xd);
      recs.push_back({0, static_cast<std::uint8_t>(l), 0, {0, 0}});
    }
    db.commit();
  }
  written w;
  detail::vocabulary_counts counts;
  an.add_vocabulary(counts);
  detail::set_vocabulary(counts, dict, w.from_analysis);
  detail::read_vocabulary(path, recs, dict, w.from_database);
  fs::remove_all(path);
  return w;
}

void expect_same(written const& w) {
  auto const& a = w.from_analysis;
  auto const& b = w.from_database;
  ASSERT_EQ(a.vocab_words.size(), b.vocab_words.size());
  for (std::size_t i = 0; i < a.vocab_words.size(); ++i) {
    ASSERT_EQ(a.vocab_words[i], b.vocab_words[i]) << i;
    EXPECT_EQ(a.vocab_df[i], b.vocab_df[i]) << a.vocab_words[i];
    EXPECT_EQ(a.vocab_mask[i], b.vocab_mask[i]) << a.vocab_words[i];
  }
  ASSERT_EQ(a.compound_words.size(), b.compound_words.size());
  for (std::size_t i = 0; i < a.compound_words.size(); ++i) EXPECT_EQ(a.compound_words[i], b.compound_words[i]);
}

std::size_t find(detail::side_data const& s, std::string_view w) {
  for (std::size_t i = 0; i < s.vocab_words.size(); ++i)
    if (s.vocab_words[i] == w) return i;
  return s.vocab_words.size();
}

// Compound parts count as words of the document: "parkeerkaart" gives "parkeer" and "kaart"; a document with
// both "kaart" and "parkeerkaart" counts once for "kaart".
constexpr char kDocs[] = R"({"id":"1","lang":"nl","title":"Parkeerkaart","body":"Een kaart om te parkeren. Parkeerkaart voor bewoners."}
{"id":"2","lang":"nl","title":"Identiteitskaart","body":"Uw identiteitskaart aanvragen bij de gemeente."}
{"id":"3","lang":"fr","title":"Carte de stationnement","body":"La carte pour les riverains: parkeerkaart en néerlandais."}
{"id":"4","lang":"de","title":"Parkausweis","body":"Die Karte für Anwohner."}
{"id":"5","lang":"nl","title":"Bewonerskaart","body":"Kaart voor bewoners; zie ook de parkeerkaart."}
)";

}  // namespace

TEST(search_vocabulary, counted_at_analysis_equals_the_database_walk) {
  auto const dict = text::compound_dictionary::from_words({"parkeer", "kaart", "identiteit", "bewoner", "bewoners"});
  auto const docs = test_support::inline_catalogue(kDocs);
  for (std::size_t cap : {std::size_t{1} << 20, std::size_t{3}, std::size_t{1}}) {
    SCOPED_TRACE(cap);
    auto const w = write(docs, dict, cap);
    expect_same(w);
    // by hand: "kaart" is a word of 1 and 5 and a part of "parkeerkaart" (1, 5), "identiteitskaart" (2) and
    // "bewonerskaart" (5); French (3) does not split "parkeerkaart": documents 1, 2, 5 -> df 3, nl only
    auto const k = find(w.from_analysis, "kaart");
    ASSERT_LT(k, w.from_analysis.vocab_words.size());
    EXPECT_EQ(w.from_analysis.vocab_df[k], 3u);
    EXPECT_EQ(w.from_analysis.vocab_mask[k], text::bit(text::lang::nl));
    auto const p = find(w.from_analysis, "parkeer");
    ASSERT_LT(p, w.from_analysis.vocab_words.size());
    EXPECT_EQ(w.from_analysis.vocab_df[p], 2u);
    // "parkeerkaart" itself: 1 and 5 (nl) and 3 (fr)
    auto const pk = find(w.from_analysis, "parkeerkaart");
    ASSERT_LT(pk, w.from_analysis.vocab_words.size());
    EXPECT_EQ(w.from_analysis.vocab_df[pk], 3u);
    EXPECT_EQ(w.from_analysis.vocab_mask[pk], text::bit(text::lang::nl) | text::bit(text::lang::fr));
  }
}

TEST(search_vocabulary, real_catalogue_counted_at_analysis_equals_the_database_walk) {
  fs::path const file = fs::path(KW_SHARED_DATA_DIR) / "procedures-brussels-web/procedures.jsonl";
  if (!fs::exists(file)) GTEST_SKIP() << "no " << file;
  auto c = load_catalogue(file);
  ASSERT_TRUE(c) << c.error().to_string();
  text::compound_dictionary dict;
  for (auto const& p : default_compound_dictionaries())
    if (fs::exists(p)) {
      auto d = text::compound_dictionary::from_hunspell(p);
      ASSERT_TRUE(d);
      dict = dict.size() == 0 ? std::move(*d) : text::compound_dictionary::merge(dict, *d);
    }
  for (std::size_t cap : {std::size_t{1} << 20, std::size_t{500}}) {
    SCOPED_TRACE(cap);
    auto const w = write(c->procedures, dict, cap);
    EXPECT_GT(w.from_database.vocab_words.size(), 1000u);
    expect_same(w);
  }
}
