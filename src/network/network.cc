#include "kwartier/network/network.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "kwartier/core/csr.h"

namespace kwartier::network {

namespace {
constexpr std::uint32_t kMeta = fourcc("NMta");
constexpr std::uint32_t kStopLinks = fourcc("NSl_");
constexpr std::uint32_t kFootpathOffsets = fourcc("NFo_");
constexpr std::uint32_t kFootpaths = fourcc("NFp_");

std::string const& schema() {
  static std::string const s = std::string(transit::kTimetableSchema) + std::string(street::kGraphSchema) +
                               "network.v1:NMta:meta(f64x2,u64x9);NSl_:u32,f32,f32,u32;NFo_:u32;NFp_:u32,i32,u8,pad3;";
  return s;
}

tl::unexpected<error> corrupt(dataset_file const& f, std::string const& what) {
  return make_error(errc::corrupt_dataset, "network: " + what, f.name());
}

// Street search per linked stop: every other linked stop within the walking bound.
struct footpath_builder {
  street::graph_view const& g;
  std::vector<stop_link> const& links;
  double walk_speed;
  std::uint32_t budget_ds;

  // Stops on each chain (CSR).
  std::vector<std::uint32_t> chain_stop_offsets, chain_stops;

  void index() {
    chain_stop_offsets.assign(g.n_chains() + 1, 0);
    for (auto const& l : links)
      if (l.chain != street::kNoEdge) ++chain_stop_offsets[l.chain + 1];
    for (std::size_t i = 1; i < chain_stop_offsets.size(); ++i) chain_stop_offsets[i] += chain_stop_offsets[i - 1];
    chain_stops.resize(chain_stop_offsets.back());
    auto pos = chain_stop_offsets;
    for (std::uint32_t s = 0; s < links.size(); ++s)
      if (links[s].chain != street::kNoEdge) chain_stops[pos[links[s].chain]++] = s;
  }

  static street::snap_result snap_of(stop_link const& l) {
    street::snap_result r;
    r.chain = street::chain_idx_t{l.chain};
    r.offset_m = l.offset_m;
    r.dist_m = l.dist_m;
    return r;
  }
  std::uint32_t link_ds(float dist_m) const { return street::travel_ds(dist_m, walk_speed); }

  // Appends (to, seconds) for stop `s`.
  void from_stop(std::uint32_t s, street::query_state& qs, std::vector<std::uint32_t>& seen_mark,
                 std::uint32_t stamp, std::vector<std::pair<std::uint32_t, std::int32_t>>& out) {
    auto const src = snap_of(links[s]);
    auto const src_link = link_ds(links[s].dist_m);
    if (src_link > budget_ds) return;
    auto const seeds = street::seeds_from(g, src, street::mode::walk);
    street::dijkstra(g, street::mode::walk, seeds, budget_ds - src_link, qs);
    auto visit_chain = [&](std::uint32_t c) {
      for (auto i = chain_stop_offsets[c]; i < chain_stop_offsets[c + 1]; ++i) {
        auto const t = chain_stops[i];
        if (t == s || seen_mark[t] == stamp) continue;
        seen_mark[t] = stamp;
        auto const street_ds = street::time_to(g, snap_of(links[t]), street::mode::walk, qs.times(), &src);
        if (street_ds == street::kUnreached) continue;
        std::uint64_t const total = std::uint64_t{street_ds} + src_link + link_ds(links[t].dist_m);
        if (total > budget_ds) continue;
        out.emplace_back(t, static_cast<std::int32_t>((total + 5) / 10));
      }
    };
    visit_chain(links[s].chain);
    for (auto const v : qs.reached()) {
      for (auto e = g.first_out_[v]; e < g.first_out_[v + 1]; ++e) visit_chain(g.edge_chain_[e]);
      for (auto i = g.rev_first_out_[v]; i < g.rev_first_out_[v + 1]; ++i) visit_chain(g.edge_chain_[g.rev_edge_[i]]);
    }
  }
};

}  // namespace

dataset_kind network_kind() { return dataset_kind{fourcc("KWNW"), schema()}; }

result<build_summary> build(std::vector<transit::feed_input> const& feeds, std::filesystem::path const& osm,
                            std::filesystem::path const& out, build_options const& opt) {
  if (!(opt.max_link_m >= 0.0) || !std::isfinite(opt.max_link_m))
    return make_error(errc::invalid_argument, "max_link_m must be a finite number >= 0", {}, 0, "max_link_m");
  if (!(opt.footpath_max_m >= 0.0) || !std::isfinite(opt.footpath_max_m))
    return make_error(errc::invalid_argument, "footpath_max_m must be a finite number >= 0", {}, 0,
                      "footpath_max_m");
  auto progress = [&](std::string_view stage, double f) {
    if (opt.progress) opt.progress(stage, f);
  };
  build_summary sum;
  std::optional<transit::timetable> tt;
  if (!feeds.empty()) {
    progress("loading GTFS", 0.0);
    KW_TRY(auto feed, transit::load_gtfs(feeds, opt.gtfs));
    sum.report.merge(feed.report);
    progress("building timetable", 0.0);
    KW_TRY(auto t, transit::build_timetable(feed));
    tt = std::move(t);
  }

  street::osm_options oo;
  oo.profile = opt.profile;
  oo.min_component_nodes = opt.min_component_nodes;
  std::vector<geo::segment> all_streets;
  if (!feeds.empty()) oo.all_highway_segments = &all_streets;
  oo.progress = opt.progress;
  KW_TRY(auto g, street::build_graph({osm}, oo, sum.report));
  auto const gv = street::view_of(g);

  // Stops -> streets.
  auto& meta = sum.meta;
  meta.max_link_m = opt.max_link_m;
  meta.footpath_max_m = opt.footpath_max_m;
  meta.has_timetable = tt ? 1 : 0;
  std::size_t const n_stops = tt ? tt->n_stops() : 0;
  meta.stops = n_stops;
  std::vector<stop_link> links(n_stops, stop_link{street::kNoEdge, 0.0F, 0.0F, 0});
  street::snapper snap{gv};
  geo::segment_index const coverage{std::move(all_streets)};
  for (std::size_t s = 0; s < n_stops; ++s) {
    if (s % 256 == 0) progress("linking stops", static_cast<double>(s) / static_cast<double>(n_stops));
    auto const p = tt->stop_pos(transit::stop_idx_t::from(s));
    if (coverage.nearest({p.lat, p.lon}, opt.max_link_m)) ++meta.stops_near_street;
    auto const r = snap.snap({p.lat, p.lon}, street::mode::walk, opt.max_link_m);
    if (!r) {
      ++meta.stops_unlinked;
      sum.report.add(severity::warning, "stop_unlinked", {}, 0, "stop_id",
                     "stop " + std::string(tt->stop_id(transit::stop_idx_t::from(s))) + " (" +
                         std::string(tt->stop_name(transit::stop_idx_t::from(s))) + "): " + r.error().message);
      continue;
    }
    ++meta.stops_linked;
    links[s] = stop_link{r->chain.v(), r->offset_m, r->dist_m, 0};
  }

  // Footpaths walked on the streets.
  std::vector<std::vector<std::pair<std::uint32_t, std::int32_t>>> paths(n_stops);
  {
    footpath_builder fb{gv, links, opt.profile.walk_speed_mps, street::travel_ds(opt.footpath_max_m, opt.profile.walk_speed_mps), {}, {}};
    fb.index();
    street::query_state qs;
    std::vector<std::uint32_t> seen(n_stops, 0);
    for (std::uint32_t s = 0; s < n_stops; ++s) {
      if (s % 256 == 0) progress("footpaths", static_cast<double>(s) / static_cast<double>(n_stops));
      if (links[s].chain == street::kNoEdge) continue;
      fb.from_stop(s, qs, seen, s + 1, paths[s]);
    }
  }
  // transfers.txt wins where present.
  std::vector<std::vector<footpath>> merged(n_stops);
  for (std::uint32_t s = 0; s < n_stops; ++s)
    for (auto const& [t, sec] : paths[s]) merged[s].push_back(footpath{t, sec, footpath_source::walked});
  if (tt) {
    for (auto const& tr : tt->transfers()) {
      auto const from = tr.from.v(), to = tr.to.v();
      if (from >= n_stops || to >= n_stops) continue;
      auto& list = merged[from];
      auto it = std::find_if(list.begin(), list.end(), [&](footpath const& f) { return f.to == to; });
      switch (tr.type) {
        case transit::transfer_type::not_possible:
          if (it != list.end()) list.erase(it);
          ++meta.transfers_forbidden;
          break;
        case transit::transfer_type::recommended:
        case transit::transfer_type::timed:
        case transit::transfer_type::min_time: {
          std::int32_t sec = tr.min_seconds;
          if (tr.type != transit::transfer_type::min_time && sec == 0 && it != list.end()) sec = it->seconds;
          if (it != list.end())
            *it = footpath{to, sec, footpath_source::gtfs};
          else
            list.push_back(footpath{to, sec, footpath_source::gtfs});
          break;
        }
        default:
          break;  // in-seat transfers are trip-to-trip, not footpaths
      }
    }
  }
  std::vector<std::uint32_t> fp_offsets{0};
  std::vector<footpath> fps;
  for (auto& list : merged) {
    std::sort(list.begin(), list.end(), [](footpath const& a, footpath const& b) { return a.to < b.to; });
    for (auto const& f : list) {
      ++(f.source == footpath_source::walked ? meta.footpaths_walked : meta.footpaths_from_gtfs);
      fps.push_back(f);
    }
    fp_offsets.push_back(static_cast<std::uint32_t>(fps.size()));
  }
  meta.footpaths = fps.size();

  progress("writing", 0.0);
  dataset_writer w{network_kind()};
  if (tt) transit::add_sections(*tt, w);
  street::add_sections(g, w);
  w.add<network_meta>(kMeta, std::span<network_meta const>{&meta, 1});
  w.add(kStopLinks, links);
  w.add(kFootpathOffsets, fp_offsets);
  w.add(kFootpaths, fps);
  KW_TRY_VOID(w.write(out));
  std::error_code ec;
  sum.file_bytes = std::filesystem::file_size(out, ec);
  sum.street = g.stats_;
  progress("writing", 1.0);
  return sum;
}

struct network::impl {
  dataset_file file_;
  street::graph_view graph_;
  transit::timetable_view tt_;
  network_meta meta_{};
  std::span<stop_link const> links_;
  std::span<std::uint32_t const> fp_offsets_;
  std::span<footpath const> fps_;
  std::unique_ptr<street::snapper> snapper_;
};

struct network_access {
  static result<network> make(result<dataset_file> f);
};

result<network> network::open(std::filesystem::path const& path, open_options const& opt) {
  return network_access::make(dataset_file::open(path, network_kind(), opt));
}

result<network> network::from_bytes(std::string_view bytes, open_options const& opt) {
  return network_access::make(dataset_file::from_bytes(bytes, network_kind(), opt));
}

result<network> network_access::make(result<dataset_file> f) {
  if (!f) return make_error(std::move(f).error());
  auto const& file = *f;
  auto m = std::make_shared<network::impl>();
  m->file_ = file;
  KW_TRY(m->graph_, street::read_sections(file));
  KW_TRY(auto meta, file.section<network_meta>(kMeta));
  if (meta.size() != 1) return corrupt(file, "meta section must hold one record");
  std::memcpy(&m->meta_, meta.data(), sizeof(network_meta));
  if (m->meta_.has_timetable > 1) return corrupt(file, "bad timetable flag");
  if (m->meta_.has_timetable) {
    KW_TRY(m->tt_, transit::read_sections(file));
  }
  std::size_t const n_stops = m->meta_.has_timetable ? m->tt_.n_stops() : 0;
  KW_TRY(m->links_, file.section<stop_link>(kStopLinks));
  KW_TRY(m->fp_offsets_, file.section<std::uint32_t>(kFootpathOffsets));
  KW_TRY(m->fps_, file.section<footpath>(kFootpaths));
  if (m->links_.size() != n_stops) return corrupt(file, "stop links do not match the stop count");
  for (auto const& l : m->links_) {
    if (l.chain == street::kNoEdge) continue;
    if (l.chain >= m->graph_.n_chains()) return corrupt(file, "stop link names a chain out of range");
    if (!std::isfinite(l.offset_m) || !std::isfinite(l.dist_m) || l.offset_m < 0.0F || l.dist_m < 0.0F)
      return corrupt(file, "stop link offset is not a finite non-negative number");
  }
  if (m->fp_offsets_.size() != n_stops + 1 || !csr_offsets_valid(m->fp_offsets_, m->fps_.size()))
    return corrupt(file, "footpath offsets are not monotone or do not match the stop count");
  for (auto const& fp : m->fps_)
    if (fp.to >= n_stops || fp.seconds < 0 || static_cast<std::uint8_t>(fp.source) > 1)
      return corrupt(file, "footpath names a stop out of range or has a negative duration");
  m->snapper_ = std::make_unique<street::snapper>(m->graph_);
  network n;
  n.impl_ = std::move(m);
  return n;
}

street::graph_view const& network::graph() const { return impl_->graph_; }
bool network::has_timetable() const { return impl_->meta_.has_timetable != 0; }
transit::timetable_view const& network::timetable() const { return impl_->tt_; }
network_meta const& network::meta() const { return impl_->meta_; }
std::size_t network::n_stops() const { return impl_->links_.size(); }
std::span<stop_link const> network::stop_links() const { return impl_->links_; }
std::span<footpath const> network::footpaths(transit::stop_idx_t from) const {
  auto const s = from.v();
  if (s + 1 >= impl_->fp_offsets_.size()) return {};
  return impl_->fps_.subspan(impl_->fp_offsets_[s], impl_->fp_offsets_[s + 1] - impl_->fp_offsets_[s]);
}
street::snapper const& network::snapper() const { return *impl_->snapper_; }
std::size_t network::size_bytes() const { return impl_->file_.size_bytes(); }

namespace {
result<std::uint32_t> budget_ds(double max_seconds) {
  if (std::isnan(max_seconds) || max_seconds < 0.0)
    return make_error(errc::invalid_argument, "time budget must be >= 0 seconds", {}, 0, "max_seconds");
  double const ds = max_seconds * 10.0;
  return ds >= static_cast<double>(street::kUnreached) ? street::kUnreached : static_cast<std::uint32_t>(ds);
}
street::query_state& local_state() {
  thread_local street::query_state qs;
  return qs;
}
}  // namespace

status network::travel_times(geo::latlng from, street::mode m, double max_seconds, street::query_state& qs,
                             double max_snap_m) const {
  KW_TRY(auto const budget, budget_ds(max_seconds));
  KW_TRY(auto const s, snapper().snap(from, m, max_snap_m));
  auto const seeds = street::seeds_from(graph(), s, m);
  street::dijkstra(graph(), m, seeds, budget, qs);
  return {};
}

result<std::vector<float>> network::node_seconds(geo::latlng from, street::mode m, double max_seconds,
                                                 double max_snap_m) const {
  auto& qs = local_state();
  KW_TRY_VOID(travel_times(from, m, max_seconds, qs, max_snap_m));
  std::vector<float> out(graph().n_nodes(), std::numeric_limits<float>::infinity());
  for (auto const v : qs.reached()) out[v] = static_cast<float>(qs.times()[v]) / 10.0F;
  return out;
}

result<std::vector<float>> network::seconds_to(geo::latlng from, std::span<geo::latlng const> targets, street::mode m,
                                               double max_seconds, double max_snap_m) const {
  KW_TRY(auto const budget, budget_ds(max_seconds));
  KW_TRY(auto const s, snapper().snap(from, m, max_snap_m));
  auto& qs = local_state();
  street::dijkstra(graph(), m, street::seeds_from(graph(), s, m), budget, qs);
  std::vector<float> out(targets.size(), std::numeric_limits<float>::infinity());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto const t = snapper().snap(targets[i], m, max_snap_m);
    if (!t) {
      if (t.error().code == errc::too_far) continue;
      return make_error(t.error());
    }
    auto const ds = street::time_to(graph(), *t, m, qs.times(), &s);
    if (ds != street::kUnreached && ds <= budget) out[i] = static_cast<float>(ds) / 10.0F;
  }
  return out;
}

}  // namespace kwartier::network
