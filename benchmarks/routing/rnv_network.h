// The RNV network (Heidelberg/Mannheim GTFS + OSM) that the routing benchmarks run on: opened from a .kwn
// path, built from ../shared/data first when that file is absent, unreadable, or (when asked) has no walk
// contraction hierarchy. Any failure ends the benchmark with the error: a benchmark never times a half-built
// network.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"

namespace kwartier::bench {

// KW_SHARED_DATA_DIR from the environment, else the build's value.
inline std::filesystem::path shared_data_dir() {
  if (char const* e = std::getenv("KW_SHARED_DATA_DIR")) return e;
  return KW_SHARED_DATA_DIR;
}

// The .kwn path: the environment variable `env` when set, else `file_name` in the temporary folder.
inline network::network open_or_build_rnv(char const* env, char const* file_name, bool need_hierarchy) {
  std::filesystem::path const path =
      std::getenv(env) != nullptr ? std::filesystem::path{std::getenv(env)}
                                  : std::filesystem::temp_directory_path() / file_name;
  auto r = network::network::open(path);
  if (!r || (need_hierarchy && r->contraction_hierarchy(street::mode::walk) == nullptr)) {
    auto const d = shared_data_dir() / "rnv-heidelberg";
    auto s = network::build({{d / "rnv.zip", ""}}, d / "rnv.osm.pbf", path);
    if (!s) {
      std::fprintf(stderr, "build failed: %s\n", s.error().to_string().c_str());
      std::exit(1);
    }
    r = network::network::open(path);
  }
  if (!r) {
    std::fprintf(stderr, "open failed: %s\n", r.error().to_string().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

}  // namespace kwartier::bench
