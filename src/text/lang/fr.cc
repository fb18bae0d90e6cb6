// French. Stop words: general French grammar (articles, pronouns, prepositions, auxiliaries, question words).
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "ai", "as", "au", "aux", "avec", "avoir", "c", "ce", "ceci", "cela", "ces", "cet", "cette", "comment",
    "d", "dans", "de", "des", "dois", "doit", "dont", "du", "elle", "en", "est", "et", "être", "faut", "il",
    "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me", "mes", "moi", "mon", "n",
    "ne", "nous", "on", "ou", "où", "par", "pas", "peut", "peux", "pour", "puis", "qu", "quand", "que", "quel",
    "quelle", "quels", "qui", "quoi", "s", "sa", "se", "ses", "si", "son", "sont", "sur", "t", "ta", "te",
    "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y"};
constexpr std::string_view kElisions[] = {"l",  "d",     "j",      "m",      "n",     "s",     "t",
                                          "c",  "qu",    "jusqu",  "lorsqu", "puisqu", "quoiqu"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-fra-nld", lang::nl}, {"/usr/share/dictd/freedict-fra-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kFrench{.id = lang::fr, .code = "fr", .name = "French", .native_name = "français",
                               .snowball = "french", .stop_words = kStop, .elisions = kElisions,
                               .dictionaries = kDictionaries, .community = "fr"};
}  // namespace kwartier::text::profiles_detail
