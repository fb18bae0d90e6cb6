// Python binding of kwartier::search (catalogue load + index build, open, query). Thin: converts types and
// calls the C++ API; the pure-Python layer is kwartier/search.py. The GIL is released around builds and
// queries; search::index is thread-safe.
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
             std::vector<std::pair<std::string, std::string>> const& filters, bool explain, bool typos, bool prefix,
             bool group) {
            se::query_options o;
            o.langs = langs;
            o.limit = limit;
            o.filters = filters;
            o.explain = explain;
            o.typos = typos;
            o.prefix = prefix;
            o.group = group;
            se::results r;
            {
              pyb::gil_scoped_release release;
              r = unwrap(idx.query(text, o));
            }
            pyb::list hits;
            for (auto const& h : r.hits) hits.append(hit_dict(h));
            pyb::dict facets;
            for (auto const& f : r.facets) {
              pyb::dict v;
              for (auto const& fv : f.values) v[pyb::str(fv.value)] = fv.count;
              facets[pyb::str(f.field)] = v;
            }
            return pyb::make_tuple(hits, facets, r.query_lang, r.notes, r.n_matches);
          },
          pyb::arg("text"), pyb::arg("langs") = std::vector<std::string>{}, pyb::arg("limit") = 10,
          pyb::arg("filters") = std::vector<std::pair<std::string, std::string>>{}, pyb::arg("explain") = false,
          pyb::arg("typos") = true, pyb::arg("prefix") = true, pyb::arg("group") = true);

  m.def(
      "search_build",
      [](std::vector<std::string> const& catalogues, std::string const& out, std::string const& default_country,
         std::string const& concept_table, bool compounds) {
        std::vector<std::filesystem::path> paths(catalogues.begin(), catalogues.end());
        se::load_options lo;
        lo.default_country = default_country;
        se::build_options bo;
        if (!concept_table.empty()) bo.concept_table = concept_table;
        if (!compounds) bo.compound_dictionaries.clear();
        se::catalogue cat;
        se::build_stats st;
        {
          pyb::gil_scoped_release release;
          cat = unwrap(se::load_catalogues(paths, lo));
          st = unwrap(se::build_index(cat.procedures, out, bo));
        }
        pyb::dict stats;
        stats["documents"] = st.n_documents;
        stats["skipped"] = cat.n_skipped + st.n_skipped;
        stats["build_id"] = st.build_id;
        stats["groups"] = st.n_groups;
        stats["vocabulary"] = st.n_vocabulary;
        stats["compound_words"] = st.n_compound_words;
        stats["concepts"] = st.n_concepts;
        stats["concept_table_version"] = st.concept_table_version;
        stats["seconds"] = st.seconds;
        std::vector<std::tuple<std::string, std::string, std::string, std::uint32_t, std::string, std::string>> probs;
        cat.report.merge(st.report);
        for (auto const& p : cat.report.problems())
          probs.emplace_back(std::string(severity_name(p.severity)), p.code, p.file, p.line, p.field, p.message);
        return std::make_pair(stats, probs);
      },
      pyb::arg("catalogues"), pyb::arg("out"), pyb::arg("default_country") = "", pyb::arg("concept_table") = "",
      pyb::arg("compounds") = true);
  m.def(
      "search_open", [](std::string const& path) { return unwrap(se::index::open(path)); }, pyb::arg("path"),
      pyb::call_guard<pyb::gil_scoped_release>());
}

}  // namespace kwartier::py
