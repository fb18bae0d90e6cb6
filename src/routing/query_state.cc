#include "kwartier/routing/query_state.h"

#include "routing/query_state_impl.h"

namespace kwartier::routing {

query_state::query_state() : impl_{std::make_unique<impl>()} {}
query_state::~query_state() = default;
query_state::query_state(query_state&&) noexcept = default;
query_state& query_state::operator=(query_state&&) noexcept = default;

}  // namespace kwartier::routing
