// Fuzzes the GTFS-realtime reader and the overlay: parse_feed on arbitrary bytes must refuse with a clear
// error or give a message that encode_feed round-trips, that realtime::apply turns into a view of the
// hand-written Brussels sample (data/gtfs/mini-brussels, a straight-line network built once), and that a
// route query with that view plans on without crashing.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "kwartier/network/build.h"
#include "kwartier/network/network.h"
#include "kwartier/realtime/feed.h"
#include "kwartier/realtime/view.h"
#include "kwartier/routing/journey.h"

namespace {

kwartier::network::network const& mini() {
  static kwartier::network::network const n = [] {
    namespace fs = std::filesystem;
    auto const out = fs::temp_directory_path() / ("kw_realtime_fuzz_" + std::to_string(::getpid()) + ".kwn");
    auto s = kwartier::network::build({{fs::path{KW_SOURCE_DIR} / "data/gtfs/mini-brussels", ""}}, {}, out);
    if (!s) std::abort();
    auto net = kwartier::network::network::open(out);
    if (!net) std::abort();
    fs::remove(out);  // the mapping stays valid
    return std::move(*net);
  }();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace kwartier;
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  auto msg = realtime::parse_feed(bytes, "fuzz.pb");
  if (!msg) {
    if (msg.error().code != errc::invalid_format && msg.error().code != errc::limit_exceeded) std::abort();
    return 0;
  }
  // Round trip: what was read encodes and reads back to the same trip updates.
  auto again = realtime::parse_feed(realtime::encode_feed(*msg), "again.pb");
  if (!again || again->trip_updates.size() != msg->trip_updates.size()) std::abort();
  auto v = realtime::apply(mini(), *msg);
  if (!v) {
    if (v.error().code != errc::unsupported) std::abort();  // DIFFERENTIAL
    return 0;
  }
  auto const& s = (*v)->summary();
  if (s.trips_matched + s.trips_unmatched + s.trips_not_running + s.trips_unsupported + s.trips_duplicate +
          s.deleted != s.trip_updates)
    std::abort();
  // GDM1 -> ROG on Monday 2024-12-09 at 07:55 (and 05:55, before the frequency trips) with the view.
  routing::route_request r;
  r.from = {50.8355, 4.3358};
  r.to = {50.8556, 4.3589};
  r.date = 20066;
  r.realtime = *v;
  thread_local routing::query_state qs;
  for (auto const t : {7 * 3600 + 55 * 60, 5 * 3600 + 55 * 60}) {
    r.time = t;
    auto js = routing::route(mini(), r, qs);
    if (!js) std::abort();
    for (auto const& j : *js)
      for (auto const& l : j.legs)
        if (l.kind == routing::leg_kind::ride && (l.arrival < l.departure || l.status == realtime::ride_status::cancelled))
          std::abort();
  }
  return 0;
}
