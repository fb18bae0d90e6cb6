// Neutral: text of a language without a profile. No stemming, no stop words; elisions of every language.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
language_profile const kNeutral{.id = lang::neutral, .code = "", .name = "neutral", .native_name = ""};
}  // namespace kwartier::text::profiles_detail
