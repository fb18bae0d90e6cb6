#include "kwartier/core/report.h"

#include <gtest/gtest.h>

#include "kwartier/core/error.h"

namespace kwartier {
namespace {

TEST(Report, CountsStayExactBeyondTheStorageLimit) {
  validation_report r;
  r.set_limit_per_code(2);
  for (int i = 0; i < 5; ++i) r.add(severity::warning, "dangling_stop_id", "stop_times.txt", 2 + i, "stop_id", "x");
  r.add(severity::error, "missing_file", "stops.txt", 0, "", "missing");
  EXPECT_EQ(r.count("dangling_stop_id"), 5u);
  EXPECT_EQ(r.count(severity::warning), 5u);
  EXPECT_EQ(r.count(severity::error), 1u);
  EXPECT_EQ(r.problems().size(), 3u);
  EXPECT_EQ(r.suppressed(), 3u);
  EXPECT_EQ(r.worst(), severity::error);

  validation_report merged;
  merged.merge(r);
  EXPECT_EQ(merged.count("dangling_stop_id"), 5u);
  EXPECT_EQ(merged.count(severity::error), 1u);
}

TEST(Report, JsonEscapesAndText) {
  validation_report r;
  r.add(severity::error, "bad_value", "a\"b.txt", 3, "f", "line\nbreak");
  EXPECT_EQ(r.to_json(),
            "{\"errors\":1,\"warnings\":0,\"infos\":0,\"suppressed\":0,\"problems\":[{\"severity\":\"error\","
            "\"code\":\"bad_value\",\"file\":\"a\\\"b.txt\",\"line\":3,\"field\":\"f\",\"message\":\"line\\nbreak\"}]}");
  EXPECT_EQ(r.to_text(), "error bad_value a\"b.txt:3 [f]: line\nbreak\n");
}

TEST(Error, ToStringNamesFileLineField) {
  error e{errc::invalid_format, "bad date", "feed/calendar.txt", 7, "start_date"};
  EXPECT_EQ(e.to_string(), "feed/calendar.txt:7: start_date: bad date [invalid_format]");
  EXPECT_EQ(errc_name(errc::corrupt_dataset), "corrupt_dataset");
}

}  // namespace
}  // namespace kwartier
