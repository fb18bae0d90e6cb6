// Compressed sparse rows: a ragged list of lists as `offsets` (n + 1, monotone) and `data`.
// csr<T> owns (builder side); csr_view<T> views (a mapped dataset or a csr).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kwartier/core/assert.h"

namespace kwartier {

template <class T, class Offset = std::uint32_t>
struct csr_view {
  std::span<Offset const> offsets;  // size() + 1 entries
  std::span<T const> data;

  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
  std::span<T const> operator[](std::size_t i) const {
    KW_ASSERT(i + 1 < offsets.size(), "csr index out of range");
    return data.subspan(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

template <class T, class Offset = std::uint32_t>
struct csr {
  std::vector<Offset> offsets{0};
  std::vector<T> data;

  std::size_t size() const { return offsets.size() - 1; }
  // Append one row.
  template <class Range>
  void push_row(Range const& row) {
    data.insert(data.end(), std::begin(row), std::end(row));
    offsets.push_back(static_cast<Offset>(data.size()));
  }
  csr_view<T, Offset> view() const { return {offsets, data}; }
  std::span<T const> operator[](std::size_t i) const { return view()[i]; }
};

// Checks the CSR invariants of data read from a file: offsets[0] == 0, monotone, last == data size.
template <class Offset>
bool csr_offsets_valid(std::span<Offset const> offsets, std::size_t n_data) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != n_data) return false;
  for (std::size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

}  // namespace kwartier
