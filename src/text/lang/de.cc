// German. Stop words: general German grammar; compounds split with the hunspell-de-de word list and the
// German linking elements (Fugenelemente -s-, -es-, -n-, -en-, -e-, -er-).
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "am", "an", "auf", "aus", "bei", "bin", "das", "dem", "den", "der", "des", "die", "ein", "eine", "einem",
    "einen", "einer", "es", "für", "hat", "ich", "im", "in", "ist", "kann", "man", "mein", "meine", "mit",
    "muss", "nach", "oder", "sich", "sie", "sind", "und", "von", "was", "wie", "wir", "wo", "zu", "zum", "zur"};
constexpr std::string_view kLinks[] = {"", "s", "es", "n", "en", "e", "er"};
constexpr std::string_view kLists[] = {"/usr/share/hunspell/de_DE.dic"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-deu-fra", lang::fr}, {"/usr/share/dictd/freedict-deu-nld", lang::nl}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kGerman{.id = lang::de, .code = "de", .name = "German", .native_name = "Deutsch",
                               .snowball = "german", .stop_words = kStop, .compound_links = kLinks,
                               .compound_word_lists = kLists, .dictionaries = kDictionaries, .community = "de"};
}  // namespace kwartier::text::profiles_detail
