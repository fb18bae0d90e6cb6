#include "kwartier/network/network.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

bool network::has_group(std::uint32_t id) const {
  return std::any_of(impl_->groups_.begin(), impl_->groups_.end(), [&](optional_group const& g) { return g.id == id; });
}
std::span<optional_group const> network::groups() const { return impl_->groups_; }
std::vector<std::uint32_t> const& network::ignored_groups() const { return impl_->ignored_groups_; }

dataset_file const& network::file() const { return impl_->file_; }
std::size_t network::size_bytes() const { return impl_->file_.size_bytes(); }

}  // namespace kwartier::network
