// update_index: an updated index answers exactly like a fresh build of the resulting catalogue (the oracle),
// conflicting change sets are refused with the index unchanged, open handles keep their generation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "kwartier/search/search.h"
#include "support/inline_catalogue.h"

using namespace kwartier;
using namespace kwartier::search;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(std::string const& name) {
  auto p = fs::temp_directory_path() / ("kw_update_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

constexpr char kBase[] = R"({"id":"id-nl","lang":"nl","title":"Identiteitskaart","body":"Een identiteitskaart aanvragen bij de gemeente.","translation_key":"id"}
{"id":"id-fr","lang":"fr","title":"Carte d'identité","body":"Demander une carte d'identité à la commune.","translation_key":"id"}
{"id":"pass-fr","lang":"fr","title":"Passeport","body":"Demander un passeport à la commune."}
{"id":"park-fr","lang":"fr","title":"Carte de riverain","body":"Stationnement pour riverains du quartier."}
{"id":"addr-nl","lang":"nl","title":"Adreswijziging","body":"Uw nieuw adres aangeven bij de gemeente.","translation_key":"addr"}
{"id":"addr-en","lang":"en","title":"Change of address","body":"Report your new address to the municipality.","translation_key":"addr"}
)";
// The changes: passport removed, the parking card rewritten, a Dutch parking card and a French address
// page (joining the "addr" group) added.
constexpr char kReplace[] = R"({"id":"park-fr","lang":"fr","title":"Carte de stationnement riverain","body":"Une carte de stationnement pour les riverains et leurs visiteurs."}
)";
constexpr char kAdd[] = R"({"id":"park-nl","lang":"nl","title":"Bewonerskaart","body":"Parkeerkaart voor bewoners van de wijk."}
{"id":"addr-fr","lang":"fr","title":"Changement d'adresse","body":"Déclarer sa nouvelle adresse à la commune.","translation_key":"addr"}
)";
// = kBase without pass-fr, with kReplace and kAdd: what a fresh build of the result sees.
constexpr char kResult[] = R"({"id":"id-nl","lang":"nl","title":"Identiteitskaart","body":"Een identiteitskaart aanvragen bij de gemeente.","translation_key":"id"}
{"id":"id-fr","lang":"fr","title":"Carte d'identité","body":"Demander une carte d'identité à la commune.","translation_key":"id"}
{"id":"park-fr","lang":"fr","title":"Carte de stationnement riverain","body":"Une carte de stationnement pour les riverains et leurs visiteurs."}
{"id":"addr-nl","lang":"nl","title":"Adreswijziging","body":"Uw nieuw adres aangeven bij de gemeente.","translation_key":"addr"}
{"id":"addr-en","lang":"en","title":"Change of address","body":"Report your new address to the municipality.","translation_key":"addr"}
{"id":"park-nl","lang":"nl","title":"Bewonerskaart","body":"Parkeerkaart voor bewoners van de wijk."}
{"id":"addr-fr","lang":"fr","title":"Changement d'adresse","body":"Déclarer sa nouvelle adresse à la commune.","translation_key":"addr"}
)";

std::vector<procedure> docs(char const* jsonl) { return test_support::inline_catalogue(jsonl); }

build_options opts() {
  build_options bo;
  bo.compound_dictionaries.clear();
  return bo;
}

index_update the_changes() {
  index_update u;
  u.remove = {"pass-fr"};
  u.replace = docs(kReplace);
  u.add = docs(kAdd);
  return u;
}

std::vector<std::string> const kQueries = {"identiteitskaart", "passeport",  "riverain",   "stationnement visiteurs",
                                           "bewonerskaart",    "adres",      "commune",    "gemeente",
                                           "address",          "carte",      "parkeerkaart", "changement adresse"};

void expect_same_answers(search::index const& a, search::index const& b) {
  for (auto const& q : kQueries)
    for (auto const* l : {"fr", "nl", "en"}) {
      auto ra = a.query(q, {.langs = {l}}), rb = b.query(q, {.langs = {l}});
      ASSERT_TRUE(ra && rb) << q;
      ASSERT_EQ(ra->hits.size(), rb->hits.size()) << q << " " << l;
      EXPECT_EQ(ra->n_matches, rb->n_matches) << q;
      for (std::size_t k = 0; k < ra->hits.size(); ++k) {
        EXPECT_EQ(ra->hits[k].id, rb->hits[k].id) << q << " " << l << " #" << k;
        EXPECT_NEAR(ra->hits[k].score, rb->hits[k].score, 1e-6) << q << " " << l << " #" << k;
        auto oa = ra->hits[k].other_langs, ob = rb->hits[k].other_langs;
        std::sort(oa.begin(), oa.end());
        std::sort(ob.begin(), ob.end());
        EXPECT_EQ(oa, ob) << q;
      }
    }
}

}  // namespace

TEST(search_update, answers_like_a_fresh_build_of_the_result) {
  auto dir = temp_dir("oracle"), fresh = temp_dir("fresh");
  auto b = build_index(docs(kBase), dir, opts());
  ASSERT_TRUE(b);
  auto u = update_index(dir, the_changes(), opts());
  ASSERT_TRUE(u) << u.error().to_string();
  EXPECT_EQ(u->n_removed, 1u);
  EXPECT_EQ(u->n_replaced, 1u);
  EXPECT_EQ(u->n_added, 2u);
  EXPECT_EQ(u->n_documents, 7u);
  EXPECT_NE(u->build_id, b->build_id);
  EXPECT_EQ(u->n_generations_kept, 0u);
  auto f = build_index(docs(kResult), fresh, opts());
  ASSERT_TRUE(f);
  EXPECT_EQ(u->n_vocabulary, f->n_vocabulary);
  auto iu = search::index::open(dir), ifr = search::index::open(fresh);
  ASSERT_TRUE(iu) << iu.error().to_string();
  ASSERT_TRUE(ifr);
  EXPECT_EQ(iu->n_documents(), 7u);
  EXPECT_EQ(iu->build_id(), u->build_id);
  expect_same_answers(*iu, *ifr);
  // the removed passport is gone, the new pages answer
  auto p = iu->query("passeport", {.langs = {"fr"}});
  ASSERT_TRUE(p);
  for (auto const& h : p->hits) EXPECT_NE(h.id, "pass-fr");
  auto bw = iu->query("bewonerskaart", {.langs = {"nl"}});
  ASSERT_TRUE(bw && !bw->hits.empty());
  EXPECT_EQ(bw->hits[0].id, "park-nl");
  // grouping across old and new rows: the address procedure answered in French
  auto ad = iu->query("adreswijziging", {.langs = {"fr"}});
  ASSERT_TRUE(ad && !ad->hits.empty());
  EXPECT_EQ(ad->hits[0].id, "addr-fr");
  // a second update over tombstones: remove the added page again, re-add the passport
  index_update u2;
  u2.remove = {"park-nl"};
  u2.add = {docs(kBase)[2]};
  auto s2 = update_index(dir, u2, opts());
  ASSERT_TRUE(s2) << s2.error().to_string();
  EXPECT_EQ(s2->n_documents, 7u);
  auto i2 = search::index::open(dir);
  ASSERT_TRUE(i2);
  auto p2 = i2->query("passeport", {.langs = {"fr"}});
  ASSERT_TRUE(p2 && !p2->hits.empty());
  EXPECT_EQ(p2->hits[0].id, "pass-fr");
  fs::remove_all(dir);
  fs::remove_all(fresh);
}

TEST(search_update, conflicting_changes_are_refused_and_the_index_unchanged) {
  auto dir = temp_dir("refused");
  auto b = build_index(docs(kBase), dir, opts());
  ASSERT_TRUE(b);
  auto expect_refused = [&](index_update const& u, errc code, std::string const& says) {
    auto r = update_index(dir, u, opts());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, code) << r.error().to_string();
    EXPECT_NE(r.error().message.find(says), std::string::npos) << r.error().to_string();
    auto idx = search::index::open(dir);
    ASSERT_TRUE(idx) << idx.error().to_string();
    EXPECT_EQ(idx->build_id(), b->build_id);
    EXPECT_EQ(idx->n_documents(), 6u);
  };
  index_update dup;
  dup.add = {docs(kBase)[2]};  // pass-fr is already in the index
  expect_refused(dup, errc::invalid_argument, "already holds");
  index_update twice;
  twice.add = docs(kAdd);
  twice.add.push_back(docs(kAdd)[0]);
  expect_refused(twice, errc::invalid_argument, "twice");
  index_update missing;
  missing.remove = {"no-such-id"};
  expect_refused(missing, errc::not_found, "no-such-id");
  index_update missing_replace;
  missing_replace.replace = docs(kAdd);
  expect_refused(missing_replace, errc::not_found, "park-nl");
  index_update all;
  for (auto const& d : docs(kBase)) all.remove.push_back(d.id);
  expect_refused(all, errc::invalid_argument, "without documents");
  auto other_dicts = opts();
  other_dicts.compound_dictionaries = default_compound_dictionaries();
  auto r = update_index(dir, the_changes(), other_dicts);
  if (!default_compound_dictionaries().empty() && std::filesystem::exists(default_compound_dictionaries()[0])) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::invalid_argument);
  }
  auto const none = temp_dir("none");
  auto missing_index = update_index(none, the_changes(), opts());
  ASSERT_FALSE(missing_index);
  EXPECT_EQ(missing_index.error().code, errc::not_found);
  EXPECT_FALSE(fs::exists(none)) << "an update of a missing index creates nothing";
  // only the one generation is left: refused updates leave nothing behind
  std::size_t gens = 0;
  for (auto const& e : fs::directory_iterator(dir)) gens += e.path().filename().string().rfind("gen-", 0) == 0;
  EXPECT_EQ(gens, 1u);
  fs::remove_all(dir);
}

TEST(search_update, bad_documents_are_skipped_and_open_handles_keep_their_generation) {
  auto dir = temp_dir("open");
  ASSERT_TRUE(build_index(docs(kBase), dir, opts()));
  auto before = search::index::open(dir);
  ASSERT_TRUE(before);
  index_update u;
  u.add = docs(kAdd);
  auto bad = u.add[0];
  bad.id = "bad";
  bad.lang = std::string(300, 'x');
  u.add.push_back(bad);
  auto r = update_index(dir, u, opts());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->n_added, 2u);
  EXPECT_EQ(r->n_skipped, 1u);
  ASSERT_EQ(r->report.problems().size(), 1u);
  EXPECT_EQ(r->report.problems()[0].field, "lang");
  EXPECT_EQ(r->n_generations_kept, 1u);  // `before` holds the old generation
  auto bw_old = before->query("bewonerskaart", {.langs = {"nl"}});
  ASSERT_TRUE(bw_old);
  for (auto const& h : bw_old->hits) EXPECT_NE(h.id, "park-nl");
  auto after = search::index::open(dir);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->n_documents(), 8u);
  fs::remove_all(dir);
}
