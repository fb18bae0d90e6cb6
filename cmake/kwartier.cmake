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

# kw_add_c_test(<target> TEST <ctest name> SOURCES a.c [LIBS m] [LABELS c_abi access ...] [TIMEOUT 600])
# A C99 program against the C ABI (kwartier::c), warnings as errors, run from the build folder.
function(kw_add_c_test target)
  cmake_parse_arguments(PARSE_ARGV 1 T "" "TEST;TIMEOUT" "SOURCES;LIBS;LABELS")
  add_executable(${target} ${T_SOURCES})
  set_target_properties(${target} PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -pedantic -Werror)
  target_link_libraries(${target} PRIVATE kwartier::c ${T_LIBS})
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${target} PRIVATE
    KW_SHARED_DATA_DIR="${KW_SHARED_DATA_DIR}" KW_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  if(NOT T_LABELS)
    set(T_LABELS c_abi)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  add_test(NAME ${T_TEST} COMMAND ${target} WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(${T_TEST} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT})
endfunction()

# kw_add_cli_test(<ctest name> COMMAND "<shell script>" PASS "<regex>" [FIXTURES_SETUP f] [FIXTURES_REQUIRED f]
#                 [LABELS unit])
# A `sh -c` script (usually the kwartier CLI) whose output must match PASS. The script and the regex may hold
# `;` (they are parsed with PARSE_ARGV, so they reach the test whole).
function(kw_add_cli_test name)
  cmake_parse_arguments(PARSE_ARGV 1 T "" "COMMAND;PASS;FIXTURES_SETUP;FIXTURES_REQUIRED" "LABELS")
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  add_test(NAME ${name} COMMAND sh -c "${T_COMMAND}")
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" PASS_REGULAR_EXPRESSION "${T_PASS}")
  if(T_FIXTURES_SETUP)
    set_tests_properties(${name} PROPERTIES FIXTURES_SETUP ${T_FIXTURES_SETUP})
  endif()
  if(T_FIXTURES_REQUIRED)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED ${T_FIXTURES_REQUIRED})
  endif()
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
