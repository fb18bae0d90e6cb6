// geo::region on GEOS's re-entrant C API (geos_c.h, *_r functions; the C++ API is not stable).
#include "kwartier/geo/region.h"

#include <geos_c.h>

#include <cmath>
#include <string>
#include <utility>

namespace kwartier::geo {

namespace {

void on_error(char const* message, void* userdata) {
  if (userdata != nullptr) *static_cast<std::string*>(userdata) = message;
}

// Owns one GEOS geometry.
struct geom {
  GEOSContextHandle_t h = nullptr;
  GEOSGeometry* g = nullptr;
  geom() = default;
  geom(GEOSContextHandle_t ctx, GEOSGeometry* x) : h{ctx}, g{x} {}
  geom(geom&& o) noexcept : h{o.h}, g{std::exchange(o.g, nullptr)} {}
  geom& operator=(geom&& o) noexcept {
    reset();
    h = o.h;
    g = std::exchange(o.g, nullptr);
    return *this;
  }
  ~geom() { reset(); }
  void reset() {
    if (g != nullptr) GEOSGeom_destroy_r(h, g);
    g = nullptr;
  }
  GEOSGeometry* release() { return std::exchange(g, nullptr); }
};

}  // namespace

struct region::impl {
  GEOSContextHandle_t h = nullptr;
  std::string error;
  std::unique_ptr<local_frame> frame;
  GEOSGeometry* shape = nullptr;  // metric frame
  GEOSPreparedGeometry const* prepared = nullptr;

  impl() {
    h = GEOS_init_r();
    GEOSContext_setErrorMessageHandler_r(h, on_error, &error);
  }
  ~impl() {
    if (prepared != nullptr) GEOSPreparedGeom_destroy_r(h, prepared);
    if (shape != nullptr) GEOSGeom_destroy_r(h, shape);
    GEOS_finish_r(h);
  }
  impl(impl const&) = delete;
  impl& operator=(impl const&) = delete;
};

region::region() = default;

namespace {
// `shape` minus the discs, as a new geometry in *out (nullptr when no disc has a positive radius).
status cut(GEOSContextHandle_t h, local_frame const& frame, std::string const& error, GEOSGeometry const* shape,
           std::span<region_spec::disc const> cuts, int quadrant_segments, GEOSGeometry*& out) {
  auto fail = [&](char const* what) {
    return make_error(errc::internal, std::string("GEOS: ") + what + (error.empty() ? "" : ": " + error));
  };
  out = nullptr;
  std::vector<GEOSGeometry*> discs;
  for (auto const& c : cuts) {
    if (!(c.radius_m > 0.0) || !valid(c.centre)) continue;
    geom pt{h, GEOSGeom_createPointFromXY_r(h, frame.x(c.centre), frame.y(c.centre))};
    auto* d = pt.g != nullptr ? GEOSBuffer_r(h, pt.g, c.radius_m, quadrant_segments) : nullptr;
    if (d == nullptr) {
      for (auto* x : discs) GEOSGeom_destroy_r(h, x);
      return fail("cannot buffer a cut");
    }
    discs.push_back(d);
  }
  if (discs.empty()) return {};
  geom holes{h, GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, discs.data(), static_cast<unsigned>(discs.size()))};
  if (holes.g == nullptr) return fail("cannot collect the cuts");
  geom merged{h, GEOSUnaryUnion_r(h, holes.g)};
  if (merged.g == nullptr) return fail("cannot union the cuts");
  out = GEOSDifference_r(h, shape, merged.g);
  if (out == nullptr) return fail("difference failed");
  return {};
}
}  // namespace

result<region> region::minus(std::span<region_spec::disc const> discs, int quadrant_segments) const {
  if (!impl_) return region{};
  auto m = std::make_shared<impl>();
  m->frame = std::make_unique<local_frame>(*impl_->frame);
  GEOSGeometry* diff = nullptr;
  // A copy of the shape for this region's own context.
  m->shape = GEOSGeom_clone_r(m->h, impl_->shape);
  if (m->shape == nullptr) return make_error(errc::internal, "GEOS: cannot copy a region");
  KW_TRY_VOID(cut(m->h, *m->frame, m->error, m->shape, discs, quadrant_segments, diff));
  if (diff != nullptr) {
    GEOSGeom_destroy_r(m->h, m->shape);
    m->shape = diff;
  }
  m->prepared = GEOSPrepare_r(m->h, m->shape);
  if (m->prepared == nullptr) return make_error(errc::internal, "GEOS: cannot prepare the region");
  region r;
  r.impl_ = std::move(m);
  return r;
}

result<region> region::build(region_spec const& spec) {
  if (!(spec.buffer_m > 0.0) || !std::isfinite(spec.buffer_m))
    return make_error(errc::invalid_argument, "buffer must be a positive number of metres", {}, 0, "buffer_m");
  auto m = std::make_shared<impl>();
  auto const h = m->h;
  // Frame origin: the first coordinate given.
  latlng origin{};
  bool have = false;
  auto check = [&](latlng p) -> status {
    if (!valid(p)) return make_error(errc::invalid_argument, "coordinate out of range in a region", {}, 0, "region");
    if (!have) origin = p, have = true;
    return {};
  };
  for (auto const& l : spec.lines)
    for (auto const& p : l) KW_TRY_VOID(check(p));
  for (auto const& p : spec.points) KW_TRY_VOID(check(p));
  for (auto const& c : spec.cuts) KW_TRY_VOID(check(c.centre));
  m->frame = std::make_unique<local_frame>(origin);
  auto const& f = *m->frame;
  auto fail = [&](char const* what) {
    return make_error(errc::internal, std::string("GEOS: ") + what + (m->error.empty() ? "" : ": " + m->error));
  };

  // Buffered lines and points, one collection each, unioned by GEOS.
  std::vector<GEOSGeometry*> parts;
  auto cleanup = [&] {
    for (auto* p : parts) GEOSGeom_destroy_r(h, p);
    parts.clear();
  };
  std::vector<double> xy;
  for (auto const& l : spec.lines) {
    if (l.size() < 2) continue;
    xy.clear();
    for (auto const& p : l) {
      xy.push_back(f.x(p));
      xy.push_back(f.y(p));
    }
    auto* seq = GEOSCoordSeq_copyFromBuffer_r(h, xy.data(), static_cast<unsigned>(l.size()), 0, 0);
    auto* ls = seq != nullptr ? GEOSGeom_createLineString_r(h, seq) : nullptr;
    if (ls == nullptr) return cleanup(), fail("cannot create a line");
    parts.push_back(ls);
  }
  for (auto const& p : spec.points) {
    auto* pt = GEOSGeom_createPointFromXY_r(h, f.x(p), f.y(p));
    if (pt == nullptr) return cleanup(), fail("cannot create a point");
    parts.push_back(pt);
  }
  geom shape{h, nullptr};
  if (parts.empty()) {
    shape = geom{h, GEOSGeom_createEmptyCollection_r(h, GEOS_MULTIPOLYGON)};
  } else {
    // Each part buffered on its own (small, simple polygons), then one cascaded union: much cheaper than
    // buffering the whole collection at once, whose offset curves GEOS must node all together.
    for (auto*& p : parts) {
      auto* b = GEOSBuffer_r(h, p, spec.buffer_m, spec.quadrant_segments);
      if (b == nullptr) return cleanup(), fail("buffer failed");
      GEOSGeom_destroy_r(h, p);
      p = b;
    }
    geom coll{h, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                             static_cast<unsigned>(parts.size()))};
    if (coll.g == nullptr) return cleanup(), fail("cannot create a collection");
    parts.clear();  // owned by the collection now
    shape = geom{h, GEOSUnaryUnion_r(h, coll.g)};
  }
  if (shape.g == nullptr) return fail("buffer failed");
  if (!spec.cuts.empty()) {
    GEOSGeometry* diff = nullptr;
    KW_TRY_VOID(cut(m->h, *m->frame, m->error, shape.g, spec.cuts, spec.quadrant_segments, diff));
    if (diff != nullptr) shape = geom{h, diff};
  }
  m->shape = shape.release();
  m->prepared = GEOSPrepare_r(h, m->shape);
  if (m->prepared == nullptr) return fail("cannot prepare the region");
  region r;
  r.impl_ = std::move(m);
  return r;
}

bool region::empty() const { return !impl_ || GEOSisEmpty_r(impl_->h, impl_->shape) == 1; }

bool region::contains(latlng p) const {
  if (!impl_ || !valid(p)) return false;
  auto const& m = *impl_;
  geom pt{m.h, GEOSGeom_createPointFromXY_r(m.h, m.frame->x(p), m.frame->y(p))};
  return pt.g != nullptr && GEOSPreparedCovers_r(m.h, m.prepared, pt.g) == 1;
}

double region::area_m2() const {
  double a = 0.0;
  if (impl_ && GEOSArea_r(impl_->h, impl_->shape, &a) == 1) return a;
  return 0.0;
}

std::string region::to_geojson() const {
  static std::string const kEmpty = R"({"type":"MultiPolygon","coordinates":[]})";
  if (empty()) return kEmpty;
  auto const& m = *impl_;
  // Back to lon/lat (an affine map, so validity is kept), as a MultiPolygon.
  auto const to_lonlat = [](double* x, double* y, void* userdata) -> int {
    auto const& fr = *static_cast<local_frame const*>(userdata);
    auto const p = fr.unproject(*x, *y);
    *x = p.lon;
    *y = p.lat;
    return 1;
  };
  geom ll{m.h, GEOSGeom_transformXY_r(m.h, m.shape, to_lonlat, m.frame.get())};
  if (ll.g == nullptr) return kEmpty;
  if (GEOSGeomTypeId_r(m.h, ll.g) == GEOS_POLYGON) {
    GEOSGeometry* one = ll.release();
    ll = geom{m.h, GEOSGeom_createCollection_r(m.h, GEOS_MULTIPOLYGON, &one, 1)};
    if (ll.g == nullptr) return kEmpty;
  }
  auto* w = GEOSGeoJSONWriter_create_r(m.h);
  char* s = GEOSGeoJSONWriter_writeGeometry_r(m.h, w, ll.g, -1);
  GEOSGeoJSONWriter_destroy_r(m.h, w);
  if (s == nullptr) return kEmpty;
  std::string out{s};
  GEOSFree_r(m.h, s);
  return out;
}

}  // namespace kwartier::geo
