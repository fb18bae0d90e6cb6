// OSM -> walk/bike street graph. See kwartier/street/osm.h for the profile rules.
#include "kwartier/street/osm.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <fstream>
#include <numeric>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_compression.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/io/xml_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include "street/osm_guard.h"
#include "street/profile.h"
#include "street/scc.h"

namespace kwartier::street {

namespace {

using location_index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;

// Usable way pieces: consecutive nodes that all have valid locations.
struct pieces {
  std::vector<std::uint32_t> offsets{0};  // into ids / pos
  std::vector<std::int64_t> ids;
  std::vector<geo::latlng> pos;
  std::vector<way_access> access;
  std::vector<std::int64_t> way_id;

  void add(std::int64_t way, way_access const& a, std::vector<std::int64_t> const& i,
           std::vector<geo::latlng> const& p) {
    ids.insert(ids.end(), i.begin(), i.end());
    pos.insert(pos.end(), p.begin(), p.end());
    offsets.push_back(static_cast<std::uint32_t>(ids.size()));
    access.push_back(a);
    way_id.push_back(way);
  }
  std::size_t size() const { return access.size(); }
};

std::uint64_t hilbert_d(std::uint32_t x, std::uint32_t y) {
  constexpr std::uint32_t n = 1U << 16;
  std::uint64_t d = 0;
  for (std::uint32_t s = n / 2; s > 0; s /= 2) {
    std::uint32_t const rx = (x & s) > 0 ? 1U : 0U;
    std::uint32_t const ry = (y & s) > 0 ? 1U : 0U;
    d += static_cast<std::uint64_t>(s) * s * ((3U * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

struct raw_edge {
  std::uint32_t from, to, chain;
  std::uint32_t w[kNModes];
  std::uint8_t flags;  // edge_flag bits
};

class builder {
 public:
  builder(osm_source const& src, osm_options const& opt, validation_report& report)
      : src_{src}, opt_{opt}, report_{report} {
    name_ = src.path.empty() ? std::string("<memory>") : src.path.string();
  }

  result<graph> run() {
    KW_TRY(auto file, make_file());
    KW_TRY_VOID(check_osm_input(file, src_.path, src_.bytes, name_));  // before libosmium sees hostile input
    try {
      read_nodes(file);
      read_ways(file);
    } catch (std::exception const& e) {
      return make_error(errc::invalid_format, std::string("cannot read OSM data: ") + e.what(), name_);
    }
    if (pieces_.size() == 0)
      return make_error(errc::invalid_format,
                        "the extract holds no street a pedestrian or cyclist may use (read " +
                            std::to_string(stats_.osm_nodes) + " nodes, " + std::to_string(stats_.osm_ways) +
                            " ways)",
                        name_);
    progress("building graph", 0.0);
    make_chains();
    cut_components();
    return finish();
  }

 private:
  void progress(std::string_view stage, double f) {
    if (opt_.progress) opt_.progress(stage, f);
  }
  void warn(std::string code, std::string message) {
    report_.add(severity::warning, std::move(code), name_, 0, {}, std::move(message));
  }

  result<osmium::io::File> make_file() {
    std::string fmt = src_.format;
    if (!src_.path.empty()) {
      std::error_code ec;
      if (!std::filesystem::exists(src_.path, ec)) return make_error(errc::not_found, "no such file", name_);
      if (std::filesystem::is_directory(src_.path, ec))
        return make_error(errc::invalid_format, "is a directory, not an OSM file", name_);
      osmium::io::File f{src_.path.string(), fmt};
      if (f.format() == osmium::io::file_format::unknown) {
        // No telling suffix: XML starts with '<' (after an optional BOM / blanks), otherwise try PBF.
        std::ifstream in{src_.path, std::ios::binary};
        if (!in) return make_error(errc::io_error, "cannot open file", name_);
        char buf[64] = {};
        in.read(buf, sizeof(buf));
        std::string_view head{buf, static_cast<std::size_t>(in.gcount())};
        auto const first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
        fmt = first != std::string_view::npos && head[first] == '<' ? "osm" : "pbf";
        return osmium::io::File{src_.path.string(), fmt};
      }
      return f;
    }
    if (fmt.empty()) {
      auto const first = src_.bytes.find_first_not_of(" \t\r\n");
      fmt = first != std::string_view::npos && src_.bytes[first] == '<' ? "osm" : "pbf";
    }
    return osmium::io::File{src_.bytes.data(), src_.bytes.size(), fmt};
  }

  void read_nodes(osmium::io::File const& file) {
    osmium::io::Reader reader{file, osmium::osm_entity_bits::node, osmium::io::read_meta::no};
    auto const size = reader.file_size();
    while (osmium::memory::Buffer buffer = reader.read()) {
      for (auto const& n : buffer.select<osmium::Node>()) {
        ++stats_.osm_nodes;
        auto const loc = n.location();
        if (!loc.valid()) {
          ++stats_.invalid_locations;
          warn("invalid_location", "node " + std::to_string(n.id()) +
                                       " has no location or coordinates out of range; ways through it are split");
          continue;
        }
        if (n.id() > 0)
          index_.set(static_cast<osmium::unsigned_object_id_type>(n.id()), loc);
        else
          negative_[n.id()] = loc;  // unsaved editor objects (JOSM) use negative ids
        // Kerbs and barriers matter to the step-free profile (few nodes carry them).
        if (!n.tags().empty()) {
          auto const f = static_cast<std::uint8_t>(profile_detail::kerb_flags(n.tags()["kerb"]) |
                                                   profile_detail::wheelchair_flags(n.tags()["wheelchair"]));
          if (f != 0) node_flags_[n.id()] = f;
        }
      }
      if (size > 0) progress("reading nodes", static_cast<double>(reader.offset()) / static_cast<double>(size));
    }
    reader.close();
    index_.sort();
  }

  osmium::Location location(std::int64_t id) const {
    if (id > 0) return index_.get_noexcept(static_cast<osmium::unsigned_object_id_type>(id));
    auto const it = negative_.find(id);
    return it == negative_.end() ? osmium::Location{} : it->second;
  }

  void read_ways(osmium::io::File const& file) {
    osmium::io::Reader reader{file, osmium::osm_entity_bits::way, osmium::io::read_meta::no};
    auto const size = reader.file_size();
    std::vector<std::int64_t> ids;
    std::vector<geo::latlng> pos;
    while (osmium::memory::Buffer buffer = reader.read()) {
      for (auto const& w : buffer.select<osmium::Way>()) {
        ++stats_.osm_ways;
        auto const access = evaluate_way(
            [&](char const* key) -> char const* { return w.tags()[key]; }, opt_.profile);
        if (opt_.all_highway_segments != nullptr && w.tags()["highway"] != nullptr) {
          osmium::Location prev;
          for (auto const& ref : w.nodes()) {
            auto const loc = location(ref.ref());
            if (loc.valid() && prev.valid())
              opt_.all_highway_segments->push_back(
                  {{prev.lat(), prev.lon()}, {loc.lat(), loc.lon()}, static_cast<std::uint32_t>(w.id())});
            prev = loc;
          }
        }
        if (!access) continue;
        ++stats_.usable_ways;
        ids.clear();
        pos.clear();
        auto flush = [&] {
          if (ids.size() >= 2) pieces_.add(w.id(), *access, ids, pos);
          ids.clear();
          pos.clear();
        };
        for (auto const& ref : w.nodes()) {
          auto const loc = location(ref.ref());
          if (!loc.valid()) {
            ++stats_.missing_node_refs;
            warn("missing_node", "way " + std::to_string(w.id()) + " names node " + std::to_string(ref.ref()) +
                                     " which is missing or has no valid location; the way is split there");
            flush();
            continue;
          }
          if (!ids.empty() && ids.back() == ref.ref()) continue;  // repeated node
          ids.push_back(ref.ref());
          pos.push_back({loc.lat(), loc.lon()});
        }
        flush();
      }
      if (size > 0) progress("reading ways", static_cast<double>(reader.offset()) / static_cast<double>(size));
    }
    reader.close();
  }

  // Splits pieces at junctions (nodes used more than once, piece ends, the middle of closed pieces).
  void make_chains() {
    std::vector<std::int64_t> uniq = pieces_.ids;
    std::sort(uniq.begin(), uniq.end());
    uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
    auto dense = [&](std::int64_t id) {
      return static_cast<std::uint32_t>(std::lower_bound(uniq.begin(), uniq.end(), id) - uniq.begin());
    };
    std::vector<std::uint32_t> dense_of(pieces_.ids.size());
    std::vector<std::uint8_t> uses(uniq.size(), 0);
    for (std::size_t i = 0; i < pieces_.ids.size(); ++i) {
      dense_of[i] = dense(pieces_.ids[i]);
      if (uses[dense_of[i]] < 2) ++uses[dense_of[i]];
    }
    std::vector<std::uint8_t> junction(uniq.size(), 0);
    for (std::size_t d = 0; d < uniq.size(); ++d) junction[d] = uses[d] >= 2 ? 1 : 0;
    for (std::size_t p = 0; p < pieces_.size(); ++p) {
      auto const b = pieces_.offsets[p], e = pieces_.offsets[p + 1];
      junction[dense_of[b]] = 1;
      junction[dense_of[e - 1]] = 1;
      if (dense_of[b] == dense_of[e - 1]) junction[dense_of[b + (e - b) / 2]] = 1;  // closed way / area
    }
    constexpr std::uint32_t kNone = 0xFFFFFFFFU;
    std::vector<std::uint32_t> node_of(uniq.size(), kNone);
    for (std::size_t i = 0; i < pieces_.ids.size(); ++i) {
      auto const d = dense_of[i];
      if (junction[d] && node_of[d] == kNone) {
        node_of[d] = static_cast<std::uint32_t>(node_pos_.size());
        node_pos_.push_back(pieces_.pos[i]);
      }
    }
    auto const& prof = opt_.profile;
    auto node_flag = [&](std::int64_t id) -> std::uint8_t {
      if (node_flags_.empty()) return 0;
      auto const it = node_flags_.find(id);
      return it == node_flags_.end() ? 0 : it->second;
    };
    for (std::size_t p = 0; p < pieces_.size(); ++p) {
      auto const b = pieces_.offsets[p], e = pieces_.offsets[p + 1];
      auto const& a = pieces_.access[p];
      std::uint32_t start = b;
      double len = 0.0;
      // Node flags inside the chain (and at its ends for crossing ways, where the kerb is mapped).
      std::uint8_t flags = static_cast<std::uint8_t>(a.flags | (a.crossing ? node_flag(pieces_.ids[b]) : 0));
      for (std::uint32_t i = b + 1; i < e; ++i) {
        len += geo::haversine_m(pieces_.pos[i - 1], pieces_.pos[i]);
        if (!junction[dense_of[i]]) {
          flags |= node_flag(pieces_.ids[i]);
          continue;
        }
        if (a.crossing) flags |= node_flag(pieces_.ids[i]);
        auto const c = static_cast<std::uint32_t>(chain_from_.size());
        chain_from_.push_back(node_of[dense_of[start]]);
        chain_to_.push_back(node_of[dense_of[i]]);
        chain_length_m_.push_back(static_cast<float>(len));
        geom_.insert(geom_.end(), pieces_.pos.begin() + start, pieces_.pos.begin() + i + 1);
        chain_geom_offsets_.push_back(static_cast<std::uint32_t>(geom_.size()));
        std::uint32_t const ww = travel_ds(len, prof.walk_speed_mps);
        std::uint32_t const wb = travel_ds(len, a.bike_dismount ? prof.walk_speed_mps : prof.bike_speed_mps);
        raw_edge fwd{chain_from_[c], chain_to_[c], c, {a.walk_fwd ? ww : kNoWeight, a.bike_fwd ? wb : kNoWeight}, flags};
        raw_edge bwd{chain_to_[c], chain_from_[c], c, {a.walk_bwd ? ww : kNoWeight, a.bike_bwd ? wb : kNoWeight}, flags};
        flags = static_cast<std::uint8_t>(a.flags | (a.crossing ? node_flag(pieces_.ids[i]) : 0));
        if (fwd.w[0] != kNoWeight || fwd.w[1] != kNoWeight) edges_.push_back(fwd);
        if (bwd.w[0] != kNoWeight || bwd.w[1] != kNoWeight) edges_.push_back(bwd);
        start = i;
        len = 0.0;
      }
    }
    stats_.nodes_before_cut = node_pos_.size();
    pieces_ = {};
  }

  // Per mode: keep the largest strongly connected component.
  void cut_components() {
    auto const n = static_cast<std::uint32_t>(node_pos_.size());
    std::sort(edges_.begin(), edges_.end(),
              [](raw_edge const& x, raw_edge const& y) { return std::tie(x.from, x.to) < std::tie(y.from, y.to); });
    std::vector<std::uint32_t> first_out(n + 1, 0), head(edges_.size());
    for (auto const& e : edges_) ++first_out[e.from + 1];
    std::partial_sum(first_out.begin(), first_out.end(), first_out.begin());
    for (std::size_t i = 0; i < edges_.size(); ++i) head[i] = edges_[i].to;
    node_modes_.assign(n, 0);
    std::vector<double> chain_len_before(kNModes, 0.0);
    for (std::size_t m = 0; m < kNModes; ++m) {
      auto& ms = stats_.modes[m];
      std::vector<std::uint8_t> used(n, 0);
      std::uint64_t edges_before = 0;
      for (auto const& e : edges_)
        if (e.w[m] != kNoWeight) {
          used[e.from] = used[e.to] = 1;
          ++edges_before;
        }
      auto const comp = strong_components(first_out, head, [&](std::uint32_t e) { return edges_[e].w[m] != kNoWeight; },
                                          used);
      std::vector<std::uint64_t> size(comp.count, 0);
      for (std::uint32_t v = 0; v < n; ++v)
        if (used[v]) ++size[comp.label[v]];
      std::uint32_t best = 0;
      for (std::uint32_t c = 1; c < comp.count; ++c)
        if (size[c] > size[best]) best = c;
      ms.components = comp.count;
      std::vector<std::uint8_t> comp_kept(comp.count, 0);
      for (std::uint32_t v = 0; v < n; ++v) {
        if (!used[v]) continue;
        auto const c = comp.label[v];
        bool const keep = !opt_.keep_largest_component || c == best ||
                          (opt_.min_component_nodes > 0 && size[c] >= opt_.min_component_nodes);
        if (keep) node_modes_[v] |= static_cast<std::uint8_t>(1U << m);
        if (keep && !comp_kept[c]) {
          comp_kept[c] = 1;
          ++ms.kept_components;
        }
        ++(keep ? ms.nodes : ms.dropped_nodes);
      }
      std::vector<std::uint8_t> chain_had(chain_from_.size(), 0), chain_has(chain_from_.size(), 0);
      for (auto& e : edges_) {
        if (e.w[m] == kNoWeight) continue;
        chain_had[e.chain] = 1;
        if (!((node_modes_[e.from] >> m) & 1U) || !((node_modes_[e.to] >> m) & 1U)) {
          e.w[m] = kNoWeight;
          continue;
        }
        chain_has[e.chain] = 1;
        ++ms.edges;
      }
      ms.dropped_edges = edges_before - ms.edges;
      for (std::size_t c = 0; c < chain_from_.size(); ++c)
        if (chain_had[c] && !chain_has[c]) ms.dropped_length_m += chain_length_m_[c];
      if (ms.dropped_nodes > 0)
        report_.add(severity::info, "dropped_components", name_, 0, std::string(mode_name(static_cast<mode>(m))),
                    std::to_string(ms.dropped_nodes) + " " + std::string(mode_name(static_cast<mode>(m))) +
                        " nodes in " + std::to_string(ms.components - ms.kept_components) +
                        " strongly connected components outside the kept one(s) were dropped (" +
                        std::to_string(static_cast<long long>(ms.dropped_length_m)) + " m of street)");
    }
    std::erase_if(edges_, [](raw_edge const& e) { return e.w[0] == kNoWeight && e.w[1] == kNoWeight; });
  }

  result<graph> finish() {
    auto const n_old = static_cast<std::uint32_t>(node_pos_.size());
    // Nodes that kept an edge, in Hilbert order.
    std::vector<std::uint8_t> keep(n_old, 0);
    for (auto const& e : edges_) keep[e.from] = keep[e.to] = 1;
    std::vector<std::uint32_t> order;
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    for (std::uint32_t v = 0; v < n_old; ++v)
      if (keep[v]) {
        order.push_back(v);
        min_lat = std::min(min_lat, node_pos_[v].lat);
        max_lat = std::max(max_lat, node_pos_[v].lat);
        min_lon = std::min(min_lon, node_pos_[v].lon);
        max_lon = std::max(max_lon, node_pos_[v].lon);
      }
    if (order.empty())
      return make_error(errc::invalid_format, "no street is left after keeping the largest connected component",
                        name_);
    auto quant = [](double v, double lo, double hi) {
      double const f = hi > lo ? (v - lo) / (hi - lo) : 0.0;
      return static_cast<std::uint32_t>(std::clamp(f, 0.0, 1.0) * 65535.0);
    };
    std::vector<std::uint64_t> key(n_old, 0);
    for (auto v : order)
      key[v] = hilbert_d(quant(node_pos_[v].lon, min_lon, max_lon), quant(node_pos_[v].lat, min_lat, max_lat));
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key[a] < key[b]; });
    constexpr std::uint32_t kNone = 0xFFFFFFFFU;
    std::vector<std::uint32_t> new_id(n_old, kNone);
    for (std::uint32_t i = 0; i < order.size(); ++i) new_id[order[i]] = i;
    auto const n = static_cast<std::uint32_t>(order.size());

    graph g;
    g.node_pos_.resize(n);
    g.node_modes_.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      g.node_pos_[i] = node_pos_[order[i]];
      g.node_modes_[i] = node_modes_[order[i]];
    }
    for (auto& e : edges_) {
      e.from = new_id[e.from];
      e.to = new_id[e.to];
    }
    // Chains that kept an edge, ordered by their new from node.
    std::vector<std::uint32_t> chain_order;
    {
      std::vector<std::uint8_t> ck(chain_from_.size(), 0);
      for (auto const& e : edges_) ck[e.chain] = 1;
      for (std::uint32_t c = 0; c < chain_from_.size(); ++c)
        if (ck[c]) chain_order.push_back(c);
      std::stable_sort(chain_order.begin(), chain_order.end(),
                       [&](auto a, auto b) { return new_id[chain_from_[a]] < new_id[chain_from_[b]]; });
    }
    std::vector<std::uint32_t> new_chain(chain_from_.size(), kNone);
    for (std::uint32_t i = 0; i < chain_order.size(); ++i) new_chain[chain_order[i]] = i;
    g.chain_geom_offsets_.push_back(0);
    for (auto c : chain_order) {
      g.chain_from_.push_back(new_id[chain_from_[c]]);
      g.chain_to_.push_back(new_id[chain_to_[c]]);
      g.chain_length_m_.push_back(chain_length_m_[c]);
      g.geom_.insert(g.geom_.end(), geom_.begin() + chain_geom_offsets_[c], geom_.begin() + chain_geom_offsets_[c + 1]);
      g.chain_geom_offsets_.push_back(static_cast<std::uint32_t>(g.geom_.size()));
      stats_.total_length_m += chain_length_m_[c];
    }
    for (auto& e : edges_) e.chain = new_chain[e.chain];
    std::sort(edges_.begin(), edges_.end(), [](raw_edge const& x, raw_edge const& y) {
      return std::tie(x.from, x.to, x.chain) < std::tie(y.from, y.to, y.chain);
    });
    auto const m = static_cast<std::uint32_t>(edges_.size());
    g.first_out_.assign(n + 1, 0);
    g.chain_fwd_edge_.assign(chain_order.size(), kNoEdge);
    g.chain_bwd_edge_.assign(chain_order.size(), kNoEdge);
    for (std::uint32_t i = 0; i < m; ++i) {
      auto const& e = edges_[i];
      ++g.first_out_[e.from + 1];
      g.head_.push_back(e.to);
      g.weight_walk_.push_back(e.w[0]);
      g.weight_bike_.push_back(e.w[1]);
      g.edge_chain_.push_back(e.chain);
      g.edge_flags_.push_back(e.flags);
      // A self-loop chain has its forward edge first.
      bool const fwd = g.chain_from_[e.chain] == e.from && g.chain_to_[e.chain] == e.to &&
                       g.chain_fwd_edge_[e.chain] == kNoEdge;
      (fwd ? g.chain_fwd_edge_ : g.chain_bwd_edge_)[e.chain] = i;
    }
    std::partial_sum(g.first_out_.begin(), g.first_out_.end(), g.first_out_.begin());
    // Reverse graph by counting sort on the head.
    g.rev_first_out_.assign(n + 1, 0);
    for (std::uint32_t i = 0; i < m; ++i) ++g.rev_first_out_[edges_[i].to + 1];
    std::partial_sum(g.rev_first_out_.begin(), g.rev_first_out_.end(), g.rev_first_out_.begin());
    g.rev_tail_.resize(m);
    g.rev_edge_.resize(m);
    {
      std::vector<std::uint32_t> pos(g.rev_first_out_.begin(), g.rev_first_out_.end() - 1);
      for (std::uint32_t i = 0; i < m; ++i) {
        auto const p = pos[edges_[i].to]++;
        g.rev_tail_[p] = edges_[i].from;
        g.rev_edge_[p] = i;
      }
    }
    stats_.nodes = n;
    stats_.edges = m;
    stats_.chains = g.chain_from_.size();
    stats_.geometry_points = g.geom_.size();
    stats_.walk_speed_mps = opt_.profile.walk_speed_mps;
    stats_.bike_speed_mps = opt_.profile.bike_speed_mps;
    g.stats_ = stats_;
    progress("building graph", 1.0);
    return g;
  }

  osm_source const& src_;
  osm_options const& opt_;
  validation_report& report_;
  std::string name_;
  graph_stats stats_{};
  location_index index_;
  std::unordered_map<std::int64_t, osmium::Location> negative_;
  std::unordered_map<std::int64_t, std::uint8_t> node_flags_;  // edge_flag bits of tagged nodes
  pieces pieces_;
  // Unrenumbered junction graph.
  std::vector<geo::latlng> node_pos_;
  std::vector<std::uint8_t> node_modes_;
  std::vector<std::uint32_t> chain_from_, chain_to_;
  std::vector<float> chain_length_m_;
  std::vector<std::uint32_t> chain_geom_offsets_{0};
  std::vector<geo::latlng> geom_;
  std::vector<raw_edge> edges_;
};

}  // namespace

namespace {
status check_speeds(profile_options const& p) {
  if (!(p.walk_speed_mps > 0.0) || !(p.bike_speed_mps > 0.0) || !std::isfinite(p.walk_speed_mps) ||
      !std::isfinite(p.bike_speed_mps))
    return make_error(errc::invalid_argument, "speeds must be positive", {}, 0, "speed");
  return {};
}
}  // namespace

result<graph> empty_graph(profile_options const& profile) {
  KW_TRY_VOID(check_speeds(profile));
  graph g;
  g.first_out_ = {0};
  g.rev_first_out_ = {0};
  g.chain_geom_offsets_ = {0};
  g.stats_.walk_speed_mps = profile.walk_speed_mps;
  g.stats_.bike_speed_mps = profile.bike_speed_mps;
  return g;
}

result<graph> build_graph(osm_source const& src, osm_options const& opt, validation_report& report) {
  KW_TRY_VOID(check_speeds(opt.profile));
  try {
    builder b{src, opt, report};
    return b.run();
  } catch (std::bad_alloc const&) {
    throw;
  } catch (std::exception const& e) {
    return make_error(errc::invalid_format, std::string("cannot read OSM data: ") + e.what(),
                      src.path.empty() ? std::string("<memory>") : src.path.string());
  }
}

}  // namespace kwartier::street
