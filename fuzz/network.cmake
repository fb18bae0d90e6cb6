# network fuzz target: the .kwn loader plus queries on what it accepts.
kw_add_fuzzer(network SOURCES ${CMAKE_CURRENT_LIST_DIR}/network_fuzz.cc LIBS kwartier::network kwartier::routing)
