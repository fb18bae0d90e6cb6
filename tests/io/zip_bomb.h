// Writes zip archives whose entries are generated while libzip deflates them (a zip bomb of any size
// without holding it in memory), for the zip_limits and streaming tests.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace kwartier::testing {

// An entry: `head` once, then `repeat` until `size` bytes in all.
struct generated_entry {
  std::string name;
  std::string head;
  std::string repeat;
  std::uint64_t size = 0;
};

namespace detail {
struct gen_state {
  generated_entry e;
  std::uint64_t pos = 0;
  zip_error_t err;
};

inline zip_int64_t gen_callback(void* ud, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<gen_state*>(ud);
  switch (cmd) {
    case ZIP_SOURCE_OPEN: s->pos = 0; return 0;
    case ZIP_SOURCE_READ: {
      auto* out = static_cast<char*>(data);
      zip_uint64_t n = 0;
      while (n < len && s->pos < s->e.size) {
        auto const left = std::min<zip_uint64_t>(len - n, s->e.size - s->pos);
        zip_uint64_t k;
        if (s->pos < s->e.head.size()) {
          k = std::min<zip_uint64_t>(left, s->e.head.size() - s->pos);
          std::memcpy(out + n, s->e.head.data() + s->pos, k);
        } else {
          auto const off = (s->pos - s->e.head.size()) % s->e.repeat.size();
          k = std::min<zip_uint64_t>(left, s->e.repeat.size() - off);
          std::memcpy(out + n, s->e.repeat.data() + off, k);
        }
        n += k;
        s->pos += k;
      }
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = s->e.size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&s->err, data, len);
    case ZIP_SOURCE_FREE: delete s; return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: zip_error_set(&s->err, ZIP_ER_OPNOTSUPP, 0); return -1;
  }
}
}  // namespace detail

// Writes `path` with the generated entries and the small literal files. True on success.
inline bool write_generated_zip(std::filesystem::path const& path, std::vector<generated_entry> const& big,
                                std::vector<std::pair<std::string, std::string>> const& small) {
  int errp = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &errp);
  if (z == nullptr) return false;
  std::vector<std::string> keep;  // zip_source_buffer does not copy
  keep.reserve(small.size());
  for (auto const& [name, content] : small) {
    keep.push_back(content);
    zip_source_t* src = zip_source_buffer(z, keep.back().data(), keep.back().size(), 0);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_discard(z);
      return false;
    }
  }
  for (auto const& e : big) {
    auto* st = new detail::gen_state{e, 0, {}};
    zip_error_init(&st->err);
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_function(z, detail::gen_callback, st);
    if (src == nullptr || zip_file_add(z, e.name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      zip_discard(z);
      return false;
    }
  }
  return zip_close(z) == 0;
}

// Peak resident set size of this process so far, in bytes.
inline std::uint64_t peak_rss_bytes();

}  // namespace kwartier::testing

#include <sys/resource.h>

inline std::uint64_t kwartier::testing::peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<std::uint64_t>(u.ru_maxrss) * 1024;  // Linux: kilobytes
}
