# ctest fixture `kw_scratch` (see kw_add_test): MODE=setup empties and creates DIR, MODE=cleanup removes it.
# The C++ tests and fuzz replays run with TMPDIR=DIR, so the per-process folders and files they write with
# std::filesystem::temp_directory_path() stay inside the build tree and are gone after the run.
file(REMOVE_RECURSE "${DIR}")
if(MODE STREQUAL "setup")
  file(MAKE_DIRECTORY "${DIR}")
endif()
