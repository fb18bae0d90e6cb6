// One load + build of the given feeds in a fresh process; prints wall seconds and peak RSS (MB) so
// run.sh can report peak memory during the build. Usage:
//   transit_peak FEED... [-o out.kwt] [--expect TRIPS,STOP_TIMES]
// With --expect (run.sh passes the counts of the feed's SOURCE.md) a build that does not keep exactly that
// many trips and stop times prints both and exits 2, so a wrong answer is never timed.
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
  bool expect = false;
  std::size_t want_trips = 0, want_stop_times = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
    else if (std::strcmp(argv[i], "--expect") == 0 && i + 1 < argc) {
      if (std::sscanf(argv[++i], "%zu,%zu", &want_trips, &want_stop_times) != 2) {
        std::fprintf(stderr, "--expect TRIPS,STOP_TIMES\n");
        return 2;
      }
      expect = true;
    }
    else feeds.push_back({argv[i], {}});
  }
  auto const t0 = std::chrono::steady_clock::now();
  auto f = kwartier::transit::load_gtfs(feeds);
  if (!f) {
    std::fprintf(stderr, "%s\n", f.error().to_string().c_str());
    return 1;
  }
  auto tt = kwartier::transit::build_timetable(*f);
  if (!tt) {
    std::fprintf(stderr, "%s\n", tt.error().to_string().c_str());
    return 1;
  }
  if (!out.empty()) {
    if (auto st = kwartier::transit::save_timetable(*tt, out); !st) {
      std::fprintf(stderr, "%s\n", st.error().to_string().c_str());
      return 1;
    }
  }
  auto const secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (expect && (tt->n_trips() != want_trips || tt->n_stop_times() != want_stop_times)) {
    std::fprintf(stderr, "built %zu trips, %zu stop times; the feed has %zu, %zu\n", tt->n_trips(),
                 tt->n_stop_times(), want_trips, want_stop_times);
    return 2;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%.3f %.1f %zu\n", secs, static_cast<double>(ru.ru_maxrss) / 1024.0, tt->n_stop_times());
  return 0;
}
