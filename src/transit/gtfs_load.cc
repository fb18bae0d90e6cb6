// load_gtfs: reads every table of one or more feeds, validates rows, resolves references to indices.
// The per-table readers live in gtfs_agency.cc, gtfs_stops.cc, gtfs_calendar.cc, gtfs_trips.cc and
// gtfs_translations.cc, over the typed table reader of gtfs_loader.h.
#include <algorithm>
#include <array>
#include <limits>
#include <optional>

#include "kwartier/transit/local_time.h"
#include "transit/gtfs_loader.h"

namespace kwartier::transit {

gtfs_feed::gtfs_feed() = default;
gtfs_feed::~gtfs_feed() = default;
gtfs_feed::gtfs_feed(gtfs_feed&&) noexcept = default;
gtfs_feed& gtfs_feed::operator=(gtfs_feed&&) noexcept = default;

namespace gtfs {
namespace {

// Known GTFS files (others get an info "unknown_file").
constexpr std::array kKnownFiles = {
    "agency.txt",        "stops.txt",          "routes.txt",      "trips.txt",          "stop_times.txt",
    "calendar.txt",      "calendar_dates.txt", "fare_attributes.txt", "fare_rules.txt", "shapes.txt",
    "frequencies.txt",   "transfers.txt",      "pathways.txt",    "levels.txt",         "feed_info.txt",
    "translations.txt",  "attributions.txt",   "fare_media.txt",  "fare_products.txt",  "fare_leg_rules.txt",
    "fare_transfer_rules.txt", "areas.txt",    "stop_areas.txt",  "networks.txt",       "route_networks.txt",
    "timeframes.txt",    "location_groups.txt", "location_group_stops.txt", "locations.geojson",
    "booking_rules.txt", "rider_categories.txt", "fare_leg_join_rules.txt", "stop_time_overrides.txt"};

}  // namespace

void loader::load_feed(feed_input const& in, io::feed_source const& source, std::size_t feed_index, std::size_t n_feeds) {
  src = &source;
  prefix = in.prefix;
  if (prefix.empty() && n_feeds > 1) prefix = in.path.stem().string();
  if (prefix.empty() && n_feeds > 1) prefix = "feed" + std::to_string(feed_index);
  // Two feeds with the same prefix (two "gtfs.zip" from different folders) would mint the same ids.
  if (n_feeds > 1 && std::find(d.feed_prefixes.begin(), d.feed_prefixes.end(), prefix) != d.feed_prefixes.end()) {
    auto const base = prefix;
    for (int k = 2; std::find(d.feed_prefixes.begin(), d.feed_prefixes.end(), prefix) != d.feed_prefixes.end(); ++k)
      prefix = base + "-" + std::to_string(k);
    file_prefix = prefix + "/";
    feed_problem(severity::warning, "duplicate_feed_prefix", {}, 0, {},
                 "feed prefix '" + base + "' is already used; this feed's ids use '" + prefix + "'");
  }
  file_prefix = n_feeds > 1 ? prefix + "/" : std::string{};
  agency_map.clear();
  stop_map.clear();
  route_map.clear();
  service_map.clear();
  trip_map.clear();
  zone_map.clear();
  network_map.clear();
  d.feed_prefixes.push_back(n_feeds > 1 ? prefix : std::string{});
  feed_ix = static_cast<std::uint32_t>(d.feed_prefixes.size() - 1);  // skipped feeds have no entry
  feed_first_stop = static_cast<std::uint32_t>(d.stop_ids.size());
  feed_first_trip = static_cast<std::uint32_t>(d.trips.size());
  feed_first_agency = static_cast<std::uint32_t>(d.agency_ids.size());
  feed_first_line = static_cast<std::uint32_t>(d.line_ids.size());
  skipped.clear();

  for (auto const& f : source.files())
    if (std::find(kKnownFiles.begin(), kKnownFiles.end(), f) == kKnownFiles.end())
      feed_problem(severity::info, "unknown_file", f, 0, {}, "file is not part of GTFS; ignored");

  // A zip_limits violation ends the feed (load_gtfs then fails with it).
  auto const stopped = [&] { return source.exceeded() != nullptr || limit.has_value(); };
  auto const step = [&](auto fn) {
    if (!stopped()) (this->*fn)();
  };
  step(&loader::load_agency);
  step(&loader::load_stops);
  step(&loader::load_routes);
  bool have_calendar = false, have_dates = false;
  if (!stopped()) load_calendar(have_calendar);
  if (!stopped()) load_calendar_dates(have_dates);
  if (!have_calendar && !have_dates)
    feed_problem(severity::error, "missing_required_file", "calendar.txt", 0, {},
                 "neither calendar.txt nor calendar_dates.txt is present");
  step(&loader::load_trips);
  step(&loader::load_stop_times);
  step(&loader::load_frequencies);
  step(&loader::load_transfers);
  step(&loader::load_fares);
  step(&loader::load_feed_info);
  step(&loader::load_translations);
  if (source.has("shapes.txt") && !stopped()) {
    // Shapes are not needed for routing; count rows only.
    static constexpr column kShapes[] = {{"shape_id", need::known}, {"shape_pt_lat", need::known},
                                         {"shape_pt_lon", need::known}, {"shape_pt_sequence", need::known},
                                         {"shape_dist_traveled", need::known}};
    if (auto t = open_table("shapes.txt", false, kShapes))
      while (t->next(false)) ++counts.shapes;
  }
  if (stopped()) return;
  if (source.has("stop_times.txt")) check_unused_stops();
  for (std::size_t tr = feed_first_trip; tr < d.trips.size(); ++tr)
    if (d.trips[tr].n_st < 2)
      feed_problem(severity::warning, "trip_without_stop_times", "trips.txt", trip_line[tr], "trip_id",
                   "trip '" + d.trips[tr].id + "' has fewer than two usable stop times; not in the timetable");
}

}  // namespace gtfs

namespace {

using namespace gtfs;

result<gtfs_feed> load_impl(std::vector<feed_input> const& feeds, std::vector<io::feed_source> const* sources,
                            load_options const& opt) {
  if (feeds.empty()) return make_error(errc::invalid_argument, "no GTFS feed given");
  if (!opt.expand_frequencies)
    return make_error(errc::unsupported, "frequency trips are always expanded (see docs/transit.md)", {}, 0,
                      "expand_frequencies");
  gtfs_feed out;
  out.report.set_limit_per_code(opt.max_problems_per_code);
  auto data = std::make_shared<gtfs_feed_data>();
  loader L{opt, out.report, *data, out.counts, out.agencies};
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    std::optional<io::feed_source> opened;
    if (sources == nullptr) {
      auto src = io::feed_source::open(feeds[i].path, opt.zip);
      if (!src) {
        auto const& e = src.error();
        if (e.code != errc::invalid_format) return make_error(e);
        out.report.add(severity::error, "invalid_archive", e.file.empty() ? feeds[i].path.string() : e.file, 0, {},
                       e.message + "; feed skipped");
        data->unusable_feeds.push_back({feeds[i].path.string(), e.message});
        continue;
      }
      opened.emplace(std::move(*src));
    }
    auto const& source = sources != nullptr ? (*sources)[i] : *opened;
    auto const stops_before = data->stop_ids.size();
    L.load_feed(feeds[i], source, i, feeds.size());
    if (data->stop_ids.size() == stops_before)
      data->unusable_feeds.push_back(
          {feeds[i].path.empty() ? source.name() : feeds[i].path.string(),
           source.has("stops.txt") ? "stops.txt has no usable row" : "no stops.txt: not a GTFS feed"});
    if (auto const* e = source.exceeded()) return make_error(*e);
    if (L.limit) return make_error(*L.limit);
  }
  // The reference time zone: the first agency's (in feed order) that names a valid zone.
  for (auto const& tz : data->agency_timezones)
    if (!tz.empty() && valid_time_zone(tz)) {
      data->timezone = tz;
      break;
    }
  // Service date range: first and last day on which some service runs.
  std::int32_t first = std::numeric_limits<std::int32_t>::max(), last = std::numeric_limits<std::int32_t>::min();
  for (auto const& s : data->services) {
    for (std::int32_t day = s.start; day <= s.end; ++day) {
      auto const wd = static_cast<unsigned>(((day % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3)
      if ((s.weekdays >> wd & 1U) != 0 && std::find(s.removed.begin(), s.removed.end(), day) == s.removed.end()) {
        first = std::min(first, day);
        break;
      }
    }
    for (std::int32_t day = s.end; day >= s.start; --day) {
      auto const wd = static_cast<unsigned>(((day % 7) + 7 + 3) % 7);
      if ((s.weekdays >> wd & 1U) != 0 && std::find(s.removed.begin(), s.removed.end(), day) == s.removed.end()) {
        last = std::max(last, day);
        break;
      }
    }
    for (auto const day : s.added) {
      first = std::min(first, day);
      last = std::max(last, day);
    }
  }
  if (first <= last) {
    out.counts.first_date = yyyymmdd_from_days(first);
    out.counts.last_date = yyyymmdd_from_days(last);
  }
  // Agencies whose zone has another UTC offset than the reference zone on some service day: their times
  // are read as reference-zone times (local_time.h), which is off by the difference on those days.
  if (auto const ref = time_zone::find(data->timezone); ref && first <= last) {
    std::vector<std::string> reported;
    for (std::size_t a = 0; a < data->agency_timezones.size(); ++a) {
      auto const& name = data->agency_timezones[a];
      if (name.empty() || name == data->timezone ||
          std::find(reported.begin(), reported.end(), name) != reported.end())
        continue;
      auto const z = time_zone::find(name);
      if (!z) continue;  // reported as invalid_timezone
      for (auto day = first; day <= last; ++day) {
        auto const noon = ref->to_unix(service_time{day, 12 * 3600});
        if (z->utc_offset(noon) == ref->utc_offset(noon)) continue;
        out.report.add(severity::warning, "timezone_differs", L.agency_where[a].first, L.agency_where[a].second,
                       "agency_timezone",
                       name + " has another UTC offset than the timetable's reference zone " + data->timezone +
                           " on " + format_date(day) + "; its trips' times are read as " + data->timezone + " times");
        reported.push_back(name);
        break;
      }
    }
  }
  out.data = std::move(data);
  return out;
}

}  // namespace

result<gtfs_feed> load_gtfs(std::vector<feed_input> const& feeds, load_options const& opt) {
  return load_impl(feeds, nullptr, opt);
}

result<gtfs_feed> load_gtfs_sources(std::vector<io::feed_source> const& sources, std::vector<std::string> const& prefixes,
                                    load_options const& opt) {
  if (sources.size() != prefixes.size())
    return make_error(errc::invalid_argument, "load_gtfs_sources: one prefix per source");
  std::vector<feed_input> feeds;
  for (std::size_t i = 0; i < sources.size(); ++i) feeds.push_back(feed_input{sources[i].name(), prefixes[i]});
  return load_impl(feeds, &sources, opt);
}

}  // namespace kwartier::transit
