#include "cli/commands.h"

namespace kwartier::cli {

void add_search_commands(CLI::App& /*app*/, int& /*exit_code*/) {
  // Owned by the search module work; registers `kwartier search ...`.
}

}  // namespace kwartier::cli
