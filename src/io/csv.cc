#include "kwartier/io/csv.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>

namespace kwartier::io {
namespace {

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

// Lines (LF, CRLF or a lone CR) ending in [from, to) of `d`.
std::uint32_t count_line_ends(std::string_view d, std::size_t from, std::size_t to) {
  std::uint32_t n = 0;
  for (std::size_t i = from; i < to; ++i)
    if (d[i] == '\n' || (d[i] == '\r' && (i + 1 >= d.size() || d[i + 1] != '\n'))) ++n;
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

// The first encoding problem of a block that starts at a code point boundary; offsets relative to it.
// `file_start`: the block is the beginning of the file (UTF-16 byte-order mark / NUL pattern checks).
encoding_check check_block(std::string_view data, bool file_start) {
  if (file_start && data.size() >= 2 &&
      ((static_cast<unsigned char>(data[0]) == 0xff && static_cast<unsigned char>(data[1]) == 0xfe) ||
       (static_cast<unsigned char>(data[0]) == 0xfe && static_cast<unsigned char>(data[1]) == 0xff)))
    return {encoding_issue::utf16, 0, 0};
  if (auto const* nul = static_cast<char const*>(std::memchr(data.data(), 0, data.size())); nul != nullptr) {
    auto const off = static_cast<std::size_t>(nul - data.data());
    // UTF-16 without a BOM shows up as NUL bytes every other byte.
    bool const utf16 = file_start && data.size() >= 4 && (data[0] == 0 || data[1] == 0) && (data[2] == 0 || data[3] == 0);
    return {utf16 ? encoding_issue::utf16 : encoding_issue::nul_byte, utf16 ? 0 : off, 0};
  }
  if (!simdjson::validate_utf8(data.data(), data.size()))
    return {encoding_issue::invalid_utf8, std::min(first_invalid_utf8(data), data.size()), 0};
  return {};
}

csv_issue to_csv_issue(encoding_issue e) {
  switch (e) {
    case encoding_issue::utf16: return csv_issue::utf16;
    case encoding_issue::nul_byte: return csv_issue::nul_byte;
    case encoding_issue::invalid_utf8: return csv_issue::invalid_utf8;
    case encoding_issue::none: break;
  }
  return csv_issue::none;
}

class memory_byte_stream final : public byte_stream {
 public:
  explicit memory_byte_stream(std::string_view d) : d_{d} {}
  result<std::size_t> read(char* out, std::size_t n) override {
    auto const k = std::min(n, d_.size() - pos_);
    std::memcpy(out, d_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::uint64_t size_hint() const override { return d_.size(); }

 private:
  std::string_view d_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<byte_stream> memory_stream(std::string_view data) { return std::make_unique<memory_byte_stream>(data); }

std::string encoding_check::message() const {
  switch (issue) {
    case encoding_issue::utf16:
      return "file is UTF-16 (byte-order mark or NUL bytes every other byte); GTFS requires UTF-8";
    case encoding_issue::nul_byte: return "file contains a NUL byte at offset " + std::to_string(offset);
    case encoding_issue::invalid_utf8: return "invalid UTF-8 at offset " + std::to_string(offset);
    case encoding_issue::none: break;
  }
  return "encoding ok";
}

encoding_check check_encoding(std::string_view data) {
  auto c = check_block(data, true);
  if (!c.ok()) c.line = 1 + count_line_ends(data, 0, std::min(c.offset, data.size()));
  return c;
}

std::string_view csv_issue_code(csv_issue i) noexcept {
  switch (i) {
    case csv_issue::none: return "";
    case csv_issue::empty_file: return "empty_file";
    case csv_issue::utf16: return "utf16_encoding";
    case csv_issue::nul_byte: return "nul_byte";
    case csv_issue::invalid_utf8: return "invalid_utf8";
    case csv_issue::record_too_long: return "record_too_long";
    case csv_issue::read_failed: return "unreadable_file";
  }
  return "";
}

csv_reader::csv_reader(csv_reader&&) noexcept = default;
csv_reader& csv_reader::operator=(csv_reader&&) noexcept = default;
csv_reader::~csv_reader() = default;

result<csv_reader> csv_reader::open(std::string_view data, std::string file) {
  if (auto const enc = check_encoding(data); !enc.ok())
    return make_error(errc::invalid_format, enc.message(), std::move(file), enc.line);
  csv_reader r;
  r.file_ = std::move(file);
  r.size_hint_ = data.size();
  if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  r.data_ = data;
  r.at_end_ = true;
  if (!r.read_header()) return make_error(errc::invalid_format, "empty file, no header", r.file_, 1);
  return r;
}

csv_reader csv_reader::open(std::unique_ptr<byte_stream> in, std::string file, csv_options const& opt) {
  csv_reader r;
  r.file_ = std::move(file);
  r.opt_ = opt;
  r.opt_.block_bytes = std::max<std::size_t>(r.opt_.block_bytes, 1);
  r.size_hint_ = static_cast<std::size_t>(in->size_hint());
  r.in_ = std::move(in);
  r.at_end_ = false;
  r.buf_.reserve(r.opt_.block_bytes + 64);
  r.refill();
  if (!r.read_header() && r.issue_ == csv_issue::none)
    r.stop(csv_issue::empty_file, error{errc::invalid_format, "empty file, no header", r.file_, 1, {}});
  return r;
}

bool csv_reader::read_header() {
  if (!next()) return false;
  header_.reserve(fields_.size());
  for (auto const f : fields_) header_.emplace_back(trim(f));
  return true;
}

void csv_reader::stop(csv_issue issue, error e) {
  issue_ = issue;
  pending_ = csv_issue::none;
  failure_ = std::move(e);
  header_.clear();
  fields_.clear();
}

int csv_reader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

// Streamed input: drop what lies before the current record, read the next block (until it is full or the
// input ends), check its encoding. Problems end the input at the start of the line holding them.
bool csv_reader::refill() {
  if (at_end_ || in_ == nullptr) return false;
  if (pos_ > 0) {
    consumed_ += pos_;
    buf_.erase(0, pos_);
    checked_ -= pos_;
    pos_ = 0;
  }
  auto const cut = [&](std::size_t k, csv_issue issue, error e) {
    // The input ends at the start of the line holding offset k (the lines before it stay readable).
    std::size_t end = k;
    while (end > pos_ && buf_[end - 1] != '\n' && buf_[end - 1] != '\r') --end;
    e.line = next_line_ + count_line_ends(buf_, pos_, end);
    buf_.resize(end);
    data_ = buf_;
    checked_ = std::min(checked_, end);
    at_end_ = true;
    pending_ = issue;
    failure_ = std::move(e);
  };
  auto const have = buf_.size();
  if (have >= opt_.max_record_bytes) {
    cut(0, csv_issue::record_too_long,
        error{errc::invalid_format,
              "a record is longer than " + std::to_string(opt_.max_record_bytes) + " bytes (csv_options::max_record_bytes)",
              file_, 0, {}});
    return false;
  }
  // The first block holds at least 4 bytes (or the whole input): enough to see a byte-order mark.
  auto const want = first_block_ ? std::max<std::size_t>(opt_.block_bytes, 4) : opt_.block_bytes;
  buf_.resize(have + want);
  std::size_t got = 0;
  while (got < want) {
    auto r = in_->read(buf_.data() + have + got, want - got);
    if (!r) {
      buf_.resize(have + got);
      auto e = std::move(r).error();
      if (e.file.empty()) e.file = file_;
      cut(buf_.size(), csv_issue::read_failed, std::move(e));
      return false;
    }
    if (*r == 0) {
      at_end_ = true;
      break;
    }
    got += *r;
  }
  buf_.resize(have + got);
  if (first_block_ && buf_.size() >= 3 && std::string_view{buf_}.substr(0, 3) == "\xEF\xBB\xBF") {
    buf_.erase(0, 3);
    bom_ = 3;
  }
  data_ = buf_;
  check_new_bytes();
  return got > 0;
}

void csv_reader::check_new_bytes() {
  auto const n = buf_.size();
  auto limit = n;
  if (!at_end_)  // hold back a UTF-8 sequence cut by the block end until the next block completes it
    for (std::size_t i = 1; i <= 3 && i <= n - checked_; ++i) {
      auto const c = static_cast<unsigned char>(buf_[n - i]);
      if ((c & 0xc0) == 0x80) continue;
      if (c >= 0xc0) {
        std::size_t const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        if (len > i) limit = n - i;
      }
      break;
    }
  auto const chk = check_block(std::string_view{buf_}.substr(checked_, limit - checked_), first_block_);
  first_block_ = false;
  if (chk.ok()) {
    checked_ = limit;
    return;
  }
  auto const k = checked_ + chk.offset;
  encoding_check where = chk;
  where.offset = consumed_ + bom_ + k;
  // The whole line holding the bad byte goes, so the input ends at its start.
  std::size_t end = k;
  while (end > pos_ && buf_[end - 1] != '\n' && buf_[end - 1] != '\r') --end;
  auto const line = next_line_ + count_line_ends(buf_, pos_, end);
  buf_.resize(end);
  data_ = buf_;
  checked_ = end;
  at_end_ = true;
  pending_ = to_csv_issue(chk.issue);
  failure_ = error{errc::invalid_format, where.message(), file_, line, {}};
}

bool csv_reader::next() {
  fields_.clear();
  if (issue_ != csv_issue::none) return false;
  for (;;) {
    auto const n = data_.size();
    // Skip blank lines (a CR at the end of the buffered data may be half of a CRLF: read on first).
    while (pos_ < n && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
      if (data_[pos_] == '\r' && pos_ + 1 == n && !at_end_) break;
      if (data_[pos_] == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++next_line_;
    }
    bool const blank_tail = pos_ < n && data_[pos_] == '\r';
    if (pos_ < n && !blank_tail) {
      auto const save_pos = pos_;
      auto const save_line = next_line_;
      if (parse_record()) return true;
      pos_ = save_pos;  // ran into the end of the buffered data: read on and parse it again
      next_line_ = save_line;
      fields_.clear();
    } else if (at_end_) {
      if (pending_ != csv_issue::none) {
        issue_ = pending_;
        pending_ = csv_issue::none;
      }
      return false;
    }
    refill();
  }
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
        if (q == nullptr) {  // unterminated: the rest of the input is the field
          if (!at_end_) return false;
          unterminated_ = true;
          pos_ = n;
          break;
        }
        if (end + 1 >= n && !at_end_) return false;  // a doubled quote may continue in the next block
        if (end + 1 < n && d[end + 1] == '"') {      // doubled quote
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
      if (pos_ >= n && !at_end_) return false;
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
      if (pos_ >= n && !at_end_) return false;
      fields_.emplace_back(d + start, pos_ - start);
    }
    if (pos_ >= n) break;
    char const c = d[pos_];
    if (c == ',') {
      ++pos_;
      if (pos_ >= n) {  // trailing comma at the end of the input: one more empty field
        if (!at_end_) return false;
        fields_.emplace_back();
        break;
      }
      continue;
    }
    // End of line.
    if (c == '\r' && pos_ + 1 >= n && !at_end_) return false;  // may be half of a CRLF
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
