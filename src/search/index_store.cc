#include "search/index_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>

#include "kwartier/core/output.h"

namespace kwartier::search::detail {
namespace fs = std::filesystem;
namespace {

std::string sys_error(char const* what) { return std::string(what) + ": " + std::strerror(errno); }

bool is_generation_name(std::string_view n) {
  if (n.size() != 20 || n.substr(0, 4) != "gen-") return false;
  return std::all_of(n.begin() + 4, n.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

constexpr std::string_view kTempPrefix = ".kwartier-search-index.";

bool is_ours(std::string_view n) {
  return n == kPointerName || n == kLockName || is_generation_name(n) ||
         (n.substr(0, kTempPrefix.size()) == kTempPrefix && n.size() > 4 && n.substr(n.size() - 4) == ".tmp");
}

// fsync of a file or folder by path (O_RDONLY works for both on Linux).
status sync_path(fs::path const& p) {
  int const fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return make_error(errc::io_error, sys_error("cannot open for fsync"), p.string());
  int const rc = ::fsync(fd);
  int const e = errno;
  ::close(fd);
  if (rc != 0 && e != EINVAL) {
    errno = e;
    return make_error(errc::io_error, sys_error("fsync failed"), p.string());
  }
  return {};
}

status sync_tree(fs::path const& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    KW_TRY_VOID(sync_path(it->path()));
  if (ec) return make_error(errc::io_error, "cannot list folder: " + ec.message(), dir.string());
  return sync_path(dir);
}

// The pointer's generation name, "" when there is no pointer.
result<std::string> read_pointer(fs::path const& dir) {
  auto const p = dir / kPointerName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(p, ec))) return std::string();
  KW_TRY(auto text, read_small_file(p, 4096));
  std::string_view t = text;
  auto const magic = std::string_view(kPointerMagic);
  if (t.substr(0, magic.size()) != magic || t.size() <= magic.size() || t[magic.size()] != '\n') {
    if (t.substr(0, 22) == "kwartier search index ")
      return make_error(errc::incompatible_dataset, "search index of another format version; rebuild it", p.string());
    return make_error(errc::corrupt_dataset, "not a kwartier search index pointer", p.string());
  }
  t.remove_prefix(magic.size() + 1);
  constexpr std::string_view kGen = "generation ";
  if (t.substr(0, kGen.size()) != kGen) return make_error(errc::corrupt_dataset, "pointer names no generation", p.string());
  t.remove_prefix(kGen.size());
  auto const nl = t.find('\n');
  auto const name = t.substr(0, nl);
  if (!is_generation_name(name)) return make_error(errc::corrupt_dataset, "pointer names an invalid generation", p.string());
  return std::string(name);
}

status write_pointer(fs::path const& dir, std::string const& gen) {
  // core's output writer: an O_TMPFILE (else `.kwartier-search-index.kw-<random>.tmp`, which is_ours()
  // accepts and collect_garbage() removes) fsynced, renamed over the pointer, folder fsynced; a symlink or
  // anything but a regular file planted at the pointer's name is refused.
  std::string const text = std::string(kPointerMagic) + "\ngeneration " + gen + "\n";
  return write_file_atomically(dir / kPointerName, text);
}

// A folder may receive generations when it is empty, holds the pointer, or holds only our entries.
status check_index_folder(fs::path const& dir, bool overwrite, bool& has_index) {
  has_index = false;
  std::error_code ec;
  bool saw_pointer = false;
  std::string foreign;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    auto const n = it->path().filename().string();
    if (n == kPointerName) saw_pointer = true;
    else if (!is_ours(n) && foreign.empty()) foreign = n;
  }
  if (ec) return make_error(errc::io_error, "cannot list folder: " + ec.message(), dir.string());
  if (saw_pointer) {
    KW_TRY(auto cur, read_pointer(dir));
    (void)cur;
    has_index = true;
    if (!overwrite) return make_error(errc::invalid_argument, "search index exists (overwrite is off)", dir.string());
    return {};
  }
  if (!foreign.empty()) {
    if (foreign == "side.kwd" || foreign == "xapian")
      return make_error(errc::invalid_argument,
                        "folder holds '" + foreign + "' but is not a kwartier search index of this version (an index "
                        "of the older format, or other files); refusing to write into it: remove it or choose another "
                        "folder",
                        dir.string());
    return make_error(errc::invalid_argument,
                      "folder is not empty and not a kwartier search index (it holds '" + foreign +
                          "'); refusing to write into it",
                      dir.string());
  }
  return {};
}

}  // namespace

std::string generation_name(std::uint64_t build_id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "gen-%016llx", static_cast<unsigned long long>(build_id));
  return buf;
}

std::uint64_t new_build_id() {
  std::random_device rd;
  std::uint64_t id = 0;
  while (id == 0) {
    id = (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
         static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  return id;
}

result<std::string> read_small_file(fs::path const& p, std::size_t max_bytes) {
  int const fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    auto const code = errno == ENOENT ? errc::not_found : errc::io_error;
    return make_error(code, sys_error("cannot open"), p.string());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(errc::corrupt_dataset, "not a regular file", p.string());
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return make_error(errc::corrupt_dataset, "file is larger than expected", p.string());
  }
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < out.size()) {
    auto const r = ::read(fd, out.data() + got, out.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

// -------------------------------------------------------------------------------------------- writer

result<index_writer> index_writer::acquire(fs::path const& dir, bool overwrite) {
  std::error_code ec;
  auto const st = fs::symlink_status(dir, ec);
  if (fs::exists(st) && !fs::is_directory(fs::status(dir, ec)))
    return make_error(errc::invalid_argument, "index path exists and is not a folder", dir.string());
  bool has_index = false;
  if (fs::exists(st)) KW_TRY_VOID(check_index_folder(dir, overwrite, has_index));
  fs::create_directories(dir, ec);
  if (ec) return make_error(errc::io_error, "cannot create index folder: " + ec.message(), dir.string());
  index_writer w;
  w.dir_ = dir;
  auto const lock_path = dir / kLockName;
  w.lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (w.lock_fd_ < 0) return make_error(errc::io_error, sys_error("cannot open the build lock"), lock_path.string());
  while (::flock(w.lock_fd_, LOCK_EX) != 0)
    if (errno != EINTR) return make_error(errc::io_error, sys_error("cannot lock the index folder"), lock_path.string());
  // under the lock: the folder may have changed while we waited for another build
  KW_TRY_VOID(check_index_folder(dir, overwrite, has_index));
  KW_TRY(w.current_, read_pointer(dir));
  return w;
}

index_writer::index_writer(index_writer&& o) noexcept
    : dir_{std::move(o.dir_)}, current_{std::move(o.current_)}, lock_fd_{std::exchange(o.lock_fd_, -1)} {}
index_writer& index_writer::operator=(index_writer&& o) noexcept {
  if (this != &o) {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    dir_ = std::move(o.dir_);
    current_ = std::move(o.current_);
    lock_fd_ = std::exchange(o.lock_fd_, -1);
  }
  return *this;
}
index_writer::~index_writer() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

result<fs::path> index_writer::create_generation(std::uint64_t build_id) {
  auto const p = dir_ / generation_name(build_id);
  if (::mkdir(p.c_str(), 0755) != 0) return make_error(errc::io_error, sys_error("cannot create generation folder"), p.string());
  return p;
}

status index_writer::publish(std::uint64_t build_id) {
  auto const gen = generation_name(build_id);
  KW_TRY_VOID(sync_tree(dir_ / gen));
  KW_TRY_VOID(write_pointer(dir_, gen));
  current_ = gen;
  return {};
}

std::size_t index_writer::collect_garbage() {
  std::size_t kept = 0;
  std::error_code ec;
  std::vector<fs::path> entries;
  for (auto it = fs::directory_iterator(dir_, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    entries.push_back(it->path());
  for (auto const& p : entries) {
    auto const n = p.filename().string();
    if (n.substr(0, kTempPrefix.size()) == kTempPrefix && is_ours(n)) {  // a killed writer's pointer temp
      fs::remove(p, ec);
      continue;
    }
    if (!is_generation_name(n) || n == current_) continue;
    int const fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      fs::remove_all(p, ec);  // while holding the lock: a reader arriving now sees it unlinked and retries
    } else {
      ++kept;  // an open index still serves it; a later build removes it
    }
    ::close(fd);
  }
  return kept;
}

// -------------------------------------------------------------------------------------------- reader

result<generation_lease> generation_lease::acquire(fs::path const& dir) {
  std::error_code ec;
  auto const st = fs::status(dir, ec);
  if (!fs::exists(st)) return make_error(errc::not_found, "search index folder does not exist", dir.string());
  if (!fs::is_directory(st))
    return make_error(errc::invalid_format,
                      "is a file, not a search index folder (`kwartier search build CATALOGUE -o FOLDER` writes one)",
                      dir.string());
  std::string last;
  for (int attempt = 0; attempt < 50; ++attempt) {
    KW_TRY(auto gen, read_pointer(dir));
    if (gen.empty()) {
      if (fs::exists(dir / "side.kwd", ec))
        return make_error(errc::incompatible_dataset,
                          "search index of an older format (side.kwd at the top, no pointer); rebuild it",
                          dir.string());
      return make_error(errc::not_found, std::string("not a kwartier search index (no ") + kPointerName + ")",
                        dir.string());
    }
    auto const p = dir / gen;
    int const fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
      if (errno == ENOENT && gen != last) {  // the pointer moved on meanwhile: read it again
        last = gen;
        continue;
      }
      return make_error(errc::corrupt_dataset, sys_error("the pointer names a generation that cannot be opened"),
                        p.string());
    }
    if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {  // a writer is removing it: the pointer names another one now
      ::close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    struct stat a {}, b {};
    if (::fstat(fd, &a) != 0 || ::stat(p.c_str(), &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
      ::close(fd);  // removed (or replaced) between open and lock
      continue;
    }
    generation_lease l;
    l.path_ = p;
    l.fd_ = fd;
    l.build_id_ = std::stoull(gen.substr(4), nullptr, 16);
    return l;
  }
  return make_error(errc::io_error, "the index kept changing while it was opened (50 attempts)", dir.string());
}

generation_lease::generation_lease(generation_lease&& o) noexcept
    : path_{std::move(o.path_)}, build_id_{o.build_id_}, fd_{std::exchange(o.fd_, -1)} {}
generation_lease& generation_lease::operator=(generation_lease&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(o.path_);
    build_id_ = o.build_id_;
    fd_ = std::exchange(o.fd_, -1);
  }
  return *this;
}
generation_lease::~generation_lease() {
  if (fd_ >= 0) ::close(fd_);
}

// ------------------------------------------------------------------------------------------ checksums
namespace {
result<xapian_file> hash_one(fs::path const& p, std::string const& name) {
  xapian_file x{};
  if (name.size() >= sizeof x.name) return make_error(errc::corrupt_dataset, "unexpected file name in the Xapian database", p.string());
  std::memcpy(x.name, name.data(), name.size());
  int const fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return make_error(errc::corrupt_dataset, sys_error("cannot open Xapian file"), p.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(errc::corrupt_dataset, "Xapian file is not a regular file", p.string());
  }
  x.size = static_cast<std::uint64_t>(st.st_size);
  if (x.size == 0) {
    ::close(fd);
    x.hash = hash64(nullptr, 0);
    return x;
  }
  void* m = ::mmap(nullptr, x.size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return make_error(errc::io_error, sys_error("mmap failed"), p.string());
  ::madvise(m, x.size, MADV_SEQUENTIAL);
  x.hash = hash64(m, x.size);
  ::munmap(m, x.size);
  return x;
}
}  // namespace

result<std::vector<xapian_file>> hash_xapian_files(fs::path const& xapian_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(xapian_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    auto n = it->path().filename().string();
    if (n != "flintlock") names.push_back(std::move(n));
  }
  if (ec) return make_error(errc::io_error, "cannot list the Xapian database: " + ec.message(), xapian_dir.string());
  std::sort(names.begin(), names.end());
  std::vector<xapian_file> out;
  for (auto const& n : names) {
    KW_TRY(auto x, hash_one(xapian_dir / n, n));
    out.push_back(x);
  }
  return out;
}

result<std::vector<xapian_file>> hash_generation_files(fs::path const& gen, std::span<std::string const> names) {
  std::vector<xapian_file> out;
  for (auto const& n : names) {
    KW_TRY(auto x, hash_one(gen / n, n));
    out.push_back(x);
  }
  return out;
}

status verify_generation_files(fs::path const& gen, std::span<xapian_file const> expected) {
  for (auto const& e : expected) {
    std::string const name(e.name, std::min(sizeof e.name, std::strlen(e.name)));
    auto const p = gen / name;
    std::error_code ec;
    if (!fs::exists(p, ec))
      return make_error(errc::corrupt_dataset, "file of this index generation is missing", p.string());
    KW_TRY(auto got, hash_one(p, name));
    if (got.size != e.size)
      return make_error(errc::corrupt_dataset, "size " + std::to_string(got.size) + " differs from the side file's " +
                        std::to_string(e.size) + " (truncated or from another build)", p.string());
    if (got.hash != e.hash)
      return make_error(errc::corrupt_dataset, "checksum mismatch (damaged or from another build)", p.string());
  }
  return {};
}

status verify_xapian_files(fs::path const& xapian_dir, std::span<xapian_file const> expected) {
  KW_TRY(auto got, hash_xapian_files(xapian_dir));
  auto corrupt = [&](std::string const& file, std::string msg) {
    return make_error(errc::corrupt_dataset, std::move(msg), (xapian_dir / file).string());
  };
  std::size_t i = 0, j = 0;
  while (i < got.size() || j < expected.size()) {
    std::string const gn = i < got.size() ? got[i].name : "";
    std::string const en = j < expected.size() ? expected[j].name : "";
    if (j >= expected.size() || (i < got.size() && gn < en))
      return corrupt(gn, "file not part of this index generation (the side file does not list it)");
    if (i >= got.size() || en < gn) return corrupt(en, "file of this index generation is missing");
    if (got[i].size != expected[j].size)
      return corrupt(gn, "size " + std::to_string(got[i].size) + " differs from the side file's " +
                             std::to_string(expected[j].size) + " (truncated or from another build)");
    if (got[i].hash != expected[j].hash) return corrupt(gn, "checksum mismatch (damaged or from another build)");
    ++i, ++j;
  }
  return {};
}

}  // namespace kwartier::search::detail
