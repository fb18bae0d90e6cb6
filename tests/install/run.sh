#!/usr/bin/env bash
# ctest driver: install the build tree into a scratch prefix, then build and run three consumers of it:
#   1. find_package(kwartier) with C and C++ (the C++ one includes only <kwartier/kwartier.h>);
#   2. a pure-C project with find_package(kwartier COMPONENTS c) and every C++ dependency disabled;
#   3. a C99 program compiled with `pkg-config --cflags --libs kwartier_c`.
set -euo pipefail
build=$1 src=$2
prefix=$build/install-test/prefix
rm -rf "$build/install-test"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libkwartier_c.so' | head -1)")

echo "== 1. find_package(kwartier): C++ (umbrella header) and C"
cmake -S "$src/tests/install" -B "$build/install-test/build" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/install-test/build" >/dev/null
"$build/install-test/build/consumer_cpp"
LD_LIBRARY_PATH="$libdir" "$build/install-test/build/consumer_c"

echo "== 2. find_package(kwartier COMPONENTS c) in a C-only project, C++ dependencies disabled"
disabled=()
for dep in tl-expected PkgConfig simdjson ICU xapian Boost Threads date nlohmann_json ZLIB BZip2 EXPAT CLI11; do
  disabled+=("-DCMAKE_DISABLE_FIND_PACKAGE_${dep}=ON")
done
cmake -S "$src/tests/install/c_only" -B "$build/install-test/c_only" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      "${disabled[@]}" >/dev/null
cmake --build "$build/install-test/c_only" >/dev/null
LD_LIBRARY_PATH="$libdir" "$build/install-test/c_only/consumer_c_only"
# not vacuous: the C++ consumer configured with the same dependencies disabled must fail
if cmake -S "$src/tests/install" -B "$build/install-test/cxx_disabled" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
      "${disabled[@]}" >/dev/null 2>&1; then
  echo "the C++ consumer configured without its dependencies: the disabling above proves nothing"; exit 1
fi

echo "== 3. pkg-config kwartier_c"
flags=$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs kwartier_c)
echo "pkg-config --cflags --libs kwartier_c: $flags"
cc -std=c99 -pedantic -Wall -Wextra -Werror "$src/tests/install/consumer.c" $flags -o "$build/install-test/consumer_pc"
LD_LIBRARY_PATH="$libdir" "$build/install-test/consumer_pc"
echo "install test passed"
