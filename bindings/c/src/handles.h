// Handle types shared by more than one section of the C ABI (a kw_network hands out a kw_timetable).
#pragma once

#include <memory>

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
};
