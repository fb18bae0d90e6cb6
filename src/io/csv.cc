#include "kwartier/io/csv.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace kwartier::io {
namespace {

std::uint32_t line_of(std::string_view data, std::size_t offset) {
  return 1 + static_cast<std::uint32_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Offset of the first byte that is not valid UTF-8 (data.size() when all valid). Only used to locate the
// problem after simdjson's fast validator said there is one.
std::size_t first_invalid_utf8(std::string_view s) {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  std::size_t const n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned const c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; cp = c & 0x0f; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3f);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return i;
    i += len;
  }
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// true for ',', '\n', '\r'
struct delim_table {
  bool t[256] = {};
  constexpr delim_table() {
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    t[static_cast<unsigned char>('\r')] = true;
  }
};
constexpr delim_table kDelim{};

}  // namespace

status check_encoding(std::string_view data, std::string const& file) {
  if (data.size() >= 2 && ((static_cast<unsigned char>(data[0]) == 0xff && static_cast<unsigned char>(data[1]) == 0xfe) ||
                           (static_cast<unsigned char>(data[0]) == 0xfe && static_cast<unsigned char>(data[1]) == 0xff)))
    return make_error(errc::invalid_format, "file is UTF-16 (byte-order mark); GTFS requires UTF-8", file, 1);
  if (auto const* nul = static_cast<char const*>(std::memchr(data.data(), 0, data.size())); nul != nullptr) {
    auto const off = static_cast<std::size_t>(nul - data.data());
    // UTF-16 without a BOM shows up as NUL bytes every other byte.
    bool const utf16 = data.size() >= 4 && (data[0] == 0 || data[1] == 0) && (data[2] == 0 || data[3] == 0);
    return make_error(errc::invalid_format,
                      utf16 ? "file looks like UTF-16 (NUL bytes); GTFS requires UTF-8"
                            : "file contains a NUL byte at offset " + std::to_string(off),
                      file, line_of(data, off));
  }
  if (!simdjson::validate_utf8(data.data(), data.size())) {
    auto const off = first_invalid_utf8(data);
    return make_error(errc::invalid_format, "invalid UTF-8 at offset " + std::to_string(off), file,
                      line_of(data, std::min(off, data.size())));
  }
  return {};
}

result<csv_reader> csv_reader::open(std::string_view data, std::string file) {
  KW_TRY_VOID(check_encoding(data, file));
  csv_reader r;
  r.file_ = std::move(file);
  if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  r.data_ = data;
  if (!r.next()) return make_error(errc::invalid_format, "empty file, no header", r.file_, 1);
  r.header_.reserve(r.fields_.size());
  for (auto const f : r.fields_) r.header_.emplace_back(trim(f));
  return r;
}

int csv_reader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

bool csv_reader::next() {
  auto const n = data_.size();
  // Skip blank lines.
  while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++next_line_;
  }
  fields_.clear();
  if (pos_ >= n) return false;
  return parse_record();
}

bool csv_reader::parse_record() {
  auto const n = data_.size();
  char const* d = data_.data();
  line_ = next_line_;
  unterminated_ = false;
  scratch_.clear();
  scratch_spans_.clear();
  scratch_ix_.clear();
  for (;;) {
    if (pos_ < n && d[pos_] == '"') {
      // Quoted field: copy segments between doubled quotes into scratch only when needed.
      ++pos_;
      std::size_t seg = pos_;
      bool escaped = false;
      std::size_t const scratch_start = scratch_.size();
      for (;;) {
        auto const* q = static_cast<char const*>(std::memchr(d + pos_, '"', n - pos_));
        std::size_t const end = q == nullptr ? n : static_cast<std::size_t>(q - d);
        for (std::size_t i = pos_; i < end; ++i)
          if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n'))) ++next_line_;
        if (q == nullptr) {  // unterminated: the rest of the buffer is the field
          unterminated_ = true;
          pos_ = n;
          break;
        }
        if (end + 1 < n && d[end + 1] == '"') {  // doubled quote
          scratch_.append(d + seg, end + 1 - seg);
          escaped = true;
          pos_ = end + 2;
          seg = pos_;
          continue;
        }
        pos_ = end + 1;
        break;
      }
      std::size_t const seg_end = unterminated_ ? n : pos_ - 1;
      // Characters after the closing quote up to the delimiter are kept (lenient, like most readers).
      std::size_t tail = pos_;
      while (pos_ < n && !kDelim.t[static_cast<unsigned char>(d[pos_])]) ++pos_;
      if (!escaped && tail == pos_) {
        fields_.emplace_back(d + seg, seg_end - seg);
      } else {
        scratch_.append(d + seg, seg_end - seg);
        scratch_.append(d + tail, pos_ - tail);
        scratch_spans_.emplace_back(scratch_start, scratch_.size() - scratch_start);
        scratch_ix_.push_back(static_cast<std::uint32_t>(fields_.size()));
        fields_.emplace_back();
      }
    } else {
      std::size_t const start = pos_;
      while (pos_ < n && !kDelim.t[static_cast<unsigned char>(d[pos_])]) ++pos_;
      fields_.emplace_back(d + start, pos_ - start);
    }
    if (pos_ >= n) break;
    char const c = d[pos_];
    if (c == ',') {
      ++pos_;
      if (pos_ >= n) {  // trailing comma at the end of the buffer: one more empty field
        fields_.emplace_back();
        break;
      }
      continue;
    }
    // End of line.
    if (c == '\r' && pos_ + 1 < n && d[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++next_line_;
    break;
  }
  for (std::size_t k = 0; k < scratch_ix_.size(); ++k)
    fields_[scratch_ix_[k]] = std::string_view{scratch_}.substr(scratch_spans_[k].first, scratch_spans_[k].second);
  return true;
}

}  // namespace kwartier::io
