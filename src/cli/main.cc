// The `kwartier` command: registers the subcommands of each domain and maps every CLI11 error to exit 2
// (docs/edges.md §2). An unknown or missing subcommand names the valid ones.
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.h"
#include "kwartier/core/version.h"

namespace {

// The subcommand path named on the command line ("kwartier gtfs") and, when it stops at a command that
// needs a subcommand, the word that is not one of them (empty when none was given).
struct command_walk {
  CLI::App* level;
  std::string path;
  std::string unknown;
  bool needs_subcommand;
};

std::vector<CLI::App*> subcommands(CLI::App* level) {
  return level->get_subcommands([](CLI::App*) { return true; });
}

CLI::App* find_subcommand(CLI::App* level, std::string_view name) {
  for (auto* s : subcommands(level))
    if (s->check_name(std::string(name))) return s;
  return nullptr;
}

command_walk walk(CLI::App& app, int argc, char** argv) {
  command_walk w{&app, "kwartier", {}, false};
  for (int i = 1; i < argc; ++i) {
    std::string_view const a = argv[i];
    if (a.empty() || a[0] == '-') continue;
    if (subcommands(w.level).empty()) break;  // a leaf: the rest are its arguments
    auto* sub = find_subcommand(w.level, a);
    if (sub == nullptr) {
      w.unknown = std::string(a);
      break;
    }
    w.level = sub;
    w.path += " " + sub->get_name();
  }
  w.needs_subcommand = !subcommands(w.level).empty();
  return w;
}

std::string subcommand_names(CLI::App* level) {
  std::string out;
  for (auto const* s : subcommands(level)) out += (out.empty() ? "" : ", ") + s->get_name();
  return out;
}

// -q on every command (docs/edges.md §3), so a script may pass it to any of them: commands that report no
// progress and no summary on stderr (validate, info, query, route…) accept it and have nothing to silence.
// Runs after every domain registered its commands, so a command added later gets it too.
void accept_quiet_everywhere(CLI::App* level) {
  static bool ignored = false;
  auto const subs = subcommands(level);
  if (subs.empty() && level->get_parent() != nullptr && level->get_option_no_throw("--quiet") == nullptr)
    level->add_flag("-q,--quiet", ignored, "Accepted for uniformity; this command writes nothing on stderr but errors");
  for (auto* s : subs) accept_quiet_everywhere(s);
}

}  // namespace

int main(int argc, char** argv) {
  // Over a file size limit (ulimit -f) a write fails with EFBIG and the build reports io_error, instead of
  // SIGXFSZ killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"kwartier: multilingual procedure search and 15-minute-city routing", "kwartier"};
  app.set_version_flag("--version", std::string(kwartier::version_string()));
  app.require_subcommand(1);
  int exit_code = kwartier::cli::kExitOk;
  kwartier::cli::add_gtfs_commands(app, exit_code);
  kwartier::cli::add_network_commands(app, exit_code);
  kwartier::cli::add_search_commands(app, exit_code);
  kwartier::cli::add_route_commands(app, exit_code);
  kwartier::cli::add_matrix_commands(app, exit_code);
  kwartier::cli::add_realtime_commands(app, exit_code);
  kwartier::cli::add_access_commands(app, exit_code);
  kwartier::cli::add_isochrone_commands(app, exit_code);
  accept_quiet_everywhere(&app);
  try {
    app.parse(argc, argv);
  } catch (CLI::CallForHelp const& e) {
    return app.exit(e);
  } catch (CLI::CallForAllHelp const& e) {
    return app.exit(e);
  } catch (CLI::CallForVersion const& e) {
    return app.exit(e);
  } catch (CLI::ParseError const& e) {
    auto const w = walk(app, argc, argv);
    if (w.needs_subcommand && (!w.unknown.empty() || dynamic_cast<CLI::RequiredError const*>(&e) != nullptr)) {
      if (w.unknown.empty())
        std::fprintf(stderr, "%s: a command is required: %s\n", w.path.c_str(), subcommand_names(w.level).c_str());
      else
        std::fprintf(stderr, "%s: unknown command '%s'; the commands are: %s\n", w.path.c_str(), w.unknown.c_str(),
                     subcommand_names(w.level).c_str());
      std::fprintf(stderr, "Run '%s --help' for more.\n", w.path.c_str());
      return kwartier::cli::kExitUsage;
    }
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for more.\n", w.path.c_str(), e.what(), w.path.c_str());
    return kwartier::cli::kExitUsage;
  }
  return exit_code;
}
