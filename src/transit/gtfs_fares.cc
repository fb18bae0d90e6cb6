// Fares: v1 (fare_attributes, fare_rules; zones from stops.zone_id) and v2 (rider_categories, fare_media,
// fare_products, areas, stop_areas, networks, route_networks, timeframes, fare_leg_rules,
// fare_transfer_rules; networks also from routes.network_id). Every reference is resolved to an index or
// reported (dangling_*), every value checked (invalid_value, invalid_time, missing_required_field).
#include <algorithm>
#include <set>
#include <tuple>

#include "transit/gtfs_loader.h"

namespace kwartier::transit::gtfs {
namespace {

// An optional reference: `out` = kNoIndex when empty, else the index; false when dangling (reported).
// (kNone and kNoIndex are the same value, so the dangling case needs its own flag.)
bool optional_ref(table& t, std::size_t c, id_map const& ids, std::string_view code, std::string_view where,
                  std::uint32_t& out) {
  out = kNoIndex;
  if (t.text(c).empty()) return true;
  out = t.ref(c, ids, code, where);
  return out != kNone;
}

// Index of `id` in `ids`/`names`, created (namespaced) on first sight.
std::uint32_t group_index(loader& L, id_map& map, std::vector<std::string>& ids, std::string_view id) {
  auto [it, fresh] = map.try_emplace(std::string{id}, static_cast<std::uint32_t>(ids.size()));
  if (fresh) ids.push_back(L.ns(id));
  return it->second;
}

}  // namespace

void loader::load_fares() {
  auto& f = d.fares;
  auto const feed_first_fare_rule = f.fare_rules.size();
  auto const feed_first_product_row = f.fare_product_rows.size();
  id_map fare_map, category_map, media_map, product_map, area_map, tf_group_map, leg_group_map;

  // ---- fare_attributes.txt
  {
    enum { id, price, currency, payment, transfers, agency_id, duration };
    static constexpr column kCols[] = {
        {"fare_id", need::required},        {"price", need::required},     {"currency_type", need::required},
        {"payment_method", need::required}, {"transfers", need::required}, {"agency_id"},
        {"transfer_duration"}};
    if (auto t = open_table("fare_attributes.txt", false, kCols)) {
      auto const n_feed_agencies = d.agency_ids.size() - feed_first_agency;
      while (t->next()) {
        auto const fid = t->id(id, fare_map);
        if (!fid) continue;
        fare_attribute a{};
        auto const pp = parse_amount(t->raw(price), a.price);
        if (pp != parsed::ok || a.price < 0) {
          t->problem(severity::error, pp == parsed::empty ? "missing_required_field" : "invalid_value", "price",
                     "price '" + std::string{t->raw(price)} + "' is not a non-negative amount; row skipped");
          continue;
        }
        auto const cur = t->text(currency);
        if (!currency_code(cur)) {
          t->problem(severity::error, cur.empty() ? "missing_required_field" : "invalid_value", "currency_type",
                     "currency_type '" + std::string{cur} + "' is not an ISO 4217 code; row skipped");
          continue;
        }
        a.currency = d.texts.intern(cur);
        if (auto const pm = t->text(payment); pm == "0" || pm == "1") {
          a.payment_method = static_cast<std::uint8_t>(pm[0] - '0');
        } else {
          t->problem(severity::error, pm.empty() ? "missing_required_field" : "invalid_value", "payment_method",
                     "payment_method '" + std::string{pm} + "' is not 0 or 1; read as 0");
        }
        a.transfers = -1;
        if (auto const tr = t->text(transfers); tr == "0" || tr == "1" || tr == "2")
          a.transfers = static_cast<std::int8_t>(tr[0] - '0');
        else if (!tr.empty())
          t->problem(severity::error, "invalid_value", "transfers",
                     "transfers '" + std::string{tr} + "' is not 0, 1, 2 or empty; read as empty (unlimited)");
        a.agency = kNoIndex;
        if (t->text(agency_id).empty()) {
          if (n_feed_agencies > 1)
            t->problem(severity::warning, "missing_required_field", "agency_id",
                       "agency_id is required when the feed has several agencies; the fare applies to all of them");
        } else {
          a.agency = t->ref(agency_id, agency_map, "dangling_agency_id", "agency.txt");
          if (a.agency == kNone) continue;
        }
        a.transfer_duration = -1;
        std::int64_t dur = 0;
        if (auto const pd = t->integer(duration, dur); pd == parsed::ok && dur >= 0 && dur <= 7 * 86400)
          a.transfer_duration = static_cast<std::int32_t>(dur);
        else if (pd != parsed::empty)
          t->problem(severity::error, "invalid_value", "transfer_duration",
                     "transfer_duration '" + std::string{t->raw(duration)} + "' is not a duration in seconds; read as empty");
        a.feed = static_cast<std::uint16_t>(feed_ix);
        fare_map.emplace(std::string{*fid}, static_cast<std::uint32_t>(f.fare_attributes.size()));
        f.fare_ids.push_back(ns(*fid));
        f.fare_attributes.push_back(a);
      }
      t->finish();
    }
  }

  // ---- fare_rules.txt
  {
    enum { fare, route, origin, destination, contains };
    static constexpr column kCols[] = {
        {"fare_id", need::required}, {"route_id"}, {"origin_id"}, {"destination_id"}, {"contains_id"}};
    if (auto t = open_table("fare_rules.txt", false, kCols)) {
      while (t->next()) {
        fare_rule r{};
        r.fare = t->ref(fare, fare_map, "dangling_fare_id", "fare_attributes.txt");
        bool ok = r.fare != kNone;
        ok &= optional_ref(*t, route, route_map, "dangling_route_id", "routes.txt", r.line);
        ok &= optional_ref(*t, origin, zone_map, "dangling_zone_id", "any stops.txt zone_id", r.origin);
        ok &= optional_ref(*t, destination, zone_map, "dangling_zone_id", "any stops.txt zone_id", r.destination);
        ok &= optional_ref(*t, contains, zone_map, "dangling_zone_id", "any stops.txt zone_id", r.contains);
        if (!ok) continue;
        f.fare_rules.push_back(r);
      }
      t->finish();
    }
    std::stable_sort(f.fare_rules.begin() + static_cast<std::ptrdiff_t>(feed_first_fare_rule), f.fare_rules.end(),
                     [](fare_rule const& a, fare_rule const& b) { return a.fare < b.fare; });
  }

  // ---- rider_categories.txt
  {
    enum { id, name, is_default };
    static constexpr column kCols[] = {{"rider_category_id", need::required},
                                       {"rider_category_name", need::required},
                                       {"is_default_fare_category"},
                                       {"eligibility_url", need::known}};
    if (auto t = open_table("rider_categories.txt", false, kCols)) {
      while (t->next()) {
        auto const cid = t->id(id, category_map);
        if (!cid) continue;
        if (t->raw(name).empty())
          t->problem(severity::error, "missing_required_field", "rider_category_name", "rider_category_name is empty");
        std::uint8_t def = 0;
        if (auto const v = t->text(is_default); v == "1") def = 1;
        else if (!v.empty() && v != "0")
          t->problem(severity::warning, "invalid_value", "is_default_fare_category",
                     "is_default_fare_category '" + std::string{v} + "' is not 0 or 1; read as 0");
        category_map.emplace(std::string{*cid}, static_cast<std::uint32_t>(f.rider_category_ids.size()));
        f.rider_category_ids.push_back(ns(*cid));
        f.rider_category_names.emplace_back(t->raw(name));
        f.rider_category_default.push_back(def);
      }
      t->finish();
    }
  }

  // ---- fare_media.txt
  {
    enum { id, name, type };
    static constexpr column kCols[] = {
        {"fare_media_id", need::required}, {"fare_media_name"}, {"fare_media_type", need::required}};
    if (auto t = open_table("fare_media.txt", false, kCols)) {
      while (t->next()) {
        auto const mid = t->id(id, media_map);
        if (!mid) continue;
        std::int64_t ty = 0;
        if (t->integer(type, ty) != parsed::ok || ty < 0 || ty > 4) {
          t->problem(severity::error, t->text(type).empty() ? "missing_required_field" : "invalid_value", "fare_media_type",
                     "fare_media_type '" + std::string{t->raw(type)} + "' is not 0..4; row skipped");
          continue;
        }
        media_map.emplace(std::string{*mid}, static_cast<std::uint32_t>(f.fare_media_ids.size()));
        f.fare_media_ids.push_back(ns(*mid));
        f.fare_media_names.emplace_back(t->raw(name));
        f.fare_media_type.push_back(static_cast<std::uint8_t>(ty));
      }
      t->finish();
    }
  }

  // ---- fare_products.txt (a product has one row per rider category and medium)
  {
    enum { id, name, category, medium, amount, currency };
    static constexpr column kCols[] = {{"fare_product_id", need::required}, {"fare_product_name"},
                                       {"rider_category_id"},               {"fare_media_id"},
                                       {"amount", need::required},          {"currency", need::required}};
    if (auto t = open_table("fare_products.txt", false, kCols)) {
      std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
      while (t->next()) {
        auto const pid = t->text(id);
        if (pid.empty()) {
          t->problem(severity::error, "missing_required_field", "fare_product_id", "fare_product_id is empty; row skipped");
          continue;
        }
        fare_product_row r{};
        bool ok = optional_ref(*t, category, category_map, "dangling_rider_category_id", "rider_categories.txt",
                               r.rider_category);
        ok &= optional_ref(*t, medium, media_map, "dangling_fare_media_id", "fare_media.txt", r.medium);
        if (!ok) continue;
        auto const pa = parse_amount(t->raw(amount), r.amount);
        if (pa != parsed::ok) {
          t->problem(severity::error, pa == parsed::empty ? "missing_required_field" : "invalid_value", "amount",
                     "amount '" + std::string{t->raw(amount)} + "' is not an amount; row skipped");
          continue;
        }
        auto const cur = t->text(currency);
        if (!currency_code(cur)) {
          t->problem(severity::error, cur.empty() ? "missing_required_field" : "invalid_value", "currency",
                     "currency '" + std::string{cur} + "' is not an ISO 4217 code; row skipped");
          continue;
        }
        r.currency = d.texts.intern(cur);
        auto const before = f.fare_product_ids.size();
        r.product = group_index(*this, product_map, f.fare_product_ids, pid);
        if (f.fare_product_ids.size() != before) f.fare_product_names.emplace_back(t->raw(name));
        if (!seen.emplace(r.product, r.rider_category, r.medium).second) {
          t->problem(severity::error, "duplicate_key", "fare_product_id",
                     "fare product '" + std::string{pid} + "' already has a row for this rider category and medium; row skipped");
          continue;
        }
        f.fare_product_rows.push_back(r);
      }
      t->finish();
    }
    std::stable_sort(f.fare_product_rows.begin() + static_cast<std::ptrdiff_t>(feed_first_product_row),
                     f.fare_product_rows.end(),
                     [](fare_product_row const& a, fare_product_row const& b) { return a.product < b.product; });
  }

  // ---- areas.txt, stop_areas.txt
  {
    enum { id, name };
    static constexpr column kCols[] = {{"area_id", need::required}, {"area_name"}};
    if (auto t = open_table("areas.txt", false, kCols)) {
      while (t->next()) {
        auto const aid = t->id(id, area_map);
        if (!aid) continue;
        area_map.emplace(std::string{*aid}, static_cast<std::uint32_t>(f.area_ids.size()));
        f.area_ids.push_back(ns(*aid));
        f.area_names.emplace_back(t->raw(name));
      }
      t->finish();
    }
  }
  {
    enum { area, stop };
    static constexpr column kCols[] = {{"area_id", need::required}, {"stop_id", need::required}};
    if (auto t = open_table("stop_areas.txt", false, kCols)) {
      std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
      while (t->next()) {
        auto const a = t->ref(area, area_map, "dangling_area_id", "areas.txt");
        auto const s = t->ref(stop, stop_map, "dangling_stop_id", "stops.txt");
        if (a == kNone || s == kNone) continue;
        if (!seen.emplace(s, a).second) {
          t->problem(severity::warning, "duplicate_key", "stop_id", "stop already in this area; row ignored");
          continue;
        }
        f.stop_areas.emplace_back(s, a);
      }
      t->finish();
    }
  }

  // ---- networks.txt, route_networks.txt (routes.txt network_id made networks already)
  {
    enum { id, name };
    static constexpr column kCols[] = {{"network_id", need::required}, {"network_name"}};
    if (auto t = open_table("networks.txt", false, kCols)) {
      std::set<std::string, std::less<>> seen;
      while (t->next()) {
        auto const nid = t->text(id);
        if (nid.empty()) {
          t->problem(severity::error, "missing_required_field", "network_id", "network_id is empty; row skipped");
          continue;
        }
        if (!seen.emplace(nid).second) {
          t->problem(severity::error, "duplicate_id", "network_id", "duplicate network_id '" + std::string{nid} + "'; row skipped");
          continue;
        }
        auto const before = f.network_ids.size();
        auto const n = group_index(*this, network_map, f.network_ids, nid);
        if (f.network_ids.size() != before) f.network_names.emplace_back();
        f.network_names[n] = t->raw(name);
      }
      t->finish();
    }
  }
  {
    enum { network, route };
    static constexpr column kCols[] = {{"network_id", need::required}, {"route_id", need::required}};
    if (auto t = open_table("route_networks.txt", false, kCols)) {
      while (t->next()) {
        auto const n = t->ref(network, network_map, "dangling_network_id", "networks.txt");
        auto const l = t->ref(route, route_map, "dangling_route_id", "routes.txt");
        if (n == kNone || l == kNone) continue;
        if (f.line_network[l] != kNoIndex) {
          t->problem(severity::error, "duplicate_key", "route_id",
                     "route already belongs to network '" + f.network_ids[f.line_network[l]] + "'; row ignored");
          continue;
        }
        f.line_network[l] = n;
      }
      t->finish();
    }
  }

  // ---- timeframes.txt
  {
    enum { group, start, end, service };
    static constexpr column kCols[] = {
        {"timeframe_group_id", need::required}, {"start_time"}, {"end_time"}, {"service_id", need::required}};
    if (auto t = open_table("timeframes.txt", false, kCols)) {
      while (t->next()) {
        auto const gid = t->text(group);
        if (gid.empty()) {
          t->problem(severity::error, "missing_required_field", "timeframe_group_id",
                     "timeframe_group_id is empty; row skipped");
          continue;
        }
        auto const sv = t->ref(service, service_map, "dangling_service_id", "calendar.txt or calendar_dates.txt");
        if (sv == kNone) continue;
        gtfs_timeframe tf{0, 0, 86400, sv};
        auto const ps = parse_time(t->raw(start), tf.start);
        auto const pe = parse_time(t->raw(end), tf.end);
        if (ps == parsed::bad || (ps == parsed::ok && tf.start >= 86400)) {
          t->problem(severity::error, "invalid_time", "start_time",
                     "start_time '" + std::string{t->raw(start)} + "' is not a time of day before 24:00:00; row skipped");
          continue;
        }
        if (pe == parsed::bad || (pe == parsed::ok && tf.end > 86400)) {
          t->problem(severity::error, "invalid_time", "end_time",
                     "end_time '" + std::string{t->raw(end)} + "' is not a time of day up to 24:00:00; row skipped");
          continue;
        }
        if ((ps == parsed::empty) != (pe == parsed::empty)) {
          t->problem(severity::error, "missing_required_field", ps == parsed::empty ? "start_time" : "end_time",
                     "start_time and end_time go together; row skipped");
          continue;
        }
        if (ps == parsed::empty) tf.start = 0, tf.end = 86400;
        if (tf.end <= tf.start) {
          t->problem(severity::error, "invalid_value", "end_time", "end_time is not after start_time; row skipped");
          continue;
        }
        tf.group = group_index(*this, tf_group_map, f.timeframe_group_ids, gid);
        f.timeframes.push_back(tf);
      }
      t->finish();
    }
  }

  // ---- fare_leg_rules.txt
  {
    enum { group, network, from_area, to_area, from_tf, to_tf, product, priority };
    static constexpr column kCols[] = {{"leg_group_id"},
                                       {"network_id"},
                                       {"from_area_id"},
                                       {"to_area_id"},
                                       {"from_timeframe_group_id"},
                                       {"to_timeframe_group_id"},
                                       {"fare_product_id", need::required},
                                       {"rule_priority"}};
    if (auto t = open_table("fare_leg_rules.txt", false, kCols)) {
      if (t->has(priority)) f.leg_rules_have_priority = true;
      while (t->next()) {
        fare_leg_rule r{};
        bool ok = optional_ref(*t, network, network_map, "dangling_network_id",
                               "networks.txt or routes.txt network_id", r.network);
        ok &= optional_ref(*t, from_area, area_map, "dangling_area_id", "areas.txt", r.from_area);
        ok &= optional_ref(*t, to_area, area_map, "dangling_area_id", "areas.txt", r.to_area);
        ok &= optional_ref(*t, from_tf, tf_group_map, "dangling_timeframe_group_id", "timeframes.txt", r.from_timeframe);
        ok &= optional_ref(*t, to_tf, tf_group_map, "dangling_timeframe_group_id", "timeframes.txt", r.to_timeframe);
        r.product = t->ref(product, product_map, "dangling_fare_product_id", "fare_products.txt");
        if (!ok || r.product == kNone) continue;
        std::int64_t prio = 0;
        if (auto const pp = t->integer(priority, prio); pp == parsed::bad || prio < 0 || prio > 1'000'000) {
          t->problem(severity::error, "invalid_value", "rule_priority",
                     "rule_priority '" + std::string{t->raw(priority)} + "' is not a non-negative integer; row skipped");
          continue;
        }
        r.priority = static_cast<std::int32_t>(prio);
        auto const gid = t->text(group);
        r.leg_group = gid.empty() ? kNoIndex : group_index(*this, leg_group_map, f.leg_group_ids, gid);
        f.leg_rules.push_back(r);
      }
      t->finish();
    }
  }

  // ---- fare_transfer_rules.txt
  {
    enum { from_group, to_group, count, dur_limit, limit_type, type, product };
    static constexpr column kCols[] = {{"from_leg_group_id"}, {"to_leg_group_id"},
                                       {"transfer_count"},    {"duration_limit"},
                                       {"duration_limit_type"}, {"fare_transfer_type", need::required},
                                       {"fare_product_id"}};
    if (auto t = open_table("fare_transfer_rules.txt", false, kCols)) {
      while (t->next()) {
        fare_transfer_rule r{};
        bool ok = optional_ref(*t, from_group, leg_group_map, "dangling_leg_group_id", "fare_leg_rules.txt", r.from_group);
        ok &= optional_ref(*t, to_group, leg_group_map, "dangling_leg_group_id", "fare_leg_rules.txt", r.to_group);
        ok &= optional_ref(*t, product, product_map, "dangling_fare_product_id", "fare_products.txt", r.product);
        if (!ok) continue;
        std::int64_t v = 0;
        auto const pc = t->integer(count, v);
        bool const same = r.from_group == r.to_group;
        if (pc == parsed::bad || (pc == parsed::ok && (v == 0 || v < -1 || v > 1000))) {
          t->problem(severity::error, "invalid_value", "transfer_count",
                     "transfer_count '" + std::string{t->raw(count)} + "' is not -1 or a positive integer; row skipped");
          continue;
        }
        if (pc == parsed::ok && !same) {
          t->problem(severity::error, "invalid_value", "transfer_count",
                     "transfer_count is only allowed when from_leg_group_id equals to_leg_group_id; row skipped");
          continue;
        }
        if (pc == parsed::empty && same) {
          t->problem(severity::error, "missing_required_field", "transfer_count",
                     "transfer_count is required when from_leg_group_id equals to_leg_group_id; row skipped");
          continue;
        }
        r.transfer_count = pc == parsed::ok ? static_cast<std::int32_t>(v) : 0;
        r.duration_limit = -1;
        auto const pl = t->integer(dur_limit, v);
        if (pl == parsed::bad || (pl == parsed::ok && (v <= 0 || v > 7 * 86400))) {
          t->problem(severity::error, "invalid_value", "duration_limit",
                     "duration_limit '" + std::string{t->raw(dur_limit)} + "' is not a positive number of seconds; row skipped");
          continue;
        }
        if (pl == parsed::ok) r.duration_limit = static_cast<std::int32_t>(v);
        auto const pt = t->integer(limit_type, v);
        if (pl == parsed::ok && pt == parsed::empty) {
          t->problem(severity::error, "missing_required_field", "duration_limit_type",
                     "duration_limit_type is required with duration_limit; row skipped");
          continue;
        }
        if (pt == parsed::bad || (pt == parsed::ok && (v < 0 || v > 3))) {
          t->problem(severity::error, "invalid_value", "duration_limit_type",
                     "duration_limit_type '" + std::string{t->raw(limit_type)} + "' is not 0..3; row skipped");
          continue;
        }
        if (pt == parsed::ok && pl == parsed::empty) {
          t->problem(severity::warning, "invalid_value", "duration_limit_type",
                     "duration_limit_type without duration_limit; ignored");
        }
        r.duration_type = pt == parsed::ok && pl == parsed::ok ? static_cast<std::uint8_t>(v) : 0;
        auto const py = t->integer(type, v);
        if (py != parsed::ok || v < 0 || v > 2) {
          t->problem(severity::error, py == parsed::empty ? "missing_required_field" : "invalid_value", "fare_transfer_type",
                     "fare_transfer_type '" + std::string{t->raw(type)} + "' is not 0, 1 or 2; row skipped");
          continue;
        }
        r.transfer_type = static_cast<std::uint8_t>(v);
        f.transfer_rules.push_back(r);
      }
      t->finish();
    }
  }
}

}  // namespace kwartier::transit::gtfs
