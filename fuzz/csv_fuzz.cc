// Fuzzes the RFC 4180 CSV reader: encoding checks, quotes, line ends, header lookup; and checks the
// streamed reader (block size from the first byte) against the whole-buffer reader: the same records
// with the same lines, or, when the buffer's encoding is bad, a prefix of them followed by an issue.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/io/csv.h"

namespace {

struct record {
  std::uint32_t line;
  std::vector<std::string> fields;
  bool operator==(record const&) const = default;
};

template <class R>
std::vector<record> drain(R& r) {
  std::vector<record> out;
  while (r.next()) {
    record rec{r.line(), {}};
    for (std::size_t i = 0; i < r.n_fields(); ++i) rec.fields.emplace_back(r.field(static_cast<int>(i)));
    out.push_back(std::move(rec));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace kwartier::io;
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  std::size_t const block = size == 0 ? 1 : 1 + data[0] % 64;
  auto s = csv_reader::open(memory_stream(bytes), "fuzz.csv", csv_options{.block_bytes = block, .max_record_bytes = 1 << 20});
  auto const streamed = drain(s);
  auto r = csv_reader::open(bytes, "fuzz.csv");
  if (!r) {
    if (s.issue() == csv_issue::none) __builtin_trap();  // the stream must notice what the buffer check saw
    return 0;
  }
  int const c = r->column("stop_id");
  std::size_t total = 0;
  std::uint32_t last_line = 0;
  std::vector<record> whole;
  while (r->next()) {
    if (r->line() < last_line) __builtin_trap();  // lines never go backwards
    last_line = r->line();
    record rec{r->line(), {}};
    for (std::size_t i = 0; i < r->n_fields(); ++i) {
      total += r->field(static_cast<int>(i)).size();
      rec.fields.emplace_back(r->field(static_cast<int>(i)));
    }
    total += r->field(c).size();
    whole.push_back(std::move(rec));
  }
  if (total > 2 * size + 16) __builtin_trap();  // fields are never longer than the input
  if (s.header() != r->header()) __builtin_trap();
  if (s.issue() == csv_issue::none && streamed != whole) __builtin_trap();
  if (s.issue() == csv_issue::record_too_long &&
      (streamed.size() > whole.size() || !std::equal(streamed.begin(), streamed.end(), whole.begin())))
    __builtin_trap();
  return 0;
}
