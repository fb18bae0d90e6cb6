// GBFS 2.3 / 3.0 reader (simdjson DOM). See kwartier/bikeshare/gbfs.h for what is an error and what is a
// reported problem.
#include "kwartier/bikeshare/gbfs.h"

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>
#include <unordered_map>

namespace kwartier::bikeshare {

namespace {

namespace dom = simdjson::dom;

std::string path_of(std::string_view array, std::size_t i, std::string_view field) {
  std::string p = "data.";
  p += array;
  p += '[';
  p += std::to_string(i);
  p += ']';
  if (!field.empty()) {
    p += '.';
    p += field;
  }
  return p;
}

// The fields of one array row, with problems reported against (file, data.<array>[i].<field>).
class row_reader {
 public:
  row_reader(dom::object o, std::string const& file, std::string_view array, std::size_t i, validation_report& rep)
      : o_{o}, file_{file}, array_{array}, i_{i}, rep_{rep} {}

  bool ok() const { return ok_; }
  void bad(std::string_view field, std::string code, std::string message) {
    rep_.add(severity::error, std::move(code), file_, 0, path_of(array_, i_, field), std::move(message));
    ok_ = false;
  }
  bool has(char const* key) {
    auto v = o_[key];
    return v.error() == simdjson::SUCCESS && !v.is_null();
  }
  // An identifier: a string (numbers are accepted and written in decimal: some 2.x feeds use them).
  std::optional<std::string> id(char const* key) {
    auto v = o_[key];
    if (v.error() != simdjson::SUCCESS || v.is_null()) return missing(key);
    std::string_view s;
    if (!v.get(s)) {
      if (s.empty()) return wrong(key, "must not be empty");
      return std::string(s);
    }
    std::int64_t n = 0;
    if (!v.get(n)) return std::to_string(n);
    return wrong(key, "must be a string");
  }
  std::optional<double> number(char const* key, bool required) {
    auto v = o_[key];
    if (v.error() != simdjson::SUCCESS || v.is_null()) return required ? missing_num(key) : std::nullopt;
    double d = 0;
    if (v.get(d) || !std::isfinite(d)) {
      bad(key, "wrong_type", "must be a number");
      return std::nullopt;
    }
    return d;
  }
  // A non-negative integer count; -1 when absent and not required.
  std::optional<std::int32_t> count(char const* key, bool required) {
    auto v = o_[key];
    if (v.error() != simdjson::SUCCESS || v.is_null()) {
      if (required) {
        bad(key, "missing_field", "required field is missing");
        return std::nullopt;
      }
      return -1;
    }
    std::int64_t n = 0;
    double d = 0;
    if (v.get(n)) {
      // 1.0 written as a float is still a count; 1.5 is not.
      if (v.get(d) || d != std::floor(d) || std::abs(d) > 2e9) {
        bad(key, "wrong_type", "must be a whole number");
        return std::nullopt;
      }
      n = static_cast<std::int64_t>(d);
    }
    if (n < 0) {
      bad(key, "negative_value", "must be >= 0 (got " + std::to_string(n) + ")");
      return std::nullopt;
    }
    if (n > 1000000) {
      bad(key, "out_of_range", "implausibly large (" + std::to_string(n) + ")");
      return std::nullopt;
    }
    return static_cast<std::int32_t>(n);
  }
  // A boolean (true / false; 0 / 1 as some 2.x feeds write them).
  std::optional<bool> boolean(char const* key, bool required, bool fallback) {
    auto v = o_[key];
    if (v.error() != simdjson::SUCCESS || v.is_null()) {
      if (required) {
        bad(key, "missing_field", "required field is missing");
        return std::nullopt;
      }
      return fallback;
    }
    bool b = false;
    if (!v.get(b)) return b;
    std::int64_t n = 0;
    if (!v.get(n) && (n == 0 || n == 1)) return n == 1;
    bad(key, "wrong_type", "must be true or false");
    return std::nullopt;
  }
  dom::object obj() const { return o_; }

 private:
  std::optional<std::string> missing(char const* key) {
    bad(key, "missing_field", "required field is missing");
    return std::nullopt;
  }
  std::optional<double> missing_num(char const* key) {
    bad(key, "missing_field", "required field is missing");
    return std::nullopt;
  }
  std::optional<std::string> wrong(char const* key, char const* what) {
    bad(key, "wrong_type", what);
    return std::nullopt;
  }
  dom::object o_;
  std::string const& file_;
  std::string_view array_;
  std::size_t i_;
  validation_report& rep_;
  bool ok_ = true;
};

// 3.0 localized strings: [{"text": ..., "language": ...}]; the one in `lang`, else the first.
std::optional<std::string> localized(dom::element v, std::string_view lang) {
  dom::array a;
  if (v.get(a)) return std::nullopt;
  std::optional<std::string> first;
  for (auto e : a) {
    dom::object o;
    if (e.get(o)) return std::nullopt;
    std::string_view text, language;
    if (o["text"].get(text)) return std::nullopt;
    if (o["language"].get(language)) language = {};
    if (!first) first = std::string(text);
    if (!lang.empty() && language == lang) return std::string(text);
  }
  return first;
}

struct parsed_file {
  gbfs_file const* f = nullptr;
  std::string source;
};

class reader {
 public:
  reader(feed& out, parse_options const& o) : out_{out}, opt_{o} {}

  // Parses `f` and checks its version; on success `data` is the file's data object.
  status open(gbfs_file const& f, std::string const& source, dom::object& data) {
    if (f.content.size() > opt_.max_file_bytes)
      return make_error(errc::limit_exceeded,
                        "file of " + std::to_string(f.content.size()) + " bytes is larger than the cap of " +
                            std::to_string(opt_.max_file_bytes),
                        source);
    dom::element root;
    if (auto err = parser_.parse(f.content.data(), f.content.size()).get(root))
      return make_error(errc::invalid_format, std::string("not JSON: ") + simdjson::error_message(err), source);
    dom::object o;
    if (root.get(o)) return make_error(errc::invalid_format, "the file must hold a JSON object", source);
    std::string_view ver;
    auto v = o["version"];
    if (v.error() != simdjson::SUCCESS)
      return make_error(errc::invalid_format, "required field is missing (GBFS 2.3 and 3.0 name it in every file)",
                        source, 0, "version");
    if (v.get(ver)) return make_error(errc::invalid_format, "must be a string such as \"3.0\"", source, 0, "version");
    gbfs_version gv{};
    if (ver == "2.3")
      gv = gbfs_version::v2_3;
    else if (ver == "3.0")
      gv = gbfs_version::v3_0;
    else
      return make_error(errc::unsupported, "GBFS version '" + std::string(ver) + "' is not supported (2.3 or 3.0)",
                        source, 0, "version");
    if (!version_) {
      version_ = gv;
      version_source_ = source;
    } else if (*version_ != gv) {
      return make_error(errc::invalid_format,
                        "version " + std::string(gbfs_version_name(gv)) + " differs from version " +
                            std::string(gbfs_version_name(*version_)) + " of " + version_source_,
                        source, 0, "version");
    }
    if (o["data"].get(data)) return make_error(errc::invalid_format, "required object is missing", source, 0, "data");
    out_.version = gv;
    out_.files.push_back(source);
    return {};
  }

  // gbfs.json: the names of the feeds it lists (2.3: data.<lang>.feeds, 3.0: data.feeds).
  result<std::vector<std::pair<std::string, std::string>>> discovery(gbfs_file const& f, std::string const& src) {
    dom::object data;
    KW_TRY_VOID(open(f, src, data));
    dom::array feeds;
    if (*version_ == gbfs_version::v3_0) {
      if (data["feeds"].get(feeds))
        return make_error(errc::invalid_format, "required array is missing", src, 0, "data.feeds");
    } else {
      // 2.3: one entry per language; the first one lists the feeds.
      bool found = false;
      for (auto [lang, v] : data) {
        dom::object lo;
        if (!v.get(lo) && !lo["feeds"].get(feeds)) {
          found = true;
          break;
        }
        (void)lang;
      }
      if (!found) return make_error(errc::invalid_format, "no language with a feeds array", src, 0, "data.<language>.feeds");
    }
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = 0;
    for (auto e : feeds) {
      dom::object o;
      std::string_view name, url;
      if (e.get(o) || o["name"].get(name))
        return make_error(errc::invalid_format, "a feed needs a name", src, 0, "data.feeds[" + std::to_string(i) + "].name");
      if (o["url"].get(url))
        return make_error(errc::invalid_format, "a feed needs a url", src, 0, "data.feeds[" + std::to_string(i) + "].url");
      out.emplace_back(std::string(name), std::string(url));
      ++i;
    }
    return out;
  }

  status system_information(gbfs_file const& f, std::string const& src) {
    dom::object data;
    KW_TRY_VOID(open(f, src, data));
    auto str = [&](char const* key, std::string& dst, bool required) -> status {
      std::string_view s;
      auto v = data[key];
      if (v.error() != simdjson::SUCCESS || v.is_null()) {
        if (required) return make_error(errc::invalid_format, "required field is missing", src, 0, std::string("data.") + key);
        return {};
      }
      if (v.get(s)) return make_error(errc::invalid_format, "must be a string", src, 0, std::string("data.") + key);
      dst.assign(s);
      return {};
    };
    KW_TRY_VOID(str("system_id", out_.system_id, true));
    KW_TRY_VOID(str("timezone", out_.timezone, true));
    if (out_.version == gbfs_version::v3_0) {
      dom::array langs;
      if (data["languages"].get(langs))
        return make_error(errc::invalid_format, "required array is missing", src, 0, "data.languages");
      for (auto l : langs) {
        std::string_view s;
        if (!l.get(s)) {
          out_.language.assign(s);
          break;
        }
      }
      auto nv = data["name"];
      auto n = nv.error() == simdjson::SUCCESS ? localized(nv.value_unsafe(), out_.language) : std::nullopt;
      if (!n)
        return make_error(errc::invalid_format, "required localized string array ([{\"text\", \"language\"}]) is missing",
                          src, 0, "data.name");
      out_.name = *n;
    } else {
      KW_TRY_VOID(str("language", out_.language, true));
      KW_TRY_VOID(str("name", out_.name, true));
    }
    return {};
  }

  status station_information(gbfs_file const& f, std::string const& src) {
    dom::object data;
    KW_TRY_VOID(open(f, src, data));
    dom::array rows;
    if (data["stations"].get(rows))
      return make_error(errc::invalid_format, "required array is missing", src, 0, "data.stations");
    std::size_t i = 0;
    for (auto e : rows) {
      auto const idx = i++;
      dom::object o;
      if (e.get(o)) {
        out_.report.add(severity::error, "wrong_type", src, 0, path_of("stations", idx, ""), "a station must be an object");
        continue;
      }
      row_reader r{o, src, "stations", idx, out_.report};
      station s;
      auto id = r.id("station_id");
      if (out_.version == gbfs_version::v3_0) {
        auto v = o["name"];
        auto n = v.error() == simdjson::SUCCESS ? localized(v.value_unsafe(), out_.language) : std::nullopt;
        if (!n)
          r.bad("name", v.error() == simdjson::SUCCESS ? "wrong_type" : "missing_field",
                "required localized string array ([{\"text\", \"language\"}])");
        else
          s.name = *n;
      } else {
        std::string_view n;
        auto v = o["name"];
        if (v.error() != simdjson::SUCCESS)
          r.bad("name", "missing_field", "required field is missing");
        else if (v.get(n))
          r.bad("name", "wrong_type", "must be a string");
        else
          s.name.assign(n);
      }
      auto lat = r.number("lat", true);
      auto lon = r.number("lon", true);
      auto cap = r.count("capacity", false);
      auto virt = r.boolean("is_virtual_station", false, false);
      if (!r.ok()) continue;
      s.id = *id;
      s.pos = {*lat, *lon};
      if (!geo::valid(s.pos)) {
        r.bad("lat", "out_of_range", "coordinates (" + std::to_string(*lat) + ", " + std::to_string(*lon) +
                                         ") are out of range");
        continue;
      }
      s.capacity = *cap;
      s.is_virtual = *virt;
      if (!index_.emplace(s.id, out_.stations.size()).second) {
        r.bad("station_id", "duplicate_id", "station '" + s.id + "' is listed twice (the first one is kept)");
        continue;
      }
      out_.stations.push_back(std::move(s));
    }
    return {};
  }

  status station_status(gbfs_file const& f, std::string const& src) {
    dom::object data;
    KW_TRY_VOID(open(f, src, data));
    dom::array rows;
    if (data["stations"].get(rows))
      return make_error(errc::invalid_format, "required array is missing", src, 0, "data.stations");
    bool const v3 = out_.version == gbfs_version::v3_0;
    std::vector<bool> seen(out_.stations.size(), false);
    std::size_t i = 0;
    for (auto e : rows) {
      auto const idx = i++;
      ++out_.status_rows;
      dom::object o;
      if (e.get(o)) {
        out_.report.add(severity::error, "wrong_type", src, 0, path_of("stations", idx, ""), "a station must be an object");
        continue;
      }
      row_reader r{o, src, "stations", idx, out_.report};
      auto id = r.id("station_id");
      if (!r.ok()) continue;
      auto it = index_.find(*id);
      if (it == index_.end()) {
        r.bad("station_id", "unknown_station", "station '" + *id + "' is not in station_information");
        continue;
      }
      auto& s = out_.stations[it->second];
      if (seen[it->second]) {
        r.bad("station_id", "duplicate_id", "a second status for station '" + *id + "' (the first one is kept)");
        continue;
      }
      seen[it->second] = true;
      auto bikes = r.count(v3 ? "num_vehicles_available" : "num_bikes_available", true);
      // Docks: required except at stations with unlimited docking (virtual stations).
      auto docks = r.count("num_docks_available", !s.is_virtual);
      auto inst = r.boolean("is_installed", true, false);
      auto rent = r.boolean("is_renting", true, false);
      auto ret = r.boolean("is_returning", true, false);
      if (!r.ok()) continue;
      if (s.capacity >= 0 && *docks >= 0 && std::int64_t{*bikes} + *docks > s.capacity)
        out_.report.add(severity::warning, "over_capacity", src, 0, path_of("stations", idx, "num_docks_available"),
                        "bikes + free docks (" + std::to_string(*bikes + *docks) + ") exceed the station's capacity (" +
                            std::to_string(s.capacity) + ")");
      s.has_status = true;
      s.bikes_available = *bikes;
      s.docks_available = *docks;
      s.is_installed = *inst;
      s.is_renting = *rent;
      s.is_returning = *ret;
    }
    return {};
  }

  status vehicles(gbfs_file const& f, std::string const& src) {
    dom::object data;
    KW_TRY_VOID(open(f, src, data));
    bool const v3 = out_.version == gbfs_version::v3_0;
    char const* const array = v3 ? "vehicles" : "bikes";
    dom::array rows;
    if (data[array].get(rows))
      return make_error(errc::invalid_format, "required array is missing", src, 0, std::string("data.") + array);
    std::size_t i = 0;
    for (auto e : rows) {
      auto const idx = i++;
      dom::object o;
      if (e.get(o)) {
        out_.report.add(severity::error, "wrong_type", src, 0, path_of(array, idx, ""), "a vehicle must be an object");
        continue;
      }
      row_reader r{o, src, array, idx, out_.report};
      auto id = r.id(v3 ? "vehicle_id" : "bike_id");
      auto reserved = r.boolean("is_reserved", true, false);
      auto disabled = r.boolean("is_disabled", true, false);
      if (!r.ok()) continue;
      if (r.has("station_id")) {  // docked: counted in station_status
        ++out_.docked_vehicles;
        continue;
      }
      auto lat = r.number("lat", true);
      auto lon = r.number("lon", true);
      if (!r.ok()) continue;
      vehicle v{*id, {*lat, *lon}, *reserved, *disabled};
      if (!geo::valid(v.pos)) {
        r.bad("lat", "out_of_range", "coordinates are out of range");
        continue;
      }
      out_.vehicles.push_back(std::move(v));
    }
    return {};
  }

  std::optional<gbfs_version> version() const { return version_; }

 private:
  feed& out_;
  parse_options const& opt_;
  dom::parser parser_;
  std::optional<gbfs_version> version_;
  std::string version_source_;
  std::unordered_map<std::string, std::size_t> index_;
};

std::string source_of(gbfs_file const& f) { return f.source.empty() ? f.name + ".json" : f.source; }

}  // namespace

std::string_view gbfs_version_name(gbfs_version v) { return v == gbfs_version::v3_0 ? "3.0" : "2.3"; }

result<feed> parse_gbfs(std::span<gbfs_file const> files, parse_options const& o) {
  feed out;
  reader rd{out, o};
  auto find = [&](std::string_view name) -> gbfs_file const* {
    for (auto const& f : files)
      if (f.name == name) return &f;
    return nullptr;
  };
  if (auto const* g = find("gbfs")) {
    KW_TRY(auto const listed, rd.discovery(*g, source_of(*g)));
    for (auto const& f : files) {
      if (f.name == "gbfs") continue;
      bool const in = std::any_of(listed.begin(), listed.end(), [&](auto const& p) { return p.first == f.name; });
      if (!in)
        out.report.add(severity::warning, "unlisted_file", source_of(f), 0, "",
                       "file is not listed in " + source_of(*g) + " (read anyway)");
    }
    for (auto const& [name, url] : listed)
      if (!find(name) && (name == "system_information" || name == "station_information" || name == "station_status" ||
                          name == "vehicle_status" || name == "free_bike_status"))
        return make_error(errc::not_found, "feed '" + name + "' is listed (" + url + ") but its file is missing",
                          source_of(*g), 0, "data.feeds");
  }
  auto const* sys = find("system_information");
  if (!sys) return make_error(errc::not_found, "required file system_information.json is missing", "system_information.json");
  KW_TRY_VOID(rd.system_information(*sys, source_of(*sys)));
  auto const* info = find("station_information");
  auto const* stat = find("station_status");
  if ((info == nullptr) != (stat == nullptr)) {
    auto const* missing = info ? "station_status" : "station_information";
    return make_error(errc::not_found,
                      std::string("stations need both station_information and station_status: ") + missing +
                          ".json is missing",
                      std::string(missing) + ".json");
  }
  if (info) {
    KW_TRY_VOID(rd.station_information(*info, source_of(*info)));
    KW_TRY_VOID(rd.station_status(*stat, source_of(*stat)));
  }
  bool const v3 = out.version == gbfs_version::v3_0;
  auto const* veh = find(v3 ? "vehicle_status" : "free_bike_status");
  if (auto const* other = find(v3 ? "free_bike_status" : "vehicle_status"))
    out.report.add(severity::warning, "wrong_version_file", source_of(*other), 0, "",
                   std::string("GBFS ") + std::string(gbfs_version_name(out.version)) + " names this feed " +
                       (v3 ? "vehicle_status" : "free_bike_status") + ": file ignored");
  if (veh) KW_TRY_VOID(rd.vehicles(*veh, source_of(*veh)));
  if (!info && !veh)
    return make_error(errc::not_found, "a feed needs stations (station_information + station_status) or vehicles (" +
                                           std::string(v3 ? "vehicle_status" : "free_bike_status") + ")",
                      source_of(*sys));
  return out;
}

namespace {

result<std::string> read_file(std::filesystem::path const& p, parse_options const& o) {
  std::error_code ec;
  auto const size = std::filesystem::file_size(p, ec);
  if (ec) return make_error(errc::not_found, "cannot read: " + ec.message(), p.string());
  if (size > o.max_file_bytes)
    return make_error(errc::limit_exceeded,
                      "file of " + std::to_string(size) + " bytes is larger than the cap of " +
                          std::to_string(o.max_file_bytes),
                      p.string());
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error(errc::io_error, "cannot open", p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return make_error(errc::io_error, "read failed", p.string());
  return std::move(ss).str();
}

constexpr std::string_view kFeedNames[] = {"system_information", "station_information", "station_status",
                                           "vehicle_status", "free_bike_status"};

}  // namespace

result<feed> load_gbfs(std::filesystem::path const& path, parse_options const& o) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error(errc::not_found, "no such file or folder", path.string());
  std::filesystem::path dir = path;
  std::filesystem::path discovery;
  if (std::filesystem::is_directory(path, ec)) {
    if (std::filesystem::exists(path / "gbfs.json", ec)) discovery = path / "gbfs.json";
  } else {
    discovery = path;
    dir = path.parent_path();
  }
  std::vector<gbfs_file> files;
  auto add = [&](std::string name, std::filesystem::path const& p) -> status {
    KW_TRY(auto content, read_file(p, o));
    files.push_back(gbfs_file{std::move(name), std::move(content), p.string()});
    return {};
  };
  if (!discovery.empty()) {
    KW_TRY_VOID(add("gbfs", discovery));
    // The names gbfs.json lists: read <dir>/<name>.json, or the local path its URL names.
    simdjson::dom::parser p;
    simdjson::dom::element root;
    if (!p.parse(files.back().content).get(root)) {
      auto consider = [&](std::string_view name, std::string_view url) -> status {
        if (std::find(std::begin(kFeedNames), std::end(kFeedNames), name) == std::end(kFeedNames)) return {};
        auto local = dir / (std::string(name) + ".json");
        if (!std::filesystem::exists(local, ec)) {
          auto u = url;
          if (u.starts_with("file://")) u.remove_prefix(7);
          std::filesystem::path const up{std::string(u)};
          auto cand = up.is_absolute() ? up : dir / up;
          if (!u.empty() && u.find("://") == std::string_view::npos && std::filesystem::is_regular_file(cand, ec))
            local = cand;
          else
            return {};  // parse_gbfs names the missing file
        }
        return add(std::string(name), local);
      };
      auto walk = [&](simdjson::dom::array feeds) -> status {
        for (auto e : feeds) {
          std::string_view name, url;
          if (e["name"].get(name)) continue;
          if (e["url"].get(url)) url = {};
          KW_TRY_VOID(consider(name, url));
        }
        return {};
      };
      simdjson::dom::array feeds;
      if (!root["data"]["feeds"].get(feeds)) {
        KW_TRY_VOID(walk(feeds));
      } else {
        simdjson::dom::object data;
        if (!root["data"].get(data))
          for (auto [lang, v] : data) {
            (void)lang;
            if (!v["feeds"].get(feeds)) {
              KW_TRY_VOID(walk(feeds));
              break;
            }
          }
      }
    }
  } else {
    for (auto const name : kFeedNames) {
      auto const p = dir / (std::string(name) + ".json");
      if (std::filesystem::exists(p, ec)) KW_TRY_VOID(add(std::string(name), p));
    }
    if (files.empty())
      return make_error(errc::not_found, "no gbfs.json and no GBFS feed files (system_information.json, ...)",
                        path.string());
  }
  auto r = parse_gbfs(files, o);
  if (!r && r.error().code == errc::not_found && r.error().file.find('/') == std::string::npos)
    r.error().file = (dir / r.error().file).string();
  return r;
}

}  // namespace kwartier::bikeshare
