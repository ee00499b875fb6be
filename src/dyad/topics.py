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
def cue_matchers(lang: str) -> dict[str, tuple]:
    """Per kind of article: an Aho-Corasick automaton of the cue words of the language
    and of English (a stem's `*` dropped; word edges checked on each hit), and a pattern
    for the few cues with a stem inside ("лесн* пожар*"). One pass over the text per kind,
    not a large alternation tried at every character."""
    import ahocorasick

    data = resources.lang_data(lang)
    spaced = data.get("script_spacing", True)
    words: dict[str, set[str]] = {}
    for code in dict.fromkeys([lang, "en"]):
        for kind, ws in (resources.lang_data(code).get("off_topic") or {}).items():
            words.setdefault(kind, set()).update(norm(w).strip() for w in ws if norm(w).strip("* "))
    out = {}
    for kind, ws in words.items():
        auto = ahocorasick.Automaton()
        inner = []
        for w in ws:
            if "*" in w[:-1]:
                inner.append(w)
            else:
                key = w.rstrip("*")
                auto.add_word(key, (len(key), w.endswith("*")))
        auto.make_automaton() if len(auto) else None
        rx = re.compile("|".join(_pattern(w, spaced) for w in inner)) if inner else None
        out[kind] = (auto if len(auto) else None, rx, spaced)
    return out


def article_kinds(doc: Doc) -> set[str]:
    """The kinds of article this one is (`sport`, `disaster`), by its cue words."""
    if "_off_topic" not in doc.meta:
        text = norm(doc.text)
        doc.meta["_off_topic"] = sorted(
            kind for kind, matcher in cue_matchers(doc.language or "en").items()
            if _hits(matcher, text) >= MIN_HITS)
    return set(doc.meta["_off_topic"])


WORD_CHAR = re.compile(WORD_CLASS)


def _hits(matcher: tuple, text: str) -> int:
    auto, rx, spaced = matcher
    n = 0
    if auto is not None:
        for end, (length, stem) in auto.iter(text):
            start = end - length + 1
            if spaced and ((start > 0 and WORD_CHAR.match(text[start - 1]))
                           or (not stem and end + 1 < len(text) and WORD_CHAR.match(text[end + 1]))):
                continue  # inside a longer word
            n += 1
            if n >= MIN_HITS:
                return n
    if rx is not None:
        for _ in rx.finditer(text):
            n += 1
            if n >= MIN_HITS:
                return n
    return n
