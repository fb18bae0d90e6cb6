// C ABI: bike-share section of kwartier_c.h. Thin: bikeshare::system::load, the system kept in a new
// kw_network handle that kw_route / kw_isochrone pass to routing (mode "...,bikeshare").
#include <string>

#include "c_common.h"
#include "edges/json.h"
#include "handles.h"
#include "kwartier/bikeshare/system.h"

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;
}  // namespace

extern "C" {

KW_API int kw_network_load_gbfs(kw_network** out, const kw_network* net, const char* path) {
  return guarded([&] {
    if (out == nullptr || net == nullptr || path == nullptr)
      return fail(errc::invalid_argument, "kw_network_load_gbfs: NULL argument");
    *out = nullptr;
    auto s = kwartier::bikeshare::system::load(net->net, path);
    if (!s) return fail(s.error());
    auto* n = new kw_network{*net};
    n->bikeshare = std::move(*s);
    *out = n;
    return 0;
  });
}

KW_API int kw_network_gbfs_json(char** out, const kw_network* net) {
  return guarded([&] {
    if (out == nullptr || net == nullptr) return fail(errc::invalid_argument, "kw_network_gbfs_json: NULL argument");
    if (!net->bikeshare) return fail(errc::not_found, "the network has no bike-share system (kw_network_load_gbfs)");
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::to_json(*net->bikeshare)));
  });
}

}  // extern "C"
