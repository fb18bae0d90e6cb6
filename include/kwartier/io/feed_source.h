// A set of named files read as a whole: a folder, a .zip archive (libzip, behind a pimpl), or files held in
// memory (tests, fuzzing). Zip quirks handled: `__MACOSX/` and `._*` resource-fork entries are ignored,
// directory entries skipped, and a feed that sits inside one sub-folder of the archive is found.
//
// Thread rules: one thread at a time per feed_source.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier::io {

class feed_source {
 public:
  // A folder or a zip archive. Errors: not_found (no such path), invalid_format ("not a zip archive"),
  // io_error.
  static result<feed_source> open(std::filesystem::path const& path);
  // A zip archive held in memory (copied).
  static result<feed_source> from_zip_bytes(std::string bytes, std::string name);
  // Files held in memory: (name, content) pairs.
  static feed_source from_files(std::vector<std::pair<std::string, std::string>> files, std::string name);

  feed_source(feed_source&&) noexcept;
  feed_source& operator=(feed_source&&) noexcept;
  ~feed_source();

  // Base names of the files the feed holds ("stops.txt"), sorted.
  std::vector<std::string> const& files() const;
  bool has(std::string_view file) const;
  // The whole content of `file`. Errors: not_found, io_error, invalid_format (corrupt zip entry).
  result<std::string> read(std::string_view file) const;
  // "<feed name>/<file>" for messages.
  std::string display_name(std::string_view file) const;
  std::string const& name() const;

  struct impl;  // opaque (libzip stays in src/)

 private:
  explicit feed_source(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kwartier::io
