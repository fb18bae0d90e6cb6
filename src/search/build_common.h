// Pieces shared by build_index and update_index (build.cc, update.cc): document checks, the analyser that
// turns a catalogue document into a Xapian document, the batched writer, the vocabulary read back from a
// database and the last steps of a generation (side file with checksums).
#pragma once

#include <xapian.h>

#include <array>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "search/analysis.h"
#include "search/internal.h"
#include "search/translations.h"

namespace kwartier::search::detail {

struct build_env {
  text::compound_dictionary const& dict;
  concept_table const& concepts;
};

// One per thread: the document analyzer (analysis.h) plus the filter terms and values of a document.
class analyser {
 public:
  analyser(text::compound_dictionary const& dict, concept_table const& concepts) : doc_{dict, concepts} {}
  Xapian::Document analyse(procedure const& d);
  void add_vocabulary(vocabulary_counts& out) const { doc_.add_vocabulary(out); }

 private:
  document_analyzer doc_;
};

// False (with a problem in `report` naming the document's file, line and field) when `d` cannot be indexed:
// empty or duplicate id, text that is not UTF-8, a lang or country too long for a filter term.
bool check_document(procedure const& d, std::unordered_set<std::string_view>& seen_ids, validation_report& report);

// Analyses docs[i] and stores it as Xapian document ids[i]; adds the documents' vocabulary to `vocab` unless null.
status write_documents(Xapian::WritableDatabase& db, std::span<procedure const* const> docs,
                       std::span<Xapian::docid const> ids, build_env const& env, build_options const& opt,
                       vocabulary_counts* vocab = nullptr);

// Vocabulary from the database: every unprefixed term (indexed word or compound part) with its document
// frequency and the languages of the documents containing it; compound words = vocabulary ∩ dict.
// Walked by parallel threads over ranges of terms (each opens the database at `xpath`).
void read_vocabulary(std::filesystem::path const& xpath, std::span<doc_rec const> recs,
                     text::compound_dictionary const& dict, side_data& out);

// The vocabulary of `side` from counts gathered at analysis (sorted by bytes, like the database's terms).
void set_vocabulary(vocabulary_counts const& counts, text::compound_dictionary const& dict, side_data& out);

result<std::string> load_concept_text(build_options const& opt, std::string& name);
// The merged compound dictionaries and a hash of their words (stored in the side file).
result<text::compound_dictionary> load_dictionaries(build_options const& opt, std::uint64_t& hash);

// translations.kwd of generation folder `gen`: the dictionaries restricted to the vocabulary of `side`.
result<translation_build_stats> write_translations(std::filesystem::path const& gen, side_data const& side,
                                                   build_options const& opt);
// Checksums of the Xapian files and translations.kwd, group/id tables and side.kwd of generation folder `gen`.
status write_side(std::filesystem::path const& gen, side_data& side, build_options const& opt);
// Vocabulary read back from the database, then write_translations and write_side.
status finish_generation(std::filesystem::path const& gen, side_data& side, text::compound_dictionary const& dict,
                         build_options const& opt, translation_build_stats* translations = nullptr);

}  // namespace kwartier::search::detail
