// Handle types shared by more than one section of the C ABI (a kw_network hands out a kw_timetable).
#pragma once

#include "kwartier/network/network.h"
#include "kwartier/transit/timetable.h"

struct kw_timetable {
  kwartier::transit::timetable_view tt;  // keeps its mapping alive (a .kwt, or the .kwn it came from)
};

struct kw_network {
  kwartier::network::network net;
};
