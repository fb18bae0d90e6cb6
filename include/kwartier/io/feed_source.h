// A set of named files: a folder, a .zip archive (libzip, behind a pimpl), or files held in memory (tests,
// fuzzing). Files are read as streams (stream()), so a zip entry is inflated as its reader goes and never
// held whole. Zip quirks handled: `__MACOSX/` and `._*` resource-fork entries are ignored, directory
// entries skipped, and a feed that sits inside one sub-folder of the archive is found.
//
// Zip bombs: every entry must inflate to exactly its header's size, at most `zip_limits::max_ratio` times
// its compressed size (entries under `ratio_exempt_bytes` excepted), and all entries read from one archive
// together to at most `max_inflated_bytes`. The header's sizes are checked before inflating and the real
// bytes while inflating; a violation is errc::invalid_format naming the entry ("feed.zip/stop_times.txt"),
// and exceeded() keeps it so a caller can tell a refused archive from one corrupt entry.
//
// Thread rules: one thread at a time per feed_source.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/core/result.h"
#include "kwartier/io/stream.h"

namespace kwartier::io {

struct zip_limits {
  // Bytes inflated from all entries of one archive together. Real feeds: RNV 43 MB, NMBS 2019 35 MB; a
  // national feed a few GB.
  std::uint64_t max_inflated_bytes = std::uint64_t{16} << 30;
  // Inflated / compressed size of one entry. Real feeds stay under 16 (NMBS stop_time_overrides 15.6,
  // stop_times 12.5; RNV trips 9.8); deflate cannot exceed about 1032.
  std::uint32_t max_ratio = 100;
  // Entries inflating to less than this are never refused for their ratio (a tiny file compresses well).
  std::uint64_t ratio_exempt_bytes = std::uint64_t{1} << 20;
};

class feed_source {
 public:
  // A folder or a zip archive. Errors: not_found (no such path), invalid_format ("not a zip archive"),
  // io_error.
  static result<feed_source> open(std::filesystem::path const& path, zip_limits const& limits = {});
  // A zip archive held in memory (copied).
  static result<feed_source> from_zip_bytes(std::string bytes, std::string name, zip_limits const& limits = {});
  // Files held in memory: (name, content) pairs.
  static feed_source from_files(std::vector<std::pair<std::string, std::string>> files, std::string name);

  feed_source(feed_source&&) noexcept;
  feed_source& operator=(feed_source&&) noexcept;
  ~feed_source();

  // Base names of the files the feed holds ("stops.txt"), sorted.
  std::vector<std::string> const& files() const;
  bool has(std::string_view file) const;
  // `file` as a stream. Errors (here or from the stream's reads): not_found, io_error, invalid_format
  // (corrupt zip entry, or a zip_limits cap: see exceeded()).
  result<std::unique_ptr<byte_stream>> stream(std::string_view file) const;
  // The whole content of `file` (through stream(), so under the same caps).
  result<std::string> read(std::string_view file) const;
  // The first zip_limits violation met so far, or null.
  error const* exceeded() const;
  // "<feed name>/<file>" for messages.
  std::string display_name(std::string_view file) const;
  std::string const& name() const;

  struct impl;  // opaque (libzip stays in src/)

 private:
  explicit feed_source(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kwartier::io
