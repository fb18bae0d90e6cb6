#include "kwartier/core/output.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

#include "kwartier/core/dataset.h"

namespace kwartier {
namespace {

namespace fs = std::filesystem;

std::string sys_message(int err) { return std::strerror(err); }

tl::unexpected<error> io_fail(std::string what, fs::path const& p, int err) {
  return make_error(errc::io_error, std::move(what) + ": " + sys_message(err), p.string());
}

fs::path folder_of(fs::path const& target) {
  auto dir = target.parent_path();
  return dir.empty() ? fs::path{"."} : dir;
}

// 12 hex digits of randomness for temporary names (collisions are retried anyway).
std::string random_suffix() {
  std::uint64_t r = 0;
  if (::getrandom(&r, sizeof r, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof r)) {
    static std::uint64_t counter = 0;
    r = static_cast<std::uint64_t>(::getpid()) * 0x9e3779b97f4a7c15ULL ^
        static_cast<std::uint64_t>(std::time(nullptr)) ^ (++counter << 20);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(r & 0xffffffffffffULL));
  return buf;
}

// ".<name>.kw-<random><suffix>", the name cut so the whole stays below NAME_MAX.
std::string hidden_name(fs::path const& target, char const* suffix) {
  auto base = target.filename().string();
  if (base.size() > 180) base.resize(180);
  return "." + base + ".kw-" + random_suffix() + suffix;
}

// The target's folder must exist and be a folder.
status check_folder(fs::path const& target) {
  auto const dir = folder_of(target);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return make_error(errc::io_error, "output folder does not exist", dir.string());
    return io_fail("cannot access the output folder", dir, errno);
  }
  if (!S_ISDIR(st.st_mode)) return make_error(errc::invalid_argument, "output folder is not a folder", dir.string());
  return {};
}

char const* file_type_name(mode_t m) {
  if (S_ISLNK(m)) return "a symbolic link";
  if (S_ISDIR(m)) return "a folder";
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISSOCK(m)) return "a socket";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  return "not a regular file";
}

status refuse(fs::path const& p, std::string why) {
  return make_error(errc::invalid_argument, std::move(why), p.string());
}

status check_not_special(fs::path const& target, struct stat const& st, char const* expected) {
  if (S_ISLNK(st.st_mode))
    return refuse(target, std::string("output is a symbolic link; refusing to replace it (give the path it points to "
                                      "instead)"));
  return refuse(target, std::string("output exists and is ") + file_type_name(st.st_mode) + ", not " + expected +
                            "; refusing to replace it");
}

// Reads the dataset header of an existing non-empty regular file without following links or blocking.
status check_dataset_kind(fs::path const& target, std::uint32_t kind) {
  int const fd = ::open(target.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return io_fail("cannot read the existing output", target, errno);
  struct stat st {};
  char head[16] = {};
  ssize_t got = -1;
  int err = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    got = ::pread(fd, head, sizeof head, 0);
    err = errno;
  }
  ::close(fd);
  if (!S_ISREG(st.st_mode)) return check_not_special(target, st, "a regular file");
  if (got < 0) return io_fail("cannot read the existing output", target, err);
  if (st.st_size == 0) return {};
  if (got < static_cast<ssize_t>(sizeof head) || std::memcmp(head, "KWARTIER", 8) != 0)
    return refuse(target, "output exists and is not a kwartier dataset; refusing to overwrite it (remove it or "
                          "choose another output path)");
  std::uint32_t have = 0;
  std::memcpy(&have, head + 12, sizeof have);
  if (have != kind)
    return refuse(target, "output is a kwartier '" + fourcc_string(have) + "' dataset, not '" + fourcc_string(kind) +
                              "'; refusing to overwrite it");
  return {};
}

status fsync_path(fs::path const& p, bool dir) {
  int const fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (dir ? O_DIRECTORY : 0));
  if (fd < 0) return io_fail("cannot open to sync", p, errno);
  int const rc = ::fsync(fd);
  int const err = errno;
  ::close(fd);
  // Some file systems cannot fsync a folder (EINVAL); that is not a failure of the data.
  if (rc != 0 && !(dir && (err == EINVAL || err == EROFS))) return io_fail("fsync failed", p, err);
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------- output_file

// The check of check_output_target. On success: whether the target is written straight through (stream_to_pipe
// and an existing FIFO or character device, links followed), decided by the same stat as the check.
static result<bool> check_target(fs::path const& target, output_options const& opt) {
  auto const replaced = [](status s) -> result<bool> {  // a file replaced by rename, if `s` allows it
    if (!s) return make_error(std::move(s).error());
    return false;
  };
  if (target.empty()) return make_error(errc::invalid_argument, "empty output path");
  if (opt.stream_to_pipe) {
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) return true;
  }
  if (!target.has_filename()) return replaced(refuse(target, "output path names a folder, not a file"));
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) {
    if (errno == ENOENT) return replaced(check_folder(target));
    return io_fail("cannot access the output", target, errno);
  }
  if (!S_ISREG(st.st_mode)) return replaced(check_not_special(target, st, "a regular file"));
  if (opt.dataset_kind != 0 && st.st_size > 0) return replaced(check_dataset_kind(target, opt.dataset_kind));
  return false;
}

status check_output_target(fs::path const& target, output_options const& opt) {
  KW_TRY_VOID(check_target(target, opt));
  return {};
}

result<output_file> output_file::create(fs::path const& target, output_options const& opt) {
  KW_TRY(auto const direct, check_target(target, opt));
  output_file out;
  out.target_ = target;
  out.opt_ = opt;
  if (direct) {
    // Opened without waiting for a reader (ENXIO: nobody reads the FIFO), then written with blocking writes.
    out.fd_ = ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (out.fd_ < 0)
      return io_fail(errno == ENXIO ? "output is a FIFO that nobody reads" : "cannot open the output", target, errno);
    int const flags = ::fcntl(out.fd_, F_GETFL);
    if (flags < 0 || ::fcntl(out.fd_, F_SETFL, flags & ~O_NONBLOCK) != 0) {
      auto const err = errno;
      out.abandon();
      return io_fail("cannot open the output", target, err);
    }
    out.direct_ = true;
    return out;
  }
  auto const dir = folder_of(target);
  out.dir_fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (out.dir_fd_ < 0) return io_fail("cannot open the output folder", dir, errno);

  if (opt.anonymous_temp) out.fd_ = ::openat(out.dir_fd_, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  // Not supported by this file system (or not asked for): a named temporary, never following a link.
  for (int attempt = 0; out.fd_ < 0 && attempt < 100; ++attempt) {
    auto name = hidden_name(target, ".tmp");
    out.fd_ = ::openat(out.dir_fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (out.fd_ >= 0) {
      out.temp_name_ = std::move(name);
    } else if (errno != EEXIST) {
      return io_fail("cannot create a temporary file in the output folder", target, errno);
    }
  }
  if (out.fd_ < 0) return make_error(errc::io_error, "cannot find a free temporary file name", target.string());

  // Keep an existing target's permission bits.
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode)) (void)::fchmod(out.fd_, st.st_mode & 07777);
  return out;
}

output_file::output_file(output_file&& o) noexcept
    : target_{std::move(o.target_)},
      opt_{o.opt_},
      dir_fd_{std::exchange(o.dir_fd_, -1)},
      fd_{std::exchange(o.fd_, -1)},
      temp_name_{std::move(o.temp_name_)},
      direct_{std::exchange(o.direct_, false)} {
  o.temp_name_.clear();
}

output_file& output_file::operator=(output_file&& o) noexcept {
  if (this != &o) {
    abandon();
    target_ = std::move(o.target_);
    opt_ = o.opt_;
    dir_fd_ = std::exchange(o.dir_fd_, -1);
    fd_ = std::exchange(o.fd_, -1);
    temp_name_ = std::move(o.temp_name_);
    o.temp_name_.clear();
    direct_ = std::exchange(o.direct_, false);
  }
  return *this;
}

output_file::~output_file() { abandon(); }

void output_file::abandon() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  direct_ = false;
  if (!temp_name_.empty() && dir_fd_ >= 0) ::unlinkat(dir_fd_, temp_name_.c_str(), 0);
  temp_name_.clear();
  if (dir_fd_ >= 0) ::close(dir_fd_);
  dir_fd_ = -1;
}

status output_file::write(void const* data, std::size_t n) {
  if (fd_ < 0) return make_error(errc::invalid_argument, "output already committed or abandoned", target_.string());
  auto const* p = static_cast<char const*>(data);
  while (n > 0) {
    auto const w = ::write(fd_, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return io_fail("cannot write the output", target_, errno);
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return {};
}

status output_file::write_at(std::uint64_t offset, void const* data, std::size_t n) {
  if (fd_ < 0) return make_error(errc::invalid_argument, "output already committed or abandoned", target_.string());
  auto const* p = static_cast<char const*>(data);
  while (n > 0) {
    auto const w = ::pwrite(fd_, p, n, static_cast<off_t>(offset));
    if (w < 0) {
      if (errno == EINTR) continue;
      return io_fail("cannot write the output", target_, errno);
    }
    p += w;
    offset += static_cast<std::uint64_t>(w);
    n -= static_cast<std::size_t>(w);
  }
  return {};
}

status output_file::commit() {
  if (fd_ < 0) return make_error(errc::invalid_argument, "output already committed or abandoned", target_.string());
  if (direct_) {  // a pipe or device: nothing to sync or rename
    int const rc = ::close(fd_);
    int const err = errno;
    fd_ = -1;
    abandon();
    if (rc != 0 && err != EINTR) return io_fail("cannot write the output", target_, err);
    return {};
  }
  if (::fsync(fd_) != 0) {
    auto const err = errno;
    abandon();
    return io_fail("cannot write the output (fsync)", target_, err);
  }
  if (temp_name_.empty()) {
    // Give the unnamed temporary a name in the folder (linkat through /proc keeps it unprivileged).
    char proc[64];
    std::snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd_);
    for (int attempt = 0; temp_name_.empty() && attempt < 100; ++attempt) {
      auto name = hidden_name(target_, ".tmp");
      if (::linkat(AT_FDCWD, proc, dir_fd_, name.c_str(), AT_SYMLINK_FOLLOW) == 0 ||
          ::linkat(fd_, "", dir_fd_, name.c_str(), AT_EMPTY_PATH) == 0) {
        temp_name_ = std::move(name);
      } else if (errno != EEXIST) {
        auto const err = errno;
        abandon();
        return io_fail("cannot link the temporary output into its folder", target_, err);
      }
    }
    if (temp_name_.empty()) {
      abandon();
      return make_error(errc::io_error, "cannot find a free temporary file name", target_.string());
    }
  }
  // The target may have changed while we were writing (a link or a FIFO planted since create()).
  if (auto st = check_output_target(target_, opt_); !st) {
    abandon();
    return st;
  }
  if (::renameat(dir_fd_, temp_name_.c_str(), dir_fd_, target_.filename().c_str()) != 0) {
    auto const err = errno;
    abandon();
    return io_fail("cannot rename the output into place", target_, err);
  }
  temp_name_.clear();
  ::close(fd_);
  fd_ = -1;
  int const rc = ::fsync(dir_fd_);
  int const err = errno;
  abandon();
  if (rc != 0 && err != EINVAL && err != EROFS)
    return io_fail("output renamed into place, but its folder could not be synced", folder_of(target_), err);
  return {};
}

status write_file_atomically(fs::path const& target, std::string_view bytes, output_options const& opt) {
  KW_TRY(auto out, output_file::create(target, opt));
  KW_TRY_VOID(out.write(bytes));
  return out.commit();
}

// ---------------------------------------------------------------------------------------------- output_dir

status check_output_dir_target(fs::path const& target, output_dir_options const& opt) {
  if (target.empty()) return make_error(errc::invalid_argument, "empty output path");
  auto const t = target.has_filename() ? target : target.parent_path();
  if (!t.has_filename() || t.filename() == "." || t.filename() == "..")
    return refuse(target, "output folder must be named (not '/', '.' or '..')");
  struct stat st {};
  if (::lstat(t.c_str(), &st) != 0) {
    if (errno == ENOENT) return check_folder(t);
    return io_fail("cannot access the output", t, errno);
  }
  if (!S_ISDIR(st.st_mode)) return check_not_special(t, st, "a folder");
  std::error_code ec;
  auto it = fs::directory_iterator(t, ec);
  if (ec) return make_error(errc::io_error, "cannot list the output folder: " + ec.message(), t.string());
  if (it == fs::directory_iterator{}) return {};
  if (!opt.may_replace)
    return refuse(t, "output folder exists and is not empty; refusing to replace it (remove it or choose another "
                     "output path)");
  return opt.may_replace(t);
}

result<output_dir> output_dir::create(fs::path const& target_in, output_dir_options opt) {
  auto const target = target_in.has_filename() ? target_in : target_in.parent_path();
  KW_TRY_VOID(check_output_dir_target(target, opt));
  output_dir out;
  out.target_ = target;
  out.opt_ = std::move(opt);
  auto const parent = folder_of(target);
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto p = parent / hidden_name(target, ".new");
    if (::mkdir(p.c_str(), 0777) == 0) {
      out.staging_ = std::move(p);
      out.active_ = true;
      return out;
    }
    if (errno != EEXIST) return io_fail("cannot create a new folder beside the output", target, errno);
  }
  return make_error(errc::io_error, "cannot find a free folder name beside the output", target.string());
}

output_dir::output_dir(output_dir&& o) noexcept
    : target_{std::move(o.target_)},
      staging_{std::move(o.staging_)},
      opt_{std::move(o.opt_)},
      active_{std::exchange(o.active_, false)} {}

output_dir& output_dir::operator=(output_dir&& o) noexcept {
  if (this != &o) {
    abandon();
    target_ = std::move(o.target_);
    staging_ = std::move(o.staging_);
    opt_ = std::move(o.opt_);
    active_ = std::exchange(o.active_, false);
  }
  return *this;
}

output_dir::~output_dir() { abandon(); }

void output_dir::abandon() noexcept {
  if (!active_) return;
  active_ = false;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

result<fs::path> output_dir::commit() {
  if (!active_) return make_error(errc::invalid_argument, "output folder already committed or abandoned",
                                  target_.string());
  auto fail = [&](error e) -> result<fs::path> {
    abandon();
    return make_error(std::move(e));
  };
  if (opt_.sync) {
    std::error_code ec;
    std::vector<fs::path> dirs;
    for (auto it = fs::recursive_directory_iterator(staging_, ec); !ec && it != fs::recursive_directory_iterator{};
         it.increment(ec)) {
      auto const type = it->symlink_status(ec).type();
      if (ec) break;
      if (type == fs::file_type::regular) {
        if (auto st = fsync_path(it->path(), false); !st) return fail(st.error());
      } else if (type == fs::file_type::directory) {
        dirs.push_back(it->path());
      }
    }
    if (ec) return fail(error{errc::io_error, "cannot list the new folder: " + ec.message(), staging_.string()});
    dirs.push_back(staging_);
    for (auto const& d : dirs)
      if (auto st = fsync_path(d, true); !st) return fail(st.error());
  }
  if (auto st = check_output_dir_target(target_, opt_); !st) return fail(st.error());

  auto const parent = folder_of(target_);
  int const dfd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return fail(io_fail("cannot open the output's folder", parent, errno).value());
  auto const new_name = staging_.filename();
  auto const target_name = target_.filename();
  fs::path old;  // where the previous generation ends up, if any

  struct stat st {};
  bool const exists = ::lstat(target_.c_str(), &st) == 0;
  int rc = 0;
  if (!exists) {
    rc = ::renameat2(dfd, new_name.c_str(), dfd, target_name.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS))
      rc = ::renameat(dfd, new_name.c_str(), dfd, target_name.c_str());
    if (rc != 0) {
      auto const err = errno;
      ::close(dfd);
      return fail(io_fail("cannot rename the new folder into place", target_, err).value());
    }
  } else {
    rc = ::renameat2(dfd, new_name.c_str(), dfd, target_name.c_str(), RENAME_EXCHANGE);
    if (rc == 0) {
      old = staging_;  // the old generation now has the staging name
    } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
      // No atomic exchange here: move the old folder aside, the new one in, and the old one back on failure.
      auto const aside = hidden_name(target_, ".old");
      if (::renameat(dfd, target_name.c_str(), dfd, aside.c_str()) != 0) {
        auto const err = errno;
        ::close(dfd);
        return fail(io_fail("cannot move the old folder aside", target_, err).value());
      }
      if (::renameat(dfd, new_name.c_str(), dfd, target_name.c_str()) != 0) {
        auto const err = errno;
        (void)::renameat(dfd, aside.c_str(), dfd, target_name.c_str());
        ::close(dfd);
        return fail(io_fail("cannot rename the new folder into place", target_, err).value());
      }
      old = parent / aside;
    } else {
      auto const err = errno;
      ::close(dfd);
      return fail(io_fail("cannot swap the new folder into place", target_, err).value());
    }
  }
  active_ = false;
  (void)::fsync(dfd);
  ::close(dfd);
  if (old.empty()) return fs::path{};
  if (opt_.keep_old) {
    // Give the kept generation a name that says what it is.
    auto kept = parent / hidden_name(target_, ".old");
    std::error_code ec;
    fs::rename(old, kept, ec);
    return ec ? old : kept;
  }
  std::error_code ec;
  fs::remove_all(old, ec);
  if (ec && fs::exists(old)) return old;  // removal failed: say where it is, the swap itself succeeded
  return fs::path{};
}

}  // namespace kwartier
