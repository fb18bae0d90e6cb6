#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace kwartier::cli {

progress_printer::progress_printer(bool quiet) : progress_printer(quiet, stderr, ::isatty(STDERR_FILENO) != 0) {}

progress_printer::progress_printer(bool quiet, std::FILE* out, bool terminal)
    : quiet_{quiet}, out_{out}, terminal_{terminal} {}

std::function<void(std::string_view, double)> progress_printer::callback() {
  if (quiet_) return {};
  return [this](std::string_view stage, double fraction) { update(stage, fraction); };
}

void progress_printer::update(std::string_view stage, double fraction) {
  if (quiet_) return;
  if (stage != stage_) {
    if (!stage_.empty()) end_stage(true);
    stage_ = std::string(stage);
    percent_ = -1;
    stage_start_ = std::chrono::steady_clock::now();
  }
  double const f = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
  int const pct = static_cast<int>(f * 100.0);
  if (pct == percent_) return;
  percent_ = pct;
  if (terminal_) {
    std::fprintf(out_, "\r  %-28s %3d%%", stage_.c_str(), pct);
    std::fflush(out_);
  }
}

void progress_printer::end_stage(bool ok) {
  double const secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start_).count();
  if (ok)
    std::fprintf(out_, "%s  %-28s 100%%  %.2f s\n", terminal_ ? "\r" : "", stage_.c_str(), secs);
  else
    std::fprintf(out_, "%s  %-28s failed at %d%%\n", terminal_ ? "\r" : "", stage_.c_str(), std::max(percent_, 0));
  std::fflush(out_);
  stage_.clear();
  percent_ = -1;
}

void progress_printer::finish(bool ok) {
  if (quiet_ || stage_.empty()) return;
  end_stage(ok);
}

}  // namespace kwartier::cli
