// Nearest-segment index (an R-tree of Boost.Geometry behind a pimpl): snaps a coordinate to the nearest
// segment accepted by a caller's filter, with the projection onto that segment.
//
// Thread rules: built once, then nearest() may be called from any number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "kwartier/geo/latlng.h"

namespace kwartier::geo {

struct segment {
  latlng a;
  latlng b;
  std::uint32_t id;  // the caller's id (returned in hits, passed to the filter)
};

struct nearest_hit {
  std::uint32_t id = 0;
  projection proj;  // t along [a, b], distance in metres, snapped point
};

class segment_index {
 public:
  segment_index();
  explicit segment_index(std::vector<segment> segments);  // bulk loaded (packed R-tree)
  segment_index(segment_index&&) noexcept;
  segment_index& operator=(segment_index&&) noexcept;
  ~segment_index();

  // Nearest segment to `p` with accept(id) true and distance <= max_m; nullopt when there is none.
  std::optional<nearest_hit> nearest(latlng p, double max_m,
                                     std::function<bool(std::uint32_t)> const& accept = {}) const;
  std::size_t size() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace kwartier::geo
