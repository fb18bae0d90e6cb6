// Replays fuzz inputs through LLVMFuzzerTestOneInput without libFuzzer, so the corpus runs in ctest under
// GCC and under ASan/UBSan. Arguments: files or directories (recursed).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size);

namespace fs = std::filesystem;

static int run_file(fs::path const& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "cannot read %s\n", p.c_str());
    return 1;
  }
  std::vector<char> buf((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<std::uint8_t const*>(buf.data()), buf.size());
  return 0;
}

int main(int argc, char** argv) {
  std::size_t n = 0;
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    fs::path const arg = argv[i];
    if (fs::is_directory(arg)) {
      std::vector<fs::path> files;
      for (auto const& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (auto const& f : files) rc |= run_file(f), ++n;
    } else {
      rc |= run_file(arg), ++n;
    }
  }
  std::printf("replayed %zu inputs\n", n);
  if (n == 0) {
    std::fprintf(stderr, "no inputs found\n");
    return 1;
  }
  return rc;
}
