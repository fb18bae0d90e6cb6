// Shared by every `kwartier` subcommand (docs/edges.md §2, §3, §5). Each domain file registers its
// subcommands; none of them parses, checks or computes anything the C++ API does not.
//
// Exit codes: 0 ok; 1 the input has errors (a validation report with errors, or --strict); 2 usage (CLI11);
// 10 + errc for a runtime error.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "edges/json.h"
#include "kwartier/core/error.h"
#include "kwartier/core/report.h"
#include "kwartier/geo/latlng.h"
#include "kwartier/transit/feed_spec.h"

namespace kwartier::cli {

constexpr int kExitOk = 0;
constexpr int kExitInputErrors = 1;
constexpr int kExitUsage = 2;
constexpr int kExitRuntimeBase = 10;  // + errc

void add_gtfs_commands(CLI::App& app, int& exit_code);
void add_network_commands(CLI::App& app, int& exit_code);
void add_search_commands(CLI::App& app, int& exit_code);
void add_route_commands(CLI::App& app, int& exit_code);
void add_realtime_commands(CLI::App& app, int& exit_code);  // realtime_cmd.cc (the maas helper)
void add_access_commands(CLI::App& app, int& exit_code);  // access_cmd.cc (the access helper)
void add_isochrone_commands(CLI::App& app, int& exit_code);  // isochrone_cmd.cc
void add_matrix_commands(CLI::App& app, int& exit_code);  // matrix_cmd.cc

// "LAT,LON" -> latlng; false for a value that is not two numbers (the caller reports a usage error, exit 2).
bool parse_point(std::string const& s, geo::latlng& out);

// Prints "kwartier: error: <file:line: field: message [code]>" to stderr and returns 10 + errc.
int report_error(error const& e);

enum class format { text, json };
// --format text|json (text by default); a value outside the set is a usage error (exit 2).
CLI::Option* add_format_option(CLI::App* cmd, format& f);
// -q, --quiet: no progress and no summary on stderr.
CLI::Option* add_quiet_flag(CLI::App* cmd, bool& quiet);
// --strict: exit 1 when the input's report has errors (the output is still written).
CLI::Option* add_strict_flag(CLI::App* cmd, bool& strict);

// A bool field of a C++ options struct, named after the field with '-' for '_' (docs/edges.md §1 rule 2):
// `--no-<name>` switches it off when its default (the value it holds now) is true, `--<name>` switches it
// on when its default is false.
CLI::Option* add_bool_option(CLI::App* cmd, std::string const& field, bool& value, std::string const& help);

// Prints one JSON value on stdout on one line (invalid UTF-8 replaced), followed by a newline.
void print_json(edges::json const& j);
// "3 errors, 1 warnings, 0 infos" for stderr summaries.
std::string problem_counts(validation_report const& r);

// Exit code of a finished build: 1 with --strict when the report has errors, else 0.
inline int build_exit_code(validation_report const& r, bool strict) {
  return strict && r.has_errors() ? kExitInputErrors : kExitOk;
}

// Byte size of a written file (0 when it cannot be read back).
std::uint64_t file_bytes(std::filesystem::path const& p);

}  // namespace kwartier::cli
