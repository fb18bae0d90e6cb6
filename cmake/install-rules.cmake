# Install: headers (with the umbrella kwartier/kwartier.h), static module libraries, the C library (its own
# export set and kwartier_c.pc: bindings/c/CMakeLists.txt), CLI, Python package, and a CMake package:
# find_package(kwartier) -> kwartier::kwartier and kwartier::c; COMPONENTS c -> kwartier::c alone, without
# any C++ dependency (cmake/kwartierConfig.cmake).
include(CMakePackageConfigHelpers)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/kwartier DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
get_property(kw_modules GLOBAL PROPERTY KW_MODULES)
install(TARGETS ${kw_modules} kwartier_kwartier EXPORT kwartierTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT kwartierTargets NAMESPACE kwartier:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kwartier)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/kwartierConfigVersion.cmake
                                 COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/kwartierConfig.cmake ${CMAKE_BINARY_DIR}/kwartierConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kwartier)
