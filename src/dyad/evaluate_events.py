"""`dyad eval` on an event-type gold set (eval/events: every PLOVER type, many languages).

The rules (docs/evaluation.md):
- gold events without modality are scored; extracted asserted events are scored;
- in each document, an extracted event matches a gold event of the same PLOVER type
  (maximum matching; among candidates, the one whose sentence holds the gold evidence
  first); an unmatched extracted event whose type only a planned, background, negated
  or hypothetical gold event has is ignored, any other is a false positive;
- precision, recall and F1 per type, per language and overall (micro), for the dev and
  the test half side by side; articles with no event: the share with a false alarm;
- among matches: actor country accuracy (each actor slot the gold gives a country: the
  extracted actor in that slot has it; order ignored for undirected types) and count
  accuracy (each count the gold states: the extracted count is equal);
- a confusion matrix by type, gold evidence against the extracted event whose sentence
  holds it ("-" where none does);
- per coder: the same scores with the lexicon alone, the learned coder alone, and both.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from .ontology import PLOVER_TYPES

NONE = "-"
PROFILES = {"both": "default", "lexicon": ["clean", "language", "metadata", "sentences", "dates", "actors", "places",
                                           "triggers", "events_lexicon"],
            "learned": ["clean", "language", "metadata", "sentences", "dates", "actors", "places", "triggers",
                        "learned_wide", "events_learned"]}


def is_event_gold(path: str | Path) -> bool:
    """An event-type gold file: its events carry a `plover` type."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                evs = rec.get("gold", {}).get("events", [])
                return "split" in rec or any("plover" in e for e in evs)
    return False


def load(path: str | Path) -> list[dict]:
    path = Path(path)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            rec["_label"] = str(path.parent / rec["file"])
            out.append(rec)
    return out


def extract_all(golds: list[dict], profile) -> dict[str, dict]:
    from .output import doc_json
    from .pipeline import pipe

    return {d.input: (doc_json(d), d.text) for d in pipe(with_urls(golds), profile)}


def with_urls(golds: list[dict]):
    """The gold's articles as documents that carry their URL, as crawled input does."""
    from .readers import iter_paths

    url = {g["_label"]: g.get("url") for g in golds}
    for d in iter_paths(list(url)):
        d.url = d.url or url.get(d.input)
        yield d


def _span(text: str, evidence: str) -> tuple[int, int] | None:
    i = text.find(evidence) if evidence else -1
    return (i, i + len(evidence)) if i >= 0 else None


def _holds(ev: dict, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    e = ev["evidence"]
    return e["start"] < span[1] and span[0] < e["end"]


def _undirected(plover: str) -> bool:
    return plover in ("CONSULT", "COOPERATE")


def _country_hits(g: dict, x: dict) -> tuple[int, int]:
    gs = [(g.get(k) or {}).get("country") for k in ("source", "target")]
    xs = [(x.get(k) or {}).get("country") for k in ("source", "target")]
    if _undirected(g["plover"]):
        want = [c for c in gs if c]
        have = list(xs)
        ok = 0
        for c in want:
            if c in have:
                have.remove(c)
                ok += 1
        return ok, len(want)
    pairs = [(a, b) for a, b in zip(gs, xs) if a]
    return sum(a == b for a, b in pairs), len(pairs)


def _count_hits(g: dict, x: dict) -> tuple[int, int]:
    gc = {k: v for k, v in (g.get("counts") or {}).items() if k != "approximate" and isinstance(v, int)}
    xc = x.get("counts") or {}
    return sum(xc.get(k) == v for k, v in gc.items()), len(gc)


def score_doc(gold: dict, out: dict, text: str, acc: dict) -> dict:
    g = gold["gold"]
    scored = [e for e in g.get("events", []) if not e.get("modality") and e.get("plover") in PLOVER_TYPES]
    modal = {e.get("plover") for e in g.get("events", []) if e.get("modality")}
    ext = [e for e in out.get("events", []) if e.get("modality", "asserted") == "asserted" and e.get("plover")]
    spans = [_span(text, e.get("evidence", "")) for e in scored]
    edges = []
    for k, ge in enumerate(scored):
        cands = [i for i, x in enumerate(ext) if x["plover"] == ge["plover"]]
        cands.sort(key=lambda i: not _holds(ext[i], spans[k]))
        edges.append(cands)
    owner: dict[int, int] = {}

    def augment(k: int, seen: set[int]) -> bool:
        for i in edges[k]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = k
                    return True
        return False

    for k in range(len(scored)):
        augment(k, set())
    match = {k: i for i, k in owner.items()}
    detail = {"id": gold["id"], "language": gold["language"], "fn": [], "fp": [], "dates": []}
    for k, ge in enumerate(scored):
        t = ge["plover"]
        if k in match:
            acc["tp", t] += 1
            x = ext[match[k]]
            ok, n = _country_hits(ge, x)
            acc["country_ok"] += ok
            acc["country_n"] += n
            ok, n = _count_hits(ge, x)
            acc["counts_ok"] += ok
            acc["counts_n"] += n
            if ge.get("date"):
                # the day the gold pins, against the day the matched event carries
                acc["date_n"] += 1
                acc["date_ok"] += int(x.get("date") == ge["date"])
                if x.get("date") != ge["date"]:
                    detail["dates"].append((ge["date"], x.get("date"), t, ge.get("evidence", "")[:120],
                                            x.get("why", "")))
        else:
            acc["fn", t] += 1
            detail["fn"].append(f"{t}: {ge.get('evidence', '')[:90]}")
        held = next((x for x in ext if _holds(x, spans[k])), None)
        acc["confusion"][(t, held["plover"] if held else NONE)] += 1
    for i, x in enumerate(ext):
        if i in owner:
            continue
        if x["plover"] in modal:
            continue
        acc["fp", x["plover"]] += 1
        detail["fp"].append(f"{x['plover']} ({x.get('type')}): {x['evidence']['text'][:90]}")
        if not any(_holds(x, s) for s in spans):
            acc["confusion"][(NONE, x["plover"])] += 1
    acc["docs"] += 1
    if g.get("negative"):
        acc["negative"] += 1
        acc["false_alarm"] += int(bool(ext))
    acc["lang_ok"] += int(out.get("language") == gold["language"])
    acc["pub_ok"] += int(out.get("published") == g.get("pub_date"))
    return detail


def _new_acc() -> dict:
    acc: dict = defaultdict(int)
    acc["confusion"] = Counter()
    return acc


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if (tp + fp) and (tp + fn) else None)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": _r(p), "recall": _r(r), "f1": _r(f)}


def _r(x):
    return None if x is None else round(x, 4)


def summarize(acc: dict) -> dict:
    types = {t: _prf(acc["tp", t], acc["fp", t], acc["fn", t]) for t in PLOVER_TYPES}
    tp = sum(acc["tp", t] for t in PLOVER_TYPES)
    fp = sum(acc["fp", t] for t in PLOVER_TYPES)
    fn = sum(acc["fn", t] for t in PLOVER_TYPES)
    return {"docs": acc["docs"], **_prf(tp, fp, fn), "types": types,
            "actor_country_accuracy": _r(acc["country_ok"] / acc["country_n"]) if acc["country_n"] else None,
            "counts_accuracy": _r(acc["counts_ok"] / acc["counts_n"]) if acc["counts_n"] else None,
            "counts_n": acc["counts_n"],
            "event_date_accuracy": _r(acc["date_ok"] / acc["date_n"]) if acc["date_n"] else None,
            "event_dates": acc["date_n"],
            "negative_docs": acc["negative"],
            "false_alarm_rate": _r(acc["false_alarm"] / acc["negative"]) if acc["negative"] else None,
            "language_accuracy": _r(acc["lang_ok"] / acc["docs"]) if acc["docs"] else None,
            "pub_date_accuracy": _r(acc["pub_ok"] / acc["docs"]) if acc["docs"] else None,
            "confusion": {f"{a}>{b}": n for (a, b), n in sorted(acc["confusion"].items())}}


def evaluate_events(gold_path: str | Path, coders: tuple[str, ...] = ("both",)) -> dict:
    golds = load(gold_path)
    result = {"gold": str(gold_path), "coders": {}}
    for coder in coders:
        outs = extract_all(golds, PROFILES[coder])
        halves: dict[str, dict] = defaultdict(_new_acc)
        langs: dict[tuple[str, str], dict] = defaultdict(_new_acc)
        details = []
        for g in golds:
            out, text = outs.get(g["_label"]) or ({"events": []}, "")
            split = g.get("split", "dev")
            details.append(score_doc(g, out, text, halves[split]))
            score_doc(g, out, text, halves["all"])
            score_doc(g, out, text, langs[(split, g["language"])])
        result["coders"][coder] = {
            "halves": {k: summarize(v) for k, v in sorted(halves.items())},
            "languages": {f"{s}:{lang}": summarize(v) for (s, lang), v in sorted(langs.items())},
            "documents": details}
    return result


def check_floors(result: dict, floors: dict) -> list[str]:
    """`floors`: {"dev": {"f1": .., "per_type_f1": ..}, "test": {...}} for the `both` coder."""
    failures = []
    res = result["coders"].get("both") or next(iter(result["coders"].values()))
    for half, spec in floors.items():
        s = res["halves"].get(half)
        if s is None:
            continue
        for key in ("f1", "actor_country_accuracy", "counts_accuracy", "language_accuracy", "pub_date_accuracy"):
            if key in spec and s.get(key) is not None and s[key] < spec[key]:
                failures.append(f"{half} {key} = {s[key]} < floor {spec[key]}")
        if "false_alarm_rate_max" in spec and (s.get("false_alarm_rate") or 0) > spec["false_alarm_rate_max"]:
            failures.append(f"{half} false_alarm_rate = {s['false_alarm_rate']} > {spec['false_alarm_rate_max']}")
        for t, floor in (spec.get("types") or {}).items():
            v = s["types"][t]["f1"]
            if v is not None and v < floor:
                failures.append(f"{half} {t} F1 = {v} < floor {floor}")
    return failures


def _f(v) -> str:
    return "    - " if v is None else f"{v:5.3f}"


def format_report(result: dict, confusion: bool = True) -> str:
    lines = [f"dyad eval {result['gold']}", ""]
    coders = result["coders"]
    main = coders.get("both") or next(iter(coders.values()))
    halves = [h for h in ("dev", "test") if h in main["halves"]]
    head = f"{'type':10}" + "".join(f" | {h:>4}  n    P     R     F1 " for h in halves)
    lines += ["by type (gold events without modality; P/R/F1 per half)", head]
    for t in PLOVER_TYPES:
        row = f"{t:10}"
        for h in halves:
            s = main["halves"][h]["types"][t]
            n = s["tp"] + s["fn"]
            row += f" | {n:>8} {_f(s['precision'])} {_f(s['recall'])} {_f(s['f1'])}"
        lines.append(row)
    row = f"{'ALL':10}"
    for h in halves:
        s = main["halves"][h]
        row += f" | {s['tp'] + s['fn']:>8} {_f(s['precision'])} {_f(s['recall'])} {_f(s['f1'])}"
    lines.append(row)
    lines += ["", "by language (F1; dev | test)"]
    langs = sorted({k.split(":")[1] for k in main["languages"]})
    for lang in langs:
        cells = []
        for h in halves:
            s = main["languages"].get(f"{h}:{lang}")
            cells.append(f"{_f(s['f1']) if s else '    -'} ({s['docs'] if s else 0:>2} docs)")
        lines.append(f"  {lang:4} " + " | ".join(cells))
    lines += ["", "articles and actors (dev | test)"]
    for key, name in (("actor_country_accuracy", "actor country accuracy"), ("counts_accuracy", "counts exact"),
                      ("event_date_accuracy", "event date (found events)"),
                      ("false_alarm_rate", "no-event articles with an event"),
                      ("language_accuracy", "language"), ("pub_date_accuracy", "publication date")):
        lines.append(f"  {name:34} " + " | ".join(_f(main['halves'][h].get(key)) for h in halves))
    if len(coders) > 1:
        lines += ["", "by coder: F1 per type (test half; lexicon alone | learned alone | both)"]
        order = [c for c in ("lexicon", "learned", "both") if c in coders]
        h = "test" if "test" in halves else halves[0]
        for t in PLOVER_TYPES + ["ALL"]:
            cells = []
            for c in order:
                s = coders[c]["halves"][h]
                s = s if t == "ALL" else s["types"][t]
                cells.append(f"{_f(s['f1'])} ({s['tp']}/{s['tp'] + s['fn']})")
            lines.append(f"  {t:10} " + " | ".join(cells))
    if confusion:
        h = "test" if "test" in halves else halves[0]
        conf = main["halves"][h]["confusion"]
        labels = PLOVER_TYPES + [NONE]
        short = {t: t[:4] for t in PLOVER_TYPES} | {NONE: "  - "}
        lines += ["", f"confusion ({h} half): rows gold, columns the extracted event holding the gold evidence"]
        lines.append("      " + " ".join(f"{short[c]:>4}" for c in labels))
        for a in labels:
            cells = [conf.get(f"{a}>{b}", 0) for b in labels]
            if any(cells):
                lines.append(f"{short[a]:>5} " + " ".join(f"{n or '.':>4}" for n in cells))
    lines.append("")
    summary = " | ".join(f"{h}: type F1={_f(main['halves'][h]['f1']).strip()} "
                         f"country={_f(main['halves'][h]['actor_country_accuracy']).strip()}"
                         for h in halves)
    lines.append(f"events: {summary} | docs={main['halves']['all']['docs']}")
    return "\n".join(lines)
