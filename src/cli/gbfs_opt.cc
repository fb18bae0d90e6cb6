#include "cli/gbfs_opt.h"

#include <cstdio>

namespace kwartier::cli {

result<std::shared_ptr<bikeshare::system const>> load_gbfs_option(network::network const& net, std::string const& dir,
                                                                  char const* command) {
  if (dir.empty()) return std::shared_ptr<bikeshare::system const>{};
  KW_TRY(auto s, bikeshare::system::load(net, dir));
  auto const& m = s->summary();
  std::fprintf(stderr,
               "kwartier %s: bike share %s (GBFS %s): %zu stations and %zu free-floating bikes, %zu usable (%zu to "
               "pick up from, %zu to drop off at), %zu problems\n",
               command, s->feed().system_id.c_str(), std::string(bikeshare::gbfs_version_name(s->feed().version)).c_str(),
               m.stations, m.vehicles, m.points, m.pick_up, m.drop_off, s->report().problems().size());
  return s;
}

}  // namespace kwartier::cli
