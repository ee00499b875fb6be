"""No stage is worse than linear in the length of its input (issue 15).

Every module-level compiled regular expression in `dyad`, and every pipeline stage on
its own, is timed on adversarial strings of two sizes, n and 8n: the time may grow by
at most RATIO (8 for linear, with slack for a busy machine; quadratic growth gives 64),
and times under FLOOR seconds are not compared at all (noise). A failure names the
regex or the stage and the input that made it super-linear.
"""
from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from hostile import combining_bidi, words_without_punctuation  # noqa: E402

RATIO = 24.0
FLOOR = 0.02  # seconds: below this at 8n, whatever the ratio, a stage is fast enough

# repeated units: runs of one character class, and the alternations regexes backtrack on
UNITS = ["a", "A", " ", ".", "a ", "a.", "1", "1.", "1 ", "12:", "-", "a-", ",", ", ", "\n", " \n", "\t", "'",
         '"', "(", ")", "<", "<a", "&", "#", ":", "/", "http://", "www.", "@", "_", "\u0640", "\u0301",
         "a\u0301", "中", "。", "\u202e", "Aa ", "A. ", "Ab. ", "aaa bbb ", "2024-", "2024-03-05 ", "\r", "|",
         "| a ", "/ a ", "©", "\u00a0", "ا ", "а ", "Д. ", "!?", "...", "…", "» ", "\ufffd", "x" * 50 + " ",
         "a - ", "date ", "photo: ", "on 5 March "]


def _module_patterns() -> list[tuple[str, re.Pattern]]:
    import dyad

    out = []
    for m in pkgutil.walk_packages(dyad.__path__, "dyad."):
        if m.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(m.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for k, v in sorted(vars(mod).items()):
            if isinstance(v, re.Pattern):
                out.append((f"{m.name}.{k}", v))
            elif isinstance(v, (list, tuple)) and v and all(isinstance(x, re.Pattern) for x in v):
                out += [(f"{m.name}.{k}[{i}]", x) for i, x in enumerate(v)]
    return out


PATTERNS = _module_patterns()


def _timed(fn, *a) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(2):
            t = time.perf_counter()
            fn(*a)
            best = min(best, time.perf_counter() - t)
    finally:
        gc.enable()
    return best


def _scan(p: re.Pattern, s: str) -> None:
    for _ in p.finditer(s):
        pass
    p.match(s)
    p.fullmatch(s)


def _words(p: re.Pattern) -> list[str]:
    """Literal words of the pattern: "date", "photo", "min read" make the strings that
    go furthest into its alternatives."""
    src = re.sub(r"\\.", " ", p.pattern)
    return list(dict.fromkeys(re.findall(r"[^\W\d_]{3,}", src)))[:6]


def test_there_are_regexes_to_test():
    assert len(PATTERNS) >= 30, [n for n, _ in PATTERNS]


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_module_regex_is_linear(name, pattern):
    n = 1000
    slow = []
    for unit in UNITS + [w + " " for w in _words(pattern)] + _words(pattern):
        k = max(1, n // len(unit))
        small, big = _timed(_scan, pattern, unit * k), _timed(_scan, pattern, unit * (8 * k))
        if big > FLOOR and big / max(small, FLOOR / 8) > RATIO:
            # once more, so that a pause of the machine is not taken for a quadratic regex
            small, big = _timed(_scan, pattern, unit * k), _timed(_scan, pattern, unit * (8 * k))
            if big > FLOOR and big / max(small, FLOOR / 8) > RATIO:
                slow.append(f"{unit!r}: {small:.4f} s at {len(unit) * k} chars, {big:.4f} s at 8x")
    assert not slow, f"{name} ({pattern.pattern[:80]!r}) is super-linear on: " + "; ".join(slow)


# --- the stages ------------------------------------------------------------------------------

STAGE_UNITS = {
    "short lines with a name": "Putin met\n",
    "capitalised words": "President Of The United Nations ",
    "full name then surname": "Vladimir Putin met Wong. ",
    "events": "Vladimir Putin met Xi Jinping in Moscow on 5 March 2024. ",
    "killed and wounded": "Five people were killed and 12 wounded in Kyiv on Monday, police said. ",
    "city names": "Paris London Berlin Moscow Kyiv Gaza ",
    "initials": "A. B. ",
    "dots": ".",
    "punctuation": "!?,;:-()[]\"' ",
    "spaces": " ",
    "carriage returns": "Putin met\r",
    "combining marks": "a\u0301\u0302\u0303 ",
    "dates and numbers": "on 5 March 2024, 1/2/3 2024-03-05 12:30 ",
    "Mr.": "Mr. Mr. ",
    "boilerplate": "Read more:\nPhoto: AP\nShare | Tweet | Email\n",
    "urls": "https://example.org/a/b?c=d ",
    "long word": "x",
    "Russian": "Путин встретился с Си Цзиньпином в Москве 5 марта 2024 года. ",
    "Arabic": "التقى الرئيس بوتين مع شي جين بينغ في موسكو يوم الثلاثاء. ",
    "Chinese": "普京在莫斯科会见了习近平。",
    "Korean": "이재명 대통령은 서울에서 말했다. 이 대통령은 ",
    "Japanese": "高市早苗首相は東京で会談した。高市首相は",
}


def _adversarial(kind: str, n: int) -> str:
    if kind == "words without punctuation":
        return words_without_punctuation(n // 6)[:n]
    if kind == "combining and bidi":
        return "Putin" + combining_bidi(n) + " met Xi."
    unit = STAGE_UNITS[kind]
    return unit * max(1, n // len(unit))


KINDS = list(STAGE_UNITS) + ["words without punctuation", "combining and bidi"]


@pytest.fixture(scope="module")
def stages():
    from dyad.pipeline import get_stages, warm_up

    chain = get_stages("default")
    warm_up(chain)
    return chain


def _stage_times(chain, text: str) -> dict[str, float]:
    from dyad.doc import Doc

    doc = Doc(input="<linearity>", raw=text)
    doc.meta["given_published"] = "2024-03-05"
    out = {}
    # no cyclic garbage collection while timing: a full collection walks the whole heap
    # (the models: hundreds of MB) and would be charged to whichever stage it fell in
    gc.collect()
    gc.disable()
    try:
        for name, fn in chain:
            t = time.perf_counter()
            doc = fn(doc)
            out[name] = time.perf_counter() - t
    finally:
        gc.enable()
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_every_stage_is_linear(stages, kind):
    n = 10_000  # and 80,000: under the 200,000 characters a document is cut to
    small = _stage_times(stages, _adversarial(kind, n))
    big = _stage_times(stages, _adversarial(kind, 8 * n))
    bad = {s: (small[s], big[s]) for s in big if big[s] > 5 * FLOOR and big[s] / max(small[s], FLOOR) > RATIO}
    if bad:  # measure again, the best of three runs: a busy machine is not a quadratic stage
        runs = [(_stage_times(stages, _adversarial(kind, n)), _stage_times(stages, _adversarial(kind, 8 * n)))
                for _ in range(3)]
        small2 = {s: min(r[0][s] for r in runs) for s in small}
        big2 = {s: min(r[1][s] for r in runs) for s in big}
        bad = {s: (small2[s], big2[s]) for s in bad
               if big2[s] > 5 * FLOOR and big2[s] / max(small2[s], FLOOR) > RATIO}
    assert not bad, f"{kind}: super-linear stages (seconds at {n:,} and {8 * n:,} chars): {bad}"
    # and in absolute terms: within the 10 s a document may take (with a margin for a
    # busy machine; an idle one runs every kind at 80,000 characters in under 3 s)
    assert sum(big.values()) < 20.0, f"{kind}: {sum(big.values()):.1f} s at {8 * n:,} chars: {big}"
