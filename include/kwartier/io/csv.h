// RFC 4180 CSV reader over an in-memory buffer or a byte stream: quoted fields with embedded commas,
// newlines and doubled quotes; UTF-8 BOM stripped; CRLF, CR and LF line ends; the header maps column names
// (in any order) to indices; each record reports the line it starts on. Fields are string_views valid
// until the next call to next().
//
//   KW_TRY(auto csv, io::csv_reader::open(bytes, "stops.txt"));       // whole buffer (must outlive it)
//   auto csv = io::csv_reader::open(std::move(stream), "stops.txt");  // streamed, bounded memory
//   if (csv.issue() != io::csv_issue::none) report(csv.error());      // unusable from the start
//   int const id = csv.column("stop_id");                              // -1 when absent
//   while (csv.next()) use(csv.line(), csv.field(id));
//   if (csv.issue() != io::csv_issue::none) report(csv.error());      // the rest could not be read
//
// Streamed input is read in blocks (1 MiB) into a buffer that holds the current record and the block
// being parsed; its encoding is checked block by block before any row of it is returned. A problem
// (invalid UTF-8, NUL byte, a record longer than the cap, a read error) ends the input at the start of
// the line holding it: the rows before are returned, then next() is false and issue()/error() say what
// and where (file, line).
//
// Thread rules: a reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/io/stream.h"

namespace kwartier::io {

// What is wrong with a text file's encoding.
enum class encoding_issue : std::uint8_t {
  none = 0,
  utf16 = 1,         // UTF-16 byte-order mark, or NUL bytes every other byte (UTF-16 without a BOM)
  nul_byte = 2,      // a NUL byte
  invalid_utf8 = 3,  // a byte sequence that is not UTF-8 (overlong forms and surrogates included)
};

struct encoding_check {
  encoding_issue issue = encoding_issue::none;
  std::size_t offset = 0;  // of the first offending byte
  std::uint32_t line = 0;  // 1-based line holding it
  bool ok() const { return issue == encoding_issue::none; }
  std::string message() const;  // "invalid UTF-8 at offset 17", ...
};

// Whole-buffer encoding check: UTF-16, NUL bytes, invalid UTF-8 (first problem found).
encoding_check check_encoding(std::string_view data);

// Why a CSV input stopped early (or could not be opened).
enum class csv_issue : std::uint8_t {
  none = 0,
  empty_file,       // no header line
  utf16,            // see encoding_issue
  nul_byte,
  invalid_utf8,
  record_too_long,  // one record longer than csv_options::max_record_bytes
  read_failed,      // the stream failed (corrupt zip entry, a resource cap of the source, I/O)
};
// Stable problem code: "empty_file", "utf16_encoding", "nul_byte", "invalid_utf8", "record_too_long",
// "unreadable_file".
std::string_view csv_issue_code(csv_issue) noexcept;

struct csv_options {
  std::size_t block_bytes = std::size_t{1} << 20;       // read granularity of streamed input
  std::size_t max_record_bytes = std::size_t{64} << 20;  // one record (quoted newlines included)
};

class csv_reader {
 public:
  // Whole buffer: checks the encoding of all of it first (check_encoding), strips a UTF-8 BOM and reads
  // the header line. Errors (errc::invalid_format naming `file` and the line): encoding problems, an empty
  // buffer ("empty file, no header").
  static result<csv_reader> open(std::string_view data, std::string file);
  // Streamed: never fails; when the input is unusable from the start (empty, UTF-16, a bad byte in the
  // header line, a read error) issue() is set, the header is empty and next() is false.
  static csv_reader open(std::unique_ptr<byte_stream> in, std::string file, csv_options const& opt = {});

  csv_reader(csv_reader&&) noexcept;
  csv_reader& operator=(csv_reader&&) noexcept;
  ~csv_reader();

  std::vector<std::string> const& header() const { return header_; }
  int column(std::string_view name) const;  // index in the header or -1

  // Advances to the next record (blank lines are skipped). False at the end, or when the input stopped
  // early (issue() != none).
  bool next();
  std::size_t n_fields() const { return fields_.size(); }
  // Field `col` of the current record; "" when col < 0 or the record has fewer fields.
  std::string_view field(int col) const {
    return (col < 0 || static_cast<std::size_t>(col) >= fields_.size()) ? std::string_view{}
                                                                          : fields_[static_cast<std::size_t>(col)];
  }
  std::uint32_t line() const { return line_; }  // 1-based line where the current record starts
  // The current record ended inside a quoted field at the end of the file.
  bool unterminated_quote() const { return unterminated_; }
  std::string const& file() const { return file_; }
  // Size of the input: the buffer's, or the stream's size hint (0 when unknown).
  std::size_t bytes() const { return size_hint_; }

  csv_issue issue() const { return issue_; }
  // The problem behind issue() (errc::invalid_format, or the stream's own error), naming file and line.
  error const& failure() const { return failure_; }

 private:
  csv_reader() = default;
  bool parse_record();           // false: ran into the end of the buffered data before the input's end
  bool refill();                 // more data after the current record start; false at the end / on error
  void stop(csv_issue issue, error e);
  void check_new_bytes();
  bool read_header();

  std::unique_ptr<byte_stream> in_;  // null for a whole buffer
  csv_options opt_;
  std::string buf_;                  // streamed input: [0, filled) holds the current record onwards
  std::string_view data_;            // what the parser sees
  std::size_t pos_ = 0;
  std::size_t checked_ = 0;          // streamed: bytes of data_ whose encoding was checked
  std::size_t consumed_ = 0;         // streamed: bytes dropped from the front of buf_ so far
  std::size_t bom_ = 0;              // 3 when a UTF-8 BOM was stripped
  bool at_end_ = true;               // no more input beyond data_
  bool first_block_ = true;
  std::size_t size_hint_ = 0;
  std::uint32_t next_line_ = 1;
  std::uint32_t line_ = 0;
  bool unterminated_ = false;
  csv_issue issue_ = csv_issue::none;
  csv_issue pending_ = csv_issue::none;  // found ahead of the parser; becomes issue_ at the data's end
  error failure_;
  std::string file_;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
  std::string scratch_;                   // unescaped quoted fields of the current record
  std::vector<std::uint32_t> scratch_ix_; // field index -> 1 + index into scratch_spans_ (0: points into data)
  std::vector<std::pair<std::size_t, std::size_t>> scratch_spans_;
};

}  // namespace kwartier::io
