// Fuzzes the GTFS loader and timetable build. Input: a zip archive (starts with "PK"), or a set of files
// written as "#file:<name>\n<content>" blocks. The built timetable must also survive a dataset round trip.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kwartier/transit/fares.h"
#include "kwartier/transit/gtfs.h"

namespace {

std::vector<std::pair<std::string, std::string>> split_files(std::string_view in) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr std::string_view kMark = "#file:";
  std::size_t pos = in.find(kMark);
  while (pos != std::string_view::npos) {
    auto const name_start = pos + kMark.size();
    auto const nl = in.find('\n', name_start);
    if (nl == std::string_view::npos) break;
    auto const next = in.find(kMark, nl + 1);
    auto const end = next == std::string_view::npos ? in.size() : next;
    out.emplace_back(std::string(in.substr(name_start, nl - name_start)), std::string(in.substr(nl + 1, end - nl - 1)));
    pos = next;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace kwartier;
  std::string_view const bytes(reinterpret_cast<char const*>(data), size);
  std::vector<io::feed_source> sources;
  if (bytes.starts_with("PK")) {
    auto z = io::feed_source::from_zip_bytes(std::string(bytes), "fuzz.zip");
    if (!z) return 0;
    sources.push_back(std::move(*z));
  } else {
    sources.push_back(io::feed_source::from_files(split_files(bytes), "fuzz"));
  }
  auto feed = transit::load_gtfs_sources(sources, {""});
  if (!feed) return 0;
  auto tt = transit::build_timetable(*feed);
  if (!tt) return 0;
  dataset_writer w{transit::timetable_kind()};
  transit::add_sections(*tt, w);
  auto f = dataset_file::from_bytes(w.to_bytes(), transit::timetable_kind());
  if (!f) __builtin_trap();
  auto v = transit::read_sections(*f);
  if (!v) __builtin_trap();  // what we build must always validate
  if (v->n_trips() != tt->n_trips() || v->n_stop_times() != tt->n_stop_times()) __builtin_trap();
  // Fares: price each route's first trip end to end, alone and after the previous route's (never a crash; a
  // valid leg is never refused).
  std::vector<transit::fare_leg> legs;
  for (std::uint32_t r = 0; r < v->n_routes() && r < 64; ++r) {
    auto const rid = transit::route_idx_t{r};
    auto const stops = v->route_stops(rid);
    if (stops.size() < 2 || v->route_trips(rid).empty()) continue;
    auto const t = v->trip_times(rid, 0);
    legs.push_back({rid, transit::stop_idx_t{stops.front()}, transit::stop_idx_t{stops.back()},
                    {v->first_day_, t.front().dep}, {v->first_day_, t.back().arr}});
    auto const one = transit::price_legs(*v, std::span{legs}.last(1));
    auto const two = transit::price_legs(*v, std::span{legs}.last(std::min<std::size_t>(2, legs.size())));
    if (!one || !two) __builtin_trap();
  }
  return 0;
}
