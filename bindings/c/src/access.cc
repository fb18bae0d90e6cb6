// C ABI: access section of kwartier_c.h. Thin: binds the C options to access::score_request, calls
// access::score, keeps the answer and copies its arrays into the caller's buffers. JSON, GeoJSON and CSV come
// from the same functions as the CLI's (edges::access_summary, access::to_geojson, access::to_csv).
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "c_common.h"
#include "edges/access_json.h"
#include "handles.h"
#include "kwartier/access/output.h"
#include "kwartier/access/run.h"

struct kw_access {
  kwartier::access::score_result r;
};

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::accessor;
using kwartier::c_abi::guarded;
namespace ac = kwartier::access;

static_assert(KW_ACCESS_UNREACHED == kwartier::routing::kUnreachable);
static_assert(KW_ACCESS_WALK == static_cast<int>(ac::mode::walk) && KW_ACCESS_BIKE == static_cast<int>(ac::mode::bike) &&
              KW_ACCESS_TRANSIT == static_cast<int>(ac::mode::transit));

std::string or_default(char const* s, std::string const& d) { return s == nullptr ? d : std::string(s); }

// The index of `mode` among the modes scored; -1 (and the failure set) when it was not scored.
int mode_index(kw_access const* a, int mode, int& status) {
  auto const& ms = a->r.scores.modes;
  for (std::size_t i = 0; i < ms.size(); ++i)
    if (static_cast<int>(ms[i]) == mode) return static_cast<int>(i);
  status = fail(errc::invalid_argument, std::string("mode ") + std::to_string(mode) + " was not scored", "mode");
  return -1;
}

int check_len(std::size_t out_len, kw_access const* a, char const* fn) {
  if (out_len < a->r.scores.n_origins)
    return fail(errc::out_of_range, std::string(fn) + ": out_len " + std::to_string(out_len) + " < " +
                                        std::to_string(a->r.scores.n_origins) + " origins",
                "out_len");
  return 0;
}

// The origins' row of scored mode `mode` in `values` (rows_per_mode rows per mode: one per category for the
// seconds, one for reached and share) copied into `out`: the checks and the copy kw_access_seconds,
// kw_access_reached and kw_access_share share.
template <class T>
int copy_mode_row(T* out, std::size_t out_len, kw_access const* a, int mode, std::vector<T> const& values,
                  std::size_t rows_per_mode, std::size_t row, char const* fn) {
  int st = 0;
  int const mi = mode_index(a, mode, st);
  if (mi < 0) return st;
  if (row >= rows_per_mode)
    return fail(errc::out_of_range, "category " + std::to_string(row) + " past the end", "category");
  if ((st = check_len(out_len, a, fn)) != 0) return st;
  auto const n = a->r.scores.n_origins;
  auto const* first = values.data() + (static_cast<std::size_t>(mi) * rows_per_mode + row) * n;
  std::copy(first, first + n, out);
  return 0;
}

}  // namespace

extern "C" {

KW_API int kw_access_options_init(kw_access_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version != KW_ACCESS_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    // String defaults: static storage, so they outlive the call.
    static ac::score_request const d;
    static std::string const modes = [] {
      std::string m;
      for (auto const x : d.opt.modes) m += (m.empty() ? "" : ",") + std::string(ac::mode_name(x));
      return m;
    }();
    *opts = kw_access_options{};
    opts->version = version;
    opts->pois = d.pois.c_str();
    opts->category_column = d.category_column.c_str();
    opts->categories = d.categories.c_str();
    opts->modes = modes.c_str();
    opts->minutes = d.opt.minutes;
    opts->max_minutes = d.opt.max_minutes;
    opts->date = d.opt.date.c_str();
    opts->time = d.opt.time.c_str();
    opts->window_minutes = d.opt.window_minutes;
    opts->percentile = d.opt.percentile;
    opts->grid_m = d.grid_m;
    opts->origins = d.origins.c_str();
    opts->weight_column = d.weight_column.c_str();
    opts->areas = d.areas.c_str();
    opts->area_name = d.area_name.c_str();
    opts->max_snap_m = d.opt.max_snap_m;
    opts->threads = d.opt.threads;
    return 0;
  });
}

KW_API int kw_access_score(kw_access** out, const kw_network* net, const kw_access_options* o) {
  return guarded([&] {
    if (out == nullptr || net == nullptr || o == nullptr)
      return fail(errc::invalid_argument, "kw_access_score: NULL argument");
    *out = nullptr;
    if (o->version != KW_ACCESS_OPTIONS_VERSION)
      return fail(errc::unsupported, "kw_access_options: unknown version (use kw_access_options_init)");
    ac::score_request const d;
    ac::score_request r;
    r.pois = or_default(o->pois, d.pois);
    r.category_column = or_default(o->category_column, d.category_column);
    r.categories = or_default(o->categories, d.categories);
    if (o->modes != nullptr) {
      auto m = ac::parse_modes(o->modes);
      if (!m) return fail(m.error());
      r.opt.modes = std::move(*m);
    }
    r.opt.minutes = o->minutes;
    r.opt.max_minutes = o->max_minutes;
    r.opt.date = or_default(o->date, d.opt.date);
    r.opt.time = or_default(o->time, d.opt.time);
    r.opt.window_minutes = o->window_minutes;
    r.opt.percentile = o->percentile;
    r.grid_m = o->grid_m;
    r.origins = or_default(o->origins, d.origins);
    r.weight_column = or_default(o->weight_column, d.weight_column);
    r.areas = or_default(o->areas, d.areas);
    r.area_name = or_default(o->area_name, d.area_name);
    r.opt.max_snap_m = o->max_snap_m;
    r.opt.threads = o->threads;
    r.opt.progress = kwartier::c_abi::progress_adapter(o->progress, o->progress_payload);

    kwartier::result<ac::score_result> res;
    if (o->n_origins > 0) {
      if (o->origin_lat == nullptr || o->origin_lon == nullptr)
        return fail(errc::invalid_argument, "n_origins > 0 but origin_lat / origin_lon is NULL", "origin_lat");
      if (r.grid_m != 0.0 || !r.origins.empty())
        return fail(errc::invalid_argument, "give origins as arrays, a grid or an origins file, not two of them",
                    "n_origins");
      ac::origins g;
      g.kind = ac::origin_kind::points;
      g.weighted = o->origin_weight != nullptr;
      for (std::size_t i = 0; i < o->n_origins; ++i) {
        kwartier::geo::latlng const p{o->origin_lat[i], o->origin_lon[i]};
        if (!kwartier::geo::valid(p))
          return fail(errc::out_of_range, "origin " + std::to_string(i) + ": coordinate out of range", "origin_lat");
        double const w = g.weighted ? o->origin_weight[i] : 1.0;
        if (!(w >= 0.0) || w == std::numeric_limits<double>::infinity())
          return fail(errc::invalid_argument, "origin " + std::to_string(i) + ": weight is not a number >= 0",
                      "origin_weight");
        g.pos.push_back(p);
        g.weight.push_back(w);
        g.ids.push_back(std::to_string(i + 1));  // 1-based, as Python names array origins
        g.node.push_back(ac::kNoNode);
      }
      res = ac::score(net->net, r, std::move(g));
    } else {
      res = ac::score(net->net, r);
    }
    return kwartier::c_abi::hand_out(out, std::move(res));
  });
}

KW_API int kw_access_counts(size_t* out_origins, size_t* out_categories, size_t* out_pois, const kw_access* a) {
  return guarded([&] {
    if (a == nullptr) return fail(errc::invalid_argument, "kw_access_counts: NULL argument");
    if (out_origins != nullptr) *out_origins = a->r.scores.n_origins;
    if (out_categories != nullptr) *out_categories = a->r.scores.n_categories();
    if (out_pois != nullptr) *out_pois = a->r.pois.size();
    return 0;
  });
}

KW_API const char* kw_access_category_name(const kw_access* a, size_t c) {
  if (a == nullptr || c >= a->r.scores.n_categories()) return nullptr;
  return a->r.scores.categories[c].c_str();
}

KW_API double kw_access_category_weight(const kw_access* a, size_t c) {
  if (a == nullptr || c >= a->r.scores.n_categories()) return 0.0;
  return a->r.scores.weights[c];
}

KW_API size_t kw_access_category_poi_count(const kw_access* a, size_t c) {
  if (a == nullptr || c >= a->r.scores.n_categories()) return 0;
  return a->r.scores.poi_counts[c];
}

KW_API int kw_access_has_mode(const kw_access* a, int mode) {
  if (a == nullptr) return 0;
  auto const& ms = a->r.scores.modes;
  return std::any_of(ms.begin(), ms.end(), [&](ac::mode m) { return static_cast<int>(m) == mode; }) ? 1 : 0;
}

KW_API int kw_access_origin_positions(double* out_lat, double* out_lon, size_t out_len, const kw_access* a) {
  return accessor(out_lon == nullptr ? nullptr : out_lat, a, "kw_access_origin_positions", [&] {  // both arrays
    if (int const st = check_len(out_len, a, "kw_access_origin_positions"); st != 0) return st;
    auto const& pos = a->r.origins.pos;
    for (std::size_t i = 0; i < pos.size(); ++i) {
      out_lat[i] = pos[i].lat;
      out_lon[i] = pos[i].lon;
    }
    return 0;
  });
}

KW_API int kw_access_origin_weights(double* out_weight, size_t out_len, const kw_access* a) {
  return accessor(out_weight, a, "kw_access_origin_weights", [&] {
    if (int const st = check_len(out_len, a, "kw_access_origin_weights"); st != 0) return st;
    std::copy(a->r.origins.weight.begin(), a->r.origins.weight.end(), out_weight);
    return 0;
  });
}

KW_API int kw_access_poi_positions(double* out_lat, double* out_lon, uint32_t* out_category, size_t out_len,
                                   const kw_access* a) {
  return accessor(out_lon == nullptr ? nullptr : out_lat, a, "kw_access_poi_positions", [&] {
    auto const& recs = a->r.pois.records;
    if (out_len < recs.size())
      return fail(errc::out_of_range, "kw_access_poi_positions: out_len " + std::to_string(out_len) + " < " +
                                          std::to_string(recs.size()) + " POIs",
                  "out_len");
    for (std::size_t i = 0; i < recs.size(); ++i) {
      out_lat[i] = recs[i].lat;
      out_lon[i] = recs[i].lon;
      if (out_category != nullptr) out_category[i] = recs[i].category;
    }
    return 0;
  });
}

KW_API int kw_access_seconds(int32_t* out_seconds, size_t out_len, const kw_access* a, int mode, size_t category) {
  return accessor(out_seconds, a, "kw_access_seconds", [&] {
    auto const& s = a->r.scores;
    return copy_mode_row(out_seconds, out_len, a, mode, s.seconds, s.n_categories(), category, "kw_access_seconds");
  });
}

KW_API int kw_access_reached(uint8_t* out_reached, size_t out_len, const kw_access* a, int mode) {
  return accessor(out_reached, a, "kw_access_reached", [&] {
    return copy_mode_row(out_reached, out_len, a, mode, a->r.scores.reached, 1, 0, "kw_access_reached");
  });
}

KW_API int kw_access_share(float* out_share, size_t out_len, const kw_access* a, int mode) {
  return accessor(out_share, a, "kw_access_share", [&] {
    return copy_mode_row(out_share, out_len, a, mode, a->r.scores.share, 1, 0, "kw_access_share");
  });
}

KW_API int kw_access_share_any(float* out_share, size_t out_len, const kw_access* a) {
  return accessor(out_share, a, "kw_access_share_any", [&] {
    if (int const st = check_len(out_len, a, "kw_access_share_any"); st != 0) return st;
    std::copy(a->r.scores.share_any.begin(), a->r.scores.share_any.end(), out_share);
    return 0;
  });
}

KW_API const char* kw_access_date(const kw_access* a, int* out_default_date) {
  if (a == nullptr) return nullptr;
  if (out_default_date != nullptr) *out_default_date = a->r.scores.default_date ? 1 : 0;
  return a->r.scores.date.c_str();
}

KW_API size_t kw_access_problem_count(const kw_access* a) { return a == nullptr ? 0 : a->r.report.problems().size(); }

KW_API int kw_access_problem_get(kw_problem* out, const kw_access* a, size_t i) {
  return guarded([&] {
    if (a == nullptr) return fail(errc::invalid_argument, "kw_access_problem_get: NULL argument");
    return kwartier::c_abi::problem_get(out, a->r.report, i, "kw_access_problem_get");
  });
}

KW_API int kw_access_summary_json(char** out, const kw_access* a) {
  return accessor(out, a, "kw_access_summary_json", [&] {
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::access_summary(a->r)));
  });
}

KW_API int kw_access_geojson(char** out, const kw_access* a) {
  return accessor(out, a, "kw_access_geojson", [&] {
    auto const& r = a->r;
    auto const pv = kwartier::poi::view_of(r.pois);
    return kwartier::c_abi::new_string(out, ac::to_geojson(r.scores, r.origins, &pv, r.districts ? &*r.districts : nullptr,
                                                           r.districts ? &r.by_area : nullptr));
  });
}

KW_API int kw_access_csv(char** out, const kw_access* a) {
  return accessor(out, a, "kw_access_csv",
                  [&] { return kwartier::c_abi::new_string(out, ac::to_csv(a->r.scores, a->r.origins)); });
}

KW_API void kw_access_free(kw_access* a) { delete a; }

}  // extern "C"
