// The language profiles, one per file in this folder; the registry (src/text/language.cc) lists them.
#pragma once

#include "kwartier/text/language.h"

namespace kwartier::text::profiles_detail {
extern language_profile const kNeutral, kFrench, kDutch, kEnglish, kGerman, kSpanish, kItalian, kPortuguese,
    kTurkish, kArabic, kPolish;
}  // namespace kwartier::text::profiles_detail
