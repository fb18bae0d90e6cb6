#include "kwartier/core/osm_coordinates.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace kwartier {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether libosmium may read `value` safely: no exponent, or a finite number within ±1000.
bool safe_coordinate(std::string_view value) {
  if (value.find_first_of("eE") == std::string_view::npos) return true;
  if (value.size() > 64) return false;
  std::string const copy{value};
  char* end = nullptr;
  double const v = std::strtod(copy.c_str(), &end);
  return std::isfinite(v) && std::fabs(v) <= 1000.0;
}

status refuse(std::string const& name, std::size_t line, std::string_view field, std::string_view value,
              char const* why) {
  std::string shown{value.substr(0, 40)};
  if (value.size() > 40) shown += "...";
  return make_error(errc::invalid_format, "coordinate '" + shown + "' " + why, name,
                    static_cast<std::uint32_t>(line), std::string(field));
}

status check_xml(std::string_view s, std::string const& name) {
  std::size_t line = 1;
  std::size_t counted = 0;  // bytes whose newlines are in `line`
  // The next "lat" and the next "lon" (each searched again only once passed: linear in the input).
  std::size_t next[2] = {s.find("lat"), s.find("lon")};
  std::size_t comment = s.find("<!--");  // comments are skipped: they may quote anything
  for (;;) {
    int const k = next[0] <= next[1] ? 0 : 1;
    std::size_t const a = next[k];
    if (a == std::string_view::npos) break;
    if (comment < a) {
      auto const end = s.find("-->", comment + 4);
      if (end == std::string_view::npos) break;  // the rest is a comment (libosmium's parser refuses it)
      for (auto& n : next)
        if (n != std::string_view::npos && n < end + 3) n = s.find(&n == &next[0] ? "lat" : "lon", end + 3);
      comment = s.find("<!--", end + 3);
      continue;
    }
    next[k] = s.find(k == 0 ? "lat" : "lon", a + 3);
    if (a == 0 || !is_space(s[a - 1])) continue;  // an attribute name is preceded by blank space
    std::size_t j = a + 3;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j >= s.size() || s[j] != '=') continue;
    ++j;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j >= s.size() || (s[j] != '"' && s[j] != '\'')) continue;
    char const q = s[j];
    auto const close = s.find(q, j + 1);
    auto const value = s.substr(j + 1, close == std::string_view::npos ? std::string_view::npos : close - j - 1);
    bool const entity = value.find('&') != std::string_view::npos;
    if (entity || !safe_coordinate(value)) {
      for (; counted < a; ++counted) line += s[counted] == '\n' ? 1 : 0;
      return refuse(name, line, s.substr(a, 3), value,
                    entity ? "holds a character reference: write the number itself"
                           : "is out of range (an exponent libosmium cannot read safely)");
    }
  }
  return {};
}

status check_opl(std::string_view s, std::string const& name) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char const c = s[i];
    if (c == '\n') {
      ++line;
      continue;
    }
    if ((c != 'x' && c != 'y') || i == 0 || s[i - 1] != ' ') continue;
    auto end = s.find_first_of(" \t\r\n", i + 1);
    if (end == std::string_view::npos) end = s.size();
    auto const value = s.substr(i + 1, end - i - 1);
    if (!safe_coordinate(value))
      return refuse(name, line, c == 'x' ? "x" : "y", value,
                    "is out of range (an exponent libosmium cannot read safely)");
    i = end - 1;
  }
  return {};
}

}  // namespace

status check_osm_coordinates(std::string_view bytes, osm_text_format format, std::string const& name) {
  return format == osm_text_format::xml ? check_xml(bytes, name) : check_opl(bytes, name);
}

status check_osm_coordinates_file(std::filesystem::path const& path, osm_text_format format) {
  auto const name = path.string();
  int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return make_error(errno == ENOENT ? errc::not_found : errc::io_error, std::strerror(errno), name);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
    ::close(fd);
    return {};  // not a regular file (a pipe): libosmium reads it as a stream, unchecked; empty: nothing to check
  }
  auto const size = static_cast<std::size_t>(st.st_size);
  void* const map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int const err = errno;
  ::close(fd);
  if (map == MAP_FAILED) return make_error(errc::io_error, std::string("cannot map the file: ") + std::strerror(err), name);
  ::madvise(map, size, MADV_SEQUENTIAL);
  auto s = check_osm_coordinates(std::string_view{static_cast<char const*>(map), size}, format, name);
  ::munmap(map, size);
  return s;
}

}  // namespace kwartier
