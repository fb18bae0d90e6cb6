// C ABI: network section of kwartier_c.h. Thin: converts types and calls kwartier::network.
#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "c_common.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"

struct kw_network {
  kwartier::network::network net;
};

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;
}  // namespace

extern "C" {

KW_API int kw_network_build_options_init(kw_network_build_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version != KW_NETWORK_BUILD_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    kwartier::network::build_options const d;
    opts->version = version;
    opts->walk_speed_mps = d.profile.walk_speed_mps;
    opts->bike_speed_mps = d.profile.bike_speed_mps;
    opts->max_link_m = d.max_link_m;
    opts->footpath_max_m = d.footpath_max_m;
    opts->min_component_nodes = d.min_component_nodes;
    return 0;
  });
}

KW_API int kw_network_build(const char* const* gtfs_paths, size_t n_gtfs, const char* osm_path, const char* out_path,
                            const kw_network_build_options* opts) {
  return guarded([&] {
    if (out_path == nullptr) return fail(errc::invalid_argument, "out_path is NULL");
    if (n_gtfs > 0 && gtfs_paths == nullptr) return fail(errc::invalid_argument, "gtfs_paths is NULL");
    kwartier::network::build_options o;
    if (opts != nullptr) {
      if (opts->version != KW_NETWORK_BUILD_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
      o.profile.walk_speed_mps = opts->walk_speed_mps;
      o.profile.bike_speed_mps = opts->bike_speed_mps;
      o.max_link_m = opts->max_link_m;
      o.footpath_max_m = opts->footpath_max_m;
      o.min_component_nodes = opts->min_component_nodes;
    }
    std::vector<kwartier::transit::feed_input> feeds;
    for (size_t i = 0; i < n_gtfs; ++i) {
      if (gtfs_paths[i] == nullptr) return fail(errc::invalid_argument, "gtfs_paths has a NULL entry");
      feeds.push_back({gtfs_paths[i], {}});
    }
    auto r = kwartier::network::build(feeds, osm_path == nullptr ? std::filesystem::path{} : std::filesystem::path{osm_path},
                                      out_path, o);
    if (!r) return fail(r.error());
    return 0;
  });
}

KW_API int kw_network_open(kw_network** out, const char* path) {
  return guarded([&] {
    if (out == nullptr || path == nullptr) return fail(errc::invalid_argument, "out or path is NULL");
    *out = nullptr;
    auto r = kwartier::network::network::open(path);
    if (!r) return fail(r.error());
    *out = new kw_network{std::move(*r)};
    return 0;
  });
}

KW_API void kw_network_free(kw_network* net) { delete net; }

KW_API size_t kw_network_node_count(const kw_network* net) { return net == nullptr ? 0 : net->net.graph().n_nodes(); }
KW_API size_t kw_network_stop_count(const kw_network* net) { return net == nullptr ? 0 : net->net.n_stops(); }

KW_API int kw_network_travel_times(float* out_seconds, size_t out_len, const kw_network* net, double lat,
                                   double lon, int mode, double max_seconds, double max_snap_m) {
  return guarded([&] {
    if (out_seconds == nullptr || net == nullptr) return fail(errc::invalid_argument, "out_seconds or net is NULL");
    if (mode != KW_MODE_WALK && mode != KW_MODE_BIKE) return fail(errc::invalid_argument, "mode must be KW_MODE_WALK or KW_MODE_BIKE");
    if (out_len < net->net.graph().n_nodes())
      return fail(errc::invalid_argument, "out_len is smaller than kw_network_node_count()");
    namespace rt = kwartier::routing;
    auto const budget = rt::budget_seconds(max_seconds);
    if (!budget) return fail(budget.error());
    thread_local rt::query_state qs;
    auto const r = rt::street_from(net->net, {lat, lon}, {static_cast<kwartier::street::mode>(mode), *budget, max_snap_m}, qs);
    if (!r) return fail(r.error());
    /* routing's int32 seconds as float seconds, INFINITY where not reached (unchanged C signature) */
    std::fill(out_seconds, out_seconds + r->size(), std::numeric_limits<float>::infinity());
    for (auto const v : r->reached()) out_seconds[v] = static_cast<float>((*r)[v]);
    return 0;
  });
}

KW_API int kw_network_walk_times(float* out_seconds, size_t out_len, const kw_network* net, double lat, double lon,
                                 double max_minutes) {
  return kw_network_travel_times(out_seconds, out_len, net, lat, lon, KW_MODE_WALK, max_minutes * 60.0,
                                 kwartier::network::kDefaultMaxSnapM);
}

}  // extern "C"
