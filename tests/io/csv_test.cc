#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kwartier/io/csv.h"

namespace kwartier::io {
namespace {

// All records of `data` as vectors of strings, with their line numbers.
struct parsed_csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint32_t> lines;
};

parsed_csv parse(std::string_view data) {
  auto r = csv_reader::open(data, "t.csv");
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  parsed_csv out;
  if (!r) return out;
  out.header = r->header();
  while (r->next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r->n_fields(); ++i) row.emplace_back(r->field(static_cast<int>(i)));
    out.rows.push_back(row);
    out.lines.push_back(r->line());
  }
  return out;
}

using row = std::vector<std::string>;

TEST(Csv, PlainLfWithHeaderLookup) {
  auto const p = parse("b,a,c\n1,2,3\n4,5,6\n");
  EXPECT_EQ(p.header, (row{"b", "a", "c"}));
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[1], (row{"4", "5", "6"}));
  EXPECT_EQ(p.lines, (std::vector<std::uint32_t>{2, 3}));
  auto r = csv_reader::open("b,a,c\n1,2,3\n", "t.csv");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->column("a"), 1);
  EXPECT_EQ(r->column("zzz"), -1);
  ASSERT_TRUE(r->next());
  EXPECT_EQ(r->field(r->column("a")), "2");
  EXPECT_EQ(r->field(-1), "");  // absent column reads as empty
  EXPECT_EQ(r->field(7), "");
}

TEST(Csv, QuotedFieldsWithCommasNewlinesAndQuotes) {
  // Line 2 holds a field spanning lines 2-3; the next record starts on line 4.
  auto const p = parse("id,name\n1,\"a, b\nc\"\n2,\"say \"\"hi\"\"\"\n3,\"\"\n");
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0], (row{"1", "a, b\nc"}));
  EXPECT_EQ(p.rows[1], (row{"2", "say \"hi\""}));
  EXPECT_EQ(p.rows[2], (row{"3", ""}));
  EXPECT_EQ(p.lines, (std::vector<std::uint32_t>{2, 4, 5}));
}

TEST(Csv, BomCrlfCrAndMissingFinalNewline) {
  auto const p = parse("\xEF\xBB\xBFid,x\r\n1,a\r\n2,b\r3,c");
  EXPECT_EQ(p.header, (row{"id", "x"}));  // BOM stripped from the first column name
  ASSERT_EQ(p.rows.size(), 3u);
  EXPECT_EQ(p.rows[0], (row{"1", "a"}));
  EXPECT_EQ(p.rows[1], (row{"2", "b"}));
  EXPECT_EQ(p.rows[2], (row{"3", "c"}));
  EXPECT_EQ(p.lines, (std::vector<std::uint32_t>{2, 3, 4}));
}

TEST(Csv, EmptyFieldsBlankLinesAndTrailingComma) {
  auto const p = parse("a,b,c\n,,\n\n\n1,,\n");
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0], (row{"", "", ""}));
  EXPECT_EQ(p.rows[1], (row{"1", "", ""}));
  EXPECT_EQ(p.lines, (std::vector<std::uint32_t>{2, 5}));
}

TEST(Csv, HeaderNamesAreTrimmed) {
  auto const p = parse(" stop_id , stop_name\nA,B\n");
  EXPECT_EQ(p.header, (row{"stop_id", "stop_name"}));
}

TEST(Csv, UnterminatedQuoteIsFlagged) {
  auto r = csv_reader::open("a,b\n1,\"open\n2,3\n", "t.csv");
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->next());
  EXPECT_TRUE(r->unterminated_quote());
  EXPECT_EQ(r->line(), 2u);
  EXPECT_FALSE(r->next());
}

TEST(Csv, EncodingProblemsAreInvalidFormatWithLine) {
  auto const bad_utf8 = csv_reader::open("a,b\n1,2\n3,\xC3\x28\n", "x.txt");
  ASSERT_FALSE(bad_utf8);
  EXPECT_EQ(bad_utf8.error().code, errc::invalid_format);
  EXPECT_EQ(bad_utf8.error().file, "x.txt");
  EXPECT_EQ(bad_utf8.error().line, 3u);
  EXPECT_NE(bad_utf8.error().message.find("UTF-8"), std::string::npos);

  auto const nul = csv_reader::open(std::string_view("a,b\n1,\0\n", 8), "n.txt");
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().code, errc::invalid_format);
  EXPECT_EQ(nul.error().line, 2u);
  EXPECT_NE(nul.error().message.find("NUL"), std::string::npos);

  auto const utf16 = csv_reader::open(std::string_view("\xFF\xFE" "a\0,\0b\0", 8), "u.txt");
  ASSERT_FALSE(utf16);
  EXPECT_EQ(utf16.error().code, errc::invalid_format);
  EXPECT_NE(utf16.error().message.find("UTF-16"), std::string::npos);

  auto const empty = csv_reader::open("", "e.txt");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, errc::invalid_format);

  // Overlong encodings and surrogates are invalid UTF-8 too.
  EXPECT_FALSE(csv_reader::open("a\n\xC0\xAF\n", "o.txt"));
  EXPECT_FALSE(csv_reader::open("a\n\xED\xA0\x80\n", "s.txt"));
  EXPECT_TRUE(csv_reader::open("a\nDe Brouck\xC3\xA8re \xE2\x87\x92 \xF0\x9F\x9A\x8B\n", "ok.txt"));
}

TEST(Csv, ManyRowsKeepLineNumbers) {
  std::string data = "k,v\n";
  for (int i = 0; i < 1000; ++i) data += std::to_string(i) + (i % 3 == 0 ? ",\"x\"\"y\"\r\n" : ",z\n");
  auto r = csv_reader::open(data, "m.txt");
  ASSERT_TRUE(r);
  int n = 0;
  while (r->next()) {
    EXPECT_EQ(r->line(), static_cast<std::uint32_t>(n + 2));
    EXPECT_EQ(r->field(0), std::to_string(n));
    EXPECT_EQ(r->field(1), n % 3 == 0 ? "x\"y" : "z");
    ++n;
  }
  EXPECT_EQ(n, 1000);
}

}  // namespace
}  // namespace kwartier::io
