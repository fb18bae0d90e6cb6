// check_pbf_framing: the PBF frame walk that keeps a typeless BlobHeader (libosmium's null strncmp) away from
// libosmium. Frames are built by hand below; byte offsets are worked out in the comments.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "kwartier/core/pbf_framing.h"

namespace kwartier {
namespace {

// One frame: 4-byte big-endian header size, the BlobHeader, then `datasize` blob bytes.
std::string frame(std::string const& header, std::size_t blob_bytes) {
  std::string out;
  auto const n = static_cast<std::uint32_t>(header.size());
  out += static_cast<char>(n >> 24);
  out += static_cast<char>(n >> 16);
  out += static_cast<char>(n >> 8);
  out += static_cast<char>(n);
  return out + header + std::string(blob_bytes, 'x');
}

// BlobHeader fields: 1 type (length-delimited: key 0x0a), 3 datasize (varint: key 0x18).
std::string typed(std::string const& type, unsigned datasize) {
  return std::string("\x0a") + static_cast<char>(type.size()) + type + "\x18" + static_cast<char>(datasize);
}
std::string untyped(unsigned datasize) { return std::string("\x18") + static_cast<char>(datasize); }

TEST(PbfFraming, WellFormedFramesPass) {
  auto const bytes = frame(typed("OSMHeader", 5), 5) + frame(typed("OSMData", 7), 7);
  EXPECT_TRUE(check_pbf_framing(bytes, "a.osm.pbf"));
  EXPECT_TRUE(check_pbf_framing("", "empty.osm.pbf"));
  // An unknown field (7, fixed32: key 0x3d) before the type is skipped as protobuf says.
  EXPECT_TRUE(check_pbf_framing(frame("\x3d" "abcd" + typed("OSMHeader", 3), 3), "a.osm.pbf"));
}

TEST(PbfFraming, TypelessHeaderIsRefusedWithItsOffset) {
  // First frame: 4 + 13 header bytes (0a 09 "OSMHeader" 18 05) + 5 blob bytes = 22; the second starts there.
  auto const bytes = frame(typed("OSMHeader", 5), 5) + frame(untyped(9), 9);
  auto const s = check_pbf_framing(bytes, "bad.osm.pbf");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, errc::invalid_format);
  EXPECT_EQ(s.error().file, "bad.osm.pbf");
  EXPECT_NE(s.error().message.find("has no type"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("byte 22"), std::string::npos) << s.error().message;
  // A negative datasize (int32 -1: ten varint bytes) still reaches libosmium's type comparison: refused too.
  auto const neg = frame(std::string("\x18\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 11), 0);
  EXPECT_FALSE(check_pbf_framing(neg, "neg.osm.pbf"));
}

TEST(PbfFraming, MalformedHeadersAreRefused) {
  EXPECT_FALSE(check_pbf_framing(frame("\x0a\x40" "short", 0), "x"));  // type longer than the header
  EXPECT_FALSE(check_pbf_framing(frame("\x0b\x01", 0), "x"));          // wire type 3 (group)
  EXPECT_FALSE(check_pbf_framing(frame("\x18\xff", 0), "x"));          // varint cut off
  EXPECT_FALSE(check_pbf_framing(frame(std::string("\x00\x01", 2), 0), "x"));  // field number 0
}

TEST(PbfFraming, WhatLibosmiumReportsItselfIsLeftToIt) {
  EXPECT_TRUE(check_pbf_framing(std::string("\x00\x00", 2), "x"));                 // shorter than a size
  EXPECT_TRUE(check_pbf_framing(std::string("\x00\x01\x00\x00", 4), "x"));         // header > 64 KiB
  EXPECT_TRUE(check_pbf_framing(frame(untyped(9), 9).substr(0, 5), "x"));          // header cut off
  EXPECT_TRUE(check_pbf_framing(frame(std::string("\x0a\x00", 2), 0), "x"));       // datasize missing
  EXPECT_TRUE(check_pbf_framing(frame(typed("OSMData", 100), 10), "x"));          // blob cut off
}

TEST(PbfFraming, TheFuzzerFindingAndAFile) {
  // The 128 bytes the `osm` fuzz target stopped on (shared/repro/osm-pbf-ubsan): the first frame's 13-byte
  // header is 1a 09 "OSMHeader" 18 69 — "OSMHeader" as field 3 (length-delimited, which protobuf skips: the
  // datasize is a varint) and then datasize 105, so no field 1 (type) at all.
  auto const p = std::filesystem::path(KW_SOURCE_DIR) / "fuzz/corpus/osm/ubsan-blobheader-without-type.osm.pbf";
  auto const s = check_pbf_framing_file(p);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, errc::invalid_format);
  EXPECT_EQ(s.error().file, p.string());
  EXPECT_NE(s.error().message.find("no type (PBF BlobHeader at byte 0)"), std::string::npos) << s.error().message;
  std::ifstream in(p, std::ios::binary);
  std::string const bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto const m = check_pbf_framing(bytes, "<memory>");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().message, s.error().message);
  // A good file passes; a missing one is not_found.
  auto const good = std::filesystem::temp_directory_path() / "kw_pbf_framing_good.osm.pbf";
  std::ofstream(good, std::ios::binary) << frame(typed("OSMHeader", 5), 5);
  EXPECT_TRUE(check_pbf_framing_file(good));
  std::filesystem::remove(good);
  EXPECT_EQ(check_pbf_framing_file(good).error().code, errc::not_found);
}

}  // namespace
}  // namespace kwartier
