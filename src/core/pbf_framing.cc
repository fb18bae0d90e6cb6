#include "kwartier/core/pbf_framing.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <vector>

namespace kwartier {
namespace {

constexpr std::uint32_t kMaxBlobHeaderSize = 64 * 1024;  // libosmium's max_blob_header_size

bool read_varint(std::string_view& s, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (s.empty()) return false;
    auto const b = static_cast<std::uint8_t>(s.front());
    s.remove_prefix(1);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

struct blob_header {
  bool has_type = false;
  std::int64_t datasize = 0;
};

// nullopt: malformed (the message says why).
std::optional<blob_header> parse_blob_header(std::string_view s, std::string& why) {
  blob_header h;
  while (!s.empty()) {
    std::uint64_t key = 0;
    if (!read_varint(s, key)) return why = "bad field key", std::nullopt;
    auto const field = key >> 3;
    auto const wire = static_cast<unsigned>(key & 7);
    if (field == 0 || field > 0x1fffffff) return why = "bad field number", std::nullopt;
    std::uint64_t v = 0;
    switch (wire) {
      case 0:  // varint
        if (!read_varint(s, v)) return why = "bad varint", std::nullopt;
        if (field == 3) h.datasize = static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
        break;
      case 1:  // fixed64
        if (s.size() < 8) return why = "field runs past the header", std::nullopt;
        s.remove_prefix(8);
        break;
      case 2:  // length-delimited
        if (!read_varint(s, v) || v > s.size()) return why = "field runs past the header", std::nullopt;
        if (field == 1) h.has_type = true;
        s.remove_prefix(static_cast<std::size_t>(v));
        break;
      case 5:  // fixed32
        if (s.size() < 4) return why = "field runs past the header", std::nullopt;
        s.remove_prefix(4);
        break;
      default:
        return why = "wire type " + std::to_string(wire) + " is not allowed", std::nullopt;
    }
  }
  return h;
}

// read(offset, n, out) fills out with up to n bytes at offset (fewer at the end); false on an I/O error.
using reader = std::function<bool(std::uint64_t, std::size_t, std::string&)>;

status walk(std::uint64_t total, reader const& read, std::string const& name) {
  std::uint64_t off = 0;
  std::string buf;
  while (off + 4 <= total) {
    if (!read(off, 4, buf)) return make_error(errc::io_error, std::string("cannot read: ") + std::strerror(errno), name);
    if (buf.size() < 4) return {};
    auto const* u = reinterpret_cast<unsigned char const*>(buf.data());
    std::uint32_t const size = (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
    if (size == 0 || size > kMaxBlobHeaderSize || off + 4 + size > total) return {};  // libosmium reports these
    if (!read(off + 4, size, buf)) return make_error(errc::io_error, std::string("cannot read: ") + std::strerror(errno), name);
    if (buf.size() < size) return {};
    std::string why;
    auto const h = parse_blob_header(buf, why);
    auto const at = " (PBF BlobHeader at byte " + std::to_string(off) + ")";
    if (!h) return make_error(errc::invalid_format, "malformed PBF BlobHeader: " + why + at, name);
    if (h->datasize == 0) return {};  // libosmium: "BlobHeader.datasize missing or zero"
    // libosmium compares the type next, also for a negative size (which it reads as a huge one)
    if (!h->has_type) return make_error(errc::invalid_format, "PBF BlobHeader has no type" + at, name);
    if (h->datasize < 0) return {};  // libosmium cannot read that much and says so
    off += 4 + size + static_cast<std::uint64_t>(h->datasize);
  }
  return {};
}

}  // namespace

status check_pbf_framing(std::string_view bytes, std::string const& name) {
  return walk(
      bytes.size(),
      [&](std::uint64_t off, std::size_t n, std::string& out) {
        out.assign(bytes.substr(static_cast<std::size_t>(off), n));
        return true;
      },
      name);
}

status check_pbf_framing_file(std::filesystem::path const& path) {
  auto const name = path.string();
  int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return make_error(errno == ENOENT ? errc::not_found : errc::io_error, std::strerror(errno), name);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return {};  // not a regular file (a pipe): libosmium reads it as a stream, unchecked
  }
  auto s = walk(
      static_cast<std::uint64_t>(st.st_size),
      [fd](std::uint64_t off, std::size_t n, std::string& out) {
        out.resize(n);
        std::size_t got = 0;
        while (got < n) {
          auto const r = ::pread(fd, out.data() + got, n - got, static_cast<off_t>(off + got));
          if (r < 0 && errno == EINTR) continue;
          if (r < 0) return false;
          if (r == 0) break;
          got += static_cast<std::size_t>(r);
        }
        out.resize(got);
        return true;
      },
      name);
  ::close(fd);
  return s;
}

}  // namespace kwartier
