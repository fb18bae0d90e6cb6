// Handle types shared by more than one section of the C ABI (a kw_network hands out a kw_timetable).
#pragma once

#include <memory>

#include "kwartier/bikeshare/system.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/view.h"
#include "kwartier/transit/timetable.h"

struct kw_timetable {
  kwartier::transit::timetable_view tt;  // keeps its mapping alive (a .kwt, or the .kwn it came from)
};

struct kw_network {
  kwartier::network::network net;
  // kw_network_apply_realtime: the realtime view kw_route uses (nullptr: the timetable as scheduled).
  std::shared_ptr<kwartier::realtime::view const> realtime{};
  // kw_network_load_gbfs: the bike-share system kw_route / kw_isochrone use (nullptr: none).
  std::shared_ptr<kwartier::bikeshare::system const> bikeshare{};
};
