"""`dyad eval --clusters`: does the merge put the reports of one real-world event together
and keep different events apart? (rules in docs/evaluation.md)

Articles are ingested into a fresh database (or one given); two articles are *predicted*
together when they share a merged event (any type, asserted), and *gold* together when
they share a gold cluster (their `cluster`, their `secondary_clusters`, or the defining
consultation of another cluster they report as an asserted event). Scores, per split when
the gold file has `split` (pairs within one split; a split holds whole clusters):
- pairwise precision, recall and F1 over article pairs;
- B-cubed precision and recall: per article, the share of the articles predicted with it
  that are gold with it, and the reverse, averaged;
- publication-date accuracy (exact; null must be null) and event-date accuracy (gold
  events without modality whose day the text pins: the article's extracted event of the
  same PLOVER family and country pair has that date), over all such gold events ("date")
  and over those the coder found with that type and pair ("found": the date resolution
  apart from event detection).
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

from .evaluate import gold_cluster_sets, load_gold

CONSULT_TYPES = {"meet", "visit", "phone_call", "video_call"}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _bcubed(paths: list[str], gold_with, pred_with) -> dict:
    ps, rs = [], []
    for a in paths:
        g = gold_with(a) | {a}
        p = pred_with(a) | {a}
        both = len(g & p)
        ps.append(both / len(p))
        rs.append(both / len(g))
    p = sum(ps) / len(ps) if ps else 1.0
    r = sum(rs) / len(rs) if rs else 1.0
    return {"b3_precision": round(p, 4), "b3_recall": round(r, 4),
            "b3_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate_clusters(gold_path: str | Path, db=None, fast: bool = False) -> dict:
    from .ingest import ingest
    from .store import connect

    golds = load_gold(gold_path)
    tmp = None
    if db is None:
        import tempfile

        tmp = tempfile.TemporaryDirectory()
        db = connect(Path(tmp.name) / "eval.db")
        from .evaluate_events import with_urls

        ingest(None, db, docs=with_urls(golds), profile="fast" if fast else "default")
    truth = gold_cluster_sets(golds)
    predicted: dict[str, set[int]] = defaultdict(set)
    for r in db.query("SELECT a.input, em.event_id FROM event_mentions em JOIN articles a ON a.id = em.article_id "
                      "JOIN events e ON e.id = em.event_id WHERE e.modality = 'asserted'"):
        predicted[str(Path(r["input"]).resolve())].add(r["event_id"])
    splits = sorted({g.get("split") for g in golds if g.get("split")}) or [None]
    result = {"gold": str(gold_path), "articles": len(golds), "splits": {}}
    for split in splits:
        paths = [g["_path"] for g in golds if split is None or g.get("split") == split]
        tp = fp = fn = 0
        wrong = []
        for a, b in combinations(paths, 2):
            gold_same = bool(truth[a] & truth[b])
            pred_same = bool(predicted.get(a, set()) & predicted.get(b, set()))
            tp += gold_same and pred_same
            fp += pred_same and not gold_same
            fn += gold_same and not pred_same
            if gold_same != pred_same:
                wrong.append(("FP" if pred_same else "FN", Path(a).name, Path(b).name))
        res = {"pairs": len(paths) * (len(paths) - 1) // 2, **_prf(tp, fp, fn), "errors": wrong}
        res.update(_bcubed(paths, lambda a: {b for b in paths if truth[a] & truth[b]},
                           lambda a: {b for b in paths if predicted.get(a, set()) & predicted.get(b, set())}))
        res.update(_dates(db, [g for g in golds if split is None or g.get("split") == split]))
        result["splits"][split or "all"] = res
    if tmp:
        tmp.cleanup()
    return result


def _dates(db, golds: list[dict]) -> dict:
    """Publication-date accuracy, and event-date accuracy on events whose day the text pins."""
    pub_ok = ev_ok = ev_n = ev_found = 0
    for g in golds:
        art = db.query("SELECT id, published FROM articles WHERE input = ?", (g["_label"],))
        published = art[0]["published"] if art else None
        pub_ok += int(published == g["gold"].get("pub_date"))
        if not art:
            ev_n += sum(1 for e in g["gold"]["events"] if e.get("date") and not e.get("modality"))
            continue
        mentions = db.query("SELECT plover, source_country, target_country, date FROM event_mentions "
                            "WHERE article_id = ? AND modality = 'asserted'", (art[0]["id"],))
        for e in g["gold"]["events"]:
            if not e.get("date") or e.get("modality"):
                continue
            ev_n += 1
            pair = {(e.get("source") or {}).get("country"), (e.get("target") or {}).get("country")}
            plover = e.get("plover") or ("CONSULT" if e["type"] in CONSULT_TYPES else None)
            same = [m for m in mentions if {m["source_country"], m["target_country"]} == pair
                    and (plover is None or m["plover"] == plover)]
            ev_ok += int(any(m["date"] == e["date"] for m in same))
            ev_found += bool(same)
    return {"pub_date_accuracy": round(pub_ok / len(golds), 4) if golds else None,
            "event_date_accuracy": round(ev_ok / ev_n, 4) if ev_n else None, "event_dates": ev_n,
            # the same, among the gold events the coder found (same type and pair): how
            # often a found event's date is right, apart from whether it was found
            "event_date_found": ev_found,
            "event_date_accuracy_found": round(ev_ok / ev_found, 4) if ev_found else None}


def format_report(res: dict, details: bool = False) -> str:
    lines = [f"dyad eval --clusters {res['gold']} ({res['articles']} articles)", "",
             f"{'split':6} {'pairs':>7} {'P':>6} {'R':>6} {'F1':>6} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} "
             f"{'pub':>6} {'date':>6} {'found':>6}"]
    for split, s in res["splits"].items():
        def f(v):
            return "   -  " if v is None else f"{v:6.3f}"
        lines.append(f"{split:6} {s['pairs']:>7} {f(s['precision'])} {f(s['recall'])} {f(s['f1'])} "
                     f"{f(s['b3_precision'])} {f(s['b3_recall'])} {f(s['b3_f1'])} {f(s['pub_date_accuracy'])} "
                     f"{f(s['event_date_accuracy'])} {f(s.get('event_date_accuracy_found'))}")
        if details:
            for kind, a, b in s["errors"][:200]:
                lines.append(f"   {kind} {a} {b}")
    last = " | ".join(f"{k}: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} B3-F1={s['b3_f1']:.3f}"
                      for k, s in res["splits"].items())
    lines += ["", f"clusters: {last}"]
    return "\n".join(lines)
