"""Language identification: the script decides the candidates, lingua decides among them.

Routing by script first makes detection faster (small lingua models per script) and
removes cross-script confusions; scripts used by one language need no model at all.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# script -> candidate ISO 639-1 codes (lingua supports all of them)
SCRIPT_LANGS = {
    "LATIN": ["en", "fr", "es", "de", "it", "pt", "ro", "tr", "az", "sq", "pl", "hr", "bs", "sr",
              "id", "ms", "vi", "nl", "sv", "da", "nb", "fi", "cs", "sk", "sl", "hu", "lt", "lv",
              "et", "ca", "tl", "sw", "so"],
    "CYRILLIC": ["ru", "uk", "bg", "sr", "mk", "be"],
    "ARABIC": ["ar", "fa", "ur"],
    "GREEK": ["el"], "ARMENIAN": ["hy"], "HEBREW": ["he"], "GEORGIAN": ["ka"],
    "DEVANAGARI": ["hi", "mr"], "TAMIL": ["ta"], "BENGALI": ["bn"], "GUJARATI": ["gu"],
    "GURMUKHI": ["pa"], "TELUGU": ["te"], "THAI": ["th"], "HANGUL": ["ko"],
}


@lru_cache(maxsize=65536)
def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF:
        return "KANA"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return "HAN"
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
        return "HANGUL"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ")[0]
    return "LATIN" if first == "LATIN" else first


def dominant_script(text: str) -> tuple[str | None, Counter]:
    # per distinct character, in order of first appearance: the same counts, in the
    # same order (ties go to the script seen first), without a call per character
    counts: Counter = Counter()
    for ch, n in Counter(text[:3000]).items():
        s = _script(ch)
        if s:
            counts[s] += n
    if not counts:
        return None, counts
    return counts.most_common(1)[0][0], counts


@lru_cache(maxsize=None)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    langs = []
    for c in codes:
        try:
            langs.append(getattr(IsoCode639_1, c.upper()))
        except AttributeError:
            continue
    # Low-accuracy mode uses trigrams only: it loads in under a second instead of many,
    # and on article-length text it agrees with the full models.
    return LanguageDetectorBuilder.from_iso_codes_639_1(*langs).with_low_accuracy_mode().build()


def detect(text: str) -> str | None:
    script, counts = dominant_script(text)
    if script is None:
        return None
    if script in ("HAN", "KANA"):
        # Japanese mixes kana into almost every sentence; Chinese never does
        return "ja" if counts.get("KANA", 0) > 0.05 * (counts.get("HAN", 0) + counts["KANA"]) else "zh"
    cands = SCRIPT_LANGS.get(script)
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    sample = text[:800]  # lingua's time grows with length; 800 characters decide
    det = _detector(tuple(cands))
    if sum(ch.isalpha() for ch in sample) < SHORT:
        code = _short_text(det, sample)
        if code is None:
            return cands[0]
    else:
        lang = det.detect_language_of(sample)
        if lang is None:
            return cands[0]
        code = lang.iso_code_639_1.name.lower()
    if code in ("hr", "bs", "sr") and script == "LATIN":
        code = _hbs(text[:5000]) or code
    return code


SHORT = 200  # letters: below this, trigram statistics are weak evidence


def _short_text(det, sample: str) -> str | None:
    """A headline or a one-sentence item: trigrams alone read "met ... in ... on" as
    Norwegian. When the winner is a language dyad has no file for and one it has a file
    for comes close (at least 40% of its confidence), the latter is the likelier reading
    of a news text."""
    from . import resources

    vals = [(v.language.iso_code_639_1.name.lower(), v.value) for v in det.compute_language_confidence_values(sample)]
    if not vals:
        return None
    top, best = vals[0]
    if top in resources.languages():
        return top
    known = next(((c, v) for c, v in vals if c in resources.languages()), None)
    return known[0] if known and known[1] >= 0.4 * best else top


# Serbian, Croatian and Bosnian in Latin script share almost all trigrams; what tells
# them apart are the reflex of old "ě" (Serbian "dve, vreme, ponedeljak"; Croatian and
# Bosnian "dvije, vrijeme, ponedjeljak") and a few lexical choices (Croatian "suradnja,
# tisuća, tjedan", month names "siječanj"..; Bosnian and Serbian "saradnja, hiljada").
_EKAVIAN = re.compile(r"\b(dve|dvema|vreme\w*|mest\w*|ponedeljak\w*|sled\w*|deo|delu|reč\w*|pesm\w*|tek\w*|"
                      r"uticaj\w*|celo\w*|cel\w*|gde|nedelj\w*|sred\w*|bel\w*|poseti\w*|posete|predsedni\w*|"
                      r"razumevanj\w*|spoljn\w*|istorij\w*|dece|lep\w*|mera|mere)\b")
_IJEKAVIAN = re.compile(r"\b(dvije|vrijeme\w*|mjest\w*|ponedjeljak\w*|sljed\w*|dio|dijel\w*|riječ\w*|"
                        r"utjecaj\w*|cijel\w*|gdje|nedjelj\w*|srijed\w*|bijel\w*|posjet\w*|predsjedni\w*|"
                        r"razumijevanj\w*|vanjsk\w*|djec\w*|lijep\w*|mjer\w*|prije|poslije)\b")
_CROATIAN = re.compile(r"\b(suradnj\w*|tisuć\w*|tjedn\w*|tjedan|siječ\w*|veljač\w*|ožuj\w*|travanj\w*|travnj\w*|"
                       r"svib\w*|lipanj\w*|lipnj\w*|srpanj\w*|srpnj\w*|kolovoz\w*|rujan\w*|rujn\w*|listopad\w*|"
                       r"studen\w*|prosin\w*|veleposlan\w*|glasnogovorni\w*|izvješć\w*|sveučilišt\w*|povijest\w*)\b")
_BOSNIAN = re.compile(r"\b(saradnj\w*|hiljad\w*|sedmic\w*|historij\w*|juni|juli|septemb\w*|oktob\w*|"
                      r"novemb\w*|decemb\w*|ambasad\w*|općin\w*|hvala|lahko|sahat\w*)\b")


def _hbs(text: str) -> str | None:
    low = text.lower()
    ek, ije = len(_EKAVIAN.findall(low)), len(_IJEKAVIAN.findall(low))
    hr, bs = len(_CROATIAN.findall(low)), len(_BOSNIAN.findall(low))
    if ek >= 2 and ek > 2 * ije and hr == 0:
        return "sr"
    if (ije >= 2 and ije > 2 * ek) or (hr >= 2 and ek == 0):
        if hr > bs:
            return "hr"
        if bs > hr:
            return "bs"
    return None


@lru_cache(maxsize=1)
def known_languages() -> frozenset[str]:
    """The languages a document can be in: those with a language file and those the
    detector tells apart."""
    from . import resources

    return frozenset(resources.languages()) | {c for cs in SCRIPT_LANGS.values() for c in cs} | {"zh", "ja"}


def given_language(value) -> str | None:
    """A language given with the input ("en", "EN", "en-US", "pt_BR") as dyad's code, or
    None when it names no language dyad knows: every language's matchers are built once
    and kept, so a code taken on trust from a hostile record would build (and keep) a new
    set of them per distinct value."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if code in known_languages() else None


def detect_language(doc):
    given = given_language(doc.meta.get("given_language"))
    if doc.meta.get("given_language") and not given:
        doc.meta.setdefault("notes", []).append(
            f"given language {str(doc.meta['given_language'])[:20]!r} is not one dyad knows; detected instead")
    doc.language = given or detect(doc.text)
    return doc
