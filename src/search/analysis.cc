#include "search/analysis.h"

namespace kwartier::search::detail {

document_analyzer::document_analyzer(text::compound_dictionary const& dict, concept_table const& concepts)
    : dict_(dict), concepts_(concepts) {}

std::string const& document_analyzer::stem_of(text::lang l, std::string const& w) {
  auto& cache = stem_cache_[static_cast<std::size_t>(l)];
  auto it = cache.find(w);
  if (it == cache.end()) it = cache.emplace(w, stem_.stem(l, w)).first;
  return it->second;
}

void document_analyzer::analyze(procedure const& d, text::lang l, Xapian::Document& xd,
                                std::vector<std::string>& words) {
  Xapian::termpos pos = 0;
  field(xd, d.title, l, field_kind::title, pos, words);
  if (!d.summary.empty()) field(xd, d.summary, l, field_kind::summary, pos, words);
  field(xd, d.body, l, field_kind::body, pos, words);
}

void document_analyzer::field(Xapian::Document& xd, std::string_view txt, text::lang l, field_kind kind,
                              Xapian::termpos& pos, std::vector<std::string>& words) {
  Xapian::termcount const wdf = kind == field_kind::title ? 5 : kind == field_kind::summary ? 2 : 1;
  bool const title = kind == field_kind::title;
  bool const compounds = (text::compound_languages() & text::bit(l)) != 0;
  auto toks = text::tokenize(txt, l);
  folded_.clear();
  stems_.clear();
  for (auto& t : toks) {
    if (t.folded.size() > term::kMaxWordBytes) t.folded.resize(term::kMaxWordBytes);
    ++pos;
    xd.add_posting(term::word(t.folded), pos, wdf);
    if (t.exact != t.folded && t.exact.size() < term::kMaxExactBytes) xd.add_term(term::exact(t.exact), wdf);
    auto const& s = stem_of(l, t.folded);
    xd.add_term(term::stem(s), wdf);
    if (title) xd.add_term(term::title_stem(s), wdf);
    words.push_back(t.folded);
    if (compounds) {
      for (auto const& part : dict_.split(t.folded, l)) {
        xd.add_posting(term::word(part), pos, wdf);
        auto const& ps = stem_of(l, part);
        xd.add_term(term::stem(ps), wdf);
        if (title) xd.add_term(term::title_stem(ps), wdf);
        words.push_back(part);
      }
    }
    folded_.push_back(t.folded);
    stems_.push_back(s);
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
