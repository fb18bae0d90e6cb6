// Fuzzes the timetable dataset loader: read_sections on arbitrary bytes must refuse or yield a view whose
// every accessor stays in bounds.
#include <cstdint>
#include <string_view>

#include "kwartier/transit/timetable.h"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace kwartier;
  using namespace kwartier::transit;
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  // Without checksum verification so the fuzzer can reach the section validation.
  auto f = dataset_file::from_bytes(bytes, timetable_kind(), {.verify_checksum = false});
  if (!f) return 0;
  auto v = read_sections(*f);
  if (!v) return 0;
  auto const& tt = *v;
  std::int64_t sum = 0;
  for (std::uint32_t s = 0; s < tt.n_stops(); ++s) {
    stop_idx_t const i{s};
    sum += static_cast<std::int64_t>(tt.stop_id(i).size() + tt.stop_name(i, "nl").size());
    sum += static_cast<std::int64_t>(tt.stop_location_type(i)) + static_cast<std::int64_t>(tt.stop_wheelchair(i));
    sum += static_cast<std::int64_t>(tt.stop_platform(i).size() + tt.stop_name(i, "en-GB").size());
    if (tt.stop_parent(i).valid()) sum += tt.stop_parent(i).v();
    for (auto const r : tt.stop_routes(i)) sum += static_cast<std::int64_t>(tt.route_stops(route_idx_t{r}).size());
  }
  for (std::uint32_t r = 0; r < tt.n_routes(); ++r) {
    route_idx_t const ri{r};
    for (auto const s : tt.route_stops(ri)) sum += static_cast<std::int64_t>(tt.stop_name(stop_idx_t{s}).size());
    sum += static_cast<std::int64_t>(tt.route_stop_flags(ri).size());
    sum += static_cast<std::int64_t>(tt.line_ids_[tt.route_line_[r]].size());
    for (std::size_t k = 0; k < tt.route_trips(ri).size(); ++k) {
      trip_idx_t const t{tt.route_trips(ri)[k]};
      sum += static_cast<std::int64_t>(tt.trip_id(t).size() + tt.trip_headsign(t, "fr").size() + tt.trip_short_name(t).size());
      auto const l = tt.trip_line(t);
      sum += static_cast<std::int64_t>(tt.line_short_name(l, "nl").size() + tt.line_long_name(l, "de").size());
      sum += tt.trip_direction(t) + static_cast<std::int64_t>(tt.trip_wheelchair(t)) + static_cast<std::int64_t>(tt.trip_bikes(t));
      sum += tt.service_active(tt.trip_service(t), tt.first_day_) ? 1 : 0;
      for (auto const& st : tt.trip_times(ri, k)) sum += std::int64_t{st.dep} - std::int64_t{st.arr};
    }
  }
  for (auto const& tr : tt.transfers()) sum += static_cast<std::int64_t>(tt.stop_id(tr.to).size());
  for (std::size_t l = 0; l < tt.n_lines(); ++l) {
    auto const a = tt.line_agency(line_idx_t::from(l));
    sum += static_cast<std::int64_t>(tt.agency_timezone(a).size() + tt.agency_name(a, "nl").size());
  }
  for (auto const& x : tt.translations()) sum += static_cast<std::int64_t>(tt.texts_[x.text].size());
  sum += static_cast<std::int64_t>(tt.timezone().size());
  (void)sum;
  return 0;
}
