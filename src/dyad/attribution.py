"""Whom a sentence cites is not a party to what it reports.

"A U.S. airstrike killed 17 villagers, according to Afghan officials", "Die US-Armee hat nach
afghanischen Angaben ... angegriffen", "据新华社报道", "Reuters'a göre": the officials, the
agency, the ministry quoted are where the news comes from. Left among the actors they
become the target of the airstrike or the source of the talks.

Each language file lists its citing phrases under `attribution`, with `…` where the one
cited stands: "according to …" (after the words), "… zufolge" (before them), "nach …
Angaben", "据…报道" (between). The cited phrase runs to the next clause break, at most
PHRASE_CHARS characters after the words or PHRASE_WORDS words before them; the actor cited
in it (the first after the words, the last before them, any between) is dropped from the
article's actors before the coder chooses sources and targets.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import resources
from .doc import Doc

PHRASE_CHARS = 40
PHRASE_WORDS = 3
UNSPACED_CHARS = 16
BREAK = r"[^,;:.!?،؛。、，；：\n]"


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    data = resources.lang_data(lang)
    spaced = data.get("script_spacing", True)
    out = []
    for phrase in data.get("attribution") or []:
        if "…" not in phrase:
            continue
        left_raw, right_raw = phrase.split("…", 1)
        left, right = left_raw.strip(), right_raw.strip()
        # a space next to "…" asks for one in the text ("secondo i …" is not "secondo
        # incontro"); none lets the name cling ("وفقا ل…": "وفقا لوزارة")
        sep_l = r"\s+" if left_raw.endswith(" ") else ""
        sep_r = r"\s+" if right_raw.startswith(" ") else ""
        if left and right:
            rx, kind = re.escape(left) + sep_l + f"(?P<who>{BREAK}{{1,{PHRASE_CHARS}}}?)" + sep_r + re.escape(right), \
                "inside"
        elif left:
            rx, kind = re.escape(left) + sep_l + f"(?P<who>{BREAK}{{1,{PHRASE_CHARS}}})", "starts"
        elif spaced:
            # the few words before "… zufolge", "… göre"
            rx, kind = rf"(?P<who>(?:[^\s,;:.!?،؛]+\s+){{0,{PHRASE_WORDS - 1}}}[^\s,;:.!?،؛]+?)" + sep_r + \
                re.escape(right), "ends"
        else:
            rx, kind = f"(?P<who>{BREAK}{{1,{UNSPACED_CHARS}}})" + re.escape(right), "ends"
        if spaced and left and left[0].isalnum():
            rx = r"(?<!\w)" + rx
        out.append((re.compile(rx, re.IGNORECASE), kind))
    return tuple(out)


def cited_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every cited phrase in the text."""
    out = []
    for rx, kind in _patterns(doc.language or "en"):
        for m in rx.finditer(doc.text):
            out.append((m.start("who"), m.end("who"), kind))
    return out


def drop_cited(doc: Doc) -> Doc:
    """Remove from `doc.actors` the mentions that stand in a cited phrase."""
    spans = cited_spans(doc)
    if not spans:
        return doc

    # the one cited is the first actor after "according to" ("according to a Kremlin
    # readout of the call between Putin and Xi": the Kremlin, not Putin), the last before
    # "… zufolge", "Reuters'a göre" (a suffix may follow the name), every one inside
    # "nach … Angaben"
    cited: set[int] = set()
    for s, e, kind in spans:
        if kind == "starts":
            inside = [m for m in doc.actors if s <= m.start < e]
            cited |= {id(min(inside, key=lambda m: m.start))} if inside else set()
        elif kind == "ends":
            inside = [m for m in doc.actors if s < m.end <= e + 3]
            cited |= {id(max(inside, key=lambda m: m.end))} if inside else set()
        else:
            cited |= {id(m) for m in doc.actors if s <= m.start < e}
    if cited:
        doc.meta["cited_actors"] = [doc.text[m.start:m.end] for m in doc.actors if id(m) in cited]
        doc.actors = [m for m in doc.actors if id(m) not in cited]
    return doc
