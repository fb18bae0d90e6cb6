// Index build profile and answer dump (a plain program; benchmarks/search/run.sh runs it).
//
//   search_build build INDEX CATALOGUE... [--threads N] [--shard-documents N]
//     Loads the catalogues and builds INDEX, printing per stage (load, index, merge, vocabulary,
//     translations, write) its wall time and the CPU time (user + system, all threads) of the process during
//     it, then the totals and the peak resident memory (getrusage ru_maxrss): on a shared machine the CPU time
//     says more about the code than the wall time, and both are printed with the load average.
//
//   search_build answers INDEX CATALOGUE QUERIES.tsv [N]
//     Prints, for every query of QUERIES.tsv (query<TAB>langs, '#' lines skipped; the shared development set)
//     and for N seeded queries made from CATALOGUE's titles (words, one-letter typos, prefixes; three language
//     settings), the top-10 answers (id, group, score printed exactly as %a) and the explanation of the first:
//     two indexes answer identically when the outputs are byte-identical (used to check that a faster build
//     writes the same index content).
//
//   search_build digest INDEX
//     A digest of the index's Xapian content, document by document: every term with its wdf and positions,
//     the document length and the values (the build id metadata left out), and the totals. Two builds of
//     one catalogue hold the same index exactly when their digests are equal.
#include <sys/resource.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kwartier/search/search.h"

namespace fs = std::filesystem;
using namespace kwartier;

namespace {

struct usage_point {
  double wall, cpu;
};

usage_point now() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  auto const s = [](timeval const& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  auto const w = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  return {w, s(ru.ru_utime) + s(ru.ru_stime)};
}

long peak_rss_kb() {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

[[noreturn]] void fail(std::string const& what) {
  std::fprintf(stderr, "search_build: %s\n", what.c_str());
  std::exit(1);
}

int build(int argc, char** argv) {
  if (argc < 4) fail("usage: search_build build INDEX CATALOGUE... [--threads N] [--shard-documents N]");
  fs::path const out = argv[2];
  std::vector<fs::path> inputs;
  search::build_options opt;
  for (int i = 3; i < argc; ++i) {
    std::string const a = argv[i];
    if (a == "--threads" && i + 1 < argc) {
      opt.threads = std::stoul(argv[++i]);
    } else if (a == "--shard-documents" && i + 1 < argc) {
      opt.shard_documents = std::stoul(argv[++i]);
    } else {
      inputs.emplace_back(a);
    }
  }
  std::printf("load average at start: %s\n", load_average().c_str());
  std::printf("| stage | wall s | CPU s |\n|---|---|---|\n");
  auto const t0 = now();
  auto cat = search::load_catalogues(inputs, {});
  if (!cat) fail(cat.error().to_string());
  auto last = now();
  std::printf("| load catalogues | %.2f | %.2f |\n", last.wall - t0.wall, last.cpu - t0.cpu);
  std::string stage = "index";
  auto mark = [&](std::string const& next) {
    auto const p = now();
    std::printf("| %s | %.2f | %.2f |\n", stage.c_str(), p.wall - last.wall, p.cpu - last.cpu);
    std::fflush(stdout);
    last = p;
    stage = next;
  };
  opt.progress = [&](std::string_view s, double) {
    if (s != stage) mark(std::string(s));
  };
  auto st = search::build_index(cat->procedures, out, opt);
  if (!st) fail(st.error().to_string());
  mark("");
  auto const end = now();
  std::printf("| **total** | **%.2f** | **%.2f** |\n\n", end.wall - t0.wall, end.cpu - t0.cpu);
  std::printf("documents %zu, vocabulary %zu, peak RSS %.0f MB, load average at end: %s\n", st->n_documents,
              st->n_vocabulary, static_cast<double>(peak_rss_kb()) / 1024.0, load_average().c_str());
  return 0;
}

std::vector<std::string> split(std::string const& s, char sep) {
  std::vector<std::string> out;
  std::size_t p = 0;
  while (true) {
    auto const q = s.find(sep, p);
    out.push_back(s.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return out;
}

int answers(int argc, char** argv) {
  if (argc < 5) fail("usage: search_build answers INDEX CATALOGUE QUERIES.tsv [N]");
  auto idx = search::index::open(argv[2]);
  if (!idx) fail(idx.error().to_string());
  auto cat = search::load_catalogue(argv[3]);
  if (!cat) fail(cat.error().to_string());
  std::size_t const n_synthetic = argc > 5 ? std::stoul(argv[5]) : 500;
  struct q {
    std::string text;
    std::vector<std::string> langs;
  };
  std::vector<q> qs;
  std::ifstream in(argv[4]);
  if (!in) fail(std::string("cannot read ") + argv[4]);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto const cols = split(line, '\t');
    qs.push_back({cols[0], cols.size() > 1 ? split(cols[1], ',') : std::vector<std::string>{}});
  }
  std::mt19937 rng(4242);
  std::vector<std::vector<std::string>> const settings = {{}, {"fr", "nl"}, {"de", "en"}};
  for (std::size_t i = 0; i < n_synthetic && !cat->procedures.empty(); ++i) {
    auto const& d = cat->procedures[rng() % cat->procedures.size()];
    auto const words = split(d.title + " " + d.body.substr(0, 200), ' ');
    auto w = words[rng() % words.size()];
    auto w2 = words[rng() % words.size()];
    switch (rng() % 4) {
      case 0: break;                                                      // one word
      case 1: w += " " + w2; break;                                       // two words (phrase bonus)
      case 2: if (w.size() > 5) w.erase(w.size() / 2, 1); break;          // a typo
      default: if (w.size() > 5) w = w.substr(0, w.size() * 2 / 3); break;  // typing
    }
    qs.push_back({w, settings[i % settings.size()]});
  }
  for (auto const& x : qs) {
    search::query_options o;
    o.langs = x.langs;
    o.explain = true;
    auto r = idx->query(x.text, o);
    std::printf("Q %s [", x.text.c_str());
    for (auto const& l : x.langs) std::printf("%s ", l.c_str());
    if (!r) {
      std::printf("] error %s\n", r.error().to_string().c_str());
      continue;
    }
    std::printf("] %zu\n", r->n_matches);
    for (std::size_t i = 0; i < r->hits.size(); ++i) {
      auto const& h = r->hits[i];
      std::printf("  %s %s %a %s\n", h.id.c_str(), h.group_key.c_str(), h.score, h.snippet.c_str());
      if (i == 0) std::printf("  %s\n", h.explanation.c_str());
    }
  }
  return 0;
}

int digest(int argc, char** argv) {
  if (argc < 3) fail("usage: search_build digest INDEX");
  auto idx = search::index::open(argv[2]);  // verifies the generation; then read its Xapian database
  if (!idx) fail(idx.error().to_string());
  std::ifstream ptr(fs::path(argv[2]) / "kwartier-search-index");
  std::string line, gen;
  while (std::getline(ptr, line))
    if (line.rfind("generation ", 0) == 0) gen = line.substr(11);
  Xapian::Database db((fs::path(argv[2]) / gen / "xapian").string());
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the dump
  auto add = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  std::uint64_t n_postings = 0, n_positions = 0;
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    auto const doc = db.get_document(*d);
    add(std::to_string(*d));
    add(std::to_string(db.get_doclength(*d)));
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      add(*t);
      add(std::to_string(t.get_wdf()));
      ++n_postings;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        add(std::to_string(*p));
        ++n_positions;
      }
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      add(std::to_string(v.get_valueno()));
      add(*v);
    }
    add(doc.get_data());
  }
  std::printf("documents %u, terms %u, postings %llu, positions %llu, total length %llu, digest %016llx\n",
              db.get_doccount(), static_cast<unsigned>(std::distance(db.allterms_begin(), db.allterms_end())),
              static_cast<unsigned long long>(n_postings), static_cast<unsigned long long>(n_positions),
              static_cast<unsigned long long>(db.get_total_length()), static_cast<unsigned long long>(h));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "build") == 0) return build(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "answers") == 0) return answers(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "digest") == 0) return digest(argc, argv);
  fail("usage: search_build build INDEX CATALOGUE... | answers INDEX CATALOGUE QUERIES.tsv [N] | digest INDEX");
}
