// The GBFS reader on the hand-written samples (data/gbfs/mini-brussels-{2.3,3.0}: the same seven stations in
// both versions, see data/gbfs/README.md) and on damaged feeds: every problem names its file and field.
#include "kwartier/bikeshare/gbfs.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace kwartier::bikeshare {
namespace {

std::filesystem::path const kSamples = std::filesystem::path{KW_SOURCE_DIR} / "data" / "gbfs";

station const* find_station(feed const& f, std::string_view id) {
  for (auto const& s : f.stations)
    if (s.id == id) return &s;
  return nullptr;
}

problem const* find_problem(feed const& f, std::string_view code) {
  for (auto const& p : f.report.problems())
    if (p.code == code) return &p;
  return nullptr;
}

void check_sample(feed const& f) {
  ASSERT_EQ(f.stations.size(), 7U);
  EXPECT_EQ(f.status_rows, 7U);
  EXPECT_EQ(f.system_id, "mini-brussels-bikes");
  EXPECT_EQ(f.name, "Vélos du mini-Bruxelles");
  EXPECT_EQ(f.language, "fr");
  EXPECT_EQ(f.timezone, "Europe/Brussels");
  EXPECT_TRUE(f.report.empty()) << f.report.to_text();
  auto const* midi = find_station(f, "MIDI");
  ASSERT_NE(midi, nullptr);
  EXPECT_EQ(midi->name, "Gare du Midi");
  EXPECT_DOUBLE_EQ(midi->pos.lat, 50.8362);
  EXPECT_DOUBLE_EQ(midi->pos.lon, 4.3368);
  EXPECT_EQ(midi->capacity, 20);
  EXPECT_EQ(midi->bikes_available, 6);
  EXPECT_EQ(midi->docks_available, 14);
  EXPECT_TRUE(midi->can_pick_up());
  EXPECT_TRUE(midi->can_drop_off());
  auto const* lemo = find_station(f, "LEMO");  // empty: no bike to take, every dock free
  ASSERT_NE(lemo, nullptr);
  EXPECT_FALSE(lemo->can_pick_up());
  EXPECT_TRUE(lemo->can_drop_off());
  auto const* rogi = find_station(f, "ROGI");  // full: 18 bikes in 18 docks, nowhere to leave one
  ASSERT_NE(rogi, nullptr);
  EXPECT_EQ(rogi->bikes_available, 18);
  EXPECT_TRUE(rogi->can_pick_up());
  EXPECT_FALSE(rogi->can_drop_off());
  EXPECT_EQ(find_station(f, "BROU")->name, "De Brouckère");
  ASSERT_EQ(f.vehicles.size(), 1U);
  EXPECT_EQ(f.vehicles[0].id, "ff-1");
  EXPECT_DOUBLE_EQ(f.vehicles[0].pos.lat, 50.8534);
  EXPECT_TRUE(f.vehicles[0].can_pick_up());
}

TEST(Gbfs, Sample30ThroughAutodiscovery) {
  auto f = load_gbfs(kSamples / "mini-brussels-3.0");
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_EQ(f->version, gbfs_version::v3_0);
  check_sample(*f);
  EXPECT_EQ(f->docked_vehicles, 1U);  // dock-1 stands at BOUR: counted there, not free-floating
  EXPECT_EQ(f->files.size(), 5U);     // gbfs.json and the four feeds it lists
}

TEST(Gbfs, Sample23FromTheGbfsJsonFile) {
  auto f = load_gbfs(kSamples / "mini-brussels-2.3" / "gbfs.json");
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_EQ(f->version, gbfs_version::v2_3);
  check_sample(*f);
}

TEST(Gbfs, FolderWithoutGbfsJson) {
  auto const d = std::filesystem::temp_directory_path() / ("kw_gbfs_folder_" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  for (auto const* n : {"system_information.json", "station_information.json", "station_status.json"})
    std::filesystem::copy_file(kSamples / "mini-brussels-2.3" / n, d / n);
  auto f = load_gbfs(d);
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_EQ(f->stations.size(), 7U);
  EXPECT_TRUE(f->vehicles.empty());
  auto missing = load_gbfs(d / "nothing-here");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::not_found);
  std::filesystem::remove_all(d);
}

// A small 3.0 feed in memory with one station, for damaging one field at a time.
std::string const kSys =
    R"({"version":"3.0","last_updated":"2024-12-09T08:00:00+01:00","ttl":0,"data":{"system_id":"s","languages":["en"],)"
    R"("name":[{"text":"S","language":"en"}],"timezone":"Europe/Brussels"}})";

std::vector<gbfs_file> feed_with(std::string const& info_rows, std::string const& status_rows,
                                 std::string const& version = "3.0") {
  auto wrap = [&](std::string const& rows) {
    return R"({"version":")" + version + R"(","last_updated":"x","ttl":0,"data":{"stations":[)" + rows + "]}}";
  };
  return {gbfs_file{"system_information", kSys, ""}, gbfs_file{"station_information", wrap(info_rows), ""},
          gbfs_file{"station_status", wrap(status_rows), ""}};
}

std::string const kInfo = R"({"station_id":"A","name":[{"text":"A","language":"en"}],"lat":50.85,"lon":4.35,"capacity":10})";
std::string const kStatus =
    R"({"station_id":"A","num_vehicles_available":2,"num_docks_available":8,"is_installed":true,"is_renting":true,"is_returning":true,"last_reported":"x"})";

TEST(Gbfs, MissingRequiredFieldIsReportedWithFileAndField) {
  auto const files = feed_with(
      kInfo + R"(,{"station_id":"B","name":[{"text":"B","language":"en"}],"lon":4.35})", kStatus);
  auto f = parse_gbfs(files);
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_EQ(f->stations.size(), 1U);  // B is skipped
  auto const* p = find_problem(*f, "missing_field");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->file, "station_information.json");
  EXPECT_EQ(p->field, "data.stations[1].lat");
  EXPECT_EQ(p->severity, severity::error);
}

TEST(Gbfs, NegativeCapacityAndCountsAreReported) {
  auto const files = feed_with(
      kInfo + R"(,{"station_id":"B","name":[{"text":"B","language":"en"}],"lat":50.85,"lon":4.35,"capacity":-3})",
      R"({"station_id":"A","num_vehicles_available":2,"num_docks_available":-1,"is_installed":true,"is_renting":true,"is_returning":true})");
  auto f = parse_gbfs(files);
  ASSERT_TRUE(f) << f.error().to_string();
  ASSERT_EQ(f->stations.size(), 1U);
  EXPECT_FALSE(f->stations[0].has_status);  // its only status row is refused: A is not used
  EXPECT_FALSE(f->stations[0].can_pick_up());
  EXPECT_EQ(f->report.count("negative_value"), 2U);
  std::vector<std::string> fields;
  for (auto const& p : f->report.problems()) fields.push_back(p.file + " " + p.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"station_information.json data.stations[1].capacity",
                                              "station_status.json data.stations[0].num_docks_available"}));
}

TEST(Gbfs, UnknownStationInStatusIsReported) {
  auto f = parse_gbfs(feed_with(kInfo, kStatus + R"(,{"station_id":"Z","num_vehicles_available":1,"num_docks_available":1,"is_installed":true,"is_renting":true,"is_returning":true})"));
  ASSERT_TRUE(f);
  auto const* p = find_problem(*f, "unknown_station");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->file, "station_status.json");
  EXPECT_EQ(p->field, "data.stations[1].station_id");
  EXPECT_NE(p->message.find("'Z'"), std::string::npos);
  EXPECT_TRUE(f->stations[0].has_status);
}

TEST(Gbfs, CoordinatesOutOfRangeAndWrongTypesAreReported) {
  auto f = parse_gbfs(feed_with(
      R"({"station_id":"A","name":[{"text":"A","language":"en"}],"lat":95.0,"lon":4.35},)"
      R"({"station_id":"B","name":"not localized","lat":50.0,"lon":4.35},)"
      R"({"station_id":"C","name":[{"text":"C","language":"en"}],"lat":"50.0","lon":4.35})",
      ""));
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->stations.empty());
  std::vector<std::string> got;
  for (auto const& p : f->report.problems()) got.push_back(p.code + " " + p.field);
  EXPECT_EQ(got, (std::vector<std::string>{"out_of_range data.stations[0].lat", "wrong_type data.stations[1].name",
                                           "wrong_type data.stations[2].lat"}));
}

TEST(Gbfs, WrongOrMixedVersionIsAnError) {
  auto old = feed_with(kInfo, kStatus, "1.1");
  old[0].content = R"({"version":"1.1","data":{"system_id":"s","language":"en","name":"S","timezone":"UTC"}})";
  auto e = parse_gbfs(old);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::unsupported);
  EXPECT_EQ(e.error().file, "system_information.json");
  EXPECT_EQ(e.error().field, "version");
  auto mixed = parse_gbfs(feed_with(kInfo, kStatus, "2.3"));  // system_information says 3.0
  ASSERT_FALSE(mixed);
  EXPECT_EQ(mixed.error().code, errc::invalid_format);
  EXPECT_EQ(mixed.error().file, "station_information.json");
  EXPECT_EQ(mixed.error().field, "version");
}

TEST(Gbfs, WholeFileProblemsAreErrors) {
  auto files = feed_with(kInfo, kStatus);
  files[2].content = R"({"version":"3.0","data":{"stations":[{"station_id":)";  // truncated
  auto e = parse_gbfs(files);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::invalid_format);
  EXPECT_EQ(e.error().file, "station_status.json");
  files = feed_with(kInfo, kStatus);
  files.erase(files.begin());  // no system_information
  e = parse_gbfs(files);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::not_found);
  EXPECT_EQ(e.error().file, "system_information.json");
  files = feed_with(kInfo, kStatus);
  files.pop_back();  // stations without status
  e = parse_gbfs(files);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().file, "station_status.json");
  files = feed_with(kInfo, kStatus);
  files[1].content = R"({"version":"3.0","data":{}})";
  e = parse_gbfs(files);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "data.stations");
  parse_options small;
  small.max_file_bytes = 100;
  e = parse_gbfs(feed_with(kInfo, kStatus), small);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, errc::limit_exceeded);
}

TEST(Gbfs, VirtualStationWithoutDockCountTakesBikesBack) {
  auto f = parse_gbfs(feed_with(
      R"({"station_id":"V","name":[{"text":"V","language":"en"}],"lat":50.85,"lon":4.35,"is_virtual_station":true},)" + kInfo,
      R"({"station_id":"V","num_vehicles_available":0,"is_installed":true,"is_renting":true,"is_returning":true},)"
      R"({"station_id":"A","num_vehicles_available":2,"is_installed":true,"is_renting":true,"is_returning":true})"));
  ASSERT_TRUE(f);
  ASSERT_EQ(f->stations.size(), 2U);
  EXPECT_TRUE(f->stations[0].can_drop_off());  // unlimited docks
  EXPECT_EQ(f->stations[0].docks_available, -1);
  EXPECT_FALSE(f->stations[1].has_status);     // A is not virtual: num_docks_available is required
  EXPECT_EQ(find_problem(*f, "missing_field")->field, "data.stations[1].num_docks_available");
}

}  // namespace
}  // namespace kwartier::bikeshare
