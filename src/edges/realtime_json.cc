// JSON of a realtime update's summary (`kwartier realtime info`, Network.with_realtime().realtime,
// kw_network_realtime_json): one shape on every edge.
#include "edges/json.h"
#include "kwartier/realtime/view.h"

namespace kwartier::edges {

json to_json(realtime::apply_summary const& s) {
  return json{{"source", s.source},
              {"feed_timestamp", s.feed_timestamp},
              {"entities", s.entities},
              {"trip_updates", s.trip_updates},
              {"vehicle_positions", s.vehicle_positions},
              {"alerts", s.alerts},
              {"deleted", s.deleted},
              {"trips_matched", s.trips_matched},
              {"trips_unmatched", s.trips_unmatched},
              {"trips_not_running", s.trips_not_running},
              {"trips_unsupported", s.trips_unsupported},
              {"trips_duplicate", s.trips_duplicate},
              {"trips_cancelled", s.trips_cancelled},
              {"trips_changed", s.trips_changed},
              {"trips_unchanged", s.trips_unchanged},
              {"days_inferred", s.days_inferred},
              {"stop_updates", s.stop_updates},
              {"stops_matched", s.stops_matched},
              {"stops_unmatched", s.stops_unmatched},
              {"stops_skipped", s.stops_skipped},
              {"stops_no_data", s.stops_no_data},
              {"events_ignored", s.events_ignored},
              {"times_fixed", s.times_fixed},
              {"routes", s.routes},
              {"cancelled", s.cancelled},
              {"report", to_json(s.report)}};
}

}  // namespace kwartier::edges
