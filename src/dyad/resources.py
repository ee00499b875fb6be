"""Loading the shipped data files: per-language lexicons and the actor knowledge base.

Data lives in `dyad/data/` (see docs/data-format.md). A user knowledge base (from
`dyad kb import`) is read from the directory named by DYAD_KB_DIR, or from
`~/.local/share/dyad/kb`, on top of what ships.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA = Path(str(resources.files("dyad") / "data"))


def user_kb_dir() -> Path:
    env = os.environ.get("DYAD_KB_DIR")
    if env:
        return Path(env)
    return Path(os.path.expanduser("~/.local/share/dyad/kb"))


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Languages with a language file, in any data directory."""
    return tuple(sorted({p.stem for root in data_dirs() for p in (root / "lang").glob("*.json")}))


def data_dirs() -> list[Path]:
    """The shipped data, then an extension directory (DYAD_DATA_DIR) read on top of it."""
    env = os.environ.get("DYAD_DATA_DIR")
    return [DATA] + ([Path(env)] if env else [])


def _extend(into: dict, more: dict) -> None:
    """Lists are appended, mappings merged, scalars replaced."""
    for k, v in more.items():
        if isinstance(v, list) and isinstance(into.get(k), list):
            into[k] = into[k] + [x for x in v if x not in into[k]]
        elif isinstance(v, dict) and isinstance(into.get(k), dict):
            _extend(into[k], v)
        else:
            into[k] = v


@lru_cache(maxsize=None)
def lang_data(code: str) -> dict:
    """A language's profile and lexicon: `lang/<code>.json`, plus the trigger lines of
    `lexicon/<code>.jsonl` and `lexicon/<code>.*.jsonl`, from every data directory."""
    data: dict = {}
    for root in data_dirs():
        path = root / "lang" / f"{code}.json"
        if path.exists():
            with open(path, encoding="utf-8") as f:
                more = json.load(f)
            if root != DATA:
                # the user's own triggers win over the shipped ones they overlap
                for t in more.get("triggers", []):
                    t.setdefault("src", "extension")
            _extend(data, more)
        lex = root / "lexicon"
        if lex.is_dir():
            for p in sorted(lex.glob(f"{code}.jsonl")) + sorted(lex.glob(f"{code}.*.jsonl")):
                for rec in _read_jsonl(p):
                    # where a trigger came from decides ties (see triggers.find_triggers)
                    rec.setdefault("src", "lexicon" if root == DATA else "extension")
                    data.setdefault("triggers", []).append(rec)
    data.setdefault("language", code)
    return data





def _read_jsonl(path: Path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: invalid JSON: {e}") from None


def _merge(into: dict, rec: dict) -> None:
    """Unite two records of one entity: names and roles are merged, scalars kept if set."""
    for key in ("names", "adjectives", "metonyms"):
        if key in rec:
            dst = into.setdefault(key, {})
            for lang, vals in rec[key].items():
                cur = dst.setdefault(lang, [])
                for v in vals if isinstance(vals, list) else [vals]:
                    if v not in cur:
                        cur.append(v)
    if "roles" in rec:
        roles = into.setdefault("roles", [])
        for r in rec["roles"]:
            if r not in roles:
                roles.append(r)
    for k, v in rec.items():
        if k not in ("names", "adjectives", "metonyms", "roles") and into.get(k) in (None, ""):
            into[k] = v


@lru_cache(maxsize=None)
def kb_records() -> tuple[dict, ...]:
    """All knowledge-base records (shipped, then the user's), merged by id."""
    files = sorted((DATA / "kb").glob("*.jsonl"))
    udir = user_kb_dir()
    if udir.is_dir():
        files += sorted(udir.glob("*.jsonl"))
    merged: dict[str, dict] = {}
    for path in files:
        for rec in _read_jsonl(path):
            rid = rec.get("id") or rec.get("wikidata")
            if not rid:
                continue
            if path.stem.startswith("places"):
                rec.setdefault("kind", "place")
            if rid in merged:
                _merge(merged[rid], rec)
            else:
                merged[rid] = json.loads(json.dumps(rec))
    return tuple(merged.values())


def clear_caches() -> None:
    """Forget everything read from the data files (after DYAD_DATA_DIR or DYAD_KB_DIR
    changes, or a `dyad kb import`): the next document reads them again."""
    from . import actors, arguments, attribution, counts, ontology, places, regions, topics, triggers

    ontology.clear_caches()
    languages.cache_clear()
    lang_data.cache_clear()
    kb_records.cache_clear()
    triggers.compiled.cache_clear()
    actors.matcher.cache_clear()
    actors.kb_index.cache_clear()
    places._automaton.cache_clear()
    places._morphology.cache_clear()
    places._street_words.cache_clear()
    regions._records.cache_clear()
    topics.cue_matchers.cache_clear()
    attribution._patterns.cache_clear()
    counts._words.cache_clear()
    arguments.conjunctions.cache_clear()

