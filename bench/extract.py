"""Benchmark `dyad extract`: articles per second and peak memory.

Usage: python bench/extract.py [--n 1000] [--profile default|fast] [--json OUT]
Corpus: the real articles of eval/ (about 800 distinct texts in 33 languages), the examples
and the seeds and the shared dev articles (tests/data/shared), cycled to N documents. Runs the
pipeline in one process, as `dyad extract` does, and prints throughput and the peak
resident memory (knowledge base and lexicons loaded). Pin it to one core with `taskset -c 0`.

The learned coder caches by sentence: texts seen twice cost nothing the second time, so
the figure that counts is the first pass over distinct texts (`--n` at most the corpus
size); the disk cache is turned off here (DYAD_CACHE_DIR=off) so that a earlier run does
not flatter this one.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DYAD_CACHE_DIR", "off")

from dyad.doc import Doc  # noqa: E402
from dyad.pipeline import pipe  # noqa: E402
from dyad.readers import iter_paths  # noqa: E402


def corpus() -> list[Doc]:
    paths = [ROOT / "eval" / "events" / "articles", ROOT / "eval" / "clusters" / "articles", ROOT / "examples",
             ROOT / "tests" / "data" / "shared" / "seeds", ROOT / "tests" / "data" / "shared" / "dev" / "articles"]
    docs = [d for d in iter_paths([str(p) for p in paths if p.exists()]) if not d.error]
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--json", default=None, help="write the figures to this JSON file")
    ap.add_argument("--profile", default="default", help="pipeline profile: default (both coders) or fast")
    args = ap.parse_args()
    everything = corpus()
    # warm-up on one half of the texts, timing on the other: loading the models, the
    # lexicons and the knowledge base, and compiling the patterns that news text uses, is
    # paid once per process; what a stream costs per article is the steady state
    warm_docs, base = everything[::2], everything[1::2]
    t0 = time.perf_counter()
    list(pipe([Doc(input=d.input, raw=d.raw) for d in warm_docs], "fast"))
    list(pipe([Doc(input=d.input, raw=d.raw) for d in warm_docs[:20]], args.profile))
    from dyad import learned

    learned._cache.clear()
    warm = time.perf_counter() - t0
    docs = [Doc(input=f"{i}:{base[i % len(base)].input}", raw=base[i % len(base)].raw) for i in range(args.n)]
    chars = sum(len(d.raw) for d in docs)
    t0 = time.perf_counter()
    events = 0
    for doc in pipe(docs, args.profile):
        events += len(doc.events)
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"profile": args.profile, "documents": args.n, "distinct_texts": len(base), "chars": chars, "seconds": round(dt, 3),
           "articles_per_second": round(args.n / dt, 1), "mb_per_second": round(chars / dt / 1e6, 3),
           "events": events, "warmup_seconds": round(warm, 2), "peak_rss_mb": round(peak_mb, 1)}
    print(f"dyad extract ({args.profile} profile): {args.n} documents ({len(base)} distinct texts, {chars / 1e6:.1f} M chars) "
          f"in {dt:.2f} s = {out['articles_per_second']} articles/s on one core (steady state: timed after a "
          f"warm-up on the other half of the texts, start-up {warm:.1f} s not counted); peak memory {out['peak_rss_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
