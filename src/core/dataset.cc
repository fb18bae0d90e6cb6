#include "kwartier/core/dataset.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>
#include <system_error>

#include "kwartier/core/csr.h"
#include "kwartier/core/output.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace kwartier {
namespace {

constexpr char kMagic[8] = {'K', 'W', 'A', 'R', 'T', 'I', 'E', 'R'};

std::size_t align_up(std::size_t x) { return (x + kSectionAlignment - 1) / kSectionAlignment * kSectionAlignment; }

std::string fourcc_str(std::uint32_t id) { return fourcc_string(id); }

}  // namespace

std::string fourcc_string(std::uint32_t id) {
  std::string s(4, ' ');
  for (int i = 0; i < 4; ++i) {
    auto const c = static_cast<char>((id >> (8 * i)) & 0xff);
    s[static_cast<std::size_t>(i)] = (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return s;
}

std::uint64_t hash64(void const* data, std::size_t n, std::uint64_t seed) {
  return XXH3_64bits_withSeed(data, n, seed);
}

std::uint64_t abi_fingerprint(dataset_kind const& kind) {
  // The platform facts that change a raw memory image: byte order and the sizes of the basic types.
  std::uint32_t const probe = 0x01020304;
  unsigned char first_byte;
  std::memcpy(&first_byte, &probe, 1);
  std::string platform = "le=" + std::to_string(first_byte == 4) + ";ptr=" + std::to_string(sizeof(void*)) +
                         ";long=" + std::to_string(sizeof(long)) + ";double=" + std::to_string(sizeof(double)) +
                         ";format=" + std::to_string(kDatasetFormatVersion) + ";kind=" + fourcc_str(kind.id) +
                         ";schema=";
  platform += kind.schema;
  return hash64(platform.data(), platform.size(), 0x6b77);
}

// ---------------------------------------------------------------------------------------------- writer

void dataset_writer::add_raw(std::uint32_t id, std::uint32_t elem_size, void const* data, std::size_t count) {
  section s{id, elem_size, count, {}};
  s.bytes.resize(static_cast<std::size_t>(elem_size) * count);
  if (!s.bytes.empty()) std::memcpy(s.bytes.data(), data, s.bytes.size());
  sections_.push_back(std::move(s));
}

void dataset_writer::add_strings(std::uint32_t offsets_id, std::uint32_t chars_id,
                                 std::span<std::string const> strings) {
  std::vector<std::uint32_t> offsets;
  offsets.reserve(strings.size() + 1);
  std::string chars;
  offsets.push_back(0);
  for (auto const& s : strings) {
    chars += s;
    offsets.push_back(static_cast<std::uint32_t>(chars.size()));
  }
  add<std::uint32_t>(offsets_id, offsets);
  add_raw(chars_id, 1, chars.data(), chars.size());
}

// The file image in order: header (checksum filled in from the body), section table, aligned sections.
// `sink(data, n)` receives the body (everything after the header) piece by piece; returns the header.
template <class Sink>
dataset_header dataset_writer::emit_body(Sink&& sink) const {
  static constexpr char kZeros[kSectionAlignment] = {};
  std::size_t const table_end = sizeof(dataset_header) + sections_.size() * sizeof(section_entry);
  std::vector<section_entry> table;
  table.reserve(sections_.size());
  std::size_t pos = align_up(table_end);
  for (auto const& s : sections_) {
    table.push_back(section_entry{s.id, s.elem_size, pos, s.count});
    pos = align_up(pos + s.bytes.size());
  }
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  std::size_t at = sizeof(dataset_header);
  auto const put = [&](void const* data, std::size_t n) {
    if (n == 0) return;
    XXH3_64bits_update(&state, data, n);
    sink(data, n);
    at += n;
  };
  auto const pad_to = [&](std::size_t target) {
    while (at < target) put(kZeros, std::min(target - at, sizeof kZeros));
  };
  put(table.data(), table.size() * sizeof(section_entry));
  for (std::size_t i = 0; i < sections_.size(); ++i) {
    pad_to(table[i].offset);
    put(sections_[i].bytes.data(), sections_[i].bytes.size());
  }
  pad_to(pos);

  dataset_header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.format_version = kDatasetFormatVersion;
  h.kind = kind_.id;
  h.abi_fingerprint = abi_fingerprint(kind_);
  h.file_size = pos;
  h.n_sections = static_cast<std::uint32_t>(sections_.size());
  h.checksum = XXH3_64bits_digest(&state);
  return h;
}

std::string dataset_writer::to_bytes() const {
  std::string out(sizeof(dataset_header), '\0');
  auto const h = emit_body([&](void const* data, std::size_t n) { out.append(static_cast<char const*>(data), n); });
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

status dataset_writer::write(std::filesystem::path const& path) const {
  KW_TRY(auto out, output_file::create(path, output_options{.dataset_kind = kind_.id}));
  dataset_header blank{};
  KW_TRY_VOID(out.write(&blank, sizeof blank));
  status written;
  auto const h = emit_body([&](void const* data, std::size_t n) {
    if (written) written = out.write(data, n);
  });
  KW_TRY_VOID(written);
  KW_TRY_VOID(out.write_at(0, &h, sizeof h));
  return out.commit();
}

// ---------------------------------------------------------------------------------------------- reader

struct dataset_file::impl {
  std::string name;
  void* map = nullptr;          // mmap'ed region (or nullptr when `owned` holds the bytes)
  std::size_t map_size = 0;
  std::string owned;            // from_bytes copies here; 64-byte alignment through `aligned`
  std::unique_ptr<std::uint64_t[]> aligned;
  unsigned char const* base = nullptr;
  std::size_t size = 0;
  std::vector<section_entry> table;

  ~impl() {
    if (map != nullptr) ::munmap(map, map_size);
  }
};

result<dataset_file> dataset_file::open(std::filesystem::path const& path, dataset_kind const& kind,
                                        open_options const& opt) {
  auto m = std::make_shared<impl>();
  m->name = path.string();
  // The type is checked before anything could block: open() of a FIFO waits for a writer, so stat first
  // and refuse what is not a regular file, then open with O_NONBLOCK and check the descriptor again (the
  // path may have been swapped in between).
  auto const not_regular = [&](struct stat const& st) {
    char const* what = S_ISFIFO(st.st_mode)  ? "a FIFO"
                       : S_ISDIR(st.st_mode) ? "a folder"
                       : S_ISCHR(st.st_mode) ? "a character device"
                       : S_ISBLK(st.st_mode) ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    return make_error(errc::io_error, std::string("cannot open dataset: the path is ") + what +
                                          ", not a regular file", m->name);
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    auto const code = errno == ENOENT ? errc::not_found : errc::io_error;
    return make_error(code, std::string("cannot open dataset: ") + std::strerror(errno), m->name);
  }
  if (!S_ISREG(st.st_mode)) return not_regular(st);
  int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    auto const code = errno == ENOENT ? errc::not_found : errc::io_error;
    return make_error(code, std::string("cannot open dataset: ") + std::strerror(errno), m->name);
  }
  if (::fstat(fd, &st) != 0) {
    auto const err = errno;
    ::close(fd);
    return make_error(errc::io_error, std::string("cannot open dataset: ") + std::strerror(err), m->name);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return not_regular(st);
  }
  auto const size = static_cast<std::size_t>(st.st_size);
  if (size < sizeof(dataset_header)) {
    ::close(fd);
    return make_error(errc::corrupt_dataset, "file too small for a dataset header (" + std::to_string(size) +
                                                 " bytes)", m->name);
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return make_error(errc::io_error, std::string("mmap failed: ") + std::strerror(errno), m->name);
  m->map = p;
  m->map_size = size;
  m->base = static_cast<unsigned char const*>(p);
  m->size = size;
  return validate(std::move(m), kind, opt);
}

result<dataset_file> dataset_file::from_bytes(std::string_view bytes, dataset_kind const& kind,
                                              open_options const& opt, std::string name) {
  auto m = std::make_shared<impl>();
  m->name = std::move(name);
  m->aligned.reset(new std::uint64_t[bytes.size() / 8 + 1]);
  if (!bytes.empty()) std::memcpy(m->aligned.get(), bytes.data(), bytes.size());
  m->base = reinterpret_cast<unsigned char const*>(m->aligned.get());
  m->size = bytes.size();
  return validate(std::move(m), kind, opt);
}

result<dataset_file> dataset_file::validate(std::shared_ptr<impl> m, dataset_kind const& kind,
                                            open_options const& opt) {
  auto const corrupt = [&](std::string msg) { return make_error(errc::corrupt_dataset, std::move(msg), m->name); };
  if (m->size < sizeof(dataset_header)) return corrupt("file too small for a dataset header");
  dataset_header h;
  std::memcpy(&h, m->base, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    return make_error(errc::incompatible_dataset, "not a kwartier dataset (bad magic)", m->name);
  if (h.format_version != kDatasetFormatVersion)
    return make_error(errc::incompatible_dataset,
                      "dataset format version " + std::to_string(h.format_version) + ", this build reads " +
                          std::to_string(kDatasetFormatVersion),
                      m->name);
  if (h.kind != kind.id)
    return make_error(errc::incompatible_dataset,
                      "dataset kind '" + fourcc_str(h.kind) + "', expected '" + fourcc_str(kind.id) + "'", m->name);
  if (h.abi_fingerprint != abi_fingerprint(kind))
    return make_error(errc::incompatible_dataset, "dataset written by an incompatible build (ABI fingerprint)",
                      m->name);
  if (h.reserved0 != 0 || h.reserved1 != 0) return corrupt("reserved header fields are not zero");
  if (h.file_size != m->size)
    return corrupt("file size " + std::to_string(m->size) + " differs from header " + std::to_string(h.file_size) +
                   " (truncated?)");
  if (h.n_sections > (m->size - sizeof h) / sizeof(section_entry)) return corrupt("section table out of bounds");
  if (opt.verify_checksum) {
    auto const sum = hash64(m->base + sizeof h, m->size - sizeof h);
    if (sum != h.checksum) return corrupt("checksum mismatch");
  }
  m->table.resize(h.n_sections);
  if (h.n_sections != 0)
    std::memcpy(m->table.data(), m->base + sizeof h, h.n_sections * sizeof(section_entry));
  std::size_t const table_end = sizeof h + h.n_sections * sizeof(section_entry);
  for (auto const& s : m->table) {
    if (s.elem_size == 0) return corrupt("section '" + fourcc_str(s.id) + "' has element size 0");
    if (s.offset % kSectionAlignment != 0 || s.offset < table_end || s.offset > m->size)
      return corrupt("section '" + fourcc_str(s.id) + "' offset out of bounds");
    if (s.count > (m->size - s.offset) / s.elem_size)
      return corrupt("section '" + fourcc_str(s.id) + "' extends past the end of the file");
  }
  dataset_file f;
  f.impl_ = std::move(m);
  return f;
}

result<std::pair<void const*, std::size_t>> dataset_file::section_raw(std::uint32_t id,
                                                                      std::size_t elem_size) const {
  if (!impl_) return make_error(errc::invalid_argument, "dataset not open");
  for (auto const& s : impl_->table) {
    if (s.id != id) continue;
    if (s.elem_size != elem_size)
      return make_error(errc::corrupt_dataset,
                        "section '" + fourcc_str(id) + "' has element size " + std::to_string(s.elem_size) +
                            ", expected " + std::to_string(elem_size),
                        impl_->name);
    return std::pair<void const*, std::size_t>{impl_->base + s.offset, static_cast<std::size_t>(s.count)};
  }
  return make_error(errc::corrupt_dataset, "missing section '" + fourcc_str(id) + "'", impl_->name);
}

bool dataset_file::has_section(std::uint32_t id) const {
  if (!impl_) return false;
  for (auto const& s : impl_->table)
    if (s.id == id) return true;
  return false;
}

result<std::vector<std::string_view>> dataset_file::strings(std::uint32_t offsets_id, std::uint32_t chars_id) const {
  KW_TRY(auto offsets, section<std::uint32_t>(offsets_id));
  KW_TRY(auto chars, section<char>(chars_id));
  if (!csr_offsets_valid<std::uint32_t>(offsets, chars.size()))
    return make_error(errc::corrupt_dataset, "string table '" + fourcc_str(offsets_id) + "' has invalid offsets",
                      impl_->name);
  std::vector<std::string_view> out;
  out.reserve(offsets.size() - 1);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i)
    out.emplace_back(chars.data() + offsets[i], offsets[i + 1] - offsets[i]);
  return out;
}

std::string const& dataset_file::name() const {
  static std::string const empty;
  return impl_ ? impl_->name : empty;
}

std::size_t dataset_file::size_bytes() const { return impl_ ? impl_->size : 0; }

}  // namespace kwartier
