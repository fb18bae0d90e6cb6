// A bike-share system bound to an opened network: the GBFS feed (bikeshare/gbfs.h) with every usable station
// and free-floating vehicle snapped onto the walk and the bike graph. An immutable value beside the network
// (the mapped file never changes), like the realtime overlay: loading a newer feed makes a new system, and
// queries running on the old one keep it. Routing takes it through route_request::bikeshare and
// isochrone_request::bikeshare (routing/bikeshare.h; docs/realtime.md "Bike share").
//
//   KW_TRY(auto sys, bikeshare::system::load(net, "data/gbfs/mini-brussels-3.0"));  // shared_ptr<system const>
//   sys->summary().pick_up, sys->report().problems()
//
// Binding checks what needs the network: a station or vehicle outside the network's bounding box (grown by
// options::bbox_margin_m) is reported (`outside_network`) and not used; one farther than options::max_snap_m
// from a street usable on foot and by bike is reported (`not_snapped`) and not used.
//
// Errors of make / load: unsupported (a network without a street graph: bike share rides the bike graph),
// invalid_argument (negative options), and those of load_gbfs.
//
// Thread rules: immutable once made; share it (shared_ptr) across any number of threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "kwartier/bikeshare/gbfs.h"
#include "kwartier/core/result.h"
#include "kwartier/network/network.h"
#include "kwartier/street/query.h"

namespace kwartier::bikeshare {

struct options {
  double max_snap_m = 100.0;          // farther from a usable street: not used (reported)
  double bbox_margin_m = 1000.0;      // outside the network's bounding box grown by this: not used (reported)
  std::int32_t pickup_seconds = 60;   // taking a bike out of its dock (or unlocking a free-floating one)
  std::int32_t dropoff_seconds = 60;  // docking it
};

// Where a bike can be taken or left: a station, or a free-floating vehicle (take only), snapped to both graphs.
struct point {
  enum class kind : std::uint8_t { station = 0, vehicle = 1 };
  point::kind of = kind::station;
  std::uint32_t index = 0;  // into feed().stations or feed().vehicles
  bool pick_up = false;     // station::can_pick_up / vehicle::can_pick_up
  bool drop_off = false;    // station::can_drop_off (vehicles: never)
  street::snap_result walk, bike;
};

struct summary {
  std::size_t stations = 0, vehicles = 0;           // read from the feed
  std::size_t points = 0;                           // snapped and usable (stations and vehicles)
  std::size_t pick_up = 0, drop_off = 0;            // points where a bike can be taken / left now
  std::size_t stations_no_status = 0;               // stations without a valid status row (not used)
  std::size_t outside_network = 0, not_snapped = 0; // stations and vehicles dropped by binding
};

class system {
 public:
  static result<std::shared_ptr<system const>> make(network::network const& net, feed f, options const& o = {});
  static result<std::shared_ptr<system const>> load(network::network const& net, std::filesystem::path const& path,
                                                    options const& o = {});

  network::network const& net() const { return net_; }
  // True when `n` views the same mapped network as this system was bound to.
  bool bound_to(network::network const& n) const;
  bikeshare::feed const& feed() const { return feed_; }
  options const& opts() const { return opt_; }
  std::span<point const> points() const { return points_; }
  bikeshare::summary const& summary() const { return summary_; }
  // The feed's problems and those of binding (outside_network, not_snapped).
  validation_report const& report() const { return feed_.report; }

  // A point's id and name: a station's station_id and name; a vehicle's id and "free-floating bike".
  std::string_view id(point const& p) const;
  std::string_view name(point const& p) const;
  geo::latlng pos(point const& p) const;

 private:
  network::network net_;
  bikeshare::feed feed_;
  options opt_;
  std::vector<point> points_;
  bikeshare::summary summary_;
};

}  // namespace kwartier::bikeshare
