// English. Stop words: general English grammar.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "get",
    "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "need", "of", "on", "or", "our", "should",
    "the", "their", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will",
    "with", "you", "your"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-eng-fra", lang::fr}, {"/usr/share/dictd/freedict-eng-nld", lang::nl}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kEnglish{.id = lang::en, .code = "en", .name = "English", .native_name = "English",
                                .snowball = "english", .stop_words = kStop, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
