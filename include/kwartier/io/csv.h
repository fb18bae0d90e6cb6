// RFC 4180 CSV reader over an in-memory buffer: quoted fields with embedded commas, newlines and doubled
// quotes; UTF-8 BOM stripped; CRLF, CR and LF line ends; the header maps column names (in any order) to
// indices; each record reports the line it starts on. Fields are string_views valid until the next call
// to next() (unquoted fields point into the buffer, which must outlive the reader).
//
//   KW_TRY(auto csv, io::csv_reader::open(bytes, "stops.txt"));
//   int const id = csv.column("stop_id");            // -1 when absent
//   while (csv.next()) use(csv.line(), csv.field(id));
//
// Thread rules: a reader is used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier::io {

// Whole-buffer encoding checks: UTF-16 byte-order mark, NUL bytes, invalid UTF-8. Each gives
// errc::invalid_format naming `file` and the line of the first offending byte.
status check_encoding(std::string_view data, std::string const& file);

class csv_reader {
 public:
  // Checks the encoding (check_encoding), strips a UTF-8 BOM and reads the header line. An empty buffer
  // gives invalid_format ("empty file, no header").
  static result<csv_reader> open(std::string_view data, std::string file);

  std::vector<std::string> const& header() const { return header_; }
  int column(std::string_view name) const;  // index in the header or -1

  // Advances to the next record (blank lines are skipped). False at the end.
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
  std::size_t bytes() const { return data_.size(); }

 private:
  bool parse_record();
  std::string_view data_;
  std::size_t pos_ = 0;
  std::uint32_t next_line_ = 1;
  std::uint32_t line_ = 0;
  bool unterminated_ = false;
  std::string file_;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
  std::string scratch_;                   // unescaped quoted fields of the current record
  std::vector<std::uint32_t> scratch_ix_; // field index -> 1 + index into scratch_spans_ (0: points into data)
  std::vector<std::pair<std::size_t, std::size_t>> scratch_spans_;
};

}  // namespace kwartier::io
