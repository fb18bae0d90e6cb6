// Function words per language (articles, pronouns, prepositions, conjunctions, auxiliaries and question
// words), accent-folded and lower case. General grammar lists written for kwartier.
#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "kwartier/text/text.h"

namespace kwartier::text {
namespace {

constexpr std::string_view kFr[] = {
    "a", "ai", "as", "au", "aux", "avec", "avoir", "c", "ce", "ceci", "cela", "ces", "cet", "cette", "comment",
    "d", "dans", "de", "des", "dois", "doit", "dont", "du", "elle", "en", "est", "et", "etre", "faut", "il",
    "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me", "mes", "moi", "mon", "n",
    "ne", "nous", "on", "ou", "par", "pas", "peut", "peux", "pour", "puis", "qu", "quand", "que", "quel",
    "quelle", "quels", "qui", "quoi", "s", "sa", "se", "ses", "si", "son", "sont", "sur", "t", "ta", "te",
    "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "ou"};
constexpr std::string_view kNl[] = {
    "aan", "al", "als", "ben", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "doe", "doen", "een",
    "en", "er", "ga", "gaan", "heb", "hebben", "heeft", "het", "hij", "hoe", "ik", "in", "is", "je", "jij",
    "kan", "kun", "kunnen", "me", "mee", "men", "met", "mij", "mijn", "moet", "moeten", "na", "naar", "niet",
    "nog", "of", "om", "ons", "onze", "op", "over", "te", "tot", "u", "uw", "van", "voor", "waar", "wanneer",
    "wat", "we", "welke", "wie", "wij", "wil", "word", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn"};
constexpr std::string_view kEn[] = {
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "get",
    "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "need", "of", "on", "or", "our", "should",
    "the", "their", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will",
    "with", "you", "your"};
constexpr std::string_view kDe[] = {
    "am", "an", "auf", "aus", "bei", "bin", "das", "dem", "den", "der", "des", "die", "ein", "eine", "einem",
    "einen", "einer", "es", "fur", "hat", "ich", "im", "in", "ist", "kann", "man", "mein", "meine", "mit",
    "muss", "nach", "oder", "sich", "sie", "sind", "und", "von", "was", "wie", "wir", "wo", "zu", "zum", "zur"};
constexpr std::string_view kEs[] = {"de", "del", "el", "en", "la", "las", "los", "para", "por", "un", "una", "y", "como", "que"};
constexpr std::string_view kIt[] = {"di", "del", "della", "il", "in", "la", "le", "lo", "per", "un", "una", "e", "come", "che"};
constexpr std::string_view kPt[] = {"de", "do", "da", "dos", "das", "em", "o", "a", "os", "as", "para", "um", "uma", "e", "como"};

struct list {
  std::vector<std::string_view> words;
  template <std::size_t N>
  explicit list(std::string_view const (&w)[N]) : words(w, w + N) { std::sort(words.begin(), words.end()); }
  bool has(std::string_view w) const { return std::binary_search(words.begin(), words.end(), w); }
};

}  // namespace

bool is_stop_word(lang l, std::string_view w) noexcept {
  static list const fr(kFr), nl(kNl), en(kEn), de(kDe), es(kEs), it(kIt), pt(kPt);
  switch (l) {
    case lang::fr: return fr.has(w);
    case lang::nl: return nl.has(w);
    case lang::en: return en.has(w);
    case lang::de: return de.has(w);
    case lang::es: return es.has(w);
    case lang::it: return it.has(w);
    case lang::pt: return pt.has(w);
    default: return false;
  }
}

}  // namespace kwartier::text
