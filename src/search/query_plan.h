// Query analysis: what a query asks for, before any Xapian term is written. Tokens, the query language,
// stop words, concepts, and per word its interpretations (as typed, typo corrections, completions, compound
// parts, translations), each with a weight and the reason it is there (shown by --explain). Not installed.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "search/index_impl.h"

namespace kwartier::search::detail {

// How a query word was read.
enum class reading : std::uint8_t {
  typed,          // the word as typed
  glued_elision,  // "dadresse" read as "adresse"
  typo,           // a vocabulary word within the typo budget
  prefix,         // a vocabulary word the typed word begins (search as you type), maybe with typos
  translation,    // a vocabulary word of another language, from a bilingual dictionary
};

struct word_reading {
  std::string word;  // folded
  double weight = 1.0;
  reading kind = reading::typed;
  std::uint8_t distance = 0;                             // typo, prefix
  text::lang from = text::lang::neutral, to = text::lang::neutral;  // translation
};

struct plan_word {
  std::string folded, exact;  // as typed (normalised)
  std::uint32_t token = 0;    // index into query_plan::tokens
  double scale = 1.0;         // < 1 when a concept or a phrase translation also covers the word
  bool known = false;         // in the index vocabulary
  std::vector<word_reading> readings;  // readings[0]: as typed (or glued elision)
  std::vector<std::string> parts;      // compound parts (one reading together)
};

struct plan_concept {
  std::uint32_t concept_idx;
  text::lang l;  // language of the phrase found in the query
  std::uint32_t first_token, n_tokens;
};

// A phrase of several query words translated as a whole ("akt urodzenia" -> "acte de naissance").
struct plan_phrase_translation {
  std::uint32_t first_token, n_tokens;
  text::lang from, to;
  std::vector<std::string> words;  // target words (folded, in the vocabulary, no stop words)
  std::string source, target;      // as in the dictionary, for --explain
  double weight;
};

struct query_plan {
  std::vector<std::string> notes;
  std::vector<text::lang> prefs;        // preferred answer languages, best first
  text::lang qlang = text::lang::neutral;  // identified query language
  std::vector<std::string> filter_terms;   // Xapian boolean terms, all must hold
  std::vector<text::token> tokens;
  std::vector<plan_word> words;            // content words (stop words removed)
  std::vector<plan_concept> concepts;  // every phrase found (a concept may appear more than once)
  std::vector<plan_phrase_translation> phrases;
  bool typing = false;  // the query does not end with a space: its last word may be incomplete
  std::string community;  // the user's community ("fr", "nl", "de"), "" = unknown: every variant

  bool empty() const { return words.empty() && concepts.empty() && phrases.empty(); }
};

// Reading weights (relative to the word as typed, 1.0). A typo correction of a word that is itself in the
// vocabulary is a weaker guess than one of an unknown word; translations rank below direct and concept matches.
struct reading_weights {
  double typo1_unknown = 0.7, typo2_unknown = 0.5;
  double typo1_known = 0.3, typo2_known = 0.2;
  double prefix = 0.7, prefix_typo = 0.45;
  double compound_parts = 0.6;
  double translation = 0.45, phrase_translation = 0.8;
};
inline constexpr reading_weights kReadingWeights{};

// invalid_argument: invalid UTF-8, empty query, bad limit, unknown filter field. A query without content
// words gives an empty plan with a note.
result<query_plan> analyze_query(index::impl const& ix, text::stemmer& stem, std::string_view text,
                                 query_options const& opt);

// Human-readable name of a reading ("typo: pasprot -> paspoort").
std::string describe(plan_word const& w, word_reading const& r);

}  // namespace kwartier::search::detail
