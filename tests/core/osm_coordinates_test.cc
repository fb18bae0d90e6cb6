// core/osm_coordinates.h: coordinates libosmium cannot read safely are refused before it sees them.
#include "kwartier/core/osm_coordinates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace kwartier {
namespace {

constexpr auto kXml = osm_text_format::xml;
constexpr auto kOpl = osm_text_format::opl;

TEST(OsmCoordinates, OrdinaryXmlAndOplPass) {
  EXPECT_TRUE(check_osm_coordinates(R"(<osm><node id="1" lat="50.8467" lon="-4.3525"/>)"
                                    R"(<node id='2' lat = '1.5e1' lon="0.2E-3"/><tag k="lat" v="1e999"/></osm>)",
                                    kXml, "x"));
  // Exponents that stay within range, and "lat"/"lon" that are no attribute of their own.
  EXPECT_TRUE(check_osm_coordinates(R"(<node xlat="9e999" latitude="9e999" lon="180e0"/>)", kXml, "x"));
  EXPECT_TRUE(check_osm_coordinates("n1 v1 x4.35 y50.84\nn2 v1 x1e2 y-5e-1 Thighway=x9e999\n", kOpl, "x"));
  EXPECT_TRUE(check_osm_coordinates("", kXml, "x"));
  // Comments may quote anything.
  EXPECT_TRUE(check_osm_coordinates(R"(<!-- lat="4e605" --><node lat="1" lon="2"/><!-- lon="9e9")", kXml, "x"));
  EXPECT_FALSE(check_osm_coordinates(R"(<!-- a --><node lat="1" lon="2e9"/><!-- b -->)", kXml, "x"));
}

TEST(OsmCoordinates, ExponentsBeyondAnyCoordinateAreRefusedWithTheirLine) {
  auto const s = check_osm_coordinates("<osm>\n<node id=\"1\"\n lat=\"50.8\" lon=\"4.e605\"/>\n</osm>", kXml, "a.osm");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, errc::invalid_format);
  EXPECT_EQ(s.error().file, "a.osm");
  EXPECT_EQ(s.error().line, 3U);
  EXPECT_EQ(s.error().field, "lon");
  EXPECT_NE(s.error().message.find("'4.e605'"), std::string::npos) << s.error().message;
  // 1001 is beyond ±1000; an unterminated value at the very end; a huge mantissa; OPL fields.
  EXPECT_FALSE(check_osm_coordinates(R"(<node lat="1.001e3" lon="4"/>)", kXml, "x"));
  EXPECT_FALSE(check_osm_coordinates(R"(<node lat="1e99)", kXml, "x"));
  EXPECT_FALSE(check_osm_coordinates(R"(<node lat="1234567890.1234567e9" lon="4"/>)", kXml, "x"));
  auto const o = check_osm_coordinates("n1 v1 x4.35 y50.84\nn2 v1 x4.e605 y1\n", kOpl, "b.opl");
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().line, 2U);
  EXPECT_EQ(o.error().field, "x");
}

TEST(OsmCoordinates, CharacterReferencesInACoordinateAreRefused) {
  // expat would decode &#101; into 'e': "4.e605" again, out of this scan's sight.
  auto const s = check_osm_coordinates(R"(<node lat="50" lon="4.&#101;605"/>)", kXml, "x");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("character reference"), std::string::npos) << s.error().message;
}

TEST(OsmCoordinates, TheFuzzerFindingAsAFile) {
  auto const p = std::filesystem::path(KW_SOURCE_DIR) / "fuzz/corpus/osm/ubsan-coordinate-exponent.osm";
  auto const s = check_osm_coordinates_file(p, kXml);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().file, p.string());
  EXPECT_EQ(s.error().line, 5U);
  EXPECT_EQ(s.error().field, "lon");
  EXPECT_EQ(check_osm_coordinates_file(p.parent_path() / "missing.osm", kXml).error().code, errc::not_found);
}

}  // namespace
}  // namespace kwartier
