#include "cli/commands.h"

namespace kwartier::cli {

void add_network_commands(CLI::App& /*app*/, int& /*exit_code*/) {
  // Owned by the network module work; registers `kwartier network ...`.
}

}  // namespace kwartier::cli
