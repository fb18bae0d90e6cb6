// Timetable dataset sections: write (add_sections), read with full validation (read_sections), views.
#include "kwartier/transit/timetable.h"

#include <limits>
#include <tuple>

#include "kwartier/core/csr.h"

namespace kwartier::transit {
namespace {

// Every array section: member, section id.
#define KW_TT_VECS(X)                                                                                    \
  X(stop_latlon_, "TSll") X(stop_location_type_, "TSlt") X(stop_parent_, "TSpa")                         \
  X(stop_wheelchair_, "TSwb") X(stop_platform_, "TSpc") X(translations_, "TNtr")                          \
  X(trip_line_, "TTln") X(trip_headsign_, "TThs") X(trip_short_name_, "TTsn") X(trip_attributes_, "TTat") \
  X(route_stops_offsets_, "TRso") X(route_stops_, "TRsd") X(route_stop_flags_, "TRsf")                   \
  X(route_trips_offsets_, "TRto") X(route_trips_, "TRtt") X(route_line_, "TRln")                         \
  X(route_times_offsets_, "TRmo") X(stop_times_, "TTtt") X(trip_service_, "TTsv")                        \
  X(service_bits_, "TVbs") X(stop_routes_offsets_, "TSro") X(stop_routes_, "TSrd") X(transfers_, "TXfr") \
  X(line_info_, "TLin") X(agency_feed_, "TAfd") X(fare_attributes_, "FVat") X(fare_rules_, "FVru")          \
  X(stop_zone_, "FZst") X(rider_category_default_, "FRdf") X(fare_media_type_, "FMty")                    \
  X(fare_product_rows_, "FPrw") X(stop_areas_offsets_, "FAso") X(stop_areas_, "FAsa")                    \
  X(line_network_, "FNln") X(timeframes_, "FTtf") X(fare_leg_rules_, "FLru") X(fare_transfer_rules_, "FXru")

// Every string table: member, offsets section id, chars section id.
#define KW_TT_STRS(X)                                                                                     \
  X(stop_ids_, "TSio", "TSic") X(stop_names_, "TSno", "TSnc") X(languages_, "TLgo", "TLgc")               \
  X(texts_, "TPoo", "TPoc") X(timezone_, "TZon", "TZoc") X(trip_ids_, "TTid", "TTic") X(line_ids_, "TLio", "TLic")           \
  X(line_short_names_, "TLso", "TLsc") X(line_long_names_, "TLlo", "TLlc") X(agency_ids_, "TAio", "TAic") \
  X(agency_names_, "TAno", "TAnc") X(agency_timezones_, "TAzo", "TAzc") X(feed_prefixes_, "TFio", "TFic")   \
  X(fare_ids_, "FVio", "FVic") X(zone_ids_, "FZio", "FZic") X(rider_category_ids_, "FRio", "FRic")          \
  X(rider_category_names_, "FRno", "FRnc") X(fare_media_ids_, "FMio", "FMic") X(fare_media_names_, "FMno", "FMnc") \
  X(fare_product_ids_, "FPio", "FPic") X(fare_product_names_, "FPno", "FPnc") X(area_ids_, "FAio", "FAic")   \
  X(area_names_, "FAno", "FAnc") X(network_ids_, "FNio", "FNic") X(network_names_, "FNno", "FNnc")          \
  X(timeframe_group_ids_, "FTio", "FTic") X(leg_group_ids_, "FGio", "FGic")

constexpr std::uint32_t kMetaId = fourcc("TTmt");
constexpr std::uint32_t kFareMetaId = fourcc("FMta");
constexpr std::uint32_t kInvalid = std::numeric_limits<std::uint32_t>::max();
constexpr std::int32_t kMaxTime = 1 << 22;  // 48.5 days in seconds

template <class T>
std::span<T const> span_of(std::vector<T> const& v) {
  return {v.data(), v.size()};
}

std::vector<std::uint32_t> const& offsets_or_zero(std::vector<std::uint32_t> const& o) {
  static std::vector<std::uint32_t> const zero{0};
  return o.empty() ? zero : o;
}

template <class T>
status read_vec(dataset_file const& f, std::uint32_t id, std::span<T const>& out) {
  KW_TRY(auto s, f.section<T>(id));
  out = s;
  return {};
}

status read_str(dataset_file const& f, std::uint32_t oid, std::uint32_t cid, string_table<ownership::view>& out) {
  KW_TRY(auto o, f.section<std::uint32_t>(oid));
  KW_TRY(auto c, f.section<char>(cid));
  if (!csr_offsets_valid<std::uint32_t>(o, c.size()))
    return make_error(errc::corrupt_dataset, "timetable: a string table has invalid offsets", f.name());
  out.offsets = o;
  out.chars = c;
  return {};
}

}  // namespace

dataset_kind timetable_kind() { return dataset_kind{kTimetableKindId, kTimetableSchema}; }

timetable_view view_of(timetable const& tt) {
  timetable_view v;
  v.first_day_ = tt.first_day_;
  v.n_days_ = tt.n_days_;
  v.n_words_ = tt.n_words_;
  v.leg_rules_have_priority_ = tt.leg_rules_have_priority_;
#define KW_VIEW_VEC(m, id) v.m = span_of(tt.m);
#define KW_VIEW_STR(m, oid, cid) \
  v.m.offsets = span_of(offsets_or_zero(tt.m.offsets)); \
  v.m.chars = span_of(tt.m.chars);
  KW_TT_VECS(KW_VIEW_VEC)
  KW_TT_STRS(KW_VIEW_STR)
#undef KW_VIEW_VEC
#undef KW_VIEW_STR
  return v;
}

void add_sections(timetable const& tt, dataset_writer& w) {
  std::int32_t const meta[4] = {tt.first_day_, tt.n_days_, tt.n_words_, 0};
  w.add<std::int32_t>(kMetaId, std::span<std::int32_t const>{meta, 4});
  std::uint32_t const fare_meta[4] = {tt.leg_rules_have_priority_, 0, 0, 0};
  w.add<std::uint32_t>(kFareMetaId, std::span<std::uint32_t const>{fare_meta, 4});
#define KW_ADD_VEC(m, id) w.add(fourcc(id), tt.m);
#define KW_ADD_STR(m, oid, cid)                       \
  w.add<std::uint32_t>(fourcc(oid), offsets_or_zero(tt.m.offsets)); \
  w.add_raw(fourcc(cid), 1, tt.m.chars.data(), tt.m.chars.size());
  KW_TT_VECS(KW_ADD_VEC)
  KW_TT_STRS(KW_ADD_STR)
#undef KW_ADD_VEC
#undef KW_ADD_STR
}

result<timetable_view> read_sections(dataset_file const& f) {
  timetable_view v;
  auto const corrupt = [&](std::string const& what) {
    return make_error(errc::corrupt_dataset, "timetable: " + what, f.name());
  };
  KW_TRY(auto meta, f.section<std::int32_t>(kMetaId));
  if (meta.size() != 4) return corrupt("bad header section");
  v.first_day_ = meta[0];
  v.n_days_ = meta[1];
  v.n_words_ = meta[2];
  // Dates are parsed in 1900..2200, so a timetable covers at most 300 years (109,574 days).
  if (v.first_day_ < -1'000'000 || v.first_day_ > 1'000'000 || v.n_days_ < 0 || v.n_days_ > 366 * 400 || v.n_words_ != std::max(1, (v.n_days_ + 63) / 64) || meta[3] != 0)
    return corrupt("bad day range");
  KW_TRY(auto fare_meta, f.section<std::uint32_t>(kFareMetaId));
  if (fare_meta.size() != 4 || fare_meta[0] > 1 || fare_meta[1] != 0 || fare_meta[2] != 0 || fare_meta[3] != 0)
    return corrupt("bad fare header section");
  v.leg_rules_have_priority_ = fare_meta[0];
#define KW_READ_VEC(m, id) \
  if (auto st = read_vec(f, fourcc(id), v.m); !st) return make_error(std::move(st).error());
#define KW_READ_STR(m, oid, cid) \
  if (auto st = read_str(f, fourcc(oid), fourcc(cid), v.m); !st) return make_error(std::move(st).error());
  KW_TT_VECS(KW_READ_VEC)
  KW_TT_STRS(KW_READ_STR)
#undef KW_READ_VEC
#undef KW_READ_STR

  auto const n_stops = v.stop_latlon_.size();
  auto const n_routes = v.route_line_.size();
  auto const n_trips = v.trip_service_.size();
  auto const n_lines = v.line_info_.size();
  auto const n_agencies = v.agency_ids_.size();
  auto const n_lang = v.languages_.size();
  auto const n_words = static_cast<std::size_t>(v.n_words_);

  // stops
  if (v.stop_location_type_.size() != n_stops || v.stop_parent_.size() != n_stops ||
      v.stop_ids_.size() != n_stops || v.stop_names_.size() != n_stops)
    return corrupt("stop arrays disagree in size");
  auto const n_texts = v.texts_.size();
  if (n_texts == 0 || !v.texts_[0].empty()) return corrupt("text pool does not start with the empty text");
  if (v.stop_wheelchair_.size() != n_stops || v.stop_platform_.size() != n_stops)
    return corrupt("stop accessibility arrays disagree in size");
  for (std::size_t i = 0; i < n_stops; ++i) {
    if (v.stop_location_type_[i] > 4) return corrupt("bad location_type");
    if (v.stop_parent_[i] != kInvalid && v.stop_parent_[i] >= n_stops) return corrupt("parent station out of range");
    if (v.stop_wheelchair_[i] > 2) return corrupt("bad wheelchair_boarding");
    if (v.stop_platform_[i] >= n_texts) return corrupt("platform text out of range");
  }
  if (n_lang > 0xffff) return corrupt("too many languages");
  if (v.timezone_.size() != 1) return corrupt("reference time zone missing");
  // routes
  if (v.route_stops_offsets_.size() != n_routes + 1 || !csr_offsets_valid(v.route_stops_offsets_, v.route_stops_.size()))
    return corrupt("route stop offsets invalid");
  if (v.route_stop_flags_.size() != v.route_stops_.size()) return corrupt("route stop flags disagree in size");
  for (auto const s : v.route_stops_)
    if (s >= n_stops) return corrupt("route stop out of range");
  if (v.route_trips_offsets_.size() != n_routes + 1 || !csr_offsets_valid(v.route_trips_offsets_, v.route_trips_.size()))
    return corrupt("route trip offsets invalid");
  for (auto const t : v.route_trips_)
    if (t >= n_trips) return corrupt("route trip out of range");
  for (auto const l : v.route_line_)
    if (l >= n_lines) return corrupt("route line out of range");
  if (v.route_times_offsets_.size() != n_routes + 1 || v.route_times_offsets_[0] != 0)
    return corrupt("route time offsets invalid");
  for (std::size_t r = 0; r < n_routes; ++r) {
    std::uint64_t const n_s = v.route_stops_offsets_[r + 1] - v.route_stops_offsets_[r];
    std::uint64_t const n_t = v.route_trips_offsets_[r + 1] - v.route_trips_offsets_[r];
    if (v.route_times_offsets_[r + 1] < v.route_times_offsets_[r] ||
        v.route_times_offsets_[r + 1] - v.route_times_offsets_[r] != n_s * n_t)
      return corrupt("route time block has the wrong size");
  }
  if (v.route_times_offsets_[n_routes] != v.stop_times_.size()) return corrupt("stop time count disagrees");
  // Times are in [0, 2^22] seconds, arrival <= departure, never going backwards along a trip: routing
  // code may do arithmetic on them without overflow checks.
  for (std::size_t r = 0; r < n_routes; ++r) {
    auto const n_s = v.route_stops_offsets_[r + 1] - v.route_stops_offsets_[r];
    for (auto i = v.route_times_offsets_[r]; i < v.route_times_offsets_[r + 1]; ++i) {
      auto const& st = v.stop_times_[i];
      if (st.arr < 0 || st.dep < st.arr || st.dep > kMaxTime) return corrupt("stop time out of range");
      if ((i - v.route_times_offsets_[r]) % n_s != 0 && v.stop_times_[i - 1].dep > st.arr)
        return corrupt("stop times go backwards");
    }
  }
  // trips and services
  if (v.trip_ids_.size() != n_trips || v.trip_line_.size() != n_trips || v.trip_headsign_.size() != n_trips ||
      v.trip_short_name_.size() != n_trips || v.trip_attributes_.size() != n_trips)
    return corrupt("trip arrays disagree in size");
  for (std::size_t t = 0; t < n_trips; ++t) {
    if (v.trip_line_[t] >= n_lines) return corrupt("trip line out of range");
    if (v.trip_headsign_[t] >= n_texts || v.trip_short_name_[t] >= n_texts) return corrupt("trip text out of range");
    auto const& a = v.trip_attributes_[t];
    if ((a.direction > 1 && a.direction != kNoDirection) || static_cast<unsigned>(a.wheelchair) > 2 ||
        static_cast<unsigned>(a.bikes) > 2 || a.pad_ != 0)
      return corrupt("bad trip attributes");
  }
  if (v.service_bits_.size() % n_words != 0) return corrupt("service bitsets have a partial word");
  auto const n_services = v.service_bits_.size() / n_words;
  for (auto const s : v.trip_service_)
    if (s >= n_services) return corrupt("trip service out of range");
  // stop -> routes
  if (v.stop_routes_offsets_.size() != n_stops + 1 || !csr_offsets_valid(v.stop_routes_offsets_, v.stop_routes_.size()))
    return corrupt("stop route offsets invalid");
  for (auto const r : v.stop_routes_)
    if (r >= n_routes) return corrupt("stop route out of range");
  // transfers
  for (auto const& t : v.transfers_)
    if (t.from.v() >= n_stops || t.to.v() >= n_stops || static_cast<unsigned>(t.type) > 5)
      return corrupt("transfer out of range");
  // lines and agencies
  if (v.line_ids_.size() != n_lines || v.line_short_names_.size() != n_lines || v.line_long_names_.size() != n_lines)
    return corrupt("line arrays disagree in size");
  for (auto const& l : v.line_info_)
    if (l.agency.v() >= n_agencies) return corrupt("line agency out of range");
  if (v.agency_names_.size() != n_agencies || v.agency_timezones_.size() != n_agencies)
    return corrupt("agency arrays disagree in size");
  // translations: strictly sorted by (field, entity, lang), every index in range
  {
    std::size_t const n_entities[kNumTextFields] = {n_stops, n_lines, n_lines, n_trips, n_agencies};
    for (std::size_t i = 0; i < v.translations_.size(); ++i) {
      auto const& t = v.translations_[i];
      auto const fi = static_cast<std::size_t>(t.field);
      if (fi >= kNumTextFields || t.entity >= n_entities[fi] || t.lang >= n_lang || t.text >= n_texts || t.pad_ != 0)
        return corrupt("translation out of range");
      if (i > 0) {
        auto const& p = v.translations_[i - 1];
        auto const key = [](translation const& x) { return std::tuple{x.field, x.entity, x.lang}; };
        if (!(key(p) < key(t))) return corrupt("translations not sorted");
      }
    }
  }
  // agencies' feeds
  auto const n_feeds = v.feed_prefixes_.size();
  if (v.agency_feed_.size() != n_agencies) return corrupt("agency feeds disagree in size");
  for (auto const x : v.agency_feed_)
    if (x >= n_feeds) return corrupt("agency feed out of range");
  // fares v1
  auto const in = [](std::uint32_t x, std::size_t n) { return x == kNoIndex || x < n; };
  auto const n_fares = v.fare_attributes_.size();
  auto const n_zones = v.zone_ids_.size();
  if (v.fare_ids_.size() != n_fares) return corrupt("fare ids disagree in size");
  for (auto const& a : v.fare_attributes_)
    if (a.currency >= n_texts || !in(a.agency, n_agencies) || a.transfers < -1 || a.transfers > 2 ||
        a.payment_method > 1 || a.transfer_duration < -1 || a.feed >= n_feeds || a.price < 0)
      return corrupt("fare attribute out of range");
  for (std::size_t i = 0; i < v.fare_rules_.size(); ++i) {
    auto const& r = v.fare_rules_[i];
    if (r.fare >= n_fares || !in(r.line, n_lines) || !in(r.origin, n_zones) || !in(r.destination, n_zones) ||
        !in(r.contains, n_zones) || (i > 0 && v.fare_rules_[i - 1].fare > r.fare))
      return corrupt("fare rule out of range");
  }
  if (v.stop_zone_.size() != n_stops) return corrupt("stop zones disagree in size");
  for (auto const z : v.stop_zone_)
    if (!in(z, n_zones)) return corrupt("stop zone out of range");
  // fares v2
  auto const n_categories = v.rider_category_ids_.size();
  auto const n_media = v.fare_media_ids_.size();
  auto const n_products = v.fare_product_ids_.size();
  auto const n_areas = v.area_ids_.size();
  auto const n_networks = v.network_ids_.size();
  auto const n_tf_groups = v.timeframe_group_ids_.size();
  auto const n_leg_groups = v.leg_group_ids_.size();
  if (v.rider_category_names_.size() != n_categories || v.rider_category_default_.size() != n_categories ||
      v.fare_media_names_.size() != n_media || v.fare_media_type_.size() != n_media ||
      v.fare_product_names_.size() != n_products || v.area_names_.size() != n_areas ||
      v.network_names_.size() != n_networks || v.line_network_.size() != n_lines)
    return corrupt("fare tables disagree in size");
  for (auto const x : v.rider_category_default_)
    if (x > 1) return corrupt("bad rider category flag");
  for (auto const x : v.fare_media_type_)
    if (x > 4) return corrupt("bad fare media type");
  for (std::size_t i = 0; i < v.fare_product_rows_.size(); ++i) {
    auto const& p = v.fare_product_rows_[i];
    if (p.product >= n_products || !in(p.rider_category, n_categories) || !in(p.medium, n_media) ||
        p.currency >= n_texts || (i > 0 && v.fare_product_rows_[i - 1].product > p.product))
      return corrupt("fare product row out of range");
  }
  if (!v.stop_areas_offsets_.empty() &&
      (v.stop_areas_offsets_.size() != n_stops + 1 || !csr_offsets_valid(v.stop_areas_offsets_, v.stop_areas_.size())))
    return corrupt("stop area offsets invalid");
  if (v.stop_areas_offsets_.empty() && !v.stop_areas_.empty()) return corrupt("stop areas without offsets");
  for (auto const a : v.stop_areas_)
    if (a >= n_areas) return corrupt("stop area out of range");
  for (auto const x : v.line_network_)
    if (!in(x, n_networks)) return corrupt("line network out of range");
  for (auto const& t : v.timeframes_)
    if (t.group >= n_tf_groups || t.start < 0 || t.end <= t.start || t.end > 86400 || t.service >= n_services)
      return corrupt("timeframe out of range");
  for (auto const& r : v.fare_leg_rules_)
    if (!in(r.leg_group, n_leg_groups) || !in(r.network, n_networks) || !in(r.from_area, n_areas) ||
        !in(r.to_area, n_areas) || !in(r.from_timeframe, n_tf_groups) || !in(r.to_timeframe, n_tf_groups) ||
        r.product >= n_products || r.priority < 0)
      return corrupt("fare leg rule out of range");
  for (auto const& r : v.fare_transfer_rules_)
    if (!in(r.from_group, n_leg_groups) || !in(r.to_group, n_leg_groups) || r.transfer_count < -1 ||
        r.duration_limit < -1 || r.duration_type > 3 || r.transfer_type > 2 || r.pad_ != 0 || !in(r.product, n_products))
      return corrupt("fare transfer rule out of range");
  v.file_ = f;
  return v;
}

status save_timetable(timetable const& tt, std::filesystem::path const& path) {
  dataset_writer w{timetable_kind()};
  add_sections(tt, w);
  return w.write(path);
}

result<timetable_view> open_timetable(std::filesystem::path const& path) {
  KW_TRY(auto f, dataset_file::open(path, timetable_kind()));
  return read_sections(f);
}

// Howard Hinnant's days_from_civil (public-domain algorithm), written out here.
std::int32_t days_from_ymd(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  int const era = (y >= 0 ? y : y - 399) / 400;
  auto const yoe = static_cast<unsigned>(y - era * 400);
  unsigned const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  unsigned const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::int32_t days_from_yyyymmdd(std::uint32_t v) noexcept {
  return days_from_ymd(static_cast<int>(v / 10000), (v / 100) % 100, v % 100);
}

std::uint32_t yyyymmdd_from_days(std::int32_t z) noexcept {
  z += 719468;
  int const era = (z >= 0 ? z : z - 146096) / 146097;
  auto const doe = static_cast<unsigned>(z - era * 146097);
  unsigned const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned const mp = (5 * doy + 2) / 153;
  unsigned const d = doy - (153 * mp + 2) / 5 + 1;
  unsigned const m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  return static_cast<std::uint32_t>(y) * 10000 + m * 100 + d;
}

}  // namespace kwartier::transit
