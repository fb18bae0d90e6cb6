// `--gbfs DIR` of `kwartier route` and `kwartier isochrone`: the GBFS folder bound to the opened network
// (bikeshare::system::load), with a one-line summary on stderr. Shared by route_cmd.cc and isochrone_cmd.cc.
#pragma once

#include <memory>
#include <string>

#include "kwartier/bikeshare/system.h"
#include "kwartier/core/result.h"
#include "kwartier/network/network.h"

namespace kwartier::cli {

// nullptr (no error) when `dir` is empty.
result<std::shared_ptr<bikeshare::system const>> load_gbfs_option(network::network const& net, std::string const& dir,
                                                                  char const* command);

}  // namespace kwartier::cli
