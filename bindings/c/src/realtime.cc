// C ABI: realtime section of kwartier_c.h. Thin: realtime::load_feed / parse_feed + realtime::apply, the view
// kept in a new kw_network handle that kw_route passes to routing::route.
#include <string>

#include "c_common.h"
#include "edges/json.h"
#include "handles.h"
#include "kwartier/realtime/view.h"

namespace {
using kwartier::errc;
using kwartier::c_abi::fail;
using kwartier::c_abi::guarded;
}  // namespace

extern "C" {

KW_API int kw_network_apply_realtime(kw_network** out, const kw_network* net, const void* bytes, size_t len,
                                     const char* path, const char* feed_prefix) {
  return guarded([&] {
    if (out == nullptr || net == nullptr)
      return fail(errc::invalid_argument, "kw_network_apply_realtime: NULL argument");
    *out = nullptr;
    if ((bytes == nullptr) == (path == nullptr))
      return fail(errc::invalid_argument, "kw_network_apply_realtime: give exactly one of bytes and path", "bytes");
    kwartier::realtime::apply_options opt;
    if (feed_prefix != nullptr) opt.feed_prefix = feed_prefix;
    auto msg = path != nullptr
                   ? kwartier::realtime::load_feed(path)
                   : kwartier::realtime::parse_feed(std::string_view{static_cast<char const*>(bytes), len}, "bytes");
    if (!msg) return fail(msg.error());
    auto v = kwartier::realtime::apply(net->net, *msg, opt);
    if (!v) return fail(v.error());
    *out = new kw_network{net->net, std::move(*v), net->bikeshare};  // keeps the bike-share system
    return 0;
  });
}

KW_API int kw_network_realtime_json(char** out, const kw_network* net) {
  return guarded([&] {
    if (out == nullptr || net == nullptr) return fail(errc::invalid_argument, "kw_network_realtime_json: NULL argument");
    if (!net->realtime) return fail(errc::not_found, "the network has no realtime view (kw_network_apply_realtime)");
    return kwartier::c_abi::new_string(out, kwartier::edges::dump(kwartier::edges::to_json(net->realtime->summary())));
  });
}

}  // extern "C"
