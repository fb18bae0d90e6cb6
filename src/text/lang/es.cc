// Spanish. Stop words: general Spanish grammar (articles, pronouns, prepositions, conjunctions, auxiliaries,
// question words), written for kwartier.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "a", "al", "algo", "ante", "cómo", "como", "con", "cuál", "cuáles", "cuándo", "de", "debo", "del", "desde",
    "dónde", "donde", "el", "él", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esta", "está", "estas",
    "este", "esto", "estos", "fue", "ha", "han", "hay", "hasta", "la", "las", "le", "les", "lo", "los", "me",
    "mi", "mis", "muy", "necesito", "no", "nos", "o", "para", "pero", "por", "porque", "puedo", "qué", "que",
    "quién", "se", "ser", "si", "sí", "sin", "sobre", "su", "sus", "te", "tengo", "tu", "tú", "un", "una",
    "unas", "uno", "unos", "y", "ya", "yo"};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-spa-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kSpanish{.id = lang::es, .code = "es", .name = "Spanish", .native_name = "español",
                                .snowball = "spanish", .stop_words = kStop, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
