"""Soak test: extract many generated documents in one process and watch its memory.

Usage: python bench/soak.py [--n 100000] [--profile fast|default] [--every 10000]
                            [--hostile-every 50] [--seed 15]

Documents are GENERATED, one at a time (never held all at once): the sentences of the
sample articles (examples/, tests/data/shared, tests/fixtures/lang) recombined per
language into texts of 1 to 40 sentences, with a given language, title or publication
date on some; one in `--hostile-every` is hostile instead (bytes that decode to control
characters, a megabyte-class line without punctuation, combining marks and bidi
overrides, runs of dots or carriage returns, random code points, a bogus language code,
a publication date in year 1 or 9999, JSONL records through the reader). They run
through `pipeline.pipe` with the per-document limits in force.

Prints the resident set size (VmRSS from /proc/self/status) after the warm-up (one
document of each language and each hostile kind) and at every `--every` documents, and
at the end the growth after warm-up: the target is under 10 %.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from dyad.doc import Doc  # noqa: E402


def rss_mb() -> float:
    """Resident set size in MB, from /proc (no psutil, no resource: the current value,
    not the peak)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, where /proc is missing


def sentence_pool() -> dict[str, list[str]]:
    """Per language: the sentences of the sample articles."""
    from dyad.pipeline import pipe
    from dyad.readers import iter_paths

    paths = [ROOT / "examples", ROOT / "tests" / "data" / "shared" / "seeds",
             ROOT / "tests" / "data" / "shared" / "dev" / "articles", ROOT / "tests" / "fixtures" / "lang"]
    pool: dict[str, list[str]] = {}
    for d in pipe(iter_paths([str(p) for p in paths if p.exists()]), "fast"):
        if d.error or not d.language:
            continue
        pool.setdefault(d.language, []).extend(
            s for s in (d.text[x.start:x.end].strip() for x in d.sentences) if len(s) > 25)
    return {k: v for k, v in pool.items() if v}


def hostile_kinds():
    from hostile import combining_bidi, words_without_punctuation

    words = words_without_punctuation(30_000)
    marks = combining_bidi(20_000)
    return {
        "control bytes": lambda r: ("bytes", bytes(r.randrange(1, 32) for _ in range(2000))),
        "random bytes": lambda r: ("bytes", r.randbytes(3000)),
        "no punctuation": lambda r: ("text", words[r.randrange(1000):]),
        "combining and bidi": lambda r: ("text", "Putin" + marks[r.randrange(100):] + " met Xi."),
        "dots": lambda r: ("text", "Putin met Xi" + "." * r.randrange(10_000, 100_000) + "x"),
        "carriage returns": lambda r: ("text", "Putin met\r" * r.randrange(1000, 10_000)),
        "random code points": lambda r: ("text", "".join(chr(r.randrange(0x20, 0x2FFFF)) for _ in range(3000))
                                          .encode("utf-8", "replace").decode("utf-8", "replace")),
        "bogus language": lambda r: ("meta", {"language": f"x{r.randrange(10**6)}"}),
        "year 1": lambda r: ("meta", {"published": "0001-01-01"}),
        "year 9999": lambda r: ("meta", {"published": "9999-12-31"}),
        "jsonl": lambda r: ("jsonl", "\n".join([json.dumps({"text": "Putin met Xi in Moscow.", "language": "en"}),
                                                "{broken", json.dumps({"text": "\ud800 x"}), "[" * 5000]).encode()),
    }


def documents(n: int, pool: dict[str, list[str]], hostile_every: int, seed: int):
    """`n` documents, one at a time (a generator): articles of 1 to 40 sentences in a
    language of the pool, and every `hostile_every`-th a hostile one."""
    from dyad.readers import InputError, _jsonl_stream, decode_bytes

    r = random.Random(seed)
    langs = sorted(pool)
    kinds = hostile_kinds()
    names = sorted(kinds)
    i = 0
    while i < n:
        if hostile_every and i % hostile_every == hostile_every - 1:
            kind = names[(i // hostile_every) % len(names)]
            what, payload = kinds[kind](r)
            if what == "bytes":
                try:
                    yield Doc(input=f"soak-{i}-{kind}", raw=decode_bytes(payload, kind))
                except InputError as e:
                    yield Doc(input=f"soak-{i}-{kind}", error=str(e))
                i += 1
                continue
            if what == "jsonl":
                for d in _jsonl_stream(io.BytesIO(payload), f"soak-{i}"):
                    if i < n:
                        yield d
                        i += 1
                continue
            if what == "meta":
                lang = r.choice(langs)
                doc = Doc(input=f"soak-{i}-{kind}", raw=" ".join(r.sample(pool[lang], min(5, len(pool[lang])))))
                doc.meta.update({f"given_{k}": v for k, v in payload.items()})
                yield doc
                i += 1
                continue
            yield Doc(input=f"soak-{i}-{kind}", raw=payload)
            i += 1
            continue
        lang = langs[r.randrange(len(langs))]
        sents = pool[lang]
        k = min(len(sents), 1 + int(r.expovariate(1 / 8)) % 40)
        doc = Doc(input=f"soak-{i}", raw=" ".join(r.sample(sents, k)) + f" ({i})")
        if r.random() < 0.3:
            doc.meta["given_published"] = f"20{r.randrange(20, 27)}-0{r.randrange(1, 10)}-1{r.randrange(0, 10)}"
        if r.random() < 0.2:
            doc.meta["given_language"] = lang
        yield doc
        i += 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="documents (default 100,000)")
    ap.add_argument("--profile", default="fast", help="pipeline profile (default: fast)")
    ap.add_argument("--every", type=int, default=10_000, help="print RSS every this many documents")
    ap.add_argument("--hostile-every", type=int, default=50, help="one hostile document in this many (0: none)")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args(argv)

    from dyad.pipeline import get_stages, pipe

    t0 = time.monotonic()
    print(f"RSS at start: {rss_mb():.0f} MB", flush=True)
    pool = sentence_pool()
    get_stages(args.profile)
    # warm-up: one document of every language and every hostile kind, so that what the
    # process loads once (models, each language's matchers) is in before the baseline
    warm = [Doc(input=f"warm-{lang}", raw=" ".join(pool[lang][:5])) for lang in sorted(pool)]
    list(pipe(warm, args.profile))
    list(pipe(documents(2 * len(hostile_kinds()) * max(args.hostile_every, 1), pool, args.hostile_every,
                        args.seed + 1), args.profile))
    base = rss_mb()
    print(f"languages: {len(pool)} ({', '.join(sorted(pool))}); profile {args.profile}; "
          f"one hostile document in {args.hostile_every}", flush=True)
    print(f"RSS after warm-up: {base:.0f} MB ({time.monotonic() - t0:.0f} s)", flush=True)
    print(f"{'documents':>10} {'RSS MB':>8} {'growth':>8} {'errors':>7} {'events':>8} {'docs/s':>7} {'slowest s':>9}",
          flush=True)
    done = errors = events = 0
    slowest = 0.0
    t1 = last = time.monotonic()
    rows = []
    for doc in pipe(documents(args.n, pool, args.hostile_every, args.seed), args.profile, batch_size=1):
        now = time.monotonic()
        slowest = max(slowest, now - last)
        last = now
        done += 1
        errors += bool(doc.error)
        events += len(doc.events)
        if done % args.every == 0 or done == args.n:
            r = rss_mb()
            rows.append((done, r))
            print(f"{done:>10,} {r:>8.0f} {100 * (r - base) / base:>+7.1f}% {errors:>7,} {events:>8,} "
                  f"{done / (now - t1):>7.0f} {slowest:>9.2f}", flush=True)
    final = rss_mb()
    growth = 100 * (final - base) / base
    print(f"RSS growth after warm-up: {final - base:+.0f} MB ({growth:+.1f} %; target < 10 %) over {done:,} "
          f"documents in {time.monotonic() - t1:.0f} s", flush=True)
    return 0 if growth < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
