// A C++ program against the installed library, including only the umbrella header.
#include <kwartier/kwartier.h>

#include <cstdio>

int main() {
  constexpr kwartier::dataset_kind kind{kwartier::fourcc("INST"), "install test"};
  kwartier::dataset_writer w{kind};
  auto f = kwartier::dataset_file::from_bytes(w.to_bytes(), kind);
  auto const langs = kwartier::search::parse_langs("nl,fr");
  std::printf("kwartier %s: dataset %s, %zu languages\n", kwartier::version_string().data(), f ? "ok" : "refused",
              langs ? langs->size() : 0);
  return f && langs && langs->size() == 2 ? 0 : 1;
}
