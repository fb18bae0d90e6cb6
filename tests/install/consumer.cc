#include <kwartier/core/dataset.h>
#include <kwartier/core/version.h>

#include <cstdio>

int main() {
  constexpr kwartier::dataset_kind kind{kwartier::fourcc("INST"), "install test"};
  kwartier::dataset_writer w{kind};
  auto f = kwartier::dataset_file::from_bytes(w.to_bytes(), kind);
  std::printf("kwartier %s: dataset %s\n", kwartier::version_string().data(), f ? "ok" : "refused");
  return f ? 0 : 1;
}
