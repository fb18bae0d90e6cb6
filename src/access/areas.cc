#include "kwartier/access/areas.h"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <nlohmann/json.hpp>

#include "kwartier/poi/load.h"

namespace kwartier::access {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using bpoint = bg::model::d2::point_xy<double>;  // (lon, lat): point-in-polygon in plate carree
using bpolygon = bg::model::polygon<bpoint>;
using bmulti = bg::model::multi_polygon<bpolygon>;
using bbox = bg::model::box<bpoint>;

struct areas::index {
  std::vector<bmulti> shapes;
  bgi::rtree<std::pair<bbox, std::uint32_t>, bgi::quadratic<16>> tree;
};

struct areas_access {
  static void build(areas& a) {
    auto idx = std::make_shared<areas::index>();
    std::vector<std::pair<bbox, std::uint32_t>> boxes;
    for (std::uint32_t i = 0; i < a.polys_.size(); ++i) {
      bmulti m;
      for (auto const& poly : a.polys_[i]) {
        bpolygon p;
        for (std::size_t r = 0; r < poly.size(); ++r) {
          auto& target = r == 0 ? p.outer() : (p.inners().emplace_back(), p.inners().back());
          for (auto const& q : poly[r]) target.emplace_back(q.lon, q.lat);
        }
        bg::correct(p);
        m.push_back(std::move(p));
      }
      boxes.emplace_back(bg::return_envelope<bbox>(m), i);
      idx->shapes.push_back(std::move(m));
    }
    idx->tree = decltype(idx->tree){boxes.begin(), boxes.end()};
    a.index_ = std::move(idx);
  }
  static areas& set(areas& a, std::string source, std::vector<std::string> names, std::vector<std::vector<polygon>> polys) {
    a.source_ = std::move(source);
    a.names_ = std::move(names);
    a.polys_ = std::move(polys);
    build(a);
    return a;
  }
};

std::vector<std::int32_t> areas::assign(std::span<geo::latlng const> points) const {
  std::vector<std::int32_t> out(points.size(), -1);
  if (!index_) return out;
  std::vector<std::pair<bbox, std::uint32_t>> hits;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bpoint const p{points[i].lon, points[i].lat};
    hits.clear();
    index_->tree.query(bgi::intersects(p), std::back_inserter(hits));
    std::uint32_t best = std::numeric_limits<std::uint32_t>::max();
    for (auto const& h : hits)
      if (h.second < best && bg::covered_by(p, index_->shapes[h.second])) best = h.second;
    if (best != std::numeric_limits<std::uint32_t>::max()) out[i] = static_cast<std::int32_t>(best);
  }
  return out;
}

namespace {
using json = nlohmann::json;

bool read_ring(json const& r, ring& out) {
  if (!r.is_array() || r.size() < 4) return false;
  for (auto const& p : r) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) return false;
    geo::latlng const q{p[1].get<double>(), p[0].get<double>()};
    if (!geo::valid(q)) return false;
    out.push_back(q);
  }
  return true;
}
bool read_polygon(json const& p, polygon& out) {
  if (!p.is_array() || p.empty()) return false;
  for (auto const& r : p) {
    ring rr;
    if (!read_ring(r, rr)) return false;
    out.push_back(std::move(rr));
  }
  return true;
}
}  // namespace

result<areas> parse_areas(std::string_view bytes, std::string const& file, std::string const& name_property,
                          validation_report& report) {
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end());
  } catch (json::exception const& e) {
    return make_error(errc::invalid_format, std::string("areas file is not GeoJSON: ") + e.what(), file);
  }
  if (!doc.is_object() || doc.value("type", json{}) != "FeatureCollection" || !doc.contains("features") ||
      !doc["features"].is_array())
    return make_error(errc::invalid_format, "areas file is not a GeoJSON FeatureCollection", file, 0, "type");
  std::vector<std::string> names;
  std::vector<std::vector<polygon>> polys;
  auto const& fs = doc["features"];
  for (std::size_t i = 0; i < fs.size(); ++i) {
    auto const& f = fs[i];
    std::string const where = "features[" + std::to_string(i) + "]";
    auto skip = [&](std::string const& field, std::string const& why) {
      report.add(severity::warning, "bad_area", file, 0, where + field, "feature " + std::to_string(i) + ": " + why + "; skipped");
    };
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) {
      skip(".geometry", "no geometry");
      continue;
    }
    auto const& g = f["geometry"];
    auto const type = g.value("type", std::string{});
    std::vector<polygon> shape;
    bool ok = g.contains("coordinates");
    if (ok && type == "Polygon") {
      polygon p;
      ok = read_polygon(g["coordinates"], p);
      if (ok) shape.push_back(std::move(p));
    } else if (ok && type == "MultiPolygon" && g["coordinates"].is_array()) {
      for (auto const& pc : g["coordinates"]) {
        polygon p;
        if (!(ok = read_polygon(pc, p))) break;
        shape.push_back(std::move(p));
      }
    } else if (type != "Polygon" && type != "MultiPolygon") {
      skip(".geometry.type", "geometry type \"" + type + "\" is not a Polygon or MultiPolygon");
      continue;
    } else {
      ok = false;
    }
    if (!ok || shape.empty()) {
      skip(".geometry.coordinates", "rings must be arrays of at least 4 [lon, lat] positions in range");
      continue;
    }
    std::string name = std::to_string(i + 1);
    if (f.contains("properties") && f["properties"].is_object() && f["properties"].contains(name_property)) {
      auto const& v = f["properties"][name_property];
      name = v.is_string() ? v.get<std::string>() : v.dump();
    }
    names.push_back(std::move(name));
    polys.push_back(std::move(shape));
  }
  if (names.empty())
    return make_error(errc::invalid_format, "areas file holds no Polygon or MultiPolygon feature", file, 0, "features");
  areas a;
  areas_access::set(a, file, std::move(names), std::move(polys));
  return a;
}

result<areas> load_areas(std::filesystem::path const& path, std::string const& name_property,
                         validation_report& report) {
  KW_TRY(auto bytes, poi::read_file(path));
  return parse_areas(bytes, path.string(), name_property, report);
}

}  // namespace kwartier::access
