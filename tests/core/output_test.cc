#include "kwartier/core/output.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kwartier/core/dataset.h"

namespace kwartier {
namespace {

namespace fs = std::filesystem;

constexpr dataset_kind kKind{fourcc("TEST"), "test v1: NUMS=u32"};
constexpr dataset_kind kOther{fourcc("OTHR"), "other v1: NUMS=u32"};

// A unique folder under TMPDIR, removed with everything in it when the test ends.
struct temp_dir {
  fs::path path;
  temp_dir() {
    auto tmpl = (fs::temp_directory_path() / "kw-output-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    path = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path operator/(char const* name) const { return path / name; }
};

std::string read_all(fs::path const& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_plain(fs::path const& p, std::string const& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

std::set<std::string> names_in(fs::path const& dir) {
  std::set<std::string> out;
  for (auto const& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

std::string dataset_image(dataset_kind const& kind, std::uint32_t n) {
  dataset_writer w{kind};
  std::vector<std::uint32_t> nums(n);
  for (std::uint32_t i = 0; i < n; ++i) nums[i] = i * 7;
  w.add(fourcc("NUMS"), nums);
  return w.to_bytes();
}

TEST(Output, WritesAndLeavesOnlyTheTarget) {
  for (bool anonymous : {true, false}) {
    temp_dir d;
    auto const st = write_file_atomically(d / "out.txt", "hello", {.anonymous_temp = anonymous});
    ASSERT_TRUE(st) << st.error().to_string();
    EXPECT_EQ(read_all(d / "out.txt"), "hello");
    EXPECT_EQ(names_in(d.path), (std::set<std::string>{"out.txt"}));
  }
}

TEST(Output, ReplacesARegularFileAndKeepsItsPermissions) {
  temp_dir d;
  write_plain(d / "out.txt", "old");
  ::chmod((d / "out.txt").c_str(), 0640);
  ASSERT_TRUE(write_file_atomically(d / "out.txt", "new"));
  EXPECT_EQ(read_all(d / "out.txt"), "new");
  struct stat st {};
  ASSERT_EQ(::stat((d / "out.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(Output, RenameKeepsOpenReadersOnTheOldFile) {
  temp_dir d;
  write_plain(d / "out.txt", "first");
  std::ifstream reader(d / "out.txt", std::ios::binary);
  ASSERT_TRUE(write_file_atomically(d / "out.txt", "second, longer"));
  std::string seen{std::istreambuf_iterator<char>(reader), std::istreambuf_iterator<char>()};
  EXPECT_EQ(seen, "first");  // the open file was replaced by rename, not rewritten in place
  EXPECT_EQ(read_all(d / "out.txt"), "second, longer");
}

TEST(Output, RefusesASymlinkAtTheTargetAndLeavesWhatItPointsToAlone) {
  temp_dir d;
  write_plain(d / "victim", "precious");
  fs::create_symlink(d / "victim", d / "out.kwt");
  auto const st = write_file_atomically(d / "out.kwt", "attack");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::invalid_argument);
  EXPECT_EQ(st.error().file, (d / "out.kwt").string());
  EXPECT_NE(st.error().message.find("symbolic link"), std::string::npos);
  EXPECT_EQ(read_all(d / "victim"), "precious");
  EXPECT_TRUE(fs::is_symlink(d / "out.kwt"));
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"victim", "out.kwt"}));
}

TEST(Output, IgnoresASymlinkPlantedAtTheOldFixedTemporaryName) {
  for (bool anonymous : {true, false}) {
    temp_dir d;
    write_plain(d / "victim", "precious");
    fs::create_symlink(d / "victim", d / "out.kwt.tmp");
    ASSERT_TRUE(write_file_atomically(d / "out.kwt", "data", {.anonymous_temp = anonymous}));
    EXPECT_EQ(read_all(d / "victim"), "precious");
    EXPECT_EQ(read_all(d / "out.kwt"), "data");
    EXPECT_TRUE(fs::is_symlink(d / "out.kwt.tmp"));
    EXPECT_EQ(names_in(d.path), (std::set<std::string>{"victim", "out.kwt", "out.kwt.tmp"}));
  }
}

TEST(Output, RefusesFoldersFifosAndDevicesWithoutBlocking) {
  temp_dir d;
  fs::create_directory(d / "folder");
  ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0600), 0);
  std::vector<fs::path> targets{d / "folder", d / "fifo"};
  // A character device like /dev/full (major 1, minor 7), made here rather than touching the real one.
  if (::geteuid() == 0 && ::mknod((d / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0)
    targets.push_back(d / "full");
  for (auto const& t : targets) {
    auto fut = std::async(std::launch::async, [&] { return write_file_atomically(t, "x"); });
    if (fut.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      int const unblock = ::open(t.c_str(), O_RDONLY | O_NONBLOCK);  // let a blocked writer finish
      ADD_FAILURE() << "writing to " << t << " blocked";
      fut.wait();
      ::close(unblock);
      continue;
    }
    auto const st = fut.get();
    ASSERT_FALSE(st) << t;
    EXPECT_EQ(st.error().code, errc::invalid_argument) << t;
    EXPECT_EQ(st.error().file, t.string());
  }
  EXPECT_TRUE(fs::is_directory(d / "folder"));
  EXPECT_TRUE(fs::is_fifo(d / "fifo"));
  if (targets.size() == 3) EXPECT_TRUE(fs::is_character_file(d / "full"));
}

TEST(Output, ResultFilesStreamIntoPipesAndDevicesButNeverWait) {
  temp_dir d;
  // A FIFO with a reader receives the bytes (the reader opens first, as `kwartier ... -o fifo & cat fifo`).
  ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0600), 0);
  int const rd = ::open((d / "fifo").c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(rd, 0);
  std::string const payload(200000, 'g');  // more than a pipe buffer: the writer blocks until it is read
  auto reader = std::async(std::launch::async, [rd] {
    ::fcntl(rd, F_SETFL, ::fcntl(rd, F_GETFL) & ~O_NONBLOCK);
    std::string got;
    char buf[4096];
    auto const give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);  // the writer failed
    while (std::chrono::steady_clock::now() < give_up) {
      auto const n = ::read(rd, buf, sizeof buf);
      if (n > 0) got.append(buf, static_cast<std::size_t>(n));
      else if (n == 0 && !got.empty()) break;  // every writer closed after writing
      else if (n < 0 && errno != EINTR && errno != EAGAIN) break;
    }
    ::close(rd);
    return got;
  });
  ASSERT_TRUE(write_file_atomically(d / "fifo", payload, kResultOutput));
  EXPECT_EQ(reader.get(), payload);
  EXPECT_TRUE(fs::is_fifo(d / "fifo"));  // written into, not replaced

  // Nobody reads: an io_error at once instead of a wait.
  auto fut = std::async(std::launch::async, [&] { return write_file_atomically(d / "fifo", "x", kResultOutput); });
  ASSERT_EQ(fut.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "writing to a FIFO blocked";
  auto const st = fut.get();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::io_error);
  EXPECT_NE(st.error().message.find("nobody reads"), std::string::npos) << st.error().message;

  // A character device through a link (/dev/stdout is one): written to. /dev/null swallows it.
  fs::create_symlink("/dev/null", d / "null");
  EXPECT_TRUE(write_file_atomically(d / "null", "x", kResultOutput));
  EXPECT_TRUE(fs::is_symlink(d / "null"));
  // A device that fails writes gives io_error naming the path.
  if (::geteuid() == 0 && ::mknod((d / "full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0) {
    auto const full = write_file_atomically(d / "full", payload, kResultOutput);
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, errc::io_error);
    EXPECT_EQ(full.error().file, (d / "full").string());
  }
  // Folders and links to regular files stay refused; a regular file is replaced by rename as for datasets.
  fs::create_directory(d / "folder");
  auto const folder = write_file_atomically(d / "folder", "x", kResultOutput);
  ASSERT_FALSE(folder);
  EXPECT_EQ(folder.error().code, errc::invalid_argument);
  { std::ofstream{d / "victim"} << "precious"; }
  fs::create_symlink(d / "victim", d / "link.csv");
  auto const link = write_file_atomically(d / "link.csv", "x", kResultOutput);
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().code, errc::invalid_argument);
  EXPECT_EQ(read_all(d / "victim"), "precious");
  ASSERT_TRUE(write_file_atomically(d / "scores.csv", "a,b\n", kResultOutput));
  EXPECT_EQ(read_all(d / "scores.csv"), "a,b\n");
}

TEST(Output, DatasetTargetMustBeEmptyOrTheSameKind) {
  temp_dir d;
  output_options const opt{.dataset_kind = kKind.id};
  write_plain(d / "notes.txt", "my notes, not a dataset");
  auto st = write_file_atomically(d / "notes.txt", dataset_image(kKind, 3), opt);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::invalid_argument);
  EXPECT_NE(st.error().message.find("not a kwartier dataset"), std::string::npos);
  EXPECT_EQ(read_all(d / "notes.txt"), "my notes, not a dataset");

  write_plain(d / "other.kwd", dataset_image(kOther, 3));
  st = write_file_atomically(d / "other.kwd", dataset_image(kKind, 3), opt);
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("'OTHR' dataset, not 'TEST'"), std::string::npos) << st.error().message;

  write_plain(d / "same.kwd", dataset_image(kKind, 3));
  EXPECT_TRUE(write_file_atomically(d / "same.kwd", dataset_image(kKind, 5), opt));
  EXPECT_EQ(read_all(d / "same.kwd"), dataset_image(kKind, 5));

  write_plain(d / "empty.kwd", "");  // e.g. made by mktemp
  EXPECT_TRUE(write_file_atomically(d / "empty.kwd", dataset_image(kKind, 1), opt));
}

TEST(Output, MissingFolderIsAnIoErrorNamingTheFolder) {
  temp_dir d;
  auto const st = write_file_atomically(d / "no/such/folder/out.kwt", "x");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::io_error);
  EXPECT_EQ(st.error().file, (d / "no/such/folder").string());
}

TEST(Output, AbandonedWriterLeavesTheTargetAndNoTemporary) {
  for (bool anonymous : {true, false}) {
    temp_dir d;
    write_plain(d / "out.kwt", "old");
    {
      auto out = output_file::create(d / "out.kwt", {.anonymous_temp = anonymous});
      ASSERT_TRUE(out);
      ASSERT_TRUE(out->write("half of a new file"));
      // leaves scope without commit(), as every error path of a build does
    }
    EXPECT_EQ(read_all(d / "out.kwt"), "old");
    EXPECT_EQ(names_in(d.path), (std::set<std::string>{"out.kwt"}));
  }
}

TEST(Output, TargetReplacedByALinkDuringTheBuildIsRefusedAtCommit) {
  temp_dir d;
  write_plain(d / "victim", "precious");
  auto out = output_file::create(d / "out.kwt");
  ASSERT_TRUE(out);
  ASSERT_TRUE(out->write("data"));
  fs::create_symlink(d / "victim", d / "out.kwt");
  auto const st = out->commit();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, errc::invalid_argument);
  EXPECT_EQ(read_all(d / "victim"), "precious");
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"victim", "out.kwt"}));
}

// Runs `f` in a child whose files may not grow past `limit` bytes; returns the child's exit status.
template <class F>
int with_file_size_limit(rlim_t limit, F&& f) {
  pid_t const pid = ::fork();
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // get EFBIG instead of being killed
    rlimit rl{limit, limit};
    ::setrlimit(RLIMIT_FSIZE, &rl);
    ::_exit(f());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST(Output, FileSizeLimitGivesIoErrorAndKeepsTheOldFile) {
  for (bool anonymous : {true, false}) {
    temp_dir d;
    auto const old = dataset_image(kKind, 10);
    write_plain(d / "out.kwd", old);
    auto const target = d / "out.kwd";
    int const rc = with_file_size_limit(4096, [&] {
      dataset_writer w{kKind};
      std::vector<std::uint32_t> nums(100000, 1);
      w.add(fourcc("NUMS"), nums);
      if (anonymous) {
        auto const st = w.write(target);
        if (st) return 1;
        if (st.error().code != errc::io_error) return 2;
        if (st.error().file != target.string()) return 3;
        if (st.error().message.find("too large") == std::string::npos) return 4;
        return 0;
      }
      auto const st = write_file_atomically(target, w.to_bytes(), {.anonymous_temp = false});
      return st ? 1 : st.error().code == errc::io_error ? 0 : 2;
    });
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(read_all(target), old);
    EXPECT_EQ(names_in(d.path), (std::set<std::string>{"out.kwd"}));
  }
}

TEST(Output, FullDiskGivesIoErrorAndKeepsTheOldFile) {
  temp_dir d;
  fs::create_directory(d / "small");
  if (::geteuid() != 0 || ::mount("tmpfs", (d / "small").c_str(), "tmpfs", 0, "size=64k") != 0)
    GTEST_SKIP() << "needs root to mount a 64 KB tmpfs (the file size limit test covers the same path)";
  struct unmount {
    fs::path p;
    ~unmount() { ::umount((p).c_str()); }
  } const guard{d / "small"};
  auto const target = d.path / "small" / "out.kwd";
  auto const old = dataset_image(kKind, 100);
  write_plain(target, old);
  for (bool anonymous : {true, false}) {
    auto const st = write_file_atomically(target, dataset_image(kKind, 100000),
                                          {.dataset_kind = kKind.id, .anonymous_temp = anonymous});
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::io_error);
    EXPECT_EQ(st.error().file, target.string());
    EXPECT_NE(st.error().message.find("No space left"), std::string::npos) << st.error().message;
    EXPECT_EQ(read_all(target), old);
    EXPECT_EQ(names_in(d.path / "small"), (std::set<std::string>{"out.kwd"}));
  }
}

TEST(Output, ConcurrentWritersToOneTargetAllSucceedAndLeaveOneWholeFile) {
  temp_dir d;
  auto const a = dataset_image(kKind, 1000), b = dataset_image(kKind, 2000);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i)
        if (!write_file_atomically(d / "out.kwd", t % 2 ? a : b, {.dataset_kind = kKind.id})) ++failures;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto const got = read_all(d / "out.kwd");
  EXPECT_TRUE(got == a || got == b);
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"out.kwd"}));
}

TEST(Output, StreamedDatasetEqualsTheInMemoryImage) {
  temp_dir d;
  dataset_writer w{kKind};
  std::vector<std::uint32_t> nums{1, 2, 3};
  std::vector<std::string> names{"a", "", "Brussel-Centraal"};
  w.add(fourcc("NUMS"), nums);
  w.add_strings(fourcc("NOFF"), fourcc("NCHR"), names);
  ASSERT_TRUE(w.write(d / "x.kwd"));
  EXPECT_EQ(read_all(d / "x.kwd"), w.to_bytes());
  EXPECT_TRUE(dataset_file::open(d / "x.kwd", kKind));
}

// ------------------------------------------------------------------------------------ dataset open

TEST(DatasetOpen, RefusesFifoFolderAndDeviceWithoutBlocking) {
  temp_dir d;
  ASSERT_EQ(::mkfifo((d / "fifo.kwn").c_str(), 0600), 0);
  fs::create_directory(d / "folder.kwn");
  for (auto const& p : {d / "fifo.kwn", d / "folder.kwn", fs::path{"/dev/null"}}) {
    auto fut = std::async(std::launch::async, [&] { return dataset_file::open(p, kKind); });
    if (fut.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      int const unblock = ::open(p.c_str(), O_WRONLY | O_NONBLOCK);  // let the blocked open return
      ADD_FAILURE() << "opening " << p << " blocked";
      fut.wait();
      ::close(unblock);
      continue;
    }
    auto const f = fut.get();
    ASSERT_FALSE(f) << p;
    EXPECT_EQ(f.error().code, errc::io_error) << p;
    EXPECT_EQ(f.error().file, p.string());
    EXPECT_NE(f.error().message.find("not a regular file"), std::string::npos) << f.error().message;
  }
}

TEST(DatasetOpen, FollowsASymlinkToARegularDataset) {
  temp_dir d;
  write_plain(d / "city-2026.kwd", dataset_image(kKind, 4));
  fs::create_symlink("city-2026.kwd", d / "city.kwd");
  EXPECT_TRUE(dataset_file::open(d / "city.kwd", kKind));
}

// ------------------------------------------------------------------------------------ output_dir

void fill(fs::path const& dir, std::string const& content) {
  fs::create_directories(dir / "sub");
  write_plain(dir / "a.txt", content);
  write_plain(dir / "sub" / "b.txt", content + "!");
}

TEST(OutputDir, CreatesANewFolder) {
  temp_dir d;
  auto out = output_dir::create(d / "index");
  ASSERT_TRUE(out) << out.error().to_string();
  EXPECT_EQ(out->path().parent_path(), d.path);
  EXPECT_FALSE(fs::exists(d / "index"));
  fill(out->path(), "v1");
  auto const old = out->commit();
  ASSERT_TRUE(old) << old.error().to_string();
  EXPECT_TRUE(old->empty());
  EXPECT_EQ(read_all(d / "index/sub/b.txt"), "v1!");
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"index"}));
}

TEST(OutputDir, ReplacesOnlyWhatMayReplaceAccepts) {
  temp_dir d;
  fill(d / "index", "v1");
  write_plain(d / "index" / "my-thesis.tex", "years of work");
  // Default: a non-empty folder is never replaced.
  auto refused = output_dir::create(d / "index");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, errc::invalid_argument);
  EXPECT_EQ(read_all(d / "index" / "my-thesis.tex"), "years of work");
  // A predicate that looks at what is there.
  output_dir_options opt;
  opt.may_replace = [](fs::path const& p) -> status {
    if (fs::exists(p / "my-thesis.tex")) return make_error(errc::invalid_argument, "holds other files", p.string());
    return {};
  };
  refused = output_dir::create(d / "index", opt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "holds other files");
  fs::remove(d / "index" / "my-thesis.tex");
  auto out = output_dir::create(d / "index", opt);
  ASSERT_TRUE(out);
  fill(out->path(), "v2");
  EXPECT_EQ(read_all(d / "index/a.txt"), "v1");  // still the old one while the new one is built
  auto const old = out->commit();
  ASSERT_TRUE(old);
  EXPECT_TRUE(old->empty());
  EXPECT_EQ(read_all(d / "index/a.txt"), "v2");
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"index"}));
}

TEST(OutputDir, KeepOldReturnsThePreviousGeneration) {
  temp_dir d;
  fill(d / "index", "v1");
  output_dir_options opt;
  opt.may_replace = [](fs::path const&) -> status { return {}; };
  opt.keep_old = true;
  auto out = output_dir::create(d / "index", opt);
  ASSERT_TRUE(out);
  fill(out->path(), "v2");
  auto const old = out->commit();
  ASSERT_TRUE(old);
  ASSERT_FALSE(old->empty());
  EXPECT_EQ(old->parent_path(), d.path);
  EXPECT_EQ(read_all(*old / "a.txt"), "v1");
  EXPECT_EQ(read_all(d / "index/a.txt"), "v2");
}

TEST(OutputDir, AbandonedBuildLeavesTheOldFolderServing) {
  temp_dir d;
  fill(d / "index", "v1");
  output_dir_options opt;
  opt.may_replace = [](fs::path const&) -> status { return {}; };
  {
    auto out = output_dir::create(d / "index", opt);
    ASSERT_TRUE(out);
    fill(out->path(), "half");
  }
  EXPECT_EQ(read_all(d / "index/a.txt"), "v1");
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"index"}));
}

TEST(OutputDir, RefusesAFileASymlinkAndAMissingParent) {
  temp_dir d;
  write_plain(d / "file", "x");
  fs::create_directory(d / "real");
  fs::create_directory_symlink(d / "real", d / "link");
  for (auto const& t : {d / "file", d / "link"}) {
    auto const r = output_dir::create(t);
    ASSERT_FALSE(r) << t;
    EXPECT_EQ(r.error().code, errc::invalid_argument);
    EXPECT_EQ(r.error().file, t.string());
  }
  auto const missing = output_dir::create(d / "no/such/index");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::io_error);
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"file", "real", "link"}));
}

TEST(OutputDir, EmptyFolderAndTrailingSlashAreAccepted) {
  temp_dir d;
  fs::create_directory(d / "index");
  auto out = output_dir::create(d.path / "index/");
  ASSERT_TRUE(out) << out.error().to_string();
  fill(out->path(), "v1");
  ASSERT_TRUE(out->commit());
  EXPECT_EQ(read_all(d / "index/a.txt"), "v1");
  EXPECT_EQ(names_in(d.path), (std::set<std::string>{"index"}));
}

}  // namespace
}  // namespace kwartier
