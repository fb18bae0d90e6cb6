// One load + build of the given feeds in a fresh process; prints wall seconds and peak RSS (MB) so
// run.sh can report peak memory during the build. Usage: transit_peak FEED... [-o out.kwt]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "kwartier/transit/gtfs.h"

int main(int argc, char** argv) {
  std::vector<kwartier::transit::feed_input> feeds;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
    else feeds.push_back({argv[i], {}});
  }
  auto const t0 = std::chrono::steady_clock::now();
  auto f = kwartier::transit::load_gtfs(feeds);
  if (!f) {
    std::fprintf(stderr, "%s\n", f.error().to_string().c_str());
    return 1;
  }
  auto tt = kwartier::transit::build_timetable(*f);
  if (!tt) return 1;
  if (!out.empty() && !kwartier::transit::save_timetable(*tt, out)) return 1;
  auto const secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%.3f %.1f %zu\n", secs, static_cast<double>(ru.ru_maxrss) / 1024.0, tt->n_stop_times());
  return 0;
}
