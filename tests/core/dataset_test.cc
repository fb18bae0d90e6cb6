#include "kwartier/core/dataset.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kwartier/core/csr.h"

namespace kwartier {
namespace {

constexpr dataset_kind kKind{fourcc("TEST"), "test v1: NUMS=u32, BIGS=u64, names=strings"};
constexpr dataset_kind kOtherSchema{fourcc("TEST"), "test v2: NUMS=u32, BIGS=u64, names=strings, extra"};
constexpr dataset_kind kOtherKind{fourcc("OTHR"), "test v1: NUMS=u32, BIGS=u64, names=strings"};

std::string make_image() {
  dataset_writer w{kKind};
  std::vector<std::uint32_t> nums{1, 2, 3, 40000};
  std::vector<std::uint64_t> bigs{1ull << 40, 7};
  std::vector<std::string> names{"Bruxelles-Central", "", "Brussel-Centraal"};
  w.add(fourcc("NUMS"), nums);
  w.add(fourcc("BIGS"), bigs);
  w.add_strings(fourcc("NOFF"), fourcc("NCHR"), names);
  return w.to_bytes();
}

TEST(Dataset, RoundTripInMemory) {
  auto const img = make_image();
  EXPECT_EQ(img.size() % kSectionAlignment, 0u);
  auto f = dataset_file::from_bytes(img, kKind);
  ASSERT_TRUE(f) << f.error().to_string();
  auto nums = f->section<std::uint32_t>(fourcc("NUMS"));
  ASSERT_TRUE(nums);
  ASSERT_EQ(nums->size(), 4u);
  EXPECT_EQ((*nums)[3], 40000u);
  auto bigs = f->section<std::uint64_t>(fourcc("BIGS"));
  ASSERT_TRUE(bigs);
  EXPECT_EQ((*bigs)[0], 1ull << 40);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(bigs->data()) % 8, 0u);
  auto names = f->strings(fourcc("NOFF"), fourcc("NCHR"));
  ASSERT_TRUE(names);
  ASSERT_EQ(names->size(), 3u);
  EXPECT_EQ((*names)[0], "Bruxelles-Central");
  EXPECT_EQ((*names)[1], "");
  EXPECT_EQ((*names)[2], "Brussel-Centraal");
}

TEST(Dataset, WrongElementSizeAndMissingSectionAreCorrupt) {
  auto f = dataset_file::from_bytes(make_image(), kKind);
  ASSERT_TRUE(f);
  auto wrong = f->section<std::uint64_t>(fourcc("NUMS"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, errc::corrupt_dataset);
  auto missing = f->section<std::uint32_t>(fourcc("NOPE"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::corrupt_dataset);
}

TEST(Dataset, FileRoundTripAndErrors) {
  auto const dir = std::filesystem::temp_directory_path() / "kw_dataset_test";
  std::filesystem::create_directories(dir);
  auto const path = dir / "x.kwd";
  dataset_writer w{kKind};
  std::vector<std::uint32_t> nums{5, 6};
  w.add(fourcc("NUMS"), nums);
  ASSERT_TRUE(w.write(path));
  auto f = dataset_file::open(path, kKind);
  ASSERT_TRUE(f) << f.error().to_string();
  EXPECT_EQ((*f->section<std::uint32_t>(fourcc("NUMS")))[1], 6u);
  EXPECT_EQ(f->name(), path.string());

  auto missing = dataset_file::open(dir / "does-not-exist.kwd", kKind);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::not_found);
  EXPECT_EQ(missing.error().file, (dir / "does-not-exist.kwd").string());

  auto other_kind = dataset_file::open(path, kOtherKind);
  ASSERT_FALSE(other_kind);
  EXPECT_EQ(other_kind.error().code, errc::incompatible_dataset);
  auto other_schema = dataset_file::open(path, kOtherSchema);
  ASSERT_FALSE(other_schema);
  EXPECT_EQ(other_schema.error().code, errc::incompatible_dataset);
  std::filesystem::remove_all(dir);
}

TEST(Dataset, EveryTruncationIsRefused) {
  auto const img = make_image();
  for (std::size_t n = 0; n < img.size(); ++n) {
    auto f = dataset_file::from_bytes(std::string_view(img).substr(0, n), kKind);
    ASSERT_FALSE(f) << "truncated to " << n << " bytes was accepted";
    EXPECT_TRUE(f.error().code == errc::corrupt_dataset || f.error().code == errc::incompatible_dataset)
        << n << ": " << f.error().to_string();
  }
}

TEST(Dataset, EveryBitFlipIsRefused) {
  auto const img = make_image();
  for (std::size_t byte = 0; byte < img.size(); ++byte) {
    for (int bit = 0; bit < 8; bit += 3) {
      auto bad = img;
      bad[byte] = static_cast<char>(bad[byte] ^ (1 << bit));
      auto f = dataset_file::from_bytes(bad, kKind);
      ASSERT_FALSE(f) << "flip at byte " << byte << " bit " << bit << " was accepted";
      EXPECT_TRUE(f.error().code == errc::corrupt_dataset || f.error().code == errc::incompatible_dataset);
    }
  }
}

TEST(Csr, ViewAndValidation) {
  csr<int> c;
  c.push_row(std::vector<int>{1, 2});
  c.push_row(std::vector<int>{});
  c.push_row(std::vector<int>{3});
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].size(), 2u);
  EXPECT_EQ(c[1].size(), 0u);
  EXPECT_EQ(c[2][0], 3);
  EXPECT_TRUE(csr_offsets_valid<std::uint32_t>(c.offsets, c.data.size()));
  std::vector<std::uint32_t> bad{0, 2, 1, 3};
  EXPECT_FALSE(csr_offsets_valid<std::uint32_t>(bad, 3));
  std::vector<std::uint32_t> bad_end{0, 1, 4};
  EXPECT_FALSE(csr_offsets_valid<std::uint32_t>(bad_end, 3));
}

}  // namespace
}  // namespace kwartier
