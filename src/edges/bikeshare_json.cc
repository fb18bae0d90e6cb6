// JSON of a bike-share system (docs/edges.md): what `kwartier route --gbfs` reports, Network.bikeshare and
// kw_network_gbfs_json give. One shape for the three edges.
#include "edges/json.h"
#include "kwartier/bikeshare/system.h"

namespace kwartier::edges {

json to_json(bikeshare::system const& s) {
  auto const& f = s.feed();
  auto const& m = s.summary();
  json stations = json::array();
  for (auto const& p : s.points()) {
    if (p.of != bikeshare::point::kind::station) continue;
    auto const& st = f.stations[p.index];
    stations.push_back(json{{"station_id", st.id},
                            {"name", st.name},
                            {"lat", st.pos.lat},
                            {"lon", st.pos.lon},
                            {"capacity", st.capacity < 0 ? json(nullptr) : json(st.capacity)},
                            {"bikes_available", st.bikes_available},
                            {"docks_available", st.docks_available < 0 ? json(nullptr) : json(st.docks_available)},
                            {"pick_up", p.pick_up},
                            {"drop_off", p.drop_off}});
  }
  return json{{"version", std::string(bikeshare::gbfs_version_name(f.version))},
              {"system_id", f.system_id},
              {"name", f.name},
              {"timezone", f.timezone},
              {"files", f.files},
              {"stations", m.stations},
              {"vehicles", m.vehicles},
              {"points", m.points},
              {"pick_up", m.pick_up},
              {"drop_off", m.drop_off},
              {"stations_no_status", m.stations_no_status},
              {"outside_network", m.outside_network},
              {"not_snapped", m.not_snapped},
              {"pickup_seconds", s.opts().pickup_seconds},
              {"dropoff_seconds", s.opts().dropoff_seconds},
              {"usable_stations", std::move(stations)},
              {"report", to_json(s.report())}};
}

}  // namespace kwartier::edges
