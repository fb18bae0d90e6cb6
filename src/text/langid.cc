#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "kwartier/text/text.h"

namespace CLD2 {
char const* LanguageCode(Language lang);
}

namespace kwartier::text {

std::vector<lang_score> identify_language(std::string_view s) {
  std::array<double, kNumLangs> score{};
  if (!is_valid_utf8(s)) return {};
  auto const text = s.substr(0, 4096);
  // Function words: decisive on two- or three-word queries, where CLD2 alone is unreliable.
  auto const toks = tokenize(text, lang::neutral, 512);
  for (auto const& t : toks)
    for (std::size_t l = 1; l < kNumLangs; ++l)
      if (is_stop_word(static_cast<lang>(l), t.folded)) score[l] += 1.0;
  // CLD2 (best effort on short text).
  CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language lang3[3];
  int percent3[3];
  double norm3[3];
  int text_bytes = 0;
  bool reliable = false;
  std::string buf(text);
  CLD2::ExtDetectLanguageSummary(buf.data(), static_cast<int>(buf.size()), true, &hints,
                                 CLD2::kCLDFlagBestEffort, lang3, percent3, norm3, nullptr, &text_bytes,
                                 &reliable);
  for (int k = 0; k < 3; ++k) {
    if (lang3[k] == CLD2::UNKNOWN_LANGUAGE) continue;
    auto const l = parse_lang(CLD2::LanguageCode(lang3[k]));
    if (l == lang::neutral) continue;
    double const w = (reliable ? 2.0 : 1.0) * percent3[k] / 100.0;
    score[static_cast<std::size_t>(l)] += w;
  }
  double total = 0;
  for (auto v : score) total += v;
  std::vector<lang_score> out;
  if (total <= 0) return out;
  for (std::size_t l = 1; l < kNumLangs; ++l)
    if (score[l] > 0) out.push_back({static_cast<lang>(l), score[l] / total});
  std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.score > b.score; });
  return out;
}

}  // namespace kwartier::text
