# street fuzz target: OSM XML / PBF reading and the graph build.
kw_add_fuzzer(osm SOURCES ${CMAKE_CURRENT_LIST_DIR}/osm_fuzz.cc LIBS kwartier::street)
