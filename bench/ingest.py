"""Benchmark `dyad ingest`: articles per second and peak memory for N documents.

Usage: python bench/ingest.py [--n 10000] [--db PATH] [--json OUT]
Corpus: the seed and dev articles (tests/data/shared) and examples/, repeated to N documents,
each copy made distinct by an edition line (so every copy is stored, checked for being a
reprint, and its events merged). Prints throughput for the whole run and for the last
tenth (to show that time per article does not grow with the database).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyad.doc import Doc  # noqa: E402
from dyad.ingest import Summary, store_doc  # noqa: E402
from dyad.pipeline import pipe  # noqa: E402
from dyad.readers import iter_paths  # noqa: E402
from dyad.store import connect  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()
    paths = [ROOT / "examples", ROOT / "tests" / "data" / "shared" / "seeds", ROOT / "tests" / "data" / "shared" / "dev" / "articles"]
    base = [d for d in iter_paths([str(p) for p in paths if p.exists()]) if not d.error]
    tmp = tempfile.TemporaryDirectory()
    db = connect(args.db or Path(tmp.name) / "bench.db")
    docs = (Doc(input=f"bench/{i}", raw=base[i % len(base)].raw + f"\n\nEdition {i}.\n") for i in range(args.n))
    summary = Summary()
    t0 = time.perf_counter()
    marks = []
    for i, doc in enumerate(pipe(docs), 1):
        store_doc(db, doc, summary)
        if i % max(1, args.n // 10) == 0:
            marks.append((i, time.perf_counter() - t0))
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    last = (marks[-1][0] - marks[-2][0]) / (marks[-1][1] - marks[-2][1]) if len(marks) >= 2 else None
    first = marks[0][0] / marks[0][1] if marks else None
    out = {"documents": args.n, "seconds": round(dt, 2), "articles_per_second": round(args.n / dt, 1),
           "first_tenth_per_second": round(first, 1) if first else None,
           "last_tenth_per_second": round(last, 1) if last else None,
           "peak_rss_mb": round(peak, 1), "events": db.scalar("SELECT COUNT(*) FROM events"),
           "reprints": summary.reprints}
    print(f"dyad ingest: {args.n} documents in {dt:.1f} s = {out['articles_per_second']} articles/s "
          f"(first tenth {out['first_tenth_per_second']}/s, last tenth {out['last_tenth_per_second']}/s); "
          f"peak memory {out['peak_rss_mb']} MB; {out['events']} merged events, {summary.reprints} reprints")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
