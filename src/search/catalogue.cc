#include "kwartier/search/catalogue.h"

#include <cmark.h>
#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <fstream>
#include <optional>
#include <thread>
#include <unordered_set>

#include "kwartier/text/text.h"

namespace kwartier::search {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string norm_lang(std::string_view code) {
  auto const l = text::parse_lang(code);
  if (l != text::lang::neutral) return std::string(text::lang_code(l));
  return lower(code);
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Block container markers at the start of a line: an estimate of how many containers the line opens or
// continues (block quote '>', list markers "- ", "+ ", "* ", "1. ", "1) ", and list nesting by
// indentation: at least two columns per level), and where the line's content starts.
std::pair<std::size_t, std::size_t> container_prefix(std::string_view line) {
  std::size_t i = 0, markers = 0, indent = 0;
  for (;;) {
    while (i < line.size() && is_blank(line[i])) indent += line[i++] == '\t' ? 4 : 1;
    if (i >= line.size()) break;
    char const c = line[i];
    if (c == '>') {
      ++markers;
      ++i;
      if (i < line.size() && line[i] == ' ') ++i;
      continue;
    }
    if ((c == '-' || c == '+' || c == '*') && i + 1 < line.size() && is_blank(line[i + 1])) {
      ++markers;
      i += 2;
      continue;
    }
    if (c >= '0' && c <= '9') {
      std::size_t j = i;
      while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') ++j;
      if (j + 1 < line.size() && (line[j] == '.' || line[j] == ')') && is_blank(line[j + 1])) {
        ++markers;
        i = j + 2;
        continue;
      }
    }
    break;
  }
  return {markers + indent / 2, i};
}

std::string_view next_line(std::string_view data, std::size_t& pos) {
  auto nl = data.find('\n', pos);
  if (nl == std::string_view::npos) nl = data.size();
  auto const line = data.substr(pos, nl - pos);
  pos = nl + 1;
  return line;
}

// Cuts the body to opt.max_body_bytes at a UTF-8 boundary, at a space when one is near the cut.
void cap_body(procedure& p, load_options const& opt, catalogue& out) {
  if (opt.max_body_bytes == 0 || p.body.size() <= opt.max_body_bytes) return;
  auto const before = p.body.size();
  std::size_t cut = opt.max_body_bytes;
  while (cut > 0 && (static_cast<unsigned char>(p.body[cut]) & 0xC0) == 0x80) --cut;
  for (std::size_t k = cut; k > 0 && cut - k < 64; --k)
    if (is_ws(p.body[k - 1])) {
      cut = k - 1;
      break;
    }
  p.body.resize(cut);
  out.report.add(severity::warning, "body_truncated", p.source_file, p.source_line, "body",
                 "body text of " + std::to_string(before) + " bytes cut to " + std::to_string(cut) +
                     " bytes (load_options::max_body_bytes = " + std::to_string(opt.max_body_bytes) + ")");
}

// Markdown body -> text, unparsed (with a warning) when nested deeper than the cap.
std::string body_text(std::string_view md, procedure const& p, std::uint32_t first_line, load_options const& opt,
                      catalogue& out) {
  if (opt.max_markdown_nesting != 0) {
    if (auto const line = markdown_nesting_over(md, opt.max_markdown_nesting); line != 0) {
      out.report.add(severity::warning, "markdown_too_deep", p.source_file, first_line + line - 1, "body",
                     "Markdown nested more than " + std::to_string(opt.max_markdown_nesting) +
                         " levels deep (load_options::max_markdown_nesting); indexed as plain text");
      return markdown_to_text_unparsed(md);
    }
  }
  return markdown_to_text(md);
}

std::string too_large(std::size_t n, load_options const& opt) {
  return "document of " + std::to_string(n) + " bytes is over the cap of " + std::to_string(opt.max_document_bytes) +
         " bytes (load_options::max_document_bytes); skipped";
}

bool looks_like_markdown(std::string_view b) {
  return b.starts_with("#") || b.find("\n#") != std::string_view::npos || b.find("](") != std::string_view::npos;
}

void bad(catalogue& out, std::string const& file, std::uint32_t line, std::string field, std::string code,
         std::string msg) {
  out.report.add(severity::error, std::move(code), file, line, std::move(field), std::move(msg));
  ++out.n_skipped;
}

// community: lower case, one of the known values; anything else is a warning and left empty.
void check_community(procedure& p, catalogue& out) {
  p.community = lower(p.community);
  for (std::string_view ok : {"", "fr", "nl", "de", "bicommunity", "regional"})
    if (p.community == ok) return;
  out.report.add(severity::warning, "invalid_value", p.source_file, p.source_line, "community",
                 "community '" + p.community + "' is not fr, nl, de, bicommunity or regional; left empty");
  p.community.clear();
}

// Checks and appends one document; duplicates and missing required values are reported.
void add_doc(procedure&& p, catalogue& out, std::unordered_set<std::string>& ids) {
  auto const& f = p.source_file;
  auto const l = p.source_line;
  if (p.id.empty()) return bad(out, f, l, "id", "missing_field", "required field is missing or empty");
  if (p.lang.empty()) return bad(out, f, l, "lang", "missing_field", "required field is missing or empty");
  if (p.title.empty()) return bad(out, f, l, "title", "missing_field", "required field is missing or empty");
  check_community(p, out);
  if (!ids.insert(p.id).second)
    return bad(out, f, l, "id", "duplicate_id", "id '" + p.id + "' appears earlier; line skipped");
  out.procedures.push_back(std::move(p));
}

std::unordered_set<std::string> ids_of(catalogue const& c) {
  std::unordered_set<std::string> ids;
  for (auto const& p : c.procedures) ids.insert(p.id);
  return ids;
}

}  // namespace

std::uint32_t markdown_nesting_over(std::string_view md, std::size_t max_depth) {
  std::size_t open = 0;  // emphasis / link openers not yet closed in the current paragraph
  std::uint32_t line_no = 0;
  std::size_t pos = 0;
  while (pos < md.size()) {
    auto const line = next_line(md, pos);
    ++line_no;
    auto const [block, start] = container_prefix(line);
    if (block > max_depth) return line_no;
    auto const content = line.substr(start);
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) {
      open = 0;  // a blank line ends the paragraph: inline nesting starts again
      continue;
    }
    for (std::size_t i = 0; i < content.size();) {
      char const c = content[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        ++open;
        ++i;
      } else if (c == ']') {
        if (open > 0) --open;
        ++i;
      } else if (c == '*' || c == '_') {
        std::size_t j = i;
        while (j < content.size() && content[j] == c) ++j;
        bool const left = j < content.size() && !is_ws(content[j]);  // followed by text: may open
        bool const right = i > 0 && !is_ws(content[i - 1]);          // preceded by text: may close
        std::size_t const levels = (j - i + 1) / 2;                  // "***" can be emphasis in strong
        if (left && !right) open += levels;
        else if (right && !left) open -= std::min(open, levels);
        i = j;
      } else {
        ++i;
      }
      if (block + open > max_depth) return line_no;
    }
  }
  return 0;
}

std::string markdown_to_text_unparsed(std::string_view md) {
  std::string out;
  out.reserve(md.size());
  std::size_t pos = 0;
  while (pos < md.size()) {
    auto line = next_line(md, pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto content = line.substr(container_prefix(line).second);
    if (auto const h = content.find_first_not_of('#'); h != 0 && h != std::string_view::npos && h <= 6 &&
                                                       is_blank(content[h]))
      content.remove_prefix(h + 1);  // ATX heading marker
    for (char const c : content)
      if (c != '*' && c != '`') out += c;
    if (!content.empty()) out += '\n';
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string markdown_to_text(std::string_view md) {
  cmark_node* doc = cmark_parse_document(md.data(), md.size(), CMARK_OPT_DEFAULT);
  if (doc == nullptr) return std::string(md);
  std::string out;
  cmark_iter* it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    auto const type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        if (char const* lit = cmark_node_get_literal(n)) out += lit;
      } else if (type == CMARK_NODE_SOFTBREAK) {
        out += ' ';
      } else if (type == CMARK_NODE_LINEBREAK) {
        out += '\n';
      }
    } else if (ev == CMARK_EVENT_EXIT) {
      if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM) {
        if (!out.empty() && out.back() != '\n') out += '\n';
      }
    }
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

namespace {

// One JSON line: the document (nullopt when the line is blank or reported as bad into `out`).
std::optional<procedure> parse_jsonl_line(simdjson::dom::parser& parser, std::string_view line, std::uint32_t line_no,
                                          std::string const& file, load_options const& opt, catalogue& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return std::nullopt;
  if (opt.max_document_bytes != 0 && line.size() > opt.max_document_bytes) {
    bad(out, file, line_no, "", "document_too_large", too_large(line.size(), opt));
    return std::nullopt;
  }
  simdjson::dom::element el;
  if (auto err = parser.parse(line.data(), line.size()).get(el)) {
    bad(out, file, line_no, "", "invalid_json", std::string("not a JSON value: ") + simdjson::error_message(err));
    return std::nullopt;
  }
  simdjson::dom::object obj;
  if (el.get(obj)) {
    bad(out, file, line_no, "", "invalid_json", "a line must hold one JSON object");
    return std::nullopt;
  }
  procedure p;
  p.source_file = file;
  p.source_line = line_no;
  bool ok = true;
  auto get = [&](char const* key, std::string& dst, bool required) {
    if (!ok) return;
    auto v = obj[key];
    if (v.error() == simdjson::NO_SUCH_FIELD) {
      if (required) { bad(out, file, line_no, key, "missing_field", "required field is missing"); ok = false; }
      return;
    }
    if (v.is_null() && !required) return;
    std::string_view s;
    if (v.get(s)) {
      bad(out, file, line_no, key, "wrong_type", "field must be a string");
      ok = false;
      return;
    }
    dst.assign(s);
  };
  get("id", p.id, true);
  get("lang", p.lang, true);
  get("title", p.title, true);
  get("body", p.body, true);
  get("url", p.url, false);
  get("organisation", p.organisation, false);
  get("level", p.level, false);
  get("country", p.country, false);
  get("translation_key", p.group_key, false);
  if (p.group_key.empty()) get("group", p.group_key, false);
  get("summary", p.summary, false);
  get("community", p.community, false);
  get("variant_group", p.variant_group, false);
  if (p.summary.empty()) get("description", p.summary, false);
  if (!ok) return std::nullopt;
  p.lang = norm_lang(p.lang);
  p.country = lower(p.country.empty() ? opt.default_country : p.country);
  if (looks_like_markdown(p.body)) p.body = body_text(p.body, p, line_no, opt, out);
  cap_body(p, opt, out);
  return p;
}

// Files larger than this are parsed by two threads (halves cut at a line break) and their lines replayed in
// order, so the documents, the problems and their order are those of one thread.
constexpr std::size_t kParallelJsonlBytes = 8u << 20;

}  // namespace

void parse_jsonl(std::string_view data, std::string const& file, load_options const& opt, catalogue& out) {
  auto ids = ids_of(out);
  auto const serial = [&](std::string_view part, std::uint32_t first_line, catalogue& sink, auto&& on_line) {
    simdjson::dom::parser parser;
    std::uint32_t line_no = first_line;
    std::size_t pos = 0;
    while (pos < part.size()) {
      auto nl = part.find('\n', pos);
      if (nl == std::string_view::npos) nl = part.size();
      auto const line = part.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no;
      on_line(parse_jsonl_line(parser, line, line_no, file, opt, sink));
    }
  };
  auto cut = data.size() / 2;
  if (data.size() >= kParallelJsonlBytes) cut = data.find('\n', cut);
  if (data.size() < kParallelJsonlBytes || cut == std::string_view::npos) {
    serial(data, 0, out, [&](std::optional<procedure>&& p) {
      if (p) add_doc(std::move(*p), out, ids);
    });
    return;
  }
  // Each half's lines: the document (if any) and how many problems and skips the line added to its sink.
  struct line_result {
    std::optional<procedure> doc;
    std::size_t problems_end, skipped_end;
  };
  struct half {
    catalogue sink;
    std::vector<line_result> lines;
  };
  std::array<half, 2> halves;
  std::array<std::string_view, 2> const parts = {data.substr(0, cut), data.substr(cut + 1)};
  auto const lines_before = static_cast<std::uint32_t>(std::count(parts[0].begin(), parts[0].end(), '\n') + 1);
  auto run = [&](std::size_t h) {
    auto& hf = halves[h];
    hf.sink.report.set_limit_per_code(SIZE_MAX);  // every problem kept; the replay applies out's limit
    serial(parts[h], h == 0 ? 0 : lines_before, hf.sink, [&](std::optional<procedure>&& p) {
      hf.lines.push_back({std::move(p), hf.sink.report.problems().size(), hf.sink.n_skipped});
    });
  };
  std::exception_ptr error;
  std::thread second([&] {
    try {
      run(1);
    } catch (...) {
      error = std::current_exception();
    }
  });
  try {
    run(0);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (error) std::rethrow_exception(error);
  for (auto& hf : halves) {
    std::size_t problems = 0, skipped = 0;
    for (auto& l : hf.lines) {
      for (; problems < l.problems_end; ++problems) out.report.add(hf.sink.report.problems()[problems]);
      out.n_skipped += l.skipped_end - skipped;
      skipped = l.skipped_end;
      if (l.doc) add_doc(std::move(*l.doc), out, ids);
    }
  }
}

void parse_markdown(std::string_view data, std::string const& file, std::string const& rel, load_options const& opt,
                    catalogue& out) {
  if (opt.max_document_bytes != 0 && data.size() > opt.max_document_bytes)
    return bad(out, file, 1, "", "document_too_large", too_large(data.size(), opt));
  auto ids = ids_of(out);
  procedure p;
  p.source_file = file;
  p.source_line = 1;
  std::string_view body = data;
  if (data.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::string_view front;
  if (body.starts_with("---")) {
    auto const first_nl = body.find('\n');
    auto const end = first_nl == std::string_view::npos ? std::string_view::npos : body.find("\n---", first_nl);
    if (end == std::string_view::npos)
      return bad(out, file, 1, "front_matter", "invalid_front_matter", "front matter opened by --- is not closed");
    front = body.substr(first_nl + 1, end - first_nl);
    auto const after = body.find('\n', end + 4);
    body = after == std::string_view::npos ? std::string_view() : body.substr(after + 1);
  }
  std::filesystem::path const rp(rel);
  std::vector<std::string> parts;
  for (auto const& c : rp.parent_path()) parts.push_back(c.string());
  if (parts.size() >= 2 && text::parse_lang(parts[parts.size() - 2]) != text::lang::neutral) {
    p.lang = norm_lang(parts[parts.size() - 2]);
    p.country = lower(parts.back());
  } else if (!parts.empty() && text::parse_lang(parts.back()) != text::lang::neutral) {
    p.lang = norm_lang(parts.back());
  }
  p.id = (rp.parent_path() / rp.stem()).generic_string();
  if (!front.empty()) {
    try {
      YAML::Node const y = YAML::Load(std::string(front));
      if (!y.IsMap()) return bad(out, file, 2, "front_matter", "invalid_front_matter", "front matter is not a mapping");
      auto str = [&](char const* key, std::string& dst) {
        if (y[key] && y[key].IsScalar()) dst = y[key].as<std::string>();
      };
      str("title", p.title);
      str("translationKey", p.group_key);
      str("description", p.summary);
      str("url", p.url);
      str("organisation", p.organisation);
      str("level", p.level);
      str("community", p.community);
      str("variant_group", p.variant_group);
      std::string l, c, id;
      str("lang", l);
      str("country", c);
      str("id", id);
      if (!l.empty()) p.lang = norm_lang(l);
      if (!c.empty()) p.country = lower(c);
      if (!id.empty()) p.id = id;
    } catch (YAML::Exception const& e) {
      return bad(out, file, static_cast<std::uint32_t>(e.mark.line + 2), "front_matter", "invalid_front_matter",
                 std::string("YAML: ") + e.msg);
    }
  }
  if (p.title.empty())
    return bad(out, file, 1, "title", "missing_field", "front matter has no title");
  if (p.country.empty()) p.country = lower(opt.default_country);
  if (!text::is_valid_utf8(body) || !text::is_valid_utf8(p.title))
    return bad(out, file, 1, "body", "invalid_utf8", "text is not valid UTF-8");
  auto const body_offset = body.empty() ? data.size() : static_cast<std::size_t>(body.data() - data.data());
  auto const body_line =
      static_cast<std::uint32_t>(1 + std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(body_offset), '\n'));
  p.body = body_text(body, p, body_line, opt, out);
  cap_body(p, opt, out);
  add_doc(std::move(p), out, ids);
}

result<catalogue> load_catalogue(std::filesystem::path const& path, load_options const& opt) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error(errc::not_found, "catalogue does not exist", path.string());
  std::vector<std::pair<std::filesystem::path, std::string>> files;  // path, relative path
  if (std::filesystem::is_directory(path, ec)) {
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      auto const ext = it->path().extension().string();
      if (ext == ".md" || ext == ".markdown" || ext == ".jsonl")
        files.emplace_back(it->path(), std::filesystem::relative(it->path(), path).generic_string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty())
      return make_error(errc::not_found, "no .jsonl or .md files in catalogue directory", path.string());
  } else {
    auto const ext = path.extension().string();
    if (ext != ".md" && ext != ".markdown" && ext != ".jsonl" && ext != ".json")
      return make_error(errc::invalid_format, "catalogue must be .jsonl, .md or a directory", path.string());
    files.emplace_back(path, path.filename().string());
  }
  catalogue out;
  for (auto const& [f, rel] : files) {
    auto const ext = f.extension().string();
    bool const jsonl = ext == ".jsonl" || ext == ".json";
    auto const size = std::filesystem::file_size(f, ec);
    if (ec) return make_error(errc::io_error, "cannot read catalogue file: " + ec.message(), f.string());
    // A Markdown file is one document: one over the cap is reported without reading it.
    if (!jsonl && opt.max_document_bytes != 0 && size > opt.max_document_bytes) {
      bad(out, f.string(), 1, "", "document_too_large", too_large(size, opt));
      continue;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) return make_error(errc::io_error, "cannot read catalogue file", f.string());
    std::string data(size, '\0');
    in.read(data.data(), static_cast<std::streamsize>(size));
    data.resize(static_cast<std::size_t>(in.gcount()));
    if (jsonl) parse_jsonl(data, f.string(), opt, out);
    else parse_markdown(data, f.string(), rel, opt, out);
  }
  return out;
}

}  // namespace kwartier::search
