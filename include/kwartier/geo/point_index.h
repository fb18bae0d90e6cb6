// Points within a radius (an R-tree of Boost.Geometry behind a pimpl): e.g. the stops around a coordinate.
//
// Thread rules: built once, then within() may be called from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "kwartier/geo/latlng.h"

namespace kwartier::geo {

struct point_hit {
  std::uint32_t id;  // index of the point in the vector given to the constructor
  double dist_m;     // great-circle distance
};

class point_index {
 public:
  point_index();
  explicit point_index(std::vector<latlng> points);  // bulk loaded (packed R-tree); invalid points are skipped
  point_index(point_index&&) noexcept;
  point_index& operator=(point_index&&) noexcept;
  ~point_index();

  // Every point within radius_m (great-circle) of p, appended to `out` sorted by id. Nothing for an invalid p
  // or a negative radius.
  void within(latlng p, double radius_m, std::vector<point_hit>& out) const;
  std::size_t size() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace kwartier::geo
