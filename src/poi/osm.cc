// OSM -> POIs through a category table (see kwartier/poi/osm.h for the rules).
#include "kwartier/poi/osm.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_compression.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/relations/manager_util.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/visitor.hpp>

#include "street/osm_guard.h"

namespace kwartier::poi {

namespace {

using location_index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
using location_handler = osmium::handler::NodeLocationsForWays<location_index>;

bool is_entrance(osmium::TagList const& tags) {
  if (char const* e = tags["entrance"]; e != nullptr && std::string_view{e} != "no") return true;
  if (char const* b = tags["barrier"]; b != nullptr) {
    std::string_view const v{b};
    return v == "gate" || v == "entrance";
  }
  return false;
}

// Area-weighted centroid of closed rings (outer rings count positive, inner rings negative) in a local frame;
// the mean of the points when the area is degenerate.
struct centroid_acc {
  std::optional<geo::local_frame> frame;
  double a = 0.0, cx = 0.0, cy = 0.0;
  double sx = 0.0, sy = 0.0;
  std::size_t n = 0;

  void ring(std::vector<geo::latlng> const& pts, bool outer) {
    if (pts.empty()) return;
    if (!frame) frame.emplace(pts.front());
    double ra = 0.0, rx = 0.0, ry = 0.0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      auto const& p = pts[i];
      auto const& q = pts[(i + 1) % pts.size()];
      double const x0 = frame->x(p), y0 = frame->y(p), x1 = frame->x(q), y1 = frame->y(q);
      double const c = x0 * y1 - x1 * y0;
      ra += c;
      rx += (x0 + x1) * c;
      ry += (y0 + y1) * c;
      if (outer) {
        sx += x0;
        sy += y0;
        ++n;
      }
    }
    // Orientation does not say outer/inner reliably in OSM: use |area| with the ring's role.
    double const sign = ((ra >= 0.0) == outer) ? 1.0 : -1.0;
    a += sign * ra;
    cx += sign * rx;
    cy += sign * ry;
  }
  std::optional<geo::latlng> get() const {
    if (!frame || n == 0) return std::nullopt;
    if (std::abs(a) > 1e-6) return frame->unproject(cx / (3.0 * a), cy / (3.0 * a));
    return frame->unproject(sx / static_cast<double>(n), sy / static_cast<double>(n));
  }
};

// The point half-way along a polyline.
std::optional<geo::latlng> halfway(std::vector<geo::latlng> const& pts) {
  if (pts.empty()) return std::nullopt;
  double total = 0.0;
  for (std::size_t i = 1; i < pts.size(); ++i) total += geo::haversine_m(pts[i - 1], pts[i]);
  double left = total / 2.0;
  for (std::size_t i = 1; i < pts.size(); ++i) {
    double const d = geo::haversine_m(pts[i - 1], pts[i]);
    if (d >= left && d > 0.0) {
      double const t = left / d;
      return geo::latlng{pts[i - 1].lat + t * (pts[i].lat - pts[i - 1].lat),
                         pts[i - 1].lon + t * (pts[i].lon - pts[i - 1].lon)};
    }
    left -= d;
  }
  return pts.back();
}

class extractor : public osmium::handler::Handler {
 public:
  extractor(category_table const& t, poi_set& out, validation_report& rep, std::string const& file)
      : table_{t}, out_{out}, report_{rep}, file_{file} {}

  std::vector<std::uint32_t> match(osmium::TagList const& tags) const {
    std::vector<std::uint32_t> cats;
    for (auto const& r : table_.rules) {
      char const* v = tags[r.key.c_str()];
      if (v != nullptr && r.value == v && std::find(cats.begin(), cats.end(), r.category) == cats.end())
        cats.push_back(r.category);
    }
    return cats;
  }

  void add(std::vector<std::uint32_t> const& cats, geo::latlng p, source_kind k, std::int64_t id,
           char const* name) {
    for (auto const c : cats) {
      poi_record r;
      r.lat = p.lat;
      r.lon = p.lon;
      r.category = c;
      r.kind = k;
      r.source_id = id;
      out_.records.push_back(r);
      out_.names.emplace_back(name == nullptr ? "" : name);
    }
  }

  void node(osmium::Node const& n) {
    if (n.tags().empty()) return;
    if (!n.location().valid()) {
      if (!match(n.tags()).empty())
        report_.add(severity::warning, "invalid_location", file_, 0, "node",
                    "node " + std::to_string(n.id()) + " has tags of a POI but no valid location; skipped");
      return;
    }
    if (is_entrance(n.tags())) entrances_.insert(n.id());
    auto const cats = match(n.tags());
    if (!cats.empty())
      add(cats, {n.location().lat(), n.location().lon()}, source_kind::node, n.id(), n.tags()["name"]);
  }

  // Areas with entrances: one POI per entrance node on the outline; else the centroid.
  void area_pois(std::vector<std::uint32_t> const& cats, std::vector<std::pair<std::int64_t, geo::latlng>> const& outline,
                 std::optional<geo::latlng> centroid, std::int64_t id, char const* name) {
    std::vector<std::int64_t> seen;
    for (auto const& [nid, pos] : outline) {
      if (!entrances_.contains(nid) || std::find(seen.begin(), seen.end(), nid) != seen.end()) continue;
      seen.push_back(nid);
      add(cats, pos, source_kind::entrance, id, name);
    }
    if (seen.empty() && centroid) add(cats, *centroid, source_kind::centroid, id, name);
  }

  void way(osmium::Way const& w) {
    auto const cats = match(w.tags());
    if (cats.empty()) return;
    std::vector<geo::latlng> pts;
    std::vector<std::pair<std::int64_t, geo::latlng>> outline;
    std::size_t missing = 0;
    for (auto const& nr : w.nodes()) {
      if (!nr.location().valid()) {
        ++missing;
        continue;
      }
      geo::latlng const p{nr.location().lat(), nr.location().lon()};
      pts.push_back(p);
      outline.emplace_back(nr.ref(), p);
    }
    if (pts.empty()) {
      report_.add(severity::warning, "missing_node_refs", file_, 0, "way",
                  "way " + std::to_string(w.id()) + " has tags of a POI but none of its nodes has a location; skipped");
      return;
    }
    auto const* area_tag = w.tags()["area"];
    bool const closed = w.nodes().size() >= 4 && w.nodes().front().ref() == w.nodes().back().ref() &&
                        !(area_tag != nullptr && std::string_view{area_tag} == "no") && missing == 0;
    if (closed) {
      pts.pop_back();  // the closing node repeats the first
      centroid_acc acc;
      acc.ring(pts, true);
      area_pois(cats, outline, acc.get(), w.id(), w.tags()["name"]);
    } else {
      add(cats, *halfway(pts), source_kind::way, w.id(), w.tags()["name"]);
    }
  }

  // Multipolygon relations, assembled by libosmium (closed ways are handled in way()).
  void area(osmium::Area const& a) {
    if (a.from_way()) return;
    auto const cats = match(a.tags());
    if (cats.empty()) return;
    centroid_acc acc;
    std::vector<std::pair<std::int64_t, geo::latlng>> outline;
    std::vector<geo::latlng> pts;
    for (auto const& outer : a.outer_rings()) {
      pts.clear();
      for (auto const& nr : outer) {
        pts.push_back(geo::latlng{nr.location().lat(), nr.location().lon()});
        outline.emplace_back(nr.ref(), pts.back());
      }
      if (!pts.empty()) pts.pop_back();
      acc.ring(pts, true);
      for (auto const& inner : a.inner_rings(outer)) {
        pts.clear();
        for (auto const& nr : inner) pts.push_back(geo::latlng{nr.location().lat(), nr.location().lon()});
        if (!pts.empty()) pts.pop_back();
        acc.ring(pts, false);
      }
    }
    assembled_.insert(a.orig_id());
    area_pois(cats, outline, acc.get(), a.orig_id(), a.tags()["name"]);
  }

  void relation(osmium::Relation const& r) {
    char const* type = r.tags()["type"];
    if (type != nullptr && std::string_view{type} == "multipolygon" && !match(r.tags()).empty())
      relations_.push_back(r.id());
  }

  std::unordered_set<std::int64_t> const& assembled() const { return assembled_; }
  std::vector<std::int64_t> const& matching_relations() const { return relations_; }

 private:
  category_table const& table_;
  poi_set& out_;
  validation_report& report_;
  std::string const& file_;
  std::unordered_set<std::int64_t> entrances_;
  std::unordered_set<std::int64_t> assembled_;
  std::vector<std::int64_t> relations_;
};

result<osmium::io::File> make_file(osm_input const& in, std::string const& name) {
  std::string fmt = in.format;
  if (!in.path.empty()) {
    std::error_code ec;
    if (!std::filesystem::exists(in.path, ec)) return make_error(errc::not_found, "no such file", name);
    if (std::filesystem::is_directory(in.path, ec))
      return make_error(errc::invalid_format, "is a directory, not an OSM file", name);
    osmium::io::File f{in.path.string(), fmt};
    if (f.format() == osmium::io::file_format::unknown) {
      std::ifstream is{in.path, std::ios::binary};
      if (!is) return make_error(errc::io_error, "cannot open file", name);
      char buf[64] = {};
      is.read(buf, sizeof(buf));
      std::string_view head{buf, static_cast<std::size_t>(is.gcount())};
      auto const first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
      fmt = first != std::string_view::npos && head[first] == '<' ? "osm" : "pbf";
      return osmium::io::File{in.path.string(), fmt};
    }
    return f;
  }
  if (fmt.empty()) {
    auto const first = in.bytes.find_first_not_of(" \t\r\n");
    fmt = first != std::string_view::npos && in.bytes[first] == '<' ? "osm" : "pbf";
  }
  return osmium::io::File{in.bytes.data(), in.bytes.size(), fmt};
}

}  // namespace

result<poi_set> extract_osm(osm_input const& in, category_table const& table, validation_report& report,
                            std::function<void(std::string_view, double)> const& progress) {
  std::string const name = in.path.empty() ? std::string("<memory>") : in.path.string();
  for (auto const& r : table.rules)
    if (r.category >= table.categories.size())
      return make_error(errc::invalid_argument, "tag rule " + r.key + "=" + r.value + " names no category", {}, 0,
                        "rules");
  KW_TRY(auto file, make_file(in, name));
  KW_TRY_VOID(street::check_osm_input(file, in.path, in.bytes, name));  // before libosmium sees hostile input
  poi_set out;
  out.table_version = table.version;
  out.source = "osm";  // not the path: the same extract as .osm or .osm.pbf gives the same network file
  out.categories = table.categories;
  try {
    osmium::TagsFilter filter{false};
    for (auto const& r : table.rules) filter.add_rule(true, osmium::TagMatcher{r.key, r.value});
    osmium::area::AssemblerConfig cfg;
    cfg.create_empty_areas = false;
    cfg.ignore_invalid_locations = true;
    osmium::area::MultipolygonManager<osmium::area::Assembler> mp{cfg, filter};
    osmium::relations::read_relations(file, mp);

    location_index index;
    location_handler locations{index};
    locations.ignore_errors();
    extractor ex{table, out, report, name};
    osmium::io::Reader reader{file, osmium::io::read_meta::no};
    auto const size = reader.file_size();
    while (osmium::memory::Buffer buffer = reader.read()) {
      osmium::apply(buffer, locations, ex, mp.handler([&ex](osmium::memory::Buffer&& areas) {
        osmium::apply(areas, ex);
      }));
      if (progress && size > 0) progress("extracting POIs", static_cast<double>(reader.offset()) / static_cast<double>(size));
    }
    reader.close();
    std::unordered_set<std::int64_t> incomplete;
    mp.for_each_incomplete_relation([&](osmium::relations::RelationHandle const& rh) {
      incomplete.insert(rh->id());
      if (!ex.match(rh->tags()).empty())
        report.add(severity::warning, "incomplete_area", name, 0, "relation",
                   "multipolygon relation " + std::to_string(rh->id()) +
                       " has tags of a POI but members missing from the extract; skipped");
    });
    for (auto const id : ex.matching_relations())
      if (!ex.assembled().contains(id) && !incomplete.contains(id))
        report.add(severity::warning, "invalid_area", name, 0, "relation",
                   "multipolygon relation " + std::to_string(id) +
                       " has tags of a POI but its rings do not form a valid area; skipped");
  } catch (std::exception const& e) {
    return make_error(errc::invalid_format, std::string("cannot read OSM data: ") + e.what(), name);
  }
  if (progress) progress("extracting POIs", 1.0);
  return out;
}

}  // namespace kwartier::poi
