// update_index: add, replace and delete documents by id without a full rebuild.
//
// The current generation is verified (index::open), the change set is checked against its id index, the
// Xapian database is copied into a new generation by Xapian's compactor (document ids kept: row + 1), the
// changes are applied there (replace_document / delete_document), and the side file is rewritten: the
// columns of unchanged rows are copied, deleted rows stay as empty tombstones (their Xapian document is
// gone), added rows are appended; groups, the id index, the vocabulary (read back from the database, so its
// document frequencies and language masks are exactly those of a fresh build) and the checksums are
// recomputed. Then the pointer is swapped as after a build.
#include <xapian.h>

#include <chrono>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "search/build_common.h"
#include "search/index_store.h"
#include "search/index_impl.h"
#include "search/internal.h"

namespace kwartier::search {

result<update_stats> update_index(std::filesystem::path const& dir, index_update const& changes,
                                  build_options const& opt) {
  using namespace detail;
  auto const t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!std::filesystem::exists(dir / kPointerName, ec))  // never create a folder (or a lock file) to update
    return make_error(errc::not_found, "no search index to update (build one first)", dir.string());
  KW_TRY(auto writer, index_writer::acquire(dir, true));
  if (writer.current().empty())
    return make_error(errc::not_found, "no search index to update (build one first)", dir.string());
  KW_TRY(auto opened, index::open(dir));  // verifies the current generation whole
  auto idx = std::make_optional(std::move(opened));
  auto const& ix = *idx->get();
  auto const& side = ix.side;
  update_stats st;

  // --- the change set against the index's ids
  std::unordered_set<std::string_view> seen;
  auto twice = [&](std::string const& id) {
    return make_error(errc::invalid_argument, "document id '" + id + "' appears twice in one update", {}, 0, "id");
  };
  for (auto const& id : changes.remove) {
    if (!seen.insert(id).second) return twice(id);
    if (side.find_id(id) < 0)
      return make_error(errc::not_found, "cannot remove document '" + id + "': the index holds no such id", dir.string(), 0, "id");
  }
  for (auto const& d : changes.replace) {
    if (!seen.insert(d.id).second) return twice(d.id);
    if (side.find_id(d.id) < 0)
      return make_error(errc::not_found, "cannot replace document '" + d.id + "': the index holds no such id",
                        d.source_file, d.source_line, "id");
  }
  for (auto const& d : changes.add) {
    if (!seen.insert(d.id).second) return twice(d.id);
    if (side.find_id(d.id) >= 0)
      return make_error(errc::invalid_argument,
                        "cannot add document '" + d.id + "': the index already holds this id (replace it instead)",
                        d.source_file, d.source_line, "id");
  }
  // document checks as in a build (bad documents are reported and skipped)
  std::unordered_set<std::string_view> checked;
  std::vector<procedure const*> replaced, added;
  for (auto const& d : changes.replace)
    if (check_document(d, checked, st.report)) replaced.push_back(&d);
  for (auto const& d : changes.add)
    if (check_document(d, checked, st.report)) added.push_back(&d);
  st.n_skipped = changes.replace.size() + changes.add.size() - replaced.size() - added.size();
  if (side.meta.n_live - changes.remove.size() + added.size() == 0)
    return make_error(errc::invalid_argument, "the update would leave the index without documents", dir.string());

  // --- the build's dictionaries and concept table
  std::uint64_t dict_hash = 0;
  KW_TRY(auto dict, load_dictionaries(opt, dict_hash));
  if (dict_hash != side.meta.dictionary_hash)
    return make_error(errc::invalid_argument,
                      "the compound dictionaries differ from the ones the index was built with (pass the same "
                      "build_options::compound_dictionaries, or rebuild)",
                      dir.string());
  if (!opt.concept_table.empty()) {
    std::string name;
    KW_TRY(auto text, load_concept_text(opt, name));
    if (text != side.concept_text)
      return make_error(errc::invalid_argument, "the concept table differs from the one stored in the index; rebuild",
                        opt.concept_table.string());
  }
  auto const& concepts = ix.concepts;

  // --- new generation: copy of the database (ids kept), then the changes
  auto const build_id = new_build_id();
  KW_TRY(auto gen, writer.create_generation(build_id));
  struct remove_unless_published {
    std::filesystem::path p;
    ~remove_unless_published() {
      std::error_code ec;
      if (!p.empty()) std::filesystem::remove_all(p, ec);
    }
  } guard{gen};
  auto const xpath = gen / "xapian";
  std::uint32_t const n_old = side.meta.n_docs;
  std::vector<procedure const*> to_write;
  std::vector<Xapian::docid> ids;
  std::vector<std::int64_t> replaced_row(n_old, -1);  // row -> index in `replaced`
  std::vector<char> removed_row(n_old, 0);
  for (std::size_t i = 0; i < replaced.size(); ++i) {
    auto const row = static_cast<std::size_t>(side.find_id(replaced[i]->id));
    replaced_row[row] = static_cast<std::int64_t>(i);
    to_write.push_back(replaced[i]);
    ids.push_back(static_cast<Xapian::docid>(row + 1));
  }
  for (auto const& id : changes.remove) removed_row[static_cast<std::size_t>(side.find_id(id))] = 1;
  for (std::size_t i = 0; i < added.size(); ++i) {
    to_write.push_back(added[i]);
    ids.push_back(static_cast<Xapian::docid>(n_old + i + 1));
  }
  try {
    Xapian::Database(ix.dir / "xapian").compact(xpath.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    Xapian::WritableDatabase db(xpath.string(), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    db.set_metadata("kwartier:build_id", generation_name(build_id));
    for (std::uint32_t row = 0; row < n_old; ++row)
      if (removed_row[row]) db.delete_document(row + 1);
    build_env const env{dict, concepts};
    auto o = opt;
    o.progress = nullptr;
    KW_TRY_VOID(write_documents(db, to_write, ids, env, o));
    db.close();
  } catch (Xapian::Error const& e) {
    return make_error(errc::io_error, "Xapian: " + e.get_description(), xpath.string());
  } catch (std::exception const& e) {
    return make_error(errc::io_error, std::string("updating the index: ") + e.what(), xpath.string());
  }

  // --- side data: rows copied, replaced, tombstoned or appended; groups recomputed over all rows
  side_data sd;
  sd.meta.build_id = build_id;
  sd.meta.dictionary_hash = dict_hash;
  sd.concept_text = std::string(side.concept_text);
  std::unordered_map<std::string, std::uint32_t> group_idx;
  auto group_of = [&](std::string_view id, std::string_view gk) {
    auto const key = gk.empty() ? "id:" + std::string(id) : "group:" + std::string(gk);
    auto [it, inserted] = group_idx.try_emplace(key, static_cast<std::uint32_t>(sd.groups.size()));
    if (inserted) sd.groups.push_back(gk);
    return it->second;
  };
  auto put = [&](procedure const& d) {
    sd.recs.push_back({group_of(d.id, d.group_key), static_cast<std::uint8_t>(text::parse_lang(d.lang)), 0, {0, 0}});
    std::string scratch;
    for (std::size_t c = 0; c < kNumDocColumns; ++c)
      sd.cols[c].push_back(doc_column_value(d, static_cast<doc_column>(c), scratch));
  };
  std::vector<std::uint32_t> tombstones;
  for (std::uint32_t row = 0; row < n_old; ++row) {
    auto const& r = side.recs[row];
    if (removed_row[row] || (r.flags & kDocDeleted)) {
      tombstones.push_back(row);
      sd.recs.push_back({0, r.lang, kDocDeleted, {0, 0}});
      for (auto& c : sd.cols) c.push_back({});
    } else if (replaced_row[row] >= 0) {
      put(*replaced[static_cast<std::size_t>(replaced_row[row])]);
    } else {
      sd.recs.push_back({group_of(side.cols[kColId][row], side.groups[r.group]), r.lang, 0, {0, 0}});
      for (std::size_t c = 0; c < kNumDocColumns; ++c) sd.cols[c].push_back(side.cols[c][row]);
    }
  }
  for (auto const* d : added) put(*d);
  KW_TRY_VOID(finish_generation(gen, sd, dict, opt));
  KW_TRY_VOID(writer.publish(build_id));
  guard.p.clear();
  idx.reset();  // release our hold on the old generation so it can be removed
  st.n_generations_kept = writer.collect_garbage();
  st.n_added = added.size();
  st.n_replaced = replaced.size();
  st.n_removed = changes.remove.size();
  st.n_documents = sd.meta.n_live;
  st.n_vocabulary = sd.vocab_words.size();
  st.build_id = build_id;
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return st;
}

}  // namespace kwartier::search
