#include "kwartier/transit/stop_search.h"

#include <algorithm>

namespace kwartier::transit {
namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_folded(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return fold(x) == fold(y); });
}

bool contains_folded(std::string_view hay, std::string_view needle) {
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char x, char y) { return fold(x) == fold(y); }) != hay.end();
}

}  // namespace

std::vector<stop_idx_t> find_stops(timetable_view const& tt, std::string_view query, std::size_t max) {
  std::vector<stop_idx_t> out;
  if (query.empty() || max == 0) return out;
  if (auto const s = tt.find_stop(query)) return {*s};
  auto const n = tt.n_stops();
  // Translated stop names form one contiguous run of the sorted translation table.
  auto const names = tt.translations();
  auto const first = std::partition_point(names.begin(), names.end(),
                                          [](translation const& t) { return t.field < text_field::stop_name; });
  auto const last = std::partition_point(first, names.end(),
                                         [](translation const& t) { return t.field == text_field::stop_name; });
  for (auto const match : {equal_folded, contains_folded}) {
    std::vector<bool> hit(n, false);
    for (std::size_t s = 0; s < n; ++s) hit[s] = match(tt.stop_names_[s], query);
    for (auto it = first; it != last; ++it)
      if (it->entity < n && match(tt.texts_[it->text], query)) hit[it->entity] = true;
    for (auto const station : {true, false})
      for (std::size_t s = 0; s < n && out.size() < max; ++s)
        if (hit[s] && (tt.stop_location_type(stop_idx_t::from(s)) == location_type::station) == station)
          out.push_back(stop_idx_t::from(s));
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace kwartier::transit
