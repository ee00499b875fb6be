"""Benchmark `dyad extract`: articles per second and peak memory.

Usage: python bench/extract.py [--n 1000] [--json OUT]
Corpus: the seed and dev articles (../shared) plus examples/, repeated to N documents.
Runs the full pipeline in one process on one core, as `dyad extract` does, and prints
throughput and the peak resident memory (knowledge base and lexicons loaded).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyad.doc import Doc  # noqa: E402
from dyad.pipeline import pipe  # noqa: E402
from dyad.readers import iter_paths  # noqa: E402


def corpus() -> list[Doc]:
    paths = [ROOT / "examples", ROOT.parent / "shared" / "seeds", ROOT.parent / "shared" / "dev" / "articles"]
    docs = [d for d in iter_paths([str(p) for p in paths if p.exists()]) if not d.error]
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--json", default=None, help="write the figures to this JSON file")
    args = ap.parse_args()
    base = corpus()
    t0 = time.perf_counter()
    # warm-up: loads language models, lexicons and the knowledge base once
    list(pipe([Doc(input=d.input, raw=d.raw) for d in base]))
    warm = time.perf_counter() - t0
    docs = [Doc(input=f"{i}:{base[i % len(base)].input}", raw=base[i % len(base)].raw) for i in range(args.n)]
    chars = sum(len(d.raw) for d in docs)
    t0 = time.perf_counter()
    events = 0
    for doc in pipe(docs):
        events += len(doc.events)
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"documents": args.n, "distinct_texts": len(base), "chars": chars, "seconds": round(dt, 3),
           "articles_per_second": round(args.n / dt, 1), "mb_per_second": round(chars / dt / 1e6, 3),
           "events": events, "warmup_seconds": round(warm, 2), "peak_rss_mb": round(peak_mb, 1)}
    print(f"dyad extract: {args.n} documents ({len(base)} distinct texts, {chars / 1e6:.1f} M chars) "
          f"in {dt:.2f} s = {out['articles_per_second']} articles/s on one core; "
          f"peak memory {out['peak_rss_mb']} MB; start-up {warm:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
