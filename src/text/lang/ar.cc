// Arabic, written right to left. Normalisation for matching (applied to all text): the forms of alef
// (أ إ آ ٱ) fold to ا, teh marbuta ة to ه, alef maksura ى to ي, hamza carriers ؤ ئ to و ي, tatweel ـ is
// dropped and Arabic-Indic digits become 0-9; short vowels (harakat) are marks and go with accent folding.
// Stop words: general Modern Standard Arabic function words, written for kwartier.
#include "text/lang/profiles.h"

namespace kwartier::text::profiles_detail {
namespace {
constexpr std::string_view kStop[] = {
    "في", "من", "إلى", "على", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "كيف", "ماذا",
    "ما", "متى", "أين", "هل", "لا", "لم", "لن", "أن", "إن", "أو", "و", "ثم", "كل", "بعض", "عند", "قد", "كان",
    "هو", "هي", "هم", "أنا", "نحن", "أنت", "لي", "لك", "به", "بها", "فيه", "أريد", "يجب", "حتى", "إذا", "لماذا"};
constexpr char_fold kFolds[] = {
    {U'\u0623', U"\u0627"}, {U'\u0625', U"\u0627"}, {U'\u0622', U"\u0627"}, {U'\u0671', U"\u0627"},
    {U'\u0629', U"\u0647"}, {U'\u0649', U"\u064A"}, {U'\u0624', U"\u0648"}, {U'\u0626', U"\u064A"},
    {U'\u0640', U""},
    {U'\u0660', U"0"}, {U'\u0661', U"1"}, {U'\u0662', U"2"}, {U'\u0663', U"3"}, {U'\u0664', U"4"},
    {U'\u0665', U"5"}, {U'\u0666', U"6"}, {U'\u0667', U"7"}, {U'\u0668', U"8"}, {U'\u0669', U"9"},
    {U'\u06F0', U"0"}, {U'\u06F1', U"1"}, {U'\u06F2', U"2"}, {U'\u06F3', U"3"}, {U'\u06F4', U"4"},
    {U'\u06F5', U"5"}, {U'\u06F6', U"6"}, {U'\u06F7', U"7"}, {U'\u06F8', U"8"}, {U'\u06F9', U"9"}};
constexpr bilingual_dictionary kDictionaries[] = {{"/usr/share/dictd/freedict-ara-eng", lang::en}};  // FreeDict (Debian dict-freedict-*)
}  // namespace
language_profile const kArabic{.id = lang::ar, .code = "ar", .name = "Arabic", .native_name = "العربية",
                               .snowball = "arabic", .stop_words = kStop, .folds = kFolds,
                               .dictionaries = kDictionaries, .right_to_left = true};
}  // namespace kwartier::text::profiles_detail
