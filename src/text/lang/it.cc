// Italian. Stop words: general Italian grammar, written for kwartier; Italian elides articles and
// articulated prepositions before a vowel (l'anagrafe, dell'identità, all'estero).
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "ad", "agli", "ai", "al", "alla", "alle", "che", "chi", "come", "con", "cosa", "da", "dal", "dalla",
    "dei", "del", "della", "delle", "devo", "di", "dove", "e", "è", "ed", "fra", "gli", "ha", "hanno", "ho",
    "i", "il", "in", "io", "la", "le", "lo", "ma", "mi", "mia", "mio", "ne", "nel", "nella", "non", "o", "per",
    "perché", "posso", "quale", "quali", "quando", "si", "sono", "su", "sua", "sul", "sulla", "suo", "ti", "tra",
    "un", "una", "uno", "voglio", "vorrei"};
constexpr std::string_view kElisions[] = {"l", "d", "c", "un", "dell", "all", "dall", "nell", "sull", "quest",
                                          "quell", "dov"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-ita-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kItalian{.id = lang::it, .code = "it", .name = "Italian", .native_name = "italiano",
                                .snowball = "italian", .stop_words = kStop, .elisions = kElisions, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
