// Snippets: the window of a document body with the most query words, matched words between highlight
// marks. Words match by their folded form or, with stemming, by their stem in the document's language.
// Not installed; tested on its own (tests/search/snippet_test.cc).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kwartier/text/text.h"

namespace kwartier::search::detail {

struct highlight_terms {
  std::unordered_set<std::string> words;  // folded words
  std::unordered_set<std::string> stems;  // stems in any language
};

struct snippet_options {
  std::size_t chars = 180;            // longest excerpt (bytes of body text, marks not counted)
  std::string_view open = "[", close = "]";
  bool stemming = true;
  std::size_t scan_bytes = 1500;      // only the start of the body is scanned: bounded work per hit
  std::size_t window_words = 24;      // the excerpt starts the window of this many words with most matches
};

// Per query: remembers which document words stem to a query stem.
class snippet_maker {
 public:
  snippet_maker(highlight_terms const& hl, text::stemmer const& stem, snippet_options opt);
  // "" for an empty body; "…" marks text cut at either end; newlines become spaces.
  std::string make(std::string_view body, text::lang l);

 private:
  highlight_terms const& hl_;
  text::stemmer const& stem_;
  snippet_options opt_;
  std::unordered_set<std::string> heads_;          // first two bytes of every stem: a stem is a prefix
  std::unordered_map<std::string, bool> memo_;     // language + folded word -> stems to a query stem
};

}  // namespace kwartier::search::detail
