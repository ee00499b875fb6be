"""`dyad eval`: score dyad's output against a gold file (rules of shared/dev/README.md).

1. Consultations: gold meet/visit/phone_call/video_call events without modality against
   extracted asserted events with CAMEO 040-046 or PLOVER CONSULT; a pair matches in the
   same document when the country pair agrees (order ignored) and the date agrees (gold
   date, or where that is null: extracted null or the gold `date_world`). Extracted events
   that match only planned/background gold events, or duplicate a matched one, are ignored.
2. Messages: recall of gold `message` events (no modality) by extracted SUPPORT / CAMEO 05x
   events, same source -> target countries, same date rule.
3. Articles: language and publication-date accuracy.
Everything overall and per language; events from the embedding fallback coder are also
scored on their own so that its quality is visible.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from .output import doc_json
from .pipeline import pipe
from .readers import iter_paths

CONSULT_TYPES = {"meet", "visit", "phone_call", "video_call"}
CALL_TYPES = {"phone_call", "video_call"}


def load_gold(path: str | Path) -> list[dict]:
    path = Path(path)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                rec["_path"] = str((path.parent / rec["file"]).resolve())
                rec["_label"] = str(path.parent / rec["file"])
                out.append(rec)
    return out


def _date_ok(gold: dict, date: str | None) -> bool:
    if gold.get("date"):
        return date == gold["date"]
    return date is None or date == gold.get("date_world")


def _is_consult(ev: dict) -> bool:
    return ev.get("plover") == "CONSULT" or ("040" <= (ev.get("cameo") or "") <= "046")


def _is_support(ev: dict) -> bool:
    return ev.get("plover") == "SUPPORT" or (ev.get("cameo") or "").startswith("05")


def _pair(ev: dict) -> frozenset:
    s = (ev.get("source") or {}).get("country")
    t = (ev.get("target") or {}).get("country")
    return frozenset((s, t))


def _counts() -> dict:
    return defaultdict(int)


def score_doc(gold: dict, out: dict, acc: dict) -> dict:
    g = gold["gold"]
    detail = {"id": gold["id"], "language": gold["language"], "tp": 0, "fp": [], "fn": [], "msg_fn": []}
    asserted = [e for e in out["events"] if e.get("modality", "asserted") == "asserted"]
    ext = [e for e in asserted if _is_consult(e)]
    gold_c = [e for e in g["events"] if e["type"] in CONSULT_TYPES and not e.get("modality")]
    gold_other = [e for e in g["events"] if e["type"] in CONSULT_TYPES and e.get("modality")]
    # maximum matching (augmenting paths): one extracted event per gold event, and a
    # greedy choice must not use up the only event that fits another gold event
    edges = []
    for ge in gold_c:
        pair = frozenset((ge["source"]["country"], (ge.get("target") or {}).get("country")))
        cands = [i for i, e in enumerate(ext) if _pair(e) == pair and _date_ok(ge, e.get("date"))]
        cands.sort(key=lambda i: ext[i].get("date") != (ge.get("date") or ge.get("date_world")))
        edges.append(cands)
    owner: dict[int, int] = {}

    def augment(k: int, seen: set[int]) -> bool:
        for i in edges[k]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = k
                return True
        return False

    for k in range(len(gold_c)):
        augment(k, set())
    match = {k: i for i, k in owner.items()}
    used: set[int] = set(owner)
    matched_gold: list[dict] = []
    for k, ge in enumerate(gold_c):
        if k in match:
            i = match[k]
            matched_gold.append(ge)
            acc["tp"] += 1
            detail["tp"] += 1
            is_call = ext[i].get("cameo") == "041" or ext[i].get("mode") == "phone"
            acc["calltype_n"] += 1
            acc["calltype_ok"] += int(is_call == (ge["type"] in CALL_TYPES))
        else:
            acc["fn"] += 1
            detail["fn"].append(ge.get("evidence", "")[:80])
    for i, e in enumerate(ext):
        if i in used:
            continue
        ignorable = any(_pair(e) == frozenset((ge["source"]["country"], (ge.get("target") or {}).get("country")))
                        and _date_ok(ge, e.get("date")) for ge in gold_other + matched_gold)
        if not ignorable:
            acc["fp"] += 1
            detail["fp"].append((e["evidence"]["text"][:80], sorted(x or "-" for x in _pair(e)), e.get("date")))
    # messages
    sup = [e for e in asserted if _is_support(e)]
    for ge in g["events"]:
        if ge["type"] != "message" or ge.get("modality"):
            continue
        acc["msg_n"] += 1
        s, t = ge["source"]["country"], (ge.get("target") or {}).get("country")
        if any((e.get("source") or {}).get("country") == s and (e.get("target") or {}).get("country") == t
               and _date_ok(ge, e.get("date")) for e in sup):
            acc["msg_hit"] += 1
        else:
            detail["msg_fn"].append(ge.get("evidence", "")[:80])
    acc["docs"] += 1
    acc["lang_ok"] += int(out.get("language") == gold["language"])
    acc["pub_ok"] += int(out.get("published") == g.get("pub_date"))
    detail["language_out"] = out.get("language")
    detail["published_out"] = out.get("published")
    detail["pub_gold"] = g.get("pub_date")
    return detail


def summarize(acc: dict) -> dict:
    tp, fp, fn = acc["tp"], acc["fp"], acc["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "docs": acc["docs"], "consult_tp": tp, "consult_fp": fp, "consult_fn": fn,
        "consult_precision": round(p, 4), "consult_recall": round(r, 4), "consult_f1": round(f, 4),
        "call_type_accuracy": round(acc["calltype_ok"] / acc["calltype_n"], 4) if acc["calltype_n"] else None,
        "message_recall": round(acc["msg_hit"] / acc["msg_n"], 4) if acc["msg_n"] else None,
        "message_n": acc["msg_n"],
        "language_accuracy": round(acc["lang_ok"] / acc["docs"], 4) if acc["docs"] else None,
        "pub_date_accuracy": round(acc["pub_ok"] / acc["docs"], 4) if acc["docs"] else None,
    }


def evaluate(gold_path: str | Path) -> dict:
    golds = load_gold(gold_path)
    outs = {}
    for doc in pipe(iter_paths([g["_label"] for g in golds])):
        outs[doc.input] = doc_json(doc)
    overall = _counts()
    per_lang: dict[str, dict] = defaultdict(_counts)
    per_coder: dict[str, dict] = defaultdict(_counts)
    details = []
    for g in golds:
        out = outs.get(g["_label"]) or {"events": [], "language": None, "published": None}
        details.append(score_doc(g, out, overall))
        score_doc(g, out, per_lang[g["language"]])
        coders = {e.get("coder", "lexicon") for e in out["events"]} or {"lexicon"}
        for c in coders:
            sub = dict(out, events=[e for e in out["events"] if e.get("coder", "lexicon") == c])
            score_doc(g, sub, per_coder[c])
    return {
        "gold": str(gold_path),
        "overall": summarize(overall),
        "languages": {k: summarize(v) for k, v in sorted(per_lang.items())},
        "coders": {k: summarize(v) for k, v in sorted(per_coder.items())},
        "documents": details,
    }


def check_floors(result: dict, floors: dict) -> list[str]:
    """Names of the scores below their pinned floor (empty when all pass)."""
    failures = []
    overall = result["overall"]
    for key, floor in floors.get("overall", {}).items():
        val = overall.get(key)
        if val is not None and val < floor:
            failures.append(f"overall {key} = {val} < floor {floor}")
    for key, floor in floors.get("per_language", {}).items():
        for lang, s in result["languages"].items():
            val = s.get(key)
            if val is not None and (s["consult_tp"] + s["consult_fn"] + s["consult_fp"] > 0 or key != "consult_f1") \
                    and val < floor:
                failures.append(f"{lang} {key} = {val} < floor {floor}")
    return failures


def format_report(result: dict) -> str:
    lines = [f"dyad eval {result['gold']}", ""]
    head = f"{'lang':6} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6} {'tp':>3} {'fp':>3} {'fn':>3} {'call':>6} {'msgR':>6} {'lang':>6} {'pub':>6}"
    lines.append(head)

    def row(name, s):
        def f(v):
            return "   -  " if v is None else f"{v:6.3f}"
        return (f"{name:6} {s['docs']:>4} {f(s['consult_precision'])} {f(s['consult_recall'])} "
                f"{f(s['consult_f1'])} {s['consult_tp']:>3} {s['consult_fp']:>3} {s['consult_fn']:>3} "
                f"{f(s['call_type_accuracy'])} {f(s['message_recall'])} {f(s['language_accuracy'])} "
                f"{f(s['pub_date_accuracy'])}")
    for lang, s in result["languages"].items():
        lines.append(row(lang, s))
    lines.append(row("ALL", result["overall"]))
    if len(result["coders"]) > 1 or "lexicon" not in result["coders"]:
        lines.append("")
        lines.append("by coder:")
        for c, s in result["coders"].items():
            lines.append(row(c[:6], s))
    o = result["overall"]
    lines.append("")
    lines.append(
        f"consultation P={o['consult_precision']:.3f} R={o['consult_recall']:.3f} F1={o['consult_f1']:.3f}"
        f" | message recall={o['message_recall'] if o['message_recall'] is not None else '-'}"
        f" | language={o['language_accuracy']:.3f} | pub_date={o['pub_date_accuracy']:.3f} | docs={o['docs']}")
    return "\n".join(lines)


# -- clusters (`dyad eval --clusters`) -----------------------------------------------
def gold_cluster_sets(golds: list[dict]) -> dict[str, set[str]]:
    """The real-world events each gold article reports, as cluster ids.

    An article belongs to its own `cluster`, to its `secondary_clusters`, and to any
    cluster whose defining consultation (the country pair and day most reported by that
    cluster's own articles) it reports as an asserted event: an article about the
    Xi-Trump call that also reports the Xi-Putin video call of the same day belongs to
    both clusters."""
    defining: dict[str, Counter] = defaultdict(Counter)
    for g in golds:
        c = g["gold"].get("cluster")
        for e in g["gold"]["events"]:
            if c and e["type"] in CONSULT_TYPES and not e.get("modality"):
                defining[c][_gold_key(e)] += 1
    keys = {c: cnt.most_common(1)[0][0] for c, cnt in defining.items()}
    out: dict[str, set[str]] = {}
    for g in golds:
        gg = g["gold"]
        s = set()
        if gg.get("cluster"):
            s.add(gg["cluster"])
        s.update(gg.get("secondary_clusters") or [])
        for e in gg["events"]:
            if e["type"] in CONSULT_TYPES and not e.get("modality"):
                s.update(c for c, k in keys.items() if k == _gold_key(e))
        out[g["_path"]] = s
    return out


def _gold_key(e: dict):
    return (frozenset((e["source"]["country"], (e.get("target") or {}).get("country"))),
            e.get("date") or e.get("date_world"))
