// Portuguese. Stop words: general Portuguese grammar, written for kwartier.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "à", "ao", "aos", "as", "com", "como", "da", "das", "de", "devo", "do", "dos", "e", "é", "ela", "ele",
    "em", "eu", "meu", "minha", "na", "não", "nas", "no", "nos", "o", "onde", "os", "ou", "para", "pela",
    "pelo", "por", "posso", "preciso", "qual", "quando", "que", "quem", "se", "seu", "sua", "tenho", "um",
    "uma", "umas", "uns"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-por-fra", lang::fr}, {"/usr/share/dictd/freedict-por-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kPortuguese{.id = lang::pt, .code = "pt", .name = "Portuguese", .native_name = "português",
                                   .snowball = "portuguese", .stop_words = kStop, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
