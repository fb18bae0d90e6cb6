// How a search index lives on disk: a folder of generations and a pointer.
//
//   INDEX/
//     kwartier-search-index     pointer: "kwartier search index 2\ngeneration gen-<16 hex>\n", replaced by rename
//     .kwartier-build.lock      held (flock LOCK_EX) by the one build or update writing into INDEX
//     gen-<16 hex>/             one generation, never modified once the pointer names it
//       xapian/                 the Xapian (glass) database
//       side.kwd                side file (side.h) holding the build id and the xxh3 of every Xapian file
//
// A build or update writes a new generation folder beside the current one and then swaps the pointer by
// rename (atomic: a reader sees the old generation or the new one, never a mix). The old generation is not
// deleted first; afterwards every generation the pointer does not name is removed unless a reader holds it.
// Readers (index::open) hold a shared flock on their generation folder for the lifetime of the index handle,
// so an open index keeps serving its own generation — new searchers of an old handle open the old Xapian
// database, never the new one with the old side file — and the writer's clean-up skips it; a later build
// removes it once it is released.
//
// A folder is written into only when it is missing, empty, or a kwartier search index (it holds the pointer,
// or only entries named as above, e.g. after a first build was killed). Anything else — a folder holding a
// stray side.kwd, user files, an index of the older format — is refused and left untouched.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "kwartier/core/result.h"
#include "search/side.h"

namespace kwartier::search::detail {

constexpr char kPointerName[] = "kwartier-search-index";
constexpr char kPointerMagic[] = "kwartier search index 2";
constexpr char kLockName[] = ".kwartier-build.lock";

std::string generation_name(std::uint64_t build_id);  // "gen-0123456789abcdef"
std::uint64_t new_build_id();                        // random, never 0

// Exclusive right to write generations into an index folder (flock on the lock file; released by the
// destructor). acquire() checks the folder as described above and creates it when missing.
class index_writer {
 public:
  static result<index_writer> acquire(std::filesystem::path const& dir, bool overwrite);
  index_writer(index_writer&&) noexcept;
  index_writer& operator=(index_writer&&) noexcept;
  ~index_writer();

  std::filesystem::path const& dir() const { return dir_; }
  // Name of the generation the pointer names ("" for a new index).
  std::string const& current() const { return current_; }
  // Creates the empty folder of a new generation.
  result<std::filesystem::path> create_generation(std::uint64_t build_id);
  // fsyncs the generation's files and folders, then points the index at it (atomic rename).
  status publish(std::uint64_t build_id);
  // Removes generations other than the current one that no reader holds. Returns how many were kept.
  std::size_t collect_garbage();

 private:
  index_writer() = default;
  std::filesystem::path dir_;
  std::string current_;
  int lock_fd_ = -1;
};

// A reader's hold on the current generation (shared flock on its folder), released by the destructor.
class generation_lease {
 public:
  static result<generation_lease> acquire(std::filesystem::path const& dir);
  generation_lease() = default;
  generation_lease(generation_lease&&) noexcept;
  generation_lease& operator=(generation_lease&&) noexcept;
  ~generation_lease();

  std::filesystem::path const& path() const { return path_; }  // INDEX/gen-<hex>
  std::uint64_t build_id() const { return build_id_; }

 private:
  std::filesystem::path path_;
  std::uint64_t build_id_ = 0;
  int fd_ = -1;
};

// Size and xxh3 of every file of a Xapian database folder (flintlock excluded), sorted by name.
result<std::vector<xapian_file>> hash_xapian_files(std::filesystem::path const& xapian_dir);
// corrupt_dataset naming the file when a file is missing, extra, of another size or checksum.
status verify_xapian_files(std::filesystem::path const& xapian_dir, std::span<xapian_file const> expected);

// Size and xxh3 of the named files of a generation folder (translations.kwd), in the order given.
result<std::vector<xapian_file>> hash_generation_files(std::filesystem::path const& gen,
                                                       std::span<std::string const> names);
// corrupt_dataset naming the file when a listed file is missing, of another size or checksum.
status verify_generation_files(std::filesystem::path const& gen, std::span<xapian_file const> expected);

// Reads a small regular file without blocking (FIFOs and devices are refused).
result<std::string> read_small_file(std::filesystem::path const& p, std::size_t max_bytes);

}  // namespace kwartier::search::detail
