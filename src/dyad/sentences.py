"""Sentence splitting: lines first, then sentence-final punctuation of every script.

A rule-based splitter is enough for event coding (a trigger and its actors are looked
up in one sentence) and is fast; it does not split after initials ("S. Jaishankar") or
a short list of abbreviations.
"""
from __future__ import annotations

import re
import unicodedata

from .doc import Doc, Span

END = re.compile(r"[.!?。！？؟۔।॥։]+[\"'»”’)\]]*(?=\s|$)|[。！？]")
ABBREV = re.compile(r"(\b\w\.|\b(mr|mrs|ms|dr|st|no|vs|jr|sr|prof|gen|col|lt|gov|sen|rep|"
                    r"т\.е|т\.к|г|гг|им|ул|др|стр|сов|ген|проф|hz|bzw|z\.b|nr|dr|mme|m|sig|sra|sr|"
                    r"u\.s|u\.k|u\.n)\.)$", re.I)


def split(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        s = 0
        for m in END.finditer(line):
            e = m.end()
            if m.group().startswith(".") and (ABBREV.search(line[max(0, m.start() - 6):m.start() + 1])
                                              or _initial(line, m.start())):
                continue
            if line[s:e].strip():
                spans.append(_trim(text, start_line + s, start_line + e))
            s = e
        if line[s:].strip():
            spans.append(_trim(text, start_line + s, start_line + len(line)))
    return spans


def _initial(line: str, dot: int) -> bool:
    """A one- or two-letter word before the dot, a word after it: an initial or a short
    abbreviation ("S. Jaishankar", "एस. जयशंकर", "Dr. Li"), not the end of a sentence."""
    j = dot
    while j > 0 and (line[j - 1].isalpha() or unicodedata.category(line[j - 1]) in ("Mn", "Mc")):
        j -= 1
    word = line[j:dot]
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
    doc.sentences = split(doc.text)
    return doc
