// POIs and points from a user's CSV or GeoJSON file (see kwartier/poi/load.h).
#include "kwartier/poi/load.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "kwartier/io/csv.h"

namespace kwartier::poi {

namespace {

using json = nlohmann::json;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_double(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0.0;
  auto const [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string lower_suffix(std::filesystem::path const& p) {
  auto s = p.extension().string();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string quote(std::string_view v) {
  std::string s = "\"";
  s.append(v.substr(0, 80));
  if (v.size() > 80) s += "...";
  s += "\"";
  return s;
}

// Area-weighted centroid of a GeoJSON polygon ring set (first ring outer, others holes), in a local frame.
std::optional<geo::latlng> polygon_centroid(std::vector<std::vector<geo::latlng>> const& polys_rings,
                                            std::vector<bool> const& outer) {
  std::optional<geo::local_frame> f;
  double a = 0.0, cx = 0.0, cy = 0.0, sx = 0.0, sy = 0.0;
  std::size_t n = 0;
  for (std::size_t r = 0; r < polys_rings.size(); ++r) {
    auto const& ring = polys_rings[r];
    if (ring.size() < 3) continue;
    if (!f) f.emplace(ring.front());
    double ra = 0.0, rx = 0.0, ry = 0.0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
      auto const& p = ring[i];
      auto const& q = ring[(i + 1) % ring.size()];
      double const x0 = f->x(p), y0 = f->y(p), x1 = f->x(q), y1 = f->y(q);
      double const c = x0 * y1 - x1 * y0;
      ra += c;
      rx += (x0 + x1) * c;
      ry += (y0 + y1) * c;
      if (outer[r]) {
        sx += x0;
        sy += y0;
        ++n;
      }
    }
    double const sign = ((ra >= 0.0) == outer[r]) ? 1.0 : -1.0;
    a += sign * ra;
    cx += sign * rx;
    cy += sign * ry;
  }
  if (!f || n == 0) return std::nullopt;
  if (std::abs(a) > 1e-6) return f->unproject(cx / (3.0 * a), cy / (3.0 * a));
  return f->unproject(sx / static_cast<double>(n), sy / static_cast<double>(n));
}

std::string json_value_string(json const& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
  if (v.is_number_float()) {
    std::ostringstream os;
    os.precision(17);
    os << v.get<double>();
    return os.str();
  }
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

// A GeoJSON position [lon, lat, ...] -> latlng, or (problem code, message).
struct position_error {
  char const* code;
  std::string message;
};
std::optional<position_error> position(json const& c, geo::latlng& out) {
  if (!c.is_array() || c.size() < 2) return position_error{"bad_coordinate", "a position must be an array [lon, lat]"};
  if (!c[0].is_number() || !c[1].is_number()) return position_error{"bad_coordinate", "coordinates are not numbers"};
  out = {c[1].get<double>(), c[0].get<double>()};
  if (!geo::valid(out))
    return position_error{"coordinate_out_of_range", "coordinate out of range (lat " + std::to_string(out.lat) +
                                                         ", lon " + std::to_string(out.lon) + ")"};
  return std::nullopt;
}

}  // namespace

result<std::string> read_file(std::filesystem::path const& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return make_error(errc::not_found, "no such file", path.string());
  if (std::filesystem::is_directory(path, ec))
    return make_error(errc::invalid_format, "is a directory, not a file", path.string());
  std::ifstream in{path, std::ios::binary};
  if (!in) return make_error(errc::io_error, "cannot open file", path.string());
  std::ostringstream os;
  os << in.rdbuf();
  if (in.bad()) return make_error(errc::io_error, "cannot read file", path.string());
  return os.str();
}

result<std::vector<category>> parse_categories(std::string_view spec) {
  std::vector<category> out;
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    auto const end = std::min(spec.find(',', pos), spec.size());
    auto item = trim(spec.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) {
      if (end == spec.size() && out.empty() && spec.empty()) break;
      return make_error(errc::invalid_argument, "empty category name in \"" + std::string(spec) + "\"", {}, 0,
                        "categories");
    }
    category c;
    auto const colon = item.find(':');
    c.name = std::string(trim(item.substr(0, colon)));
    if (colon != std::string_view::npos) {
      auto const w = parse_double(item.substr(colon + 1));
      if (!w || !std::isfinite(*w) || !(*w > 0.0))
        return make_error(errc::invalid_argument,
                          "category " + quote(c.name) + ": weight " + quote(item.substr(colon + 1)) +
                              " is not a positive number",
                          {}, 0, "categories");
      c.weight = *w;
    }
    if (c.name.empty())
      return make_error(errc::invalid_argument, "empty category name in \"" + std::string(spec) + "\"", {}, 0,
                        "categories");
    if (std::any_of(out.begin(), out.end(), [&](category const& o) { return o.name == c.name; }))
      return make_error(errc::invalid_argument, "category " + quote(c.name) + " named twice", {}, 0, "categories");
    out.push_back(std::move(c));
    if (end == spec.size()) break;
  }
  return out;
}

result<std::vector<point_row>> read_points_csv(std::string_view bytes, std::string const& file,
                                               point_table_options const& opt, validation_report& report) {
  KW_TRY(auto csv, io::csv_reader::open(bytes, file));
  int const lat = csv.column(opt.lat_column);
  int const lon = csv.column(opt.lon_column);
  if (lat < 0)
    return make_error(errc::invalid_format, "no column " + quote(opt.lat_column) + " in the header", file, 1,
                      opt.lat_column);
  if (lon < 0)
    return make_error(errc::invalid_format, "no column " + quote(opt.lon_column) + " in the header", file, 1,
                      opt.lon_column);
  std::vector<int> cols;
  for (std::size_t i = 0; i < opt.columns.size(); ++i) {
    cols.push_back(csv.column(opt.columns[i]));
    if (cols.back() < 0 && i < opt.required.size() && opt.required[i])
      return make_error(errc::invalid_format, "no column " + quote(opt.columns[i]) + " in the header", file, 1,
                        opt.columns[i]);
  }
  std::vector<point_row> rows;
  std::uint32_t index = 0;
  while (csv.next()) {
    auto const line = csv.line();
    std::uint32_t const rec = index++;
    auto check = [&](int col, std::string const& name, double lo, double hi) -> std::optional<double> {
      auto const raw = trim(csv.field(col));
      if (raw.empty()) {
        report.add(severity::warning, "missing_coordinate", file, line, name, "empty " + name + "; row skipped");
        return std::nullopt;
      }
      auto const v = parse_double(raw);
      if (!v || !std::isfinite(*v)) {
        report.add(severity::warning, "bad_coordinate", file, line, name,
                   name + " " + quote(raw) + " is not a number; row skipped");
        return std::nullopt;
      }
      if (*v < lo || *v > hi) {
        report.add(severity::warning, "coordinate_out_of_range", file, line, name,
                   name + " " + std::string(raw) + " is outside [" + std::to_string(static_cast<int>(lo)) + ", " +
                       std::to_string(static_cast<int>(hi)) + "]; row skipped");
        return std::nullopt;
      }
      return v;
    };
    auto const la = check(lat, opt.lat_column, -90.0, 90.0);
    auto const lo = check(lon, opt.lon_column, -180.0, 180.0);
    if (!la || !lo) continue;
    point_row r;
    r.pos = {*la, *lo};
    r.line = line;
    r.feature = rec;
    for (auto const c : cols) r.values.emplace_back(trim(csv.field(c)));
    rows.push_back(std::move(r));
  }
  if (csv.unterminated_quote())
    report.add(severity::warning, "unterminated_quote", file, csv.line(), {},
               "the last record ends inside a quoted field");
  return rows;
}

result<std::vector<point_row>> read_points_geojson(std::string_view bytes, std::string const& file,
                                                   point_table_options const& opt, validation_report& report) {
  json doc;
  try {
    doc = json::parse(bytes.begin(), bytes.end());
  } catch (json::exception const& e) {
    return make_error(errc::invalid_format, std::string("not GeoJSON: ") + e.what(), file);
  }
  json const* features = nullptr;
  json single = json::array();
  if (doc.is_object() && doc.value("type", json{}) == "FeatureCollection") {
    auto const it = doc.find("features");
    if (it == doc.end() || !it->is_array())
      return make_error(errc::invalid_format, "a FeatureCollection needs a \"features\" array", file, 0, "features");
    features = &*it;
  } else if (doc.is_object() && doc.value("type", json{}) == "Feature") {
    single.push_back(doc);
    features = &single;
  } else {
    return make_error(errc::invalid_format, "not GeoJSON: expected an object of type FeatureCollection or Feature",
                      file, 0, "type");
  }
  std::vector<bool> seen(opt.columns.size(), false);
  std::vector<point_row> rows;
  for (std::size_t i = 0; i < features->size(); ++i) {
    auto const& f = (*features)[i];
    std::string const where = "features[" + std::to_string(i) + "]";
    auto warn = [&](char const* code, std::string const& field, std::string const& msg) {
      report.add(severity::warning, code, file, 0, where + field, "feature " + std::to_string(i) + ": " + msg);
    };
    if (!f.is_object()) {
      warn("bad_feature", "", "not an object; skipped");
      continue;
    }
    std::vector<std::string> values(opt.columns.size());
    if (auto const p = f.find("properties"); p != f.end() && p->is_object()) {
      for (std::size_t c = 0; c < opt.columns.size(); ++c)
        if (auto const v = p->find(opt.columns[c]); v != p->end()) {
          values[c] = json_value_string(*v);
          seen[c] = true;
        }
    }
    auto const g = f.find("geometry");
    if (g == f.end() || g->is_null()) {
      warn("missing_coordinate", ".geometry", "no geometry; skipped");
      continue;
    }
    if (!g->is_object() || !g->contains("type") || !(*g)["type"].is_string()) {
      warn("bad_geometry", ".geometry", "geometry without a type; skipped");
      continue;
    }
    auto const type = (*g)["type"].get<std::string>();
    auto const c = g->find("coordinates");
    if (c == g->end()) {
      warn("missing_coordinate", ".geometry.coordinates", "no coordinates; skipped");
      continue;
    }
    auto emit = [&](geo::latlng p, std::uint8_t kind) {
      point_row r;
      r.pos = p;
      r.feature = static_cast<std::uint32_t>(i);
      r.kind = kind;
      r.values = values;
      rows.push_back(std::move(r));
    };
    if (type == "Point") {
      geo::latlng p;
      if (auto const err = position(*c, p)) {
        warn(err->code, ".geometry.coordinates", err->message + "; skipped");
        continue;
      }
      emit(p, 0);
    } else if (type == "MultiPoint") {
      if (!c->is_array()) {
        warn("bad_coordinate", ".geometry.coordinates", "MultiPoint coordinates must be an array; skipped");
        continue;
      }
      for (std::size_t k = 0; k < c->size(); ++k) {
        geo::latlng p;
        if (auto const err = position((*c)[k], p)) {
          warn(err->code, ".geometry.coordinates[" + std::to_string(k) + "]", err->message + "; point skipped");
          continue;
        }
        emit(p, 0);
      }
    } else if (type == "Polygon" || type == "MultiPolygon") {
      std::vector<std::vector<geo::latlng>> rings;
      std::vector<bool> outer;
      bool bad = false;
      std::string msg;
      char const* code = "bad_coordinate";
      auto read_polygon = [&](json const& poly) {
        if (!poly.is_array()) {
          bad = true;
          msg = "a polygon must be an array of rings";
          return;
        }
        for (std::size_t r = 0; r < poly.size() && !bad; ++r) {
          if (!poly[r].is_array()) {
            bad = true;
            msg = "a ring must be an array of positions";
            return;
          }
          std::vector<geo::latlng> ring;
          for (auto const& pos : poly[r]) {
            geo::latlng p;
            if (auto const err = position(pos, p)) {
              bad = true;
              msg = err->message;
              code = err->code;
              return;
            }
            ring.push_back(p);
          }
          if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
          rings.push_back(std::move(ring));
          outer.push_back(r == 0);
        }
      };
      if (type == "Polygon") {
        read_polygon(*c);
      } else if (c->is_array()) {
        for (auto const& poly : *c) read_polygon(poly);
      } else {
        bad = true;
        msg = "MultiPolygon coordinates must be an array";
      }
      auto const centre = bad ? std::nullopt : polygon_centroid(rings, outer);
      if (!centre) {
        warn(code, ".geometry.coordinates", (bad ? msg : std::string("empty polygon")) + "; skipped");
        continue;
      }
      emit(*centre, 1);
    } else {
      warn("unsupported_geometry", ".geometry.type", "geometry type " + quote(type) +
                                                         " is not supported (Point, MultiPoint, Polygon, "
                                                         "MultiPolygon); skipped");
    }
  }
  for (std::size_t c = 0; c < opt.columns.size(); ++c)
    if (!seen[c] && c < opt.required.size() && opt.required[c] && !features->empty())
      return make_error(errc::invalid_format, "no feature has the property " + quote(opt.columns[c]), file, 0,
                        "properties." + opt.columns[c]);
  return rows;
}

result<std::vector<point_row>> read_points(std::filesystem::path const& path, point_table_options const& opt,
                                           validation_report& report) {
  auto const suffix = lower_suffix(path);
  if (suffix != ".csv" && suffix != ".geojson" && suffix != ".json") {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return make_error(errc::not_found, "no such file", path.string());
    return make_error(errc::invalid_format, "unknown file type " + quote(suffix) + " (expected .csv, .geojson or .json)",
                      path.string());
  }
  KW_TRY(auto bytes, read_file(path));
  if (suffix == ".csv") return read_points_csv(bytes, path.string(), opt, report);
  return read_points_geojson(bytes, path.string(), opt, report);
}

namespace {

status check_options(load_options const& opt) {
  if (opt.category_column.empty())
    return make_error(errc::invalid_argument, "the category column name is empty", {}, 0, "category_column");
  for (std::size_t i = 0; i < opt.categories.size(); ++i) {
    auto const& c = opt.categories[i];
    if (c.name.empty()) return make_error(errc::invalid_argument, "empty category name", {}, 0, "categories");
    if (!std::isfinite(c.weight) || !(c.weight > 0.0))
      return make_error(errc::invalid_argument, "category " + quote(c.name) + ": weight is not a positive number", {},
                        0, "categories");
    for (std::size_t j = 0; j < i; ++j)
      if (opt.categories[j].name == c.name)
        return make_error(errc::invalid_argument, "category " + quote(c.name) + " named twice", {}, 0, "categories");
  }
  return {};
}

result<poi_set> to_pois(result<std::vector<point_row>> rows, std::string const& file, bool geojson,
                        load_options const& opt, validation_report& report) {
  if (!rows) return make_error(std::move(rows).error());
  poi_set out;
  out.table_version = "user";
  out.source = file;
  out.categories = opt.categories;
  bool const fixed = !opt.categories.empty();
  std::size_t skipped = 0;
  for (auto const& r : *rows) {
    auto const& cat = r.values[0];
    std::string const field = geojson ? "features[" + std::to_string(r.feature) + "].properties." + opt.category_column
                                       : opt.category_column;
    if (cat.empty()) {
      report.add(severity::warning, "missing_category", file, r.line, field,
                 (geojson ? "feature " + std::to_string(r.feature) + ": " : std::string{}) + "empty " +
                     opt.category_column + "; row skipped");
      ++skipped;
      continue;
    }
    auto it = std::find_if(out.categories.begin(), out.categories.end(), [&](category const& c) { return c.name == cat; });
    if (it == out.categories.end()) {
      if (fixed) {
        report.add(severity::warning, "unknown_category", file, r.line, field,
                   (geojson ? "feature " + std::to_string(r.feature) + ": " : std::string{}) + "category " +
                       quote(cat) + " is not one of the categories asked for; row skipped");
        ++skipped;
        continue;
      }
      out.categories.push_back({cat, 1.0});
      it = out.categories.end() - 1;
    }
    poi_record rec;
    rec.lat = r.pos.lat;
    rec.lon = r.pos.lon;
    rec.category = static_cast<std::uint32_t>(it - out.categories.begin());
    rec.kind = r.kind == 1 ? source_kind::centroid : source_kind::user;
    rec.source_id = geojson ? std::int64_t{r.feature} + 1 : std::int64_t{r.line};
    out.records.push_back(rec);
    out.names.push_back(r.values[1]);
  }
  if (out.records.empty())
    return make_error(errc::invalid_format,
                      rows->empty() && skipped_rows_note(report, file).empty()
                          ? std::string("no usable POI: the file has no data row")
                          : "no usable POI: " + std::to_string(rows->size()) + " rows with coordinates, " +
                                std::to_string(skipped) + " skipped for their category" +
                                skipped_rows_note(report, file),
                      file);
  return out;
}

point_table_options table_options(load_options const& opt) {
  point_table_options t;
  t.lat_column = opt.lat_column;
  t.lon_column = opt.lon_column;
  t.columns = {opt.category_column, opt.name_column};
  t.required = {true, false};
  return t;
}

}  // namespace

result<poi_set> load_csv(std::string_view bytes, std::string const& file, load_options const& opt,
                         validation_report& report) {
  KW_TRY_VOID(check_options(opt));
  return to_pois(read_points_csv(bytes, file, table_options(opt), report), file, false, opt, report);
}

result<poi_set> load_geojson(std::string_view bytes, std::string const& file, load_options const& opt,
                             validation_report& report) {
  KW_TRY_VOID(check_options(opt));
  return to_pois(read_points_geojson(bytes, file, table_options(opt), report), file, true, opt, report);
}

result<poi_set> load_file(std::filesystem::path const& path, load_options const& opt, validation_report& report) {
  KW_TRY_VOID(check_options(opt));
  auto const suffix = lower_suffix(path);
  return to_pois(read_points(path, table_options(opt), report), path.string(), suffix != ".csv", opt, report);
}

std::string skipped_rows_note(validation_report const& report, std::string const& file) {
  std::size_t n = 0;
  problem const* first = nullptr;
  for (auto const& p : report.problems())
    if (p.file == file && p.severity == severity::warning) {
      ++n;
      if (first == nullptr) first = &p;
    }
  if (first == nullptr) return {};
  return " (" + std::to_string(n) + (n == 1 ? " row" : " rows") + " skipped; the first: " +
         (first->line != 0 ? "line " + std::to_string(first->line) + ", " : std::string{}) +
         (first->field.empty() ? std::string{} : first->field + ": ") + first->message + ")";
}

}  // namespace kwartier::poi
