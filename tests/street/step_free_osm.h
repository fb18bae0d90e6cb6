#pragma once

// A drawn street map for the step-free profile (people with reduced mobility), every answer worked out by
// hand. d = 111.19508 m; on foot d = 855 ds, 2 d = 1711 ds.
//
//                V (0.003, -0.001)
//                |
//               14 footway wheelchair=no
//                |
//   lat 0.002   W1 --8-- A ---1--- B
//               |        |         |          1, 4, 6, 7, 8, 9, 10, 12: residential
//               |        2 steps   3 footway  3: footway B-K-D through K (0.0015, 0.001), a barrier=kerb
//               9        |         K          kerb=raised node inside the way
//               |        |         |
//   lat 0.001   |        C ---4--- D --15-- U      15: footway D-U, kerb=rolled (unknown height)
//               |        |         |
//               |        5         6               5: footway C-E, wheelchair=limited
//               |        |         |
//   lat 0.000   W2 --10- E ---7--- F --12-- Y      12: F-Y, Y tagged kerb=raised (F-Y is no crossing way)
//               |        |
//              13       11                         11: footway=crossing E-X, X (-0.001, 0) a raised kerb:
//               |        |                             the kerb at the end of a crossing way counts
//   lat -0.001  Z        X                         13: steps W2-Z with ramp:wheelchair=yes (usable)
//            lon -0.001  0.000     0.001    0.002
//
// Edge flags (street::edge_flag): 2 kSteps; 3 kKerbRaised (interior node K); 5 kAccessUnknown; 11
// kKerbRaised (crossing way, end node X); 12 none (Y ends a street that is no crossing); 13 none (ramp);
// 14 kWheelchairNo; 15 kAccessUnknown. Every other way: none.
//
// On foot from A to C: the steps, 855 ds (A-B-K-D-C: 3 x 855 = 2565).
// Step-free (steps, wheelchair=no, raised kerbs avoided; unknown allowed): A-C and B-K-D are out, so
//   A-W1 855, W1-W2 1711 (2 d), W2-E 855 -> E 3421, then E-C over the limited footway 855 -> C 4276 ds
//   (E-F-D-C: 3421 + 3 x 855 = 5986).
// Step-free avoiding unknown too: C-E is out as well -> C 5986 ds.
namespace kwartier::testdata {

inline constexpr char const* kStepFreeOsm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="hand">
  <node id="1" lat="0.002" lon="0.000"/>
  <node id="2" lat="0.002" lon="0.001"/>
  <node id="3" lat="0.001" lon="0.000"/>
  <node id="4" lat="0.001" lon="0.001"/>
  <node id="5" lat="0.000" lon="0.000"/>
  <node id="6" lat="0.000" lon="0.001"/>
  <node id="7" lat="0.0015" lon="0.001"><tag k="barrier" v="kerb"/><tag k="kerb" v="raised"/></node>
  <node id="8" lat="0.002" lon="-0.001"/>
  <node id="9" lat="0.000" lon="-0.001"/>
  <node id="10" lat="-0.001" lon="0.000"><tag k="barrier" v="kerb"/><tag k="kerb" v="raised"/></node>
  <node id="11" lat="0.000" lon="0.002"><tag k="kerb" v="raised"/></node>
  <node id="12" lat="-0.001" lon="-0.001"/>
  <node id="13" lat="0.003" lon="-0.001"/>
  <node id="14" lat="0.001" lon="0.002"/>
  <way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
  <way id="2"><nd ref="1"/><nd ref="3"/><tag k="highway" v="steps"/></way>
  <way id="3"><nd ref="2"/><nd ref="7"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  <way id="4"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/></way>
  <way id="5"><nd ref="3"/><nd ref="5"/><tag k="highway" v="footway"/><tag k="wheelchair" v="limited"/></way>
  <way id="6"><nd ref="4"/><nd ref="6"/><tag k="highway" v="residential"/></way>
  <way id="7"><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/></way>
  <way id="8"><nd ref="8"/><nd ref="1"/><tag k="highway" v="residential"/></way>
  <way id="9"><nd ref="8"/><nd ref="9"/><tag k="highway" v="residential"/></way>
  <way id="10"><nd ref="9"/><nd ref="5"/><tag k="highway" v="residential"/></way>
  <way id="11"><nd ref="5"/><nd ref="10"/><tag k="highway" v="footway"/><tag k="footway" v="crossing"/></way>
  <way id="12"><nd ref="6"/><nd ref="11"/><tag k="highway" v="residential"/></way>
  <way id="13"><nd ref="9"/><nd ref="12"/><tag k="highway" v="steps"/><tag k="ramp:wheelchair" v="yes"/></way>
  <way id="14"><nd ref="8"/><nd ref="13"/><tag k="highway" v="footway"/><tag k="wheelchair" v="no"/></way>
  <way id="15"><nd ref="4"/><nd ref="14"/><tag k="highway" v="footway"/><tag k="kerb" v="rolled"/></way>
</osm>
)";

}  // namespace kwartier::testdata
