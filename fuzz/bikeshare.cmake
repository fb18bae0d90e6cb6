# bikeshare fuzz target: the GBFS reader (simdjson) on a feed split into its files.
kw_add_fuzzer(gbfs SOURCES ${CMAKE_CURRENT_LIST_DIR}/gbfs_fuzz.cc LIBS kwartier::bikeshare)
