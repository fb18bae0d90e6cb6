// The `prefix=path` feed syntax of every edge (CLI arguments, Python strings, C strings), parsed once here.
//
//   parse_feed_spec("stib=feeds/stib.zip")   -> {path "feeds/stib.zip", prefix "stib"}
//   parse_feed_spec("feeds/stib.zip")        -> {path "feeds/stib.zip", prefix ""}   (default namespace)
//   parse_feed_spec("/data/date=2024/x.zip") -> {path "/data/date=2024/x.zip", prefix ""}
//   parse_feed_spec("stib=/data/a=b.zip")    -> {path "/data/a=b.zip", prefix "stib"}
//
// Rules:
// - No '=' in the spec: the whole spec is the path.
// - Otherwise the spec is split at its FIRST '='. When the part before it contains a path separator ('/'
//   or '\\'), the '=' belongs to a folder name and the whole spec is the path (Hive-style folders such as
//   `date=2024/`). Else the part before is the prefix and everything after it (which may contain more '=')
//   is the path.
// - A prefix is 1..64 characters from [A-Za-z0-9_.-] and does not start with '.' or '-': it becomes part of
//   every id ("stib:0089") and of report file names ("stib/stops.txt"), so ':' '/' spaces and the like are
//   refused rather than guessed at.
// - A file whose own name contains '=' (`a=b.zip` in the current folder) reads as prefix "a", path
//   "b.zip": write `./a=b.zip` (a separator before the '=') or `name=a=b.zip` (an explicit prefix) instead.
//
// Errors (errc::invalid_argument, field "feed", the message quoting the spec): empty spec, empty prefix
// ("=x.zip"), empty path ("stib="), a prefix with characters outside the set above or longer than 64.
// The path is not checked for existence here (load_gtfs reports a missing feed).
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/result.h"

namespace kwartier::transit {

struct feed_input {
  std::filesystem::path path;  // a .zip archive or a folder with the .txt tables
  std::string prefix;          // id namespace ("stib" gives "stib:0089"); empty: none for a single feed,
                               // the file stem for each of several feeds
};

constexpr std::size_t kMaxFeedPrefix = 64;

// True when `prefix` is a valid explicit prefix (see the rules above).
bool valid_feed_prefix(std::string_view prefix) noexcept;

result<feed_input> parse_feed_spec(std::string_view spec);

// Every spec in order; the first bad one fails the whole list (its message names its position, 1-based).
result<std::vector<feed_input>> parse_feed_specs(std::span<std::string const> specs);
result<std::vector<feed_input>> parse_feed_specs(std::span<std::string_view const> specs);

}  // namespace kwartier::transit
