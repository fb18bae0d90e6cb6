// Procedure catalogues (DESIGN.md §7): JSON lines and Markdown guides with YAML front matter.
//
// JSONL schema, one object per line:
//   required  id (string, unique), lang (string, "fr", "nl-BE", ...), title (string), body (string)
//   optional  url, organisation, level, country, translation_key (or group), summary (or description),
//             meta_title, community, variant_group; other fields are ignored. A body that looks like Markdown
//             is reduced to text.
// community: the Belgian language community whose procedure this is ("fr", "nl", "de"), "bicommunity" or
// "regional" (the same for everyone), or empty; variant_group: the key shared by the community variants
// of one procedure (registering in a French-speaking vs a Dutch-speaking school). An unknown community is
// a warning and is left empty.
// Markdown: `---` YAML front matter `---` then the body. Front matter: title (required), translationKey,
// description, meta_title, lang, country, id, url, organisation, level, community, variant_group. Without lang/country in the front
// matter, a path <lang>/<country>/<slug>.md gives them; the id defaults to "<lang>/<country>/<slug>".
//
// A bad line or file is reported in the validation_report (file, line, field) and skipped; the rest loads.
// Resource caps (load_options): documents over max_document_bytes are skipped, Markdown nested deeper than
// max_markdown_nesting is indexed unparsed, bodies are cut to max_body_bytes; each is reported.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"

namespace kwartier::search {

struct procedure {
  std::string id;
  std::string lang;  // normalised language code ("fr"), or the given code lower-cased when unknown
  std::string title;
  std::string body;  // plain text
  std::string summary;
  std::string url;
  std::string organisation;
  std::string level;
  std::string country;    // lower case, e.g. "belgium"
  std::string group_key;  // same procedure in other languages; empty = its own answer
  std::string community;      // "fr", "nl", "de", "bicommunity", "regional" or ""
  std::string variant_group;  // community variants of one procedure share it; "" = none
  std::string source_file;
  std::uint32_t source_line = 0;
};

struct catalogue {
  std::vector<procedure> procedures;
  validation_report report;
  std::size_t n_skipped = 0;  // lines / files that were not loaded
};

// Resource caps (docs/reliability.md): what one hostile or broken document may cost. The largest real
// documents we know (tramitit guides, Brussels pages) are under 5 KB.
struct load_options {
  std::string default_country;  // for documents without a country (e.g. "belgium" for Brussels pages)
  // A Markdown file or one JSONL line longer than this is reported (error `document_too_large`) and skipped
  // before any parser sees it; the rest of the catalogue loads.
  std::size_t max_document_bytes = std::size_t{1} << 20;
  // Markdown nested deeper than this is reported (warning `markdown_too_deep`, with the line) and indexed as
  // plain text without Markdown parsing. Depth is estimated before cmark runs: block quote and list markers
  // and list indentation on a line, plus emphasis and link openers left open in the paragraph. cmark's cost
  // grows with nesting depth times content (a 250 KB guide of nested block quotes and emphasis runs took
  // 63 s); at 32 levels it stays linear.
  std::size_t max_markdown_nesting = 32;
  // The indexed body text of one document is cut to this many bytes (at a word boundary; warning
  // `body_truncated`). Bounds the memory of indexing one document (a 50 MB body took 940 MB).
  std::size_t max_body_bytes = std::size_t{256} << 10;
};

// One .jsonl file, one .md file, or a directory (every *.jsonl and *.md below it, in path order).
// Errors (not found, unreadable, unknown extension) are whole-input failures; bad lines are reported.
result<catalogue> load_catalogue(std::filesystem::path const& path, load_options const& opt = {});
// Appends the documents of JSON lines `data` to `out` (ids already in `out` are duplicates).
void parse_jsonl(std::string_view data, std::string const& file_name, load_options const& opt, catalogue& out);
// One Markdown guide; `relative_path` ("nl/belgium/x.md") may give language, country and id.
void parse_markdown(std::string_view data, std::string const& file_name, std::string const& relative_path,
                    load_options const& opt, catalogue& out);
// Plain text of a Markdown document (cmark). Callers cap its nesting first (markdown_nesting_over).
std::string markdown_to_text(std::string_view markdown);
// The first line (1-based) on which `markdown` may nest deeper than `max_depth` (see
// load_options::max_markdown_nesting), or 0 when it never does. Linear in the input; never parses.
std::uint32_t markdown_nesting_over(std::string_view markdown, std::size_t max_depth);
// Text of a Markdown document without parsing it: leading block quote and list markers and emphasis
// characters are dropped, everything else is kept (used for documents nested too deeply to parse).
std::string markdown_to_text_unparsed(std::string_view markdown);

}  // namespace kwartier::search
