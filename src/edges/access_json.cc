#include "edges/access_json.h"

#include "kwartier/access/run.h"

namespace kwartier::edges {

namespace {
json median(double s) { return s >= routing::kUnreachable ? json(nullptr) : json(s); }
}  // namespace

json access_summary(access::score_result const& r) {
  auto const& s = r.scores;
  json j;
  json modes = json::array();
  for (auto const m : s.modes) modes.push_back(std::string(access::mode_name(m)));
  j["modes"] = modes;
  json cats = json::array();
  for (std::size_t c = 0; c < s.n_categories(); ++c)
    cats.push_back(json{{"name", s.categories[c]}, {"weight", s.weights[c]}, {"pois", s.poi_counts[c]}});
  j["categories"] = cats;
  j["origins"] = json{{"kind", std::string(access::origin_kind_name(r.origins.kind))},
                      {"count", r.origins.size()},
                      {"source", r.origins.source.empty() ? json(nullptr) : json(r.origins.source)},
                      {"cell_m", r.origins.kind == access::origin_kind::grid ? json(r.origins.grid.cell_m) : json(nullptr)}};
  j["minutes"] = s.threshold_s / 60.0;
  j["max_minutes"] = s.max_s / 60.0;
  j["date"] = s.date.empty() ? json(nullptr) : json(s.date);
  j["time"] = s.time.empty() ? json(nullptr) : json(s.time);
  j["default_date"] = s.default_date;
  j["window_minutes"] = s.window_minutes;
  j["percentile"] = s.percentile;
  auto const nm = s.modes.size(), nc = s.n_categories();
  json summary = json::array();
  auto const& t = r.total;
  for (std::size_t c = 0; c < nc; ++c)
    for (std::size_t mi = 0; mi < nm; ++mi)
      summary.push_back(json{{"category", s.categories[c]},
                             {"mode", std::string(access::mode_name(s.modes[mi]))},
                             {"reached", t.reached[mi * nc + c]},
                             {"median_s", median(t.median_s[mi * nc + c])}});
  j["summary"] = summary;
  json share;
  for (std::size_t mi = 0; mi < nm; ++mi) share[std::string(access::mode_name(s.modes[mi]))] = t.share[mi];
  share["any"] = t.share_any.empty() ? 0.0 : t.share_any[0];
  j["share"] = share;
  json areas = json::array();
  auto const& a = r.by_area;
  for (std::size_t ai = 0; ai < a.names.size(); ++ai) {
    json sh, reached;
    for (std::size_t mi = 0; mi < nm; ++mi) {
      auto const mname = std::string(access::mode_name(s.modes[mi]));
      sh[mname] = a.share[ai * nm + mi];
      json per;
      for (std::size_t c = 0; c < nc; ++c) per[s.categories[c]] = a.reached[(ai * nm + mi) * nc + c];
      reached[mname] = per;
    }
    sh["any"] = a.share_any[ai];
    areas.push_back(json{{"name", a.names[ai]},
                         {"origins", a.n_origins[ai]},
                         {"weight", a.weight[ai]},
                         {"share", sh},
                         {"reached", reached}});
  }
  j["areas"] = areas;
  j["report"] = to_json(r.report);
  return j;
}

}  // namespace kwartier::edges
