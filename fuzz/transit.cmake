# transit fuzz targets: CSV reader, GTFS loader (zip bytes or a set of files), timetable dataset loader.
kw_add_fuzzer(csv SOURCES ${CMAKE_CURRENT_LIST_DIR}/csv_fuzz.cc LIBS kwartier::io)
kw_add_fuzzer(gtfs SOURCES ${CMAKE_CURRENT_LIST_DIR}/gtfs_fuzz.cc LIBS kwartier::transit)
kw_add_fuzzer(timetable SOURCES ${CMAKE_CURRENT_LIST_DIR}/timetable_fuzz.cc LIBS kwartier::transit)
