// Known answers for every text step. Expected values are worked out by hand from the Unicode rules
// (NFKC, case folding), French grammar (elisions), the hunspell word lists and the Snowball algorithms.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "kwartier/text/text.h"

using namespace kwartier;
using namespace kwartier::text;

TEST(text_normalize, nfkc_and_case_fold) {
  EXPECT_EQ(*normalize("Carte D'IDENTITÉ"), "carte d'identité");
  EXPECT_EQ(*normalize("Straße"), "strasse");            // case folding maps ß to ss
  EXPECT_EQ(*normalize("\xEF\xAC\x81le"), "file");       // U+FB01 ligature fi, NFKC
  EXPECT_EQ(*normalize("e\xCC\x81"), "\xC3\xA9");        // e + combining acute composes to é
  EXPECT_EQ(*normalize("\xEF\xBC\xA1"), "a");            // fullwidth A
  auto bad = normalize("abc\xff");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::invalid_argument);
}

TEST(text_normalize, accent_folding) {
  EXPECT_EQ(fold_accents("identité"), "identite");
  EXPECT_EQ(fold_accents("déménagement à l'étranger"), "demenagement a l'etranger");
  EXPECT_EQ(fold_accents("geïnteresseerd"), "geinteresseerd");
  EXPECT_EQ(fold_accents("führungszeugnis"), "fuhrungszeugnis");
  EXPECT_EQ(fold_accents("plain"), "plain");
}

TEST(text_tokenize, french_elisions) {
  auto t = tokenize("L'identité d'un enfant, qu'il soit belge", lang::fr);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].exact, "identité");
  EXPECT_EQ(t[0].folded, "identite");
  EXPECT_EQ(t[0].begin, 0u);   // the elided article is part of the word's span
  EXPECT_EQ(t[1].exact, "un");
  EXPECT_EQ(t[3].exact, "il");
  EXPECT_EQ(t[5].exact, "belge");
  EXPECT_EQ(t[5].position, 5u);
  // typographic apostrophe
  auto t2 = tokenize("changement d\xE2\x80\x99" "adresse", lang::fr);
  ASSERT_EQ(t2.size(), 2u);
  EXPECT_EQ(t2[1].exact, "adresse");
  // English keeps the apostrophe as a separator and no elision
  auto t3 = tokenize("driver's licence", lang::en);
  ASSERT_EQ(t3.size(), 3u);
  EXPECT_EQ(t3[0].exact, "driver");
}

TEST(text_tokenize, separators_and_invalid_bytes) {
  auto t = tokenize("kids-id / eID!!  12 ans\xff" "x", lang::fr);
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].exact, "kids");
  EXPECT_EQ(t[1].exact, "id");
  EXPECT_EQ(t[2].exact, "eid");
  EXPECT_EQ(t[3].exact, "12");
  EXPECT_EQ(t[4].exact, "ans");
  EXPECT_EQ(t[5].exact, "x");
  EXPECT_TRUE(tokenize("?!., --", lang::fr).empty());
  EXPECT_EQ(tokenize("a b c d e", lang::en, 3).size(), 3u);
}

TEST(text_tokenize, glued_elision) {
  EXPECT_EQ(strip_glued_elision("dadresse"), "adresse");
  EXPECT_EQ(strip_glued_elision("durbanisme"), "urbanisme");
  EXPECT_EQ(strip_glued_elision("lidentite"), "identite");
  EXPECT_EQ(strip_glued_elision("passeport"), "");   // p is not an elided article
  EXPECT_EQ(strip_glued_elision("droit"), "");       // d + consonant
  EXPECT_EQ(strip_glued_elision("dossier"), "ossier");  // only a candidate: the query side keeps it
                                                        // when "dossier" is unknown and "ossier" is known
}

TEST(text_stopwords, per_language) {
  EXPECT_TRUE(is_stop_word(lang::fr, "que"));
  EXPECT_TRUE(is_stop_word(lang::nl, "van"));
  EXPECT_TRUE(is_stop_word(lang::en, "the"));
  EXPECT_TRUE(is_stop_word(lang::de, "und"));
  EXPECT_FALSE(is_stop_word(lang::fr, "passeport"));
  EXPECT_FALSE(is_stop_word(lang::en, "que"));
  EXPECT_FALSE(is_stop_word(lang::neutral, "the"));
}

TEST(text_stem, snowball_known_answers) {
  stemmer s;
  // Snowball French: "-ement" removed in RV; Dutch: plural "-en" removed and doubled vowel undone.
  EXPECT_EQ(s.stem(lang::fr, "changements"), s.stem(lang::fr, "changement"));
  EXPECT_EQ(s.stem(lang::en, "registration"), "registr");
  EXPECT_EQ(s.stem(lang::en, "permits"), "permit");
  EXPECT_EQ(s.stem(lang::nl, "kaarten"), "kaart");
  EXPECT_EQ(s.stem(lang::de, "ausweise"), s.stem(lang::de, "ausweis"));
  EXPECT_EQ(s.stem(lang::neutral, "xyz"), "xyz");
}

TEST(text_compound, split_with_linking_elements) {
  auto d = compound_dictionary::from_words({"identiteit", "kaart", "geboorte", "aangifte", "bewoner", "parkeer",
                                            "bouw", "vergunning", "personal", "ausweis", "wohn", "sitz"});
  EXPECT_EQ(d.split("identiteitskaart", lang::nl), (std::vector<std::string>{"identiteit", "kaart"}));
  EXPECT_EQ(d.split("geboorteaangifte", lang::nl), (std::vector<std::string>{"geboorte", "aangifte"}));
  EXPECT_EQ(d.split("bewonerskaart", lang::nl), (std::vector<std::string>{"bewoner", "kaart"}));
  EXPECT_EQ(d.split("bouwvergunning", lang::nl), (std::vector<std::string>{"bouw", "vergunning"}));
  EXPECT_EQ(d.split("personalausweis", lang::de), (std::vector<std::string>{"personal", "ausweis"}));
  // three parts
  EXPECT_EQ(d.split("parkeerbewonerskaart", lang::nl),
            (std::vector<std::string>{"parkeer", "bewoner", "kaart"}));
  EXPECT_TRUE(d.split("kaart", lang::nl).empty());          // too short
  EXPECT_TRUE(d.split("onbekendwoord", lang::nl).empty());  // no split
  // French has no linking elements: "bewonerskaart" needs the "s"
  EXPECT_TRUE(d.split("bewonerskaart", lang::fr).empty());
}

TEST(text_compound, hunspell_word_lists) {
  std::filesystem::path const nl = "/usr/share/hunspell/nl.dic";
  std::filesystem::path const de = "/usr/share/hunspell/de_DE.dic";
  if (!std::filesystem::exists(nl) || !std::filesystem::exists(de)) GTEST_SKIP() << "hunspell-nl/de missing";
  auto dn = compound_dictionary::from_hunspell(nl);
  ASSERT_TRUE(dn) << dn.error().to_string();
  EXPECT_GT(dn->size(), 100000u);  // nl.dic has ~180,000 entries
  EXPECT_TRUE(dn->contains("identiteit"));
  EXPECT_TRUE(dn->contains("kaart"));
  auto p = dn->split("identiteitskaart", lang::nl);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1], "kaart");
  auto dd = compound_dictionary::from_hunspell(de);
  ASSERT_TRUE(dd);
  auto q = dd->split("personalausweis", lang::de);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0], "personal");
  EXPECT_EQ(q[1], "ausweis");
  auto missing = compound_dictionary::from_hunspell("/nonexistent.dic");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::io_error);
}

TEST(text_distance, osa_and_budget) {
  EXPECT_EQ(edit_distance(U"passport", U"pasport"), 1u);           // one deletion
  EXPECT_EQ(edit_distance(U"indentiteitskaart", U"identiteitskaart"), 1u);
  EXPECT_EQ(edit_distance(U"vergunnig", U"vergunning"), 1u);
  EXPECT_EQ(edit_distance(U"permsi", U"permis"), 1u);              // adjacent transposition
  EXPECT_EQ(edit_distance(U"passport", U"paspoort"), 2u);
  EXPECT_EQ(edit_distance(U"identité", U"identite"), 1u);          // code points, not bytes
  EXPECT_EQ(edit_distance(U"", U"abc"), 3u);
  EXPECT_EQ(typo_budget(3), 0u);
  EXPECT_EQ(typo_budget(4), 1u);
  EXPECT_EQ(typo_budget(7), 1u);
  EXPECT_EQ(typo_budget(8), 2u);
  EXPECT_EQ(to_utf8(to_u32("déménager")), "déménager");
}

TEST(text_langid, short_queries) {
  auto top = [](std::string_view q) {
    auto r = identify_language(q);
    return r.empty() ? lang::neutral : r.front().l;
  };
  EXPECT_EQ(top("je déménage que dois-je faire"), lang::fr);
  EXPECT_EQ(top("ik ga verhuizen"), lang::nl);
  EXPECT_EQ(top("how do I register a birth"), lang::en);
  EXPECT_EQ(top("wie beantrage ich einen Personalausweis"), lang::de);
  EXPECT_EQ(top("aangifte van een geboorte"), lang::nl);
  EXPECT_EQ(top("extrait de casier judiciaire"), lang::fr);
  EXPECT_TRUE(identify_language("").empty());
  EXPECT_TRUE(identify_language("\xff\xfe").empty());
}

TEST(text_lang, codes_and_lists) {
  EXPECT_EQ(parse_lang("fr-BE"), lang::fr);
  EXPECT_EQ(parse_lang("NL"), lang::nl);
  EXPECT_EQ(parse_lang("xx"), lang::neutral);
  EXPECT_EQ(parse_lang("french"), lang::neutral);
  EXPECT_EQ(parse_lang_list("nl-BE,fr;q=0.8, en ,nl,zz"), (std::vector<lang>{lang::nl, lang::fr, lang::en}));
  EXPECT_EQ(lang_code(lang::de), "de");
}

// ------------------------------------------------------------------------------------ language profiles

TEST(text_profiles, registry_is_consistent) {
  auto const all = profiles();
  ASSERT_EQ(all.size(), kNumLangs);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(all[i]->id), i);
    EXPECT_EQ(parse_lang(all[i]->code), all[i]->id) << all[i]->name;  // every code parses back
    EXPECT_EQ(lang_code(all[i]->id), all[i]->code);
  }
  EXPECT_EQ(profile(lang::nl).community, "nl");
  EXPECT_EQ(profile(lang::fr).community, "fr");
  EXPECT_EQ(profile(lang::en).community, "");
  EXPECT_TRUE(profile(lang::ar).right_to_left);
  EXPECT_EQ(compound_languages(), bit(lang::nl) | bit(lang::de));
  EXPECT_EQ(parse_lang("pl-PL"), lang::pl);
  EXPECT_EQ(parse_lang("tr"), lang::tr);
}

TEST(text_profiles, new_languages_stop_words) {
  // written naturally in the profiles, looked up folded (accents and profile folds removed)
  EXPECT_TRUE(is_stop_word(lang::es, "como"));    // "cómo"
  EXPECT_TRUE(is_stop_word(lang::es, "donde"));
  EXPECT_TRUE(is_stop_word(lang::it, "della"));
  EXPECT_TRUE(is_stop_word(lang::it, "perche"));  // "perché"
  EXPECT_TRUE(is_stop_word(lang::pt, "nao"));     // "não"
  EXPECT_TRUE(is_stop_word(lang::tr, "nasil"));   // "nasıl": ş/ı folded
  EXPECT_TRUE(is_stop_word(lang::tr, "icin"));    // "için"
  EXPECT_TRUE(is_stop_word(lang::pl, "sie"));     // "się"
  EXPECT_TRUE(is_stop_word(lang::ar, "\xD8\xA7\xD9\x84\xD9\x8A"));  // "إلى" folded: alef, maksura -> ي
  EXPECT_FALSE(is_stop_word(lang::es, "pasaporte"));
  EXPECT_FALSE(is_stop_word(lang::tr, "pasaport"));
  EXPECT_TRUE(is_stop_word_anywhere("della"));
  EXPECT_FALSE(is_stop_word_anywhere("passeport"));
}

TEST(text_profiles, new_languages_stemming) {
  stemmer s;
  // Snowball Spanish, Italian, Portuguese, Turkish: plural and case endings
  EXPECT_EQ(s.stem(lang::es, "pasaportes"), s.stem(lang::es, "pasaporte"));
  EXPECT_EQ(s.stem(lang::it, "certificati"), s.stem(lang::it, "certificato"));
  EXPECT_EQ(s.stem(lang::pt, "documentos"), s.stem(lang::pt, "documento"));
  EXPECT_EQ(s.stem(lang::tr, "pasaportlar"), "pasaport");  // -lar plural suffix
  // Arabic (Snowball): the article al- is removed: الجواز -> جواز
  EXPECT_EQ(s.stem(lang::ar, "\xD8\xA7\xD9\x84\xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2"), s.stem(lang::ar, "\xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2"));
  // Polish has no Snowball stemmer: light suffix stripping, case forms of one noun meet
  EXPECT_EQ(s.stem(lang::pl, "urodzenia"), "urodzen");
  EXPECT_EQ(s.stem(lang::pl, "urodzenie"), "urodzen");
  EXPECT_EQ(s.stem(lang::pl, "urodzeniu"), "urodzen");
  EXPECT_EQ(s.stem(lang::pl, "akt"), "akt");   // nothing to strip
  EXPECT_EQ(s.stem(lang::pl, "dom"), "dom");   // "-om" would leave fewer than 3 letters
}

TEST(text_profiles, letter_folds_and_rtl) {
  // Polish ł and Turkish ı are not decomposable: folded by their profiles
  EXPECT_EQ(fold_accents("\xC5\x82\xC3\xB3\x64\xC5\xBA"), "lodz");  // łódź
  EXPECT_EQ(fold_accents("kart\xC4\xB1"), "karti");                   // kartı
  EXPECT_EQ(fold_accents("\xC5\x9F\x65hir"), "sehir");               // şehir
  // Arabic: alef with hamza -> alef, teh marbuta -> heh, tatweel dropped, harakat (marks) removed, digits
  EXPECT_EQ(fold_accents("\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF"), "\xD8\xA7\xD8\xAD\xD9\x85\xD8\xAF");  // أحمد -> احمد
  EXPECT_EQ(fold_accents("\xD9\x87\xD9\x88\xD9\x8A\xD8\xA9"), "\xD9\x87\xD9\x88\xD9\x8A\xD9\x87");  // هوية -> هويه
  EXPECT_EQ(fold_accents("\xD8\xAC\xD9\x80\xD9\x80\xD9\x88\xD8\xA7\xD8\xB2"), "\xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2");  // جــواز
  EXPECT_EQ(fold_accents("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E"), "\xD9\x83\xD8\xAA\xD8\xA8");  // كَتَبَ -> كتب
  EXPECT_EQ(fold_accents("\xD9\xA2\xD9\xA0\xD9\xA2\xD9\xA4"), "2024");  // ٢٠٢٤
  // right-to-left text with direction marks: RLM (U+200F) around and inside words does not split them
  auto t = tokenize("\xE2\x80\x8F" "\xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2 \xD8\xA7\xD9\x84\xD8\xB3\xE2\x80\x8F\xD9\x81\xD8\xB1" "\xE2\x80\x8F",
                    lang::ar);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].exact, "\xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2");              // جواز
  EXPECT_EQ(t[1].exact, "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x81\xD8\xB1");      // السفر, the mark dropped
  // a soft hyphen inside a Latin word, a zero-width joiner, and emoji (separators)
  auto u = tokenize("identi\xC2\xAD" "teit \xF0\x9F\x98\x80 kaart", lang::nl);
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[0].exact, "identiteit");
  EXPECT_TRUE(tokenize("\xF0\x9F\x98\x80\xF0\x9F\x8E\x89", lang::neutral).empty());
}

TEST(text_profiles, italian_elisions) {
  auto t = tokenize("carta dell'identità all'anagrafe", lang::it);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].folded, "identita");
  EXPECT_EQ(t[2].folded, "anagrafe");
  // neutral (a query of unknown language): the elisions of every profile
  EXPECT_EQ(tokenize("dell'anagrafe", lang::neutral)[0].folded, "anagrafe");
  // English has none: the apostrophe separates
  EXPECT_EQ(tokenize("dell'anagrafe", lang::en).size(), 2u);
}

TEST(text_langid, new_languages) {
  auto top = [](std::string_view q) {
    auto r = identify_language(q);
    return r.empty() ? lang::neutral : r.front().l;
  };
  EXPECT_EQ(top("cómo renovar el pasaporte de mi hijo"), lang::es);
  EXPECT_EQ(top("come rinnovare la carta d'identità di mio figlio"), lang::it);
  EXPECT_EQ(top("como renovar o cartão de cidadão do meu filho"), lang::pt);
  EXPECT_EQ(top("oğlum için pasaport nasıl yenilenir"), lang::tr);
  EXPECT_EQ(top("\xD9\x83\xD9\x8A\xD9\x81 \xD8\xA3\xD8\xAC\xD8\xAF\xD8\xAF \xD8\xAC\xD9\x88\xD8\xA7\xD8\xB2 \xD8\xA7\xD9\x84\xD8\xB3\xD9\x81\xD8\xB1"),
            lang::ar);  // كيف أجدد جواز السفر
  EXPECT_EQ(top("jak odnowić paszport dla dziecka"), lang::pl);
}

// ------------------------------------------------------------------------------------------- dictd reader

TEST(text_dictd, articles) {
  // one sense: the first line holds the translations, the next line is a gloss (WikDict style)
  EXPECT_EQ(parse_dictd_article("akt urodzenia /ˈakt/ <n>\nacte de naissance\nakt stanu cywilnego\n"),
            (std::vector<std::string>{"acte de naissance"}));
  // numbered senses; unnumbered lines are glosses; qualifiers in brackets are dropped; a sense without
  // translation ("3.") gives nothing
  EXPECT_EQ(parse_dictd_article("akt /akt/ <n>\n1. document, nu\n(sztuka) zdjęcie\n2. pièce (teatr), acte\n 3.\n"
                                "czyn, działanie\n"),
            (std::vector<std::string>{"document", "nu", "pièce", "acte"}));
  // older FreeDict style: no pronunciation, semicolons; a definition of more than 4 words is dropped
  EXPECT_EQ(parse_dictd_article("casa\nhouse; home, a building where people live together\n"),
            (std::vector<std::string>{"house", "home"}));
  EXPECT_TRUE(parse_dictd_article("headword only").empty());
}

TEST(text_dictd, index_and_data) {
  // offsets in dictd base64: "A" = 0, "B" = 1, "BA" = 64
  std::string const data = "akt\nacte\nurodzenie\nnaissance\n";  // articles at 0 (9 bytes) and 9 (20 bytes)
  std::string const index = "00databaseinfo\tA\tE\nakt\tA\tJ\nurodzenie\tJ\tU\n";
  auto r = parse_dictd(index, data, "t.index");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);  // 00database entries are metadata
  EXPECT_EQ((*r)[0].headword, "akt");
  EXPECT_EQ((*r)[0].translations, std::vector<std::string>{"acte"});
  EXPECT_EQ((*r)[1].translations, std::vector<std::string>{"naissance"});
  auto bad = parse_dictd("akt\tA\tZZ\n", data, "t.index");  // 25*64+25 bytes: beyond the data
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, errc::invalid_format);
  EXPECT_EQ(bad.error().line, 1u);
  auto bad2 = parse_dictd("\nakt A J\n", data, "t.index");
  ASSERT_FALSE(bad2);
  EXPECT_EQ(bad2.error().line, 2u);
  auto missing = read_dictd("/nonexistent/freedict-xxx-yyy");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, errc::io_error);
}

TEST(text_dictd, freedict_package) {
  if (!std::filesystem::exists("/usr/share/dictd/freedict-pol-fra.index")) GTEST_SKIP() << "dict-freedict-pol-fra";
  auto r = read_dictd("/usr/share/dictd/freedict-pol-fra");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_GT(r->size(), 15000u);  // the package's info: 19,576 headwords (some have no translation line)
  auto const it = std::find_if(r->begin(), r->end(), [](auto const& e) { return e.headword == "akt urodzenia"; });
  ASSERT_NE(it, r->end());
  EXPECT_EQ(it->translations.front(), "acte de naissance");
}
