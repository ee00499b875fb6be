"""Language identification: the script decides the candidates, lingua decides among them.

Routing by script first makes detection faster (small lingua models per script) and
removes cross-script confusions; scripts used by one language need no model at all.
"""
from __future__ import annotations

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
    counts = Counter(s for s in map(_script, text[:3000]) if s)
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
    lang = _detector(tuple(cands)).detect_language_of(sample)
    if lang is None:
        return cands[0]
    code = lang.iso_code_639_1.name.lower()
    return code


def detect_language(doc):
    if doc.meta.get("given_language"):
        doc.language = doc.meta["given_language"]
    else:
        doc.language = detect(doc.text)
    return doc
