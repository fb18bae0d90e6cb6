// build_index: catalogue documents -> a new generation of an index folder (index_store.h).
//
// Pipeline: documents are checked (a bad one is reported and skipped), analysed into Xapian documents by
// worker threads in batches while the calling thread adds the previous batch to the one Xapian writer, then
// the vocabulary (words, document frequencies, language masks) is read back from the finished database,
// the side file is written with the checksums of the Xapian files, and the index pointer is swapped.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "search/analysis.h"
#include "search/build_common.h"
#include "search/index_store.h"
#include "search/internal.h"
#include "search/translations.h"

namespace kwartier::search {
namespace detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Xapian terms are limited to 245 bytes; boolean filter terms longer than this mean a broken document.
constexpr std::size_t kMaxFilterValueBytes = 200;

}  // namespace

// ------------------------------------------------------------------------------------------- analyser
Xapian::Document analyser::analyse(procedure const& d) {
  auto const l = text::parse_lang(d.lang);
  Xapian::Document xd;
  doc_.analyze(d, l, xd);
  auto const country = lower(d.country), org = lower(d.organisation), level = lower(d.level);
  xd.add_boolean_term("XL" + d.lang);
  if (!country.empty()) xd.add_boolean_term("XC" + country);
  if (!org.empty()) xd.add_boolean_term("XO" + org.substr(0, kMaxFilterValueBytes));
  if (!level.empty()) xd.add_boolean_term("XV" + level.substr(0, kMaxFilterValueBytes));
  return xd;
}

// ------------------------------------------------------------------------------------------- checks
bool check_document(procedure const& d, std::unordered_set<std::string_view>& seen_ids, validation_report& report) {
  auto bad = [&](std::string code, std::string field, std::string msg) {
    report.add(severity::error, std::move(code), d.source_file, d.source_line, std::move(field),
               "document '" + d.id.substr(0, 80) + "' not indexed: " + msg);
    return false;
  };
  if (d.id.empty()) return bad("missing_id", "id", "empty id");
  std::string scratch;
  for (std::size_t c = 0; c < kNumDocColumns; ++c)
    if (!text::is_valid_utf8(doc_column_value(d, static_cast<doc_column>(c), scratch)))
      return bad("invalid_utf8", kDocColumns[c].name, "not valid UTF-8");
  if (!text::is_valid_utf8(d.summary)) return bad("invalid_utf8", "summary", "not valid UTF-8");
  if (!text::is_valid_utf8(d.group_key)) return bad("invalid_utf8", "translation_key", "not valid UTF-8");
  if (d.lang.size() > kMaxFilterValueBytes)
    return bad("value_too_long", "lang", "longer than " + std::to_string(kMaxFilterValueBytes) + " bytes");
  if (d.country.size() > kMaxFilterValueBytes)
    return bad("value_too_long", "country", "longer than " + std::to_string(kMaxFilterValueBytes) + " bytes");
  if (!seen_ids.insert(d.id).second) return bad("duplicate_id", "id", "the id is used by an earlier document");
  return true;
}

// ------------------------------------------------------------------------------------------- writer
// Documents per Xapian flush. Xapian keeps the changes since the last flush in ordered maps keyed by term;
// flushing every few hundred documents keeps them small and in cache. Measured on 20,000 synthetic
// documents (2 shards, CPU user + sys): 14.4 s with Xapian's default (10,000), 10.9 s at 1,000, 9.6 s at
// 300, 9.1 s at 100, 11.0 s at 30 (the flushes themselves start to dominate).
constexpr std::size_t kFlushEvery = 256;

status write_documents(Xapian::WritableDatabase& db, std::span<procedure const* const> docs,
                       std::span<Xapian::docid const> ids, build_env const& env, build_options const& opt,
                       vocabulary_counts* vocab) {
  // Worker threads analyse batch k + 1 while this thread adds batch k to the database (Xapian has one
  // writer), committing every kFlushEvery documents (the database is not published before it is complete).
  constexpr std::size_t kBatch = 512;
  unsigned const hw = std::max(1u, std::thread::hardware_concurrency());
  std::size_t const n_workers = opt.threads != 0 ? opt.threads : std::min<std::size_t>(hw, 8);
  std::vector<analyser> workers;
  for (std::size_t w = 0; w < std::max<std::size_t>(1, n_workers); ++w) workers.emplace_back(env.dict, env.concepts);
  auto analyse_batch = [&](std::size_t b, std::vector<Xapian::Document>& out) {
    auto const lo = b * kBatch, hi = std::min(docs.size(), lo + kBatch);
    out.assign(hi - lo, Xapian::Document());
    std::size_t const nw = workers.size();
    auto run = [&](std::size_t w) {
      for (std::size_t i = lo + w; i < hi; i += nw) out[i - lo] = workers[w].analyse(*docs[i]);
    };
    if (nw == 1) {
      run(0);
      return;
    }
    std::vector<std::thread> ts;
    for (std::size_t w = 1; w < nw; ++w) ts.emplace_back(run, w);
    run(0);
    for (auto& t : ts) t.join();
  };
  std::size_t const n_batches = (docs.size() + kBatch - 1) / kBatch;
  std::vector<Xapian::Document> cur, next;
  if (n_batches > 0) analyse_batch(0, cur);
  std::size_t since_commit = 0;
  for (std::size_t b = 0; b < n_batches; ++b) {
    std::thread ahead;
    std::exception_ptr ahead_error;
    if (b + 1 < n_batches) {
      ahead = std::thread([&] {
        try {
          analyse_batch(b + 1, next);
        } catch (...) {
          ahead_error = std::current_exception();
        }
      });
    }
    try {
      for (std::size_t i = 0; i < cur.size(); ++i) {
        db.replace_document(ids[b * kBatch + i], cur[i]);
        if (++since_commit == kFlushEvery) {
          db.commit();
          since_commit = 0;
        }
      }
    } catch (...) {
      if (ahead.joinable()) ahead.join();
      throw;
    }
    if (ahead.joinable()) ahead.join();
    if (ahead_error) std::rethrow_exception(ahead_error);
    std::swap(cur, next);
    if (opt.progress) opt.progress("index", static_cast<double>(std::min(docs.size(), (b + 1) * kBatch)) / static_cast<double>(docs.size()));
  }
  db.commit();
  if (vocab)
    for (auto const& w : workers) w.add_vocabulary(*vocab);
  return {};
}

// Writes the documents and adds their vocabulary to `vocab`. Xapian's cost per document grows with the size of
// the database being written, so large catalogues are written as shards of opt.shard_documents consecutive
// rows by parallel workers (each with its own analyser and WritableDatabase), returned for merge_shards;
// smaller ones by one writer at `xpath` (no shards returned).
result<std::vector<std::filesystem::path>> write_database(std::filesystem::path const& xpath,
                                                          std::span<procedure const* const> docs,
                                                          std::uint64_t build_id, build_env const& env,
                                                          build_options const& opt, vocabulary_counts& vocab) {
  auto const meta_id = generation_name(build_id);
  std::size_t const per = std::max<std::size_t>(1, opt.shard_documents);
  std::size_t const n_shards = (docs.size() + per - 1) / per;
  if (n_shards <= 1) {
    Xapian::WritableDatabase db(xpath.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
    db.set_metadata("kwartier:build_id", meta_id);
    std::vector<Xapian::docid> ids(docs.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<Xapian::docid>(i + 1);
    KW_TRY_VOID(write_documents(db, docs, ids, env, opt, &vocab));
    db.close();
    return std::vector<std::filesystem::path>{};
  }
  unsigned const hw = std::max(1u, std::thread::hardware_concurrency());
  std::size_t const n_workers = std::min(n_shards, opt.threads != 0 ? opt.threads : std::min<std::size_t>(hw, 8));
  auto const shard_path = [&](std::size_t k) { return xpath.parent_path() / ("shard-" + std::to_string(k)); };
  std::atomic<std::size_t> next_shard{0}, done{0};
  std::atomic<bool> failed{false};
  std::mutex err_mu, vocab_mu;
  std::string err;
  auto work = [&](bool report) {
    analyser an(env.dict, env.concepts);
    try {
      for (std::size_t k; !failed && (k = next_shard++) < n_shards;) {
        Xapian::WritableDatabase db(shard_path(k).string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
        db.set_metadata("kwartier:build_id", meta_id);
        auto const lo = k * per, hi = std::min(docs.size(), lo + per);
        for (std::size_t i = lo; i < hi && !failed; ++i) {
          db.add_document(an.analyse(*docs[i]));
          if ((i - lo + 1) % kFlushEvery == 0) db.commit();
          auto const n = ++done;
          if (report && opt.progress && (n % 256 == 0))
            opt.progress("index", static_cast<double>(n) / static_cast<double>(docs.size()));
        }
        db.commit();
        db.close();
      }
      std::lock_guard lock(vocab_mu);
      an.add_vocabulary(vocab);
    } catch (std::exception const& e) {
      std::lock_guard lock(err_mu);
      failed = true;
      if (err.empty()) err = e.what();
    } catch (Xapian::Error const& e) {
      std::lock_guard lock(err_mu);
      failed = true;
      if (err.empty()) err = "Xapian: " + e.get_description();
    }
  };
  std::vector<std::thread> ts;
  for (std::size_t w = 1; w < n_workers; ++w) ts.emplace_back(work, false);
  work(true);
  for (auto& t : ts) t.join();
  // on failure the shards go with the unpublished generation folder they are written in
  if (failed) return make_error(errc::io_error, "writing the index shards: " + err, xpath.string());
  std::vector<std::filesystem::path> shards;
  for (std::size_t k = 0; k < n_shards; ++k) shards.push_back(shard_path(k));
  return shards;
}

// Xapian's compactor merges the shards into one database at `xpath`, renumbering their document ids back to
// back (row + 1). Shards skip fsync; the merged database is synced before it is published. The shards are
// removed either way.
status merge_shards(std::span<std::filesystem::path const> shards, std::filesystem::path const& xpath) {
  struct remove_shards {
    std::span<std::filesystem::path const> s;
    ~remove_shards() {
      std::error_code ec;
      for (auto const& p : s) std::filesystem::remove_all(p, ec);
    }
  } guard{shards};
  try {
    Xapian::Database all;
    for (auto const& p : shards) all.add_database(Xapian::Database(p.string()));
    all.compact(xpath.string(), Xapian::Compactor::STANDARD);
  } catch (Xapian::Error const& e) {
    return make_error(errc::io_error, "merging the index shards: Xapian: " + e.get_description(), xpath.string());
  } catch (std::exception const& e) {
    return make_error(errc::io_error, std::string("merging the index shards: ") + e.what(), xpath.string());
  }
  return {};
}

namespace {

// Replaces the vocabulary of `out` by the words that `each(add)` passes to add(word, df, mask), in byte order;
// compound words = vocabulary ∩ dict.
template <typename Each>
void store_vocabulary(text::compound_dictionary const& dict, side_data& out, Each&& each) {
  out.vocab_words = {};
  out.vocab_df.clear();
  out.vocab_mask.clear();
  out.compound_words = {};
  each([&](std::string_view w, std::uint32_t df, text::lang_mask mask) {
    out.vocab_words.push_back(w);
    out.vocab_df.push_back(df);
    out.vocab_mask.push_back(mask);
    if (dict.contains(w)) out.compound_words.push_back(w);
  });
}

}  // namespace

void set_vocabulary(vocabulary_counts const& counts, text::compound_dictionary const& dict, side_data& out) {
  std::vector<vocabulary_counts::value_type const*> rows;
  rows.reserve(counts.size());
  for (auto const& kv : counts) rows.push_back(&kv);
  std::sort(rows.begin(), rows.end(), [](auto const* a, auto const* b) { return a->first < b->first; });
  store_vocabulary(dict, out, [&](auto&& add) {
    for (auto const* r : rows) add(r->first, r->second.df, r->second.mask);
  });
}

void read_vocabulary(std::filesystem::path const& xpath, std::span<doc_rec const> recs,
                     text::compound_dictionary const& dict, side_data& out) {
  text::lang_mask all_langs = 0;
  for (auto const& r : recs)
    if (!(r.flags & kDocDeleted)) all_langs |= text::bit(static_cast<text::lang>(r.lang));
  // The unprefixed terms (indexed words and compound parts; prefixed ranges A-Z are skipped whole) are cut
  // by first byte into ranges walked by parallel threads, each with its own Database, and joined in order:
  // the language mask of a word needs a walk over its postings, the larger part of this step.
  struct range {
    std::string lo, hi;  // [lo, hi); hi empty = to the end
    std::vector<std::string> words;
    std::vector<std::uint32_t> df;
    std::vector<text::lang_mask> mask;
  };
  std::vector<range> ranges;
  ranges.push_back({std::string(1, '\0'), "A", {}, {}, {}});  // digits and punctuation
  ranges.push_back({"[", "a", {}, {}, {}});
  for (char c = 'a'; c <= 'z'; ++c) ranges.push_back({std::string(1, c), c == 'z' ? "{" : std::string(1, static_cast<char>(c + 1)), {}, {}, {}});
  ranges.push_back({"{", "", {}, {}, {}});  // and every non-ASCII first byte
  auto walk = [&](Xapian::Database const& db, range& rg) {
    auto t = db.allterms_begin();
    t.skip_to(rg.lo);
    for (; t != db.allterms_end();) {
      std::string const w = *t;
      if (!rg.hi.empty() && w >= rg.hi) break;
      auto const c0 = static_cast<unsigned char>(w.empty() ? 0 : w[0]);
      if (c0 >= 'A' && c0 <= 'Z') {
        t.skip_to(std::string(1, static_cast<char>(c0 + 1)));
        continue;
      }
      text::lang_mask mask = 0;
      for (auto p = db.postlist_begin(w); p != db.postlist_end(w) && mask != all_langs; ++p) {
        auto const row = *p - 1;
        if (row < recs.size()) mask |= text::bit(static_cast<text::lang>(recs[row].lang));
      }
      rg.words.push_back(w);
      rg.df.push_back(t.get_termfreq());
      rg.mask.push_back(mask);
      ++t;
    }
  };
  std::atomic<std::size_t> next{0};
  std::mutex err_mu;
  std::exception_ptr error;
  auto work = [&] {
    try {
      Xapian::Database db(xpath.string());
      for (std::size_t k; (k = next++) < ranges.size();) walk(db, ranges[k]);
    } catch (...) {
      std::lock_guard lock(err_mu);
      if (!error) error = std::current_exception();
    }
  };
  std::size_t const n_threads = std::min<std::size_t>(8, std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> ts;
  for (std::size_t i = 1; i < n_threads; ++i) ts.emplace_back(work);
  work();
  for (auto& t : ts) t.join();
  if (error) std::rethrow_exception(error);
  store_vocabulary(dict, out, [&](auto&& add) {
    for (auto const& rg : ranges)
      for (std::size_t i = 0; i < rg.words.size(); ++i) add(rg.words[i], rg.df[i], rg.mask[i]);
  });
}

result<std::string> load_concept_text(build_options const& opt, std::string& name) {
  if (opt.concept_table.empty()) {
    name = "<built-in concept table>";
    return std::string(concept_table::builtin_text());
  }
  std::ifstream in(opt.concept_table, std::ios::binary);
  if (!in) return make_error(errc::io_error, "cannot read concept table", opt.concept_table.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  name = opt.concept_table.string();
  return ss.str();
}

result<text::compound_dictionary> load_dictionaries(build_options const& opt, std::uint64_t& hash) {
  text::compound_dictionary dict;
  for (auto const& p : opt.compound_dictionaries) {
    if (!std::filesystem::exists(p)) continue;
    KW_TRY(auto d, text::compound_dictionary::from_hunspell(p));
    dict = dict.size() == 0 ? std::move(d) : text::compound_dictionary::merge(dict, d);
  }
  hash = 0x6b77;
  for (auto w : dict.words()) {
    hash = hash64(w.data(), w.size(), hash);
    hash = hash64("\n", 1, hash);
  }
  return dict;
}

result<translation_build_stats> write_translations(std::filesystem::path const& gen, side_data const& side,
                                                   build_options const& opt) {
  return build_translations(opt.translation_dictionaries, side.vocab_words, side.vocab_mask, gen / "translations.kwd");
}

status finish_generation(std::filesystem::path const& gen, side_data& side, text::compound_dictionary const& dict,
                         build_options const& opt, translation_build_stats* translations) {
  auto const xpath = gen / "xapian";
  try {
    if (opt.progress) opt.progress("vocabulary", 0.0);
    read_vocabulary(xpath, side.recs, dict, side);
    if (opt.progress) opt.progress("vocabulary", 1.0);
  } catch (Xapian::Error const& e) {
    return make_error(errc::io_error, "Xapian: " + e.get_description(), xpath.string());
  }
  // translations.kwd before the side file, which holds its checksum (verified at open like the Xapian files)
  if (opt.progress) opt.progress("translations", 0.0);
  KW_TRY(auto ts, write_translations(gen, side, opt));
  if (translations) *translations = ts;
  return write_side(gen, side, opt);
}

status write_side(std::filesystem::path const& gen, side_data& side, build_options const& opt) {
  KW_TRY(side.xapian_files, hash_xapian_files(gen / "xapian"));
  static std::string const kGenerationFiles[] = {"translations.kwd"};
  KW_TRY(side.generation_files, hash_generation_files(gen, kGenerationFiles));
  side.index_rows();
  KW_TRY_VOID(side.writer().write(gen / "side.kwd"));
  if (opt.progress) opt.progress("write", 1.0);
  return {};
}

}  // namespace detail

// --------------------------------------------------------------------------------------------- build
std::vector<translation_dictionary> default_translation_dictionaries() {
  std::vector<translation_dictionary> out;
  for (auto const* p : text::profiles())
    for (auto const& d : p->dictionaries)
      out.push_back({std::string(p->code), std::string(text::lang_code(d.to)), std::filesystem::path(d.path)});
  return out;
}

std::vector<std::filesystem::path> default_compound_dictionaries() {
  std::vector<std::filesystem::path> out;
  for (auto const* p : text::profiles())
    for (auto f : p->compound_word_lists) out.emplace_back(f);
  return out;
}

result<build_stats> build_index(std::span<procedure const> docs, std::filesystem::path const& out_dir,
                                build_options const& opt) {
  using namespace detail;
  auto const t0 = std::chrono::steady_clock::now();
  if (docs.size() >= UINT32_MAX / 2) return make_error(errc::out_of_range, "too many documents");
  build_stats st;
  std::unordered_set<std::string_view> seen;
  std::vector<procedure const*> accepted;
  accepted.reserve(docs.size());
  for (auto const& d : docs)
    if (check_document(d, seen, st.report)) accepted.push_back(&d);
  st.n_skipped = docs.size() - accepted.size();
  if (accepted.empty())
    return make_error(errc::invalid_argument, docs.empty() ? "no documents to index" : "no indexable documents (" +
                      std::to_string(docs.size()) + " skipped: " + st.report.problems().front().message + ")");
  std::string table_name;
  KW_TRY(auto table_text, load_concept_text(opt, table_name));
  KW_TRY(auto concepts, concept_table::parse(table_text, table_name));
  std::uint64_t dict_hash = 0;
  KW_TRY(auto dict, load_dictionaries(opt, dict_hash));
  KW_TRY(auto writer, index_writer::acquire(out_dir, opt.overwrite));
  auto const build_id = new_build_id();
  KW_TRY(auto gen, writer.create_generation(build_id));
  struct remove_unless_published {
    std::filesystem::path p;
    ~remove_unless_published() {
      std::error_code ec;
      if (!p.empty()) std::filesystem::remove_all(p, ec);
    }
  } guard{gen};

  side_data side;
  side.meta.build_id = build_id;
  side.meta.dictionary_hash = dict_hash;
  side.concept_text = concepts.text();
  std::unordered_map<std::string, std::uint32_t> group_idx;
  std::string scratch;
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    auto const& d = *accepted[i];
    auto const gk = d.group_key.empty() ? "id:" + d.id : "group:" + d.group_key;
    auto [git, inserted] = group_idx.try_emplace(gk, static_cast<std::uint32_t>(side.groups.size()));
    if (inserted) side.groups.push_back(d.group_key);
    side.recs.push_back({git->second, static_cast<std::uint8_t>(text::parse_lang(d.lang)), 0, {0, 0}});
    for (std::size_t c = 0; c < kNumDocColumns; ++c)
      side.cols[c].push_back(doc_column_value(d, static_cast<doc_column>(c), scratch));
  }
  auto const xpath = gen / "xapian";
  std::vector<std::filesystem::path> shards;
  {
    // The vocabulary is counted by the analysers while they write (no walk over the database afterwards).
    vocabulary_counts vocab;
    result<std::vector<std::filesystem::path>> written = std::vector<std::filesystem::path>{};
    try {
      build_env const env{dict, concepts};
      written = write_database(xpath, accepted, build_id, env, opt, vocab);
    } catch (Xapian::Error const& e) {
      return make_error(errc::io_error, "Xapian: " + e.get_description(), xpath.string());
    } catch (std::exception const& e) {
      return make_error(errc::io_error, std::string("building the index: ") + e.what(), xpath.string());
    }
    if (!written) return tl::unexpected(written.error());
    shards = std::move(*written);
    if (opt.progress) opt.progress("index", 1.0);
    if (opt.progress) opt.progress("vocabulary", 0.0);
    set_vocabulary(vocab, dict, side);
    if (opt.progress) opt.progress("vocabulary", 1.0);
  }
  // translations.kwd needs only the vocabulary: it is compiled while Xapian's compactor (one thread) merges
  // the shards. Progress is reported from this thread only.
  if (opt.progress) opt.progress(shards.empty() ? "translations" : "merge + translations", 0.0);
  result<translation_build_stats> tst = translation_build_stats{};
  std::thread tr([&] {
    try {
      tst = write_translations(gen, side, opt);
    } catch (std::exception const& e) {
      tst = make_error(errc::io_error, std::string("compiling the translations: ") + e.what());
    }
  });
  auto const merged = shards.empty() ? status{} : merge_shards(shards, xpath);
  tr.join();
  KW_TRY_VOID(merged);
  if (!tst) return tl::unexpected(tst.error());
  if (opt.progress) opt.progress(shards.empty() ? "translations" : "merge + translations", 1.0);
  if (opt.progress) opt.progress("write", 0.0);
  KW_TRY_VOID(write_side(gen, side, opt));
  KW_TRY_VOID(writer.publish(build_id));
  guard.p.clear();
  st.n_generations_kept = writer.collect_garbage();

  st.build_id = build_id;
  st.n_documents = accepted.size();
  st.n_groups = side.groups.size();
  st.n_vocabulary = side.vocab_words.size();
  st.n_compound_words = side.compound_words.size();
  st.n_concepts = concepts.n_concepts();
  st.concept_table_version = concepts.version();
  st.n_translation_dictionaries = tst->n_dictionaries;
  st.n_translation_entries = tst->n_keys;
  st.translation_bytes = tst->bytes;
  st.translation_seconds = tst->seconds;
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

}  // namespace kwartier::search
