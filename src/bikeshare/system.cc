// A GBFS feed bound to a network: bounding-box check and snapping (kwartier/bikeshare/system.h).
#include "kwartier/bikeshare/system.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace kwartier::bikeshare {

namespace {

struct bbox {
  double min_lat = std::numeric_limits<double>::infinity(), max_lat = -std::numeric_limits<double>::infinity();
  double min_lon = std::numeric_limits<double>::infinity(), max_lon = -std::numeric_limits<double>::infinity();
  bool contains(geo::latlng p) const {
    return p.lat >= min_lat && p.lat <= max_lat && p.lon >= min_lon && p.lon <= max_lon;
  }
};

bbox network_bbox(street::graph_view const& g, double margin_m) {
  bbox b;
  for (auto const& p : g.node_pos_) {
    b.min_lat = std::min(b.min_lat, p.lat);
    b.max_lat = std::max(b.max_lat, p.lat);
    b.min_lon = std::min(b.min_lon, p.lon);
    b.max_lon = std::max(b.max_lon, p.lon);
  }
  if (g.n_nodes() == 0) return b;
  double const dlat = margin_m / (geo::kEarthRadiusM * geo::kDegToRad);
  double const c = std::max(0.01, std::cos(std::max(std::abs(b.min_lat), std::abs(b.max_lat)) * geo::kDegToRad));
  double const dlon = dlat / c;
  b.min_lat -= dlat;
  b.max_lat += dlat;
  b.min_lon -= dlon;
  b.max_lon += dlon;
  return b;
}

std::string fmt_pos(geo::latlng p) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "(%.6f, %.6f)", p.lat, p.lon);
  return buf;
}

}  // namespace

bool system::bound_to(network::network const& n) const {
  return n.access_model() == network::access_model::streets && n.graph().head_.data() == net_.graph().head_.data() &&
         n.graph().n_edges() == net_.graph().n_edges();
}

std::string_view system::id(point const& p) const {
  return p.of == point::kind::station ? std::string_view{feed_.stations[p.index].id}
                                      : std::string_view{feed_.vehicles[p.index].id};
}

std::string_view system::name(point const& p) const {
  return p.of == point::kind::station ? std::string_view{feed_.stations[p.index].name}
                                      : std::string_view{"free-floating bike"};
}

geo::latlng system::pos(point const& p) const {
  return p.of == point::kind::station ? feed_.stations[p.index].pos : feed_.vehicles[p.index].pos;
}

result<std::shared_ptr<system const>> system::make(network::network const& net, bikeshare::feed f, options const& o) {
  if (net.access_model() != network::access_model::streets || net.graph().n_nodes() == 0)
    return make_error(errc::unsupported,
                      "bike share needs a network built with OSM streets (bikes ride the bike graph)", {}, 0, "network");
  if (!(o.max_snap_m >= 0.0) || !(o.bbox_margin_m >= 0.0) || o.pickup_seconds < 0 || o.dropoff_seconds < 0 ||
      o.pickup_seconds > 3600 || o.dropoff_seconds > 3600)
    return make_error(errc::invalid_argument,
                      "max_snap_m and bbox_margin_m must be >= 0, pickup_seconds and dropoff_seconds 0 to 3600", {}, 0,
                      "options");
  auto s = std::make_shared<system>();
  s->net_ = net;
  s->feed_ = std::move(f);
  s->opt_ = o;
  auto& sum = s->summary_;
  sum.stations = s->feed_.stations.size();
  sum.vehicles = s->feed_.vehicles.size();
  auto const box = network_bbox(net.graph(), o.bbox_margin_m);
  auto const& snapper = net.snapper();
  auto source_of = [&](std::string_view feed_name) {
    for (auto const& fl : s->feed_.files)
      if (fl.find(feed_name) != std::string::npos) return fl;
    return std::string(feed_name) + ".json";
  };
  auto const st_src = source_of("station_information");
  auto const veh_src = source_of(s->feed_.version == gbfs_version::v3_0 ? "vehicle_status" : "free_bike_status");
  auto bind_one = [&](point p, geo::latlng pos, std::string const& src, std::string const& what,
                      std::string const& field) {
    if (!box.contains(pos)) {
      ++sum.outside_network;
      s->feed_.report.add(severity::error, "outside_network", src, 0, field,
                          what + " at " + fmt_pos(pos) + " lies outside the network's area (not used)");
      return;
    }
    auto w = snapper.snap(pos, street::mode::walk, o.max_snap_m);
    auto b = snapper.snap(pos, street::mode::bike, o.max_snap_m);
    if (!w || !b) {
      ++sum.not_snapped;
      s->feed_.report.add(severity::warning, "not_snapped", src, 0, field,
                          what + " at " + fmt_pos(pos) + " is farther than " + std::to_string(o.max_snap_m) +
                              " m from a street usable " + (w ? "by bike" : "on foot") + " (not used)");
      return;
    }
    p.walk = *w;
    p.bike = *b;
    if (p.pick_up) ++sum.pick_up;
    if (p.drop_off) ++sum.drop_off;
    s->points_.push_back(p);
  };
  for (std::uint32_t i = 0; i < s->feed_.stations.size(); ++i) {
    auto const& st = s->feed_.stations[i];
    if (!st.has_status) {
      ++sum.stations_no_status;
      continue;
    }
    point p;
    p.of = point::kind::station;
    p.index = i;
    p.pick_up = st.can_pick_up();
    p.drop_off = st.can_drop_off();
    bind_one(p, st.pos, st_src, "station '" + st.id + "'", "data.stations[station_id=" + st.id + "].lat");
  }
  for (std::uint32_t i = 0; i < s->feed_.vehicles.size(); ++i) {
    auto const& v = s->feed_.vehicles[i];
    point p;
    p.of = point::kind::vehicle;
    p.index = i;
    p.pick_up = v.can_pick_up();
    p.drop_off = false;
    bind_one(p, v.pos, veh_src, "vehicle '" + v.id + "'", std::string(s->feed_.version == gbfs_version::v3_0 ? "data.vehicles[vehicle_id=" : "data.bikes[bike_id=") + v.id +
                "].lat");
  }
  sum.points = s->points_.size();
  return std::shared_ptr<system const>{std::move(s)};
}

result<std::shared_ptr<system const>> system::load(network::network const& net, std::filesystem::path const& path,
                                                   options const& o) {
  KW_TRY(auto f, load_gbfs(path));
  return make(net, std::move(f), o);
}

}  // namespace kwartier::bikeshare
