#include "kwartier/geo/segment_index.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace kwartier::geo {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
// R-tree space: x = lon * cos(ref_lat), y = lat (degrees, roughly isotropic near ref_lat).
using point_t = bg::model::point<double, 2, bg::cs::cartesian>;
using box_t = bg::model::box<point_t>;
using value_t = std::pair<box_t, std::uint32_t>;  // box, position in segments_
}  // namespace

struct segment_index::impl {
  std::vector<segment> segments_;
  double ref_cos_ = 1.0;
  bgi::rtree<value_t, bgi::rstar<16>> tree_;

  point_t to_space(latlng p) const { return point_t{p.lon * ref_cos_, p.lat}; }
};

segment_index::segment_index() : impl_{std::make_unique<impl>()} {}
segment_index::segment_index(segment_index&&) noexcept = default;
segment_index& segment_index::operator=(segment_index&&) noexcept = default;
segment_index::~segment_index() = default;

segment_index::segment_index(std::vector<segment> segments) : impl_{std::make_unique<impl>()} {
  auto& m = *impl_;
  m.segments_ = std::move(segments);
  if (m.segments_.empty()) return;
  double lat_sum = 0.0;
  for (auto const& s : m.segments_) lat_sum += s.a.lat;
  m.ref_cos_ = std::cos(lat_sum / static_cast<double>(m.segments_.size()) * kDegToRad);
  std::vector<value_t> values;
  values.reserve(m.segments_.size());
  for (std::uint32_t i = 0; i < m.segments_.size(); ++i) {
    auto const& s = m.segments_[i];
    point_t const a = m.to_space(s.a), b = m.to_space(s.b);
    box_t box{point_t{std::min(a.get<0>(), b.get<0>()), std::min(a.get<1>(), b.get<1>())},
              point_t{std::max(a.get<0>(), b.get<0>()), std::max(a.get<1>(), b.get<1>())}};
    values.emplace_back(box, i);
  }
  m.tree_ = bgi::rtree<value_t, bgi::rstar<16>>(values.begin(), values.end());  // packing algorithm
}

std::size_t segment_index::size() const { return impl_->segments_.size(); }

std::optional<nearest_hit> segment_index::nearest(latlng p, double max_m,
                                                  std::function<bool(std::uint32_t)> const& accept) const {
  auto const& m = *impl_;
  if (m.segments_.empty() || !valid(p)) return std::nullopt;
  // Box distances in R-tree space convert to a lower bound in metres: y degrees are exact, x degrees are
  // scaled by ref_cos instead of cos(lat); take the smaller factor (and a little slack).
  double const cos_p = std::cos(p.lat * kDegToRad);
  double const factor =
      kEarthRadiusM * kDegToRad * std::min(1.0, m.ref_cos_ > 0.0 ? cos_p / m.ref_cos_ : 1.0) * 0.99;
  point_t const q = m.to_space(p);
  std::optional<nearest_hit> best;
  std::vector<value_t> found;
  // k nearest boxes; every box not returned is at least as far as the farthest returned one, so stop once
  // that bound passes the best exact distance (or max_m), else ask for more.
  for (std::size_t k = 16;; k *= 4) {
    found.clear();
    m.tree_.query(bgi::nearest(q, static_cast<unsigned>(std::min(k, m.tree_.size()))), std::back_inserter(found));
    double farthest_m = 0.0;
    for (auto const& v : found) {
      farthest_m = std::max(farthest_m, bg::distance(q, v.first) * factor);
      auto const& s = m.segments_[v.second];
      if (accept && !accept(s.id)) continue;
      auto const pr = project_on_segment(p, s.a, s.b);
      if (pr.dist_m <= max_m && (!best || pr.dist_m < best->proj.dist_m)) best = nearest_hit{s.id, pr};
    }
    if (found.size() < k || found.size() >= m.tree_.size()) break;  // the whole tree was seen
    if (farthest_m > max_m || (best && farthest_m > best->proj.dist_m)) break;
  }
  return best;
}

}  // namespace kwartier::geo
