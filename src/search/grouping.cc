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

}  // namespace kwartier::search::detail
