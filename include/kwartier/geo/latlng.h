// Coordinates and distances on the WGS84 sphere approximation used everywhere in kwartier.
//
// latlng is a plain value (degrees); haversine_m is the great-circle distance in metres. For short
// distances (snapping, street segments) a local equirectangular frame around a reference point is exact to
// well under a millimetre per 100 m and much cheaper: local_frame.
#pragma once

#include <cmath>

namespace kwartier::geo {

constexpr double kEarthRadiusM = 6371008.8;  // IUGG mean radius
constexpr double kPi = 3.14159265358979323846;
constexpr double kDegToRad = kPi / 180.0;

struct latlng {
  double lat = 0.0;  // degrees, [-90, 90]
  double lon = 0.0;  // degrees, [-180, 180]
  friend bool operator==(latlng, latlng) = default;
};

// True when both coordinates are finite and in range.
inline bool valid(latlng p) {
  return std::isfinite(p.lat) && std::isfinite(p.lon) && p.lat >= -90.0 && p.lat <= 90.0 && p.lon >= -180.0 &&
         p.lon <= 180.0;
}

// Great-circle distance in metres.
inline double haversine_m(latlng a, latlng b) {
  double const dlat = (b.lat - a.lat) * kDegToRad;
  double const dlon = (b.lon - a.lon) * kDegToRad;
  double const s1 = std::sin(dlat / 2.0);
  double const s2 = std::sin(dlon / 2.0);
  double const h = s1 * s1 + std::cos(a.lat * kDegToRad) * std::cos(b.lat * kDegToRad) * s2 * s2;
  return 2.0 * kEarthRadiusM * std::asin(std::sqrt(h < 1.0 ? h : 1.0));
}

// A local planar frame (metres east, metres north) around `origin`: equirectangular projection.
struct local_frame {
  latlng origin;
  double mx;  // metres per degree of longitude at origin
  double my;  // metres per degree of latitude
  explicit local_frame(latlng o)
      : origin{o}, mx{kEarthRadiusM * kDegToRad * std::cos(o.lat * kDegToRad)}, my{kEarthRadiusM * kDegToRad} {}
  double x(latlng p) const { return (p.lon - origin.lon) * mx; }
  double y(latlng p) const { return (p.lat - origin.lat) * my; }
  latlng unproject(double px, double py) const { return {origin.lat + py / my, origin.lon + px / mx}; }
};

// The point of segment [a, b] nearest to p: t in [0, 1] along the segment and the distance in metres
// (computed in a local frame around p).
struct projection {
  double t = 0.0;
  double dist_m = 0.0;
  latlng point;
};
inline projection project_on_segment(latlng p, latlng a, latlng b) {
  local_frame const f{p};
  double const ax = f.x(a), ay = f.y(a), bx = f.x(b), by = f.y(b);
  double const dx = bx - ax, dy = by - ay;
  double const len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? -(ax * dx + ay * dy) / len2 : 0.0;
  t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
  double const qx = ax + t * dx, qy = ay + t * dy;
  return {t, std::sqrt(qx * qx + qy * qy), f.unproject(qx, qy)};
}

}  // namespace kwartier::geo
