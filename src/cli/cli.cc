#include "cli/cli.h"

#include <cstdlib>
#include <system_error>

namespace kwartier::cli {

int report_error(error const& e) {
  std::fprintf(stderr, "kwartier: error: %s\n", e.to_string().c_str());
  return kExitRuntimeBase + static_cast<int>(e.code);
}

CLI::Option* add_format_option(CLI::App* cmd, format& f) {
  return cmd
      ->add_option_function<std::string>(
          "--format", [&f](std::string const& v) { f = v == "json" ? format::json : format::text; },
          "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

CLI::Option* add_quiet_flag(CLI::App* cmd, bool& quiet) {
  return cmd->add_flag("-q,--quiet", quiet, "No progress and no summary on stderr");
}

CLI::Option* add_strict_flag(CLI::App* cmd, bool& strict) {
  return cmd->add_flag("--strict", strict, "Exit 1 when the input has errors (the output is still written)");
}

CLI::Option* add_bool_option(CLI::App* cmd, std::string const& field, bool& value, std::string const& help) {
  std::string name = field;
  for (auto& c : name)
    if (c == '_') c = '-';
  if (value) return cmd->add_flag_callback("--no-" + name, [&value] { value = false; }, help + " (on by default)");
  return cmd->add_flag_callback("--" + name, [&value] { value = true; }, help + " (off by default)");
}

void print_json(edges::json const& j) {
  auto const s = edges::dump(j);
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

std::string problem_counts(validation_report const& r) {
  return std::to_string(r.count(severity::error)) + " errors, " + std::to_string(r.count(severity::warning)) +
         " warnings, " + std::to_string(r.count(severity::info)) + " infos";
}

std::uint64_t file_bytes(std::filesystem::path const& p) {
  std::error_code ec;
  auto const n = std::filesystem::file_size(p, ec);
  return ec ? 0 : static_cast<std::uint64_t>(n);
}

bool parse_point(std::string const& s, geo::latlng& out) {
  auto const comma = s.find(',');
  if (comma == std::string::npos) return false;
  auto const lat = s.substr(0, comma), lon = s.substr(comma + 1);
  char* end = nullptr;
  out.lat = std::strtod(lat.c_str(), &end);
  if (lat.empty() || *end != '\0') return false;
  out.lon = std::strtod(lon.c_str(), &end);
  return !lon.empty() && *end == '\0';
}

}  // namespace kwartier::cli
