#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "kwartier/text/text.h"

namespace kwartier::text {
namespace {

// dictd's base64 digits: A-Z a-z 0-9 + /
bool b64(std::string_view s, std::uint64_t& v) {
  v = 0;
  if (s.empty() || s.size() > 10) return false;
  for (char c : s) {
    int d;
    if (c >= 'A' && c <= 'Z') d = c - 'A';
    else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
    else if (c >= '0' && c <= '9') d = c - '0' + 52;
    else if (c == '+') d = 62;
    else if (c == '/') d = 63;
    else return false;
    v = v * 64 + static_cast<std::uint64_t>(d);
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// "12. rest" -> rest; npos when the line is not a numbered sense
std::size_t sense_start(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  std::size_t const d0 = i;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == d0 || i >= line.size() || line[i] != '.') return std::string_view::npos;
  return i + 1;
}

// Splits a translation line at commas and semicolons outside brackets, dropping bracketed qualifiers.
void split_translations(std::string_view line, std::vector<std::string>& out) {
  std::string cur;
  int depth = 0;
  auto flush = [&] {
    auto const t = trim(cur);
    std::size_t words = t.empty() ? 0 : 1;
    for (char c : t) words += c == ' ';
    if (!t.empty() && words <= kMaxTranslationWords && is_valid_utf8(t)) out.emplace_back(t);
    cur.clear();
  };
  for (char c : line) {
    if (c == '(' || c == '[' || c == '<' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '>' || c == '}') && depth > 0) --depth;
    else if (depth == 0 && (c == ',' || c == ';')) flush();
    else if (depth == 0) cur.push_back(c);
  }
  flush();
}

}  // namespace

std::vector<std::string> parse_dictd_article(std::string_view a) {
  std::vector<std::string_view> lines;
  std::size_t p = 0;
  while (p < a.size()) {
    auto nl = a.find('\n', p);
    if (nl == std::string_view::npos) nl = a.size();
    lines.push_back(a.substr(p, nl - p));
    p = nl + 1;
  }
  std::vector<std::string> out;
  if (lines.size() < 2) return out;
  bool numbered = false;
  for (std::size_t i = 1; i < lines.size() && !numbered; ++i) numbered = sense_start(lines[i]) != std::string_view::npos;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto const line = trim(lines[i]);
    if (line.empty()) continue;
    if (!numbered) {
      split_translations(line, out);
      break;  // the first line holds the translations; what follows is a gloss
    }
    auto const s = sense_start(line);
    if (s != std::string_view::npos) split_translations(line.substr(s), out);
  }
  // unique, first occurrence first
  std::vector<std::string> uniq;
  for (auto& t : out)
    if (std::find(uniq.begin(), uniq.end(), t) == uniq.end()) uniq.push_back(std::move(t));
  return uniq;
}

result<std::vector<dictionary_entry>> parse_dictd(std::string_view index, std::string_view data,
                                                  std::string const& name) {
  std::vector<dictionary_entry> out;
  std::uint32_t line_no = 0;
  std::size_t p = 0;
  while (p < index.size()) {
    auto nl = index.find('\n', p);
    if (nl == std::string_view::npos) nl = index.size();
    auto const line = index.substr(p, nl - p);
    p = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    auto const t1 = line.find('\t');
    auto const t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos)
      return make_error(errc::invalid_format, "dictd index line must be headword<TAB>offset<TAB>length", name, line_no);
    auto const head = line.substr(0, t1);
    auto const len_s = line.substr(t2 + 1, line.find('\t', t2 + 1) - (t2 + 1));
    std::uint64_t off = 0, len = 0;
    if (!b64(line.substr(t1 + 1, t2 - t1 - 1), off) || !b64(len_s, len))
      return make_error(errc::invalid_format, "dictd offset or length is not base64", name, line_no);
    if (off > data.size() || len > data.size() - off)
      return make_error(errc::invalid_format, "dictd article lies outside the data file", name, line_no);
    if (head.starts_with("00database") || head.starts_with("00-database") || !is_valid_utf8(head)) continue;
    auto tr = parse_dictd_article(data.substr(off, len));
    if (tr.empty()) continue;
    out.push_back({std::string(head), std::move(tr)});
  }
  return out;
}

result<std::vector<dictionary_entry>> read_dictd(std::filesystem::path const& base) {
  auto const index_path = std::filesystem::path(base.string() + ".index");
  std::ifstream in(index_path, std::ios::binary);
  if (!in) return make_error(errc::io_error, "cannot open dictd index", index_path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  auto const index = ss.str();
  auto data_path = std::filesystem::path(base.string() + ".dict.dz");
  std::error_code ec;
  if (!std::filesystem::exists(data_path, ec)) data_path = base.string() + ".dict";
  gzFile gz = gzopen(data_path.c_str(), "rb");  // reads gzip/dictzip, and plain files as they are
  if (gz == nullptr) return make_error(errc::io_error, "cannot open dictd data", data_path.string());
  std::string data;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) {
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > (std::size_t{1} << 30)) break;  // 1 GiB: not a dictionary
  }
  bool const failed = n < 0;
  gzclose(gz);
  if (failed) return make_error(errc::invalid_format, "dictd data is not readable gzip", data_path.string());
  return parse_dictd(index, data, index_path.string());
}

}  // namespace kwartier::text
