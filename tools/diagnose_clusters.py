"""Why the merge joins or splits what it does, on the DEV half of a cluster gold set only.

    python tools/diagnose_clusters.py eval/clusters/gold.jsonl [--show 20] [--fast]

Ingests the dev articles into a temporary database and lists, for article pairs the merge
joins but the gold keeps apart (FP), the merged event they share; and for pairs the gold
joins but the merge keeps apart (FN), each article's events of the cluster's pair. The test
half is never read.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dyad.evaluate import gold_cluster_sets, load_gold  # noqa: E402
from dyad.evaluate_events import with_urls  # noqa: E402
from dyad.ingest import ingest  # noqa: E402
from dyad.store import connect  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--fast", action="store_true")
    a = ap.parse_args()
    golds = [g for g in load_gold(a.gold) if g.get("split") == "dev"]
    tmp = tempfile.mkdtemp()
    db = connect(Path(tmp) / "d.db")
    ingest(None, db, docs=with_urls(golds), profile="fast" if a.fast else "default")
    truth = gold_cluster_sets(golds)
    by_path = {g["_path"]: g for g in golds}
    pred: dict[str, set[int]] = defaultdict(set)
    events = {}
    for r in db.query("SELECT a.input, a.published, em.event_id, em.type, em.date, em.block_date, "
                      "em.source_country, em.target_country, em.rule FROM event_mentions em "
                      "JOIN articles a ON a.id = em.article_id JOIN events e ON e.id = em.event_id "
                      "WHERE e.modality = 'asserted'"):
        p = str(Path(r["input"]).resolve())
        pred[p].add(r["event_id"])
        events.setdefault(r["event_id"], []).append((Path(p).name, r["type"], r["source_country"],
                                                     r["target_country"], r["date"], r["block_date"], r["published"]))
    fp_kinds: Counter = Counter()
    fps, fns = [], []
    paths = [g["_path"] for g in golds]
    for x, y in combinations(paths, 2):
        gold_same = bool(truth[x] & truth[y])
        shared = pred[x] & pred[y]
        if shared and not gold_same:
            for e in shared:
                ms = [m for m in events[e] if m[0] in (Path(x).name, Path(y).name)]
                dated = "dated" if all(m[4] for m in ms) else "undated" if not any(m[4] or m[6] for m in ms) else "mixed"
                fp_kinds[dated] += 1
                fps.append((Path(x).name, Path(y).name, ms))
        elif gold_same and not shared:
            fns.append((Path(x).name, Path(y).name, sorted(truth[x] & truth[y])))
    print(f"dev: {len(fps)} FP (pair, shared event) and {len(fns)} FN pairs; FP by dates: {dict(fp_kinds)}")
    for x, y, ms in fps[:a.show]:
        print(f"FP {x} ~ {y}")
        for m in ms:
            print(f"     {m}")
    cluster_fn: Counter = Counter(c for *_, cs in fns for c in cs)
    print("FN pairs by cluster:", cluster_fn.most_common(12))
    for x, y, cs in fns[:a.show]:
        print(f"FN {x} ~ {y} {cs}")
        for p in (x, y):
            full = next(q for q in paths if Path(q).name == p)
            evs = [(m[1], m[2], m[3], m[4], m[5], m[6]) for e in pred[full] for m in events[e] if m[0] == p]
            print(f"     {p} pub={by_path[full]['gold'].get('pub_date')}: {evs[:6]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
