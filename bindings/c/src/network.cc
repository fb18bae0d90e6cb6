// C ABI: network section of kwartier_c.h. Thin: converts types and calls kwartier::network and
// kwartier::routing. Defaults come from the C++ structs (network::build_options, routing::street_query).
#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "c_common.h"
#include "edges/json.h"
#include "handles.h"
#include "kwartier/network/build.h"
#include "kwartier/routing/street.h"
#include "kwartier/transit/feed_spec.h"

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;
namespace rt = kwartier::routing;

constexpr float kInf = std::numeric_limits<float>::infinity();

bool valid_mode(int mode) { return mode == KW_MODE_WALK || mode == KW_MODE_BIKE; }

// The C query as routing's; KW_OK or a failure status in *status.
int to_query(rt::street_query& out, kw_street_query const* q) {
  kw_street_query c;
  kw_street_query_init(&c, KW_STREET_QUERY_VERSION);
  if (q != nullptr) {
    if (q->version != KW_STREET_QUERY_VERSION)
      return fail(errc::unsupported, "kw_street_query: unknown version (use kw_street_query_init)");
    c = *q;
  }
  if (!valid_mode(c.mode)) return fail(errc::invalid_argument, "mode must be KW_MODE_WALK or KW_MODE_BIKE", "mode");
  auto const budget = rt::budget_seconds(c.max_seconds);
  if (!budget) return fail(budget.error());
  out = rt::street_query{static_cast<kwartier::street::mode>(c.mode), *budget, c.max_snap_m};
  return 0;
}

float as_float(rt::seconds_t s) { return s == rt::kUnreachable ? kInf : static_cast<float>(s); }

}  // namespace

extern "C" {

KW_API int kw_network_build_options_init(kw_network_build_options* opts, unsigned version) {
  return guarded([&] {
    if (opts == nullptr) return fail(errc::invalid_argument, "opts is NULL");
    if (version != KW_NETWORK_BUILD_OPTIONS_VERSION) return fail(errc::unsupported, "unknown options version");
    kwartier::network::build_options const d;
    *opts = kw_network_build_options{version,           d.profile.walk_speed_mps, d.profile.bike_speed_mps,
                                     d.max_link_m,      d.footpath_max_m,         d.min_component_nodes,
                                     d.detour_factor,   d.stop_area_max_m,        nullptr,
                                     nullptr};
    return 0;
  });
}

KW_API int kw_network_build(char** out_summary_json, const char* const* gtfs_specs, size_t n_gtfs,
                            const char* osm_path, const char* out_path, const kw_network_build_options* opts) {
  return guarded([&] {
    if (out_summary_json != nullptr) *out_summary_json = nullptr;
    if (out_path == nullptr) return fail(errc::invalid_argument, "out_path is NULL");
    if (n_gtfs > 0 && gtfs_specs == nullptr) return fail(errc::invalid_argument, "gtfs_specs is NULL");
    kw_network_build_options c;
    kw_network_build_options_init(&c, KW_NETWORK_BUILD_OPTIONS_VERSION);
    if (opts != nullptr) {
      if (opts->version != KW_NETWORK_BUILD_OPTIONS_VERSION)
        return fail(errc::unsupported, "unknown options version (use kw_network_build_options_init)");
      c = *opts;
    }
    kwartier::network::build_options o;
    o.profile.walk_speed_mps = c.walk_speed_mps;
    o.profile.bike_speed_mps = c.bike_speed_mps;
    o.max_link_m = c.max_link_m;
    o.footpath_max_m = c.footpath_max_m;
    o.min_component_nodes = c.min_component_nodes;
    o.detour_factor = c.detour_factor;
    o.stop_area_max_m = c.stop_area_max_m;
    o.progress = kwartier::c_abi::progress_adapter(c.progress, c.progress_payload);
    std::vector<std::string> specs;
    for (size_t i = 0; i < n_gtfs; ++i) {
      if (gtfs_specs[i] == nullptr) return fail(errc::invalid_argument, "gtfs_specs has a NULL entry");
      specs.emplace_back(gtfs_specs[i]);
    }
    auto const feeds = kwartier::transit::parse_feed_specs(specs);
    if (!feeds) return fail(feeds.error());
    auto r = kwartier::network::build(*feeds, osm_path == nullptr ? std::filesystem::path{} : std::filesystem::path{osm_path},
                                      out_path, o);
    if (!r) return fail(r.error());
    if (out_summary_json != nullptr)
      return kwartier::c_abi::new_string(out_summary_json,
                                         kwartier::edges::dump(kwartier::edges::network_build_summary(out_path, *r)));
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

KW_API int kw_network_info_json(char** out, const kw_network* net) {
  return guarded([&] {
    if (out == nullptr || net == nullptr) return fail(errc::invalid_argument, "kw_network_info_json: NULL argument");
    return kwartier::c_abi::new_string(
        out, kwartier::edges::dump(kwartier::edges::network_info(net->net.file().name(), net->net)));
  });
}

KW_API size_t kw_network_node_count(const kw_network* net) { return net == nullptr ? 0 : net->net.graph().n_nodes(); }
KW_API size_t kw_network_stop_count(const kw_network* net) { return net == nullptr ? 0 : net->net.n_stops(); }

KW_API int kw_network_node_positions(double* out_lat, double* out_lon, size_t out_len, const kw_network* net,
                                     int mode) {
  return guarded([&] {
    if (out_lat == nullptr || out_lon == nullptr || net == nullptr)
      return fail(errc::invalid_argument, "kw_network_node_positions: NULL argument");
    if (!valid_mode(mode)) return fail(errc::invalid_argument, "mode must be KW_MODE_WALK or KW_MODE_BIKE", "mode");
    auto const& g = net->net.graph();
    if (out_len < g.n_nodes()) return fail(errc::invalid_argument, "out_len is smaller than kw_network_node_count()");
    auto const bit = 1U << static_cast<unsigned>(mode);
    for (std::size_t i = 0; i < g.n_nodes(); ++i) {
      bool const in = (g.node_modes_[i] & bit) != 0;
      out_lat[i] = in ? g.node_pos_[i].lat : std::numeric_limits<double>::quiet_NaN();
      out_lon[i] = in ? g.node_pos_[i].lon : std::numeric_limits<double>::quiet_NaN();
    }
    return 0;
  });
}

KW_API int kw_network_timetable(kw_timetable** out, const kw_network* net) {
  return guarded([&] {
    if (out == nullptr || net == nullptr) return fail(errc::invalid_argument, "kw_network_timetable: NULL argument");
    *out = new kw_timetable{net->net.timetable()};
    return 0;
  });
}

KW_API int kw_network_stop_link_m(float* out_m, size_t out_len, const kw_network* net) {
  return guarded([&] {
    if (out_m == nullptr || net == nullptr) return fail(errc::invalid_argument, "kw_network_stop_link_m: NULL argument");
    if (out_len < net->net.n_stops()) return fail(errc::invalid_argument, "out_len is smaller than kw_network_stop_count()");
    auto const links = net->net.stop_links();
    for (std::size_t s = 0; s < net->net.n_stops(); ++s)
      out_m[s] = s < links.size() && links[s].chain != kwartier::street::kNoEdge ? links[s].dist_m
                                                                                : std::numeric_limits<float>::quiet_NaN();
    return 0;
  });
}

KW_API int kw_street_query_init(kw_street_query* q, unsigned version) {
  return guarded([&] {
    if (q == nullptr) return fail(errc::invalid_argument, "kw_street_query_init: q is NULL");
    if (version != KW_STREET_QUERY_VERSION) return fail(errc::unsupported, "kw_street_query_init: unknown version");
    rt::street_query const d;
    *q = kw_street_query{version, static_cast<int>(d.mode), static_cast<double>(d.max_seconds), d.max_snap_m};
    return 0;
  });
}

KW_API int kw_network_times(float* out_seconds, size_t out_len, const kw_network* net, double lat, double lon,
                            const kw_street_query* q) {
  return guarded([&] {
    if (out_seconds == nullptr || net == nullptr) return fail(errc::invalid_argument, "out_seconds or net is NULL");
    if (out_len < net->net.graph().n_nodes())
      return fail(errc::invalid_argument, "out_len is smaller than kw_network_node_count()");
    rt::street_query query;
    if (int const st = to_query(query, q); st != 0) return st;
    thread_local rt::query_state qs;
    auto const r = rt::street_from(net->net, {lat, lon}, query, qs);
    if (!r) return fail(r.error());
    std::fill(out_seconds, out_seconds + r->size(), kInf);
    for (auto const v : r->reached()) out_seconds[v] = as_float((*r)[v]);
    return 0;
  });
}

KW_API int kw_network_times_to(float* out_seconds, const kw_network* net, double lat, double lon,
                               const double* target_lat, const double* target_lon, size_t n_targets,
                               const kw_street_query* q) {
  return guarded([&] {
    if (net == nullptr || (n_targets > 0 && (out_seconds == nullptr || target_lat == nullptr || target_lon == nullptr)))
      return fail(errc::invalid_argument, "kw_network_times_to: NULL argument");
    rt::street_query query;
    if (int const st = to_query(query, q); st != 0) return st;
    std::vector<kwartier::geo::latlng> pts(n_targets);
    for (size_t i = 0; i < n_targets; ++i) pts[i] = {target_lat[i], target_lon[i]};
    auto const places = rt::snap(net->net, pts, query.mode, query.max_snap_m);
    if (!places) return fail(places.error());
    thread_local rt::query_state qs;
    auto const secs = rt::street_to(net->net, {lat, lon}, *places, query, qs);
    if (!secs) return fail(secs.error());
    std::transform(secs->begin(), secs->end(), out_seconds, as_float);
    return 0;
  });
}

}  // extern "C"
