// Safe outputs: every file and folder a build step writes goes through here, so a build never writes
// through a planted symlink, never leaves a half-written file under the target's name, never deletes what
// it replaces before the replacement is complete, and never leaves temporary files behind on an error.
//
//   KW_TRY(auto out, output_file::create("city.kwn", {.dataset_kind = fourcc("KWNW")}));
//   KW_TRY_VOID(out.write(bytes.data(), bytes.size()));
//   KW_TRY_VOID(out.commit());   // fsync, rename over the target, fsync the folder
//
//   KW_TRY(auto dir, output_dir::create("index", {.may_replace = is_search_index}));
//   ... write files under dir.path() (a new sibling folder of "index") ...
//   KW_TRY(auto old, dir.commit());   // swaps the new folder in by rename; the old one is never deleted first
//
// output_file:
// - The data goes to a new temporary file in the target's folder: an unnamed O_TMPFILE file where the file
//   system supports it (a killed build leaves nothing behind), else a unique hidden name
//   `.<name>.kw-<random>.tmp` created with O_CREAT|O_EXCL|O_NOFOLLOW. commit() fsyncs it, renames it over
//   the target (atomic: readers see the old file or the new one, never a mix) and fsyncs the folder.
// - An output_file destroyed (or abandon()ed) before commit() removes its temporary file: every error path
//   of a build cleans up by leaving scope.
// - The target is checked when the writer is created and again just before the rename. Refused with
//   errc::invalid_argument naming the path: a symbolic link (even one pointing at a regular file: the link
//   would be replaced, not what it points to), a folder, a device, a FIFO or a socket; and, when
//   `dataset_kind` is set, a non-empty regular file that is not a kwartier dataset of that kind (any format
//   version), so `-o notes.txt` or `-o city.kwn` from `gtfs build` never destroys a file of another sort.
//   A missing folder, and every failed system call (no space, file too large, read-only
//   file system) gives errc::io_error naming the target and the system's message.
// - An existing target's permission bits are kept.
//
// output_dir (a folder replaced as a whole, e.g. a search index):
// - create() makes a new, empty sibling folder `.<name>.kw-<random>.new` next to the target; the caller
//   writes everything into path(). commit() fsyncs every file and folder under it, then swaps it in with
//   renameat2(RENAME_EXCHANGE) (where the file system lacks it: rename the old folder aside, rename the new
//   one into place, rename the old one back if that fails). The old folder is never deleted before the new
//   one is in place; afterwards it is removed, or kept and returned when `keep_old` is set (so open readers
//   of the old generation can be drained first).
// - The target may be missing or an empty folder; an existing non-empty folder is replaced only when
//   `may_replace(target)` returns success (the default refuses every non-empty folder), so a stray file
//   with a familiar name never gets a folder full of the user's other files deleted.
// - Destroyed before commit(): the staging folder and everything in it are removed.
//
// Replace dataset files by rename only. Datasets are memory-mapped: truncating or overwriting a mapped file
// in place (cp over it, `>` redirection, an editor saving in place) makes every process that has it open
// die with SIGBUS or read garbage. Renaming a new file over it (what output_file does, and `mv`) is safe:
// open readers keep the old file until they close it. The same rule holds for OSRM and nigiri datasets.
//
// Thread rules: output_file and output_dir are move-only handles used by one thread at a time; two builds
// writing the same target concurrently each complete, and the last commit() wins.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "kwartier/core/result.h"

namespace kwartier {

struct output_options {
  // When non-zero (a dataset kind four-cc), an existing non-empty target must be a kwartier dataset of this
  // kind; when zero, any existing regular file may be replaced.
  std::uint32_t dataset_kind = 0;
  // Use an unnamed O_TMPFILE temporary where the file system supports it (false: always a named hidden
  // temporary; tests use it to exercise that path).
  bool anonymous_temp = true;
  // Results of a query (GeoJSON, CSV, NPY), not datasets: when the target, links followed, is an existing
  // FIFO or character device (a pipe, /dev/stdout, /dev/null), write to it directly instead of refusing it
  // (opened without waiting: a FIFO nobody reads is an io_error at once). Folders, sockets and block devices
  // are still refused, and every other target is replaced by rename as above.
  bool stream_to_pipe = false;
};

// Checks that `target` may be replaced under `opt` (the check output_file::create makes), without writing.
// Builds call it before a long computation so a bad `-o` fails at once.
status check_output_target(std::filesystem::path const& target, output_options const& opt = {});

class output_file {
 public:
  static result<output_file> create(std::filesystem::path const& target, output_options const& opt = {});

  output_file(output_file&&) noexcept;
  output_file& operator=(output_file&&) noexcept;
  output_file(output_file const&) = delete;
  output_file& operator=(output_file const&) = delete;
  ~output_file();  // abandon() unless committed

  // Appends n bytes (handles short writes and EINTR). Errors: io_error naming the target.
  status write(void const* data, std::size_t n);
  status write(std::string_view bytes) { return write(bytes.data(), bytes.size()); }
  // Writes n bytes at `offset` of the temporary file (e.g. a header patched in last).
  status write_at(std::uint64_t offset, void const* data, std::size_t n);

  // fsync, re-check the target, rename over it, fsync the folder. After success the handle is empty.
  status commit();
  // Closes and removes the temporary file; the target is untouched. Safe to call twice.
  void abandon() noexcept;

  std::filesystem::path const& target() const { return target_; }

 private:
  output_file() = default;
  std::filesystem::path target_;
  output_options opt_{};
  int dir_fd_ = -1;
  int fd_ = -1;
  std::string temp_name_;  // name inside the folder; empty while the temporary file is unnamed (O_TMPFILE)
  bool direct_ = false;    // writing straight into a FIFO or character device (stream_to_pipe)
};

// Convenience: the whole of `bytes` as the new content of `target`.
status write_file_atomically(std::filesystem::path const& target, std::string_view bytes,
                             output_options const& opt = {});

// The options of a query's result file (the CLI's -o of isochrone, matrix, access): any regular file may be
// replaced, by rename; a pipe or character device is written straight through.
inline constexpr output_options kResultOutput{.dataset_kind = 0, .anonymous_temp = true, .stream_to_pipe = true};

struct output_dir_options {
  // Whether an existing, non-empty target folder may be replaced (return an error naming what is wrong
  // with it to refuse). Unset: every non-empty folder is refused.
  std::function<status(std::filesystem::path const&)> may_replace;
  // Keep the replaced folder (commit() returns where it now is) instead of removing it.
  bool keep_old = false;
  // fsync every file and folder in the staging folder before the swap.
  bool sync = true;
};

// Checks that folder `target` may be replaced under `opt` (the check output_dir::create makes).
status check_output_dir_target(std::filesystem::path const& target, output_dir_options const& opt = {});

class output_dir {
 public:
  static result<output_dir> create(std::filesystem::path const& target, output_dir_options opt = {});

  output_dir(output_dir&&) noexcept;
  output_dir& operator=(output_dir&&) noexcept;
  output_dir(output_dir const&) = delete;
  output_dir& operator=(output_dir const&) = delete;
  ~output_dir();  // abandon() unless committed

  // The new, empty sibling folder to write into.
  std::filesystem::path const& path() const { return staging_; }
  std::filesystem::path const& target() const { return target_; }

  // Swaps the staging folder in. Returns where the previous folder now is when keep_old is set and there
  // was one (the caller removes it later), else an empty path.
  result<std::filesystem::path> commit();
  // Removes the staging folder; the target is untouched. Safe to call twice.
  void abandon() noexcept;

 private:
  output_dir() = default;
  std::filesystem::path target_;
  std::filesystem::path staging_;
  output_dir_options opt_;
  bool active_ = false;
};

}  // namespace kwartier
