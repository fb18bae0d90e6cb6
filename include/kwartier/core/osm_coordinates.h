// A check of the coordinates written in an OSM text file (XML, OPL), made before the bytes reach libosmium.
//
// libosmium 2.19 (osm/location.hpp, string_to_location_coordinate) reads a coordinate in scientific notation
// ("4.e605") by multiplying by ten once per exponent step: signed overflow (undefined behaviour; UBSan stops
// the `osm` fuzz target on it, repro fuzz/corpus/osm/ubsan-coordinate-exponent.osm), and in a release build
// a wrapped value can pass libosmium's range check as a wrong coordinate. The OSM readers (street, poi)
// call this first for uncompressed XML and OPL and refuse such a file themselves with errc::invalid_format
// naming the file, the line and the attribute.
//
// What is checked: every `lat`/`lon` attribute value (XML) or `x`/`y` field (OPL) that holds an exponent
// must read as a finite number within ±1000 (no latitude or longitude comes near; libosmium refuses them
// anyway), and an XML coordinate holding a character reference ('&') is refused (expat would decode it
// into what this scan cannot see). Values without an exponent are safe: libosmium caps their digits.
// Compressed files (.osm.gz, .osm.bz2) reach libosmium unchecked.
//
// Thread rules: pure functions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kwartier/core/result.h"

namespace kwartier {

enum class osm_text_format { xml, opl };

// `name` is the file named in errors ("<memory>" for bytes).
status check_osm_coordinates(std::string_view bytes, osm_text_format format, std::string const& name);
status check_osm_coordinates_file(std::filesystem::path const& path, osm_text_format format);

}  // namespace kwartier
