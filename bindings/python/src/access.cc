// kwartier.access (15-minute scores) and the origins kwartier.dask splits: thin bindings over access::score
// (kwartier/access/run.h). Arrays come back as numpy; the summary is the CLI's JSON (edges::access_summary).
#include <cmath>

#include "common.h"
#include "edges/access_json.h"
#include "kwartier/access/run.h"
#include "kwartier/network/network.h"

namespace kwartier::py {

namespace {

namespace ac = kwartier::access;

ac::score_request make_request(std::string pois, std::string category_column, std::string categories,
                               std::string modes, double minutes, double max_minutes, std::string date,
                               std::string time, double window_minutes, double percentile, double grid_m,
                               std::string origins, std::string weight_column, std::string areas,
                               std::string area_name, double max_snap_m, unsigned threads) {
  ac::score_request r;
  r.pois = std::move(pois);
  r.category_column = std::move(category_column);
  r.categories = std::move(categories);
  r.opt.modes = unwrap(ac::parse_modes(modes));
  r.opt.minutes = minutes;
  r.opt.max_minutes = max_minutes;
  r.opt.date = std::move(date);
  r.opt.time = std::move(time);
  r.opt.window_minutes = window_minutes;
  r.opt.percentile = percentile;
  r.grid_m = grid_m;
  r.origins = std::move(origins);
  r.weight_column = std::move(weight_column);
  r.areas = std::move(areas);
  r.area_name = std::move(area_name);
  r.opt.max_snap_m = max_snap_m;
  r.opt.threads = threads;
  return r;
}

pyb::dict origins_dict(ac::origins const& o) {
  pyb::dict d;
  std::vector<double> lat, lon;
  std::vector<std::int64_t> node, row, col;
  for (std::size_t i = 0; i < o.size(); ++i) {
    lat.push_back(o.pos[i].lat);
    lon.push_back(o.pos[i].lon);
    node.push_back(o.node[i] == ac::kNoNode ? -1 : static_cast<std::int64_t>(o.node[i]));
    if (o.kind == ac::origin_kind::grid) {
      row.push_back(o.cell[i] / o.grid.n_cols);
      col.push_back(o.cell[i] % o.grid.n_cols);
    }
  }
  d["kind"] = std::string(ac::origin_kind_name(o.kind));
  d["source"] = o.source;
  d["id"] = o.ids;
  d["lat"] = to_numpy(std::move(lat));
  d["lon"] = to_numpy(std::move(lon));
  d["weight"] = to_numpy(std::vector<double>(o.weight));
  d["node"] = to_numpy(std::move(node));
  if (o.kind == ac::origin_kind::grid) {
    d["row"] = to_numpy(std::move(row));
    d["col"] = to_numpy(std::move(col));
    pyb::dict g;
    g["cell_m"] = o.grid.cell_m;
    g["south_west"] = pyb::make_tuple(o.grid.south_west.lat, o.grid.south_west.lon);
    g["n_rows"] = o.grid.n_rows;
    g["n_cols"] = o.grid.n_cols;
    d["grid"] = g;
    // Cell corners (n, 4, 2) as (lat, lon), from the core's grid_spec.
    std::vector<double> corners;
    corners.reserve(o.size() * 8);
    for (std::size_t i = 0; i < o.size(); ++i)
      for (auto const& p : o.grid.corners(o.cell[i] / o.grid.n_cols, o.cell[i] % o.grid.n_cols)) {
        corners.push_back(p.lat);
        corners.push_back(p.lon);
      }
    d["cells"] = to_numpy(std::move(corners)).reshape({static_cast<pyb::ssize_t>(o.size()), pyb::ssize_t{4}, pyb::ssize_t{2}});
  } else {
    d["grid"] = pyb::none();
    d["cells"] = pyb::none();
  }
  return d;
}

// Origins given by Python: arrays of lat, lon, weight, node (-1: a point), ids; kind "points" or
// "street_nodes" (a share of a network's nodes).
ac::origins origins_from(pyb::dict const& d) {
  ac::origins o;
  auto lat = d["lat"].cast<std::vector<double>>();
  auto lon = d["lon"].cast<std::vector<double>>();
  auto w = d["weight"].cast<std::vector<double>>();
  auto node = d["node"].cast<std::vector<std::int64_t>>();
  auto ids = d["id"].cast<std::vector<std::string>>();
  auto const n = lat.size();
  if (lon.size() != n || w.size() != n || node.size() != n || ids.size() != n)
    raise(errc::invalid_argument, "origin arrays differ in length", "origins");
  o.kind = ac::origin_kind::points;
  for (std::size_t i = 0; i < n; ++i) {
    if (!geo::valid({lat[i], lon[i]}))
      raise(errc::out_of_range, "origin " + std::to_string(i) + ": coordinate out of range", "origins");
    if (!std::isfinite(w[i]) || w[i] < 0.0)
      raise(errc::invalid_argument, "origin " + std::to_string(i) + ": weight is not a number >= 0", "origins");
    o.pos.push_back({lat[i], lon[i]});
    o.weight.push_back(w[i]);
    o.node.push_back(node[i] < 0 ? ac::kNoNode : static_cast<std::uint32_t>(node[i]));
    o.ids.push_back(ids[i]);
  }
  o.weighted = true;
  return o;
}

pyb::dict result_dict(ac::score_result&& r) {
  pyb::dict d;
  d["summary"] = to_python(edges::access_summary(r));
  d["origins"] = origins_dict(r.origins);
  auto const& s = r.scores;
  auto const nm = static_cast<pyb::ssize_t>(s.modes.size());
  auto const nc = static_cast<pyb::ssize_t>(s.n_categories());
  auto const n = static_cast<pyb::ssize_t>(s.n_origins);
  d["seconds"] = to_numpy(std::vector<std::int32_t>(s.seconds)).reshape({nm, nc, n});
  d["reached"] = to_numpy(std::vector<std::uint8_t>(s.reached)).reshape({nm, n});
  d["share"] = to_numpy(std::vector<float>(s.share)).reshape({nm, n});
  d["share_any"] = to_numpy(std::vector<float>(s.share_any));
  pyb::dict p;
  std::vector<double> lat, lon;
  std::vector<std::int32_t> cat;
  for (auto const& rec : r.pois.records) {
    lat.push_back(rec.lat);
    lon.push_back(rec.lon);
    cat.push_back(static_cast<std::int32_t>(rec.category));
  }
  p["lat"] = to_numpy(std::move(lat));
  p["lon"] = to_numpy(std::move(lon));
  p["category"] = to_numpy(std::move(cat));
  p["name"] = r.pois.names;
  d["pois"] = p;
  if (r.districts) {
    pyb::list polys;
    for (std::size_t a = 0; a < r.districts->size(); ++a) {
      pyb::list shape;
      for (auto const& poly : r.districts->polygons(a)) {
        pyb::list rings;
        for (auto const& ring : poly) {
          pyb::list pts;
          for (auto const& q : ring) pts.append(pyb::make_tuple(q.lat, q.lon));
          rings.append(pts);
        }
        shape.append(rings);
      }
      polys.append(shape);
    }
    d["area_polygons"] = polys;
    d["area_of"] = to_numpy(std::vector<std::int32_t>(r.area_of));
  } else {
    d["area_polygons"] = pyb::none();
    d["area_of"] = pyb::none();
  }
  return d;
}

}  // namespace

void bind_access(pyb::module_& m) {
  m.def("access_defaults", [] {
    ac::score_request const r;
    pyb::dict d, a;
    a["pois"] = r.pois;
    a["category_column"] = r.category_column;
    a["categories"] = r.categories;
    a["modes"] = "walk";
    a["minutes"] = r.opt.minutes;
    a["max_minutes"] = r.opt.max_minutes;
    a["date"] = r.opt.date;
    a["time"] = r.opt.time;
    a["window_minutes"] = r.opt.window_minutes;
    a["percentile"] = r.opt.percentile;
    a["grid_m"] = r.grid_m;
    a["origins"] = r.origins;
    a["weight_column"] = r.weight_column;
    a["areas"] = r.areas;
    a["area_name"] = r.area_name;
    a["max_snap_m"] = r.opt.max_snap_m;
    a["threads"] = r.opt.threads;
    d["access.score"] = a;
    return d;
  });
  m.def(
      "access_origins",
      [](network::network const& net, double grid_m, std::string origins, std::string weight_column,
         double max_snap_m) {
        ac::score_request r;
        r.grid_m = grid_m;
        r.origins = std::move(origins);
        r.weight_column = std::move(weight_column);
        r.opt.max_snap_m = max_snap_m;
        validation_report rep;
        result<ac::origins> o;
        {
          pyb::gil_scoped_release nogil;
          o = ac::make_origins(net, r, rep);
        }
        auto d = origins_dict(unwrap(std::move(o)));
        d["report"] = to_python(edges::to_json(rep));
        return d;
      },
      pyb::arg("network"), pyb::arg("grid_m"), pyb::arg("origins"), pyb::arg("weight_column"), pyb::arg("max_snap_m"));
  m.def(
      "access_score",
      [](network::network const& net, std::string pois, std::string category_column,
         std::string categories, std::string modes, double minutes, double max_minutes, std::string date,
         std::string time, double window_minutes, double percentile, double grid_m, std::string origins,
         std::string weight_column, std::string areas, std::string area_name, double max_snap_m, unsigned threads,
         pyb::object given, pyb::object progress) {
        auto req = make_request(std::move(pois), std::move(category_column), std::move(categories), std::move(modes),
                                minutes, max_minutes, std::move(date), std::move(time), window_minutes, percentile,
                                grid_m, std::move(origins), std::move(weight_column), std::move(areas),
                                std::move(area_name), max_snap_m, threads);
        std::optional<ac::origins> g;
        if (!given.is_none()) g = origins_from(given.cast<pyb::dict>());
        progress_callback pc{progress};
        if (!progress.is_none()) req.opt.progress = pc.get();
        result<ac::score_result> r;
        {
          pyb::gil_scoped_release nogil;
          r = g ? ac::score(net, req, std::move(*g)) : ac::score(net, req);
        }
        pc.rethrow();
        return result_dict(unwrap(std::move(r)));
      },
      pyb::arg("network"), pyb::arg("pois"), pyb::arg("category_column"), pyb::arg("categories"), pyb::arg("modes"),
      pyb::arg("minutes"), pyb::arg("max_minutes"), pyb::arg("date"), pyb::arg("time"), pyb::arg("window_minutes"),
      pyb::arg("percentile"), pyb::arg("grid_m"), pyb::arg("origins"), pyb::arg("weight_column"), pyb::arg("areas"),
      pyb::arg("area_name"), pyb::arg("max_snap_m"), pyb::arg("threads"), pyb::arg("given"), pyb::arg("progress"));
}

}  // namespace kwartier::py
