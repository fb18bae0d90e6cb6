// The checks made before libosmium reads an OSM input (street graph and POI readers): the PBF framing
// (core/pbf_framing.h) and the coordinates of uncompressed XML and OPL (core/osm_coordinates.h). Each guards
// against undefined behaviour inside libosmium on hostile input; docs/reliability.md lists them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <osmium/io/file.hpp>

#include "kwartier/core/osm_coordinates.h"
#include "kwartier/core/pbf_framing.h"

namespace kwartier::street {

// `file` is read from `path`, or from `bytes` when `path` is empty; `name` is named in errors.
inline status check_osm_input(osmium::io::File const& file, std::filesystem::path const& path, std::string_view bytes,
                              std::string const& name) {
  using osmium::io::file_compression;
  using osmium::io::file_format;
  if (file.format() == file_format::pbf)
    return path.empty() ? check_pbf_framing(bytes, name) : check_pbf_framing_file(path);
  if (file.compression() != file_compression::none) return {};  // compressed text: unchecked (see the header)
  if (file.format() != file_format::xml && file.format() != file_format::opl) return {};
  auto const f = file.format() == file_format::xml ? osm_text_format::xml : osm_text_format::opl;
  return path.empty() ? check_osm_coordinates(bytes, f, name) : check_osm_coordinates_file(path, f);
}

}  // namespace kwartier::street
