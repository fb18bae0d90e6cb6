// Document analysis: the terms one catalogue document contributes to the index (words, accented forms,
// stems, title stems, compound parts, concepts). build_index calls it per document; the query side reads
// the same terms (search/internal.h `term`). Not installed.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "search/internal.h"

namespace kwartier::search::detail {

// The unprefixed terms (indexed words and compound parts) of analysed documents: how many documents contain
// each, and their languages. The same as read_vocabulary (build_common.h) over the database the documents
// were written to (tested), without reading the database back.
struct vocabulary_entry {
  std::uint32_t df = 0;
  text::lang_mask mask = 0;
};
using vocabulary_counts = std::unordered_map<std::string, vocabulary_entry>;

class document_analyzer {
 public:
  // The memo of word terms is dropped (between documents) when it holds `max_memo_words` words, a bound on
  // memory for huge vocabularies.
  document_analyzer(text::compound_dictionary const& dict, concept_table const& concepts,
                    std::size_t max_memo_words = kMaxMemoWords);
  static constexpr std::size_t kMaxMemoWords = 1u << 20;
  // Adds the terms of `d` (written in `l`) to `xd`: title (wdf 5, also title stems), summary (2), body (1),
  // concept terms per field. Positions do not run across fields.
  void analyze(procedure const& d, text::lang l, Xapian::Document& xd);
  // Adds the vocabulary of every document analysed so far to `out`.
  void add_vocabulary(vocabulary_counts& out) const;

 private:
  enum class field_kind { title, summary, body };
  struct word_terms;
  // The terms of one (language, folded word), computed once per analyzer: its stem, the stem term, the title
  // stem term, its compound parts with theirs, the concept phrases its stem begins and the exact (accented)
  // forms seen with their terms. Catalogue text repeats its words, so the stemmer, the compound splitter and
  // the concept lookup run once per distinct word instead of once per token.
  struct part_terms {
    std::string word, stem_term, title_stem_term;
    word_terms* self;  // the part's own memo entry (its document count)
  };
  struct exact_form {
    std::string exact, term;    // normalised word with accents, term::exact of it
    Xapian::termcount wdf = 0;  // in the current document
  };
  struct word_terms {
    std::string stem, stem_term, title_stem_term;
    std::vector<part_terms> parts;
    concept_table::phrase_list const* concept_starts = nullptr;
    std::vector<exact_form> exacts;
    // the current document's counts: wdf of the word's (and its parts') stem terms, of the title stem terms
    std::uint64_t doc = 0;  // document the counts belong to (doc_ below)
    Xapian::termcount wdf = 0, title_wdf = 0;
    bool exact_seen = false;
    // vocabulary: documents containing the word (as a token or as a compound part), the last one counted
    std::uint32_t df = 0;
    std::uint64_t counted_doc = 0;
  };
  void field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind, Xapian::termpos& pos);
  word_terms& terms_of(text::lang l, std::string const& folded);
  void count(word_terms& w) {
    if (w.counted_doc != doc_) {
      w.counted_doc = doc_;
      ++w.df;
    }
  }

  text::stemmer stem_;
  text::compound_dictionary const& dict_;
  concept_table const& concepts_;
  std::unordered_map<std::string, word_terms> memo_[text::kNumLangs];
  std::size_t max_memo_words_;
  std::size_t memo_size_ = 0;
  vocabulary_counts dropped_;  // the counts of memo entries dropped at max_memo_words_
  std::uint64_t doc_ = 0;             // documents analysed (stamps word_terms::doc)
  std::vector<word_terms*> touched_;  // distinct words of the current document, in first-seen order
  std::vector<std::string_view> folded_, stems_;  // scratch (per field)
  std::vector<concept_table::phrase_list const*> starts_;
  std::vector<concept_table::match> matches_;
};

}  // namespace kwartier::search::detail
