// search_quality: scores procedures-eval/queries-dev.tsv against topics.tsv (MRR@10, P@5, nDCG@10, language
// hit@1, per kind and overall, as procedures-eval/SOURCE.md defines them) for kwartier and, in the same run,
// two baselines: plain Xapian (one stemmer, no typo tolerance) and SQLite FTS5 (unicode61, diacritics
// removed), and peers run elsewhere (benchmarks/search/peers.mjs: MiniSearch, Orama) whose ranked answers are
// read back and scored by the same code. Every system gets the filter country = belgium. Query latency
// (p50/p99 over 5 timed passes after a warm-up pass) is measured per system in its own process. Usage:
//   search_quality [SHARED_DATA_DIR] [--queries FILE] [--verbose] [--export DIR] [--peers DIR]
// --export DIR writes the loaded documents and the queries as DIR/docs.jsonl and DIR/queries.jsonl (the
// input of peers.mjs) and exits; --peers DIR adds every DIR/*.peer.json (written by peers.mjs) to the tables.
#include <sqlite3.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "kwartier/search/search.h"
#include "kwartier/text/text.h"

namespace fs = std::filesystem;
using namespace kwartier;

namespace {

struct query_row {
  std::string text;
  std::vector<std::string> langs;
  std::set<std::string> topics;
  std::string kind;
};

std::vector<std::string> split(std::string const& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream ss(s);
  while (std::getline(ss, cur, sep)) out.push_back(cur);
  return out;
}

struct ranked {
  std::string doc_id;  // representative document
  std::string lang;
};

// p50 and p99 of `ms` (nearest rank).
std::pair<double, double> percentiles(std::vector<double> ms) {
  if (ms.empty()) return {0, 0};
  std::sort(ms.begin(), ms.end());
  auto const at = [&](double p) {
    auto const r = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(ms.size())));
    return ms[std::min(ms.size() - 1, std::max<std::size_t>(1, r) - 1)];
  };
  return {at(50), at(99)};
}

struct scores {
  double mrr = 0, p5 = 0, ndcg = 0;
  int n = 0;
  int lang_n = 0, lang_hit = 0;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path data = KW_SHARED_DATA_DIR;
  fs::path queries_path, export_dir, peers_dir;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose") verbose = true;
    else if (a == "--queries" && i + 1 < argc) queries_path = argv[++i];
    else if (a == "--export" && i + 1 < argc) export_dir = argv[++i];
    else if (a == "--peers" && i + 1 < argc) peers_dir = argv[++i];
    else data = a;
  }
  if (queries_path.empty()) queries_path = data / "procedures-eval/queries-dev.tsv";
  std::vector<fs::path> cats = {data / "procedures-brussels-web/procedures.jsonl",
                                data / "procedures-tramitit/guides.jsonl"};
  search::load_options lo;
  lo.default_country = "belgium";  // Brussels pages carry no country field
  auto cat = search::load_catalogues(cats, lo);
  if (!cat) { std::fprintf(stderr, "%s\n", cat.error().to_string().c_str()); return 1; }
  auto const& docs = cat->procedures;
  // labels
  std::unordered_map<std::string, std::set<std::string>> topics;  // label key -> topics
  {
    std::ifstream in(data / "procedures-eval/topics.tsv");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto c = split(line, '\t');
      if (c.size() < 2) continue;
      for (auto& t : split(c[1], ',')) topics[c[0]].insert(t);
    }
  }
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < docs.size(); ++i) by_id[docs[i].id] = i;
  auto answer_key = [&](std::size_t d) {
    return docs[d].group_key.empty() ? docs[d].id : "tramitit:" + docs[d].group_key;
  };
  auto relevant = [&](std::size_t d, std::set<std::string> const& want) {
    if (docs[d].country != "belgium") return false;
    auto it = topics.find(answer_key(d));
    if (it == topics.end()) return false;
    for (auto const& t : want)
      if (it->second.count(t)) return true;
    return false;
  };
  std::vector<query_row> qs;
  {
    std::ifstream in(queries_path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto c = split(line, '\t');
      if (c.size() < 4) continue;
      query_row q{c[0], split(c[1], ','), {}, c[3]};
      for (auto& t : split(c[2], ',')) q.topics.insert(t);
      qs.push_back(std::move(q));
    }
  }
  if (!export_dir.empty()) {
    fs::create_directories(export_dir);
    std::ofstream d(export_dir / "docs.jsonl", std::ios::binary), q(export_dir / "queries.jsonl", std::ios::binary);
    for (auto const& doc : docs)
      d << nlohmann::json{{"id", doc.id}, {"lang", doc.lang}, {"country", doc.country}, {"title", doc.title},
                          {"summary", doc.summary}, {"body", doc.body}}.dump() << '\n';
    for (auto const& row : qs) q << nlohmann::json{{"text", row.text}, {"langs", row.langs}}.dump() << '\n';
    if (!d || !q) { std::fprintf(stderr, "cannot write %s\n", export_dir.c_str()); return 1; }
    std::printf("exported %zu documents and %zu queries to %s\n", docs.size(), qs.size(), export_dir.c_str());
    return 0;
  }
  auto const tmp = fs::temp_directory_path() / ("kw_search_quality_" + std::to_string(::getpid()));
  fs::create_directories(tmp);

  // ---- kwartier
  auto st = search::build_index(docs, tmp / "kw");
  if (!st) { std::fprintf(stderr, "%s\n", st.error().to_string().c_str()); return 1; }
  auto dir_bytes = [](fs::path const& d) {
    std::uintmax_t n = 0;
    std::error_code ec;
    for (auto const& e : fs::recursive_directory_iterator(d, ec))
      if (e.is_regular_file()) n += e.file_size();
    return n;
  };
  auto idx = search::index::open(tmp / "kw");
  if (!idx) { std::fprintf(stderr, "%s\n", idx.error().to_string().c_str()); return 1; }
  std::function<std::vector<ranked>(query_row const&)> run_kw = [&](query_row const& q) {
    search::query_options o;
    o.langs = q.langs;
    o.limit = 10;
    o.filters = {{"country", "belgium"}};
    std::vector<ranked> out;
    auto r = idx->query(q.text, o);
    if (r)
      for (auto const& h : r->hits) out.push_back({h.id, h.lang});
    return out;
  };

  // ---- plain Xapian: one stemmer (English, the catalogue's most common language), no typo tolerance
  {
    Xapian::WritableDatabase db((tmp / "xapian_plain").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    for (std::size_t i = 0; i < docs.size(); ++i) {
      Xapian::Document xd;
      tg.set_document(xd);
      tg.index_text(docs[i].title, 5);
      tg.increase_termpos();
      tg.index_text(docs[i].summary, 2);
      tg.increase_termpos();
      tg.index_text(docs[i].body);
      xd.add_boolean_term("XC" + docs[i].country);
      xd.set_data(docs[i].id);
      db.add_document(xd);
    }
    db.commit();
  }
  Xapian::Database plain((tmp / "xapian_plain").string());
  std::function<std::vector<ranked>(query_row const&)> run_plain = [&](query_row const& q) {
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(plain);
    Xapian::Query xq;
    try {
      xq = qp.parse_query(q.text, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (Xapian::Error const&) {
      return std::vector<ranked>{};
    }
    xq = Xapian::Query(Xapian::Query::OP_FILTER, xq, Xapian::Query("XCbelgium"));
    Xapian::Enquire enq(plain);
    enq.set_query(xq);
    auto ms = enq.get_mset(0, 50);
    std::vector<ranked> out;
    for (auto it = ms.begin(); it != ms.end(); ++it) {
      auto const id = it.get_document().get_data();
      out.push_back({id, docs[by_id[id]].lang});
    }
    return out;
  };

  // ---- SQLite FTS5, unicode61 with diacritics removed, bm25 with the title weighted 5x
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, country UNINDEXED, title, summary, body, "
                   "tokenize = 'unicode61 remove_diacritics 2')", nullptr, nullptr, nullptr);
  {
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO d VALUES (?,?,?,?,?)", -1, &ins, nullptr);
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (auto const& d : docs) {
      sqlite3_bind_text(ins, 1, d.id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, d.country.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 3, d.title.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 4, d.summary.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 5, d.body.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_finalize(ins);
  }
  std::function<std::vector<ranked>(query_row const&)> run_fts = [&](query_row const& q) {
    // every word of the query as a quoted term, OR'ed (FTS5's implicit AND finds too little here)
    std::string m;
    for (auto const& t : text::tokenize(q.text, text::lang::neutral)) {
      if (!m.empty()) m += " OR ";
      m += "\"" + t.exact + "\"";
    }
    std::vector<ranked> out;
    if (m.empty()) return out;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT id FROM d WHERE d MATCH ? AND country = 'belgium' ORDER BY bm25(d, 0, 0, 5.0, 2.0, 1.0) LIMIT 50",
                       -1, &s, nullptr);
    sqlite3_bind_text(s, 1, m.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string id = reinterpret_cast<char const*>(sqlite3_column_text(s, 0));
      out.push_back({id, docs[by_id[id]].lang});
    }
    sqlite3_finalize(s);
    return out;
  };

  struct system {
    std::string name;
    std::function<std::vector<ranked>(query_row const&)>* run;  // null for a peer (answers read from its file)
    std::map<std::string, scores> per_kind;
    std::vector<std::vector<ranked>> peer_results;
    double p50_ms = 0, p99_ms = 0;
    std::string options;
  };
  std::vector<system> systems = {{"kwartier", &run_kw, {}, {}, 0, 0, {}},
                                 {"plain Xapian", &run_plain, {}, {}, 0, 0, {}},
                                 {"SQLite FTS5", &run_fts, {}, {}, 0, 0, {}}};
  if (!peers_dir.empty()) {
    std::vector<fs::path> files;
    for (auto const& e : fs::directory_iterator(peers_dir))
      if (e.path().string().ends_with(".peer.json")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto const& f : files) {
      std::ifstream in(f);
      nlohmann::json j;
      try {
        j = nlohmann::json::parse(in);
      } catch (std::exception const& e) {
        std::fprintf(stderr, "%s: %s\n", f.c_str(), e.what());
        return 1;
      }
      system sys{j.at("name").get<std::string>(), nullptr, {}, {}, j.at("p50_ms").get<double>(),
                 j.at("p99_ms").get<double>(), j.at("options").get<std::string>()};
      auto const& res = j.at("results");
      if (res.size() != qs.size()) {
        std::fprintf(stderr, "%s: %zu answer lists for %zu queries\n", f.c_str(), res.size(), qs.size());
        return 1;
      }
      for (auto const& list : res) {
        std::vector<ranked> r;
        for (auto const& id : list) {
          auto const it = by_id.find(id.get<std::string>());
          if (it == by_id.end()) {
            std::fprintf(stderr, "%s: unknown document id %s\n", f.c_str(), id.dump().c_str());
            return 1;
          }
          r.push_back({it->first, docs[it->second].lang});
        }
        sys.peer_results.push_back(std::move(r));
      }
      systems.push_back(std::move(sys));
    }
  }
  // latency of the in-process systems: one warm-up pass, then 5 timed passes over the queries
  for (auto& sys : systems) {
    if (!sys.run) continue;
    for (auto const& q : qs) (*sys.run)(q);
    std::vector<double> ms;
    for (int r = 0; r < 5; ++r)
      for (auto const& q : qs) {
        auto const t0 = std::chrono::steady_clock::now();
        (*sys.run)(q);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      }
    std::tie(sys.p50_ms, sys.p99_ms) = percentiles(std::move(ms));
  }
  for (auto& sys : systems) {
    for (std::size_t qi = 0; qi < qs.size(); ++qi) {
      auto const& q = qs[qi];
      auto const res = sys.run ? (*sys.run)(q) : sys.peer_results[qi];
      // answers: first occurrence of each procedure group, top 10
      std::vector<std::size_t> ans;
      std::set<std::string> seen;
      for (auto const& r : res) {
        auto it = by_id.find(r.doc_id);
        if (it == by_id.end()) continue;
        if (!seen.insert(answer_key(it->second)).second) continue;
        ans.push_back(it->second);
        if (ans.size() == 10) break;
      }
      std::set<std::string> rel_keys;
      bool rel_in_pref = false;
      for (std::size_t d = 0; d < docs.size(); ++d)
        if (relevant(d, q.topics)) {
          rel_keys.insert(answer_key(d));
          if (!q.langs.empty() && text::parse_lang(docs[d].lang) == text::parse_lang(q.langs[0])) rel_in_pref = true;
        }
      std::size_t const R = rel_keys.size();
      double rr = 0, dcg = 0, idcg = 0;
      int p5 = 0;
      for (std::size_t i = 0; i < ans.size(); ++i) {
        bool const rel = relevant(ans[i], q.topics);
        if (rel && rr == 0) rr = 1.0 / static_cast<double>(i + 1);
        if (rel && i < 5) ++p5;
        if (rel) dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
      }
      for (std::size_t i = 0; i < std::min<std::size_t>(10, R); ++i) idcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
      // per kind, overall, and per user language (the first preferred language)
      for (auto const& k : {q.kind, std::string("overall"), "user language " + (q.langs.empty() ? std::string("-") : q.langs[0])}) {
        auto& s = sys.per_kind[k];
        s.n++;
        s.mrr += rr;
        s.p5 += R ? static_cast<double>(p5) / static_cast<double>(std::min<std::size_t>(5, R)) : 0;
        s.ndcg += idcg > 0 ? dcg / idcg : 0;
        if (rel_in_pref) {
          s.lang_n++;
          if (!ans.empty() && relevant(ans[0], q.topics) &&
              text::parse_lang(docs[ans[0]].lang) == text::parse_lang(q.langs[0]))
            s.lang_hit++;
        }
      }
      if (verbose && sys.run == &run_kw)
        std::printf("%-40s %-10s rr=%.2f p5=%d/%zu top=%s\n", q.text.c_str(), q.kind.c_str(), rr, p5,
                    std::min<std::size_t>(5, R), ans.empty() ? "-" : docs[ans[0]].id.c_str());
    }
  }
  std::printf("search quality on %s (%zu queries, %zu documents; filter country=belgium for every system)\n\n",
              queries_path.filename().string().c_str(), qs.size(), docs.size());
  std::printf("kwartier index: build %.2f s, of which %.2f s reading and compiling %zu bilingual dictionaries "
              "(%zu headwords kept); index %.1f MB, of which translations.kwd %.1f KB\n\n",
              st->seconds, st->translation_seconds, st->n_translation_dictionaries, st->n_translation_entries,
              static_cast<double>(dir_bytes(tmp / "kw")) / 1e6, static_cast<double>(st->translation_bytes) / 1e3);
  std::printf("| kind | n");
  for (auto const& sys : systems) {
    auto const label = sys.name == "SQLite FTS5" ? std::string("FTS5") : sys.run ? sys.name : sys.name.substr(0, sys.name.find(' '));
    std::printf(" | %s MRR@10 | P@5 | nDCG@10 | lang hit@1", label.c_str());
  }
  std::printf(" |\n|---|---");
  for (std::size_t i = 0; i < systems.size(); ++i) std::printf("|---|---|---|---");
  std::printf("|\n");
  std::vector<std::string> kinds;
  for (auto const& [k, s] : systems[0].per_kind)
    if (k != "overall" && !k.starts_with("user language ")) kinds.push_back(k);
  kinds.push_back("overall");
  for (auto const& [k, s] : systems[0].per_kind)
    if (k.starts_with("user language ")) kinds.push_back(k);
  for (auto const& k : kinds) {
    std::printf("| %s | %d", k.c_str(), systems[0].per_kind[k].n);
    for (auto& sys : systems) {
      auto const& s = sys.per_kind[k];
      double const n = s.n ? s.n : 1;
      std::printf(" | %.2f | %.2f | %.2f | ", s.mrr / n, s.p5 / n, s.ndcg / n);
      if (s.lang_n) std::printf("%.2f", static_cast<double>(s.lang_hit) / s.lang_n);
      else std::printf("-");
    }
    std::printf(" |\n");
  }
  std::printf("\nQuery latency on the same %zu queries (one warm-up pass, then 5 timed passes; each system in one "
              "thread, answers up to 50 documents before grouping):\n\n", qs.size());
  std::printf("| system | p50 | p99 | options |\n|---|---|---|---|\n");
  for (auto const& sys : systems)
    std::printf("| %s | %.3f ms | %.3f ms | %s |\n", sys.name.c_str(), sys.p50_ms, sys.p99_ms,
                sys.options.empty() ? (sys.run == &run_kw ? "defaults, limit 10" : sys.run == &run_plain
                                           ? "English stemmer, BM25, title 5x" : "unicode61 remove_diacritics 2, bm25, title 5x")
                                    : sys.options.c_str());
  sqlite3_close(db);
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return 0;
}
