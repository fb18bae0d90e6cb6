// network build extracts POIs from the OSM extract and stores them as the optional group NPoi; files written
// before the group existed still open (without POIs).
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "kwartier/network/build.h"

namespace fs = std::filesystem;
using namespace kwartier;

// data/osm/mini-brussels.osm draws 11 POI records (its comment): one per category, two food shops; the school
// (way 200, no entrance) at the centroid of its rectangle, the park (way 201) at its gate n45.
TEST(network_pois, build_stores_the_sample_pois) {
  auto const out = fs::temp_directory_path() / ("kw_network_pois_" + std::to_string(::getpid()) + ".kwn");
  auto s = network::build({{KW_SOURCE_DIR "/data/gtfs/mini-brussels", ""}}, KW_SOURCE_DIR "/data/osm/mini-brussels.osm",
                          out);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->pois, 11U);
  auto n = network::network::open(out);
  ASSERT_TRUE(n) << n.error().to_string();
  auto const* p = n->pois();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->table_version, "kwartier-poi/1");
  EXPECT_EQ(p->counts(), (std::vector<std::size_t>{1, 1, 1, 1, 1, 1, 2, 1, 1, 1}));
  for (std::size_t i = 0; i < p->size(); ++i) {
    auto const& r = p->records[i];
    if (r.source_id == 200) {
      EXPECT_EQ(p->category_names[r.category], "school");
      EXPECT_EQ(r.kind, poi::source_kind::centroid);
      EXPECT_NEAR(r.lat, 50.8563, 1e-7);
      EXPECT_NEAR(r.lon, 4.3610, 1e-7);
    }
    if (r.source_id == 201) {
      EXPECT_EQ(r.kind, poi::source_kind::entrance);
      EXPECT_NEAR(r.lat, 50.8545, 1e-7);
      EXPECT_NEAR(r.lon, 4.3610, 1e-7);
      EXPECT_EQ(p->name(i), "Jardin botanique");
    }
  }
  fs::remove(out);
}

// A network file whose optional-group table (NOpt) does not list NPoi -- as written before POIs existed --
// opens without POIs: the same file with NOpt emptied in its section table (checksum not verified).
TEST(network_pois, files_without_the_group_open_without_pois) {
  auto const out = fs::temp_directory_path() / ("kw_network_nopoi_" + std::to_string(::getpid()) + ".kwn");
  ASSERT_TRUE(network::build({}, KW_SOURCE_DIR "/data/osm/mini-brussels.osm", out));
  std::string bytes;
  {
    std::ifstream in{out, std::ios::binary};
    bytes.assign(std::istreambuf_iterator<char>{in}, {});
  }
  fs::remove(out);
  dataset_header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  bool found = false;
  for (std::uint32_t i = 0; i < h.n_sections; ++i) {
    section_entry e;
    auto const at = sizeof(dataset_header) + i * sizeof(section_entry);
    std::memcpy(&e, bytes.data() + at, sizeof e);
    if (e.id != fourcc("NOpt")) continue;
    e.count = 0;
    std::memcpy(bytes.data() + at, &e, sizeof e);
    found = true;
  }
  ASSERT_TRUE(found);
  auto n = network::network::from_bytes(bytes, open_options{false});
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(n->pois(), nullptr);
  EXPECT_EQ(n->graph().n_nodes(), 8U);
}
