// Per-thread scratch state for every routing query (street searches, RAPTOR rounds, isochrones, matrices).
//
//   routing::query_state qs;                     // one per thread, reused across queries
//   auto t = routing::street_from(net, p, {street::mode::walk, 900}, qs);
//
// A query_state grows to the size of the largest network it was used with and keeps its allocations, so a
// query costs what it reaches, not what the network holds. Each module's scratch lives in the private
// `impl` (src/routing/query_state_impl.h); results that view it (routing::node_times) stay valid until the
// next query on the same state.
//
// Thread rules: a query_state is used by one thread at a time; any number of threads may query one network,
// each with its own state.
#pragma once

#include <memory>

namespace kwartier::routing {

class query_state {
 public:
  query_state();
  ~query_state();
  query_state(query_state&&) noexcept;
  query_state& operator=(query_state&&) noexcept;
  query_state(query_state const&) = delete;
  query_state& operator=(query_state const&) = delete;

  struct impl;
  impl& internal() { return *impl_; }  // for routing's own .cc files

 private:
  std::unique_ptr<impl> impl_;
};

}  // namespace kwartier::routing
