#include "search/analysis.h"

namespace kwartier::search::detail {

document_analyzer::document_analyzer(text::compound_dictionary const& dict, concept_table const& concepts)
    : dict_(dict), concepts_(concepts) {}

document_analyzer::word_terms const& document_analyzer::terms_of(text::lang l, std::string const& folded) {
  auto& memo = memo_[static_cast<std::size_t>(l)];
  if (auto it = memo.find(folded); it != memo.end()) return it->second;
  if (memo_size_ >= kMaxMemoWords) {
    for (auto& m : memo_) m.clear();
    memo_size_ = 0;
  }
  word_terms wt;
  wt.stem = stem_.stem(l, folded);
  wt.stem_term = term::stem(wt.stem);
  wt.title_stem_term = term::title_stem(wt.stem);
  if ((text::compound_languages() & text::bit(l)) != 0)
    for (auto& part : dict_.split(folded, l)) {
      auto const ps = stem_.stem(l, part);
      wt.parts.push_back({std::move(part), term::stem(ps), term::title_stem(ps)});
    }
  ++memo_size_;
  return memo.emplace(folded, std::move(wt)).first->second;
}

void document_analyzer::analyze(procedure const& d, text::lang l, Xapian::Document& xd) {
  Xapian::termpos pos = 0;
  field(xd, d.title, l, field_kind::title, pos);
  if (!d.summary.empty()) field(xd, d.summary, l, field_kind::summary, pos);
  field(xd, d.body, l, field_kind::body, pos);
}

void document_analyzer::field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind,
                              Xapian::termpos& pos) {
  Xapian::termcount const wdf = kind == field_kind::title ? 5 : kind == field_kind::summary ? 2 : 1;
  bool const title = kind == field_kind::title;
  auto toks = text::tokenize(txt, l);
  folded_.resize(toks.size());
  stems_.resize(toks.size());
  std::size_t k = 0;
  for (auto& t : toks) {
    if (t.folded.size() > term::kMaxWordBytes) t.folded.resize(term::kMaxWordBytes);
    ++pos;
    xd.add_posting(t.folded, pos, wdf);  // term::word(folded) is the folded word itself
    if (t.exact != t.folded && t.exact.size() < term::kMaxExactBytes) xd.add_term(term::exact(t.exact), wdf);
    auto const& wt = terms_of(l, t.folded);
    xd.add_term(wt.stem_term, wdf);
    if (title) xd.add_term(wt.title_stem_term, wdf);
    for (auto const& part : wt.parts) {
      xd.add_posting(part.word, pos, wdf);
      xd.add_term(part.stem_term, wdf);
      if (title) xd.add_term(part.title_stem_term, wdf);
    }
    stems_[k] = wt.stem;
    folded_[k] = std::move(t.folded);
    ++k;
  }
  matches_.clear();
  concepts_.find(l, folded_, stems_, matches_);
  for (auto const& c : matches_) {
    auto const& name = concepts_.name(c.concept_idx);
    xd.add_term(kind == field_kind::body ? term::concept_body(name) : term::concept_title(name), wdf);
  }
  pos += 100;  // no phrase across fields
}

}  // namespace kwartier::search::detail
