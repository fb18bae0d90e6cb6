# search: catalogue parsers and the index side-file loader.
kw_add_fuzzer(search_catalogue SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/search_catalogue_fuzz.cc LIBS kwartier::search)
kw_add_fuzzer(search_side SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/search_side_fuzz.cc LIBS kwartier::search)
# query-time translation: the dictd reader and the compiled translation table
kw_add_fuzzer(search_dictd SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/search_dictd_fuzz.cc LIBS kwartier::text)
kw_add_fuzzer(search_translations SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/search_translations_fuzz.cc LIBS kwartier::search)
