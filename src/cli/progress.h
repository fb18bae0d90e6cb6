// Progress of long commands on stderr (docs/edges.md §3), the one printer every long subcommand uses:
//   - a terminal gets one line redrawn in place ("\r  stage  42%");
//   - anything else (a log, CI) gets one line per stage when the stage ends: "100%" for a finished stage,
//     "failed at N%" for the stage that was running when the command failed;
//   - quiet prints nothing.
//
//   progress_printer pp{quiet};
//   opt.progress = pp.callback();          // empty std::function when quiet
//   auto r = network::build(..., opt);
//   pp.finish(r.has_value());
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

namespace kwartier::cli {

class progress_printer {
 public:
  // Writes to stderr; a terminal when isatty(stderr).
  explicit progress_printer(bool quiet);
  // For tests: explicit stream and terminal mode.
  progress_printer(bool quiet, std::FILE* out, bool terminal);
  progress_printer(progress_printer const&) = delete;
  progress_printer& operator=(progress_printer const&) = delete;

  // The callback for a C++ options struct (stage, fraction 0..1); empty when quiet. Borrows *this.
  std::function<void(std::string_view, double)> callback();
  void update(std::string_view stage, double fraction);
  // Ends the last stage: at 100% when ok, "failed at N%" otherwise. Idempotent.
  void finish(bool ok);

 private:
  void end_stage(bool ok);
  bool quiet_;
  std::FILE* out_;
  bool terminal_;
  std::string stage_;
  int percent_ = -1;
  std::chrono::steady_clock::time_point stage_start_;
};

}  // namespace kwartier::cli
