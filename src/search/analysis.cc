#include "search/analysis.h"

#include <algorithm>

namespace kwartier::search::detail {

document_analyzer::document_analyzer(text::compound_dictionary const& dict, concept_table const& concepts,
                                     std::size_t max_memo_words)
    : dict_(dict), concepts_(concepts), max_memo_words_(max_memo_words) {}

document_analyzer::word_terms& document_analyzer::terms_of(text::lang l, std::string const& folded) {
  auto& memo = memo_[static_cast<std::size_t>(l)];
  if (auto it = memo.find(folded); it != memo.end()) return it->second;
  word_terms wt;
  wt.stem = stem_.stem(l, folded);
  wt.stem_term = term::stem(wt.stem);
  wt.title_stem_term = term::title_stem(wt.stem);
  if ((text::compound_languages() & text::bit(l)) != 0)
    for (auto& part : dict_.split(folded, l)) {
      // parts are shorter than the word, so this ends; memo entries keep their address when the memo grows
      auto& pw = terms_of(l, part);
      wt.parts.push_back({std::move(part), pw.stem_term, pw.title_stem_term, &pw});
    }
  wt.concept_starts = concepts_.phrases_starting(l, wt.stem);
  ++memo_size_;
  return memo.emplace(folded, std::move(wt)).first->second;
}

// The terms of a document are the same as adding, token by token, the word at its position, its exact form,
// its stem term (and title stem term in the title) and those of its compound parts, each with the field's wdf:
// positional terms are added per token; the others are counted per distinct word and added once with their
// summed wdf (Xapian adds the wdf of a term added twice, so words sharing a stem give the same document).
void document_analyzer::analyze(procedure const& d, text::lang l, Xapian::Document& xd) {
  if (memo_size_ >= max_memo_words_) {  // only between documents: touched_ points into the memo
    add_vocabulary(dropped_);
    for (auto& m : memo_) m.clear();
    memo_size_ = 0;
  }
  ++doc_;
  touched_.clear();
  Xapian::termpos pos = 0;
  field(xd, d.title, l, field_kind::title, pos);
  if (!d.summary.empty()) field(xd, d.summary, l, field_kind::summary, pos);
  field(xd, d.body, l, field_kind::body, pos);
  for (auto* w : touched_) {
    xd.add_term(w->stem_term, w->wdf);
    if (w->title_wdf != 0) xd.add_term(w->title_stem_term, w->title_wdf);
    for (auto const& part : w->parts) {
      xd.add_term(part.stem_term, w->wdf);
      if (w->title_wdf != 0) xd.add_term(part.title_stem_term, w->title_wdf);
    }
    if (w->exact_seen)
      for (auto& e : w->exacts)
        if (e.wdf != 0) xd.add_term(e.term, e.wdf);
  }
}

void document_analyzer::add_vocabulary(vocabulary_counts& out) const {
  if (&out != &dropped_)
    for (auto const& [w, e] : dropped_) {
      auto& o = out[w];
      o.df += e.df;
      o.mask |= e.mask;
    }
  for (std::size_t l = 0; l < text::kNumLangs; ++l)
    for (auto const& [w, wt] : memo_[l])
      if (wt.df != 0) {
        auto& o = out[w];
        o.df += wt.df;
        o.mask |= text::bit(static_cast<text::lang>(l));
      }
}

void document_analyzer::field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind,
                              Xapian::termpos& pos) {
  Xapian::termcount const wdf = kind == field_kind::title ? 5 : kind == field_kind::summary ? 2 : 1;
  bool const title = kind == field_kind::title;
  auto toks = text::tokenize(txt, l);
  folded_.resize(toks.size());
  stems_.resize(toks.size());
  starts_.resize(toks.size());
  std::size_t k = 0;
  for (auto& t : toks) {
    if (t.folded.size() > term::kMaxWordBytes) t.folded.resize(term::kMaxWordBytes);
    ++pos;
    xd.add_posting(t.folded, pos, wdf);  // term::word(folded) is the folded word itself
    auto& wt = terms_of(l, t.folded);
    if (wt.doc != doc_) {
      wt.doc = doc_;
      wt.wdf = wt.title_wdf = 0;
      wt.exact_seen = false;
      for (auto& e : wt.exacts) e.wdf = 0;
      touched_.push_back(&wt);
      count(wt);
      for (auto const& part : wt.parts) count(*part.self);
    }
    wt.wdf += wdf;
    if (title) wt.title_wdf += wdf;
    if (t.exact != t.folded && t.exact.size() < term::kMaxExactBytes) {
      auto e = std::find_if(wt.exacts.begin(), wt.exacts.end(), [&](exact_form const& x) { return x.exact == t.exact; });
      if (e == wt.exacts.end()) e = wt.exacts.insert(wt.exacts.end(), exact_form{t.exact, term::exact(t.exact), 0});
      e->wdf += wdf;
      wt.exact_seen = true;
    }
    for (auto const& part : wt.parts) xd.add_posting(part.word, pos, wdf);
    folded_[k] = t.folded;
    stems_[k] = wt.stem;
    starts_[k] = wt.concept_starts;
    ++k;
  }
  matches_.clear();
  concepts_.find(l, folded_, stems_, starts_, matches_);
  for (auto const& c : matches_) {
    auto const& name = concepts_.name(c.concept_idx);
    xd.add_term(kind == field_kind::body ? term::concept_body(name) : term::concept_title(name), wdf);
  }
  pos += 100;  // no phrase across fields
}

}  // namespace kwartier::search::detail
