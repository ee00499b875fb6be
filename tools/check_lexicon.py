"""Check a language's data files: every trigger compiles and names a known type, agents and
counts use known keys, training sentences have known labels.

    python tools/check_lexicon.py ru uk          # or: --all
Prints per-PLOVER-type trigger counts and exits 1 on any error.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dyad import resources  # noqa: E402
from dyad.ontology import PLOVER_TYPES, TYPES  # noqa: E402
from dyad.triggers import MODALITY_KEYS, compile_pattern  # noqa: E402

SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "INS", "SEP", "UAF", "CVL", "EDU",
           "LAB", "BUS", "MED", "NGO", "REF", "CRM", "REL", "HLH", "IGO"}
COUNTS = {"killed", "wounded", "arrested", "size", "released"}
MODALITY = set(MODALITY_KEYS)


def check(lang: str) -> list[str]:
    errors = []
    data = resources.lang_data(lang)
    per_type: Counter = Counter()
    for t in data.get("triggers", []):
        typ = t.get("type")
        if typ != "none" and typ not in TYPES:
            errors.append(f"{lang}: unknown type {typ!r} in {t}")
            continue
        try:
            re.compile(compile_pattern(t.get("p", ""), data))
        except re.error as e:
            errors.append(f"{lang}: pattern {t.get('p')!r} does not compile: {e}")
        if typ != "none":
            per_type[TYPES[typ].plover or "(none)"] += 1
    for sector in data.get("agents") or {}:
        if sector not in SECTORS:
            errors.append(f"{lang}: unknown agent sector {sector!r}")
    for key in data.get("counts") or {}:
        if key not in COUNTS:
            errors.append(f"{lang}: unknown count field {key!r}")
    for key in data.get("modality") or {}:
        if key not in MODALITY:
            errors.append(f"{lang}: unknown modality {key!r}")
    train = resources.DATA / "train" / f"{lang}.jsonl"
    labels: Counter = Counter()
    if train.exists():
        for n, line in enumerate(train.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("label") not in PLOVER_TYPES + ["NONE"]:
                errors.append(f"{train.name}:{n}: unknown label {rec.get('label')!r}")
            if rec.get("type") and rec["type"] not in TYPES:
                errors.append(f"{train.name}:{n}: unknown type {rec['type']!r}")
            labels[rec.get("label")] += 1
    missing = [p for p in PLOVER_TYPES if not per_type.get(p)]
    print(f"{lang}: {sum(per_type.values())} triggers; missing types: {missing or 'none'}; "
          f"agents: {sorted(data.get('agents') or {})}; counts: {sorted(data.get('counts') or {})}; "
          f"training sentences: {sum(labels.values())} ({dict(sorted(labels.items()))})")
    return errors


def main(argv: list[str]) -> int:
    langs = list(resources.languages()) if "--all" in argv else [a for a in argv if not a.startswith("-")]
    errors = [e for lang in langs for e in check(lang)]
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
