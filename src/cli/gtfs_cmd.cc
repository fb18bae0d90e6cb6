#include "cli/commands.h"

namespace kwartier::cli {

void add_gtfs_commands(CLI::App& /*app*/, int& /*exit_code*/) {
  // Owned by the gtfs module work; registers `kwartier gtfs ...`.
}

}  // namespace kwartier::cli
