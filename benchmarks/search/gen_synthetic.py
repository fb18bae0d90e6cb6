#!/usr/bin/env python3
"""Seeded synthetic procedure catalogue (JSON lines) for build and latency benchmarks.

Usage: gen_synthetic.py N OUT.jsonl [--seed 42]

Documents combine a procedure topic, a municipality and filler sentences from small word lists written here
(fr, nl, en, de); every topic exists in several languages under one translation_key, like the real
catalogues. The text is meaningless but has realistic lengths (~120 words) and vocabulary sizes.
"""
import json
import random
import sys

TOPICS = {
    "fr": ["carte d'identité", "passeport", "changement d'adresse", "permis de conduire", "permis d'urbanisme",
           "carte de riverain", "déclaration de naissance", "mariage", "cohabitation légale", "casier judiciaire",
           "logement social", "aide sociale", "inscription scolaire", "collecte des encombrants", "pension"],
    "nl": ["identiteitskaart", "paspoort", "adreswijziging", "rijbewijs", "stedenbouwkundige vergunning",
           "bewonerskaart", "geboorteaangifte", "huwelijk", "wettelijke samenwoning", "strafregister",
           "sociale woning", "leefloon", "schoolinschrijving", "grofvuil", "pensioen"],
    "en": ["identity card", "passport", "change of address", "driving licence", "building permit",
           "residents parking card", "birth registration", "marriage", "legal cohabitation", "criminal record",
           "social housing", "social assistance", "school registration", "bulky waste", "pension"],
    "de": ["Personalausweis", "Reisepass", "Ummeldung", "Führerschein", "Baugenehmigung", "Anwohnerparkausweis",
           "Geburtsurkunde", "Heirat", "Lebenspartnerschaft", "Führungszeugnis", "Sozialwohnung", "Sozialhilfe",
           "Schulanmeldung", "Sperrmüll", "Rente"],
}
FILLER = {
    "fr": "demande commune guichet rendez-vous document photo délai prix citoyen service formulaire dossier "
          "attestation domicile enfant famille résidence déclaration preuve courrier agent validité".split(),
    "nl": "aanvraag gemeente loket afspraak document foto termijn prijs burger dienst formulier dossier attest "
          "woonplaats kind gezin verblijf aangifte bewijs brief beambte geldigheid".split(),
    "en": "application municipality counter appointment document photo deadline price citizen service form file "
          "certificate residence child family stay declaration proof letter officer validity".split(),
    "de": "Antrag Gemeinde Schalter Termin Dokument Foto Frist Preis Bürger Dienst Formular Akte Bescheinigung "
          "Wohnsitz Kind Familie Aufenthalt Erklärung Nachweis Brief Beamter Gültigkeit".split(),
}
PLACES = [f"Gemeente{i:04d}" for i in range(500)]


def main() -> None:
    n = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 42
    rng = random.Random(seed)
    langs = ["fr", "nl", "en", "de"]
    with open(out, "w", encoding="utf-8") as f:
        i = 0
        while i < n:
            topic = rng.randrange(len(TOPICS["fr"]))
            place = rng.choice(PLACES)
            key = f"syn-{topic}-{place}"
            for lang in rng.sample(langs, rng.randint(1, 4)):
                if i >= n:
                    break
                words = FILLER[lang]
                sentences = []
                for _ in range(12):
                    s = " ".join(rng.choice(words) for _ in range(rng.randint(6, 12)))
                    if rng.random() < 0.3:
                        s += " " + TOPICS[lang][topic]
                    # a few rare tokens so the vocabulary grows like real text
                    s += f" ref{rng.randrange(200000)}"
                    sentences.append(s.capitalize() + ".")
                doc = {
                    "id": f"syn-{i:06d}",
                    "lang": lang,
                    "title": f"{TOPICS[lang][topic]} ({place})",
                    "body": "\n".join(sentences),
                    "url": f"https://example.org/{lang}/{i}",
                    "organisation": place,
                    "level": "municipal",
                    "country": "belgium" if rng.random() < 0.8 else "france",
                    "translation_key": key,
                }
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
                i += 1


if __name__ == "__main__":
    main()
