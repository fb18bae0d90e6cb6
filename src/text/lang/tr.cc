// Turkish. Stop words: general Turkish grammar (conjunctions, postpositions, pronouns, question words and
// particles), written for kwartier. Dotless ı is folded to i for matching (ş, ğ, ç, ö, ü lose their marks by
// accent folding), so "kimlik karti" typed on a keyboard without Turkish letters finds "kimlik kartı".
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "acaba", "ama", "ben", "bir", "biz", "bu", "da", "daha", "de", "diye", "gibi", "hangi", "hem", "için",
    "ile", "ise", "kadar", "ki", "mı", "mi", "mu", "mü", "nasıl", "ne", "neden", "nerede", "nereye", "niçin",
    "niye", "o", "onlar", "sen", "siz", "şu", "ve", "veya", "ya", "yani"};
constexpr char_fold kFolds[] = {{U'\u0131', U"i"}};  // ı
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-tur-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kTurkish{.id = lang::tr, .code = "tr", .name = "Turkish", .native_name = "Türkçe",
                                .snowball = "turkish", .stop_words = kStop, .folds = kFolds, .dictionaries = kDictionaries};
}  // namespace kwartier::text::profiles_detail
