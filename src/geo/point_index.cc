#include "kwartier/geo/point_index.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

namespace kwartier::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
// R-tree space: plain degrees (x = lon, y = lat); queries use a box that bounds the radius, then the exact
// great-circle distance.
using point_t = bg::model::point<double, 2, bg::cs::cartesian>;
using box_t = bg::model::box<point_t>;
using value_t = std::pair<point_t, std::uint32_t>;
constexpr double kMetresPerDegree = kEarthRadiusM * kDegToRad;
}  // namespace

struct point_index::impl {
  std::vector<latlng> points_;
  bgi::rtree<value_t, bgi::rstar<16>> tree_;
};

point_index::point_index() : impl_{std::make_unique<impl>()} {}
point_index::point_index(point_index&&) noexcept = default;
point_index& point_index::operator=(point_index&&) noexcept = default;
point_index::~point_index() = default;

point_index::point_index(std::vector<latlng> points) : impl_{std::make_unique<impl>()} {
  auto& m = *impl_;
  m.points_ = std::move(points);
  std::vector<value_t> values;
  values.reserve(m.points_.size());
  for (std::uint32_t i = 0; i < m.points_.size(); ++i)
    if (valid(m.points_[i])) values.emplace_back(point_t{m.points_[i].lon, m.points_[i].lat}, i);
  m.tree_ = bgi::rtree<value_t, bgi::rstar<16>>{values.begin(), values.end()};
}

void point_index::within(latlng p, double radius_m, std::vector<point_hit>& out) const {
  if (!valid(p) || !(radius_m >= 0.0) || !std::isfinite(radius_m)) return;
  auto const& m = *impl_;
  double const dlat = radius_m / kMetresPerDegree;
  double const c = std::cos(p.lat * kDegToRad);
  // Near the poles (or for huge radii) the longitude span covers everything.
  double const dlon = c > 1e-9 ? std::min(180.0, dlat / c) : 180.0;
  box_t const box{point_t{p.lon - dlon, p.lat - dlat}, point_t{p.lon + dlon, p.lat + dlat}};
  auto const first = out.size();
  auto keep = [&](value_t const& v) {
    double const d = haversine_m(p, m.points_[v.second]);
    if (d <= radius_m) out.push_back({v.second, d});
  };
  m.tree_.query(bgi::intersects(box), boost::make_function_output_iterator(keep));
  // Longitude wrap-around at +-180: the box above is not split, so query the mirrored part too.
  if (p.lon - dlon < -180.0 || p.lon + dlon > 180.0) {
    double const shift = p.lon - dlon < -180.0 ? 360.0 : -360.0;
    box_t const wrap{point_t{p.lon - dlon + shift, p.lat - dlat}, point_t{p.lon + dlon + shift, p.lat + dlat}};
    m.tree_.query(bgi::intersects(wrap), boost::make_function_output_iterator(keep));
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](point_hit const& a, point_hit const& b) { return a.id < b.id; });
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                        [](point_hit const& a, point_hit const& b) { return a.id == b.id; }),
            out.end());
}

std::size_t point_index::size() const { return impl_->tree_.size(); }

}  // namespace kwartier::geo
