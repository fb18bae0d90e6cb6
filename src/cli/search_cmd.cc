// `kwartier search build|update|query`: thin edge over kwartier::search (docs/edges.md §4.5, §4.6). Options are bound
// to default-constructed C++ options structs, so --help shows the library's defaults.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/progress.h"
#include "kwartier/search/options.h"
#include "kwartier/search/search.h"

namespace kwartier::cli {
namespace {

struct build_args {
  std::vector<std::string> catalogues;
  std::string output;
  search::load_options load;
  search::build_options build;
  bool compounds = true;
  bool strict = false;
  bool quiet = false;
  format fmt = format::text;
};

struct update_args {
  std::string index;
  std::vector<std::string> add, replace, remove;
  search::load_options load;
  search::build_options build;
  bool compounds = true;
  bool quiet = false;
  format fmt = format::text;
};

struct query_args {
  std::string index;
  std::string text;
  std::string langs;
  std::vector<std::string> filters;
  search::query_options opt;
  format fmt = format::text;
};

int run_build(build_args& a) {
  std::vector<std::filesystem::path> paths(a.catalogues.begin(), a.catalogues.end());
  if (!a.compounds) a.build.compound_dictionaries.clear();
  progress_printer pp{a.quiet};
  pp.update("load catalogues", 0.0);
  auto cat = search::load_catalogues(paths, a.load);
  if (!cat) {
    pp.finish(false);
    return report_error(cat.error());
  }
  a.build.progress = pp.callback();
  auto st = search::build_index(cat->procedures, a.output, a.build);
  pp.finish(st.has_value());
  if (!st) return report_error(st.error());
  auto const summary = edges::search_build_summary(a.output, *st, *cat);
  if (a.fmt == format::json) {
    print_json(summary);
  } else {
    std::printf("indexed %zu documents (%zu skipped) into %s in %.2f s\n", st->n_documents,
                summary["skipped"].get<std::size_t>(), a.output.c_str(), st->seconds);
    std::printf("groups %zu, vocabulary %zu, compound words %zu, concepts %zu (table %s)\n", st->n_groups,
                st->n_vocabulary, st->n_compound_words, st->n_concepts, st->concept_table_version.c_str());
  }
  auto report = cat->report;
  report.merge(st->report);
  if (!a.quiet && !report.empty())
    std::fprintf(stderr, "%s%s in the catalogues\n", report.to_text().c_str(), problem_counts(report).c_str());
  return build_exit_code(report, a.strict);
}

int run_update(update_args& a) {
  if (!a.compounds) a.build.compound_dictionaries.clear();
  search::index_update u;
  validation_report report;
  auto load = [&](std::vector<std::string> const& files, std::vector<search::procedure>& out) -> int {
    if (files.empty()) return kExitOk;
    std::vector<std::filesystem::path> paths(files.begin(), files.end());
    auto cat = search::load_catalogues(paths, a.load);
    if (!cat) return report_error(cat.error());
    report.merge(cat->report);
    out = std::move(cat->procedures);
    return kExitOk;
  };
  if (int rc = load(a.add, u.add); rc != kExitOk) return rc;
  if (int rc = load(a.replace, u.replace); rc != kExitOk) return rc;
  u.remove = a.remove;
  auto st = search::update_index(a.index, u, a.build);
  if (!st) return report_error(st.error());
  auto const summary = edges::search_update_summary(a.index, *st, report);
  report.merge(st->report);
  if (a.fmt == format::json) {
    print_json(summary);
  } else {
    std::printf("updated %s in %.2f s: %zu added, %zu replaced, %zu removed (%zu skipped); %zu documents\n",
                a.index.c_str(), st->seconds, st->n_added, st->n_replaced, st->n_removed, st->n_skipped,
                st->n_documents);
  }
  if (!a.quiet && !report.empty()) std::fprintf(stderr, "%s", report.to_text().c_str());
  return kExitOk;
}

int run_query(query_args& a) {
  auto langs = search::parse_langs(a.langs);
  if (!langs) return report_error(langs.error());
  a.opt.langs = std::move(*langs);
  for (auto const& f : a.filters) {
    auto parsed = search::parse_filters(f);
    if (!parsed) return report_error(parsed.error());
    a.opt.filters.insert(a.opt.filters.end(), parsed->begin(), parsed->end());
  }
  auto idx = search::index::open(a.index);
  if (!idx) return report_error(idx.error());
  auto r = idx->query(a.text, a.opt);
  if (!r) return report_error(r.error());
  if (a.fmt == format::json) {
    print_json(edges::to_json(*r));
    return kExitOk;
  }
  std::printf("query language: %s, %zu matching documents\n", r->query_lang.empty() ? "?" : r->query_lang.c_str(),
              r->n_matches);
  for (auto const& n : r->notes) std::printf("note: %s\n", n.c_str());
  for (std::size_t k = 0; k < r->hits.size(); ++k) {
    auto const& h = r->hits[k];
    std::printf("%2zu. [%s] %s  (%s, score %.3f)\n", a.opt.offset + k + 1, h.lang.c_str(), h.title.c_str(),
                h.id.c_str(), h.score);
    if (!h.variant_group.empty() && !h.community.empty())
      std::printf("    %s community's variant of %s\n", h.community.c_str(), h.variant_group.c_str());
    if (!h.url.empty()) std::printf("    %s\n", h.url.c_str());
    if (!h.snippet.empty()) std::printf("    %s\n", h.snippet.c_str());
    if (!h.explanation.empty()) std::printf("    why: %s\n", h.explanation.c_str());
  }
  return kExitOk;
}

}  // namespace

void add_search_commands(CLI::App& app, int& exit_code) {
  auto* s = app.add_subcommand("search", "Multilingual procedure search: build an index, query it");
  s->require_subcommand(1);

  auto ba = std::make_shared<build_args>();
  auto* b = s->add_subcommand("build", "Index procedure catalogues (.jsonl, .md, or directories of them)");
  b->add_option("catalogues", ba->catalogues, "Catalogue files or directories")->required();
  b->add_option("-o,--output", ba->output, "Index directory to write")->required();
  b->add_option("--default-country", ba->load.default_country, "Country for documents without one (e.g. belgium)");
  b->add_option("--concept-table", ba->build.concept_table, "Concept table TSV instead of the built-in one");
  add_bool_option(b, "compounds", ba->compounds, "Split Dutch/German compounds with the hunspell word lists");
  add_format_option(b, ba->fmt);
  add_quiet_flag(b, ba->quiet);
  add_strict_flag(b, ba->strict);
  b->callback([ba, &exit_code] { exit_code = run_build(*ba); });

  auto ua = std::make_shared<update_args>();
  auto* u = s->add_subcommand("update", "Add, replace or delete documents of an index by id (no full rebuild)");
  u->add_option("index", ua->index, "Index directory")->required();
  u->add_option("--add", ua->add, "Catalogue of new documents (ids not in the index); repeatable");
  u->add_option("--replace", ua->replace, "Catalogue of new versions of indexed documents, by id; repeatable");
  u->add_option("--delete", ua->remove, "Ids of documents to delete; repeatable");
  u->add_option("--default-country", ua->load.default_country, "Country for documents without one (e.g. belgium)");
  add_bool_option(u, "compounds", ua->compounds, "The index was built splitting compounds (the default)");
  add_format_option(u, ua->fmt);
  add_quiet_flag(u, ua->quiet);
  u->callback([ua, &exit_code] { exit_code = run_update(*ua); });

  auto qa = std::make_shared<query_args>();
  auto& o = qa->opt;
  auto* q = s->add_subcommand("query", "Query an index");
  q->add_option("index", qa->index, "Index directory")->required();
  q->add_option("text", qa->text, "Query text")->required();
  q->add_option("--lang,--langs", qa->langs, "Preferred answer languages, best first (nl,fr)");
  q->add_option("--filter", qa->filters, "field=value (lang, country, organisation, level); repeatable");
  q->add_option("--community", o.community,
                "The user's community (fr, nl, de): its variant of procedures that differ by community; "
                "default: from the first preferred language, else every variant, labelled");
  q->add_option("-n,--limit", o.limit, "Number of answers")->capture_default_str();
  q->add_option("--offset", o.offset, "Answers to skip (paging)")->capture_default_str();
  add_bool_option(q, "typos", o.typos, "Typo tolerance");
  add_bool_option(q, "prefix", o.prefix, "Last word also as a prefix");
  add_bool_option(q, "concepts", o.concepts, "Cross-language concept table");
  add_bool_option(q, "stemming", o.stemming, "Stems of every language pipeline");
  add_bool_option(q, "group", o.group, "One answer per procedure, in the best language for the user");
  add_bool_option(q, "explain", o.explain, "Explain each score");
  q->add_option("--snippet-chars", o.snippet_chars, "Snippet length in characters")->capture_default_str();
  q->add_option("--highlight-open", o.highlight_open, "Mark before a matched word in snippets")->capture_default_str();
  q->add_option("--highlight-close", o.highlight_close, "Mark after a matched word in snippets")->capture_default_str();
  add_format_option(q, qa->fmt);
  q->callback([qa, &exit_code] { exit_code = run_query(*qa); });
}

}  // namespace kwartier::cli
