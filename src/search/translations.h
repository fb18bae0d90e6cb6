// Query-time translation (DESIGN.md §7): bilingual dictionaries (FreeDict, dictd format) compiled at index
// build time into `translations.kwd`, a kwartier dataset file restricted to the index vocabulary: a
// dictionary entry is kept only when a translation's content words all occur in documents of its target
// language. Keys are the headword's stems in its language (light stems for Polish), so inflected query
// words ("urodzenia") meet their headword ("urodzenie"); multi-word headwords ("akt urodzenia") are phrases.
// Not installed.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "search/internal.h"

namespace kwartier::search::detail {

struct translation_build_stats {
  std::size_t n_dictionaries = 0;  // read
  std::size_t n_missing = 0;       // configured but not installed (skipped)
  std::size_t n_headwords = 0;     // entries read from the dictionaries
  std::size_t n_keys = 0;          // kept (a translation in the vocabulary)
  std::size_t n_translations = 0;
  std::size_t bytes = 0;           // size of translations.kwd
  double seconds = 0;
};

// Writes `out` from `dicts`; `words` (sorted, folded) and `masks` are the index vocabulary. Dictionaries
// into languages no document is written in are not read.
result<translation_build_stats> build_translations(std::span<translation_dictionary const> dicts,
                                                   packed_strings const& words,
                                                   std::span<text::lang_mask const> masks,
                                                   std::filesystem::path const& out);

class translation_table {
 public:
  // A missing file gives an empty table (an index built without dictionaries); a damaged one corrupt_dataset.
  static result<translation_table> open(std::filesystem::path const& path);

  struct translation {
    text::lang to;
    std::vector<std::string_view> words;  // content words (folded, in the vocabulary)
    std::string_view written;             // as in the dictionary
  };
  // Translations of the headword whose stems in `from` are `stems`, best first.
  void lookup(text::lang from, std::span<std::string const> stems, std::vector<translation>& out) const;
  bool empty() const { return n_keys_ == 0; }
  std::size_t n_keys() const { return n_keys_; }
  static constexpr std::size_t kMaxPhraseWords = 4;

 private:
  dataset_file file_;
  std::size_t n_keys_ = 0;
  std::span<std::uint32_t const> key_off_, tr_first_, word_first_, word_off_, written_off_;
  std::span<char const> key_chars_, word_chars_, written_chars_;
  std::span<std::uint8_t const> tr_lang_;
  std::string_view key(std::size_t i) const;
};

// The key of a headword: language code, unit separator, stems joined by spaces.
std::string translation_key(text::lang from, std::span<std::string const> stems);

}  // namespace kwartier::search::detail
