// translations.txt in its three forms (record_id, field_value, the older trans_id) for stop names, route
// short/long names, trip headsigns and agency names.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {

// translations.txt: stop names, route short/long names, trip headsigns and agency names, by record_id or
// by field_value; rows for other tables and fields are counted and not used.
void loader::load_translations() {
  // Current GTFS format, or the older Google format (trans_id, lang, translation) where trans_id is the
  // translated text itself (as NMBS used it): it applies to every kept field with that value.
  static constexpr column kCurrent[] = {{"table_name", need::required}, {"field_name", need::required},
                                        {"language", need::required},   {"translation", need::required},
                                        {"record_id"},                  {"field_value"},
                                        {"record_sub_id", need::known}};
  static constexpr column kLegacy[] = {
      {"trans_id", need::required}, {"lang", need::required}, {"translation", need::required}};
  bool legacy = false;
  auto t = open_table("translations.txt", false, [&](io::csv_reader const& csv) -> std::span<column const> {
    legacy = csv.column("trans_id") >= 0 && csv.column("table_name") < 0;
    if (legacy) return kLegacy;
    return kCurrent;
  });
  if (!t) return;
  int const c_table = legacy ? -1 : 0, c_field = legacy ? -1 : 1, c_lang = legacy ? 1 : 2, c_text = legacy ? 2 : 3,
            c_record = legacy ? -1 : 4, c_value = legacy ? 0 : 5;
  // Field `c` of the row ("" for a column this format does not have).
  auto const field = [&](int c) { return c < 0 ? std::string_view{} : t->raw(static_cast<std::size_t>(c)); };

  // The feed's own value of `field` for `entity`.
  auto const own = [&](text_field f, std::uint32_t e) -> std::string const& {
    switch (f) {
      case text_field::stop_name: return d.stop_names[e];
      case text_field::route_short_name: return d.line_short_names[e];
      case text_field::route_long_name: return d.line_long_names[e];
      case text_field::trip_headsign: return d.texts[d.trips[e].headsign];
      case text_field::agency_name: return d.agency_names[e];
    }
    return d.texts[0];
  };
  auto const first_entity = [&](text_field f) -> std::uint32_t {
    switch (f) {
      case text_field::stop_name: return feed_first_stop;
      case text_field::route_short_name:
      case text_field::route_long_name: return feed_first_line;
      case text_field::trip_headsign: return feed_first_trip;
      case text_field::agency_name: return feed_first_agency;
    }
    return 0;
  };
  auto const end_entity = [&](text_field f) -> std::uint32_t {
    switch (f) {
      case text_field::stop_name: return static_cast<std::uint32_t>(d.stop_ids.size());
      case text_field::route_short_name:
      case text_field::route_long_name: return static_cast<std::uint32_t>(d.line_ids.size());
      case text_field::trip_headsign: return static_cast<std::uint32_t>(d.trips.size());
      case text_field::agency_name: return static_cast<std::uint32_t>(d.agency_ids.size());
    }
    return 0;
  };
  // The table a field belongs to, as skipped_rows indexes it.
  auto const table_of = [](text_field f) {
    return f == text_field::route_long_name ? text_field::route_short_name : f;
  };
  // value -> this feed's entities having it, per field (built on first use).
  std::array<std::unordered_map<std::string_view, std::vector<std::uint32_t>>, kNumTextFields> by_value;
  std::array<bool, kNumTextFields> indexed{};
  auto const with_value = [&](text_field f, std::string_view v) -> std::vector<std::uint32_t> const* {
    auto const fi = static_cast<std::size_t>(f);
    if (!indexed[fi]) {
      for (auto e = first_entity(f); e < end_entity(f); ++e) by_value[fi][own(f, e)].push_back(e);
      indexed[fi] = true;
    }
    auto it = by_value[fi].find(v);
    return it == by_value[fi].end() ? nullptr : &it->second;
  };
  auto const lang_index = [&](std::string_view lang) {
    auto const code = lower(trim(lang));
    auto it = std::find(d.languages.begin(), d.languages.end(), code);
    if (it != d.languages.end()) return static_cast<std::uint32_t>(it - d.languages.begin());
    d.languages.push_back(code);
    return static_cast<std::uint32_t>(d.languages.size() - 1);
  };
  // Stores a translation unless it equals the feed's own text (the accessors fall back to that anyway).
  auto const apply = [&](text_field f, std::uint32_t e, std::uint32_t lang, std::string_view text) {
    if (text == own(f, e)) return;
    d.translations.push_back(gtfs_translation{f, e, lang, d.texts.intern(text)});
  };
  auto const field_of = [](std::string_view table, std::string_view column_name) -> std::optional<text_field> {
    if (table == "stops" && column_name == "stop_name") return text_field::stop_name;
    if (table == "routes" && column_name == "route_short_name") return text_field::route_short_name;
    if (table == "routes" && column_name == "route_long_name") return text_field::route_long_name;
    if (table == "trips" && column_name == "trip_headsign") return text_field::trip_headsign;
    if (table == "agency" && column_name == "agency_name") return text_field::agency_name;
    return std::nullopt;
  };
  struct ref_table {
    id_map const* ids;
    char const* file;
    char const* code;
  };
  auto const ref_of = [&](text_field f) -> ref_table {
    switch (f) {
      case text_field::stop_name: return {&stop_map, "stops.txt", "dangling_stop_id"};
      case text_field::route_short_name:
      case text_field::route_long_name: return {&route_map, "routes.txt", "dangling_route_id"};
      case text_field::trip_headsign: return {&trip_map, "trips.txt", "dangling_trip_id"};
      case text_field::agency_name: return {&agency_map, "agency.txt", "dangling_agency_id"};
    }
    return {&stop_map, "stops.txt", "dangling_stop_id"};
  };
  static constexpr std::array<text_field, kNumTextFields> kAll = {
      text_field::stop_name, text_field::route_short_name, text_field::route_long_name, text_field::trip_headsign,
      text_field::agency_name};

  while (t->next()) {
    std::optional<text_field> kept;
    if (!legacy) {
      kept = field_of(trim(field(c_table)), trim(field(c_field)));
      if (!kept) {
        ++counts.translations;  // other tables and fields are read but not used
        continue;
      }
    }
    auto const lang = field(c_lang);
    auto const text = field(c_text);
    if (trim(lang).empty()) {
      t->problem(severity::error, "missing_required_field", legacy ? "lang" : "language", "language is empty; row skipped");
      continue;
    }
    auto const record = trim(field(c_record));
    if (!record.empty()) {
      auto const ref = ref_of(*kept);
      auto const e = find(*ref.ids, record);
      if (e == kNone) {
        if (skipped.has_id(table_of(*kept), record)) {
          ++counts.translations;  // the row it names was skipped and reported already
          continue;
        }
        t->problem(severity::warning, ref.code, "record_id",
                   "record_id '" + std::string{record} + "' is not in " + ref.file + "; row ignored");
        continue;
      }
      apply(*kept, e, lang_index(lang), text);
      ++counts.translations;
      continue;
    }
    auto const value = field(c_value);
    if (value.empty()) {
      t->problem(severity::error, "missing_required_field", "record_id",
                 "translation names neither record_id nor field_value; row skipped");
      continue;
    }
    bool matched = false, matched_skipped = false;
    std::uint32_t l = kNone;
    for (auto const f : kAll) {
      if (kept && f != *kept) continue;
      if (auto const* es = with_value(f, value)) {
        if (l == kNone) l = lang_index(lang);
        for (auto const e : *es) apply(f, e, l, text);
        matched = true;
      } else if (skipped.has_value(table_of(f), value) || skipped.has_value(f, value)) {
        matched_skipped = true;
      }
    }
    if (!matched && !matched_skipped) {
      t->problem(severity::info, "unused_translation", legacy ? "trans_id" : "field_value",
                 "no " + std::string{legacy ? "stop name, route name, headsign or agency name" : field(c_field)} +
                     " is '" + std::string{value} + "'; row ignored");
      continue;
    }
    ++counts.translations;
  }
  t->finish();
}

}  // namespace kwartier::transit::gtfs
