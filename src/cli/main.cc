#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "kwartier/core/version.h"

int main(int argc, char** argv) {
  CLI::App app{"kwartier: multilingual procedure search and 15-minute-city routing", "kwartier"};
  app.set_version_flag("--version", std::string(kwartier::version_string()));
  app.require_subcommand(1);
  int exit_code = 0;
  kwartier::cli::add_gtfs_commands(app, exit_code);
  kwartier::cli::add_network_commands(app, exit_code);
  kwartier::cli::add_search_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    int const rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
