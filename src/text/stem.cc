#include <xapian.h>

#include <array>

#include "kwartier/text/text.h"

namespace kwartier::text {

struct stemmer::impl {
  std::array<Xapian::Stem, kNumLangs> stems;
  std::array<bool, kNumLangs> snowball{};
};

stemmer::stemmer() : impl_(std::make_unique<impl>()) {
  for (auto const* p : profiles()) {
    if (p->snowball.empty()) continue;
    auto const i = static_cast<std::size_t>(p->id);
    try {
      impl_->stems[i] = Xapian::Stem(std::string(p->snowball));
      impl_->snowball[i] = true;
    } catch (Xapian::Error const&) {
      // unknown to this Xapian: light stemming (if the profile has suffixes) or none
    }
  }
}
stemmer::~stemmer() = default;
stemmer::stemmer(stemmer&&) noexcept = default;
stemmer& stemmer::operator=(stemmer&&) noexcept = default;

std::string stemmer::stem(lang l, std::string_view word) const {
  auto const i = static_cast<std::size_t>(l);
  if (i >= kNumLangs || l == lang::neutral) return std::string(word);
  if (impl_->snowball[i]) return impl_->stems[i](std::string(word));
  // light stemming: the longest listed suffix, keeping at least kMinLightStem code points
  std::size_t best = 0;
  for (auto suf : profile(l).light_suffixes) {
    if (suf.size() <= best || suf.size() >= word.size() || !word.ends_with(suf)) continue;
    auto const rest = word.substr(0, word.size() - suf.size());
    std::size_t cps = 0;
    for (char c : rest) cps += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    if (cps >= kMinLightStem) best = suf.size();
  }
  return std::string(word.substr(0, word.size() - best));
}

}  // namespace kwartier::text
