#include "kwartier/access/output.h"

#include <cmath>
#include <cstdio>

#include "kwartier/core/output.h"
#include "kwartier/core/report.h"

namespace kwartier::access {

namespace {

void num(std::string& out, double v, int prec = 7) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", prec, v);
  out += buf;
}

void csv_field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (auto c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string col(mode m, std::string_view cat) { return std::string(mode_name(m)) + "_" + std::string(cat); }

}  // namespace

std::string to_csv(scores const& s, origins const& o) {
  std::string out;
  out += "id,lat,lon,weight";
  bool const grid = o.kind == origin_kind::grid;
  if (grid) out += ",row,col";
  for (auto const m : s.modes) {
    for (auto const& c : s.categories) {
      out += ',';
      csv_field(out, col(m, c) + "_s");
    }
    out += "," + std::string(mode_name(m)) + "_reached," + std::string(mode_name(m)) + "_share";
  }
  out += ",share\n";
  auto const n = s.n_origins;
  for (std::size_t i = 0; i < n; ++i) {
    csv_field(out, o.ids[i]);
    out += ',';
    num(out, o.pos[i].lat, 9);
    out += ',';
    num(out, o.pos[i].lon, 9);
    out += ',';
    num(out, o.weight[i], 9);
    if (grid) {
      out += "," + std::to_string(o.cell[i] / o.grid.n_cols) + "," + std::to_string(o.cell[i] % o.grid.n_cols);
    }
    for (std::size_t mi = 0; mi < s.modes.size(); ++mi) {
      for (std::size_t c = 0; c < s.n_categories(); ++c) {
        out += ',';
        auto const t = s.at(mi, c, i);
        if (t != routing::kUnreachable) out += std::to_string(t);
      }
      out += ',' + std::to_string(s.reached[mi * n + i]) + ',';
      num(out, s.share[mi * n + i], 6);
    }
    out += ',';
    num(out, s.share_any[i], 6);
    out += '\n';
  }
  return out;
}

namespace {

void ring_json(std::string& out, ring const& r) {
  out += '[';
  for (std::size_t k = 0; k <= r.size(); ++k) {
    auto const& p = r[k % r.size()];  // closed
    if (k) out += ',';
    out += '[';
    num(out, p.lon, 10);
    out += ',';
    num(out, p.lat, 10);
    out += ']';
  }
  out += ']';
}

void meta_json(std::string& out, scores const& s, origins const& o, poi::poi_view const* pois, areas const* a,
               area_summary const* sum) {
  out += "\"kwartier\":{\"modes\":[";
  for (std::size_t i = 0; i < s.modes.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, mode_name(s.modes[i]));
  }
  out += "],\"categories\":[";
  for (std::size_t c = 0; c < s.n_categories(); ++c) {
    if (c) out += ',';
    append_json_string(out, s.categories[c]);
  }
  out += "],\"weights\":[";
  for (std::size_t c = 0; c < s.n_categories(); ++c) {
    if (c) out += ',';
    num(out, s.weights[c]);
  }
  out += "],\"poi_counts\":[";
  for (std::size_t c = 0; c < s.poi_counts.size(); ++c) {
    if (c) out += ',';
    out += std::to_string(s.poi_counts[c]);
  }
  out += "],\"minutes\":";
  num(out, s.threshold_s / 60.0);
  out += ",\"max_minutes\":";
  num(out, s.max_s / 60.0);
  out += ",\"date\":";
  if (s.date.empty())
    out += "null";
  else
    append_json_string(out, s.date);
  out += ",\"time\":";
  if (s.time.empty())
    out += "null";
  else
    append_json_string(out, s.time);
  out += std::string(",\"default_date\":") + (s.default_date ? "true" : "false");
  out += ",\"window_minutes\":";
  num(out, s.window_minutes);
  out += ",\"percentile\":";
  num(out, s.percentile);
  out += ",\"origins\":";
  append_json_string(out, origin_kind_name(o.kind));
  out += ",\"n_origins\":" + std::to_string(o.size());
  out += ",\"cell_m\":";
  if (o.kind == origin_kind::grid)
    num(out, o.grid.cell_m);
  else
    out += "null";
  out += ",\"pois\":[";
  if (pois != nullptr)
    for (std::size_t i = 0; i < pois->size(); ++i) {
      auto const& r = pois->records[i];
      if (i) out += ',';
      out += '[';
      num(out, r.lat, 9);
      out += ',';
      num(out, r.lon, 9);
      out += ',' + std::to_string(r.category) + ',';
      append_json_string(out, pois->name(i));
      out += ']';
    }
  out += ']';
  out += ",\"areas\":";
  if (a == nullptr || sum == nullptr) {
    out += "null";
  } else {
    out += "{\"type\":\"FeatureCollection\",\"features\":[";
    for (std::size_t ai = 0; ai < a->size(); ++ai) {
      if (ai) out += ',';
      out += "{\"type\":\"Feature\",\"properties\":{\"name\":";
      append_json_string(out, a->name(ai));
      out += ",\"origins\":" + std::to_string(sum->n_origins[ai]) + ",\"weight\":";
      num(out, sum->weight[ai]);
      auto const nm = sum->n_modes, nc = sum->n_categories;
      for (std::size_t mi = 0; mi < nm; ++mi) {
        for (std::size_t c = 0; c < nc; ++c) {
          out += ',';
          append_json_string(out, col(s.modes[mi], s.categories[c]));
          out += ':';
          num(out, sum->reached[(ai * nm + mi) * nc + c], 6);
        }
        out += ',';
        append_json_string(out, std::string(mode_name(s.modes[mi])) + "_share");
        out += ':';
        num(out, sum->share[ai * nm + mi], 6);
      }
      out += ",\"share\":";
      num(out, sum->share_any[ai], 6);
      out += "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[";
      auto const& polys = a->polygons(ai);
      for (std::size_t p = 0; p < polys.size(); ++p) {
        if (p) out += ',';
        out += '[';
        for (std::size_t r = 0; r < polys[p].size(); ++r) {
          if (r) out += ',';
          ring_json(out, polys[p][r]);
        }
        out += ']';
      }
      out += "]}}";
    }
    out += "]}";
  }
  out += '}';
}

}  // namespace

std::string to_geojson(scores const& s, origins const& o, poi::poi_view const* pois, areas const* a,
                       area_summary const* summary) {
  std::string out = "{\"type\":\"FeatureCollection\",";
  meta_json(out, s, o, pois, a, summary);
  out += ",\"features\":[\n";
  auto const n = s.n_origins;
  bool const grid = o.kind == origin_kind::grid;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ",\n";
    out += "{\"type\":\"Feature\",\"properties\":{\"id\":";
    append_json_string(out, o.ids[i]);
    out += ",\"lat\":";
    num(out, o.pos[i].lat, 9);
    out += ",\"lon\":";
    num(out, o.pos[i].lon, 9);
    out += ",\"weight\":";
    num(out, o.weight[i], 9);
    if (grid)
      out += ",\"row\":" + std::to_string(o.cell[i] / o.grid.n_cols) + ",\"col\":" + std::to_string(o.cell[i] % o.grid.n_cols);
    for (std::size_t mi = 0; mi < s.modes.size(); ++mi) {
      for (std::size_t c = 0; c < s.n_categories(); ++c) {
        out += ',';
        append_json_string(out, col(s.modes[mi], s.categories[c]) + "_s");
        out += ':';
        auto const t = s.at(mi, c, i);
        out += t == routing::kUnreachable ? std::string("null") : std::to_string(t);
      }
      auto const m = std::string(mode_name(s.modes[mi]));
      out += ",\"" + m + "_reached\":" + std::to_string(s.reached[mi * n + i]) + ",\"" + m + "_share\":";
      num(out, s.share[mi * n + i], 6);
    }
    out += ",\"share\":";
    num(out, s.share_any[i], 6);
    out += "},\"geometry\":";
    if (grid) {
      out += "{\"type\":\"Polygon\",\"coordinates\":[";
      ring_json(out, o.grid.corners(o.cell[i] / o.grid.n_cols, o.cell[i] % o.grid.n_cols));
      out += "]}}";
    } else {
      out += "{\"type\":\"Point\",\"coordinates\":[";
      num(out, o.pos[i].lon, 10);
      out += ',';
      num(out, o.pos[i].lat, 10);
      out += "]}}";
    }
  }
  out += "\n]}\n";
  return out;
}

std::string summary_csv(scores const& s, area_summary const& a) {
  std::string out = "area,origins,weight";
  auto const nm = a.n_modes, nc = a.n_categories;
  for (std::size_t mi = 0; mi < nm; ++mi) {
    for (std::size_t c = 0; c < nc; ++c) {
      out += ',';
      csv_field(out, col(s.modes[mi], s.categories[c]));
      out += ',';
      csv_field(out, col(s.modes[mi], s.categories[c]) + "_median_s");
    }
    out += "," + std::string(mode_name(s.modes[mi])) + "_share";
  }
  out += ",share\n";
  for (std::size_t ai = 0; ai < a.names.size(); ++ai) {
    csv_field(out, a.names[ai]);
    out += "," + std::to_string(a.n_origins[ai]) + ',';
    num(out, a.weight[ai], 9);
    for (std::size_t mi = 0; mi < nm; ++mi) {
      for (std::size_t c = 0; c < nc; ++c) {
        out += ',';
        num(out, a.reached[(ai * nm + mi) * nc + c], 6);
        out += ',';
        auto const med = a.median_s[(ai * nm + mi) * nc + c];
        if (med < routing::kUnreachable) num(out, med, 9);
      }
      out += ',';
      num(out, a.share[ai * nm + mi], 6);
    }
    out += ',';
    num(out, a.share_any[ai], 6);
    out += '\n';
  }
  return out;
}

std::string summary_text(scores const& s, area_summary const& a) {
  std::string out;
  char buf[256];
  auto const nm = a.n_modes, nc = a.n_categories;
  std::snprintf(buf, sizeof buf, "%-16s %6s", "category", "POIs");
  out += buf;
  for (std::size_t mi = 0; mi < nm; ++mi) {
    std::snprintf(buf, sizeof buf, "  %18s", (std::string(mode_name(s.modes[mi])) + " %<= / median").c_str());
    out += buf;
  }
  out += '\n';
  if (a.names.empty()) return out;
  for (std::size_t c = 0; c < nc; ++c) {
    std::snprintf(buf, sizeof buf, "%-16s %6zu", s.categories[c].c_str(), c < s.poi_counts.size() ? s.poi_counts[c] : 0);
    out += buf;
    for (std::size_t mi = 0; mi < nm; ++mi) {
      auto const r = a.reached[mi * nc + c] * 100.0;
      auto const med = a.median_s[mi * nc + c];
      char m[32];
      if (med < routing::kUnreachable)
        std::snprintf(m, sizeof m, "%5.1f min", med / 60.0);
      else
        std::snprintf(m, sizeof m, "%9s", "-");
      std::snprintf(buf, sizeof buf, "  %6.1f%% %s", r, m);
      out += buf;
    }
    out += '\n';
  }
  std::snprintf(buf, sizeof buf, "%-16s %6s", "share (mean)", "");
  out += buf;
  for (std::size_t mi = 0; mi < nm; ++mi) {
    std::snprintf(buf, sizeof buf, "  %6.1f%% %9s", a.share[mi] * 100.0, "");
    out += buf;
  }
  out += '\n';
  return out;
}

status write_text(std::filesystem::path const& path, std::string const& text) {
  // Replace-by-rename (docs/reliability.md): a reader never sees half a file, a failed write leaves the old one.
  return write_file_atomically(path, text, kResultOutput);
}

}  // namespace kwartier::access
