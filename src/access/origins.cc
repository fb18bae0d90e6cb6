#include "kwartier/access/origins.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "kwartier/poi/load.h"

namespace kwartier::access {

std::string_view origin_kind_name(origin_kind k) {
  switch (k) {
    case origin_kind::street_nodes: return "street_nodes";
    case origin_kind::grid: return "grid";
    case origin_kind::points: return "points";
  }
  return "unknown";
}

namespace {
geo::latlng offset(geo::latlng sw, double east_m, double north_m) {
  geo::local_frame const f{sw};
  return f.unproject(east_m, north_m);
}
}  // namespace

std::vector<geo::latlng> grid_spec::corners(std::uint32_t row, std::uint32_t col) const {
  double const x0 = col * cell_m, y0 = row * cell_m, x1 = x0 + cell_m, y1 = y0 + cell_m;
  return {offset(south_west, x0, y0), offset(south_west, x1, y0), offset(south_west, x1, y1),
          offset(south_west, x0, y1)};
}

geo::latlng grid_spec::centre(std::uint32_t row, std::uint32_t col) const {
  return offset(south_west, (col + 0.5) * cell_m, (row + 0.5) * cell_m);
}

result<origins> street_node_origins(network::network const& net) {
  auto const& g = net.graph();
  if (g.n_nodes() == 0)
    return make_error(errc::invalid_argument, "the network has no street graph (built from GTFS alone)", {}, 0,
                      "origins");
  origins o;
  o.kind = origin_kind::street_nodes;
  for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
    if (!g.node_in(street::node_idx_t{v}, street::mode::walk)) continue;
    o.pos.push_back(g.node_pos_[v]);
    o.weight.push_back(1.0);
    o.ids.push_back(std::to_string(v));
    o.node.push_back(v);
  }
  return o;
}

result<origins> grid_origins(network::network const& net, double cell_m, double max_snap_m) {
  if (!std::isfinite(cell_m) || cell_m < 10.0 || cell_m > 100000.0)
    return make_error(errc::invalid_argument, "grid cell size must be between 10 and 100000 metres (got " +
                                                  std::to_string(cell_m) + ")",
                      {}, 0, "grid");
  if (!(max_snap_m >= 0.0))
    return make_error(errc::invalid_argument, "maximum snapping distance must be >= 0", {}, 0, "max_snap_m");
  auto const& g = net.graph();
  double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
  bool any = false;
  for (std::uint32_t v = 0; v < g.n_nodes(); ++v) {
    if (!g.node_in(street::node_idx_t{v}, street::mode::walk)) continue;
    auto const p = g.node_pos_[v];
    lat0 = std::min(lat0, p.lat), lat1 = std::max(lat1, p.lat);
    lon0 = std::min(lon0, p.lon), lon1 = std::max(lon1, p.lon);
    any = true;
  }
  if (!any)
    return make_error(errc::invalid_argument, "the network has no walkable street to lay a grid over", {}, 0, "grid");
  origins o;
  o.kind = origin_kind::grid;
  o.grid.cell_m = cell_m;
  o.grid.south_west = {lat0, lon0};
  geo::local_frame const f{o.grid.south_west};
  double const w = f.x({lat0, lon1}), h = f.y({lat1, lon0});
  double const cols = std::floor(w / cell_m) + 1.0, rows = std::floor(h / cell_m) + 1.0;
  if (cols * rows > 1e7)
    return make_error(errc::limit_exceeded,
                      "a grid of " + std::to_string(static_cast<long long>(cols * rows)) +
                          " cells is over the limit of 10 million; choose larger cells",
                      {}, 0, "grid");
  o.grid.n_cols = static_cast<std::uint32_t>(cols);
  o.grid.n_rows = static_cast<std::uint32_t>(rows);
  for (std::uint32_t r = 0; r < o.grid.n_rows; ++r)
    for (std::uint32_t c = 0; c < o.grid.n_cols; ++c) {
      auto const p = o.grid.centre(r, c);
      if (!net.snapper().snap(p, street::mode::walk, max_snap_m)) continue;
      o.pos.push_back(p);
      o.weight.push_back(1.0);
      o.ids.push_back(std::to_string(r) + "_" + std::to_string(c));
      o.node.push_back(kNoNode);
      o.cell.push_back(r * o.grid.n_cols + c);
    }
  return o;
}

result<origins> load_origins(std::filesystem::path const& path, origin_file_options const& opt,
                             validation_report& report) {
  poi::point_table_options t;
  t.lat_column = opt.lat_column;
  t.lon_column = opt.lon_column;
  t.columns = {opt.id_column, opt.weight_column};
  t.required = {false, !opt.weight_column.empty()};
  KW_TRY(auto rows, poi::read_points(path, t, report));
  bool const geojson = path.extension() != ".csv" && path.extension() != ".CSV";
  origins o;
  o.kind = origin_kind::points;
  o.source = path.string();
  o.weighted = !opt.weight_column.empty();
  for (auto const& r : rows) {
    double w = 1.0;
    if (o.weighted) {
      std::string_view v = r.values[1];
      std::string const field = geojson ? "features[" + std::to_string(r.feature) + "].properties." + opt.weight_column
                                        : opt.weight_column;
      auto const [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), w);
      if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size() || !std::isfinite(w) || w < 0.0) {
        report.add(severity::warning, "bad_weight", o.source, r.line, field,
                   (v.empty() ? std::string("empty ") + opt.weight_column
                              : opt.weight_column + " \"" + std::string(v) + "\" is not a number >= 0") +
                       "; row skipped");
        continue;
      }
    }
    o.pos.push_back(r.pos);
    o.weight.push_back(w);
    o.ids.push_back(!r.values[0].empty() ? r.values[0]
                                         : std::to_string(geojson ? r.feature + 1 : r.line));
    o.node.push_back(kNoNode);
  }
  if (o.pos.empty())
    return make_error(errc::invalid_format,
                      "no usable origin: " + std::to_string(rows.size()) + " rows with coordinates" +
                          poi::skipped_rows_note(report, o.source),
                      o.source);
  return o;
}

}  // namespace kwartier::access
