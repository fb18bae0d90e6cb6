// Polish. Snowball (Xapian 1.4) has no Polish stemmer: light stemming strips the common inflection endings
// of nouns and adjectives (urodzenia, urodzeniu -> urodzen). ł is folded to l for matching (ą, ę, ó, ś, ź,
// ż, ć, ń lose their marks by accent folding). Stop words: general Polish grammar, written for kwartier.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "aby", "ale", "bez", "być", "co", "czy", "dla", "do", "gdzie", "i", "ich", "ja", "jak", "jaka",
    "jaki", "jakie", "jest", "jestem", "jeśli", "już", "kiedy", "która", "które", "który", "lub", "ma", "mam",
    "mi", "mnie", "mogę", "moja", "moje", "mój", "muszę", "na", "nie", "o", "od", "oraz", "po", "pod",
    "przez", "przy", "się", "ta", "tak", "te", "ten", "to", "trzeba", "tu", "w", "we", "z", "za", "ze",
    "żeby", "chcę"};
// folded (no marks): -ów is "ow", -ą is "a", -ę is "e"; longest first is not required
constexpr std::string_view kSuffixes[] = {"ami", "ach", "ego", "emu", "iem", "iej", "ich", "ych", "ym", "ow",
                                          "om", "em", "ia", "ie", "iu", "a", "e", "i", "o", "u", "y"};
constexpr char_fold kFolds[] = {{U'\u0142', U"l"}};  // ł
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-pol-fra", lang::fr}, {"/usr/share/dictd/freedict-pol-nld", lang::nl}, {"/usr/share/dictd/freedict-pol-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kPolish{.id = lang::pl, .code = "pl", .name = "Polish", .native_name = "polski",
                               .stop_words = kStop, .light_suffixes = kSuffixes, .folds = kFolds, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
