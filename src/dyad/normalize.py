"""Offset-preserving normalisation for matching names and triggers across scripts.

`normalize(text)` returns the normalised string and, for each of its characters, the
offset of the character it came from, so a match in normalised text maps back to an exact
span of the cleaned text (the evidence the user sees). Rules are per character, which keeps
the mapping trivial; see docs/data-format.md for the list.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_DROP = {
    "\u0640",  # Arabic tatweel
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff", "\u2060",
}
_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ی": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
    "ё": "е", "ї": "ї",
    # Hebrew final letters: an inflected word moves them inside ("חטף" -> "חטפו")
    "ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ",
    # Turkish dotted/dotless i: "BAŞKANI", "başkanı" and "PUTİN" must all meet
    "İ": "i", "ı": "i", "I": "i", "\u0307": "",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "ʻ": "'", "′": "'",
    "‐": "-", "‑": "-", "–": "-", "—": "-", "‒": "-", "−": "-",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
}

_cc = None


def _t2s(ch: str) -> str:
    global _cc
    if _cc is None:
        try:
            import opencc

            _cc = opencc.OpenCC("t2s")
        except Exception:  # pragma: no cover - opencc is a declared dependency
            _cc = False
    if not _cc:
        return ch
    out = _cc.convert(ch)
    return out if len(out) == 1 else ch


def _is_arabic_mark(ch: str) -> bool:
    o = ord(ch)
    return 0x064B <= o <= 0x065F or o == 0x0670 or 0x06D6 <= o <= 0x06ED


@lru_cache(maxsize=1 << 17)  # bounded: a text of random code points must not grow it forever
def norm_char(ch: str) -> str:
    if ch in _DROP or _is_arabic_mark(ch):
        return ""
    if ch in _MAP:
        return _MAP[ch]
    o = ord(ch)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
        return _t2s(ch)
    if 0x0370 <= o <= 0x03FF or 0x1F00 <= o <= 0x1FFF:  # Greek: drop accents
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        return base.casefold().replace("ς", "σ")
    out = unicodedata.normalize("NFKC", ch).casefold()
    if len(out) > 1 and out != ch.casefold():
        # NFKC expanded a compatibility form (ligature, presentation form): normalise parts
        return "".join(norm_char(c) if c != ch else c for c in out)
    return "".join(_MAP.get(c, c) for c in out)


_NORM: dict[str, str] = {}  # norm_char by character, without a call per character


def _filled(text: str) -> dict[str, str]:
    """The table, holding every character of `text`; bounded: a hostile run of every
    code point meets no leak."""
    table = _NORM
    new = set(text).difference(table)
    if len(table) + len(new) > 200_000:
        table.clear()
    for ch in new:
        table[ch] = norm_char(ch)
    return table


def normalize(text: str) -> tuple[str, list[int]]:
    """Return (normalised text, offsets) with offsets[i] = index in `text` of char i."""
    table = _filled(text)
    get = table.__getitem__
    mapped = list(map(get, text))
    if all(len(m) == 1 for m in set(mapped)):
        # every character maps to exactly one (most text): the offsets are the identity
        return "".join(mapped), list(range(len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    for i, m in enumerate(mapped):
        if not m:
            continue
        parts.append(m)
        if len(m) == 1:
            offsets.append(i)
        else:
            offsets.extend([i] * len(m))
    return "".join(parts), offsets


def norm(text: str) -> str:
    """Normalise a string with no need for offsets (data entries, lookups)."""
    return "".join(map(_filled(text).__getitem__, text))


# A regex character class for "letter of a word" that, unlike \w, includes combining
# vowel signs (Devanagari, Tamil, Bengali…) and Arabic/Hebrew marks.
WORD_CLASS = r"[\w\u0300-\u036F\u0483-\u0489\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0900-\u0963\u0966-\u0DFF\u0E00-\u0EFF\u1000-\u109F]"
NOT_BEFORE = f"(?<!{WORD_CLASS})"
NOT_AFTER = f"(?!{WORD_CLASS})"


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3040 <= o <= 0x30FF
            or 0xF900 <= o <= 0xFAFF)
