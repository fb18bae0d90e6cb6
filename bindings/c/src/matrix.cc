// C ABI: matrix section of kwartier_c.h. Thin: converts the options with the library's own parsers, calls
// routing::matrix and keeps the result (library-owned) behind accessors.
#include <cstdio>
#include <string>
#include <vector>

#include "c_common.h"
#include "handles.h"
#include "kwartier/routing/matrix.h"
#include "kwartier/transit/local_time.h"

struct kw_matrix_result {
  explicit kw_matrix_result(kwartier::routing::travel_time_matrix x) : m{std::move(x)}, minutes{m.minutes()} {}
  kwartier::routing::travel_time_matrix m;
  std::vector<std::uint16_t> minutes;  // filled here, so accessors never allocate
};

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;
using kwartier::c_abi::take;
namespace rt = kwartier::routing;

std::vector<kwartier::geo::latlng> coords(double const* lat, double const* lon, size_t n) {
  std::vector<kwartier::geo::latlng> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = {lat[i], lon[i]};
  return out;
}

}  // namespace

extern "C" {

KW_API int kw_matrix_options_init(kw_matrix_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version != KW_MATRIX_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    rt::matrix_request const d;
    static std::string const mode{rt::travel_mode_name(d.mode)};
    static std::string const access_mode{kwartier::street::mode_name(d.access_mode)};
    static std::string const time = [] {
      rt::matrix_request const r;
      char buf[16];
      std::snprintf(buf, sizeof(buf), "%02d:%02d", r.time / 3600, r.time / 60 % 60);
      return std::string{buf};
    }();
    *opts = kw_matrix_options{};
    opts->version = version;
    opts->mode = mode.c_str();
    opts->access_mode = access_mode.c_str();
    opts->date = nullptr;
    opts->time = time.c_str();
    opts->window_seconds = d.window_seconds;
    opts->window_step = d.window_step;
    opts->percentile = d.percentile;
    opts->max_seconds = d.max_seconds;
    opts->max_access_seconds = d.max_access_seconds;
    opts->max_transfers = d.max_transfers;
    opts->min_change_seconds = d.min_change_seconds;
    opts->max_snap_m = d.max_snap_m;
    opts->skip_unsnapped = d.skip_unsnapped ? 1 : 0;
    opts->step_free = d.step_free ? 1 : 0;
    opts->threads = d.threads;
    opts->max_bytes = d.max_bytes;
    opts->use_ch = d.use_ch ? 1 : 0;
    return 0;
  });
}

KW_API int kw_matrix(kw_matrix_result** out, const kw_network* net, const double* origin_lat, const double* origin_lon,
                     size_t n_origins, const double* destination_lat, const double* destination_lon,
                     size_t n_destinations, const kw_matrix_options* o) {
  return guarded([&] {
    if (out == nullptr || net == nullptr || o == nullptr) return fail(errc::invalid_argument, "kw_matrix: NULL argument");
    *out = nullptr;
    if (o->version != KW_MATRIX_OPTIONS_VERSION)
      return fail(errc::unsupported, "kw_matrix_options: unknown version (use kw_matrix_options_init)");
    if ((n_origins > 0 && (origin_lat == nullptr || origin_lon == nullptr)) ||
        (n_destinations > 0 && (destination_lat == nullptr || destination_lon == nullptr)))
      return fail(errc::invalid_argument, "kw_matrix: NULL coordinate array");
    rt::matrix_request r;
    int status = 0;
    if (!take(rt::parse_travel_mode(o->mode != nullptr ? o->mode : ""), r.mode, status)) return status;
    if (!take(rt::parse_street_mode(o->access_mode != nullptr ? o->access_mode : ""), r.access_mode, status))
      return status;
    if (o->date != nullptr && o->date[0] != '\0' && !take(kwartier::transit::parse_date(o->date), r.date, status))
      return status;
    if (!take(kwartier::transit::parse_time_of_day(o->time != nullptr ? o->time : ""), r.time, status)) return status;
    r.window_seconds = o->window_seconds;
    r.window_step = o->window_step;
    r.percentile = o->percentile;
    r.max_seconds = o->max_seconds;
    r.max_access_seconds = o->max_access_seconds;
    r.max_transfers = o->max_transfers;
    r.min_change_seconds = o->min_change_seconds;
    r.max_snap_m = o->max_snap_m;
    r.skip_unsnapped = o->skip_unsnapped != 0;
    r.step_free = o->step_free != 0;
    r.threads = o->threads;
    r.max_bytes = o->max_bytes;
    r.use_ch = o->use_ch != 0;
    auto const og = coords(origin_lat, origin_lon, n_origins);
    auto const dg = coords(destination_lat, destination_lon, n_destinations);
    return kwartier::c_abi::hand_out(out, rt::matrix(net->net, og, dg, r));
  });
}

KW_API size_t kw_matrix_origins(const kw_matrix_result* m) { return m == nullptr ? 0 : m->m.n_origins; }
KW_API size_t kw_matrix_destinations(const kw_matrix_result* m) { return m == nullptr ? 0 : m->m.n_destinations; }
KW_API const int32_t* kw_matrix_seconds(const kw_matrix_result* m) { return m == nullptr ? nullptr : m->m.seconds.data(); }
KW_API const uint16_t* kw_matrix_minutes(const kw_matrix_result* m) { return m == nullptr ? nullptr : m->minutes.data(); }
KW_API int kw_matrix_used_ch(const kw_matrix_result* m) { return m != nullptr && m->m.used_ch ? 1 : 0; }
KW_API void kw_matrix_free(kw_matrix_result* m) { delete m; }

}  // extern "C"
