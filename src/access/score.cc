// access::score: walk and bike by multi-source reverse searches per category, transit by per-stop departure
// profiles (see kwartier/access/score.h and docs/access.md).
#include "kwartier/access/score.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "access/street_side.h"
#include "access/transit.h"
#include "kwartier/street/query.h"

namespace kwartier::access {

using street::kUnreached;

std::string_view mode_name(mode m) {
  switch (m) {
    case mode::walk: return "walk";
    case mode::bike: return "bike";
    case mode::transit: return "transit";
  }
  return "unknown";
}

result<std::vector<mode>> parse_modes(std::string_view spec) {
  std::vector<mode> out;
  std::size_t pos = 0;
  while (pos <= spec.size()) {
    auto const end = std::min(spec.find(',', pos), spec.size());
    auto item = spec.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    mode m;
    if (item == "walk")
      m = mode::walk;
    else if (item == "bike")
      m = mode::bike;
    else if (item == "transit")
      m = mode::transit;
    else
      return make_error(errc::invalid_argument,
                        "unknown mode \"" + std::string(item) + "\" (walk, bike or transit)", {}, 0, "modes");
    if (std::find(out.begin(), out.end(), m) != out.end())
      return make_error(errc::invalid_argument, "mode " + std::string(item) + " named twice", {}, 0, "modes");
    out.push_back(m);
    pos = end + 1;
  }
  return out;
}

namespace detail {

void parallel_for(std::size_t n, unsigned threads, std::function<void(std::size_t, unsigned)> const& f) {
  unsigned const t = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned id) {
    for (std::size_t i = next++; i < n; i = next++) f(i, id);
  };
  if (t == 1) {
    work(0);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < t; ++i) pool.emplace_back(work, i);
  work(0);
  for (auto& th : pool) th.join();
}

}  // namespace detail

namespace {

std::uint32_t connector_ds(network::network const& net, double dist_m) {
  return street::travel_ds(dist_m, net.graph().stats_.walk_speed_mps);
}

std::string poi_where(poi::poi_view const& pois, std::size_t i) {
  auto const& r = pois.records[i];
  switch (r.kind) {
    case poi::source_kind::user: return "line " + std::to_string(r.source_id);
    case poi::source_kind::node: return "OSM node " + std::to_string(r.source_id);
    case poi::source_kind::entrance: return "an entrance of OSM area " + std::to_string(r.source_id);
    case poi::source_kind::centroid:
      return pois.source == "osm" ? "OSM area " + std::to_string(r.source_id)
                                  : "feature " + std::to_string(r.source_id - 1);
    case poi::source_kind::way: return "OSM way " + std::to_string(r.source_id);
  }
  return {};
}

}  // namespace

namespace detail {

status prepare_street(network::network const& net, poi::poi_view const& pois, origins const& o, options const& opt,
                      street::mode m, street_side& side, validation_report& report) {
  auto const& g = net.graph();
  side.m = m;
  side.cats.assign(pois.n_categories(), {});
  std::size_t too_far = 0;
  for (std::size_t i = 0; i < pois.size(); ++i) {
    auto const& r = pois.records[i];
    auto s = net.snapper().snap({r.lat, r.lon}, m, opt.max_snap_m);
    if (!s) {
      ++too_far;
      if (m == street::mode::walk)
        report.add(severity::warning, "poi_off_network", pois.source == "osm" ? std::string("osm") : std::string(pois.source),
                   r.kind == poi::source_kind::user ? static_cast<std::uint32_t>(r.source_id) : 0U,
                   pois.source == "osm" ? "osm_id" : "lat,lon",
                   std::string(pois.category_names[r.category]) + " POI (" + poi_where(pois, i) + ", " +
                       std::to_string(r.lat) + ", " + std::to_string(r.lon) + ") is more than " +
                       std::to_string(static_cast<int>(opt.max_snap_m)) + " m from a walkable street; left out");
      continue;
    }
    auto const conn = connector_ds(net, s->dist_m);
    auto& c = side.cats[r.category];
    for (auto sd : street::seeds_to(g, *s, m)) {
      sd.time_ds += conn;
      c.seeds.push_back(sd);
    }
    c.on_chain[s->chain.v()].emplace_back(*s, conn);
    ++c.n;
  }
  if (too_far > 0 && m == street::mode::bike)
    report.add(severity::info, "poi_off_bike_network", std::string(pois.source), 0, {},
               std::to_string(too_far) + " POIs are more than " + std::to_string(static_cast<int>(opt.max_snap_m)) +
                   " m from a street open to bikes; left out of the bike scores");
  // Origins.
  side.origin_snap.assign(o.size(), {});
  side.origin_conn.assign(o.size(), 0);
  std::size_t off = 0;
  std::string first_off;
  for (std::size_t i = 0; i < o.size(); ++i) {
    // A street node the mode can use starts there; any other origin (a point, or a node of a footway the bike
    // may not use) goes to the nearest street open to the mode, as a point at that place would.
    if (o.node[i] != kNoNode && g.node_in(street::node_idx_t{o.node[i]}, m)) continue;
    auto s = net.snapper().snap(o.pos[i], m, opt.max_snap_m);
    if (!s) {
      if (off++ == 0) first_off = o.ids[i];
      continue;
    }
    side.origin_snap[i] = *s;
    side.origin_conn[i] = connector_ds(net, s->dist_m);
  }
  if (off > 0)
    report.add(severity::warning, m == street::mode::walk ? "origin_off_network" : "origin_off_bike_network", o.source,
               0, {},
               std::to_string(off) + " origins (first: " + first_off + ") are more than " +
                   std::to_string(static_cast<int>(opt.max_snap_m)) + " m from a street " +
                   (m == street::mode::walk ? "one can walk" : "open to bikes") + "; they reach nothing in " +
                   std::string(street::mode_name(m)) + " mode");
  return {};
}

// Decisecond time from origin i, given the reverse search times towards category c's POIs.
std::uint32_t origin_ds(network::network const& net, origins const& o, street_side const& side,
                        street_side::cat const& c, std::span<std::uint32_t const> rev, std::size_t i) {
  auto const& g = net.graph();
  if (o.node[i] != kNoNode && g.node_in(street::node_idx_t{o.node[i]}, side.m)) return rev[o.node[i]];
  auto const& s = side.origin_snap[i];
  if (!s.chain.valid()) return kUnreached;
  std::uint64_t best = street::time_from(g, s, side.m, rev);
  if (auto const it = c.on_chain.find(s.chain.v()); it != c.on_chain.end())
    for (auto const& [ps, conn] : it->second) {
      auto const t = street::along_chain(g, s, ps, side.m);
      if (t != kUnreached) best = std::min<std::uint64_t>(best, std::uint64_t{t} + conn);
    }
  if (best >= kUnreached) return kUnreached;
  return static_cast<std::uint32_t>(best + side.origin_conn[i]);
}

// Decisecond time from stop q (its link point, plus the walk from the stop to it) to the category's POIs.
std::uint32_t stop_ds(network::network const& net, street_side const& side, street_side::cat const& c,
                      std::span<std::uint32_t const> rev, transit::stop_idx_t q) {
  auto const ss = net.stop_snap(q);
  if (!ss) return kUnreached;
  auto const& g = net.graph();
  std::uint64_t best = street::time_from(g, *ss, side.m, rev);
  if (auto const it = c.on_chain.find(ss->chain.v()); it != c.on_chain.end())
    for (auto const& [ps, conn] : it->second) {
      auto const t = street::along_chain(g, *ss, ps, side.m);
      if (t != kUnreached) best = std::min<std::uint64_t>(best, std::uint64_t{t} + conn);
    }
  if (best >= kUnreached) return kUnreached;
  return static_cast<std::uint32_t>(best + connector_ds(net, ss->dist_m));
}

}  // namespace detail

result<scores> score(network::network const& net, poi::poi_view const& pois, origins const& o, options const& opt) {
  using namespace detail;
  if (opt.modes.empty()) return make_error(errc::invalid_argument, "no mode asked for", {}, 0, "modes");
  for (std::size_t i = 0; i < opt.modes.size(); ++i) {
    if (static_cast<std::uint8_t>(opt.modes[i]) > 2)
      return make_error(errc::invalid_argument, "unknown mode", {}, 0, "modes");
    for (std::size_t j = 0; j < i; ++j)
      if (opt.modes[i] == opt.modes[j])
        return make_error(errc::invalid_argument, "mode " + std::string(mode_name(opt.modes[i])) + " named twice", {},
                          0, "modes");
  }
  if (!std::isfinite(opt.minutes) || !(opt.minutes > 0.0))
    return make_error(errc::invalid_argument,
                      "the threshold must be more than 0 minutes (got " + std::to_string(opt.minutes) + ")", {}, 0,
                      "minutes");
  if (!std::isfinite(opt.max_minutes) || opt.max_minutes < opt.minutes || opt.max_minutes > 1440.0)
    return make_error(errc::invalid_argument,
                      "max_minutes must be between the threshold (" + std::to_string(opt.minutes) +
                          ") and 1440 (got " + std::to_string(opt.max_minutes) + ")",
                      {}, 0, "max_minutes");
  if (!(opt.max_snap_m >= 0.0) || !std::isfinite(opt.max_snap_m))
    return make_error(errc::invalid_argument, "max_snap_m must be a finite number >= 0", {}, 0, "max_snap_m");
  if (!std::isfinite(opt.window_minutes) || opt.window_minutes < 0.0 || opt.window_minutes > 1440.0)
    return make_error(errc::invalid_argument, "window_minutes must be between 0 and 1440", {}, 0, "window_minutes");
  if (!std::isfinite(opt.percentile) || opt.percentile < 1.0 || opt.percentile > 100.0)
    return make_error(errc::invalid_argument, "percentile must be between 1 and 100", {}, 0, "percentile");
  if (pois.size() == 0 || pois.n_categories() == 0)
    return make_error(errc::invalid_argument,
                      "the POI set is empty" + (pois.source.empty() ? std::string{} : " (" + std::string(pois.source) + ")"),
                      std::string(pois.source), 0, "pois");
  if (o.size() == 0) return make_error(errc::invalid_argument, "no origin to score", o.source, 0, "origins");
  if (o.node.size() != o.size() || o.weight.size() != o.size() || o.ids.size() != o.size())
    return make_error(errc::invalid_argument, "origin arrays differ in length", {}, 0, "origins");
  for (auto const v : o.node)
    if (v != kNoNode && v >= net.graph().n_nodes())
      return make_error(errc::invalid_argument, "origin names a street node out of range", {}, 0, "origins");
  if (net.access_model() != network::access_model::streets || net.graph().n_nodes() == 0)
    return make_error(errc::unsupported, "access scores need a network with streets (built with OSM)", {}, 0, "network");
  bool const want_transit = std::find(opt.modes.begin(), opt.modes.end(), mode::transit) != opt.modes.end();
  if (want_transit && !net.has_timetable())
    return make_error(errc::unsupported, "transit mode needs a network built with GTFS", {}, 0, "modes");

  auto progress = [&](std::string_view stage, double f) {
    if (opt.progress) opt.progress(stage, f);
  };
  unsigned const threads = opt.threads != 0 ? opt.threads : std::max(1U, std::thread::hardware_concurrency());

  scores s;
  s.modes = opt.modes;
  s.n_origins = o.size();
  s.threshold_s = static_cast<routing::seconds_t>(std::llround(opt.minutes * 60.0));
  s.max_s = static_cast<routing::seconds_t>(std::llround(opt.max_minutes * 60.0));
  if (s.threshold_s <= 0)
    return make_error(errc::invalid_argument, "the threshold rounds to 0 seconds", {}, 0, "minutes");
  auto const nc = pois.n_categories();
  for (std::size_t c = 0; c < nc; ++c) {
    s.categories.emplace_back(pois.category_names[c]);
    s.weights.push_back(c < pois.category_weights.size() ? pois.category_weights[c] : 1.0);
  }
  s.window_minutes = opt.window_minutes;
  s.percentile = opt.percentile;

  // Transit first resolves its date, so that a bad date fails before any work.
  transit_plan plan;
  if (want_transit) {
    KW_TRY(plan, plan_transit(net, opt, s.report));
    s.date = plan.date;
    s.time = plan.time;
    s.default_date = plan.default_date;
  }

  // Street sides: walk (also needed by transit: the direct walk and the egress walks) and bike.
  bool const want_walk = want_transit || std::find(opt.modes.begin(), opt.modes.end(), mode::walk) != opt.modes.end();
  bool const want_bike = std::find(opt.modes.begin(), opt.modes.end(), mode::bike) != opt.modes.end();
  progress("snapping POIs and origins", 0.0);
  street_side walk, bike;
  if (want_walk) KW_TRY_VOID(prepare_street(net, pois, o, opt, street::mode::walk, walk, s.report));
  if (want_bike) KW_TRY_VOID(prepare_street(net, pois, o, opt, street::mode::bike, bike, s.report));
  auto const& counts_side = want_walk ? walk : bike;
  for (std::size_t c = 0; c < nc; ++c) {
    s.poi_counts.push_back(counts_side.cats[c].n);
    if (counts_side.cats[c].n == 0)
      s.report.add(severity::warning, "empty_category", std::string(pois.source), 0, "category",
                   "category " + s.categories[c] + " has no POI on the network: nobody reaches it");
  }

  auto const cap_ds = street::seconds_to_ds(s.max_s);
  std::vector<routing::seconds_t> walk_s(want_walk ? nc * o.size() : 0, routing::kUnreachable);
  std::vector<routing::seconds_t> bike_s(want_bike ? nc * o.size() : 0, routing::kUnreachable);
  // Egress: seconds from each stop to each category on foot ([c * n_stops + stop]).
  std::size_t const n_stops = want_transit ? net.n_stops() : 0;
  std::vector<routing::seconds_t> egress(nc * n_stops, routing::kUnreachable);

  struct task {
    street_side const* side;
    std::size_t c;
    std::vector<routing::seconds_t>* out;
    bool egress;
  };
  std::vector<task> tasks;
  for (std::size_t c = 0; c < nc; ++c) {
    if (want_walk) tasks.push_back({&walk, c, &walk_s, want_transit});
    if (want_bike) tasks.push_back({&bike, c, &bike_s, false});
  }
  std::vector<street::query_state> qs(threads);
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  parallel_for(tasks.size(), threads, [&](std::size_t ti, unsigned tid) {
    auto const& t = tasks[ti];
    auto const& cat = t.side->cats[t.c];
    auto& q = qs[tid];
    if (!cat.seeds.empty()) {
      street::dijkstra(net.graph(), t.side->m, cat.seeds, cap_ds, q, true);
      auto const rev = q.times();
      auto* out = t.out->data() + t.c * o.size();
      for (std::size_t i = 0; i < o.size(); ++i) {
        auto const ds = origin_ds(net, o, *t.side, cat, rev, i);
        out[i] = ds <= cap_ds ? street::ds_to_seconds(ds) : routing::kUnreachable;
      }
      if (t.egress)
        for (std::size_t st = 0; st < n_stops; ++st) {
          auto const ds = stop_ds(net, *t.side, cat, rev, transit::stop_idx_t::from(st));
          egress[t.c * n_stops + st] = ds <= cap_ds ? street::ds_to_seconds(ds) : routing::kUnreachable;
        }
    }
    auto const d = ++done;
    if (opt.progress) {
      std::lock_guard lock{progress_mutex};
      progress("street searches", static_cast<double>(d) / static_cast<double>(tasks.size()));
    }
  });

  std::vector<routing::seconds_t> transit_s;
  if (want_transit) {
    KW_TRY(transit_s, score_transit(net, o, opt, plan, walk, walk_s, egress, nc, s.max_s, threads, progress));
  }

  // Assemble.
  s.seconds.assign(s.modes.size() * nc * o.size(), routing::kUnreachable);
  for (std::size_t mi = 0; mi < s.modes.size(); ++mi) {
    auto const& src = s.modes[mi] == mode::walk ? walk_s : s.modes[mi] == mode::bike ? bike_s : transit_s;
    std::copy(src.begin(), src.end(), s.seconds.begin() + static_cast<std::ptrdiff_t>(mi * nc * o.size()));
  }
  double total_w = 0.0;
  for (auto const w : s.weights) total_w += w;
  s.reached.assign(s.modes.size() * o.size(), 0);
  s.share.assign(s.modes.size() * o.size(), 0.0F);
  s.share_any.assign(o.size(), 0.0F);
  std::vector<char> any(nc);
  for (std::size_t i = 0; i < o.size(); ++i) {
    std::fill(any.begin(), any.end(), 0);
    for (std::size_t mi = 0; mi < s.modes.size(); ++mi) {
      double w = 0.0;
      std::uint8_t n = 0;
      for (std::size_t c = 0; c < nc; ++c)
        if (s.at(mi, c, i) <= s.threshold_s) {
          w += s.weights[c];
          ++n;
          any[c] = 1;
        }
      s.reached[mi * o.size() + i] = n;
      s.share[mi * o.size() + i] = static_cast<float>(w / total_w);
    }
    double w = 0.0;
    for (std::size_t c = 0; c < nc; ++c)
      if (any[c]) w += s.weights[c];
    s.share_any[i] = static_cast<float>(w / total_w);
  }
  progress("scoring", 1.0);
  return s;
}

namespace {
// Weighted median of (value, weight) pairs (lower median), kUnreachable for unreachable values.
double weighted_median(std::vector<std::pair<double, double>>& v) {
  if (v.empty()) return routing::kUnreachable;
  std::sort(v.begin(), v.end());
  double total = 0.0;
  for (auto const& p : v) total += p.second;
  if (total <= 0.0) return v[(v.size() - 1) / 2].first;
  double acc = 0.0;
  for (auto const& p : v) {
    acc += p.second;
    if (acc >= total / 2.0) return p.first;
  }
  return v.back().first;
}
}  // namespace

area_summary summarize(scores const& s, origins const& o, std::vector<std::int32_t> const& area_of,
                       std::vector<std::string> const& names) {
  area_summary a;
  a.names = names;
  auto const na = names.size(), nm = s.modes.size(), nc = s.n_categories();
  a.n_modes = nm;
  a.n_categories = nc;
  a.n_origins.assign(na, 0);
  a.weight.assign(na, 0.0);
  a.reached.assign(na * nm * nc, 0.0);
  a.median_s.assign(na * nm * nc, routing::kUnreachable);
  a.share.assign(na * nm, 0.0);
  a.share_any.assign(na, 0.0);
  std::vector<std::vector<std::size_t>> members(na);
  for (std::size_t i = 0; i < o.size() && i < area_of.size(); ++i)
    if (area_of[i] >= 0 && static_cast<std::size_t>(area_of[i]) < na) members[static_cast<std::size_t>(area_of[i])].push_back(i);
  std::vector<std::pair<double, double>> vals;
  for (std::size_t ai = 0; ai < na; ++ai) {
    auto const& m = members[ai];
    a.n_origins[ai] = m.size();
    double wsum = 0.0;
    for (auto const i : m) wsum += o.weight[i];
    a.weight[ai] = wsum;
    // Weights all zero (no population): count origins instead.
    auto w_of = [&](std::size_t i) { return wsum > 0.0 ? o.weight[i] : 1.0; };
    double const denom = wsum > 0.0 ? wsum : static_cast<double>(m.size());
    if (m.empty()) continue;
    for (std::size_t mi = 0; mi < nm; ++mi) {
      double sh = 0.0;
      for (auto const i : m) sh += w_of(i) * s.share[mi * o.size() + i];
      a.share[ai * nm + mi] = sh / denom;
      for (std::size_t c = 0; c < nc; ++c) {
        double r = 0.0;
        vals.clear();
        for (auto const i : m) {
          auto const t = s.at(mi, c, i);
          if (t <= s.threshold_s) r += w_of(i);
          vals.emplace_back(t == routing::kUnreachable ? routing::kUnreachable : static_cast<double>(t), w_of(i));
        }
        a.reached[(ai * nm + mi) * nc + c] = r / denom;
        a.median_s[(ai * nm + mi) * nc + c] = weighted_median(vals);
      }
    }
    double sa = 0.0;
    for (auto const i : m) sa += w_of(i) * s.share_any[i];
    a.share_any[ai] = sa / denom;
  }
  return a;
}

area_summary summarize_all(scores const& s, origins const& o) {
  return summarize(s, o, std::vector<std::int32_t>(o.size(), 0), {"all"});
}

}  // namespace kwartier::access
