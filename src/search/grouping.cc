#include "search/grouping.h"

#include <algorithm>
#include <unordered_map>

#include "search/ranking.h"

namespace kwartier::search::detail {

std::vector<answer> group_answers(index::impl const& ix, query_plan const& plan, std::span<matched_doc const> matched,
                                  bool group) {
  struct acc {
    std::uint32_t group;
    std::uint32_t best_doc;
    double best_weight;
    std::vector<std::uint32_t> docs;
  };
  std::vector<acc> groups;
  std::unordered_map<std::uint32_t, std::size_t> pos;  // group key (or ~doc) -> groups index
  for (auto const& m : matched) {
    auto const g = ix.recs[m.doc].group;
    auto const key = (group && !ix.groups[g].empty()) ? g : UINT32_MAX - m.doc;
    auto [it, inserted] = pos.try_emplace(key, groups.size());
    if (inserted) groups.push_back({g, m.doc, m.weight, {}});
    auto& a = groups[it->second];
    a.docs.push_back(m.doc);
    if (m.weight > a.best_weight) {
      a.best_weight = m.weight;
      a.best_doc = m.doc;
    }
  }
  bool const filtered = !plan.filter_terms.empty();
  std::vector<answer> out;
  out.reserve(groups.size());
  for (auto const& a : groups) {
    std::uint32_t rep = a.best_doc;
    double rep_f = language_factor(plan, ix.doc_lang(rep));
    if (group && !ix.groups[a.group].empty())
      for (auto const d : ix.group_members(a.group)) {
        auto const f = language_factor(plan, ix.doc_lang(d));
        bool const passes = !filtered || std::find(a.docs.begin(), a.docs.end(), d) != a.docs.end();
        if (passes && f > rep_f + 1e-9) {
          rep = d;
          rep_f = f;
        }
      }
    out.push_back({rep, a.best_doc, a.best_weight, rep_f, a.best_weight * rep_f, static_cast<std::uint32_t>(a.docs.size())});
  }
  std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.score > b.score; });
  return out;
}

namespace {

bool is_community(std::string_view c) { return c == "fr" || c == "nl" || c == "de"; }

// The member of `vg` of community `c` in the best language for the user (-1: none). With filters only
// matched documents qualify (a variant outside the filter is not offered).
std::int64_t best_variant(index::impl const& ix, query_plan const& plan, std::string_view vg, std::string_view c,
                          std::span<matched_doc const> matched) {
  std::int64_t best = -1;
  double best_f = -1;
  for (auto const d : ix.variant_members(vg)) {
    if (ix.communities[d] != c) continue;
    if (!plan.filter_terms.empty() &&
        std::none_of(matched.begin(), matched.end(), [&](auto const& m) { return m.doc == d; }))
      continue;
    auto const f = language_factor(plan, ix.doc_lang(d));
    if (f > best_f + 1e-9) {
      best = d;
      best_f = f;
    }
  }
  return best;
}

}  // namespace

void apply_communities(index::impl const& ix, query_plan const& plan, std::span<matched_doc const> matched,
                       bool group, std::vector<answer>& answers) {
  if (ix.variant_order.empty()) return;
  std::vector<answer> out;
  out.reserve(answers.size() + 4);
  auto const seen_group = [&](std::uint32_t d) {
    auto const g = ix.recs[d].group;
    return std::any_of(out.begin(), out.end(), [&](auto const& a) {
      return a.doc == d || (group && !ix.groups[g].empty() && ix.recs[a.doc].group == g);
    });
  };
  for (auto a : answers) {
    auto const vg = ix.variant_groups[a.doc];
    auto const com = ix.communities[a.doc];
    if (vg.empty() || !is_community(com)) {
      if (!seen_group(a.doc)) out.push_back(a);
      continue;
    }
    if (!plan.community.empty()) {
      if (com != plan.community) {
        auto const v = best_variant(ix, plan, vg, plan.community, matched);
        if (v >= 0) {
          a.swapped_from = a.doc;
          a.how = answer::variant::swapped;
          a.doc = static_cast<std::uint32_t>(v);
          a.lang_factor = language_factor(plan, ix.doc_lang(a.doc));
          a.score = a.relevance * a.lang_factor;
        }
      }
      if (!seen_group(a.doc)) out.push_back(a);
      continue;
    }
    // unknown community: this variant, then the other communities' variants not answered yet
    if (seen_group(a.doc)) continue;
    out.push_back(a);
    for (std::string_view c : {"fr", "nl", "de"}) {
      if (c == com) continue;
      bool const present = std::any_of(out.begin(), out.end(), [&](auto const& o) {
        return ix.variant_groups[o.doc] == vg && ix.communities[o.doc] == c;
      });
      bool const later = std::any_of(answers.begin(), answers.end(), [&](auto const& o) {
        return ix.variant_groups[o.doc] == vg && ix.communities[o.doc] == c;
      });
      if (present || later) continue;
      auto const v = best_variant(ix, plan, vg, c, matched);
      if (v < 0) continue;
      answer added = a;
      added.doc = static_cast<std::uint32_t>(v);
      added.how = answer::variant::added;
      added.lang_factor = language_factor(plan, ix.doc_lang(added.doc));
      added.n_matched = 0;
      out.push_back(added);
    }
  }
  answers = std::move(out);
}

}  // namespace kwartier::search::detail
