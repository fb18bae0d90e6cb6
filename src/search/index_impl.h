// The opened index, shared by index::open (index.cc) and the query modules. Not installed.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>

#include "search/internal.h"
#include "search/translations.h"

namespace kwartier::search {
// The opened index: side-file columns (views into the mapped file), vocabulary, compound words, concept
// table, group CSR and a pool of searchers. Built by index::open (index.cc); read by the query modules.
struct index::impl {
  std::filesystem::path root;  // the index folder the caller named
  std::filesystem::path dir;   // its generation folder (root/gen-<hex>): xapian/ and side.kwd
  detail::generation_lease lease;
  detail::side_view side;
  detail::side_meta meta{};
  std::span<detail::doc_rec const> recs;
  detail::string_column ids, titles, urls, orgs, levels, countries, groups, langs, bodies;
  detail::string_column communities, variant_groups;
  std::span<std::uint32_t const> variant_order;  // rows with a variant group, sorted by it
  std::span<std::uint32_t const> group_first, group_docs;  // CSR group -> documents
  detail::vocabulary vocab;
  text::lang_mask doc_langs = 0;  // languages the documents are written in
  text::compound_dictionary dict;
  detail::concept_table concepts;
  detail::translation_table translations;  // empty when the index has no translations.kwd
  mutable std::mutex pool_mu;
  mutable std::vector<std::unique_ptr<searcher>> pool;

  text::lang doc_lang(std::uint32_t d) const { return static_cast<text::lang>(recs[d].lang); }
  std::string_view group_key(std::uint32_t d) const { return groups[recs[d].group]; }
  std::span<std::uint32_t const> group_members(std::uint32_t g) const {
    return group_docs.subspan(group_first[g], group_first[g + 1] - group_first[g]);
  }
  // Live documents sharing variant group `vg` (binary search in variant_order).
  std::span<std::uint32_t const> variant_members(std::string_view vg) const {
    auto const lo = std::lower_bound(variant_order.begin(), variant_order.end(), vg,
                                     [&](std::uint32_t d, std::string_view v) { return variant_groups[d] < v; });
    auto const hi = std::upper_bound(lo, variant_order.end(), vg,
                                     [&](std::string_view v, std::uint32_t d) { return v < variant_groups[d]; });
    return variant_order.subspan(static_cast<std::size_t>(lo - variant_order.begin()),
                                 static_cast<std::size_t>(hi - lo));
  }
};
}  // namespace kwartier::search
