"""Sentence splitting: lines first, then sentence-final punctuation of every script.

A rule-based splitter is enough for event coding (a trigger and its actors are looked
up in one sentence) and is fast; it does not split after initials ("S. Jaishankar") or
a short list of abbreviations.

No sentence is longer than MAX_SENTENCE characters: a longer one (a text without
sentence punctuation, a list run together) is cut into pieces of at most that length, at
a clause boundary (";", ",", a dash) or a space in the piece's second half when there is
one, never between a letter and its combining marks. Stages that compare everything in a
sentence with everything else in it stay linear in the length of the text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .doc import Doc, Span

# A run of sentence punctuation is matched from its first character and never given back
# (a lookbehind and possessive quantifiers): "x....x" with a million dots is one failed
# attempt, not a million of them each scanning the rest of the run.
END = re.compile(r"(?<![.!?。！？؟۔।॥։])[.!?。！？؟۔।॥։]++[\"'»”’)\]]*+(?=\s|$)|[。！？]")
ABBREV = re.compile(r"(\b\w\.|\b(mr|mrs|ms|dr|st|no|vs|jr|sr|prof|gen|col|lt|gov|sen|rep|"
                    r"т\.е|т\.к|г|гг|им|ул|др|стр|сов|ген|проф|hz|bzw|z\.b|nr|dr|mme|m|sig|sra|sr|"
                    r"u\.s|u\.k|u\.n)\.)$", re.I)


# A full stop with no space after it, between two words: a page flattened by a scraper
# ("... a transmis Jandarmeria Bucuresti.Protestatarii au ...", "... کرده است.سودان هم ...").
# Candidates only; `_glued` decides (a domain, a file name or "ASP.NET" is no sentence end).
NUMBER_DOT_NUMBER = re.compile(r"\d\.\s\d")  # a number, its dot, a space and another number
GLUED = re.compile(r"(?<=[^\W\d_]{3})\.(?=[^\W\d_]{2})")


def _glued(line: str, dot: int) -> bool:
    """Whether a dot glued to both words ends a sentence: in a cased script, a lower-case
    letter before it and a capitalised word after it ("Bucuresti.Protestatarii"); in a
    script without case, a word of three letters or more on each side ("است.سودان").
    Never inside a token that looks like an address (a slash, an @, "www")."""
    a, b, c = line[dot - 1], line[dot + 1], line[dot + 2]
    i = line.rfind(" ", 0, dot) + 1
    j = line.find(" ", dot)
    token = line[i:j if j >= 0 else len(line)]
    if any(x in token for x in ("/", "@", "www", "://")):
        return False
    if a.islower() and b.isupper() and c.islower():
        return True
    caseless = lambda ch: ch.isalpha() and ch.lower() == ch.upper()  # noqa: E731
    return caseless(a) and caseless(b) and caseless(c) and len(line) > dot + 3 and caseless(line[dot + 3])


MAX_SENTENCE = 1000  # characters; the longest sentence of the dev and event sets has 1,059
CLAUSE = re.compile(r"[;,:،؛、，；]\s|\s[-–—]\s")


def split(text: str, max_len: int | None = None, lang: str | None = None) -> list[Span]:
    spans = _split(text, _ordinals(lang), _final_words(lang))
    limit = max_len or MAX_SENTENCE
    if any(s.end - s.start > limit for s in spans):
        spans = [p for s in spans for p in (_cut(text, s, limit) if s.end - s.start > limit else (s,))]
    return spans


def _cut(text: str, s: Span, limit: int) -> list[Span]:
    """Pieces of at most `limit` characters covering an overlong sentence."""
    out = []
    a = s.start
    while s.end - a > limit:
        lo, hi = a + limit // 2, a + limit
        window = text[lo:hi]
        cut = -1
        for m in CLAUSE.finditer(window):
            cut = lo + m.end()  # the last clause boundary in the window
        if cut < 0:
            sp = max(window.rfind(" "), window.rfind("\t"), window.rfind("\u3000"))
            cut = lo + sp + 1 if sp >= 0 else hi
        while cut > lo and unicodedata.combining(text[cut]):
            cut -= 1
        if cut <= a:
            cut = hi
        piece = _trim(text, a, cut)
        if piece.end > piece.start:
            out.append(piece)
        a = cut
    piece = _trim(text, a, s.end)
    if piece.end > piece.start:
        out.append(piece)
    return out


class Ordinals:
    """A language that writes ordinals with a dot ("am 14. Juni", "das 14. Sanktionspaket",
    "14. lipnja"): the dot after a number is no sentence end when the next word is lower
    case or a month, or the word before the number is one after which a number is an
    ordinal (the language file's `ordinal_dot`)."""

    NUMBER = re.compile(r"(?:^|(?<=\s))(\d{1,3})$")

    def __init__(self, before: list[str], months: list[str]):
        self.before = {w.lower() for w in before}
        self.months = {m.lower() for m in months}

    def keeps(self, line: str, dot: int) -> bool:
        head = line[max(0, dot - 40):dot]
        if not self.NUMBER.search(head):
            return False
        nxt = line[dot + 1:dot + 40].split(maxsplit=1)
        word = nxt[0].strip(",;:»\"'") if nxt else ""
        if not word or not word[0].isalpha():
            return False
        if word[0].islower() or word.lower() in self.months:
            return True
        prev = head.rsplit(None, 2)
        return len(prev) >= 2 and prev[-2].lower() in self.before


@lru_cache(maxsize=None)
def _ordinals(lang: str | None) -> Ordinals | None:
    """The language's ordinal rule, built once per language (not once per document)."""
    from . import resources

    data = resources.lang_data(lang) if lang else {}
    if "ordinal_dot" not in data:
        return None
    months = [m for forms in (data.get("dates") or {}).get("months", []) for m in forms]
    return Ordinals(data["ordinal_dot"], months)


@lru_cache(maxsize=None)
def _final_words(lang: str | None) -> frozenset:
    """Short words of the language that end sentences and are no initials (the language
    file's `final_words`: Hindi "है." where a full stop stands for the danda)."""
    from . import resources

    return frozenset((resources.lang_data(lang) if lang else {}).get("final_words") or ())


def _split(text: str, ordinals: Ordinals | None = None, final: frozenset = frozenset()) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        s = 0
        ends = [(m.start(), m.end(), m.group()) for m in END.finditer(line)]
        if "." in line:
            ends += [(m.start(), m.end(), "glued") for m in GLUED.finditer(line) if _glued(line, m.start())]
            ends.sort()
        for start, e, group in ends:
            if group == "glued":
                if line[s:e].strip():
                    spans.append(_trim(text, start_line + s, start_line + e))
                s = e
                continue
            if group == "." and NUMBER_DOT_NUMBER.match(line, start - 1):
                continue  # "2019. 10. 03. 17:13": a date written with dots, not three sentences
            if group.startswith(".") and (ABBREV.search(line[max(0, start - 6):start + 1])
                                              or _initial(line, start, final)
                                              or (ordinals and group == "." and ordinals.keeps(line, start))):
                continue
            if line[s:e].strip():
                spans.append(_trim(text, start_line + s, start_line + e))
            s = e
        if line[s:].strip():
            spans.append(_trim(text, start_line + s, start_line + len(line)))
    return spans


def _initial(line: str, dot: int, final: frozenset = frozenset()) -> bool:
    """A one- or two-letter word before the dot, a word after it: an initial or a short
    abbreviation ("S. Jaishankar", "एस. जयशंकर", "Dr. Li"), not the end of a sentence."""
    j = dot
    # three characters back decide (a word of three is no initial): a word of a million
    # letters before a dot is not walked through
    while j > 0 and dot - j < 3 and (line[j - 1].isalpha() or unicodedata.category(line[j - 1]) in ("Mn", "Mc")):
        j -= 1
    word = line[j:dot]
    if word in final:
        return False
    latin = all(ord(c) < 0x250 for c in word)
    # in Latin script a two-letter word ends sentences ("it.", "us."): initials only
    if not (1 <= len(word) <= (1 if latin else 2)) or (j > 0 and not line[j - 1].isspace()):
        return False
    rest = line[dot + 1:dot + 3]
    return len(rest) == 2 and rest[0] == " " and rest[1].isalpha()


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b, "sentence")


def split_sentences(doc: Doc) -> Doc:
    doc.sentences = split(doc.text, lang=doc.language)
    return doc
