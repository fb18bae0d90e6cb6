#pragma once

// A drawn street grid with every answer worked out by hand.
//
//   lat 0.002   A ----1---- B ----2---- C          1: cycleway, foot=no   (bike only)
//               |           |           |          4: highway=steps        (walk only)
//               3           4 (steps)   5          7: residential oneway=yes, E -> F
//               |           |           |             (bike only E -> F; walking both ways)
//   lat 0.001   D ----6---- E ==7==>=== F          10: G - H - I one residential way; H is not a
//               |                       |              junction, so G..I is one chain of 2 d
//               8                       9          12: J - K island, reachable from nowhere
//               |                       |
//   lat 0.000   G ---------10---H------ I          J ---12--- K
//             lon 0.000   0.001       0.002       0.010      0.011
//
// Every side has length d = R * 0.001 deg * pi / 180 = 6371008.8 * 1.7453293e-5 = 111.19508 m (a meridian
// arc, or a parallel arc at |lat| <= 0.002 deg where cos(lat) = 1 - 6e-10).
// Walk 1.3 m/s: d -> 855.347 ds -> 855 ds; 2 d -> 1710.69 ds -> 1711 ds.
// Bike 4.5 m/s: d -> 247.100 ds -> 247 ds; 2 d -> 494.20 ds -> 494 ds.
//
// Walk from A: D 855, E 1710 (A-D-E), G 1710 (A-D-G), B 2565 (A-D-E then up the steps; A-B is foot=no),
//              F 2565 (E-F), C 3420 (B-C or F-C), I 3420 (F-I = 3420 beats G-I = 1710 + 1711 = 3421).
// Bike from A: B 247 (cycleway), D 247, C 494, E 494, G 494, F 741 (E->F or C-F), I 988.
// Bike from F: E is 1235 (the one-way forbids F->E: F-C-B-A-D-E = 5 x 247, or F-I-G-D-E = 247+494+247+247),
//              walking F->E is 855.
// Bike from B: E is 741 (B-A-D-E; no steps for bikes), walking B->E is 855 (the steps).
// Nodes: A B C D E F G I (8; H is inside chain G-I); the island J-K is dropped in both modes (2 nodes).
// Directed edges: 10 two-way streets = 20; walk loses A-B (2) -> 18; bike loses B-E (2) and F->E (1) -> 17.
// Shared by tests/street/grid_test.cc (the answers above) and tests/network/network_test.cc (stops on it).
namespace kwartier::testdata {

inline constexpr char const* kGridOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.002" lon="0.000"/>  <!-- A -->
  <node id="2" lat="0.002" lon="0.001"/>  <!-- B -->
  <node id="3" lat="0.002" lon="0.002"/>  <!-- C -->
  <node id="4" lat="0.001" lon="0.000"/>  <!-- D -->
  <node id="5" lat="0.001" lon="0.001"/>  <!-- E -->
  <node id="6" lat="0.001" lon="0.002"/>  <!-- F -->
  <node id="7" lat="0.000" lon="0.000"/>  <!-- G -->
  <node id="8" lat="0.000" lon="0.001"/>  <!-- H -->
  <node id="9" lat="0.000" lon="0.002"/>  <!-- I -->
  <node id="10" lat="0.000" lon="0.010"/> <!-- J -->
  <node id="11" lat="0.000" lon="0.011"/> <!-- K -->
  <way id="101"><nd ref="1"/><nd ref="2"/><tag k="highway" v="cycleway"/><tag k="foot" v="no"/></way>
  <way id="102"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="103"><nd ref="1"/><nd ref="4"/><tag k="highway" v="residential"/></way>
  <way id="104"><nd ref="2"/><nd ref="5"/><tag k="highway" v="steps"/></way>
  <way id="105"><nd ref="3"/><nd ref="6"/><tag k="highway" v="residential"/></way>
  <way id="106"><nd ref="4"/><nd ref="5"/><tag k="highway" v="residential"/></way>
  <way id="107"><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
  <way id="108"><nd ref="4"/><nd ref="7"/><tag k="highway" v="residential"/></way>
  <way id="109"><nd ref="6"/><nd ref="9"/><tag k="highway" v="residential"/></way>
  <way id="110"><nd ref="7"/><nd ref="8"/><nd ref="9"/><tag k="highway" v="residential"/></way>
  <way id="112"><nd ref="10"/><nd ref="11"/><tag k="highway" v="residential"/></way>
  <way id="113"><nd ref="1"/><nd ref="3"/><tag k="building" v="yes"/></way>
</osm>
)";

}  // namespace kwartier::testdata
