// kwartier::search — build a multilingual procedure index and query it (DESIGN.md §7).
//
// build_index() (slow, allocates) writes a new generation of an index folder — `gen-<build id>/` with
// `xapian/` (a Xapian database) and `side.kwd` (a kwartier dataset file: documents, vocabulary, compound
// words, concept table, build id and the checksum of every Xapian file) — and then swaps the folder's
// pointer file to it by rename. The previous generation is never deleted first: a failed build leaves the
// old index serving, and an index that is open keeps its generation until it is closed. index::open()
// maps the current generation and verifies it whole (docs/search.md, "Index folder").
//
// Thread rules: `index` is an immutable value handle, cheap to copy, shareable by threads; index::query is
// thread-safe (it borrows a per-thread `searcher` from a pool). A `searcher` holds one Xapian::Database and
// scratch state: use one per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/search/catalogue.h"

namespace kwartier::search {

std::vector<std::filesystem::path> default_compound_dictionaries();

// A bilingual dictionary in dictd format (FreeDict): `path` + ".index" and ".dict.dz".
struct translation_dictionary {
  std::string from, to;  // language codes
  std::filesystem::path path;
};
// The dictionaries of the language profiles (Debian dict-freedict-*: pol-fra, spa-eng, tur-eng, ...).
std::vector<translation_dictionary> default_translation_dictionaries();

struct build_options {
  // hunspell word lists used to split compounds (default: those of the language profiles that split
  // compounds, nl and de; missing files are skipped).
  std::vector<std::filesystem::path> compound_dictionaries = default_compound_dictionaries();
  // compiled into the index (restricted to its vocabulary) for query-time translation; missing files are
  // skipped (build_stats::n_translation_dictionaries counts those read)
  std::vector<translation_dictionary> translation_dictionaries = default_translation_dictionaries();
  std::filesystem::path concept_table;  // empty: the built-in table (src/search/concepts.tsv)
  bool overwrite = true;                // replace an existing index (false: refuse when one exists)
  // Worker threads (0: one per core, at most 8). Catalogues larger than `shard_documents` are written as
  // shards of that many documents in parallel and merged (Xapian's cost per document grows with the size
  // of the database being written: every commit reads back and rewrites the B-tree blocks it touches);
  // smaller ones by one writer fed by analysis threads. 2,500 measured best on 100,000 documents
  // (docs/search.md): smaller shards write faster and merge slower.
  std::size_t threads = 0;
  std::size_t shard_documents = 2500;
  // Called on the building thread with the stage ("index", "vocabulary", "merge + translations" for
  // sharded builds or "translations", "write") and its fraction done.
  std::function<void(std::string_view stage, double fraction)> progress;
};

struct build_stats {
  std::size_t n_documents = 0;
  std::size_t n_groups = 0;
  std::size_t n_vocabulary = 0;
  std::size_t n_compound_words = 0;
  std::size_t n_concepts = 0;
  std::string concept_table_version;
  std::size_t n_translation_dictionaries = 0;  // read
  std::size_t n_translation_entries = 0;       // headwords kept (a translation in the vocabulary)
  std::size_t translation_bytes = 0;           // size of the compiled table in the index
  double translation_seconds = 0;              // reading and compiling the dictionaries
  double seconds = 0;
  std::uint64_t build_id = 0;          // of the new generation (index::build_id once opened)
  std::size_t n_skipped = 0;           // documents not indexed (each one is in `report`)
  validation_report report;            // file, line and field of every skipped document
  std::size_t n_generations_kept = 0;  // older generations still held by open indexes (removed later)
};

result<build_stats> build_index(std::span<procedure const> docs, std::filesystem::path const& out_dir,
                                build_options const& opt = {});

// Changes to an existing index, by document id. Applied all or nothing to a new generation (the same
// swap as a build: readers of the old generation are not disturbed); documents that fail the build's
// checks (bad UTF-8, over-long lang/country) are reported and skipped as in a build.
struct index_update {
  std::vector<procedure> add;      // new documents; an id already in the index is refused (use replace)
  std::vector<procedure> replace;  // new versions of documents already in the index, by id
  std::vector<std::string> remove; // ids of documents to delete
};

struct update_stats {
  std::size_t n_added = 0;
  std::size_t n_replaced = 0;
  std::size_t n_removed = 0;
  std::size_t n_documents = 0;  // in the new generation
  std::size_t n_vocabulary = 0;
  std::uint64_t build_id = 0;   // of the new generation
  std::size_t n_skipped = 0;    // documents of `add`/`replace` not indexed (each one is in `report`)
  validation_report report;
  std::size_t n_generations_kept = 0;
  double seconds = 0;
};

// Applies `changes` to the index folder `dir` (built by build_index) and swaps in the new generation.
// Refused, with the index unchanged: not_found (no index; replace or remove of an id the index does not
// hold, naming the id), invalid_argument (add of an id the index holds, an id twice in one update, an
// update that would leave no document, compound dictionaries or concept table other than the build's:
// `opt` must name the same word lists as the build; the concept table stored in the index is used).
result<update_stats> update_index(std::filesystem::path const& dir, index_update const& changes,
                                  build_options const& opt = {});

struct query_options {
  std::vector<std::string> langs;  // preferred answer languages, best first ("nl", "fr"); may be empty
  // The user's Belgian language community ("fr", "nl", "de"): procedures that differ by community (documents
  // sharing a variant_group) are answered with this community's variant. Empty: the community of the first
  // preferred language (fr -> fr, nl -> nl, de -> de); none (English, Spanish, Turkish, ... or no langs):
  // every variant is answered, each labelled with its community.
  std::string community;
  std::size_t limit = 10;
  std::size_t offset = 0;
  // field=value filters (all must hold): lang|language, country, organisation, level.
  std::vector<std::pair<std::string, std::string>> filters;
  // Edit distance 1 from 4 letters, 2 from 8, for every word; the neighbours of a word of the vocabulary rank
  // below the word itself.
  bool typos = true;
  bool prefix = true;     // last word also matches as a prefix (search as you type)
  bool concepts = true;   // cross-language concept table
  bool translations = true;  // bilingual dictionaries (below direct and concept matches)
  bool stemming = true;   // all pipelines' stems; false = exact words only
  bool group = true;      // one answer per procedure group, in the best language for the user
  bool explain = false;   // fill hit::explanation
  std::size_t snippet_chars = 180;
  std::string highlight_open = "[";
  std::string highlight_close = "]";
};

struct hit {
  std::uint32_t doc = 0;  // document number in the index (0-based)
  std::string id;
  std::string lang;
  std::string title;
  std::string url;
  std::string organisation;
  std::string level;
  std::string country;
  std::string group_key;
  std::string community;      // "fr", "nl", "de", "bicommunity", "regional" or "" (catalogue field)
  std::string variant_group;  // shared by the community variants of one procedure; "" = none
  std::vector<std::string> other_langs;  // languages of the other documents of the group
  double score = 0;
  std::string snippet;      // body excerpt with matched words between highlight marks
  std::string explanation;  // when query_options::explain
};

struct facet_value {
  std::string value;
  std::size_t count = 0;
};
struct facet {
  std::string field;  // "lang", "country", "organisation", "level"
  std::vector<facet_value> values;
};

struct results {
  std::vector<hit> hits;
  std::vector<facet> facets;  // over the matching documents considered for ranking (the best 100 or more)
  std::string query_lang;     // identified language of the query ("" when unknown)
  std::string community;      // the community the answers were chosen for ("" = none: all variants)
  std::size_t n_matches = 0;  // estimated number of matching documents
  std::vector<std::string> notes;  // e.g. "only stop words"
};

class index;

class searcher {
 public:
  static result<searcher> create(index const& idx);
  ~searcher();
  searcher(searcher&&) noexcept;
  searcher& operator=(searcher&&) noexcept;
  // invalid_argument: invalid UTF-8, empty query, unknown filter field. A query of only punctuation or only
  // stop words gives empty results (with a note). Long queries are cut to kMaxQueryBytes / kMaxQueryWords.
  result<results> query(std::string_view text, query_options const& opt = {});

 private:
  friend class index;
  struct impl;
  explicit searcher(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

constexpr std::size_t kMaxQueryBytes = 1024;
constexpr std::size_t kMaxQueryWords = 24;

class index {
 public:
  // not_found (no such directory), corrupt_dataset / incompatible_dataset (bad side file or database).
  // Open verifies the whole generation: the side file's checksum, that its text is UTF-8, that its build id
  // is the generation's, and the size and xxh3 of every Xapian file (so a damaged or mismatched index is
  // refused here instead of crashing or answering wrongly later). Cost: one read of the index files
  // (docs/search.md gives the measured time). The generation stays on disk while the index is open.
  static result<index> open(std::filesystem::path const& dir);
  std::size_t n_documents() const;
  std::uint64_t build_id() const;  // of the generation this handle serves
  std::string const& concept_table_version() const;
  std::filesystem::path const& path() const;
  // Thread-safe: borrows a searcher from this index's pool.
  result<results> query(std::string_view text, query_options const& opt = {}) const;

  struct impl;
  std::shared_ptr<impl const> const& get() const { return impl_; }

 private:
  std::shared_ptr<impl const> impl_;
};

}  // namespace kwartier::search

namespace kwartier::search {
// Results as one JSON object: {"query_lang", "n_matches", "hits": [...], "facets": {...}, "notes": [...]}.
std::string to_json(results const& r);
// Loads every catalogue path (see load_catalogue) into one catalogue; ids must be unique across them.
result<catalogue> load_catalogues(std::span<std::filesystem::path const> paths, load_options const& opt = {});
}  // namespace kwartier::search
