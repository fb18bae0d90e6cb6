# poi fuzz targets: the user's POI files (CSV, GeoJSON).
kw_add_fuzzer(poi_csv SOURCES ${CMAKE_CURRENT_LIST_DIR}/poi_csv_fuzz.cc LIBS kwartier::poi)
kw_add_fuzzer(poi_geojson SOURCES ${CMAKE_CURRENT_LIST_DIR}/poi_geojson_fuzz.cc LIBS kwartier::poi)
