// Where the 15-minute question is asked from: every street node, a regular grid, or the user's points.
//
//   KW_TRY(auto o, access::street_node_origins(net));                  // one origin per walkable junction
//   KW_TRY(auto o, access::grid_origins(net, 200.0));                  // cell centres, 200 m cells
//   KW_TRY(auto o, access::load_origins("homes.csv", {.weight_column = "population"}, report));
//
// Origins carry a weight (population, households...; 1 when not given) used by the area summaries.
//
// Thread rules: an origin set is an immutable value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/network/network.h"

namespace kwartier::access {

enum class origin_kind : std::uint8_t { street_nodes = 0, grid = 1, points = 2 };
std::string_view origin_kind_name(origin_kind k);

constexpr std::uint32_t kNoNode = 0xFFFFFFFFU;

// A regular grid in a local equirectangular frame around its south-west corner: cell (row, col) spans
// [row, row + 1) x [col, col + 1) cell sizes north and east of `south_west`.
struct grid_spec {
  double cell_m = 0.0;
  geo::latlng south_west;
  std::uint32_t n_rows = 0;
  std::uint32_t n_cols = 0;
  // The cell's corners (south-west, south-east, north-east, north-west) and its centre.
  std::vector<geo::latlng> corners(std::uint32_t row, std::uint32_t col) const;
  geo::latlng centre(std::uint32_t row, std::uint32_t col) const;
};

struct origins {
  origin_kind kind = origin_kind::street_nodes;
  std::string source;              // the user's file, else ""
  std::vector<geo::latlng> pos;    // where each origin is
  std::vector<double> weight;      // >= 0, 1 by default
  std::vector<std::string> ids;    // street node index, "row_col" of the cell, or the file's id column / row
  std::vector<std::uint32_t> node; // street_nodes: the node; else kNoNode
  std::vector<std::uint32_t> cell; // grid: row * n_cols + col; else empty
  grid_spec grid;                  // grid only
  bool weighted = false;           // a weight column was read

  std::size_t size() const { return pos.size(); }
};

// Every node of the walk graph's kept component, at its position, weight 1. invalid_argument when the network
// has no street graph.
result<origins> street_node_origins(network::network const& net);

// A grid of cell_m x cell_m cells over the walk graph's extent; a cell is an origin (at its centre) when a
// walkable street lies within max_snap_m of the centre. Errors: invalid_argument for cell_m not in
// [10, 100000] or a network without streets; limit_exceeded over 10 million cells.
result<origins> grid_origins(network::network const& net, double cell_m, double max_snap_m = network::kDefaultMaxSnapM);

struct origin_file_options {
  std::string lat_column = "lat";  // CSV only
  std::string lon_column = "lon";  // CSV only
  std::string weight_column;       // "" : every origin weighs 1
  std::string id_column = "id";    // optional; the row / feature number when absent
};

// User points from CSV or GeoJSON (Point/MultiPoint; polygons at their centroid, e.g. building outlines).
// Rows with bad coordinates or a weight that is not a number >= 0 are skipped with a warning naming file,
// line / feature and field. Errors: not_found, invalid_format (no usable row, missing weight column).
result<origins> load_origins(std::filesystem::path const& path, origin_file_options const& opt,
                             validation_report& report);

}  // namespace kwartier::access
