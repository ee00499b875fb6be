"""Articles that are not about politics: sport reports and natural disasters.

A sport report speaks of attacks, strikes, visits and defeats; an earthquake "kills".
Such words are the coder's triggers, so the article's kind decides whether they are
events. The kinds and their cue words are data: each language file lists under
`off_topic` the words of each kind (`"sport": ["football", "goalkeeper", ...]`; a word
ending in `*` is a stem: "футбол*" holds "футбольный"), English words count in every
language (FIFA, UEFA), and each PLOVER type names in the ontology the kinds of article it
is not coded in (`off_topic_veto`).

An article is of a kind when it holds MIN_HITS of its cue words or more: one word is
a passing mention ("the talks on the sidelines of the World Cup"), three are a report.
Even then an event with a named person or an office as a side is coded (`coder._code`):
leaders who meet at the Olympics meet.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import resources
from .doc import Doc
from .normalize import NOT_AFTER, NOT_BEFORE, WORD_CLASS, norm

MIN_HITS = 3


def _pattern(word: str, spaced: bool) -> str:
    parts = []
    for tok in norm(word).split():
        parts.append(re.escape(tok[:-1]) + WORD_CLASS + "*" if tok.endswith("*") else re.escape(tok))
    body = r"\s+".join(parts)
    return NOT_BEFORE + body + NOT_AFTER if spaced else body


@lru_cache(maxsize=None)
def cue_patterns(lang: str) -> dict[str, re.Pattern]:
    """Per kind of article, one pattern of the cue words of the language and of English."""
    data = resources.lang_data(lang)
    spaced = data.get("script_spacing", True)
    words: dict[str, set[str]] = {}
    for code in dict.fromkeys([lang, "en"]):
        for kind, ws in (resources.lang_data(code).get("off_topic") or {}).items():
            words.setdefault(kind, set()).update(w for w in ws if norm(w).strip("*"))
    return {kind: re.compile("|".join(_pattern(w, spaced) for w in sorted(ws, key=len, reverse=True)))
            for kind, ws in words.items() if ws}


def article_kinds(doc: Doc) -> set[str]:
    """The kinds of article this one is (`sport`, `disaster`), by its cue words."""
    if "_off_topic" not in doc.meta:
        text = norm(doc.text)
        doc.meta["_off_topic"] = sorted(
            kind for kind, rx in cue_patterns(doc.language or "en").items()
            if _hits(rx, text) >= MIN_HITS)
    return set(doc.meta["_off_topic"])


def _hits(rx: re.Pattern, text: str) -> int:
    n = 0
    for _ in rx.finditer(text):
        n += 1
        if n >= MIN_HITS:
            break
    return n
