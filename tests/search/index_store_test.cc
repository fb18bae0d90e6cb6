// Index folder integrity (index_store.h, side.h): generations swapped by a pointer, folders that are not an
// index left untouched, failed rebuilds that keep the old index serving, damaged or mismatched parts refused
// at open, an index rebuilt while open, bad documents reported without aborting the build.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "kwartier/core/dataset.h"
#include "kwartier/search/search.h"
#include "search/index_store.h"
#include "search/side.h"
#include "support/inline_catalogue.h"

using namespace kwartier;
using namespace kwartier::search;
namespace fs = std::filesystem;

namespace {

fs::path temp_dir(std::string const& name) {
  auto p = fs::temp_directory_path() / ("kw_index_store_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

// Two catalogues with the same number of documents and different answers: "identiteitskaart" finds the
// identity card in A and the residents' parking card in B (only B has a document with that title word).
constexpr char kA[] = R"({"id":"a1","lang":"nl","title":"Identiteitskaart","body":"Een identiteitskaart aanvragen.","country":"belgium"}
{"id":"a2","lang":"fr","title":"Passeport","body":"Demander un passeport.","country":"belgium"}
)";
constexpr char kB[] = R"({"id":"b1","lang":"fr","title":"Carte de riverain","body":"Stationnement pour riverains.","country":"belgium"}
{"id":"b2","lang":"nl","title":"Bewonerskaart identiteitskaart","body":"Parkeren voor bewoners, met identiteitskaart.","country":"belgium"}
)";

std::vector<procedure> docs(char const* jsonl) { return test_support::inline_catalogue(jsonl); }

build_options opts() {
  build_options bo;
  bo.compound_dictionaries.clear();
  return bo;
}

std::string first_id(search::index const& idx, std::string_view q) {
  auto r = idx.query(q, {.langs = {"nl"}});
  EXPECT_TRUE(r) << r.error().to_string();
  return r && !r->hits.empty() ? r->hits[0].id : std::string();
}

fs::path generation_of(fs::path const& dir) {
  for (auto const& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("gen-", 0) == 0) return e.path();
  return {};
}

std::size_t count_generations(fs::path const& dir) {
  std::size_t n = 0;
  for (auto const& e : fs::directory_iterator(dir)) n += e.path().filename().string().rfind("gen-", 0) == 0;
  return n;
}

void flip_bit(fs::path const& p, std::size_t offset, int bit) {
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  c = static_cast<char>(c ^ (1 << bit));
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(c);
}

}  // namespace

TEST(search_index_store, builds_a_generation_and_a_pointer) {
  auto dir = temp_dir("layout");
  auto st = build_index(docs(kA), dir, opts());
  ASSERT_TRUE(st) << st.error().to_string();
  EXPECT_NE(st->build_id, 0u);
  EXPECT_TRUE(fs::exists(dir / detail::kPointerName));
  auto gen = generation_of(dir);
  EXPECT_EQ(gen.filename().string(), detail::generation_name(st->build_id));
  EXPECT_TRUE(fs::exists(gen / "side.kwd"));
  EXPECT_TRUE(fs::is_directory(gen / "xapian"));
  auto idx = search::index::open(dir);
  ASSERT_TRUE(idx) << idx.error().to_string();
  EXPECT_EQ(idx->build_id(), st->build_id);
  EXPECT_EQ(idx->n_documents(), 2u);
  EXPECT_EQ(first_id(*idx, "identiteitskaart"), "a1");
  fs::remove_all(dir);
}

TEST(search_index_store, folder_that_is_not_an_index_is_left_untouched) {
  auto dir = temp_dir("stray");
  fs::create_directories(dir);
  std::ofstream(dir / "side.kwd").close();  // empty, like the finding
  std::ofstream(dir / "notes.txt") << "keep me";
  auto st = build_index(docs(kA), dir, opts());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::invalid_argument);
  EXPECT_TRUE(fs::exists(dir / "side.kwd"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
  // a regular file as the output is refused too
  auto file = temp_dir("file");
  std::ofstream(file) << "x";
  EXPECT_FALSE(build_index(docs(kA), file, opts()));
  EXPECT_TRUE(fs::is_regular_file(file));
  fs::remove_all(dir);
  fs::remove(file);
}

TEST(search_index_store, overwrite_off_refuses_an_existing_index) {
  auto dir = temp_dir("nooverwrite");
  ASSERT_TRUE(build_index(docs(kA), dir, opts()));
  auto bo = opts();
  bo.overwrite = false;
  auto st = build_index(docs(kB), dir, bo);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::invalid_argument);
  fs::remove_all(dir);
}

TEST(search_index_store, failed_rebuild_leaves_the_old_index_serving) {
  auto dir = temp_dir("failed");
  auto a = build_index(docs(kA), dir, opts());
  ASSERT_TRUE(a);
  // A bigger catalogue rebuilt under a file size limit (RLIMIT_FSIZE, like a full disk): writes fail with
  // EFBIG, the build returns an error in a child process; the old generation must still be the index.
  std::string big;
  for (int i = 0; i < 3000; ++i)
    big += R"({"id":"x)" + std::to_string(i) + R"(","lang":"fr","title":"Carte de riverain )" + std::to_string(i) +
           R"(","body":"Stationnement pour riverains, document )" + std::to_string(i * 7919) + R"(."})" + "\n";
  auto const big_docs = docs(big.c_str());
  pid_t const pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit rl{256 * 1024, 256 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &rl);
    auto st = build_index(big_docs, dir, opts());
    ::_exit(st ? 0 : 3);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 3) << "the rebuild should have failed under the file size limit";
  auto idx = search::index::open(dir);
  ASSERT_TRUE(idx) << idx.error().to_string();
  EXPECT_EQ(idx->build_id(), a->build_id);
  EXPECT_EQ(first_id(*idx, "identiteitskaart"), "a1");
  EXPECT_EQ(count_generations(dir), 1u) << "the failed generation is removed";
  fs::remove_all(dir);
}

TEST(search_index_store, bit_flipped_xapian_file_is_refused) {
  auto dir = temp_dir("bitflip");
  ASSERT_TRUE(build_index(docs(kA), dir, opts()));
  auto const termlist = generation_of(dir) / "xapian" / "termlist.glass";
  ASSERT_TRUE(fs::exists(termlist));
  flip_bit(termlist, fs::file_size(termlist) / 2, 3);
  auto idx = search::index::open(dir);
  ASSERT_FALSE(idx);
  EXPECT_EQ(idx.error().code, errc::corrupt_dataset);
  EXPECT_NE(idx.error().file.find("termlist.glass"), std::string::npos) << idx.error().to_string();
  // a missing and an extra Xapian file are refused as well
  auto dir2 = temp_dir("missingfile");
  ASSERT_TRUE(build_index(docs(kA), dir2, opts()));
  auto const x2 = generation_of(dir2) / "xapian";
  std::ofstream(x2 / "spelling.glass") << "extra";
  EXPECT_EQ(search::index::open(dir2).error().code, errc::corrupt_dataset);
  fs::remove(x2 / "spelling.glass");
  ASSERT_TRUE(search::index::open(dir2));
  fs::remove(x2 / "position.glass");
  EXPECT_EQ(search::index::open(dir2).error().code, errc::corrupt_dataset);
  fs::remove_all(dir);
  fs::remove_all(dir2);
}

TEST(search_index_store, parts_of_different_builds_are_refused) {
  auto da = temp_dir("mixa"), db = temp_dir("mixb");
  ASSERT_TRUE(build_index(docs(kA), da, opts()));
  ASSERT_TRUE(build_index(docs(kB), db, opts()));
  auto const ga = generation_of(da), gb = generation_of(db);
  // B's side file (same document count) inside A's generation
  auto mix1 = temp_dir("mix1");
  fs::copy(da, mix1, fs::copy_options::recursive);
  fs::copy_file(gb / "side.kwd", mix1 / ga.filename() / "side.kwd", fs::copy_options::overwrite_existing);
  auto r1 = search::index::open(mix1);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, errc::corrupt_dataset);
  // B's side file renamed to look like A's generation: the Xapian checksums still disagree
  auto mix2 = temp_dir("mix2");
  fs::copy(da, mix2, fs::copy_options::recursive);
  fs::remove_all(mix2 / ga.filename() / "xapian");
  fs::copy(gb / "xapian", mix2 / ga.filename() / "xapian", fs::copy_options::recursive);
  auto r2 = search::index::open(mix2);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, errc::corrupt_dataset);
  for (auto const& d : {da, db, mix1, mix2}) fs::remove_all(d);
}

TEST(search_index_store, translations_of_another_build_or_missing_are_refused) {
  // translations.kwd is compiled against its generation's vocabulary; the side file holds its size and xxh3
  // (GFL section), so a file of another build, a damaged one or none at all is refused at open, naming it.
  auto da = temp_dir("tra"), db = temp_dir("trb");
  ASSERT_TRUE(build_index(docs(kA), da, opts()));
  ASSERT_TRUE(build_index(docs(kB), db, opts()));
  auto const ta = generation_of(da) / "translations.kwd", tb = generation_of(db) / "translations.kwd";
  ASSERT_TRUE(fs::exists(ta));
  ASSERT_TRUE(search::index::open(da));
  auto read = [](fs::path const& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto const original = read(ta);
  if (read(tb) != original) {  // different vocabularies give different tables when dictionaries are installed
    fs::copy_file(tb, ta, fs::copy_options::overwrite_existing);
    auto r = search::index::open(da);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::corrupt_dataset);
    EXPECT_NE(r.error().to_string().find("translations.kwd"), std::string::npos) << r.error().to_string();
  }
  // the file's own header checksum fixed up after a change: still not the file this generation was built with
  {
    auto bytes = original;
    bytes.push_back('\0');
    dataset_header h;
    std::memcpy(&h, bytes.data(), sizeof h);
    h.checksum = hash64(bytes.data() + sizeof h, bytes.size() - sizeof h);
    std::memcpy(bytes.data(), &h, sizeof h);
    std::ofstream(ta, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto r2 = search::index::open(da);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, errc::corrupt_dataset);
  fs::remove(ta);
  auto r3 = search::index::open(da);
  ASSERT_FALSE(r3);
  EXPECT_EQ(r3.error().code, errc::corrupt_dataset);
  EXPECT_NE(r3.error().message.find("missing"), std::string::npos) << r3.error().to_string();
  // put back: the index opens again
  std::ofstream(ta, std::ios::binary).write(original.data(), static_cast<std::streamsize>(original.size()));
  EXPECT_TRUE(search::index::open(da));
  for (auto const& d : {da, db}) fs::remove_all(d);
}

TEST(search_index_store, side_file_with_invalid_utf8_is_refused) {
  auto dir = temp_dir("utf8");
  ASSERT_TRUE(build_index(docs(kA), dir, opts()));
  auto const side = generation_of(dir) / "side.kwd";
  // Overwrite the first title byte with 0xff and fix the header checksum, as a deliberate tamperer would.
  std::string bytes;
  {
    std::ifstream in(side, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // find the title text in the image
  auto const pos = bytes.find("Identiteitskaart");
  ASSERT_NE(pos, std::string::npos);
  bytes[pos] = '\xff';
  dataset_header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.checksum = hash64(bytes.data() + sizeof h, bytes.size() - sizeof h);
  std::memcpy(bytes.data(), &h, sizeof h);
  {
    std::ofstream out(side, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto idx = search::index::open(dir);
  ASSERT_FALSE(idx);
  EXPECT_EQ(idx.error().code, errc::corrupt_dataset);
  EXPECT_NE(idx.error().message.find("UTF-8"), std::string::npos) << idx.error().to_string();
  fs::remove_all(dir);
}

TEST(search_index_store, rebuilt_while_open) {
  auto dir = temp_dir("rebuild");
  auto a = build_index(docs(kA), dir, opts());
  ASSERT_TRUE(a);
  auto old_idx = search::index::open(dir);
  ASSERT_TRUE(old_idx);
  EXPECT_EQ(first_id(*old_idx, "identiteitskaart"), "a1");
  auto b = build_index(docs(kB), dir, opts());
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->n_generations_kept, 1u) << "the open index holds its generation";
  // the old handle answers from its own generation, also through searchers created after the rebuild
  EXPECT_EQ(old_idx->build_id(), a->build_id);
  EXPECT_EQ(first_id(*old_idx, "identiteitskaart"), "a1");
  auto s = searcher::create(*old_idx);
  ASSERT_TRUE(s);
  auto r = s->query("identiteitskaart", {.langs = {"nl"}});
  ASSERT_TRUE(r && !r->hits.empty());
  EXPECT_EQ(r->hits[0].id, "a1");
  // a new handle answers from the new generation
  auto new_idx = search::index::open(dir);
  ASSERT_TRUE(new_idx);
  EXPECT_EQ(new_idx->build_id(), b->build_id);
  EXPECT_EQ(first_id(*new_idx, "identiteitskaart"), "b2");
  EXPECT_EQ(count_generations(dir), 2u);
  // once the old handle (and its searcher) is gone, the next build removes its generation
  s = searcher::create(*new_idx);
  *old_idx = *new_idx;
  auto c = build_index(docs(kA), dir, opts());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->n_generations_kept, 1u) << "generation b is still open";
  EXPECT_EQ(count_generations(dir), 2u);
  EXPECT_FALSE(fs::exists(dir / detail::generation_name(a->build_id)));
  fs::remove_all(dir);
}

TEST(search_index_store, bad_documents_are_reported_and_the_rest_indexed) {
  auto dir = temp_dir("baddocs");
  auto d = docs(kA);
  procedure long_lang = d[0];
  long_lang.id = "long-lang";
  long_lang.lang = std::string(300, 'x');
  long_lang.source_file = "cat.jsonl";
  long_lang.source_line = 7;
  procedure long_country = d[1];
  long_country.id = "long-country";
  long_country.country = std::string(260, 'y');
  procedure dup = d[1];  // same id as a2
  procedure bad_utf8 = d[1];
  bad_utf8.id = "bad-utf8";
  bad_utf8.title = "caf\xc3";
  d.insert(d.begin() + 1, long_lang);
  d.push_back(long_country);
  d.push_back(dup);
  d.push_back(bad_utf8);
  auto st = build_index(d, dir, opts());
  ASSERT_TRUE(st) << st.error().to_string();
  EXPECT_EQ(st->n_documents, 2u);
  EXPECT_EQ(st->n_skipped, 4u);
  ASSERT_EQ(st->report.problems().size(), 4u);
  auto const& p0 = st->report.problems()[0];
  EXPECT_EQ(p0.code, "value_too_long");
  EXPECT_EQ(p0.field, "lang");
  EXPECT_EQ(p0.file, "cat.jsonl");
  EXPECT_EQ(p0.line, 7u);
  EXPECT_EQ(st->report.problems()[1].field, "country");
  EXPECT_EQ(st->report.problems()[2].code, "duplicate_id");
  EXPECT_EQ(st->report.problems()[3].code, "invalid_utf8");
  auto idx = search::index::open(dir);
  ASSERT_TRUE(idx);
  EXPECT_EQ(first_id(*idx, "passeport"), "a2");
  fs::remove_all(dir);
}

TEST(search_index_store, older_format_is_refused_not_misread) {
  auto dir = temp_dir("v1");
  fs::create_directories(dir / "xapian");
  std::ofstream(dir / "side.kwd") << "old";
  auto idx = search::index::open(dir);
  ASSERT_FALSE(idx);
  EXPECT_EQ(idx.error().code, errc::incompatible_dataset);
  auto st = build_index(docs(kA), dir, opts());
  ASSERT_FALSE(st);
  EXPECT_TRUE(fs::exists(dir / "side.kwd"));
  fs::remove_all(dir);
}

TEST(search_index_store, progress_reports_every_stage) {
  auto dir = temp_dir("progress");
  auto bo = opts();
  std::vector<std::pair<std::string, double>> calls;
  bo.progress = [&](std::string_view stage, double f) { calls.emplace_back(std::string(stage), f); };
  ASSERT_TRUE(build_index(docs(kA), dir, bo));
  ASSERT_FALSE(calls.empty());
  for (auto const* stage : {"index", "vocabulary", "write"}) {
    auto it = std::find_if(calls.rbegin(), calls.rend(), [&](auto const& c) { return c.first == stage; });
    ASSERT_NE(it, calls.rend()) << stage;
    EXPECT_DOUBLE_EQ(it->second, 1.0) << stage;
  }
  fs::remove_all(dir);
}

TEST(search_index_store, sharded_build_answers_like_one_writer) {
  // 7 documents written as shards of 2 (4 shards merged) and by one writer: same rows, same answers.
  std::string cat = std::string(kA) + kB +
                    R"({"id":"c1","lang":"fr","title":"Changement d'adresse","body":"Déclarer sa nouvelle adresse à la commune.","translation_key":"addr"}
{"id":"c2","lang":"nl","title":"Adreswijziging","body":"Uw nieuw adres aangeven bij de gemeente.","translation_key":"addr"}
{"id":"c3","lang":"en","title":"Change of address","body":"Report your new address to the municipality.","translation_key":"addr"}
)";
  auto const d = docs(cat.c_str());
  ASSERT_EQ(d.size(), 7u);
  auto one = temp_dir("one"), sharded = temp_dir("sharded");
  auto bo = opts();
  auto s1 = build_index(d, one, bo);
  bo.shard_documents = 2;
  std::vector<std::string> stages;
  bo.progress = [&](std::string_view stage, double) { stages.emplace_back(stage); };
  auto s2 = build_index(d, sharded, bo);
  ASSERT_TRUE(s1 && s2) << (s2 ? "" : s2.error().to_string());
  EXPECT_NE(std::find(stages.begin(), stages.end(), "merge + translations"), stages.end());
  EXPECT_EQ(s1->n_vocabulary, s2->n_vocabulary);
  // The sharded build's vocabulary (read from the merged shards): the same words, document frequencies and
  // language masks as the one writer's database; by hand: "identiteitskaart" is in a1 and
  // b2 (shards 0 and 1) -> df 2, mask nl; "commune" only in c1's body -> df 1, mask fr.
  {
    auto f1 = dataset_file::open(generation_of(one) / "side.kwd", detail::kSideKind);
    auto f2 = dataset_file::open(generation_of(sharded) / "side.kwd", detail::kSideKind);
    ASSERT_TRUE(f1 && f2);
    auto v1 = detail::side_view::open(*f1), v2 = detail::side_view::open(*f2);
    ASSERT_TRUE(v1 && v2);
    auto const& a = v1->vocab;
    auto const& b = v2->vocab;
    ASSERT_EQ(a.words.size(), b.words.size());
    for (std::size_t i = 0; i < a.words.size(); ++i) {
      EXPECT_EQ(a.words[i], b.words[i]) << i;
      EXPECT_EQ(a.df[i], b.df[i]) << a.words[i];
      EXPECT_EQ(a.lang_mask[i], b.lang_mask[i]) << a.words[i];
    }
    auto const k = b.find("identiteitskaart");
    ASSERT_GE(k, 0);
    EXPECT_EQ(b.df[static_cast<std::size_t>(k)], 2u);
    EXPECT_EQ(b.lang_mask[static_cast<std::size_t>(k)], text::bit(text::lang::nl));
    auto const c = b.find("commune");
    ASSERT_GE(c, 0);
    EXPECT_EQ(b.df[static_cast<std::size_t>(c)], 1u);
    EXPECT_EQ(b.lang_mask[static_cast<std::size_t>(c)], text::bit(text::lang::fr));
  }
  auto i1 = search::index::open(one), i2 = search::index::open(sharded);
  ASSERT_TRUE(i1 && i2);
  EXPECT_EQ(i2->n_documents(), 7u);
  EXPECT_FALSE(fs::exists(generation_of(sharded) / "shard-0"));
  // words, a phrase, a typo and an unfinished word (the last two walk the vocabulary)
  for (auto const* q : {"identiteitskaart", "passeport", "adres", "riverain", "address", "gemeente commune",
                        "identiteitskart", "adreswijz", "pasport"}) {
    auto r1 = i1->query(q, {.langs = {"fr"}, .explain = true}), r2 = i2->query(q, {.langs = {"fr"}, .explain = true});
    ASSERT_TRUE(r1 && r2) << q;
    ASSERT_EQ(r1->hits.size(), r2->hits.size()) << q;
    for (std::size_t k = 0; k < r1->hits.size(); ++k) {
      EXPECT_EQ(r1->hits[k].id, r2->hits[k].id) << q;
      EXPECT_NEAR(r1->hits[k].score, r2->hits[k].score, 1e-9) << q;
      EXPECT_EQ(r1->hits[k].other_langs, r2->hits[k].other_langs) << q;
      EXPECT_EQ(r1->hits[k].explanation, r2->hits[k].explanation) << q;
    }
  }
  fs::remove_all(one);
  fs::remove_all(sharded);
}
