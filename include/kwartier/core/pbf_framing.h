// A check of an OSM PBF file's framing, made before the bytes reach libosmium.
//
// libosmium 2.18 (pbf_input_format.hpp, decode_blob_header) compares a BlobHeader's `type` with strncmp even
// when the header has no `type` field, passing a null pointer (undefined behaviour; UBSan stops the `osm`
// fuzz target on it, repro in fuzz/corpus/osm/ubsan-blobheader-without-type). The OSM readers (street, poi)
// call this first and refuse such a file themselves with errc::invalid_format naming the byte offset.
//
// The check walks the blob frames only (4-byte size, BlobHeader, skip the blob): a few small reads per
// 8,000 OSM objects, nothing is inflated. It refuses a BlobHeader that is malformed (bad varint, a wire
// type protobuf does not allow, a field running past the header) or that announces a blob but has no
// type; a file that ends early or a header larger than libosmium's 64 KiB limit is left to libosmium, whose
// own error names it.
//
// Thread rules: pure functions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kwartier/core/result.h"

namespace kwartier {

// `name` is the file named in errors ("<memory>" for bytes).
status check_pbf_framing(std::string_view bytes, std::string const& name);
status check_pbf_framing_file(std::filesystem::path const& path);

}  // namespace kwartier
