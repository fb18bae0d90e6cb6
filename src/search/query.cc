#include <xapian.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "search/internal.h"

namespace kwartier::search {

using detail::concept_table;
using detail::vocabulary;

struct index::impl {
  std::filesystem::path dir;
  dataset_file side;
  detail::side_meta meta{};
  std::span<detail::doc_rec const> recs;
  std::vector<std::string_view> ids, titles, urls, orgs, levels, countries, groups, langs, bodies;
  std::vector<std::uint32_t> group_first, group_docs;  // CSR group -> documents
  vocabulary vocab;
  text::lang_mask doc_langs = 0;  // languages the documents are written in
  text::compound_dictionary dict;
  concept_table concepts;
  mutable std::mutex pool_mu;
  mutable std::vector<std::unique_ptr<searcher>> pool;
};

struct searcher::impl {
  std::shared_ptr<index::impl const> keep;  // empty for searchers pooled inside the index (no cycle)
  index::impl const* idx = nullptr;
  Xapian::Database db;
  text::stemmer stem;
};

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", v);
  return buf;
}

constexpr std::size_t kSnippetScanBytes = 1500;

// Cuts `s` to at most n bytes at a code point boundary.
std::string_view cut_utf8(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xc0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

// ------------------------------------------------------------------------------------------------ index
result<index> index::open(std::filesystem::path const& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return make_error(errc::not_found, "search index directory does not exist", dir.string());
  auto p = std::make_shared<impl>();
  p->dir = dir;
  auto const side_path = dir / "side.kwd";
  if (!std::filesystem::exists(side_path, ec))
    return make_error(errc::not_found, "not a kwartier search index (no side.kwd)", side_path.string());
  KW_TRY(p->side, dataset_file::open(side_path, detail::kSideKind));
  auto corrupt = [&](std::string msg) { return make_error(errc::corrupt_dataset, std::move(msg), side_path.string()); };
  KW_TRY(auto meta, p->side.section<detail::side_meta>(fourcc("META")));
  if (meta.size() != 1) return corrupt("META section must hold one record");
  p->meta = meta[0];
  auto const n = p->meta.n_docs;
  KW_TRY(p->recs, p->side.section<detail::doc_rec>(fourcc("DREC")));
  if (p->recs.size() != n) return corrupt("document records do not match the document count");
  auto strs = [&](char const (&o)[5], char const (&c)[5], std::vector<std::string_view>& dst,
                  std::size_t expect) -> status {
    KW_TRY(dst, p->side.strings(fourcc(o), fourcc(c)));
    if (dst.size() != expect) return corrupt(std::string("string table ") + o + " has the wrong size");
    return {};
  };
  KW_TRY_VOID(strs("IDO_", "IDC_", p->ids, n));
  KW_TRY_VOID(strs("TTO_", "TTC_", p->titles, n));
  KW_TRY_VOID(strs("URO_", "URC_", p->urls, n));
  KW_TRY_VOID(strs("ORO_", "ORC_", p->orgs, n));
  KW_TRY_VOID(strs("LVO_", "LVC_", p->levels, n));
  KW_TRY_VOID(strs("CNO_", "CNC_", p->countries, n));
  KW_TRY_VOID(strs("LGO_", "LGC_", p->langs, n));
  KW_TRY_VOID(strs("BDO_", "BDC_", p->bodies, n));
  KW_TRY_VOID(strs("GRO_", "GRC_", p->groups, p->meta.n_groups));
  KW_TRY_VOID(strs("VOO_", "VOC_", p->vocab.words, p->meta.n_vocab));
  KW_TRY(p->vocab.df, p->side.section<std::uint32_t>(fourcc("VDF_")));
  KW_TRY(p->vocab.lang_mask, p->side.section<text::lang_mask>(fourcc("VLM_")));
  if (p->vocab.df.size() != p->meta.n_vocab || p->vocab.lang_mask.size() != p->meta.n_vocab)
    return corrupt("vocabulary columns have the wrong size");
  for (std::size_t i = 1; i < p->vocab.words.size(); ++i)
    if (!(p->vocab.words[i - 1] < p->vocab.words[i])) return corrupt("vocabulary is not sorted");
  std::vector<std::string_view> cw;
  KW_TRY(cw, p->side.strings(fourcc("CDO_"), fourcc("CDC_")));
  for (std::size_t i = 1; i < cw.size(); ++i)
    if (!(cw[i - 1] < cw[i])) return corrupt("compound word list is not sorted");
  p->dict = text::compound_dictionary::from_sorted_views(std::move(cw), nullptr);
  KW_TRY(auto ctx, p->side.section<char>(fourcc("CTX_")));
  auto ct = concept_table::parse(std::string_view(ctx.data(), ctx.size()), side_path.string());
  if (!ct) return corrupt("concept table: " + ct.error().message);
  p->concepts = std::move(*ct);
  // group CSR
  std::vector<std::uint32_t> count(p->meta.n_groups + 1, 0);
  for (auto const& r : p->recs) {
    if (r.group >= p->meta.n_groups) return corrupt("document group out of range");
    if (r.lang >= text::kNumLangs) return corrupt("document language out of range");
    p->doc_langs |= text::bit(static_cast<text::lang>(r.lang));
    ++count[r.group + 1];
  }
  for (std::size_t g = 1; g < count.size(); ++g) count[g] += count[g - 1];
  p->group_first = count;
  p->group_docs.resize(n);
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  for (std::uint32_t d = 0; d < n; ++d) p->group_docs[fill[p->recs[d].group]++] = d;
  // the Xapian database must open and agree on the document count
  try {
    Xapian::Database db((dir / "xapian").string());
    if (db.get_doccount() != n)
      return make_error(errc::corrupt_dataset, "Xapian database and side file disagree on the document count",
                        (dir / "xapian").string());
  } catch (Xapian::DatabaseNotFoundError const& e) {
    return make_error(errc::not_found, "Xapian: " + e.get_description(), (dir / "xapian").string());
  } catch (Xapian::DatabaseVersionError const& e) {
    return make_error(errc::incompatible_dataset, "Xapian: " + e.get_description(), (dir / "xapian").string());
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (dir / "xapian").string());
  }
  index idx;
  idx.impl_ = std::move(p);
  return idx;
}

std::size_t index::n_documents() const { return impl_->meta.n_docs; }
std::string const& index::concept_table_version() const { return impl_->concepts.version(); }
std::filesystem::path const& index::path() const { return impl_->dir; }

result<results> index::query(std::string_view q, query_options const& opt) const {
  std::unique_ptr<searcher> s;
  {
    std::lock_guard lock(impl_->pool_mu);
    if (!impl_->pool.empty()) {
      s = std::move(impl_->pool.back());
      impl_->pool.pop_back();
    }
  }
  if (!s) {
    KW_TRY(auto fresh, searcher::create(*this));
    fresh.impl_->keep.reset();  // the pool lives inside *impl_: a pooled searcher must not own it
    s = std::make_unique<searcher>(std::move(fresh));
  }
  auto r = s->query(q, opt);
  std::lock_guard lock(impl_->pool_mu);
  if (impl_->pool.size() < 64) impl_->pool.push_back(std::move(s));
  return r;
}

// --------------------------------------------------------------------------------------------- searcher

searcher::searcher(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
searcher::~searcher() = default;
searcher::searcher(searcher&&) noexcept = default;
searcher& searcher::operator=(searcher&&) noexcept = default;

result<searcher> searcher::create(index const& idx) {
  auto p = std::make_unique<impl>();
  p->keep = idx.get();
  p->idx = p->keep.get();
  try {
    p->db = Xapian::Database((p->idx->dir / "xapian").string());
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (p->idx->dir / "xapian").string());
  }
  return searcher(std::move(p));
}

namespace {

struct word_plan {
  std::string folded, exact;
  std::vector<std::pair<std::string, double>> alts;  // folded word -> weight (the word itself, variants)
  double scale = 1.0;  // words inside a recognised concept phrase count less: the concept carries them
  std::vector<std::string> parts;  // compound parts (one alternative together)
};

// A recognised concept names the procedure across languages; its words alone are weaker evidence (a
// "building permit" query must not prefer "work permit" pages over "permis d'urbanisme" ones).
constexpr double kConceptTitleWeight = 6.0;
constexpr double kConceptBodyWeight = 0.5;
constexpr double kConceptWordWeight = 0.4;

}  // namespace

result<results> searcher::query(std::string_view raw, query_options const& opt) {
  auto const& ix = *impl_->idx;
  auto& stem = impl_->stem;
  results out;
  if (!text::is_valid_utf8(raw)) return make_error(errc::invalid_argument, "query is not valid UTF-8", {}, 0, "query");
  if (raw.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(errc::invalid_argument, "empty query", {}, 0, "query");
  if (opt.limit == 0 || opt.limit > 1000) return make_error(errc::invalid_argument, "limit must be 1..1000", {}, 0, "limit");
  auto const q = cut_utf8(raw, kMaxQueryBytes);
  if (q.size() < raw.size()) out.notes.push_back("query cut to its first " + std::to_string(q.size()) + " bytes");
  // filters
  std::vector<std::string> filter_terms;
  for (auto const& [field, value] : opt.filters) {
    auto const f = lower(field);
    auto v = lower(value);
    std::string prefix;
    if (f == "lang" || f == "language") { prefix = "XL"; v = std::string(text::lang_code(text::parse_lang(v))); }
    else if (f == "country") prefix = "XC";
    else if (f == "organisation" || f == "organization" || f == "org") prefix = "XO";
    else if (f == "level") prefix = "XV";
    else return make_error(errc::invalid_argument, "unknown filter field '" + field + "' (lang, country, organisation, level)", {}, 0, "filter");
    filter_terms.push_back(prefix + v);
  }
  std::vector<text::lang> prefs;
  for (auto const& l : opt.langs) {
    auto const pl = text::parse_lang(l);
    if (pl != text::lang::neutral && std::find(prefs.begin(), prefs.end(), pl) == prefs.end()) prefs.push_back(pl);
  }
  // tokens; a lone elided article written with a space ("carte d identite") is dropped
  auto toks = text::tokenize(q, text::lang::neutral, kMaxQueryWords);
  if (toks.size() == kMaxQueryWords) out.notes.push_back("query cut to its first " + std::to_string(kMaxQueryWords) + " words");
  {
    std::vector<text::token> kept;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      auto const& f = toks[i].folded;
      bool const article = f.size() <= 2 && text::is_elision(text::lang::neutral, f) && i + 1 < toks.size();
      if (!article) kept.push_back(std::move(toks[i]));
    }
    toks = std::move(kept);
  }
  if (toks.empty()) {
    out.notes.push_back("no words in query");
    return out;
  }
  bool const typing = !std::isspace(static_cast<unsigned char>(q.back())) && std::isalnum(static_cast<unsigned char>(q.back()))
                      ? true : (static_cast<unsigned char>(q.back()) >= 0x80);
  // language of the query: CLD2 + function words, and which languages' documents contain its words
  std::array<double, text::kNumLangs> lscore{};
  for (auto const& g : text::identify_language(q)) lscore[static_cast<std::size_t>(g.l)] += 0.5 * g.score;
  {
    double total = 0;
    std::array<double, text::kNumLangs> ev{};
    for (auto const& t : toks) {
      auto const wi = ix.vocab.find(t.folded);
      if (wi < 0) continue;
      auto const m = ix.vocab.lang_mask[static_cast<std::size_t>(wi)];
      int const bits = __builtin_popcount(m);
      if (bits == 0) continue;
      for (std::size_t l = 1; l < text::kNumLangs; ++l)
        if (m & (1u << l)) ev[l] += 1.0 / bits;
      total += 1;
    }
    if (total > 0)
      for (std::size_t l = 1; l < text::kNumLangs; ++l) lscore[l] += 0.5 * ev[l] / total;
  }
  auto const best_l = static_cast<std::size_t>(std::max_element(lscore.begin() + 1, lscore.end()) - lscore.begin());
  text::lang const qlang = lscore[best_l] > 0 ? static_cast<text::lang>(best_l) : text::lang::neutral;
  out.query_lang = std::string(text::lang_code(qlang));
  // stop words: of the query language and the first preferred language
  auto stop = [&](std::string const& f) {
    if (qlang != text::lang::neutral && text::is_stop_word(qlang, f)) return true;
    if (!prefs.empty() && text::is_stop_word(prefs[0], f)) return true;
    return false;
  };
  // concepts, over all tokens (phrases contain function words)
  std::vector<std::string> folded_all;
  for (auto const& t : toks) folded_all.push_back(t.folded);
  std::set<std::uint32_t> concept_hits;
  std::vector<bool> in_concept(toks.size(), false);
  if (opt.concepts) {
    for (std::size_t li = 1; li < text::kNumLangs; ++li) {
      auto const l = static_cast<text::lang>(li);
      std::vector<std::string> stems;
      for (auto const& f : folded_all) stems.push_back(stem.stem(l, f));
      std::vector<concept_table::match> m;
      ix.concepts.find(l, folded_all, stems, m);
      for (auto const& c : m) {
        // a phrase made only of function words ("mon" stems like Portuguese "monos") is no evidence
        bool content = false;
        for (std::uint32_t k = 0; k < c.n_tokens && !content; ++k) {
          content = !text::is_stop_word_anywhere(folded_all[c.first_token + k]);
        }
        if (!content) continue;
        concept_hits.insert(c.concept_idx);
        for (std::uint32_t k = 0; k < c.n_tokens; ++k) in_concept[c.first_token + k] = true;
      }
    }
  }
  // per word alternatives
  std::vector<word_plan> words;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    auto const& t = toks[i];
    if (stop(t.folded)) continue;
    word_plan w{t.folded, t.exact, {}, in_concept[i] ? kConceptWordWeight : 1.0};
    auto const wi = ix.vocab.find(t.folded);
    std::string base = t.folded;
    if (wi < 0) {
      auto const g = text::strip_glued_elision(t.folded);
      if (!g.empty() && ix.vocab.find(g) >= 0) base = g;
    }
    w.alts.emplace_back(base, 1.0);
    bool const known = ix.vocab.find(base) >= 0;
    // compounds: dictionary words (hunspell, restricted to the index vocabulary) as extra alternatives
    for (auto const* lp : text::profiles()) {
      if (lp->compound_links.empty()) continue;
      auto parts = ix.dict.split(base, lp->id);
      if (!parts.empty()) {
        w.parts = std::move(parts);
        break;
      }
    }
    auto const u = text::to_u32(base);
    bool const last = (i + 1 == toks.size());
    if (opt.typos && !known) {
      auto const k = text::typo_budget(u.size());
      if (k > 0)
        for (auto const& c : ix.vocab.fuzzy(u, k, false, 6))
          w.alts.emplace_back(std::string(ix.vocab.words[c.word]), c.distance == 1 ? 0.7 : 0.5);
    }
    if (opt.prefix && last && typing && u.size() >= 3) {
      auto const k = u.size() >= 6 ? text::typo_budget(u.size()) - 1 : 0u;
      for (auto const& c : ix.vocab.fuzzy(u, k, true, 8))
        if (ix.vocab.words[c.word] != base) w.alts.emplace_back(std::string(ix.vocab.words[c.word]), 0.7);
    }
    words.push_back(std::move(w));
  }
  if (words.empty() && concept_hits.empty()) {
    out.notes.push_back("only stop words");
    return out;
  }
  // Xapian query
  std::vector<Xapian::Query> parts;
  std::unordered_set<std::string> hl_words, hl_stems;  // for snippets
  // one word: the folded form, its stems in every pipeline and its title stems add up; its interpretations
  // (as typed, as compound parts, typo corrections, completions) are alternatives
  // Typo and prefix variants are words of the index vocabulary, so their exact term suffices (stems would
  // only add postlists to open: each costs a read).
  auto word_terms = [&](std::string const& a, bool with_stems = true) {
    std::vector<Xapian::Query> one;
    one.emplace_back(a);
    hl_words.insert(a);
    if (opt.stemming && with_stems) {
      std::unordered_set<std::string> stems;
      for (auto const* lp : text::profiles())
        if (lp->id != text::lang::neutral && (ix.doc_langs & text::bit(lp->id))) stems.insert(stem.stem(lp->id, a));
      for (auto const& s : stems) {
        one.emplace_back("Z" + s);
        one.emplace_back("S" + s);
        hl_stems.insert(s);
      }
    }
    return Xapian::Query(Xapian::Query::OP_OR, one.begin(), one.end());
  };
  for (auto const& w : words) {
    std::vector<Xapian::Query> alts;
    std::unordered_set<std::string> seen;
    // variants (typo corrections, completions) share one weight budget, so a document matching many of
    // them does not outrank one matching the word itself (OP_MAX would say this directly, but crashes in
    // Xapian 1.4.22 with many subqueries)
    double const n_variants = static_cast<double>(std::max<std::size_t>(1, w.alts.size() - 1));
    for (auto const& [a, wt0] : w.alts) {
      if (a.empty() || a.size() > 200 || !seen.insert(a).second) continue;
      bool const primary = &a == &w.alts.front().first;
      double const wt = primary ? wt0 : wt0 / std::sqrt(n_variants);
      auto q1 = word_terms(a);
      if (&a == &w.alts.front().first && w.exact != w.folded && w.exact.size() < 120)
        q1 = Xapian::Query(Xapian::Query::OP_OR, q1, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("A" + w.exact), 0.5));
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, q1, wt);
    }
    if (!w.parts.empty()) {
      std::vector<Xapian::Query> pq;
      for (auto const& p : w.parts) pq.push_back(word_terms(p));
      alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, pq.begin(), pq.end()), 0.6);
    }
    if (!alts.empty())
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end()),
                         w.scale);
  }
  for (auto c : concept_hits) {
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("K" + ix.concepts.name(c)), kConceptTitleWeight);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("C" + ix.concepts.name(c)), kConceptBodyWeight);
  }
  if (words.size() >= 2) {
    std::vector<Xapian::Query> ph;
    for (auto const& w : words) ph.emplace_back(w.alts.front().first);
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_PHRASE, ph.begin(), ph.end(), static_cast<Xapian::termcount>(ph.size() + 2)),
                       1.0);
  }
  Xapian::Query xq(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (!filter_terms.empty()) {
    std::vector<Xapian::Query> fq;
    for (auto const& f : filter_terms) fq.emplace_back(f);
    xq = Xapian::Query(Xapian::Query::OP_FILTER, xq, Xapian::Query(Xapian::Query::OP_AND, fq.begin(), fq.end()));
  }
  auto lang_factor = [&](text::lang dl) {
    if (!prefs.empty()) {
      for (std::size_t k = 0; k < prefs.size(); ++k)
        if (prefs[k] == dl) return std::max(0.6, 1.0 - 0.25 * static_cast<double>(k));
      return 0.5;
    }
    return (qlang == text::lang::neutral || dl == qlang) ? 1.0 : 0.8;
  };
  struct group_acc {
    std::uint32_t group;
    std::uint32_t best_doc;
    double best_weight;
    std::vector<std::uint32_t> matched;
  };
  std::vector<group_acc> groups;
  std::unordered_map<std::uint32_t, std::size_t> group_pos;
  std::unordered_map<std::uint32_t, double> doc_weight;
  std::unordered_map<std::uint32_t, std::vector<std::string>> doc_terms;
  std::array<std::unordered_map<std::string, std::size_t>, 4> facet_counts;
  try {
    Xapian::Enquire enq(impl_->db);
    enq.set_query(xq);
    std::size_t const window = std::max<std::size_t>(100, (opt.offset + opt.limit) * 5);
    auto const mset = enq.get_mset(0, static_cast<Xapian::doccount>(window));
    out.n_matches = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto const d = static_cast<std::uint32_t>(*it - 1);
      if (d >= ix.meta.n_docs) continue;
      double const wgt = it.get_weight();
      doc_weight[d] = wgt;
      facet_counts[0][std::string(ix.langs[d])]++;
      facet_counts[1][std::string(ix.countries[d])]++;
      facet_counts[2][std::string(ix.orgs[d])]++;
      facet_counts[3][std::string(ix.levels[d])]++;
      auto const g = ix.groups[ix.recs[d].group].empty() ? UINT32_MAX - d : ix.recs[d].group;
      auto [gp, ins] = group_pos.try_emplace(opt.group ? g : UINT32_MAX - d, groups.size());
      if (ins) groups.push_back({ix.recs[d].group, d, wgt, {}});
      auto& acc = groups[gp->second];
      acc.matched.push_back(d);
      if (wgt > acc.best_weight) { acc.best_weight = wgt; acc.best_doc = d; }
      if (opt.explain && doc_terms.size() < opt.offset + opt.limit + 50) {
        auto& v = doc_terms[d];
        for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t) v.push_back(*t);
      }
    }
  } catch (Xapian::Error const& e) {
    return make_error(errc::corrupt_dataset, "Xapian: " + e.get_description(), (ix.dir / "xapian").string());
  }
  // answers: one per group, in the best language for the user
  struct answer {
    std::size_t g;
    std::uint32_t doc;
    double score;
    double factor;
  };
  std::vector<answer> answers;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    auto const& acc = groups[gi];
    std::uint32_t rep = acc.best_doc;
    double rep_f = lang_factor(static_cast<text::lang>(ix.recs[rep].lang));
    if (opt.group && !ix.groups[acc.group].empty()) {
      for (auto k = ix.group_first[acc.group]; k < ix.group_first[acc.group + 1]; ++k) {
        auto const d = ix.group_docs[k];
        auto const f = lang_factor(static_cast<text::lang>(ix.recs[d].lang));
        bool const passes = filter_terms.empty() || std::find(acc.matched.begin(), acc.matched.end(), d) != acc.matched.end();
        if (passes && f > rep_f + 1e-9) { rep = d; rep_f = f; }
      }
    }
    answers.push_back({gi, rep, acc.best_weight * rep_f, rep_f});
  }
  std::stable_sort(answers.begin(), answers.end(), [](auto const& a, auto const& b) { return a.score > b.score; });
  // hits
  std::unordered_set<std::string> hl_heads;  // first two bytes of every query stem
  for (auto const& st : hl_stems) hl_heads.insert(st.substr(0, 2));
  std::unordered_map<std::string, bool> stem_memo;  // language + folded word -> its stem is a query stem
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
    h.group_key = ix.groups[ix.recs[d].group];
    h.score = a.score;
    if (!h.group_key.empty())
      for (auto j = ix.group_first[ix.recs[d].group]; j < ix.group_first[ix.recs[d].group + 1]; ++j)
        if (ix.group_docs[j] != d) h.other_langs.emplace_back(ix.langs[ix.group_docs[j]]);
    // snippet: the window of the body with the most matched words
    // (the first kSnippetScanBytes of the body: bounded work per hit)
    auto const body = cut_utf8(ix.bodies[d], kSnippetScanBytes);
    auto const dl = static_cast<text::lang>(ix.recs[d].lang);
    auto const bt = text::tokenize(body, dl, 600);
    std::vector<char> is_hit(bt.size(), 0);
    for (std::size_t j = 0; j < bt.size(); ++j) {
      auto const& f = bt[j].folded;
      if (hl_words.count(f)) { is_hit[j] = 1; continue; }
      if (!opt.stemming || f.size() < 3 || !hl_heads.count(f.substr(0, 2))) continue;  // a stem is a prefix
      std::string key(1, static_cast<char>(dl));
      key += f;
      auto it = stem_memo.find(key);
      if (it == stem_memo.end()) it = stem_memo.emplace(std::move(key), hl_stems.count(stem.stem(dl, f)) != 0).first;
      is_hit[j] = it->second;
    }
    std::size_t best_start = 0, best_hits = 0, cur = 0;
    std::size_t constexpr kWin = 24;
    for (std::size_t j = 0; j < bt.size(); ++j) {
      cur += is_hit[j];
      if (j >= kWin) cur -= is_hit[j - kWin];
      if (cur > best_hits) { best_hits = cur; best_start = j >= kWin - 1 ? j - (kWin - 1) : 0; }
    }
    if (!bt.empty()) {
      std::size_t const from = bt[best_start].begin;
      std::size_t to = from;
      std::string snip;
      if (from > 0) snip += "…";
      std::size_t last = from;
      for (std::size_t j = best_start; j < bt.size() && bt[j].end - from <= opt.snippet_chars; ++j) {
        snip.append(body.substr(last, bt[j].begin - last));
        if (is_hit[j]) snip += opt.highlight_open;
        snip.append(body.substr(bt[j].begin, bt[j].end - bt[j].begin));
        if (is_hit[j]) snip += opt.highlight_close;
        last = to = bt[j].end;
      }
      if (to < body.size()) snip += "…";
      for (auto& c : snip)
        if (c == '\n') c = ' ';
      h.snippet = std::move(snip);
    }
    if (opt.explain) {
      auto const& acc = groups[a.g];
      std::string e = "bm25 " + fmt(acc.best_weight) + " (best document " + std::string(ix.ids[acc.best_doc]) + ")";
      e += " x language " + fmt(a.factor) + " (answer in " + h.lang;
      e += prefs.empty() ? ", query language " + out.query_lang + ")" : ", preferred " + std::string(opt.langs.empty() ? "" : opt.langs[0]) + ")";
      e += " = " + fmt(a.score) + "; matched:";
      auto const it = doc_terms.find(acc.best_doc);
      if (it != doc_terms.end())
        for (auto const& t : it->second) e += " " + t;
      if (acc.matched.size() > 1) e += "; " + std::to_string(acc.matched.size()) + " documents of this procedure matched";
      h.explanation = std::move(e);
    }
    out.hits.push_back(std::move(h));
  }
  static constexpr char const* kFacetNames[] = {"lang", "country", "organisation", "level"};
  for (std::size_t f = 0; f < 4; ++f) {
    facet fc;
    fc.field = kFacetNames[f];
    for (auto const& [v, n] : facet_counts[f])
      if (!v.empty()) fc.values.push_back({v, n});
    std::sort(fc.values.begin(), fc.values.end(), [](auto const& a, auto const& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (fc.values.size() > 20) fc.values.resize(20);
    out.facets.push_back(std::move(fc));
  }
  return out;
}

}  // namespace kwartier::search
