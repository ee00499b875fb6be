"""Regions: provinces, states, oblasts and a few well-known regions that are no ISO
subdivision ("Donbas", "Gaza Strip", "Darfur"), each with its country, from
`data/geo/regions.jsonl` (built by `tools/build_regions.py` from Debian's iso-codes).

They give a country where a sentence names no city ("unknown gunmen in Cabo Delgado",
"обстріли Донецької області"). They have no coordinates. Names in an article's language
are its own catalogue's plus the ISO names in its scripts; the language's `region_words`
("область", "province") may be left out: a Ukrainian list "Полтавської, Львівської
областей" names each oblast by its adjective alone.
"""
from __future__ import annotations

import json
from functools import lru_cache

from . import resources
from .normalize import is_cjk, norm

PREFIXES = ("iso:", "x:")
MIN_LETTERS = 4          # as for cities: shorter names are words ("Ica", "Van")
MIN_LETTERS_BARE = 5     # a name without its region word is an adjective: a longer one


def is_region(pid: str) -> bool:
    return pid.startswith(PREFIXES)


def well_known(pid: str) -> bool:
    """One of the hand list's regions the press names without their country."""
    return pid.startswith("x:")


@lru_cache(maxsize=1)
def _records() -> dict[str, dict]:
    path = resources.DATA / "geo" / "regions.jsonl"
    out = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[rec["id"]] = rec
    return out


def record(pid: str) -> dict | None:
    return _records().get(pid)


def _letters(k: str) -> int:
    return sum(ch.isalpha() for ch in k)


def names_for(lang: str, script_of, scripts: frozenset[str]) -> dict[str, str]:
    """Normalised name -> region id, for an article in `lang`: its own names, the ISO names
    in its scripts, and each without the language's region word."""
    words = {norm(w).strip() for w in resources.lang_data(lang).get("region_words") or []}
    out: dict[str, str] = {}
    for pid, rec in _records().items():
        names = rec["names"]
        for nm in (names.get(lang) or []) + (names.get("*") or []):
            k = norm(nm).strip()
            if not k or script_of(k[0]) not in scripts:
                continue
            short = is_cjk(k[0]) or "\uac00" <= k[0] <= "\ud7af"
            # Chinese, Japanese, Korean: three characters at least (萨尔 Saarland is in 费萨尔 Faisal)
            if _letters(k) >= (3 if short else MIN_LETTERS):
                out.setdefault(k, pid)
            bare = _without_word(k, words)
            if bare and _letters(bare) >= MIN_LETTERS_BARE:
                out.setdefault(bare, pid)
    return out


def _without_word(k: str, words: set[str]) -> str | None:
    """"полтавська область" -> "полтавська"; "obwód doniecki" -> "doniecki"."""
    parts = k.split()
    if len(parts) == 2 and parts[1] in words:
        return parts[0]
    if len(parts) == 2 and parts[0] in words:
        return parts[1]
    return None
