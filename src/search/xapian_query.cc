#include "search/xapian_query.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_set>

namespace kwartier::search::detail {
namespace {

struct builder {
  query_plan const& plan;
  index::impl const& ix;
  text::stemmer const& stem;
  query_options const& opt;
  compiled_query out;

  void note(std::string const& t, std::string const& why) { out.why.try_emplace(t, why); }

  // One reading of a word: the folded word, its stems in every language of the index, its title stems.
  Xapian::Query reading_terms(std::string const& w, std::string const& why) {
    std::vector<Xapian::Query> one;
    one.emplace_back(term::word(w));
    note(term::word(w), why);
    out.highlight.words.insert(w);
    if (opt.stemming) {
      std::set<std::string> stems;
      for (auto const* lp : text::profiles())
        if (lp->id != text::lang::neutral && (ix.doc_langs & text::bit(lp->id))) stems.insert(stem.stem(lp->id, w));
      for (auto const& s : stems) {
        one.emplace_back(term::stem(s));
        one.emplace_back(term::title_stem(s));
        auto const same = s == w ? std::string() : " (stem \"" + s + "\")";
        note(term::stem(s), why + same);
        note(term::title_stem(s), why + same + " in a title");
        out.highlight.stems.insert(s);
      }
    }
    return Xapian::Query(Xapian::Query::OP_OR, one.begin(), one.end());
  }

  Xapian::Query word_query(plan_word const& w) {
    std::vector<Xapian::Query> alts;
    std::unordered_set<std::string> seen;
    // other readings of one kind (typo corrections, completions, translations) share one weight budget, so
    // a document matching many of them does not outrank one matching the word itself (OP_MAX would say this
    // directly, but crashes in Xapian 1.4.22 with many subqueries)
    std::array<double, 8> n_kind{};
    for (std::size_t k = 1; k < w.readings.size(); ++k) n_kind[static_cast<std::size_t>(w.readings[k].kind)] += 1;
    for (std::size_t k = 0; k < w.readings.size(); ++k) {
      auto const& r = w.readings[k];
      if (r.word.empty() || r.word.size() > 200 || !seen.insert(r.word).second) continue;
      double const wt = k == 0 ? r.weight : r.weight / std::sqrt(n_kind[static_cast<std::size_t>(r.kind)]);
      auto q1 = reading_terms(r.word, describe(w, r));
      if (k == 0 && w.exact != w.folded && w.exact.size() < term::kMaxExactBytes) {
        note(term::exact(w.exact), "word \"" + w.exact + "\" with its accents");
        q1 = Xapian::Query(Xapian::Query::OP_OR, q1,
                           Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term::exact(w.exact)), 0.5));
      }
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, q1, wt);
    }
    if (!w.parts.empty()) {
      std::string joined;
      for (auto const& p : w.parts) joined += (joined.empty() ? "" : " + ") + p;
      std::vector<Xapian::Query> pq;
      for (auto const& p : w.parts) pq.push_back(reading_terms(p, "compound: " + w.folded + " -> " + joined));
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, pq.begin(), pq.end()),
                        kReadingWeights.compound_parts);
    }
    if (alts.empty()) return {};
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()),
                         w.scale);
  }

  std::string concept_words(plan_concept const& c) {
    std::string s;
    for (std::uint32_t k = 0; k < c.n_tokens; ++k) s += (k ? " " : "") + plan.tokens[c.first_token + k].exact;
    return s;
  }

  void build() {
    std::vector<Xapian::Query> parts;
    // phrases first: their terms are explained as the phrase, not as one of its words
    for (auto const& ph : plan.phrases) {
      std::vector<Xapian::Query> pq;
      auto const why = "translated " + std::string(text::lang_code(ph.from)) + "->" + std::string(text::lang_code(ph.to)) +
                       ": " + ph.source + " -> " + ph.target;
      for (auto const& w : ph.words) pq.push_back(reading_terms(w, why));
      // every target word must be there: the phrase, not one of its words, is the translation
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_AND, pq.begin(), pq.end()),
                         ph.weight);
    }
    for (auto const& w : plan.words) {
      auto q = word_query(w);
      if (!q.empty()) parts.push_back(std::move(q));
    }
    std::set<std::uint32_t> concepts;
    for (auto const& c : plan.concepts) {
      if (!concepts.insert(c.concept_idx).second) continue;
      auto const& name = ix.concepts.name(c.concept_idx);
      auto const why = "concept " + name + " (" + std::string(text::lang_code(c.l)) + ": " + concept_words(c) + ")";
      note(term::concept_title(name), why + " in a title");
      note(term::concept_body(name), why);
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term::concept_title(name)), kConceptTitleWeight);
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term::concept_body(name)), kConceptBodyWeight);
    }
    if (plan.words.size() >= 2) {
      std::vector<Xapian::Query> ph;
      for (auto const& w : plan.words) ph.emplace_back(term::word(w.readings.front().word));
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_PHRASE, ph.begin(), ph.end(),
                                       static_cast<Xapian::termcount>(ph.size() + 2)),
                         1.0);
    }
    out.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    if (!plan.filter_terms.empty()) {
      std::vector<Xapian::Query> fq;
      for (auto const& f : plan.filter_terms) fq.emplace_back(f);
      out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query,
                                Xapian::Query(Xapian::Query::OP_AND, fq.begin(), fq.end()));
    }
  }
};

}  // namespace

compiled_query compile_query(query_plan const& plan, index::impl const& ix, text::stemmer const& stem,
                             query_options const& opt) {
  builder b{plan, ix, stem, opt, {}};
  b.build();
  return std::move(b.out);
}

std::string explain_term(compiled_query const& q, std::string const& t) {
  auto const it = q.why.find(t);
  if (it != q.why.end()) return it->second;
  if (t.empty()) return t;
  switch (t[0]) {
    case 'A': return "word \"" + t.substr(1) + "\" with its accents";
    case 'Z': return "stem \"" + t.substr(1) + "\"";
    case 'S': return "stem \"" + t.substr(1) + "\" in a title";
    case 'K': return "concept " + t.substr(1) + " in a title";
    case 'C': return "concept " + t.substr(1);
    default: return "word \"" + t + "\"";
  }
}

}  // namespace kwartier::search::detail
