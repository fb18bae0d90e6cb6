#!/usr/bin/env bash
# ctest driver: install the build tree into a scratch prefix, then configure, build and run the consumer.
set -euo pipefail
build=$1 src=$2
prefix=$build/install-test/prefix
rm -rf "$build/install-test"
cmake --install "$build" --prefix "$prefix" >/dev/null
cmake -S "$src/tests/install" -B "$build/install-test/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/install-test/build" >/dev/null
"$build/install-test/build/consumer_cpp"
LD_LIBRARY_PATH="$prefix/lib" "$build/install-test/build/consumer_c"
