#include "kwartier/io/feed_source.h"

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <cstdio>
#include <map>
#include <optional>
#include <system_error>

namespace kwartier::io {
namespace {

bool ignored_entry(std::string_view name) {
  if (name.empty() || name.back() == '/') return true;  // directory
  if (name.starts_with("__MACOSX") || name.find("/__MACOSX") != std::string_view::npos) return true;
  auto const slash = name.rfind('/');
  auto const base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  return base.starts_with("._") || base == ".DS_Store";
}

struct zip_closer {
  void operator()(zip_t* z) const { zip_discard(z); }
};

}  // namespace

struct feed_source::impl {
  std::string name;
  enum class kind { folder, zip, memory } k = kind::memory;
  std::filesystem::path dir;
  std::string zip_bytes;  // in-memory zip (kept alive for libzip)
  std::unique_ptr<zip_t, zip_closer> zip;
  std::map<std::string, std::uint64_t, std::less<>> zip_index;   // base name -> entry index
  std::map<std::string, std::string, std::less<>> memory;
  std::vector<std::string> files;
  zip_limits limits;
  std::uint64_t inflated_total = 0;  // bytes inflated from every entry so far
  std::optional<error> exceeded;     // the first zip_limits violation
};

feed_source::feed_source(std::unique_ptr<impl> p) : impl_{std::move(p)} {}
feed_source::feed_source(feed_source&&) noexcept = default;
feed_source& feed_source::operator=(feed_source&&) noexcept = default;
feed_source::~feed_source() = default;

namespace {

status index_zip(feed_source::impl& m) {
  auto const n = zip_get_num_entries(m.zip.get(), 0);
  if (n < 0) return make_error(errc::invalid_format, "cannot list zip entries", m.name);
  // Entries at the top level win; otherwise the feed may sit in exactly one sub-folder.
  std::map<std::string, std::map<std::string, std::uint64_t>> by_dir;
  for (zip_int64_t i = 0; i < n; ++i) {
    char const* nm = zip_get_name(m.zip.get(), static_cast<zip_uint64_t>(i), 0);
    if (nm == nullptr) continue;
    std::string_view const name{nm};
    if (ignored_entry(name)) continue;
    auto const slash = name.rfind('/');
    std::string dir = slash == std::string_view::npos ? std::string{} : std::string{name.substr(0, slash)};
    std::string base{slash == std::string_view::npos ? name : name.substr(slash + 1)};
    by_dir[dir].emplace(std::move(base), static_cast<std::uint64_t>(i));
  }
  auto has_txt = [](auto const& files) {
    return std::any_of(files.begin(), files.end(), [](auto const& f) { return f.first.ends_with(".txt"); });
  };
  std::map<std::string, std::uint64_t> const* chosen = nullptr;
  if (auto it = by_dir.find(""); it != by_dir.end() && has_txt(it->second)) {
    chosen = &it->second;
  } else {
    for (auto const& [dir, files] : by_dir)
      if (has_txt(files)) {
        if (chosen != nullptr) {
          chosen = nullptr;  // several folders with tables: ambiguous, use none (missing files are reported)
          break;
        }
        chosen = &files;
      }
  }
  if (chosen != nullptr)
    for (auto const& [base, idx] : *chosen) {
      m.zip_index.emplace(base, idx);
      m.files.push_back(base);
    }
  return {};
}

result<std::unique_ptr<feed_source::impl>> open_zip_source(std::unique_ptr<feed_source::impl> m, zip_source_t* src) {
  zip_error_t err;
  zip_error_init(&err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (z == nullptr) {
    zip_source_free(src);
    int const code = zip_error_code_zip(&err);
    std::string msg = code == ZIP_ER_NOZIP ? "not a zip archive"
                                           : std::string("cannot open zip archive: ") + zip_error_strerror(&err);
    zip_error_fini(&err);
    return make_error(code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS ? errc::invalid_format : errc::io_error, msg,
                      m->name);
  }
  zip_error_fini(&err);
  m->zip.reset(z);
  m->k = feed_source::impl::kind::zip;
  KW_TRY_VOID(index_zip(*m));
  return m;
}

}  // namespace

result<feed_source> feed_source::open(std::filesystem::path const& path, zip_limits const& limits) {
  auto m = std::make_unique<impl>();
  m->limits = limits;
  m->name = path.filename().string();
  if (m->name.empty()) m->name = path.parent_path().filename().string();
  std::error_code ec;
  auto const st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) return make_error(errc::not_found, "no such file or folder", path.string());
  if (std::filesystem::is_directory(st)) {
    m->k = impl::kind::folder;
    m->dir = path;
    auto const list = [&](std::filesystem::path const& dir) {
      m->files.clear();
      bool any_txt = false;
      std::vector<std::filesystem::path> subdirs;
      for (auto const& e : std::filesystem::directory_iterator(dir, ec)) {
        auto const name = e.path().filename().string();
        if (ignored_entry(name)) continue;
        if (e.is_regular_file()) {
          m->files.push_back(name);
          any_txt = any_txt || name.ends_with(".txt");
        } else if (e.is_directory()) {
          subdirs.push_back(e.path());
        }
      }
      return std::pair{any_txt, subdirs};
    };
    auto [any_txt, subdirs] = list(path);
    if (ec) return make_error(errc::io_error, "cannot list folder: " + ec.message(), path.string());
    if (!any_txt && subdirs.size() == 1) {  // the feed sits in one sub-folder
      m->dir = subdirs.front();
      list(m->dir);
      if (ec) return make_error(errc::io_error, "cannot list folder: " + ec.message(), m->dir.string());
    }
    std::sort(m->files.begin(), m->files.end());
    return feed_source{std::move(m)};
  }
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_file_create(path.c_str(), 0, -1, &err);
  if (src == nullptr) {
    std::string msg = std::string("cannot read: ") + zip_error_strerror(&err);
    zip_error_fini(&err);
    return make_error(errc::io_error, msg, path.string());
  }
  zip_error_fini(&err);
  KW_TRY(auto r, open_zip_source(std::move(m), src));
  return feed_source{std::move(r)};
}

result<feed_source> feed_source::from_zip_bytes(std::string bytes, std::string name, zip_limits const& limits) {
  auto m = std::make_unique<impl>();
  m->limits = limits;
  m->name = std::move(name);
  m->zip_bytes = std::move(bytes);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(m->zip_bytes.data(), m->zip_bytes.size(), 0, &err);
  zip_error_fini(&err);
  if (src == nullptr) return make_error(errc::internal, "cannot create zip source", m->name);
  KW_TRY(auto r, open_zip_source(std::move(m), src));
  return feed_source{std::move(r)};
}

feed_source feed_source::from_files(std::vector<std::pair<std::string, std::string>> files, std::string name) {
  auto m = std::make_unique<impl>();
  m->name = std::move(name);
  for (auto& [n, c] : files) {
    m->files.push_back(n);
    m->memory[n] = std::move(c);
  }
  std::sort(m->files.begin(), m->files.end());
  m->files.erase(std::unique(m->files.begin(), m->files.end()), m->files.end());
  return feed_source{std::move(m)};
}

std::vector<std::string> const& feed_source::files() const { return impl_->files; }

bool feed_source::has(std::string_view file) const {
  return std::binary_search(impl_->files.begin(), impl_->files.end(), file);
}

std::string const& feed_source::name() const { return impl_->name; }

std::string feed_source::display_name(std::string_view file) const { return impl_->name + "/" + std::string{file}; }

namespace {

class file_stream final : public byte_stream {
 public:
  file_stream(std::FILE* f, std::string name, std::uint64_t size) : f_{f}, name_{std::move(name)}, size_{size} {}
  ~file_stream() override { std::fclose(f_); }
  result<std::size_t> read(char* out, std::size_t n) override {
    auto const got = std::fread(out, 1, n, f_);
    if (got < n && std::ferror(f_) != 0) return make_error(errc::io_error, "read failed", name_);
    return got;
  }
  std::uint64_t size_hint() const override { return size_; }

 private:
  std::FILE* f_;
  std::string name_;
  std::uint64_t size_;
};

std::string with_commas(std::uint64_t v) {
  auto s = std::to_string(v);
  for (auto i = static_cast<std::ptrdiff_t>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// One zip entry, inflated as it is read, under the archive's zip_limits.
class zip_entry_stream final : public byte_stream {
 public:
  zip_entry_stream(feed_source::impl& m, zip_file_t* zf, std::string name, std::uint64_t size, std::uint64_t comp)
      : m_{m}, zf_{zf}, name_{std::move(name)}, size_{size}, comp_{comp} {}
  ~zip_entry_stream() override { zip_fclose(zf_); }

  result<std::size_t> read(char* out, std::size_t n) override {
    if (done_) return std::size_t{0};
    // Never ask for more than the header promises plus one byte (which detects an entry that inflates
    // beyond it).
    auto const want = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - std::min(got_, size_) + 1));
    auto const r = zip_fread(zf_, out, want);
    if (r < 0)
      return make_error(errc::invalid_format, std::string("corrupt zip entry: ") + zip_error_strerror(zip_file_get_error(zf_)), name_);
    got_ += static_cast<std::uint64_t>(r);
    m_.inflated_total += static_cast<std::uint64_t>(r);
    if (got_ > size_) return fail(false, "zip entry inflates to more than the " + with_commas(size_) + " bytes its header declares");
    auto const& lim = m_.limits;
    if (got_ >= lim.ratio_exempt_bytes && got_ > std::uint64_t{lim.max_ratio} * std::max<std::uint64_t>(comp_, 1))
      return fail(true, "zip entry inflates to more than " + std::to_string(lim.max_ratio) + " times its compressed size (" +
                            with_commas(got_) + " bytes from " + with_commas(comp_) +
                            "): refused as a zip bomb (zip_limits::max_ratio)");
    if (m_.inflated_total > lim.max_inflated_bytes)
      return fail(true, "the archive inflates to more than " + with_commas(lim.max_inflated_bytes) +
                            " bytes in total: refused as a zip bomb (zip_limits::max_inflated_bytes)");
    if (r == 0) {
      done_ = true;
      if (got_ != size_) return make_error(errc::invalid_format, "zip entry size differs from its header", name_);
    }
    return static_cast<std::size_t>(r);
  }
  std::uint64_t size_hint() const override { return size_; }

 private:
  tl::unexpected<error> fail(bool limit, std::string msg) {
    done_ = true;
    error e{errc::invalid_format, std::move(msg), name_, 0, {}};
    if (limit && !m_.exceeded) m_.exceeded = e;
    return tl::unexpected<error>(std::move(e));
  }

  feed_source::impl& m_;
  zip_file_t* zf_;
  std::string name_;
  std::uint64_t size_, comp_, got_ = 0;
  bool done_ = false;
};

}  // namespace

error const* feed_source::exceeded() const { return impl_->exceeded ? &*impl_->exceeded : nullptr; }

result<std::unique_ptr<byte_stream>> feed_source::stream(std::string_view file) const {
  auto& m = *impl_;
  switch (m.k) {
    case impl::kind::memory: {
      auto it = m.memory.find(file);
      if (it == m.memory.end()) return make_error(errc::not_found, "no such file in feed", display_name(file));
      return memory_stream(it->second);
    }
    case impl::kind::folder: {
      auto const p = m.dir / std::string{file};
      std::error_code ec;
      auto const size = std::filesystem::file_size(p, ec);
      std::FILE* f = std::fopen(p.c_str(), "rb");
      if (f == nullptr) return make_error(errc::not_found, std::string("cannot open: ") + std::strerror(errno), p.string());
      return std::unique_ptr<byte_stream>{std::make_unique<file_stream>(f, p.string(), ec ? 0 : size)};
    }
    case impl::kind::zip: {
      auto it = m.zip_index.find(file);
      if (it == m.zip_index.end()) return make_error(errc::not_found, "no such file in archive", display_name(file));
      auto const name = display_name(file);
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(m.zip.get(), it->second, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0)
        return make_error(errc::invalid_format, "cannot stat zip entry", name);
      std::uint64_t const comp = (st.valid & ZIP_STAT_COMP_SIZE) != 0 ? st.comp_size : st.size;
      // The header's claims are checked before inflating anything.
      auto const refuse = [&](std::string msg) {
        error e{errc::invalid_format, std::move(msg), name, 0, {}};
        if (!m.exceeded) m.exceeded = e;
        return tl::unexpected<error>(std::move(e));
      };
      if (st.size >= m.limits.ratio_exempt_bytes && st.size > std::uint64_t{m.limits.max_ratio} * std::max<std::uint64_t>(comp, 1))
        return refuse("zip entry declares " + with_commas(st.size) + " bytes from " + with_commas(comp) +
                      " compressed, more than " + std::to_string(m.limits.max_ratio) +
                      " times: refused as a zip bomb (zip_limits::max_ratio)");
      if (st.size > m.limits.max_inflated_bytes - std::min(m.inflated_total, m.limits.max_inflated_bytes))
        return refuse("zip entry declares " + with_commas(st.size) + " bytes, over what is left of the archive's " +
                      with_commas(m.limits.max_inflated_bytes) + " byte cap: refused as a zip bomb (zip_limits::max_inflated_bytes)");
      zip_file_t* zf = zip_fopen_index(m.zip.get(), it->second, 0);
      if (zf == nullptr)
        return make_error(errc::invalid_format,
                          std::string("cannot open zip entry: ") + zip_error_strerror(zip_get_error(m.zip.get())), name);
      return std::unique_ptr<byte_stream>{std::make_unique<zip_entry_stream>(m, zf, name, st.size, comp)};
    }
  }
  return make_error(errc::internal, "unknown feed source kind", m.name);
}

result<std::string> feed_source::read(std::string_view file) const {
  KW_TRY(auto in, stream(file));
  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(in->size_hint(), std::uint64_t{64} << 20)));
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  for (;;) {
    auto const have = out.size();
    out.resize(have + kChunk);
    auto r = in->read(out.data() + have, kChunk);
    if (!r) return make_error(std::move(r).error());
    out.resize(have + *r);
    if (*r == 0) break;
  }
  return out;
}

}  // namespace kwartier::io
