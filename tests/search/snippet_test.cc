// The snippet module on its own: window choice, highlighting by word and by stem, cut marks, bounds.
#include <gtest/gtest.h>

#include "search/snippet.h"

using namespace kwartier;
using namespace kwartier::search::detail;

TEST(search_snippet, highlights_words_and_stems) {
  text::stemmer stem;
  highlight_terms hl;
  hl.words = {"identiteitskaart"};
  hl.stems = {stem.stem(text::lang::nl, "aanvragen")};  // "aanvrag": "aanvraag" has another stem
  snippet_maker m(hl, stem, {.chars = 200});
  EXPECT_EQ(m.make("Een identiteitskaart aanvragen bij de gemeente.", text::lang::nl),
               "Een [identiteitskaart] [aanvragen] bij de gemeente.");
  // accents do not matter (folded words), the original text is kept
  highlight_terms fr;
  fr.words = {"identite"};
  snippet_maker mf(fr, stem, {.chars = 200, .open = "<b>", .close = "</b>"});
  EXPECT_EQ(mf.make("Carte d'identité", text::lang::fr), "Carte <b>d'identité</b>");
}

TEST(search_snippet, window_with_most_matches_and_cut_marks) {
  text::stemmer stem;
  highlight_terms hl;
  hl.words = {"kaart"};
  std::string body;
  for (int i = 0; i < 40; ++i) body += "woord ";
  body += "kaart kaart\nkaart einde";
  snippet_maker m(hl, stem, {.chars = 40, .stemming = false, .window_words = 4});
  auto const s = m.make(body, text::lang::nl);
  // the window of 4 words with three matches starts 1 word before the first "kaart"; text before and
  // after is cut and marked, the newline becomes a space
  EXPECT_EQ(s, "…woord [kaart] [kaart] [kaart] einde");
  // an empty body or a body without words gives no snippet
  EXPECT_EQ(m.make("", text::lang::nl), "");
  EXPECT_EQ(m.make(" -- ", text::lang::nl), "");
  // no match: the start of the body
  EXPECT_EQ(m.make("alpha beta gamma", text::lang::nl), "alpha beta gamma");
}

TEST(search_snippet, bounded_scan_of_long_bodies) {
  text::stemmer stem;
  highlight_terms hl;
  hl.words = {"needle"};
  std::string body(5000, 'x');
  body += " needle";
  snippet_maker m(hl, stem, {.chars = 30, .scan_bytes = 1500});
  auto const s = m.make(body, text::lang::en);
  EXPECT_EQ(s.find("needle"), std::string::npos);  // beyond the scanned part
  EXPECT_TRUE(s.ends_with("…"));
  EXPECT_LE(s.size(), 1500u + 6u);
}
