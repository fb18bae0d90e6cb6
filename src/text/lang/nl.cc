// Dutch. Stop words: general Dutch grammar; compounds split with the hunspell-nl word list and the linking
// elements of Dutch spelling (tussenklanken -s-, -e-, -en-).
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "aan", "al", "als", "ben", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "doe", "doen", "een",
    "en", "er", "ga", "gaan", "heb", "hebben", "heeft", "het", "hij", "hoe", "ik", "in", "is", "je", "jij",
    "kan", "kun", "kunnen", "me", "mee", "men", "met", "mij", "mijn", "moet", "moeten", "na", "naar", "niet",
    "nog", "of", "om", "ons", "onze", "op", "over", "te", "tot", "u", "uw", "van", "voor", "waar", "wanneer",
    "wat", "we", "welke", "wie", "wij", "wil", "word", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn"};
constexpr std::string_view kLinks[] = {"", "s", "e", "en"};
constexpr std::string_view kLists[] = {"/usr/share/hunspell/nl.dic"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-nld-fra", lang::fr}, {"/usr/share/dictd/freedict-nld-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kDutch{.id = lang::nl, .code = "nl", .name = "Dutch", .native_name = "Nederlands",
                              .snowball = "dutch", .stop_words = kStop, .compound_links = kLinks,
                              .compound_word_lists = kLists, .dictionaries = kDictionaries, .community = "nl"};
}  // namespace kwartier::text::profiles_detail
