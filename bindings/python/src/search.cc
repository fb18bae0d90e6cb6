// Python binding of kwartier::search (catalogue load + index build, open, query). Thin: converts types and
// calls the C++ API; the pure-Python layer is kwartier/search.py, which checks argument types. The GIL is
// released around builds and queries; search::index is thread-safe.
#include <string>
#include <utility>
#include <vector>

#include "common.h"
#include "kwartier/search/search.h"

namespace kwartier::py {
namespace {

namespace se = kwartier::search;

pyb::dict hit_dict(se::hit const& h) {
  pyb::dict d;
  d["id"] = h.id;
  d["lang"] = h.lang;
  d["title"] = h.title;
  d["url"] = h.url;
  d["organisation"] = h.organisation;
  d["level"] = h.level;
  d["country"] = h.country;
  d["group"] = h.group_key;
  d["community"] = h.community;
  d["variant_group"] = h.variant_group;
  d["other_langs"] = h.other_langs;
  d["score"] = h.score;
  d["snippet"] = h.snippet;
  d["explanation"] = h.explanation;
  return d;
}

}  // namespace

void bind_search(pyb::module_& m) {
  pyb::class_<se::index>(m, "_SearchIndex", "An opened search index (immutable, thread-safe).")
      .def_property_readonly("n_documents", &se::index::n_documents)
      .def_property_readonly("concept_table_version", &se::index::concept_table_version)
      .def_property_readonly("path", [](se::index const& i) { return i.path().string(); })
      .def_property_readonly("build_id", &se::index::build_id)
      .def(
          "query",
          [](se::index const& idx, std::string const& text, std::vector<std::string> const& langs, std::size_t limit,
             std::size_t offset, std::vector<std::pair<std::string, std::string>> const& filters, bool typos,
             bool prefix, bool concepts, bool stemming, bool group, bool explain, std::size_t snippet_chars,
             std::string const& highlight_open, std::string const& highlight_close, std::string const& community) {
            se::query_options o;
            o.langs = langs;
            o.limit = limit;
            o.offset = offset;
            o.filters = filters;
            o.typos = typos;
            o.prefix = prefix;
            o.concepts = concepts;
            o.stemming = stemming;
            o.group = group;
            o.explain = explain;
            o.snippet_chars = snippet_chars;
            o.highlight_open = highlight_open;
            o.highlight_close = highlight_close;
            o.community = community;
            result<se::results> r;
            {
              pyb::gil_scoped_release release;
              r = idx.query(text, o);
            }
            auto res = unwrap(std::move(r));
            pyb::list hits;
            for (auto const& h : res.hits) hits.append(hit_dict(h));
            auto const j = edges::to_json(res);
            return pyb::make_tuple(hits, to_python(j["facets"]), res.query_lang, res.notes, res.n_matches,
                                   res.community);
          },
          pyb::arg("text"), pyb::arg("langs"), pyb::arg("limit"), pyb::arg("offset"), pyb::arg("filters"),
          pyb::arg("typos"), pyb::arg("prefix"), pyb::arg("concepts"), pyb::arg("stemming"), pyb::arg("group"),
          pyb::arg("explain"), pyb::arg("snippet_chars"), pyb::arg("highlight_open"), pyb::arg("highlight_close"),
          pyb::arg("community"));

  m.def("search_defaults", [] {
    se::query_options const q;
    pyb::dict query;
    query["limit"] = q.limit;
    query["offset"] = q.offset;
    query["typos"] = q.typos;
    query["prefix"] = q.prefix;
    query["concepts"] = q.concepts;
    query["stemming"] = q.stemming;
    query["group"] = q.group;
    query["explain"] = q.explain;
    query["snippet_chars"] = q.snippet_chars;
    query["highlight_open"] = q.highlight_open;
    query["highlight_close"] = q.highlight_close;
    query["community"] = q.community;
    se::load_options const l;
    se::build_options const b;
    pyb::dict build;
    build["default_country"] = l.default_country;
    build["concept_table"] = b.concept_table.string();
    build["compounds"] = !b.compound_dictionaries.empty();
    pyb::dict d;
    d["search.query"] = query;
    d["search.build"] = build;
    return d;
  }, "Defaults of search::query_options, search::load_options and search::build_options.");

  m.def(
      "search_build",
      [](std::vector<std::string> const& catalogues, std::string const& out, std::string const& default_country,
         std::string const& concept_table, bool compounds, pyb::object progress) {
        std::vector<std::filesystem::path> paths(catalogues.begin(), catalogues.end());
        se::load_options lo;
        lo.default_country = default_country;
        se::build_options bo;
        bo.concept_table = concept_table;
        if (!compounds) bo.compound_dictionaries.clear();
        progress_callback pc{std::move(progress)};
        bo.progress = pc.get();
        result<se::catalogue> cat;
        result<se::build_stats> st;
        {
          pyb::gil_scoped_release release;
          cat = se::load_catalogues(paths, lo);
          if (cat) st = se::build_index(cat->procedures, out, bo);
        }
        pc.rethrow();
        auto c = unwrap(std::move(cat));
        return to_python(edges::search_build_summary(out, unwrap(std::move(st)), c));
      },
      pyb::arg("catalogues"), pyb::arg("out"), pyb::arg("default_country"), pyb::arg("concept_table"),
      pyb::arg("compounds"), pyb::arg("progress"));
  m.def(
      "search_update",
      [](std::string const& dir, std::vector<std::string> const& add, std::vector<std::string> const& replace,
         std::vector<std::string> const& remove, std::string const& default_country, bool compounds) {
        se::load_options lo;
        lo.default_country = default_country;
        se::build_options bo;
        if (!compounds) bo.compound_dictionaries.clear();
        se::index_update u;
        validation_report report;
        result<se::update_stats> st;
        {
          pyb::gil_scoped_release release;
          st = [&]() -> result<se::update_stats> {
            for (auto const* files : {&add, &replace}) {
              if (files->empty()) continue;
              std::vector<std::filesystem::path> paths(files->begin(), files->end());
              KW_TRY(auto cat, se::load_catalogues(paths, lo));
              report.merge(cat.report);
              (files == &add ? u.add : u.replace) = std::move(cat.procedures);
            }
            u.remove = remove;
            return se::update_index(dir, u, bo);
          }();
        }
        auto s = unwrap(std::move(st));
        return to_python(edges::search_update_summary(dir, s, report));
      },
      pyb::arg("dir"), pyb::arg("add"), pyb::arg("replace"), pyb::arg("remove"), pyb::arg("default_country"),
      pyb::arg("compounds"));
  m.def(
      "search_open", [](std::string const& path) { return unwrap(se::index::open(path)); }, pyb::arg("path"),
      pyb::call_guard<pyb::gil_scoped_release>());
}

}  // namespace kwartier::py
