// A sequential byte stream: what the CSV reader pulls its input from, chunk by chunk, so that a table is
// never held in memory whole (a zip entry is inflated as the reader goes).
//
// Thread rules: a stream is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "kwartier/core/result.h"

namespace kwartier::io {

class byte_stream {
 public:
  virtual ~byte_stream() = default;
  // Reads up to `n` bytes into `out`: the number read, 0 at the end. Errors name the file.
  virtual result<std::size_t> read(char* out, std::size_t n) = 0;
  // The total size if known up front (a file's or a zip entry's declared size), else 0. A hint only.
  virtual std::uint64_t size_hint() const { return 0; }
};

// A stream over bytes held elsewhere (`data` must outlive the stream).
std::unique_ptr<byte_stream> memory_stream(std::string_view data);

}  // namespace kwartier::io
