// The documents of a catalogue written inline in a test as JSON lines; a line the loader reports fails the
// test (the text is the test's own).
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "kwartier/search/catalogue.h"

namespace kwartier::test_support {

inline std::vector<search::procedure> inline_catalogue(char const* jsonl) {
  search::catalogue c;
  search::parse_jsonl(jsonl, "inline.jsonl", {}, c);
  EXPECT_TRUE(c.report.empty()) << c.report.to_text();
  return c.procedures;
}

}  // namespace kwartier::test_support
