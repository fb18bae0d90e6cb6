// Test helper (CLI and Python integrity tests): `search_tamper SIDE_FILE TEXT` replaces the first byte of
// the first occurrence of TEXT in a side file with 0xff (invalid UTF-8) and rewrites the header checksum,
// as a deliberate tamperer would, so only the open-time text check can catch it. Exit 0 when done.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "kwartier/core/dataset.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: search_tamper SIDE_FILE TEXT\n");
    return 2;
  }
  std::string bytes;
  {
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) return 1;
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto const pos = bytes.find(argv[2]);
  if (pos == std::string::npos || bytes.size() < sizeof(kwartier::dataset_header)) return 1;
  bytes[pos] = '\xff';
  kwartier::dataset_header h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.checksum = kwartier::hash64(bytes.data() + sizeof h, bytes.size() - sizeof h);
  std::memcpy(bytes.data(), &h, sizeof h);
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out ? 0 : 1;
}
