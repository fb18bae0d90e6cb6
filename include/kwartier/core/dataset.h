// The dataset file format (DESIGN.md §5): a header (magic, format version, kind, ABI fingerprint, section
// table, xxhash of the payload), then 64-byte-aligned sections of trivially copyable fixed-width arrays.
// Building: dataset_writer collects sections and writes them. Serving: dataset_file::open maps the file,
// validates header, bounds and checksum, and hands out std::span views. A truncated, corrupt or foreign file
// gives errc::corrupt_dataset / errc::incompatible_dataset, never a crash.
//
// Writing goes through core/output.h: a new temporary file in the target's folder, fsync, rename over the
// target, fsync of the folder; a symlink, folder, device or FIFO at the target, or a file that is not a
// dataset of the same kind, is refused. Opening checks the file type before reading anything: a FIFO,
// device or folder given as a dataset is refused at once (errc::io_error), never waited on.
//
// Replace dataset files by rename only (mv, or any kwartier build). An open dataset is memory-mapped:
// truncating or overwriting it in place (cp over it, `>` redirection) makes every process that has it open
// die with SIGBUS or read garbage; a rename leaves open readers on the old file until they close it.
//
// Thread rules: a dataset_file is immutable after open and may be read from any number of threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier {

// Four-character codes for dataset kinds and section ids.
constexpr std::uint32_t fourcc(char const (&s)[5]) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[3])) << 24;
}

constexpr std::uint32_t kDatasetFormatVersion = 1;
constexpr std::size_t kSectionAlignment = 64;

// A dataset kind: a four-cc plus a schema string that lists every section with its element type. The ABI
// fingerprint stored in the file is a hash of the schema, the format version and the platform (endianness,
// sizes), so a file written by a different layout is refused as incompatible, not misread.
struct dataset_kind {
  std::uint32_t id;
  std::string_view schema;
};

std::uint64_t abi_fingerprint(dataset_kind const& kind);

// "KWNW" for fourcc("KWNW"); bytes outside printable ASCII as '?'.
std::string fourcc_string(std::uint32_t id);

// 64-bit xxh3 hash (used for checksums and fingerprints).
std::uint64_t hash64(void const* data, std::size_t n, std::uint64_t seed = 0);

#pragma pack(push, 1)
struct dataset_header {
  char magic[8];                 // "KWARTIER"
  std::uint32_t format_version;  // kDatasetFormatVersion
  std::uint32_t kind;            // dataset_kind::id
  std::uint64_t abi_fingerprint;
  std::uint64_t file_size;       // whole file, bytes
  std::uint64_t checksum;        // xxh3 of bytes [sizeof(header), file_size)
  std::uint32_t n_sections;
  std::uint32_t reserved0;
  std::uint64_t reserved1;
};
struct section_entry {
  std::uint32_t id;         // fourcc
  std::uint32_t elem_size;  // sizeof(T)
  std::uint64_t offset;     // from the start of the file, kSectionAlignment aligned
  std::uint64_t count;      // number of elements
};
#pragma pack(pop)
static_assert(sizeof(dataset_header) == 56);
static_assert(sizeof(section_entry) == 24);

class dataset_writer {
 public:
  explicit dataset_writer(dataset_kind kind) : kind_{kind} {}

  // Adds a copy of `data` as section `id`. T must be trivially copyable with no padding surprises.
  template <class T>
  void add(std::uint32_t id, std::span<T const> data) {
    static_assert(std::is_trivially_copyable_v<T>);
    add_raw(id, sizeof(T), data.data(), data.size());
  }
  template <class T>
  void add(std::uint32_t id, std::vector<T> const& data) { add<T>(id, std::span<T const>{data}); }
  // Strings as two sections: `offsets_id` (n + 1 uint32) and `chars_id` (char).
  void add_strings(std::uint32_t offsets_id, std::uint32_t chars_id, std::span<std::string const> strings);

  void add_raw(std::uint32_t id, std::uint32_t elem_size, void const* data, std::size_t count);

  // Writes atomically through output_file (core/output.h), streaming the sections (no second copy in
  // memory). An existing `path` must be empty or a dataset of this kind (else invalid_argument); a missing
  // folder and write failures (disk full, file too large) give io_error naming the path and
  // leave the old file untouched and no temporary behind.
  status write(std::filesystem::path const& path) const;
  // The whole file image in memory (tests, fuzz seeds).
  std::string to_bytes() const;

 private:
  template <class Sink>
  dataset_header emit_body(Sink&& sink) const;

  struct section {
    std::uint32_t id;
    std::uint32_t elem_size;
    std::size_t count;
    std::vector<unsigned char> bytes;
  };
  dataset_kind kind_;
  std::vector<section> sections_;
};

struct open_options {
  bool verify_checksum = true;  // hash the whole payload on open (xxh3, ~10 GB/s)
};

// A mapped (or in-memory) dataset file. Cheap to copy: the mapping is shared.
class dataset_file {
 public:
  dataset_file() = default;

  // Maps `path` and validates it against `kind`. A path that is not a regular file (FIFO, device, folder)
  // gives io_error without blocking; a symlink to a regular file is followed.
  static result<dataset_file> open(std::filesystem::path const& path, dataset_kind const& kind,
                                   open_options const& opt = {});
  // Validates an in-memory image (copied; used by fuzzers and tests).
  static result<dataset_file> from_bytes(std::string_view bytes, dataset_kind const& kind,
                                         open_options const& opt = {}, std::string name = "<memory>");

  // The section `id` as a span of T; corrupt_dataset if missing or its element size differs from sizeof(T).
  template <class T>
  result<std::span<T const>> section(std::uint32_t id) const {
    static_assert(std::is_trivially_copyable_v<T>);
    KW_TRY(auto raw, section_raw(id, sizeof(T)));
    return std::span<T const>{reinterpret_cast<T const*>(raw.first), raw.second};
  }
  // Strings written by add_strings, as views into the mapping (validated: monotone offsets in bounds).
  result<std::vector<std::string_view>> strings(std::uint32_t offsets_id, std::uint32_t chars_id) const;
  bool has_section(std::uint32_t id) const;

  std::string const& name() const;
  std::size_t size_bytes() const;

 private:
  struct impl;
  result<std::pair<void const*, std::size_t>> section_raw(std::uint32_t id, std::size_t elem_size) const;
  static result<dataset_file> validate(std::shared_ptr<impl> m, dataset_kind const& kind,
                                       open_options const& opt);
  std::shared_ptr<impl const> impl_;
};

// Owned-or-viewed arrays: one struct templated on ownership owns vectors while building and views the
// mapping while serving (OSRM's ViewOrVector).
enum class ownership { owned, view };
template <class T, ownership O>
using vec_t = std::conditional_t<O == ownership::owned, std::vector<T>, std::span<T const>>;

}  // namespace kwartier
