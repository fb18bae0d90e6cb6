#include "search/query_plan.h"

#include "kwartier/search/options.h"

#include <algorithm>
#include <cctype>

namespace kwartier::search::detail {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Cuts `s` to at most n bytes at a code point boundary.
std::string_view cut_utf8(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}

status parse_filters(query_options const& opt, query_plan& p) {
  for (auto const& [field, value] : opt.filters) {
    auto const f = lower(field);
    auto v = lower(value);
    std::string prefix;
    if (f == "lang" || f == "language") {
      prefix = "XL";
      v = std::string(text::lang_code(text::parse_lang(v)));
    } else if (f == "country") {
      prefix = "XC";
    } else if (f == "organisation" || f == "organization" || f == "org") {
      prefix = "XO";
    } else if (f == "level") {
      prefix = "XV";
    } else {
      return make_error(errc::invalid_argument,
                        "unknown filter field '" + field + "' (lang, country, organisation, level)", {}, 0, "filters");
    }
    p.filter_terms.push_back(prefix + v);
  }
  return {};
}

// Language of the query: CLD2 + function words, and which languages' documents contain its words.
text::lang query_language(index::impl const& ix, std::string_view q, std::vector<text::token> const& toks) {
  std::array<double, text::kNumLangs> score{};
  for (auto const& g : text::identify_language(q)) score[static_cast<std::size_t>(g.l)] += 0.5 * g.score;
  double total = 0;
  std::array<double, text::kNumLangs> ev{};
  for (auto const& t : toks) {
    auto const wi = ix.vocab.find(t.folded);
    if (wi < 0) continue;
    auto const m = ix.vocab.lang_mask[static_cast<std::size_t>(wi)];
    int const bits = __builtin_popcount(m);
    if (bits == 0) continue;
    for (std::size_t l = 1; l < text::kNumLangs; ++l)
      if (m & text::bit(static_cast<text::lang>(l))) ev[l] += 1.0 / bits;
    total += 1;
  }
  if (total > 0)
    for (std::size_t l = 1; l < text::kNumLangs; ++l) score[l] += 0.5 * ev[l] / total;
  auto const best = static_cast<std::size_t>(std::max_element(score.begin() + 1, score.end()) - score.begin());
  return score[best] > 0 ? static_cast<text::lang>(best) : text::lang::neutral;
}

// Concept phrases of every language found in the query (phrases contain function words, so all tokens).
void find_concepts(index::impl const& ix, text::stemmer& stem, query_plan& p) {
  std::vector<std::string> folded;
  for (auto const& t : p.tokens) folded.push_back(t.folded);
  std::vector<std::string> stems;
  std::vector<concept_table::match> m;
  for (auto const* lp : text::profiles()) {
    if (lp->id == text::lang::neutral) continue;
    stems.clear();
    for (auto const& f : folded) stems.push_back(stem.stem(lp->id, f));
    m.clear();
    ix.concepts.find(lp->id, folded, stems, m);
    for (auto const& c : m) {
      // a phrase made only of function words ("mon" stems like Portuguese "monos") is no evidence
      bool content = false;
      for (std::uint32_t k = 0; k < c.n_tokens && !content; ++k)
        content = !text::is_stop_word_anywhere(folded[c.first_token + k]);
      if (!content) continue;
      // A one-word phrase met through a stem of fewer than 4 letters (too short for the typo budget to allow
      // an edit) only counts when the word is written as in the table: Snowball cuts verb and noun endings
      // down to roots that many unrelated words share (Spanish "casa", a house, "caso", "casi" and the typo
      // "caser" all stem to "cas", like "casarse", to marry).
      if (c.n_tokens == 1 && text::typo_budget(text::to_u32(stems[c.first_token]).size()) == 0 &&
          !ix.concepts.has_word(c.concept_idx, lp->id, folded[c.first_token]))
        continue;
      p.concepts.push_back({c.concept_idx, lp->id, c.first_token, c.n_tokens});
    }
  }
}

bool covered(query_plan const& p, std::uint32_t token) {
  for (auto const& c : p.concepts)
    if (token >= c.first_token && token < c.first_token + c.n_tokens) return true;
  for (auto const& ph : p.phrases)
    if (token >= ph.first_token && token < ph.first_token + ph.n_tokens) return true;
  return false;
}

bool in_concept(query_plan const& p, std::uint32_t token) {
  for (auto const& c : p.concepts)
    if (token >= c.first_token && token < c.first_token + c.n_tokens) return true;
  return false;
}

// Source languages worth translating a word from, with how plausible each is: the query's language; for a
// word the index does not know, every language with dictionaries (a two-word query rarely identifies its
// language).
struct source_lang {
  text::lang l;
  double weight;
};
std::vector<source_lang> translation_sources(index::impl const& ix, query_plan const& p, bool known) {
  std::vector<source_lang> out;
  if (ix.translations.empty()) return out;
  for (auto const* lp : text::profiles()) {
    if (lp->dictionaries.empty()) continue;
    if (lp->id == p.qlang) out.insert(out.begin(), {lp->id, 1.0});
    else if (!known) out.push_back({lp->id, 0.6});
  }
  return out;
}

// Phrases of 2..kMaxPhraseWords query words that a dictionary translates as a whole ("akt urodzenia").
void find_phrase_translations(index::impl const& ix, text::stemmer& stem, query_plan& p) {
  auto const n = static_cast<std::uint32_t>(p.tokens.size());
  std::vector<std::string> stems;
  std::vector<translation_table::translation> trs;
  for (std::uint32_t i = 0; i + 1 < n; ++i) {
    if (in_concept(p, i)) continue;
    bool const known = ix.vocab.find(p.tokens[i].folded) >= 0;
    for (auto const src : translation_sources(ix, p, known)) {
      bool found = false;
      for (std::uint32_t len = std::min<std::uint32_t>(translation_table::kMaxPhraseWords, n - i); len >= 2 && !found; --len) {
        stems.clear();
        for (std::uint32_t k = i; k < i + len; ++k) stems.push_back(stem.stem(src.l, p.tokens[k].folded));
        trs.clear();
        ix.translations.lookup(src.l, stems, trs);
        text::lang_mask langs_done = 0;
        for (auto const& t : trs) {
          if (t.to == src.l || !(ix.doc_langs & text::bit(t.to)) || (langs_done & text::bit(t.to))) continue;
          langs_done |= text::bit(t.to);  // the first (best) translation into each language
          plan_phrase_translation ph{i, len, src.l, t.to, {}, {}, std::string(t.written),
                                     kReadingWeights.phrase_translation * src.weight};
          for (auto w : t.words) ph.words.emplace_back(w);
          for (std::uint32_t k = i; k < i + len; ++k) ph.source += (k > i ? " " : "") + p.tokens[k].exact;
          p.phrases.push_back(std::move(ph));
          found = true;
        }
      }
      if (found) break;
    }
  }
}

// One word's translations: readings into the index's languages, best senses first; a translation of
// several words ("geboorteakte" -> "acte de naissance") becomes a one-word phrase.
void translate_word(index::impl const& ix, text::stemmer& stem, query_plan& p, plan_word& w) {
  constexpr std::size_t kMaxReadings = 6;
  std::vector<translation_table::translation> trs;
  std::size_t added = 0;
  for (auto const src : translation_sources(ix, p, w.known)) {
    if (text::is_stop_word(src.l, w.folded)) continue;
    std::string const s = stem.stem(src.l, w.folded);
    trs.clear();
    ix.translations.lookup(src.l, std::span<std::string const>(&s, 1), trs);
    for (auto const& t : trs) {
      if (t.to == src.l || !(ix.doc_langs & text::bit(t.to))) continue;
      if (t.words.size() > 1) {
        plan_phrase_translation ph{w.token, 1, src.l, t.to, {}, w.exact, std::string(t.written),
                                   kReadingWeights.translation * src.weight};
        for (auto x : t.words) ph.words.emplace_back(x);
        p.phrases.push_back(std::move(ph));
        if (++added == kMaxReadings) return;
        continue;
      }
      std::string v(t.words[0]);
      bool const dup = std::any_of(w.readings.begin(), w.readings.end(), [&](auto const& r) { return r.word == v; });
      if (dup) continue;
      w.readings.push_back({std::move(v), kReadingWeights.translation * src.weight, reading::translation, 0, src.l, t.to});
      if (++added == kMaxReadings) return;
    }
  }
}

// Readings of one content word: as typed, compound parts, `translate` (dictionary readings, which name a
// word better than an edit does), typo corrections, completions. A word reached twice keeps its first
// reason and the higher weight.
template <class Translate>
void read_word(index::impl const& ix, query_options const& opt, bool last, bool typing, plan_word& w,
               Translate&& translate) {
  auto const& rw = kReadingWeights;
  std::string base = w.folded;
  w.known = ix.vocab.find(base) >= 0;
  if (!w.known) {
    auto const g = text::strip_glued_elision(w.folded);
    if (!g.empty() && ix.vocab.find(g) >= 0) {
      base = g;
      w.known = true;
      w.readings.push_back({base, 1.0, reading::glued_elision});
    }
  }
  if (w.readings.empty()) w.readings.push_back({base, 1.0, reading::typed});
  for (auto const* lp : text::profiles()) {
    if (lp->compound_links.empty()) continue;
    auto parts = ix.dict.split(base, lp->id);
    if (!parts.empty()) {
      w.parts = std::move(parts);
      break;
    }
  }
  translate();
  auto const u = text::to_u32(base);
  auto const seen = [&](std::string_view x, double weight) {
    for (auto& r : w.readings)
      if (r.word == x) {
        r.weight = std::max(r.weight, weight);
        return true;
      }
    return false;
  };
  if (opt.typos) {
    // words of the vocabulary within the budget; for a known word they are weaker guesses than the word
    auto const k = text::typo_budget(u.size());
    if (k > 0)
      for (auto const& c : ix.vocab.fuzzy(u, k, false, w.known ? 4 : 6)) {
        if (c.distance == 0) continue;
        std::string v(ix.vocab.words[c.word]);
        double const wt = w.known ? (c.distance == 1 ? rw.typo1_known : rw.typo2_known)
                                  : (c.distance == 1 ? rw.typo1_unknown : rw.typo2_unknown);
        if (seen(v, wt)) continue;
        w.readings.push_back({std::move(v), wt, reading::typo, static_cast<std::uint8_t>(c.distance)});
      }
  }
  if (opt.prefix && last && typing && u.size() >= 3) {
    // completions of the last word; with typos (the budget of what was typed so far) only when neither
    // reading alone explains it: nothing in the vocabulary begins with it, and it is not itself a word of
    // the vocabulary or within the typo budget of one. An unfinished word with a typo is the weakest
    // guess; where a finished word with a typo exists ("peris" -> "permis"), completing a typo'd prefix
    // ("peris" -> "pers" -> "personalausweis") would only add noise that can outrank it.
    auto cands = ix.vocab.fuzzy(u, 0, true, 8);
    if (base != w.folded) {
      // a glued elision ("cart" read as c' + "art") reads a finished word; what was typed may also be the
      // beginning of a longer word ("carte"), which is completed too
      auto typed = ix.vocab.fuzzy(text::to_u32(w.folded), 0, true, 8);
      cands.insert(cands.begin(), typed.begin(), typed.end());
    }
    bool const corrected = w.known || std::any_of(w.readings.begin(), w.readings.end(),
                                                  [](auto const& r) { return r.kind == reading::typo; });
    if (opt.typos && !corrected &&
        std::none_of(cands.begin(), cands.end(), [&](auto const& c) { return ix.vocab.words[c.word] != base; }))
      cands = ix.vocab.fuzzy(u, text::typo_budget(u.size()), true, 6);
    for (auto const& c : cands) {
      std::string v(ix.vocab.words[c.word]);
      double const wt = c.distance == 0 ? rw.prefix : rw.prefix_typo;
      if (seen(v, wt)) continue;
      w.readings.push_back({std::move(v), wt, reading::prefix, static_cast<std::uint8_t>(c.distance)});
    }
  }
}

}  // namespace

result<query_plan> analyze_query(index::impl const& ix, text::stemmer& stem, std::string_view raw,
                                 query_options const& opt) {
  query_plan p;
  if (!text::is_valid_utf8(raw)) return make_error(errc::invalid_argument, "query is not valid UTF-8", {}, 0, "query");
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(errc::invalid_argument, "empty query", {}, 0, "query");
  if (opt.limit == 0 || opt.limit > 1000) return make_error(errc::invalid_argument, "limit must be 1..1000", {}, 0, "limit");
  KW_TRY_VOID(check_langs(opt.langs));
  auto const q = cut_utf8(raw, kMaxQueryBytes);
  if (q.size() < raw.size()) p.notes.push_back("query cut to its first " + std::to_string(q.size()) + " bytes");
  KW_TRY_VOID(parse_filters(opt, p));
  for (auto const& l : opt.langs) {
    auto const pl = text::parse_lang(l);
    if (pl != text::lang::neutral && std::find(p.prefs.begin(), p.prefs.end(), pl) == p.prefs.end()) p.prefs.push_back(pl);
  }
  // the user's community: explicit, else that of the first preferred language
  p.community = lower(opt.community);
  if (!p.community.empty() && p.community != "fr" && p.community != "nl" && p.community != "de")
    return make_error(errc::invalid_argument, "community must be fr, nl or de (or empty), got '" + opt.community + "'",
                      {}, 0, "community");
  if (p.community.empty() && !p.prefs.empty()) p.community = std::string(text::profile(p.prefs[0]).community);
  // tokens; a lone elided article written with a space ("carte d identite") is dropped
  auto toks = text::tokenize(q, text::lang::neutral, kMaxQueryWords);
  if (toks.size() == kMaxQueryWords) p.notes.push_back("query cut to its first " + std::to_string(kMaxQueryWords) + " words");
  for (std::size_t i = 0; i < toks.size(); ++i) {
    auto const& f = toks[i].folded;
    bool const article = f.size() <= 2 && text::is_elision(text::lang::neutral, f) && i + 1 < toks.size();
    if (!article) p.tokens.push_back(std::move(toks[i]));
  }
  if (p.tokens.empty()) {
    p.notes.push_back("no words in query");
    return p;
  }
  // the last word is still being typed unless the query ends with a space or punctuation
  auto const back = static_cast<unsigned char>(q.back());
  p.typing = back >= 0x80 || std::isalnum(back);
  p.qlang = query_language(ix, q, p.tokens);
  if (opt.concepts) find_concepts(ix, stem, p);
  if (opt.translations) find_phrase_translations(ix, stem, p);
  // content words: not a function word of the query language or of the first preferred language
  auto const stop = [&](std::string const& f) {
    return (p.qlang != text::lang::neutral && text::is_stop_word(p.qlang, f)) ||
           (!p.prefs.empty() && text::is_stop_word(p.prefs[0], f));
  };
  for (std::uint32_t i = 0; i < p.tokens.size(); ++i) {
    auto const& t = p.tokens[i];
    if (stop(t.folded)) continue;
    plan_word w{t.folded, t.exact, i, covered(p, i) ? 0.4 : 1.0};
    read_word(ix, opt, i + 1 == p.tokens.size(), p.typing, w, [&] {
      if (opt.translations && !in_concept(p, i)) translate_word(ix, stem, p, w);
    });
    p.words.push_back(std::move(w));
  }
  if (p.empty()) p.notes.push_back("only stop words");
  return p;
}

std::string describe(plan_word const& w, word_reading const& r) {
  switch (r.kind) {
    case reading::typed: return "word \"" + r.word + "\"";
    case reading::glued_elision: return "elision: " + w.folded + " -> " + r.word;
    case reading::typo: return "typo: " + w.folded + " -> " + r.word;
    case reading::prefix:
      return std::string(r.distance ? "prefix with typo: " : "prefix: ") + w.folded + " -> " + r.word;
    case reading::translation:
      return "translated " + std::string(text::lang_code(r.from)) + "->" + std::string(text::lang_code(r.to)) + ": " +
             w.folded + " -> " + r.word;
  }
  return r.word;
}

}  // namespace kwartier::search::detail
