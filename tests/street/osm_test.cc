// OSM reading: both file formats give the same graph; bad input gives clear errors or reported warnings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "kwartier/street/osm.h"

namespace kwartier::street {
namespace {

namespace fs = std::filesystem;
fs::path const kBeatty = fs::path{KW_SHARED_DATA_DIR} / "gtfs-sample-beatty";

std::string read_file(fs::path const& p) {
  std::ifstream in{p, std::ios::binary};
  return {std::istreambuf_iterator<char>{in}, {}};
}
fs::path write_temp(std::string const& name, std::string const& bytes) {
  auto const dir = fs::temp_directory_path() / ("kw_street_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto const p = dir / name;
  std::ofstream{p, std::ios::binary} << bytes;
  return p;
}

TEST(osm, beatty_xml_and_pbf_give_the_same_graph) {
  validation_report r1, r2;
  auto xml = build_graph({kBeatty / "beatty.osm"}, {}, r1);
  auto pbf = build_graph({kBeatty / "beatty.osm.pbf"}, {}, r2);
  ASSERT_TRUE(xml) << xml.error().to_string();
  ASSERT_TRUE(pbf) << pbf.error().to_string();
  // SOURCE.md: 6,624 nodes, 344 ways.
  EXPECT_EQ(xml->stats_.osm_nodes, 6624U);
  EXPECT_EQ(xml->stats_.osm_ways, 344U);
  EXPECT_EQ(pbf->stats_.osm_nodes, 6624U);
  EXPECT_EQ(pbf->stats_.osm_ways, 344U);
  EXPECT_GT(xml->n_nodes(), 100U);
  EXPECT_EQ(xml->n_nodes(), pbf->n_nodes());
  EXPECT_EQ(xml->n_edges(), pbf->n_edges());
  EXPECT_EQ(xml->first_out_, pbf->first_out_);
  EXPECT_EQ(xml->head_, pbf->head_);
  EXPECT_EQ(xml->weight_walk_, pbf->weight_walk_);
  EXPECT_EQ(xml->weight_bike_, pbf->weight_bike_);
  EXPECT_EQ(xml->edge_flags_, pbf->edge_flags_);
  EXPECT_EQ(xml->chain_geom_offsets_, pbf->chain_geom_offsets_);
  ASSERT_EQ(xml->node_pos_.size(), pbf->node_pos_.size());
  for (std::size_t i = 0; i < xml->node_pos_.size(); ++i) ASSERT_EQ(xml->node_pos_[i], pbf->node_pos_[i]) << i;
  EXPECT_EQ(r1.count(severity::warning), r2.count(severity::warning));
}

TEST(osm, unsorted_input_is_read) {
  // Ways before nodes, nodes out of id order.
  std::string const xml = R"(<osm version="0.6">
    <way id="1"><nd ref="3"/><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
    <node id="2" lat="50.8500" lon="4.3520"/>
    <node id="3" lat="50.8480" lon="4.3500"/>
    <node id="1" lat="50.8490" lon="4.3510"/>
  </osm>)";
  validation_report report;
  auto g = build_graph({{}, xml, "osm"}, {}, report);
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->n_nodes(), 2U);  // the two ends; node 1 is inside the chain
  EXPECT_EQ(g->n_edges(), 2U);
  EXPECT_EQ(g->geom_.size(), 3U);
  EXPECT_TRUE(report.empty()) << report.to_text();
}

TEST(osm, missing_file_is_not_found) {
  validation_report report;
  auto g = build_graph({"/nonexistent/x.osm.pbf"}, {}, report);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, errc::not_found);
  EXPECT_EQ(g.error().file, "/nonexistent/x.osm.pbf");
}

TEST(osm, non_osm_files_are_invalid_format) {
  validation_report report;
  for (auto const* name : {"notes.osm.pbf", "notes.osm", "notes.bin"}) {
    auto const p = write_temp(name, "this is a text file, certainly not OpenStreetMap data\n");
    auto g = build_graph({p}, {}, report);
    ASSERT_FALSE(g) << name;
    EXPECT_EQ(g.error().code, errc::invalid_format) << name;
    EXPECT_EQ(g.error().file, p.string());
  }
  auto const html = write_temp("page.osm", "<html><body>not osm</body></html>");
  auto g = build_graph({html}, {}, report);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, errc::invalid_format);
}

TEST(osm, coordinate_exponents_libosmium_cannot_read_are_refused_before_it) {
  // fuzz/corpus/osm/ubsan-coordinate-exponent.osm: lon="4.e605" (signed overflow inside libosmium 2.19).
  auto const p = fs::path(KW_SOURCE_DIR) / "fuzz/corpus/osm/ubsan-coordinate-exponent.osm";
  validation_report report;
  auto g = build_graph({p}, {}, report);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, errc::invalid_format);
  EXPECT_EQ(g.error().file, p.string());
  EXPECT_EQ(g.error().line, 5U);
  EXPECT_EQ(g.error().field, "lon");
  // The same bytes from memory, and in OPL.
  std::ifstream in{p, std::ios::binary};
  std::string const bytes{std::istreambuf_iterator<char>{in}, {}};
  EXPECT_EQ(build_graph({{}, bytes, "osm"}, {}, report).error().field, "lon");
  auto const opl = build_graph({{}, "n1 v1 x4.e605 y50.8\nn2 v1 x4.35 y50.8\nw10 v1 Thighway=residential Nn1,n2\n", "opl"}, {}, report);
  ASSERT_FALSE(opl);
  EXPECT_EQ(opl.error().field, "x");
}

TEST(osm, truncated_pbf_is_an_error) {
  auto const bytes = read_file(kBeatty / "beatty.osm.pbf");
  ASSERT_GT(bytes.size(), 40000U);
  for (std::size_t cut : {std::size_t{10}, std::size_t{5000}, bytes.size() / 2, bytes.size() - 7}) {
    validation_report report;
    auto const p = write_temp("cut.osm.pbf", bytes.substr(0, cut));
    auto g = build_graph({p}, {}, report);
    ASSERT_FALSE(g) << "cut at " << cut;
    EXPECT_EQ(g.error().code, errc::invalid_format) << g.error().to_string();
  }
}

TEST(osm, empty_extract_is_an_error_naming_the_file) {
  validation_report report;
  auto const p = write_temp("empty.osm", "<?xml version='1.0'?><osm version='0.6'></osm>");
  auto g = build_graph({p}, {}, report);
  ASSERT_FALSE(g);
  EXPECT_EQ(g.error().code, errc::invalid_format);
  EXPECT_NE(g.error().message.find("no street"), std::string::npos) << g.error().message;
  auto const z = write_temp("zero.osm.pbf", "");
  EXPECT_EQ(build_graph({z}, {}, report).error().code, errc::invalid_format);
}

TEST(osm, ways_naming_missing_nodes_are_split_and_reported) {
  // Way 1: 1 - 2 - (99 missing) - 3 - 4. Keeps 1-2 and 3-4 as two pieces; the larger component is a tie, so
  // keep every component to see both.
  std::string const xml = R"(<osm version="0.6">
    <node id="1" lat="50.0000" lon="4.0000"/><node id="2" lat="50.0010" lon="4.0000"/>
    <node id="3" lat="50.0020" lon="4.0000"/><node id="4" lat="50.0030" lon="4.0000"/>
    <way id="7"><nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="3"/><nd ref="4"/><tag k="highway" v="path"/></way>
  </osm>)";
  validation_report report;
  osm_options opt;
  opt.keep_largest_component = false;
  auto g = build_graph({{}, xml, "osm"}, opt, report);
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->n_nodes(), 4U);
  EXPECT_EQ(g->n_chains(), 2U);
  EXPECT_EQ(g->stats_.missing_node_refs, 1U);
  ASSERT_EQ(report.count("missing_node"), 1U);
  auto const& p = report.problems().front();
  EXPECT_EQ(p.severity, severity::warning);
  EXPECT_NE(p.message.find("way 7"), std::string::npos);
  EXPECT_NE(p.message.find("node 99"), std::string::npos);
}

TEST(osm, coordinates_out_of_range_are_reported_and_skipped) {
  std::string const xml = R"(<osm version="0.6">
    <node id="1" lat="50.0000" lon="4.0000"/><node id="2" lat="95.0000" lon="4.0000"/>
    <node id="3" lat="50.0010" lon="4.0000"/><node id="4" lat="50.0020" lon="200.0"/>
    <way id="7"><nd ref="1"/><nd ref="3"/><nd ref="2"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  </osm>)";
  validation_report report;
  auto g = build_graph({{}, xml, "osm"}, {}, report);
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->n_nodes(), 2U);
  EXPECT_EQ(g->stats_.invalid_locations, 2U);
  EXPECT_EQ(report.count("invalid_location"), 2U);
  for (auto const& q : g->node_pos_) EXPECT_TRUE(geo::valid(q));
  // A coordinate libosmium cannot even parse makes the whole file unusable: a clear error.
  std::string const bad = R"(<osm version="0.6"><node id="1" lat="50.0" lon="4000.0"/></osm>)";
  auto e = build_graph({{}, bad, "osm"}, {}, report);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_format);
  EXPECT_NE(e.error().message.find("coordinate"), std::string::npos) << e.error().message;
}

TEST(osm, access_tags_decide_who_may_pass) {
  // Parallel ways between the same two nodes, each alone in its own extract.
  auto build_one = [](std::string const& tags) {
    std::string const xml = R"(<osm version="0.6"><node id="1" lat="50.0" lon="4.0"/>)"
                            R"(<node id="2" lat="50.001" lon="4.0"/><way id="1"><nd ref="1"/><nd ref="2"/>)" +
                            tags + "</way></osm>";
    validation_report report;
    osm_options opt;
    opt.keep_largest_component = false;  // a lone one-way edge is not strongly connected
    return build_graph({{}, xml, "osm"}, opt, report);
  };
  auto modes = [&](std::string const& tags) {
    auto g = build_one(tags);
    if (!g) return std::string("none");
    std::string s;
    auto const fwd = g->chain_fwd_edge_[0], bwd = g->chain_bwd_edge_[0];
    auto ok = [&](std::uint32_t e, std::vector<std::uint32_t> const& w) { return e != kNoEdge && w[e] != kNoWeight; };
    s += ok(fwd, g->weight_walk_) ? "W" : "-";
    s += ok(bwd, g->weight_walk_) ? "w" : "-";
    s += ok(fwd, g->weight_bike_) ? "B" : "-";
    s += ok(bwd, g->weight_bike_) ? "b" : "-";
    return s;
  };
  auto hw = [](char const* v) { return std::string(R"(<tag k="highway" v=")") + v + R"("/>)"; };
  auto tag = [](char const* k, char const* v) { return std::string(R"(<tag k=")") + k + R"(" v=")" + v + R"("/>)"; };
  EXPECT_EQ(modes(hw("residential")), "WwBb");
  EXPECT_EQ(modes(hw("motorway")), "none");
  EXPECT_EQ(modes(hw("trunk")), "Ww--");
  EXPECT_EQ(modes(hw("trunk") + tag("bicycle", "yes")), "WwBb");
  EXPECT_EQ(modes(hw("footway")), "Ww--");
  EXPECT_EQ(modes(hw("footway") + tag("bicycle", "designated")), "WwBb");
  EXPECT_EQ(modes(hw("steps")), "Ww--");
  EXPECT_EQ(modes(hw("cycleway") + tag("foot", "no")), "--Bb");
  EXPECT_EQ(modes(hw("residential") + tag("access", "private")), "none");
  EXPECT_EQ(modes(hw("service") + tag("access", "no") + tag("foot", "yes")), "Ww--");
  EXPECT_EQ(modes(hw("residential") + tag("oneway", "yes")), "WwB-");
  EXPECT_EQ(modes(hw("residential") + tag("oneway", "-1")), "Ww-b");
  EXPECT_EQ(modes(hw("residential") + tag("oneway", "yes") + tag("oneway:bicycle", "no")), "WwBb");
  EXPECT_EQ(modes(hw("residential") + tag("oneway", "yes") + tag("cycleway", "opposite_lane")), "WwBb");
  EXPECT_EQ(modes(hw("primary") + tag("junction", "roundabout")), "WwB-");
  EXPECT_EQ(modes(hw("pedestrian") + tag("area", "yes")), "Ww--");
  EXPECT_EQ(modes(hw("construction")), "none");
  EXPECT_EQ(modes(tag("building", "yes")), "none");
}

TEST(osm, area_squares_are_walked_around) {
  // A closed pedestrian square 1-2-3-4-1 with area=yes plus a street into corner 1: the square's outline
  // is walkable, split at the opposite corner so that no chain is a loop.
  std::string const xml = R"(<osm version="0.6">
    <node id="1" lat="50.0000" lon="4.0000"/><node id="2" lat="50.0010" lon="4.0000"/>
    <node id="3" lat="50.0010" lon="4.0010"/><node id="4" lat="50.0000" lon="4.0010"/>
    <node id="5" lat="49.9990" lon="4.0000"/>
    <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/>
      <tag k="highway" v="pedestrian"/><tag k="area" v="yes"/></way>
    <way id="2"><nd ref="5"/><nd ref="1"/><tag k="highway" v="residential"/></way>
  </osm>)";
  validation_report report;
  auto g = build_graph({{}, xml, "osm"}, {}, report);
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->n_nodes(), 3U);   // 5, 1 and the far corner 3
  EXPECT_EQ(g->n_chains(), 3U);  // 5-1, 1-2-3, 3-4-1
  for (std::size_t c = 0; c < g->n_chains(); ++c) EXPECT_NE(g->chain_from_[c], g->chain_to_[c]);
}

}  // namespace
}  // namespace kwartier::street
