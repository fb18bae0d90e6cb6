// `kwartier search build|query`: thin edge over kwartier::search.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "kwartier/search/search.h"

namespace kwartier::cli {
namespace {

struct build_args {
  std::vector<std::string> catalogues;
  std::string out;
  std::string default_country;
  std::string concepts;
  bool no_compounds = false;
  bool strict = false;
  std::string format = "text";
};

struct query_args {
  std::string index;
  std::string text;
  std::string langs;
  std::vector<std::string> filters;
  std::size_t limit = 10;
  std::string format = "text";
  bool explain = false;
  bool no_typos = false;
  bool no_prefix = false;
  bool no_group = false;
};

int run_build(build_args const& a) {
  std::vector<std::filesystem::path> paths(a.catalogues.begin(), a.catalogues.end());
  search::load_options lo;
  lo.default_country = a.default_country;
  auto cat = search::load_catalogues(paths, lo);
  if (!cat) return report_error(cat.error());
  if (!cat->report.empty()) std::fprintf(stderr, "%s", cat->report.to_text().c_str());
  search::build_options bo;
  if (!a.concepts.empty()) bo.concept_table = a.concepts;
  if (a.no_compounds) bo.compound_dictionaries.clear();
  auto st = search::build_index(cat->procedures, a.out, bo);
  if (!st) return report_error(st.error());
  if (!st->report.empty()) std::fprintf(stderr, "%s", st->report.to_text().c_str());
  cat->report.merge(st->report);
  auto const skipped = cat->n_skipped + st->n_skipped;
  if (a.format == "json") {
    std::printf("{\"documents\":%zu,\"skipped\":%zu,\"groups\":%zu,\"vocabulary\":%zu,\"compound_words\":%zu,"
                "\"concepts\":%zu,\"concept_table_version\":\"%s\",\"seconds\":%.3f,\"problems\":%s}\n",
                st->n_documents, skipped, st->n_groups, st->n_vocabulary, st->n_compound_words, st->n_concepts,
                st->concept_table_version.c_str(), st->seconds, cat->report.to_json().c_str());
  } else {
    std::printf("indexed %zu documents (%zu skipped) into %s in %.2f s\n", st->n_documents, skipped,
                a.out.c_str(), st->seconds);
    std::printf("groups %zu, vocabulary %zu, compound words %zu, concepts %zu (table %s)\n", st->n_groups,
                st->n_vocabulary, st->n_compound_words, st->n_concepts, st->concept_table_version.c_str());
  }
  return (a.strict && skipped > 0) ? 1 : 0;
}

int run_query(query_args const& a) {
  auto idx = search::index::open(a.index);
  if (!idx) return report_error(idx.error());
  search::query_options qo;
  std::size_t i = 0;
  while (i <= a.langs.size() && !a.langs.empty()) {
    auto j = a.langs.find(',', i);
    if (j == std::string::npos) j = a.langs.size();
    if (j > i) qo.langs.push_back(a.langs.substr(i, j - i));
    i = j + 1;
  }
  for (auto const& f : a.filters) {
    auto const eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "kwartier: error: --filter expects field=value, got '%s'\n", f.c_str());
      return 2;
    }
    qo.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
  }
  qo.limit = a.limit;
  qo.explain = a.explain;
  qo.typos = !a.no_typos;
  qo.prefix = !a.no_prefix;
  qo.group = !a.no_group;
  if (a.format == "json") qo.highlight_open = "<b>", qo.highlight_close = "</b>";
  auto r = idx->query(a.text, qo);
  if (!r) return report_error(r.error());
  if (a.format == "json") {
    std::printf("%s\n", search::to_json(*r).c_str());
    return 0;
  }
  std::printf("query language: %s, %zu matching documents\n", r->query_lang.empty() ? "?" : r->query_lang.c_str(),
              r->n_matches);
  for (auto const& n : r->notes) std::printf("note: %s\n", n.c_str());
  for (std::size_t k = 0; k < r->hits.size(); ++k) {
    auto const& h = r->hits[k];
    std::printf("%2zu. [%s] %s  (%s, score %.3f)\n", k + 1, h.lang.c_str(), h.title.c_str(), h.id.c_str(), h.score);
    if (!h.url.empty()) std::printf("    %s\n", h.url.c_str());
    if (!h.snippet.empty()) std::printf("    %s\n", h.snippet.c_str());
    if (!h.explanation.empty()) std::printf("    why: %s\n", h.explanation.c_str());
  }
  return 0;
}

}  // namespace

void add_search_commands(CLI::App& app, int& exit_code) {
  auto* s = app.add_subcommand("search", "Multilingual procedure search: build an index, query it");
  s->require_subcommand(1);

  auto ba = std::make_shared<build_args>();
  auto* b = s->add_subcommand("build", "Index procedure catalogues (.jsonl, .md, or directories of them)");
  b->add_option("catalogues", ba->catalogues, "Catalogue files or directories")->required()->check(CLI::ExistingPath);
  b->add_option("-o,--output", ba->out, "Index directory to write")->required();
  b->add_option("--default-country", ba->default_country, "Country for documents without one (e.g. belgium)");
  b->add_option("--concepts", ba->concepts, "Concept table TSV instead of the built-in one")->check(CLI::ExistingFile);
  b->add_flag("--no-compounds", ba->no_compounds, "Do not split Dutch/German compounds");
  b->add_flag("--strict", ba->strict, "Exit 1 when catalogue lines were skipped");
  b->add_option("--format", ba->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  b->callback([ba, &exit_code] { exit_code = run_build(*ba); });

  auto qa = std::make_shared<query_args>();
  auto* q = s->add_subcommand("query", "Query an index");
  q->add_option("index", qa->index, "Index directory")->required();
  q->add_option("text", qa->text, "Query text")->required();
  q->add_option("--lang", qa->langs, "Preferred answer languages, best first (nl,fr)");
  q->add_option("--filter", qa->filters, "field=value (lang, country, organisation, level); repeatable");
  q->add_option("-n,--limit", qa->limit, "Number of answers")->check(CLI::Range(1, 1000));
  q->add_option("--format", qa->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  q->add_flag("--explain", qa->explain, "Explain each score");
  q->add_flag("--no-typos", qa->no_typos, "Disable typo tolerance");
  q->add_flag("--no-prefix", qa->no_prefix, "Disable prefix matching of the last word");
  q->add_flag("--no-group", qa->no_group, "One answer per document instead of per procedure");
  q->callback([qa, &exit_code] { exit_code = run_query(*qa); });
}

}  // namespace kwartier::cli
