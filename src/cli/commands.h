// Subcommand registration for the `kwartier` CLI. Each domain file adds its subcommands to the app.
// Exit codes: 0 ok; 1 the input has errors (validation); 2 usage; 10 + errc for a runtime error.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "kwartier/core/error.h"

namespace kwartier::cli {

void add_gtfs_commands(CLI::App& app, int& exit_code);
void add_network_commands(CLI::App& app, int& exit_code);
void add_search_commands(CLI::App& app, int& exit_code);

// Prints "kwartier: <error>" to stderr and returns the exit code for it.
inline int report_error(error const& e) {
  std::fprintf(stderr, "kwartier: error: %s\n", e.to_string().c_str());
  return 10 + static_cast<int>(e.code);
}

}  // namespace kwartier::cli
