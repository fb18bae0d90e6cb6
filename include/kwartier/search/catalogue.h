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

struct load_options {
  std::string default_country;  // for documents without a country (e.g. "belgium" for Brussels pages)
};

// One .jsonl file, one .md file, or a directory (every *.jsonl and *.md below it, in path order).
// Errors (not found, unreadable, unknown extension) are whole-input failures; bad lines are reported.
result<catalogue> load_catalogue(std::filesystem::path const& path, load_options const& opt = {});
// Appends the documents of JSON lines `data` to `out` (ids already in `out` are duplicates).
void parse_jsonl(std::string_view data, std::string const& file_name, load_options const& opt, catalogue& out);
// One Markdown guide; `relative_path` ("nl/belgium/x.md") may give language, country and id.
void parse_markdown(std::string_view data, std::string const& file_name, std::string const& relative_path,
                    load_options const& opt, catalogue& out);
// Plain text of a Markdown document (cmark).
std::string markdown_to_text(std::string_view markdown);

}  // namespace kwartier::search
