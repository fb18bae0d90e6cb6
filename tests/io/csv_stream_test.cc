// The streamed CSV reader: the same records and lines as the whole-buffer reader at every block size
// (records, quotes, CRLF and UTF-8 sequences cut by block ends), and what happens when a bad byte, an
// oversized record or a read error comes after some rows.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kwartier/io/csv.h"

namespace kwartier::io {
namespace {

struct parsed {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint32_t> lines;
  std::vector<bool> unterminated;
};

template <class Reader>
parsed drain(Reader& r) {
  parsed out;
  out.header = r.header();
  while (r.next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.n_fields(); ++i) row.emplace_back(r.field(static_cast<int>(i)));
    out.rows.push_back(row);
    out.lines.push_back(r.line());
    out.unterminated.push_back(r.unterminated_quote());
  }
  return out;
}

parsed streamed(std::string_view data, std::size_t block, csv_issue* issue = nullptr, error* failure = nullptr) {
  auto r = csv_reader::open(memory_stream(data), "s.csv", csv_options{.block_bytes = block});
  auto out = drain(r);
  if (issue != nullptr) *issue = r.issue();
  if (failure != nullptr) *failure = r.failure();
  return out;
}

// Inputs the whole-buffer reader parses (tests/io/csv_test.cc); every block size from 1 byte up must give
// the same header, fields, lines and unterminated-quote flags.
TEST(CsvStream, SameAsWholeBufferAtEveryBlockSize) {
  std::vector<std::string> const inputs = {
      "b,a,c\n1,2,3\n4,5,6\n",
      "id,name\n1,\"a, b\nc\"\n2,\"say \"\"hi\"\"\"\n3,\"\"\n",
      "\xEF\xBB\xBFid,x\r\n1,a\r\n2,b\r3,c",
      "a,b,c\n,,\n\n\n1,,\n",
      "a,b,c\r\n\r\n\r\n1,2,3\r\n",
      "a,b\n1,\"open\n2,3\n",
      "a,b\n\"x\"tail,2\n\"\"\"\",\"\"\n",
      "name,v\nDe Brouck\xC3\xA8re \xE2\x87\x92 \xF0\x9F\x9A\x8B,1\nZ\xC3\xBCrich,2\n",
      "k\n1,\n2,",
      "x\n\"a\"\"\"\n",
  };
  for (auto const& in : inputs) {
    auto whole = csv_reader::open(in, "w.csv");
    ASSERT_TRUE(whole) << in;
    auto const expected = drain(*whole);
    for (std::size_t block = 1; block <= in.size() + 1; ++block) {
      csv_issue issue = csv_issue::none;
      auto const got = streamed(in, block, &issue);
      EXPECT_EQ(issue, csv_issue::none) << in << " block " << block;
      EXPECT_EQ(got.header, expected.header) << in << " block " << block;
      EXPECT_EQ(got.rows, expected.rows) << in << " block " << block;
      EXPECT_EQ(got.lines, expected.lines) << in << " block " << block;
      EXPECT_EQ(got.unterminated, expected.unterminated) << in << " block " << block;
    }
  }
}

TEST(CsvStream, ManyRowsAcrossBlocks) {
  std::string data = "k,v\n";
  for (int i = 0; i < 5000; ++i) data += std::to_string(i) + (i % 3 == 0 ? ",\"x\"\"y\r\nz\"\r\n" : ",z\n");
  for (std::size_t const block : {7u, 64u, 4096u}) {
    auto const p = streamed(data, block);
    ASSERT_EQ(p.rows.size(), 5000u) << block;
    std::uint32_t line = 2;
    for (int i = 0; i < 5000; ++i) {
      EXPECT_EQ(p.lines[static_cast<std::size_t>(i)], line);
      EXPECT_EQ(p.rows[static_cast<std::size_t>(i)][1], i % 3 == 0 ? "x\"y\r\nz" : "z");
      line += i % 3 == 0 ? 2 : 1;  // the quoted CRLF spans two lines
    }
  }
}

TEST(CsvStream, BadByteEndsTheInputAtItsLine) {
  // Line 4 holds an invalid UTF-8 sequence: rows 2 and 3 are read, then the reader stops with the line.
  std::string const data = "a,b\n1,x\n2,y\n3,\xC3\x28\n4,z\n";
  for (std::size_t const block : {1u, 3u, 8u, 1000u}) {
    csv_issue issue{};
    error e;
    auto const p = streamed(data, block, &issue, &e);
    EXPECT_EQ(p.rows, (std::vector<std::vector<std::string>>{{"1", "x"}, {"2", "y"}})) << block;
    EXPECT_EQ(issue, csv_issue::invalid_utf8) << block;
    EXPECT_EQ(e.code, errc::invalid_format);
    EXPECT_EQ(e.file, "s.csv");
    EXPECT_EQ(e.line, 4u) << block;
    EXPECT_EQ(e.message, "invalid UTF-8 at offset 14");
  }
  // A NUL byte in line 3 (after a BOM: offsets count the file's bytes).
  csv_issue issue{};
  error e;
  auto const p = streamed(std::string_view("\xEF\xBB\xBF" "a\n1\n2\0\n3\n", 12), 2, &issue, &e);
  EXPECT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(issue, csv_issue::nul_byte);
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.message, "file contains a NUL byte at offset 8");
  EXPECT_EQ(csv_issue_code(issue), "nul_byte");
}

TEST(CsvStream, UnusableFromTheStart) {
  auto const u = csv_reader::open(memory_stream(std::string_view("\xFF\xFE" "a\0,\0b\0", 8)), "u.csv");
  EXPECT_EQ(u.issue(), csv_issue::utf16);
  EXPECT_EQ(csv_issue_code(u.issue()), "utf16_encoding");
  EXPECT_EQ(u.failure().line, 1u);
  EXPECT_TRUE(u.header().empty());
  auto const e = csv_reader::open(memory_stream(""), "e.csv");
  EXPECT_EQ(e.issue(), csv_issue::empty_file);
  auto const h = csv_reader::open(memory_stream("a,\xC0\xAF\n1,2\n"), "h.csv");  // bad byte in the header
  EXPECT_EQ(h.issue(), csv_issue::invalid_utf8);
  EXPECT_EQ(h.failure().line, 1u);
}

TEST(CsvStream, RecordLongerThanTheCap) {
  // Line 3 is a quoted field of 100 bytes; the cap is 64: rows up to line 2, then record_too_long at 3.
  std::string const data = "a\nshort\n\"" + std::string(100, 'x') + "\"\nafter\n";
  auto r = csv_reader::open(memory_stream(data), "l.csv", csv_options{.block_bytes = 16, .max_record_bytes = 64});
  auto const p = drain(r);
  EXPECT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(r.issue(), csv_issue::record_too_long);
  EXPECT_EQ(r.failure().line, 3u);
}

// A stream that fails after `ok` bytes.
class failing_stream final : public byte_stream {
 public:
  failing_stream(std::string d, std::size_t ok) : d_{std::move(d)}, ok_{ok} {}
  result<std::size_t> read(char* out, std::size_t n) override {
    if (pos_ >= ok_) return make_error(errc::invalid_format, "corrupt zip entry: CRC error", "f.zip/t.txt");
    auto const k = std::min({n, ok_ - pos_, d_.size() - pos_});
    std::copy_n(d_.data() + pos_, k, out);
    pos_ += k;
    return k;
  }

 private:
  std::string d_;
  std::size_t ok_, pos_ = 0;
};

TEST(CsvStream, ReadErrorKeepsTheCompleteLinesBeforeIt) {
  // The stream fails in the middle of line 3 ("2,y"): rows of lines 2 only; the half line is not a row.
  std::string const data = "a,b\n1,x\n2,y\n3,z\n";
  auto r = csv_reader::open(std::make_unique<failing_stream>(data, 10), "t.txt", csv_options{.block_bytes = 4});
  auto const p = drain(r);
  EXPECT_EQ(p.rows, (std::vector<std::vector<std::string>>{{"1", "x"}}));
  EXPECT_EQ(r.issue(), csv_issue::read_failed);
  EXPECT_EQ(csv_issue_code(r.issue()), "unreadable_file");
  EXPECT_EQ(r.failure().file, "f.zip/t.txt");
  EXPECT_EQ(r.failure().line, 3u);
}

TEST(CsvStream, CheckEncodingReturnsACode) {
  EXPECT_TRUE(check_encoding("a,b\n1,2\n").ok());
  auto const bad = check_encoding("a,b\n1,2\n3,\xC3\x28\n");
  EXPECT_EQ(bad.issue, encoding_issue::invalid_utf8);
  EXPECT_EQ(bad.offset, 10u);
  EXPECT_EQ(bad.line, 3u);
  EXPECT_EQ(check_encoding(std::string_view("a\0", 2)).issue, encoding_issue::nul_byte);
  EXPECT_EQ(check_encoding("\xFE\xFF\x00\x61").issue, encoding_issue::utf16);
}

}  // namespace
}  // namespace kwartier::io
