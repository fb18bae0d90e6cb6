// Catalogue resource caps (issue 13): document size, Markdown nesting, indexed body length.
#include "kwartier/search/catalogue.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "kwartier/text/text.h"

namespace kwartier::search {
namespace {

namespace fs = std::filesystem;

std::string rep(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

problem const* find(catalogue const& c, std::string_view code) {
  for (auto const& p : c.report.problems())
    if (p.code == code) return &p;
  return nullptr;
}

std::string front(std::string const& title) { return "---\ntitle: " + title + "\nlang: nl\n---\n"; }

TEST(CatalogueCaps, DefaultsAreDocumented) {
  load_options const o;
  EXPECT_EQ(o.max_document_bytes, 1u << 20);
  EXPECT_EQ(o.max_markdown_nesting, 32u);
  EXPECT_EQ(o.max_body_bytes, 256u << 10);
}

TEST(CatalogueCaps, NestingEstimateFindsTheFirstLineOverTheCap) {
  // Block quotes: line k has k markers.
  std::string md;
  for (int k = 1; k <= 40; ++k) md += rep("> ", static_cast<std::size_t>(k)) + "text\n";
  EXPECT_EQ(markdown_nesting_over(md, 32), 33u);
  EXPECT_EQ(markdown_nesting_over(md, 40), 0u);
  // Lists nested by indentation, two columns per level: "  " * k + "- a" is k + 1 levels.
  std::string list;
  for (int k = 0; k < 40; ++k) list += rep("  ", static_cast<std::size_t>(k)) + "- a\n";
  EXPECT_EQ(markdown_nesting_over(list, 32), 33u);
  // cmark's "nested strong emph" pathological case: every opener closes at the end, so the emphasis nests
  // as deep as there are openers.
  auto const emph = rep("*a **a ", 100) + "b" + rep(" a** a*", 100);
  EXPECT_EQ(markdown_nesting_over(emph, 32), 1u);
  // Deep block quotes and emphasis runs together: 20 + 13 levels.
  EXPECT_EQ(markdown_nesting_over(rep("> ", 20) + rep("*a ", 13), 32), 1u);
  EXPECT_EQ(markdown_nesting_over(rep("> ", 20) + rep("*a ", 12), 32), 0u);
}

TEST(CatalogueCaps, OrdinaryMarkdownIsNotFlagged) {
  // Balanced emphasis, many links and references, snake_case words, arithmetic, a nested list of 4.
  std::string md = "# Titel\n\n";
  md += rep("Een *nadruk* en **sterk** en _ook_ [link](https://x.be/a_b) [1] 5 * 3 = 15 snake_case_woord.\n", 500);
  md += "\n- a\n  - b\n    - c\n      - d\n\n> citaat\n> > in citaat\n";
  EXPECT_EQ(markdown_nesting_over(md, 32), 0u);
  // Blank lines end a paragraph: unclosed openers do not add up across paragraphs.
  EXPECT_EQ(markdown_nesting_over(rep("*a *b *c\n\n", 100), 32), 0u);
}

TEST(CatalogueCaps, DeeplyNestedGuideIsReportedAndIndexedAsText) {
  // The shape of the 250 KB guide that took 63 s: 60,000 nested block quotes, then emphasis runs (cmark's
  // cost is depth x emphasis nodes: this one alone takes cmark 0.30.2 over 4 s of CPU).
  auto const md = front("Diep genest") + "Inleiding.\n\n" + rep("> ", 60000) + rep("*woord* ", 16000) + "\n";
  ASSERT_GT(md.size(), 240'000u);
  catalogue c;
  parse_markdown(md, "gids.md", "nl/belgium/gids.md", {}, c);
  ASSERT_EQ(c.procedures.size(), 1u);  // kept, not lost
  auto const* p = find(c, "markdown_too_deep");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->severity, severity::warning);
  EXPECT_EQ(p->file, "gids.md");
  EXPECT_EQ(p->line, 7u);  // front matter is lines 1-4, "Inleiding." 5, blank 6, the quotes 7
  EXPECT_EQ(p->field, "body");
  // The unparsed text keeps the words and drops the markers and emphasis characters.
  auto const& body = c.procedures[0].body;
  EXPECT_TRUE(body.starts_with("Inleiding.\nwoord woord"));
  EXPECT_EQ(body.find('>'), std::string::npos);
  EXPECT_EQ(body.find('*'), std::string::npos);
  // The same document at a depth the cap allows is parsed by cmark (the emphasis becomes plain words).
  catalogue ok;
  parse_markdown(front("Ondiep") + rep("> ", 5) + "*woord* **sterk**\n", "o.md", "nl/belgium/o.md", {}, ok);
  ASSERT_EQ(ok.procedures.size(), 1u);
  EXPECT_EQ(ok.report.count("markdown_too_deep"), 0u);
  EXPECT_EQ(ok.procedures[0].body, "woord sterk");
}

TEST(CatalogueCaps, NestingCapAppliesToMarkdownBodiesInJsonLines) {
  auto const body = "# Titel\\n\\n" + rep("> ", 100) + "tekst";
  std::string const jsonl = R"({"id":"a","lang":"nl","title":"A","body":")" + body + "\"}\n" +
                            R"({"id":"b","lang":"nl","title":"B","body":"# Titel\n\n> tekst"})" + "\n";
  catalogue c;
  parse_jsonl(jsonl, "cat.jsonl", {}, c);
  ASSERT_EQ(c.procedures.size(), 2u);
  auto const* p = find(c, "markdown_too_deep");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->line, 1u + 2u);  // JSONL line 1, Markdown line 3 of the body
  EXPECT_EQ(c.report.count("markdown_too_deep"), 1u);
  EXPECT_EQ(c.procedures[0].body, "Titel\ntekst");
  EXPECT_EQ(c.procedures[1].body, "Titel\ntekst");
}

TEST(CatalogueCaps, DocumentOverTheSizeCapIsSkippedAndTheRestLoads) {
  load_options opt;
  opt.max_document_bytes = 1000;
  std::string const big = R"({"id":"big","lang":"fr","title":"Gros","body":")" + rep("mot ", 300) + "\"}";
  std::string const jsonl = R"({"id":"a","lang":"fr","title":"A","body":"avant"})" "\n" + big + "\n" +
                            R"({"id":"b","lang":"fr","title":"B","body":"après"})" "\n";
  catalogue c;
  parse_jsonl(jsonl, "cat.jsonl", opt, c);
  ASSERT_EQ(c.procedures.size(), 2u);
  EXPECT_EQ(c.procedures[0].id, "a");
  EXPECT_EQ(c.procedures[1].id, "b");
  EXPECT_EQ(c.n_skipped, 1u);
  auto const* p = find(c, "document_too_large");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->severity, severity::error);
  EXPECT_EQ(p->line, 2u);
  EXPECT_NE(p->message.find(std::to_string(big.size()) + " bytes"), std::string::npos) << p->message;

  catalogue m;
  parse_markdown(front("Groot") + rep("woord ", 200), "groot.md", "nl/belgium/groot.md", opt, m);
  EXPECT_TRUE(m.procedures.empty());
  ASSERT_NE(find(m, "document_too_large"), nullptr);
}

TEST(CatalogueCaps, LoadCatalogueSkipsAnOversizedMarkdownFileWithoutReadingIt) {
  auto tmpl = (fs::temp_directory_path() / "kw-catalogue-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  fs::path const dir = tmpl;
  fs::create_directories(dir / "nl" / "belgium");
  std::ofstream(dir / "nl" / "belgium" / "klein.md") << front("Klein") << "Een korte gids.\n";
  std::ofstream(dir / "nl" / "belgium" / "groot.md") << front("Groot") << rep("woord ", 2000);
  load_options opt;
  opt.max_document_bytes = 4096;
  auto c = load_catalogue(dir, opt);
  fs::remove_all(dir);
  ASSERT_TRUE(c) << c.error().to_string();
  ASSERT_EQ(c->procedures.size(), 1u);
  EXPECT_EQ(c->procedures[0].title, "Klein");
  auto const* p = find(*c, "document_too_large");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->file, (dir / "nl" / "belgium" / "groot.md").string());
}

TEST(CatalogueCaps, BodyIsCutAtAWordBoundaryAndStaysValidUtf8) {
  load_options opt;
  opt.max_body_bytes = 1001;
  // "woord " is 6 bytes: the cut falls inside a word and moves back to the space before it.
  std::string const jsonl = R"({"id":"a","lang":"nl","title":"A","body":")" + rep("woord ", 1000) + "\"}\n";
  catalogue c;
  parse_jsonl(jsonl, "cat.jsonl", opt, c);
  ASSERT_EQ(c.procedures.size(), 1u);
  auto const& body = c.procedures[0].body;
  EXPECT_EQ(body.size(), 995u);  // 166 words of 6 bytes = 996, minus the trailing space
  EXPECT_TRUE(body.ends_with("woord"));
  auto const* p = find(c, "body_truncated");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->severity, severity::warning);
  EXPECT_EQ(p->field, "body");
  EXPECT_NE(p->message.find("6000 bytes cut to 995"), std::string::npos) << p->message;

  // No space near the cut: two-byte letters, an odd cap; the cut never splits a character.
  std::string const dense = R"({"id":"e","lang":"fr","title":"E","body":")" + rep("é", 1000) + "\"}\n";
  catalogue e;
  parse_jsonl(dense, "e.jsonl", opt, e);
  ASSERT_EQ(e.procedures.size(), 1u);
  EXPECT_EQ(e.procedures[0].body.size(), 1000u);
  EXPECT_TRUE(text::is_valid_utf8(e.procedures[0].body));
}

TEST(CatalogueCaps, ZeroMeansNoCap) {
  load_options opt;
  opt.max_document_bytes = 0;
  opt.max_body_bytes = 0;
  opt.max_markdown_nesting = 0;
  catalogue c;
  parse_markdown(front("Diep") + rep("> ", 50) + "tekst " + rep("woord ", 100), "d.md", "nl/belgium/d.md", opt, c);
  ASSERT_EQ(c.procedures.size(), 1u);
  EXPECT_TRUE(c.report.empty()) << c.report.to_text();
}


TEST(CatalogueJsonLines, LargeFileParsedInTwoHalvesGivesTheOneThreadResult) {
  // 20,000 lines of ~600 bytes (12 MB: over the 8 MB from which two threads parse the halves). Lines 2, 9,999
  // and 19,000 are bad JSON, line 15,000 lacks a title, line 20,000 repeats the id of line 10 (first one
  // wins). Expected by hand: 20,000 - 5 = 19,995 documents, their ids in line order, the problems in line
  // order with their line numbers (so the second half counts its lines from where the first ended).
  std::string const filler = rep("woord ", 90);
  std::string jsonl;
  auto doc = [&](std::size_t i, std::string const& id) {
    return R"({"id":")" + id + R"(","lang":"nl","title":"T)" + std::to_string(i) + R"(","body":")" + filler + "\"}\n";
  };
  for (std::size_t line = 1; line <= 20000; ++line) {
    if (line == 2 || line == 9999 || line == 19000) jsonl += "{not json\n";
    else if (line == 15000) jsonl += R"({"id":"x15000","lang":"nl","body":"b"})" "\n";
    else if (line == 20000) jsonl += doc(line, "d10");
    else jsonl += doc(line, "d" + std::to_string(line));
  }
  ASSERT_GT(jsonl.size(), 8u << 20);
  catalogue c;
  parse_jsonl(jsonl, "big.jsonl", {}, c);
  ASSERT_EQ(c.procedures.size(), 19995u);
  EXPECT_EQ(c.n_skipped, 5u);
  EXPECT_EQ(c.procedures[0].id, "d1");
  EXPECT_EQ(c.procedures[1].id, "d3");
  EXPECT_EQ(c.procedures[1].source_line, 3u);
  EXPECT_EQ(c.procedures.back().id, "d19999");
  EXPECT_EQ(c.procedures.back().source_line, 19999u);
  std::size_t in_order = 0;  // every document's line follows the previous one's
  for (std::size_t i = 1; i < c.procedures.size(); ++i)
    in_order += c.procedures[i].source_line > c.procedures[i - 1].source_line;
  EXPECT_EQ(in_order, c.procedures.size() - 1);
  for (auto const& p : c.procedures)
    if (p.source_line > 2 && p.source_line < 20000 && p.source_line != 9999 && p.source_line != 15000 &&
        p.source_line != 19000)
      ASSERT_EQ(p.id, "d" + std::to_string(p.source_line));
  auto const& pr = c.report.problems();
  ASSERT_EQ(pr.size(), 5u);
  std::uint32_t const lines[] = {2, 9999, 15000, 19000, 20000};
  char const* const codes[] = {"invalid_json", "invalid_json", "missing_field", "invalid_json", "duplicate_id"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(pr[i].line, lines[i]) << i;
    EXPECT_EQ(pr[i].code, codes[i]) << i;
    EXPECT_EQ(pr[i].file, "big.jsonl");
  }
  EXPECT_EQ(pr[2].field, "title");
}

}  // namespace
}  // namespace kwartier::search
