// searcher::query: analysis (query_plan.cc) -> Xapian query (xapian_query.cc) -> matches -> answers
// (grouping.cc, ranking.cc) -> hits with snippets (snippet.cc), facets and explanations.
#include <xapian.h>

#include <array>
#include <cstdio>
#include <unordered_map>

#include "search/grouping.h"
#include "search/query_plan.h"
#include "search/searcher_impl.h"
#include "search/snippet.h"
#include "search/xapian_query.h"

namespace kwartier::search {
namespace {

using namespace detail;

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", v);
  return buf;
}

std::string lang_list(std::vector<text::lang> const& ls) {
  std::string s;
  for (auto l : ls) s += (s.empty() ? "" : ", ") + std::string(text::lang_code(l));
  return s;
}

// "relevance 4.281 (best document X) x language 0.75 (answer in fr; preferred nl, fr) = 3.210; matched: ..."
std::string explanation(index::impl const& ix, query_plan const& plan, compiled_query const& cq, answer const& a,
                        std::vector<std::string> const& terms) {
  std::string e = "relevance " + fmt(a.relevance) + " (best document " + std::string(ix.ids[a.best_doc]) + ")";
  e += " x language " + fmt(a.lang_factor) + " (answer in " + std::string(ix.langs[a.doc]);
  e += plan.prefs.empty() ? "; query language " + std::string(text::lang_code(plan.qlang)) + ")"
                          : "; preferred " + lang_list(plan.prefs) + ")";
  e += " = " + fmt(a.score) + "; matched: ";
  std::vector<std::string> said;
  for (auto const& t : terms) {
    if (t.starts_with("X")) continue;  // filter terms (every answer has them)
    auto why = explain_term(cq, t);
    if (std::find(said.begin(), said.end(), why) == said.end()) said.push_back(std::move(why));
  }
  for (std::size_t k = 0; k < said.size(); ++k) e += (k ? ", " : "") + said[k];
  if (a.n_matched > 1) e += "; " + std::to_string(a.n_matched) + " documents of this procedure matched";
  if (a.how == answer::variant::swapped)
    e += "; answered with the " + std::string(ix.communities[a.doc]) + " community's variant of " +
         std::string(ix.variant_groups[a.doc]) + " (matched: " + std::string(ix.ids[a.swapped_from]) + ", " +
         std::string(ix.communities[a.swapped_from]) + " community)";
  else if (a.how == answer::variant::added)
    e += "; the " + std::string(ix.communities[a.doc]) + " community's variant of " +
         std::string(ix.variant_groups[a.doc]) + ", added because the user's community is not known";
  return e;
}

std::vector<facet> make_facets(index::impl const& ix, std::vector<matched_doc> const& matched) {
  static constexpr char const* kNames[] = {"lang", "country", "organisation", "level"};
  std::array<std::unordered_map<std::string_view, std::size_t>, 4> counts;
  for (auto const& m : matched) {
    counts[0][ix.langs[m.doc]]++;
    counts[1][ix.countries[m.doc]]++;
    counts[2][ix.orgs[m.doc]]++;
    counts[3][ix.levels[m.doc]]++;
  }
  std::vector<facet> out;
  for (std::size_t f = 0; f < 4; ++f) {
    facet fc;
    fc.field = kNames[f];
    for (auto const& [v, n] : counts[f])
      if (!v.empty()) fc.values.push_back({std::string(v), n});
    std::sort(fc.values.begin(), fc.values.end(), [](auto const& a, auto const& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (fc.values.size() > 20) fc.values.resize(20);
    out.push_back(std::move(fc));
  }
  return out;
}

}  // namespace

result<results> searcher::query(std::string_view raw, query_options const& opt) {
  auto const& ix = *impl_->idx;
  auto& stem = impl_->stem;
  KW_TRY(auto plan, analyze_query(ix, stem, raw, opt));
  results out;
  out.notes = plan.notes;
  out.query_lang = std::string(text::lang_code(plan.qlang));
  if (plan.empty()) return out;
  auto const cq = compile_query(plan, ix, stem, opt);
  // matches: the best documents, enough for the requested page after grouping
  std::vector<matched_doc> matched;
  std::unordered_map<std::uint32_t, std::vector<std::string>> terms;  // doc -> matching terms (explain)
  try {
    Xapian::Enquire enq(impl_->db);
    enq.set_query(cq.query);
    std::size_t const window = std::max<std::size_t>(100, (opt.offset + opt.limit) * 5);
    auto const mset = enq.get_mset(0, static_cast<Xapian::doccount>(window));
    out.n_matches = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto const d = static_cast<std::uint32_t>(*it - 1);
      if (d >= ix.meta.n_docs) continue;
      matched.push_back({d, it.get_weight()});
      if (opt.explain && terms.size() < opt.offset + opt.limit + 50) {
        auto& v = terms[d];
        for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) v.push_back(*t);
      }
    }
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (ix.dir / "xapian").string());
  }
  auto answers = group_answers(ix, plan, matched, opt.group);
  apply_communities(ix, plan, matched, opt.group, answers);
  out.community = plan.community;
  snippet_maker snippets(cq.highlight, stem,
                         {.chars = opt.snippet_chars, .open = opt.highlight_open, .close = opt.highlight_close,
                          .stemming = opt.stemming});
  for (std::size_t k = opt.offset; k < answers.size() && out.hits.size() < opt.limit; ++k) {
    auto const& a = answers[k];
    auto const d = a.doc;
    hit h;
    h.doc = d;
    h.id = ix.ids[d];
    h.lang = ix.langs[d];
    h.title = ix.titles[d];
    h.url = ix.urls[d];
    h.organisation = ix.orgs[d];
    h.level = ix.levels[d];
    h.country = ix.countries[d];
    h.group_key = ix.group_key(d);
    h.community = ix.communities[d];
    h.variant_group = ix.variant_groups[d];
    h.score = a.score;
    if (!h.group_key.empty())
      for (auto const o : ix.group_members(ix.recs[d].group))
        if (o != d) h.other_langs.emplace_back(ix.langs[o]);
    h.snippet = snippets.make(ix.bodies[d], ix.doc_lang(d));
    if (opt.explain) {
      auto const it = terms.find(a.best_doc);
      h.explanation = explanation(ix, plan, cq, a, it == terms.end() ? std::vector<std::string>{} : it->second);
    }
    out.hits.push_back(std::move(h));
  }
  out.facets = make_facets(ix, matched);
  return out;
}

}  // namespace kwartier::search
