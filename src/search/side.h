// The search index side file (`side.kwd` of one index generation): everything a query needs besides the
// Xapian database — per-document columns (id, title, url, ..., body text for snippets), group keys with
// their documents, the vocabulary (words, document frequency, language mask) for typo and prefix walks,
// the compound words, the concept table — plus the build id and the size and xxh3 checksum of every file
// of the generation's Xapian database, so an index is made of matching parts only.
//
// Columns are read in place: a string column is n + 1 offsets into one character array of the mapped file,
// so `side_view::open` does no per-document work (no allocation, no loop over documents). Every access
// checks its own offsets (a damaged entry reads as ""); the whole file is checksummed and its text checked
// as UTF-8 when it is opened (see index_store.h for what open verifies and what it costs).
//
// Adding a per-document string column is one row in kDocColumns (plus its four-ccs in kSideKind's schema
// string, which changes the ABI fingerprint so older side files are refused as incompatible).
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/dataset.h"
#include "kwartier/search/catalogue.h"
#include "kwartier/text/language.h"

namespace kwartier::search::detail {

// ------------------------------------------------------------------------------------------ string column
class string_column {
 public:
  string_column() = default;
  string_column(std::span<std::uint32_t const> offsets, std::span<char const> chars)
      : off_{offsets}, chars_{chars} {}

  std::size_t size() const { return off_.empty() ? 0 : off_.size() - 1; }
  bool empty() const { return size() == 0; }
  std::string_view operator[](std::size_t i) const {
    if (i + 1 >= off_.size()) return {};
    auto const b = off_[i], e = off_[i + 1];
    if (b > e || e > chars_.size()) return {};
    return {chars_.data() + b, e - b};
  }
  std::span<char const> chars() const { return chars_; }
  std::span<std::uint32_t const> offsets() const { return off_; }

  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;
    iterator() = default;
    iterator(string_column const* c, std::size_t i) : c_{c}, i_{static_cast<difference_type>(i)} {}
    std::string_view operator*() const { return (*c_)[static_cast<std::size_t>(i_)]; }
    std::string_view operator[](difference_type k) const { return (*c_)[static_cast<std::size_t>(i_ + k)]; }
    iterator& operator++() { ++i_; return *this; }
    iterator operator++(int) { auto t = *this; ++i_; return t; }
    iterator& operator--() { --i_; return *this; }
    iterator operator--(int) { auto t = *this; --i_; return t; }
    iterator& operator+=(difference_type k) { i_ += k; return *this; }
    iterator& operator-=(difference_type k) { i_ -= k; return *this; }
    friend iterator operator+(iterator a, difference_type k) { return a += k; }
    friend iterator operator+(difference_type k, iterator a) { return a += k; }
    friend iterator operator-(iterator a, difference_type k) { return a -= k; }
    friend difference_type operator-(iterator const& a, iterator const& b) { return a.i_ - b.i_; }
    friend bool operator==(iterator const& a, iterator const& b) { return a.i_ == b.i_; }
    friend auto operator<=>(iterator const& a, iterator const& b) { return a.i_ <=> b.i_; }

   private:
    string_column const* c_ = nullptr;
    difference_type i_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, size()}; }

 private:
  std::span<std::uint32_t const> off_;
  std::span<char const> chars_;
};

// Strings packed as a string_column while building (and in tests).
struct packed_strings {
  std::vector<std::uint32_t> offsets{0};
  std::string chars;
  void push_back(std::string_view s) {
    chars.append(s);
    offsets.push_back(static_cast<std::uint32_t>(chars.size()));
  }
  std::size_t size() const { return offsets.size() - 1; }
  std::string_view operator[](std::size_t i) const { return std::string_view(chars).substr(offsets[i], offsets[i + 1] - offsets[i]); }
  string_column view() const { return {offsets, std::span<char const>(chars.data(), chars.size())}; }
};

// ------------------------------------------------------------------------------------------ schema
constexpr dataset_kind kSideKind{
    fourcc("KWSI"),
    "KWSI v2: META side_meta; DREC doc_rec; per-document string columns IDO/IDC id, TTO/TTC title, URO/URC url, "
    "ORO/ORC organisation, LVO/LVC level, CNO/CNC country, LGO/LGC lang, BDO/BDC body, CMO/CMC community, "
    "VGO/VGC variant group; IDX u32 rows by id; VGX u32 rows with a variant group sorted by it; "
    "GRO/GRC group key; GRF u32 group first; GRD u32 group documents; VOO/VOC vocabulary; VDF u32 df; "
    "VLM u32 lang mask; CDO/CDC compound words; CTX char concept table; XFL xapian_file; "
    "GFL xapian_file (other files of the generation: translations.kwd)"};

static_assert(sizeof(text::lang_mask) == 4, "the VLM section and side_meta::doc_langs are u32: update kSideKind");

struct side_meta {
  std::uint64_t build_id;         // also the generation folder name (gen-<16 hex>) and Xapian metadata
  std::uint64_t dictionary_hash;  // of the compound word lists used to split document words (updates check it)
  text::lang_mask doc_langs;      // languages the live documents are written in
  std::uint32_t reserved0;
  std::uint32_t n_docs;           // rows (Xapian docid = row + 1); deleted rows stay as empty tombstones
  std::uint32_t n_live;           // rows not deleted (= Xapian document count)
  std::uint32_t n_groups;
  std::uint32_t n_vocab;
  std::uint32_t n_xapian_files;
  std::uint32_t reserved;
};
static_assert(sizeof(side_meta) == 48);

constexpr std::uint8_t kDocDeleted = 1;
struct doc_rec {
  std::uint32_t group;  // index into the group key strings
  std::uint8_t lang;    // text::lang
  std::uint8_t flags;   // kDocDeleted
  std::uint8_t pad[2];
};
static_assert(sizeof(doc_rec) == 8);

// One file of the generation's Xapian database (flintlock, an empty lock file, is not listed).
struct xapian_file {
  char name[48];  // NUL-padded file name inside xapian/
  std::uint64_t size;
  std::uint64_t hash;  // xxh3 of the whole file
};
static_assert(sizeof(xapian_file) == 64);

enum doc_column : std::size_t {
  kColId, kColTitle, kColUrl, kColOrganisation, kColLevel, kColCountry, kColLang, kColBody, kColCommunity,
  kColVariantGroup, kNumDocColumns
};
struct doc_column_def {
  char const* name;
  std::uint32_t offsets_id, chars_id;
};
inline constexpr std::array<doc_column_def, kNumDocColumns> kDocColumns{{
    {"id", fourcc("IDO_"), fourcc("IDC_")},
    {"title", fourcc("TTO_"), fourcc("TTC_")},
    {"url", fourcc("URO_"), fourcc("URC_")},
    {"organisation", fourcc("ORO_"), fourcc("ORC_")},
    {"level", fourcc("LVO_"), fourcc("LVC_")},
    {"country", fourcc("CNO_"), fourcc("CNC_")},
    {"lang", fourcc("LGO_"), fourcc("LGC_")},
    {"body", fourcc("BDO_"), fourcc("BDC_")},
    {"community", fourcc("CMO_"), fourcc("CMC_")},
    {"variant_group", fourcc("VGO_"), fourcc("VGC_")},
}};
// The stored value of column `c` for a catalogue document (country lower-cased, as filters compare it, in
// `scratch`; the other columns are views of the document's fields).
std::string_view doc_column_value(procedure const& d, doc_column c, std::string& scratch);

// ------------------------------------------------------------------------------------------ vocabulary
// Sorted, unique words (accent-folded) with document frequency and a mask of the languages they occur in.
struct vocabulary {
  string_column words;
  std::span<std::uint32_t const> df;
  std::span<text::lang_mask const> lang_mask;

  // index of `w` or -1
  std::int64_t find(std::string_view w) const;
  struct candidate {
    std::uint32_t word;
    std::uint32_t distance;
  };
  // Words within `max_distance` (OSA over code points) of `q`, found by walking the sorted list as an implicit
  // trie with one DP row per depth and pruning a prefix as soon as its row minimum exceeds the budget.
  // With `prefix`, words having a prefix within the budget also match, at the least distance of any of their
  // prefixes ("passep" completes to "passeport" at distance 0). At most `max_out` (by distance, df).
  std::vector<candidate> fuzzy(std::u32string_view q, std::uint32_t max_distance, bool prefix,
                               std::size_t max_out) const;
};

// ------------------------------------------------------------------------------------------ view
struct side_view {
  dataset_file file;
  side_meta meta{};
  std::span<doc_rec const> recs;
  std::array<string_column, kNumDocColumns> cols;
  std::span<std::uint32_t const> id_order;  // rows of live documents sorted by id
  std::span<std::uint32_t const> variant_order;  // rows of live documents with a variant group, sorted by it
  string_column groups;
  std::span<std::uint32_t const> group_first, group_docs;  // CSR group -> live documents
  vocabulary vocab;
  string_column compound_words;
  std::string_view concept_text;
  std::span<xapian_file const> xapian_files;
  std::span<xapian_file const> generation_files;  // files of the generation folder besides side.kwd and xapian/

  // Views the sections of an opened side file; checks counts, the first and last offset of every string
  // column and (when `check_text`) that all text is valid UTF-8 and the vocabulary is sorted.
  // corrupt_dataset naming the file and the section.
  static result<side_view> open(dataset_file f, bool check_text = true);

  // Row of the live document with this id, or -1.
  std::int64_t find_id(std::string_view id) const;
};

// ------------------------------------------------------------------------------------------ writer
struct side_data {
  side_meta meta{};
  std::vector<doc_rec> recs;
  std::array<packed_strings, kNumDocColumns> cols;
  packed_strings groups;
  std::vector<std::uint32_t> group_first, group_docs, id_order, variant_order;
  packed_strings vocab_words;
  std::vector<std::uint32_t> vocab_df;
  std::vector<text::lang_mask> vocab_mask;
  packed_strings compound_words;
  std::string concept_text;
  std::vector<xapian_file> xapian_files;
  std::vector<xapian_file> generation_files;

  // Fills group_first/group_docs, id_order and variant_order from recs and the id and variant group columns
  // (deleted rows left out).
  void index_rows();
  dataset_writer writer() const;
};

}  // namespace kwartier::search::detail
