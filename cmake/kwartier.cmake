# Helpers shared by every module. One static library per module: kwartier_<m>, alias kwartier::<m>.

set(KW_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers)

function(kw_add_module name)
  cmake_parse_arguments(M "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(kwartier_${name} STATIC ${M_SOURCES})
  add_library(kwartier::${name} ALIAS kwartier_${name})
  target_include_directories(kwartier_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_features(kwartier_${name} PUBLIC cxx_std_20)
  target_compile_options(kwartier_${name} PRIVATE ${KW_WARNINGS})
  target_link_libraries(kwartier_${name} PUBLIC ${M_PUBLIC} PRIVATE ${M_PRIVATE})
  set_target_properties(kwartier_${name} PROPERTIES EXPORT_NAME ${name} OUTPUT_NAME kwartier_${name})
  set_property(GLOBAL APPEND PROPERTY KW_MODULES kwartier_${name})
endfunction()

# Scratch folder of the C++ tests and fuzz replays (TMPDIR), emptied before and removed after a ctest run by
# the fixture `kw_scratch` (cmake/test_scratch.cmake): tests write their temporary networks and indexes under
# temp_directory_path() and never pile up in /tmp.
set(KW_TEST_TMPDIR "${PROJECT_BINARY_DIR}/test-tmp")
function(kw_add_test_scratch)
  add_test(NAME kw_scratch.setup COMMAND ${CMAKE_COMMAND} -DDIR=${KW_TEST_TMPDIR} -DMODE=setup
           -P ${PROJECT_SOURCE_DIR}/cmake/test_scratch.cmake)
  add_test(NAME kw_scratch.cleanup COMMAND ${CMAKE_COMMAND} -DDIR=${KW_TEST_TMPDIR} -DMODE=cleanup
           -P ${PROJECT_SOURCE_DIR}/cmake/test_scratch.cmake)
  set_tests_properties(kw_scratch.setup PROPERTIES FIXTURES_SETUP kw_scratch LABELS unit)
  set_tests_properties(kw_scratch.cleanup PROPERTIES FIXTURES_CLEANUP kw_scratch LABELS unit)
endfunction()

# kw_add_test(<module> SOURCES a_test.cc ... [LIBS ...] [LABELS unit data])
# One GoogleTest binary per module, discovered into ctest with labels.
function(kw_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
    KW_SHARED_DATA_DIR="${KW_SHARED_DATA_DIR}" KW_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${T_LABELS}"
    ENVIRONMENT "TMPDIR=${KW_TEST_TMPDIR}" FIXTURES_REQUIRED kw_scratch)
endfunction()

# kw_add_fuzzer(<name> SOURCES x_fuzz.cc LIBS ...)
# With KW_FUZZ: a libFuzzer binary. Otherwise: the same target linked with fuzz/replay_main.cc and a ctest
# that replays fuzz/corpus/<name>/ (so the corpus runs under GCC and under ASan/UBSan).
function(kw_add_fuzzer name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS" ${ARGN})
  if(KW_FUZZ)
    add_executable(${name}_fuzz ${F_SOURCES})
    target_link_libraries(${name}_fuzz PRIVATE ${F_LIBS})
    target_compile_options(${name}_fuzz PRIVATE -fsanitize=fuzzer)
    target_link_options(${name}_fuzz PRIVATE -fsanitize=fuzzer)
    set_target_properties(${name}_fuzz PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
    set_property(GLOBAL APPEND PROPERTY KW_FUZZERS ${name})  # the `fuzzers` target, scripts/fuzz
  else()
    add_executable(${name}_replay ${F_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
    target_link_libraries(${name}_replay PRIVATE ${F_LIBS})
    add_test(NAME fuzz_replay.${name}
             COMMAND ${name}_replay ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    set_tests_properties(fuzz_replay.${name} PROPERTIES LABELS fuzz TIMEOUT 600
      ENVIRONMENT "TMPDIR=${KW_TEST_TMPDIR}" FIXTURES_REQUIRED kw_scratch)
  endif()
endfunction()
