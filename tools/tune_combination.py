"""Set the combination rule's thresholds (coder.AGREE_TOP, AGREE_P, STRONG_WEIGHT, ALONE_P,
ALONE_MARGIN) on the DEV half of an event gold set. The test half is never read.

    python tools/tune_combination.py eval/events/gold.jsonl

Runs the pipeline once up to the learned coder, then codes the events again for each
setting of a small grid and prints dev precision, recall and F1, best first.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dyad import coder  # noqa: E402
from dyad import evaluate_events as ee  # noqa: E402
from dyad.output import doc_json  # noqa: E402
from dyad.pipeline import PROFILES, pipe  # noqa: E402
from dyad.readers import iter_paths  # noqa: E402

GRID = {
    "AGREE_TOP": [2, 3],
    "AGREE_P": [0.05, 0.15],
    "STRONG_WEIGHT": [0.8, 1.0],
    "ALONE_P": [0.5, 0.7],
    "NONE_VETO": [0.4, 0.6, 1.1],
    "MIN_CONFIDENCE": [0.5, 0.6, 0.7],
}


def main() -> int:
    gold = sys.argv[1]
    golds = [g for g in ee.load(gold) if g.get("split") == "dev"]
    stages = [s for s in PROFILES["default"] if s != "events"]
    docs = {d.input: d for d in pipe(iter_paths([g["_label"] for g in golds]), stages)}
    rows = []
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        for k, v in zip(keys, values):
            setattr(coder, k, v)
        acc = ee._new_acc()
        for g in golds:
            d = docs[g["_label"]]
            d.meta.pop("below_threshold", None)
            coder.code_events(d)
            ee.score_doc(g, doc_json(d), d.text, acc)
        s = ee.summarize(acc)
        rows.append((s["f1"], s["precision"], s["recall"], dict(zip(keys, values))))
    rows.sort(key=lambda r: -r[0])
    for f1, p, r, setting in rows[:15]:
        print(f"F1={f1:.4f} P={p:.4f} R={r:.4f} {setting}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
