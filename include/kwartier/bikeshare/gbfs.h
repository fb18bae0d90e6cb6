// GBFS (General Bikeshare Feed Specification) versions 2.3 and 3.0, read from local files: a folder holding
// the feed files, or its gbfs.json (autodiscovery). No network access: a feed listed in gbfs.json is read
// from `<folder>/<name>.json` beside it (or the file its URL names, when that path exists locally).
//
//   KW_TRY(auto f, bikeshare::load_gbfs("data/gbfs/mini-brussels-3.0"));   // folder or gbfs.json
//   f.version, f.stations[i].bikes_available, f.report.problems()
//
// Files read: system_information (required), station_information + station_status (stations; both or
// neither), vehicle_status (3.0) / free_bike_status (2.3) (free-floating vehicles, optional). Stations or
// vehicles: at least one.
//
// What is an error (the whole feed is refused; error names the file and field): a file that is not JSON or
// has no `data` object, a version other than 2.3 / 3.0 or files of different versions, a missing required
// file, a file larger than parse_options::max_file_bytes (limit_exceeded).
// What is a reported problem (validation_report: file, field = JSON path like "data.stations[2].lat", the row
// is skipped): a station or vehicle missing a required field or with a field of the wrong type, a duplicate
// station id, coordinates out of range, a negative capacity or count, a status row naming a station that
// station_information does not have. A station with no (valid) status row stays in `stations` but has no
// status: routing neither picks up nor drops off there.
//
// Thread rules: a feed is a plain value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kwartier/core/report.h"
#include "kwartier/core/result.h"
#include "kwartier/geo/latlng.h"

namespace kwartier::bikeshare {

enum class gbfs_version : std::uint8_t { v2_3 = 0, v3_0 = 1 };
std::string_view gbfs_version_name(gbfs_version v);  // "2.3", "3.0"

// One file of a feed, in memory: `name` is the feed name ("gbfs", "system_information", "station_status",
// ...), `source` the path messages name (defaults to `name`.json).
struct gbfs_file {
  std::string name;
  std::string content;
  std::string source;
};

struct station {
  std::string id;    // station_id
  std::string name;  // 2.3: name; 3.0: the localized name in the system's first language, else the first one
  geo::latlng pos;
  std::int32_t capacity = -1;  // -1: not given
  bool is_virtual = false;     // is_virtual_station
  // station_status (has_status false: no valid row; the other fields are then 0 / false).
  bool has_status = false;
  std::int32_t bikes_available = 0;  // 2.3 num_bikes_available, 3.0 num_vehicles_available
  std::int32_t docks_available = 0;  // num_docks_available; -1: not given (a virtual station: unlimited)
  bool is_installed = false, is_renting = false, is_returning = false;

  // Rules routing follows: pick up where installed, renting and a bike is available; drop off where
  // installed, returning and a dock is free (or docks are unlimited).
  bool can_pick_up() const { return has_status && is_installed && is_renting && bikes_available > 0; }
  bool can_drop_off() const {
    return has_status && is_installed && is_returning && (docks_available > 0 || docks_available == -1);
  }
};

// A free-floating vehicle (not at a station): a pick-up point with one bike.
struct vehicle {
  std::string id;  // 3.0 vehicle_id, 2.3 bike_id (rotating ids; only for messages)
  geo::latlng pos;
  bool is_reserved = false, is_disabled = false;
  bool can_pick_up() const { return !is_reserved && !is_disabled; }
};

struct feed {
  gbfs_version version = gbfs_version::v2_3;
  std::string system_id, name, language, timezone;  // system_information (3.0 language: languages[0])
  std::vector<station> stations;
  std::vector<vehicle> vehicles;  // free-floating only (vehicles docked at a station are counted there)
  std::size_t status_rows = 0;     // station_status rows read
  std::size_t docked_vehicles = 0; // vehicle rows with a station_id (skipped)
  std::vector<std::string> files;  // the sources read, in reading order
  validation_report report;
};

struct parse_options {
  std::size_t max_file_bytes = std::size_t{64} << 20;  // a larger file: limit_exceeded
};

// The feed from files in memory (names as gbfs_file::name). A "gbfs" file, when given, must list the others
// it has (a feed it lists but `files` lacks is an error); its version must match theirs.
result<feed> parse_gbfs(std::span<gbfs_file const> files, parse_options const& o = {});

// The feed from a folder (holding gbfs.json, or the feed files named `<name>.json`) or a gbfs.json file.
// Errors: not_found (no such path, a required file missing), io_error, and those of parse_gbfs.
result<feed> load_gbfs(std::filesystem::path const& path, parse_options const& o = {});

}  // namespace kwartier::bikeshare
