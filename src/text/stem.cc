#include <xapian.h>

#include <array>

#include "kwartier/text/text.h"

namespace kwartier::text {

struct stemmer::impl {
  std::array<Xapian::Stem, kNumLangs> stems;
};

stemmer::stemmer() : impl_(std::make_unique<impl>()) {
  constexpr std::array<char const*, kNumLangs> kNames = {"none",    "french",  "dutch",      "english", "german",
                                                         "spanish", "italian", "portuguese", "turkish", "arabic"};
  for (std::size_t i = 1; i < kNumLangs; ++i) {
    try {
      impl_->stems[i] = Xapian::Stem(kNames[i]);
    } catch (Xapian::Error const&) {
      impl_->stems[i] = Xapian::Stem();  // unknown to this Xapian: no stemming
    }
  }
}
stemmer::~stemmer() = default;
stemmer::stemmer(stemmer&&) noexcept = default;
stemmer& stemmer::operator=(stemmer&&) noexcept = default;

std::string stemmer::stem(lang l, std::string_view word) const {
  if (l == lang::neutral) return std::string(word);
  return impl_->stems[static_cast<std::size_t>(l)](std::string(word));
}

}  // namespace kwartier::text
