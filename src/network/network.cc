#include "kwartier/network/network.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

#include "kwartier/core/csr.h"
#include "network/sections.h"

namespace kwartier::network {

using namespace detail;

namespace {
tl::unexpected<error> corrupt(dataset_file const& f, std::string const& what) {
  return make_error(errc::corrupt_dataset, "network: " + what, f.name());
}
}  // namespace

dataset_kind network_kind() { return dataset_kind{fourcc("KWNW"), schema()}; }

struct network::impl {
  dataset_file file_;
  street::graph_view graph_;
  transit::timetable_view tt_;
  network_meta meta_{};
  std::span<stop_link const> links_;
  std::span<std::uint32_t const> fp_offsets_;
  std::span<footpath const> fps_;
  std::vector<optional_group> groups_;
  std::vector<std::uint32_t> ignored_groups_;
  std::unique_ptr<street::snapper> snapper_;
  kwartier::network::access_model model_ = kwartier::network::access_model::streets;
  straight_line_params straight_{};
  // Built on first use.
  mutable std::once_flag chain_once_, stops_once_;
  mutable std::vector<std::uint32_t> chain_stop_offsets_, chain_stops_;
  mutable geo::point_index stop_index_;
  std::optional<poi::poi_view> pois_;
  std::optional<street::ch_pair> ch_;
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
  if (file.has_section(kOptionalGroups)) {
    KW_TRY(auto rows, file.section<optional_group>(kOptionalGroups));
    for (auto const& g : rows) {
      if (g.reserved != 0) return corrupt(file, "optional group row with non-zero reserved field");
      bool ok = false;
      for (auto const& k : kKnownGroups)
        if (k.id == g.id) ok = group_hash(k) == g.schema_hash;
      (ok ? m->groups_.push_back(g) : m->ignored_groups_.push_back(g.id));
    }
  }
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
    if (fp.to >= n_stops || fp.seconds < 0 || static_cast<std::uint8_t>(fp.source) > 2)
      return corrupt(file, "footpath names a stop out of range or has a negative duration");
  auto const has = [&](std::uint32_t id) {
    return std::any_of(m->groups_.begin(), m->groups_.end(), [&](auto const& g) { return g.id == id; });
  };
  if (has(kGroupEdgeFlags)) {
    KW_TRY_VOID(street::read_edge_flag_sections(file, m->graph_));
  }
  if (has(kGroupStraightLine)) {
    KW_TRY(auto sl, file.section<straight_line_params>(kStraightLineParams));
    if (sl.size() != 1) return corrupt(file, "straight-line parameters must hold one record");
    std::memcpy(&m->straight_, sl.data(), sizeof(straight_line_params));
    auto const& p = m->straight_;
    auto const positive = [](double x) { return std::isfinite(x) && x > 0.0; };
    if (!(p.detour_factor >= 1.0) || !std::isfinite(p.detour_factor) || !positive(p.walk_speed_mps) ||
        !positive(p.bike_speed_mps))
      return corrupt(file, "straight-line parameters out of range");
    if (m->graph_.n_nodes() != 0) return corrupt(file, "a straight-line network holds a street graph");
    m->model_ = kwartier::network::access_model::straight_line;
  }
  if (std::any_of(m->groups_.begin(), m->groups_.end(), [](auto const& g) { return g.id == kGroupPoi; })) {
    KW_TRY(m->pois_, poi::read_sections(file));
  }
  if (has(kGroupCh)) {
    KW_TRY(m->ch_, street::read_ch_sections(file, m->graph_.n_nodes()));
  }
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

std::optional<street::snap_result> network::stop_snap(transit::stop_idx_t s) const {
  if (s.v() >= impl_->links_.size()) return std::nullopt;
  auto const& l = impl_->links_[s.v()];
  if (l.chain == street::kNoEdge) return std::nullopt;
  street::snap_result r;
  r.chain = street::chain_idx_t{l.chain};
  r.offset_m = l.offset_m;
  r.dist_m = l.dist_m;
  r.point = street::point_at(impl_->graph_, r.chain, l.offset_m);
  return r;
}

std::span<footpath const> network::footpaths(transit::stop_idx_t from) const {
  auto const s = from.v();
  if (s + 1 >= impl_->fp_offsets_.size()) return {};
  return impl_->fps_.subspan(impl_->fp_offsets_[s], impl_->fp_offsets_[s + 1] - impl_->fp_offsets_[s]);
}
street::snapper const& network::snapper() const { return *impl_->snapper_; }
poi::poi_view const* network::pois() const { return impl_->pois_ ? &*impl_->pois_ : nullptr; }

kwartier::network::access_model network::access_model() const { return impl_->model_; }
straight_line_params const& network::straight_line() const { return impl_->straight_; }

std::span<std::uint32_t const> network::stops_on_chain(street::chain_idx_t c) const {
  auto const& m = *impl_;
  std::call_once(m.chain_once_, [&m] {
    auto const nc = m.graph_.n_chains();
    m.chain_stop_offsets_.assign(nc + 1, 0);
    for (auto const& l : m.links_)
      if (l.chain != street::kNoEdge) ++m.chain_stop_offsets_[l.chain + 1];
    for (std::size_t i = 1; i <= nc; ++i) m.chain_stop_offsets_[i] += m.chain_stop_offsets_[i - 1];
    m.chain_stops_.resize(m.chain_stop_offsets_.back());
    auto pos = m.chain_stop_offsets_;
    for (std::uint32_t s = 0; s < m.links_.size(); ++s)
      if (m.links_[s].chain != street::kNoEdge) m.chain_stops_[pos[m.links_[s].chain]++] = s;
  });
  if (!c.valid() || c.v() + 1 >= m.chain_stop_offsets_.size()) return {};
  return std::span<std::uint32_t const>{m.chain_stops_}.subspan(
      m.chain_stop_offsets_[c.v()], m.chain_stop_offsets_[c.v() + 1] - m.chain_stop_offsets_[c.v()]);
}

void network::stops_within(geo::latlng p, double radius_m, std::vector<geo::point_hit>& out) const {
  auto const& m = *impl_;
  std::call_once(m.stops_once_, [&m] {
    std::vector<geo::latlng> pts(m.links_.size());
    for (std::size_t s = 0; s < pts.size(); ++s) {
      auto const q = m.tt_.stop_pos(transit::stop_idx_t::from(s));
      pts[s] = {q.lat, q.lon};
    }
    m.stop_index_ = geo::point_index{std::move(pts)};
  });
  m.stop_index_.within(p, radius_m, out);
}

street::ch_view const* network::contraction_hierarchy(street::mode m) const {
  if (!impl_->ch_) return nullptr;
  return m == street::mode::walk ? &impl_->ch_->walk : &impl_->ch_->bike;
}

bool network::has_group(std::uint32_t id) const {
  return std::any_of(impl_->groups_.begin(), impl_->groups_.end(), [&](optional_group const& g) { return g.id == id; });
}
std::span<optional_group const> network::groups() const { return impl_->groups_; }
std::vector<std::uint32_t> const& network::ignored_groups() const { return impl_->ignored_groups_; }

dataset_file const& network::file() const { return impl_->file_; }
std::size_t network::size_bytes() const { return impl_->file_.size_bytes(); }

}  // namespace kwartier::network
