# realtime fuzz target: the GTFS-realtime protobuf reader, the overlay and a query on it.
kw_add_fuzzer(realtime SOURCES ${CMAKE_CURRENT_LIST_DIR}/realtime_fuzz.cc LIBS kwartier::realtime kwartier::routing)
foreach(t realtime_fuzz realtime_replay)
  if(TARGET ${t})
    target_compile_definitions(${t} PRIVATE KW_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  endif()
endforeach()
