// transit::price_legs: GTFS fares v1 and v2 over a journey's rides (the rules are in transit/fares.h).
#include "kwartier/transit/fares.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace kwartier::transit {
namespace {

// A ride resolved against the timetable.
struct ride {
  std::uint32_t line = 0, agency = 0, feed = 0;
  std::uint32_t from_zone = kNoIndex, to_zone = kNoIndex;
  std::vector<std::uint32_t> zones;  // zones of every stop ridden past, boarding and alighting included
  std::int64_t dep = 0, arr = 0;     // seconds on a common axis (day * 86,400 + seconds)
};

result<std::vector<ride>> resolve(timetable_view const& tt, std::span<fare_leg const> legs) {
  std::vector<ride> out;
  for (std::size_t i = 0; i < legs.size(); ++i) {
    auto const& l = legs[i];
    if (!l.route.valid() || l.route.v() >= tt.n_routes())
      return make_error(errc::invalid_argument, "fare leg " + std::to_string(i) + ": no such route", {}, 0, "route");
    auto const stops = tt.route_stops(l.route);
    std::size_t a = stops.size(), b = stops.size();
    for (std::size_t p = 0; p < stops.size() && a == stops.size(); ++p)
      if (stops[p] == l.from.v()) a = p;
    for (std::size_t p = a == stops.size() ? stops.size() : a + 1; p < stops.size() && b == stops.size(); ++p)
      if (stops[p] == l.to.v()) b = p;
    if (a == stops.size() || b == stops.size())
      return make_error(errc::invalid_argument,
                        "fare leg " + std::to_string(i) + ": the stops are not on the route in this order", {}, 0,
                        "from");
    ride r;
    auto const line = tt.route_line(l.route);
    r.line = line.v();
    r.agency = tt.line_agency(line).v();
    r.feed = r.agency < tt.agency_feed_.size() ? tt.agency_feed_[r.agency] : 0;
    for (auto p = a; p <= b; ++p) {
      auto const z = stops[p] < tt.stop_zone_.size() ? tt.stop_zone_[stops[p]] : kNoIndex;
      if (p == a) r.from_zone = z;
      if (p == b) r.to_zone = z;
      if (z != kNoIndex && std::find(r.zones.begin(), r.zones.end(), z) == r.zones.end()) r.zones.push_back(z);
    }
    std::sort(r.zones.begin(), r.zones.end());
    r.dep = std::int64_t{l.departure.day} * 86400 + l.departure.seconds;
    r.arr = std::int64_t{l.arrival.day} * 86400 + l.arrival.seconds;
    out.push_back(std::move(r));
  }
  return out;
}

// ---- v1

struct fare_rule_set {
  bool any_rule = false;
  std::set<std::uint32_t> lines;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> od;  // (origin, destination), kNoIndex = any
  std::set<std::uint32_t> contains;
};

// Does fare f cover rides [i, j]?
bool covers(timetable_view const& tt, fare_rule_set const& rs, std::uint32_t f, std::span<ride const> rides,
            std::size_t i, std::size_t j) {
  auto const& a = tt.fare_attributes_[f];
  for (auto k = i; k <= j; ++k) {
    if (rides[k].feed != a.feed) return false;
    if (a.agency != kNoIndex && rides[k].agency != a.agency) return false;
  }
  auto const transfers = static_cast<std::int64_t>(j - i);
  if (a.transfers >= 0 && transfers > a.transfers) return false;
  if (j > i && a.transfer_duration >= 0 && rides[j].arr - rides[i].dep > a.transfer_duration) return false;
  if (!rs.any_rule) return tt.fare_rules_.empty();  // without fare_rules.txt rows every fare applies
  if (!rs.lines.empty())
    for (auto k = i; k <= j; ++k)
      if (!rs.lines.contains(rides[k].line)) return false;
  if (!rs.od.empty()) {
    auto const o = rides[i].from_zone, d = rides[j].to_zone;
    bool ok = false;
    for (auto const& [ro, rd] : rs.od) ok = ok || ((ro == kNoIndex || ro == o) && (rd == kNoIndex || rd == d));
    if (!ok) return false;
  }
  if (!rs.contains.empty()) {
    std::set<std::uint32_t> zones;
    for (auto k = i; k <= j; ++k) zones.insert(rides[k].zones.begin(), rides[k].zones.end());
    if (zones != rs.contains) return false;
  }
  return true;
}

fare_v1_price price_v1(timetable_view const& tt, std::span<ride const> rides) {
  fare_v1_price out;
  auto const nf = tt.fare_attributes_.size();
  if (nf == 0 || rides.empty()) return out;
  std::vector<fare_rule_set> rs(nf);
  for (auto const& r : tt.fare_rules_) {
    auto& s = rs[r.fare];
    s.any_rule = true;
    if (r.line != kNoIndex) s.lines.insert(r.line);
    if (r.origin != kNoIndex || r.destination != kNoIndex) s.od.emplace_back(r.origin, r.destination);
    if (r.contains != kNoIndex) s.contains.insert(r.contains);
  }
  auto const n = rides.size();
  constexpr auto kInf = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> best(n + 1, kInf);
  std::vector<std::pair<std::size_t, std::uint32_t>> from(n + 1, {0, 0});  // (start of the last run, fare)
  best[0] = 0;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i <= j; ++i) {
      if (best[i] == kInf) continue;
      for (std::uint32_t f = 0; f < nf; ++f) {
        auto const p = tt.fare_attributes_[f].price;
        if (best[i] + p >= best[j + 1] || !covers(tt, rs[f], f, rides, i, j)) continue;
        best[j + 1] = best[i] + p;
        from[j + 1] = {i, f};
      }
    }
  if (best[n] == kInf) return out;
  out.complete = true;
  out.total = best[n];
  for (auto k = n; k > 0;) {
    auto const [i, f] = from[k];
    out.parts.push_back(fare_v1_part{i, k - 1, f, tt.fare_attributes_[f].price});
    k = i;
  }
  std::reverse(out.parts.begin(), out.parts.end());
  out.currency = tt.texts_[tt.fare_attributes_[out.parts.front().fare].currency];
  for (auto const& p : out.parts)
    if (tt.texts_[tt.fare_attributes_[p.fare].currency] != out.currency) out.currency = {};
  return out;
}

// ---- v2

// The timeframe groups seconds `t` of service day `day` is in (past 24:00: the next day's time of day).
std::vector<std::uint32_t> timeframe_groups(timetable_view const& tt, std::int32_t day, std::int32_t t) {
  auto const shift = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  day += shift;
  t -= shift * 86400;
  std::vector<std::uint32_t> out;
  for (auto const& tf : tt.timeframes_)
    if (tt.service_active(service_idx_t{tf.service}, day) && tf.start <= t && t < tf.end) out.push_back(tf.group);
  return out;
}

// Areas of a stop and of its parent station.
std::vector<std::uint32_t> areas_of(timetable_view const& tt, stop_idx_t s) {
  std::vector<std::uint32_t> out;
  for (auto const a : tt.stop_areas(s)) out.push_back(a);
  if (auto const p = tt.stop_parent(s); p.valid() && p.v() < tt.n_stops())
    for (auto const a : tt.stop_areas(p)) out.push_back(a);
  return out;
}

bool in(std::vector<std::uint32_t> const& v, std::uint32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

struct leg_match {
  std::uint32_t product = kNoIndex, group = kNoIndex;
};

// The leg rule of each ride. Without rule_priority the rules are filtered field by field (network, from area,
// to area, from timeframe, to timeframe): at each field, the remaining rules that name one of the ride's
// values if there are any, else those that leave the field empty; the first rule left (file order) wins.
// With rule_priority, a rule matches when each field is empty or names one of the ride's values; the highest
// priority wins (file order among equals).
std::vector<leg_match> match_legs(timetable_view const& tt, std::span<fare_leg const> legs) {
  auto const& rules = tt.fare_leg_rules_;
  bool const prio = tt.leg_rules_have_priority_ != 0;
  std::vector<leg_match> out(legs.size());
  using field = std::uint32_t fare_leg_rule::*;
  field const fields[] = {&fare_leg_rule::network, &fare_leg_rule::from_area, &fare_leg_rule::to_area,
                          &fare_leg_rule::from_timeframe, &fare_leg_rule::to_timeframe};
  for (std::size_t i = 0; i < legs.size(); ++i) {
    auto const& l = legs[i];
    auto const line = tt.route_line(l.route).v();
    std::vector<std::uint32_t> const values[] = {
        {line < tt.line_network_.size() ? tt.line_network_[line] : kNoIndex},
        areas_of(tt, l.from),
        areas_of(tt, l.to),
        timeframe_groups(tt, l.departure.day, l.departure.seconds),
        timeframe_groups(tt, l.arrival.day, l.arrival.seconds)};
    std::vector<std::uint32_t> left(rules.size());
    for (std::uint32_t k = 0; k < rules.size(); ++k) left[k] = k;
    if (prio) {
      std::erase_if(left, [&](std::uint32_t k) {
        for (std::size_t f = 0; f < 5; ++f)
          if (auto const v = rules[k].*fields[f]; v != kNoIndex && !in(values[f], v)) return true;
        return false;
      });
      std::stable_sort(left.begin(), left.end(),
                       [&](std::uint32_t a, std::uint32_t b) { return rules[a].priority > rules[b].priority; });
    } else {
      for (std::size_t f = 0; f < 5 && !left.empty(); ++f) {
        bool named = false;
        for (auto const k : left) named = named || (rules[k].*fields[f] != kNoIndex && in(values[f], rules[k].*fields[f]));
        std::erase_if(left, [&](std::uint32_t k) {
          auto const v = rules[k].*fields[f];
          return named ? (v == kNoIndex || !in(values[f], v)) : v != kNoIndex;
        });
      }
    }
    if (!left.empty()) out[i] = leg_match{rules[left.front()].product, rules[left.front()].leg_group};
  }
  return out;
}

// Seconds between the two ends a duration_limit_type measures, for a transfer from ride a to ride b.
std::int64_t measured(std::uint8_t type, fare_leg const& a, fare_leg const& b) {
  auto const at = [](service_time t) { return std::int64_t{t.day} * 86400 + t.seconds; };
  switch (type) {
    case 0: return at(b.arrival) - at(a.departure);    // departure of the current leg -> arrival of the next
    case 1: return at(b.departure) - at(a.departure);  // departure -> departure
    case 2: return at(b.departure) - at(a.arrival);    // arrival -> departure
    default: return at(b.arrival) - at(a.arrival);     // arrival -> arrival
  }
}

// The transfer rule for ride `i - 1` -> ride `i`, or kNoIndex. `count` = transfers already in the chain.
std::uint32_t transfer_rule(timetable_view const& tt, std::vector<leg_match> const& m, std::span<fare_leg const> legs,
                            std::size_t i, std::size_t chain_first, std::int32_t count) {
  auto const from = m[i - 1].group, to = m[i].group;
  auto const& rules = tt.fare_transfer_rules_;
  bool named_from = false, named_to = false;
  for (auto const& r : rules) {
    named_from = named_from || (r.from_group != kNoIndex && r.from_group == from);
    named_to = named_to || (r.to_group != kNoIndex && r.to_group == to);
  }
  for (std::uint32_t k = 0; k < rules.size(); ++k) {
    auto const& r = rules[k];
    if (r.from_group == kNoIndex ? named_from : r.from_group != from) continue;
    if (r.to_group == kNoIndex ? named_to : r.to_group != to) continue;
    if (r.from_group != kNoIndex && r.from_group == r.to_group && r.transfer_count >= 0 && count + 1 > r.transfer_count)
      continue;
    if (r.duration_limit >= 0 && measured(r.duration_type, legs[chain_first], legs[i]) > r.duration_limit) continue;
    return k;
  }
  return kNoIndex;
}

// A product's price for (category, medium): its row for both, else without medium, else without category,
// else without either; nullopt when none.
std::optional<std::pair<std::int64_t, std::uint32_t>> product_price(timetable_view const& tt, std::uint32_t product,
                                                                    std::uint32_t cat, std::uint32_t medium) {
  auto const rows = std::span{tt.fare_product_rows_.data(), tt.fare_product_rows_.size()};
  auto const lo = std::lower_bound(rows.begin(), rows.end(), product,
                                   [](fare_product_row const& r, std::uint32_t p) { return r.product < p; });
  for (auto const& [c, m] : {std::pair{cat, medium}, std::pair{cat, kNoIndex}, std::pair{kNoIndex, medium},
                             std::pair{kNoIndex, kNoIndex}})
    for (auto it = lo; it != rows.end() && it->product == product; ++it)
      if (it->rider_category == c && it->medium == m) return std::pair{it->amount, it->currency};
  return std::nullopt;
}

fare_v2_price price_v2(timetable_view const& tt, std::span<fare_leg const> legs) {
  fare_v2_price out;
  if (tt.fare_leg_rules_.empty() || legs.empty()) return out;
  auto const m = match_legs(tt, legs);
  out.complete = true;
  for (auto const& x : m) {
    out.leg_products.push_back(x.product);
    out.leg_groups.push_back(x.group);
    out.complete = out.complete && x.product != kNoIndex;
  }
  if (!out.complete) return out;
  // Transfers: chains of rides joined by transfer rules.
  out.transfers.assign(legs.size() - 1, kNoIndex);
  std::size_t chain_first = 0;
  std::int32_t count = 0;
  for (std::size_t i = 1; i < legs.size(); ++i) {
    auto const k = transfer_rule(tt, m, legs, i, chain_first, count);
    out.transfers[i - 1] = k;
    if (k == kNoIndex) {
      chain_first = i;
      count = 0;
    } else {
      ++count;
    }
  }
  // Every (rider category, medium) named by a row of the products involved.
  std::set<std::uint32_t> products(out.leg_products.begin(), out.leg_products.end());
  for (auto const k : out.transfers)
    if (k != kNoIndex && tt.fare_transfer_rules_[k].product != kNoIndex) products.insert(tt.fare_transfer_rules_[k].product);
  std::set<std::pair<std::uint32_t, std::uint32_t>> options;
  for (auto const& r : tt.fare_product_rows_)
    if (products.contains(r.product)) options.emplace(r.rider_category, r.medium);
  for (auto const& option : options) {
    auto const cat = option.first, medium = option.second;  // not a structured binding: captured below (clang 14)
    fare_v2_option o{cat, medium, 0, {}};
    bool ok = true, first_currency = true;
    auto add = [&](std::uint32_t product) -> std::int64_t {
      if (product == kNoIndex) return 0;
      auto const p = product_price(tt, product, cat, medium);
      if (!p) {
        ok = false;
        return 0;
      }
      auto const cur = tt.texts_[p->second];
      if (first_currency) o.currency = cur, first_currency = false;
      else if (o.currency != cur) o.currency = {};
      return p->first;
    };
    std::int64_t chain = 0;
    for (std::size_t i = 0; i < legs.size() && ok; ++i) {
      auto const k = i == 0 ? kNoIndex : out.transfers[i - 1];
      if (k == kNoIndex) {  // a new chain starts with this ride's product
        o.total += chain;
        chain = add(out.leg_products[i]);
        continue;
      }
      auto const& r = tt.fare_transfer_rules_[k];
      auto const xfer = add(r.product);
      switch (r.transfer_type) {
        case 0: chain += xfer; break;                                // A + AB
        case 1: chain += xfer + add(out.leg_products[i]); break;     // A + AB + B
        default: chain = xfer; break;                                // AB
      }
    }
    o.total += chain;
    if (ok) out.options.push_back(o);
  }
  return out;
}

}  // namespace

result<journey_price> price_legs(timetable_view const& tt, std::span<fare_leg const> legs) {
  KW_TRY(auto const rides, resolve(tt, legs));
  journey_price out;
  out.v1 = price_v1(tt, rides);
  out.v2 = price_v2(tt, legs);
  return out;
}

std::string format_amount(std::int64_t units) {
  bool const neg = units < 0;
  auto const u = neg ? -units : units;
  auto whole = std::to_string(u / kFareScale);
  auto frac = std::to_string(u % kFareScale + kFareScale).substr(1);  // 4 digits
  while (frac.size() > 2 && frac.back() == '0') frac.pop_back();
  return (neg ? "-" : "") + whole + "." + frac;
}

}  // namespace kwartier::transit
