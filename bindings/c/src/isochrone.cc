// C ABI: isochrone section of kwartier_c.h. Thin: converts the options with the library's own parsers, calls
// routing::isochrone, keeps the result (node times, bands, polygons) and hands out copies and views of it.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "c_common.h"
#include "edges/json.h"
#include "handles.h"
#include "kwartier/routing/isochrone.h"
#include "kwartier/transit/local_time.h"

struct kw_isochrone_result {
  kwartier::routing::isochrone_result iso;
};

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::accessor;
using kwartier::c_abi::guarded;
using kwartier::c_abi::take;
namespace rt = kwartier::routing;

}  // namespace

extern "C" {

KW_API int kw_isochrone_options_init(kw_isochrone_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version != KW_ISOCHRONE_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    // Defaults with static storage, so they outlive the call (the names routing uses for them).
    static rt::isochrone_request const d;
    static std::string const mode{rt::travel_mode_name(d.mode)};
    static std::string const unknown{rt::wheelchair_unknown_name(d.unknown)};
    *opts = kw_isochrone_options{};
    opts->version = version;
    opts->from_lat = d.from.lat;
    opts->from_lon = d.from.lon;
    opts->mode = mode.c_str();
    opts->date = nullptr;
    opts->time = nullptr;
    opts->max_seconds = d.max_seconds;
    opts->bands = d.bands.data();
    opts->n_bands = d.bands.size();
    opts->step_free = d.step_free ? 1 : 0;
    opts->unknown = unknown.c_str();
    opts->max_transfers = d.max_transfers;
    opts->min_change_seconds = d.min_change_seconds;
    opts->max_snap_m = d.max_snap_m;
    opts->buffer_m = d.buffer_m;
    opts->polygons = d.polygons ? 1 : 0;
    opts->progress = nullptr;
    opts->progress_payload = nullptr;
    return 0;
  });
}

KW_API int kw_isochrone(kw_isochrone_result** out, const kw_network* net, const kw_isochrone_options* o) {
  return guarded([&] {
    if (out == nullptr || net == nullptr || o == nullptr)
      return fail(errc::invalid_argument, "kw_isochrone: NULL argument");
    *out = nullptr;
    if (o->version != KW_ISOCHRONE_OPTIONS_VERSION)
      return fail(errc::unsupported, "kw_isochrone_options: unknown version (use kw_isochrone_options_init)");
    if (o->bands == nullptr && o->n_bands != 0) return fail(errc::invalid_argument, "bands is NULL", "bands");
    rt::isochrone_request r;
    int status = 0;
    r.from = {o->from_lat, o->from_lon};
    rt::mode_set modes;
    if (!take(rt::parse_modes(o->mode != nullptr ? o->mode : ""), modes, status)) return status;
    r.mode = modes.mode;
    r.use_bikeshare = modes.bikeshare;
    r.bike_and_ride = modes.bike_and_ride;
    r.bikeshare = net->bikeshare;
    if (o->date != nullptr && !take(kwartier::transit::parse_date(o->date), r.date, status)) return status;
    if (o->time != nullptr && !take(kwartier::transit::parse_time_of_day(o->time), r.time, status)) return status;
    r.max_seconds = o->max_seconds;
    if (o->n_bands != 0) r.bands.assign(o->bands, o->bands + o->n_bands);
    else r.bands.clear();
    r.step_free = o->step_free != 0;
    if (!take(rt::parse_wheelchair_unknown(o->unknown != nullptr ? o->unknown : ""), r.unknown, status)) return status;
    r.max_transfers = o->max_transfers;
    r.min_change_seconds = o->min_change_seconds;
    r.max_snap_m = o->max_snap_m;
    r.buffer_m = o->buffer_m;
    r.polygons = o->polygons != 0;
    r.progress = kwartier::c_abi::progress_adapter(o->progress, o->progress_payload);
    thread_local rt::query_state qs;
    return kwartier::c_abi::hand_out(out, rt::isochrone(net->net, r, qs));
  });
}

KW_API size_t kw_isochrone_node_count(const kw_isochrone_result* iso) {
  return iso == nullptr ? 0 : iso->iso.node_seconds().size();
}

KW_API int kw_isochrone_node_seconds(float* out_seconds, size_t out_len, const kw_isochrone_result* iso) {
  return accessor(out_seconds, iso, "kw_isochrone_node_seconds", [&] {
    auto const t = iso->iso.node_seconds();
    if (out_len < t.size())
      return fail(errc::invalid_argument,
                  "out_len " + std::to_string(out_len) + " < " + std::to_string(t.size()) + " street nodes", "out_len");
    for (std::size_t v = 0; v < t.size(); ++v)
      out_seconds[v] = t[v] == rt::kUnreachable ? INFINITY : static_cast<float>(t[v]);
    return 0;
  });
}

KW_API size_t kw_isochrone_band_count(const kw_isochrone_result* iso) { return iso == nullptr ? 0 : iso->iso.bands().size(); }

KW_API int kw_isochrone_band_get(kw_isochrone_band* out, const kw_isochrone_result* iso, size_t band) {
  return accessor(out, iso, "kw_isochrone_band_get", [&] {
    if (out->version != KW_ISOCHRONE_BAND_VERSION)
      return fail(errc::unsupported, "kw_isochrone_band_get: version must be KW_ISOCHRONE_BAND_VERSION");
    auto const bands = iso->iso.bands();
    if (int const st = kwartier::c_abi::check_index(band, bands.size(), "band"); st != 0) return st;
    auto const& b = bands[band];
    out->seconds = b.seconds;
    out->nodes = b.nodes;
    out->area_m2 = iso->iso.has_polygons() ? b.shape.area_m2() : NAN;
    return 0;
  });
}

KW_API int kw_isochrone_geojson(char** out, const kw_isochrone_result* iso) {
  return accessor(out, iso, "kw_isochrone_geojson",
                  [&] { return kwartier::c_abi::new_string(out, iso->iso.to_geojson()); });
}

KW_API int kw_isochrone_json(char** out, const kw_isochrone_result* iso) {
  return accessor(out, iso, "kw_isochrone_json", [&] {
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::to_json(iso->iso)));
  });
}

KW_API void kw_isochrone_free(kw_isochrone_result* iso) { delete iso; }

}  // extern "C"
