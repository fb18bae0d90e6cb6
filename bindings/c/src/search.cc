// C ABI: search section of kwartier_c.h. Thin: converts types and calls kwartier::search.
#include <memory>
#include <string>
#include <vector>

#include "c_common.h"
#include "kwartier/search/search.h"

using namespace kwartier;
using namespace kwartier::c_abi;

struct kw_search_index {
  search::index idx;
};
struct kw_search_results {
  search::results r;
  std::string json;
};

namespace {
search::hit const* at(kw_search_results const* r, size_t i) {
  if (r == nullptr || i >= r->r.hits.size()) return nullptr;
  return &r->r.hits[i];
}
std::vector<std::string> split(char const* s, char sep) {
  std::vector<std::string> out;
  if (s == nullptr) return out;
  std::string cur;
  for (char const* p = s;; ++p) {
    if (*p == sep || *p == '\0') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else {
      cur.push_back(*p);
    }
  }
  return out;
}
}  // namespace

extern "C" {

void kw_search_options_init(kw_search_options* o) {
  if (o == nullptr) return;
  *o = kw_search_options{KW_SEARCH_OPTIONS_VERSION, nullptr, nullptr, 10, 0, 1, 1};
}

int kw_search_build(size_t* out_n_documents, size_t* out_n_skipped, char const* const* catalogues, size_t n,
                    char const* index_dir, char const* default_country) {
  return guarded([&] {
    if (catalogues == nullptr || n == 0 || index_dir == nullptr)
      return fail(errc::invalid_argument, "kw_search_build: catalogues and index_dir are required");
    std::vector<std::filesystem::path> paths;
    for (size_t i = 0; i < n; ++i) {
      if (catalogues[i] == nullptr) return fail(errc::invalid_argument, "kw_search_build: NULL catalogue path");
      paths.emplace_back(catalogues[i]);
    }
    search::load_options lo;
    if (default_country != nullptr) lo.default_country = default_country;
    auto cat = search::load_catalogues(paths, lo);
    if (!cat) return fail(cat.error());
    auto st = search::build_index(cat->procedures, index_dir);
    if (!st) return fail(st.error());
    if (out_n_documents != nullptr) *out_n_documents = st->n_documents;
    if (out_n_skipped != nullptr) *out_n_skipped = cat->n_skipped + st->n_skipped;
    return static_cast<int>(KW_OK);
  });
}

int kw_search_open(kw_search_index** out, char const* dir) {
  return guarded([&] {
    if (out == nullptr || dir == nullptr) return fail(errc::invalid_argument, "kw_search_open: NULL argument");
    *out = nullptr;
    auto idx = search::index::open(dir);
    if (!idx) return fail(idx.error());
    *out = new kw_search_index{std::move(*idx)};
    return static_cast<int>(KW_OK);
  });
}

void kw_search_free(kw_search_index* index) { delete index; }

size_t kw_search_n_documents(kw_search_index const* index) { return index ? index->idx.n_documents() : 0; }

int kw_search_query(kw_search_results** out, kw_search_index const* index, char const* text,
                    kw_search_options const* opts) {
  return guarded([&] {
    if (out == nullptr || index == nullptr || text == nullptr)
      return fail(errc::invalid_argument, "kw_search_query: NULL argument");
    *out = nullptr;
    kw_search_options o;
    kw_search_options_init(&o);
    if (opts != nullptr) {
      if (opts->version != KW_SEARCH_OPTIONS_VERSION)
        return fail(errc::invalid_argument, "kw_search_options: unknown version (use kw_search_options_init)");
      o = *opts;
    }
    search::query_options q;
    q.langs = split(o.langs, ',');
    for (auto const& f : split(o.filters, ';')) {
      auto const eq = f.find('=');
      if (eq == std::string::npos) return fail(errc::invalid_argument, "kw_search_options.filters: expected field=value");
      q.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
    q.limit = o.limit;
    q.explain = o.explain != 0;
    q.typos = o.typos != 0;
    q.prefix = o.prefix != 0;
    auto r = index->idx.query(text, q);
    if (!r) return fail(r.error());
    auto res = std::make_unique<kw_search_results>();
    res->r = std::move(*r);
    res->json = search::to_json(res->r);
    *out = res.release();
    return static_cast<int>(KW_OK);
  });
}

void kw_search_results_free(kw_search_results* r) { delete r; }
size_t kw_search_results_count(kw_search_results const* r) { return r ? r->r.hits.size() : 0; }
char const* kw_search_result_id(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->id.c_str() : nullptr; }
char const* kw_search_result_lang(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->lang.c_str() : nullptr; }
char const* kw_search_result_title(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->title.c_str() : nullptr; }
char const* kw_search_result_url(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->url.c_str() : nullptr; }
char const* kw_search_result_snippet(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->snippet.c_str() : nullptr; }
char const* kw_search_result_group(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->group_key.c_str() : nullptr; }
char const* kw_search_result_explanation(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->explanation.c_str() : nullptr; }
double kw_search_result_score(kw_search_results const* r, size_t i) { auto h = at(r, i); return h ? h->score : 0.0; }
char const* kw_search_results_json(kw_search_results const* r) { return r ? r->json.c_str() : ""; }

}  // extern "C"
