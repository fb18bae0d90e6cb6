// C ABI: search section of kwartier_c.h. Thin: converts types and calls kwartier::search. Option strings are
// parsed by the search module (search::parse_langs, search::parse_filters), defaults come from the C++ structs.
#include <memory>
#include <string>
#include <vector>

#include "c_common.h"
#include "edges/json.h"
#include "kwartier/search/options.h"
#include "kwartier/search/search.h"

using namespace kwartier;
using namespace kwartier::c_abi;

struct kw_search_index {
  search::index idx;
};
struct kw_search_results {
  search::results r;
  std::vector<std::pair<std::string const*, search::facet_value const*>> facets;  // flattened, borrowed from r
};

namespace {
search::hit const* at(kw_search_results const* r, size_t i) {
  if (r == nullptr || i >= r->r.hits.size()) return nullptr;
  return &r->r.hits[i];
}
char const* str_or_empty(char const* s) { return s == nullptr ? "" : s; }
}  // namespace

extern "C" {

KW_API int kw_search_build_options_init(kw_search_build_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "kw_search_build_options_init: opts is NULL");
    if (version != KW_SEARCH_BUILD_OPTIONS_VERSION)
      return fail(errc::unsupported, "kw_search_build_options_init: unknown version");
    // String defaults point into static copies of the C++ defaults (never restated here).
    static search::load_options const l;
    static search::build_options const b;
    static std::string const concept_table = b.concept_table.string();
    *opts = kw_search_build_options{version, l.default_country.c_str(), concept_table.c_str(),
                                    b.compound_dictionaries.empty() ? 0 : 1, nullptr, nullptr};
    return 0;
  });
}

KW_API int kw_search_build(char** out_summary_json, char const* const* catalogues, size_t n, char const* index_dir,
                           kw_search_build_options const* opts) {
  return guarded([&] {
    if (catalogues == nullptr || n == 0 || index_dir == nullptr)
      return fail(errc::invalid_argument, "kw_search_build: catalogues and index_dir are required");
    if (out_summary_json != nullptr) *out_summary_json = nullptr;
    kw_search_build_options o;
    kw_search_build_options_init(&o, KW_SEARCH_BUILD_OPTIONS_VERSION);
    if (opts != nullptr) {
      if (opts->version != KW_SEARCH_BUILD_OPTIONS_VERSION)
        return fail(errc::unsupported, "kw_search_build_options: unknown version (use kw_search_build_options_init)");
      o = *opts;
    }
    std::vector<std::filesystem::path> paths;
    for (size_t i = 0; i < n; ++i) {
      if (catalogues[i] == nullptr) return fail(errc::invalid_argument, "kw_search_build: NULL catalogue path");
      paths.emplace_back(catalogues[i]);
    }
    search::load_options lo;
    lo.default_country = str_or_empty(o.default_country);
    search::build_options bo;
    bo.concept_table = str_or_empty(o.concept_table);
    if (o.compounds == 0) bo.compound_dictionaries.clear();
    bo.progress = progress_adapter(o.progress, o.progress_payload);
    auto cat = search::load_catalogues(paths, lo);
    if (!cat) return fail(cat.error());
    auto st = search::build_index(cat->procedures, index_dir, bo);
    if (!st) return fail(st.error());
    if (out_summary_json != nullptr)
      return new_string(out_summary_json, edges::dump(edges::search_build_summary(index_dir, *st, *cat)));
    return 0;
  });
}

KW_API int kw_search_update(char** out_summary_json, char const* index_dir, char const* const* add, size_t n_add,
                            char const* const* replace, size_t n_replace, char const* const* remove, size_t n_remove,
                            kw_search_build_options const* opts) {
  return guarded([&] {
    if (index_dir == nullptr || (n_add != 0 && add == nullptr) || (n_replace != 0 && replace == nullptr) ||
        (n_remove != 0 && remove == nullptr))
      return fail(errc::invalid_argument, "kw_search_update: NULL argument");
    kw_search_build_options o;
    kw_search_build_options_init(&o, KW_SEARCH_BUILD_OPTIONS_VERSION);
    if (opts != nullptr) {
      if (opts->version != KW_SEARCH_BUILD_OPTIONS_VERSION)
        return fail(errc::invalid_argument, "kw_search_build_options: unknown version (use kw_search_build_options_init)");
      o = *opts;
    }
    search::load_options lo;
    lo.default_country = str_or_empty(o.default_country);
    search::build_options bo;
    bo.concept_table = str_or_empty(o.concept_table);
    if (o.compounds == 0) bo.compound_dictionaries.clear();
    search::index_update u;
    validation_report report;
    auto load = [&](char const* const* files, size_t n, std::vector<search::procedure>& out) -> int {
      if (n == 0) return 0;
      std::vector<std::filesystem::path> paths;
      for (size_t i = 0; i < n; ++i) {
        if (files[i] == nullptr) return fail(errc::invalid_argument, "kw_search_update: NULL catalogue path");
        paths.emplace_back(files[i]);
      }
      auto cat = search::load_catalogues(paths, lo);
      if (!cat) return fail(cat.error());
      report.merge(cat->report);
      out = std::move(cat->procedures);
      return 0;
    };
    if (int rc = load(add, n_add, u.add); rc != 0) return rc;
    if (int rc = load(replace, n_replace, u.replace); rc != 0) return rc;
    for (size_t i = 0; i < n_remove; ++i) {
      if (remove[i] == nullptr) return fail(errc::invalid_argument, "kw_search_update: NULL id");
      u.remove.emplace_back(remove[i]);
    }
    auto st = search::update_index(index_dir, u, bo);
    if (!st) return fail(st.error());
    if (out_summary_json != nullptr)
      return new_string(out_summary_json, edges::dump(edges::search_update_summary(index_dir, *st, report)));
    return 0;
  });
}

KW_API int kw_search_open(kw_search_index** out, char const* dir) {
  return guarded([&] {
    if (out == nullptr || dir == nullptr) return fail(errc::invalid_argument, "kw_search_open: NULL argument");
    *out = nullptr;
    auto idx = search::index::open(dir);
    if (!idx) return fail(idx.error());
    *out = new kw_search_index{std::move(*idx)};
    return 0;
  });
}

KW_API void kw_search_free(kw_search_index* index) { delete index; }

KW_API size_t kw_search_n_documents(kw_search_index const* index) { return index ? index->idx.n_documents() : 0; }

KW_API int kw_search_options_init(kw_search_options* o, unsigned version) {
  return guarded([&] {
    if (o == nullptr) return fail(errc::invalid_argument, "kw_search_options_init: opts is NULL");
    if (version != KW_SEARCH_OPTIONS_VERSION) return fail(errc::unsupported, "kw_search_options_init: unknown version");
    // The highlight marks point into a static C++ default (the library's own, never restated here).
    static search::query_options const d;
    *o = kw_search_options{version,
                           "",  // no preferred language (query_options::langs is empty)
                           "",  // no filter
                           d.limit,
                           d.offset,
                           d.typos ? 1 : 0,
                           d.prefix ? 1 : 0,
                           d.concepts ? 1 : 0,
                           d.stemming ? 1 : 0,
                           d.group ? 1 : 0,
                           d.explain ? 1 : 0,
                           d.snippet_chars,
                           d.highlight_open.c_str(),
                           d.highlight_close.c_str(),
                           ""};  // community: from the preferred languages (query_options::community is empty)
    return 0;
  });
}

KW_API int kw_search_query(kw_search_results** out, kw_search_index const* index, char const* text,
                           kw_search_options const* opts) {
  return guarded([&] {
    if (out == nullptr || index == nullptr || text == nullptr)
      return fail(errc::invalid_argument, "kw_search_query: NULL argument");
    *out = nullptr;
    kw_search_options o;
    kw_search_options_init(&o, KW_SEARCH_OPTIONS_VERSION);
    if (opts != nullptr) {
      if (opts->version != KW_SEARCH_OPTIONS_VERSION)
        return fail(errc::unsupported, "kw_search_options: unknown version (use kw_search_options_init)");
      o = *opts;
    }
    search::query_options q;
    auto langs = search::parse_langs(str_or_empty(o.langs));
    if (!langs) return fail(langs.error());
    q.langs = std::move(*langs);
    auto filters = search::parse_filters(str_or_empty(o.filters));
    if (!filters) return fail(filters.error());
    q.filters = std::move(*filters);
    q.limit = o.limit;
    q.offset = o.offset;
    q.typos = o.typos != 0;
    q.prefix = o.prefix != 0;
    q.concepts = o.concepts != 0;
    q.stemming = o.stemming != 0;
    q.group = o.group != 0;
    q.explain = o.explain != 0;
    q.snippet_chars = o.snippet_chars;
    q.highlight_open = str_or_empty(o.highlight_open);
    q.highlight_close = str_or_empty(o.highlight_close);
    q.community = str_or_empty(o.community);
    auto r = index->idx.query(text, q);
    if (!r) return fail(r.error());
    auto res = std::make_unique<kw_search_results>();
    res->r = std::move(*r);
    for (auto const& f : res->r.facets)
      for (auto const& v : f.values) res->facets.emplace_back(&f.field, &v);
    *out = res.release();
    return 0;
  });
}

KW_API void kw_search_results_free(kw_search_results* r) { delete r; }
KW_API size_t kw_search_results_count(kw_search_results const* r) { return r ? r->r.hits.size() : 0; }
KW_API char const* kw_search_results_query_lang(kw_search_results const* r) { return r ? r->r.query_lang.c_str() : ""; }
KW_API size_t kw_search_results_n_matches(kw_search_results const* r) { return r ? r->r.n_matches : 0; }
KW_API size_t kw_search_results_note_count(kw_search_results const* r) { return r ? r->r.notes.size() : 0; }
KW_API char const* kw_search_results_note(kw_search_results const* r, size_t i) {
  return r != nullptr && i < r->r.notes.size() ? r->r.notes[i].c_str() : nullptr;
}
KW_API size_t kw_search_results_facet_count(kw_search_results const* r) { return r ? r->facets.size() : 0; }
KW_API int kw_search_results_facet(char const** out_field, char const** out_value, size_t* out_count,
                                   kw_search_results const* r, size_t i) {
  return guarded([&] {
    if (out_field == nullptr || out_value == nullptr || out_count == nullptr || r == nullptr)
      return fail(errc::invalid_argument, "kw_search_results_facet: NULL argument");
    if (i >= r->facets.size()) return fail(errc::out_of_range, "kw_search_results_facet: index out of range");
    *out_field = r->facets[i].first->c_str();
    *out_value = r->facets[i].second->value.c_str();
    *out_count = r->facets[i].second->count;
    return 0;
  });
}
KW_API char const* kw_search_result_id(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->id.c_str() : nullptr; }
KW_API char const* kw_search_result_lang(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->lang.c_str() : nullptr; }
KW_API char const* kw_search_result_title(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->title.c_str() : nullptr; }
KW_API char const* kw_search_result_url(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->url.c_str() : nullptr; }
KW_API char const* kw_search_result_organisation(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->organisation.c_str() : nullptr; }
KW_API char const* kw_search_result_level(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->level.c_str() : nullptr; }
KW_API char const* kw_search_result_country(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->country.c_str() : nullptr; }
KW_API char const* kw_search_result_snippet(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->snippet.c_str() : nullptr; }
KW_API char const* kw_search_result_group(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->group_key.c_str() : nullptr; }
KW_API char const* kw_search_result_community(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->community.c_str() : nullptr; }
KW_API char const* kw_search_result_variant_group(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->variant_group.c_str() : nullptr; }
KW_API char const* kw_search_result_explanation(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->explanation.c_str() : nullptr; }
KW_API size_t kw_search_result_other_lang_count(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->other_langs.size() : 0; }
KW_API char const* kw_search_result_other_lang(kw_search_results const* r, size_t i, size_t k) {
  auto h = at(r, i);
  return h != nullptr && k < h->other_langs.size() ? h->other_langs[k].c_str() : nullptr;
}
KW_API double kw_search_result_score(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->score : 0.0; }
KW_API int kw_search_results_json(char** out, kw_search_results const* r) {
  return guarded([&] {
    if (out == nullptr || r == nullptr) return fail(errc::invalid_argument, "kw_search_results_json: NULL argument");
    return new_string(out, edges::dump(edges::to_json(r->r)));
  });
}

}  // extern "C"
