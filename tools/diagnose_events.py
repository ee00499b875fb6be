"""Why the coder misses what it misses, on the DEV half of an event gold set only.

    python tools/diagnose_events.py eval/events/gold.jsonl [--profile default|fast] [--lang ru] [--show N]

For every scored gold event of the dev half that no extracted event of its type matches,
it says what happened in the sentence that holds the gold evidence: no proposal at all;
a proposal of another type; a proposal of the right type that was dropped (and why:
too few actors, low confidence, the learned coder's veto); or an event coded with another
modality. The test half is never read: it is for measuring, not for tuning.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dyad import evaluate_events as ee  # noqa: E402
from dyad.ontology import TYPES  # noqa: E402
from dyad.pipeline import pipe  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--profile", default="default")
    ap.add_argument("--lang", default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many examples per reason")
    ap.add_argument("--fp", action="store_true", help="also list the false positives")
    ap.add_argument("--countries", action="store_true", help="list matched events whose actor countries differ")
    ap.add_argument("--dates", action="store_true", help="list matched events whose date differs from the gold's")
    a = ap.parse_args()
    golds = [g for g in ee.load(a.gold) if g.get("split") == "dev" and (not a.lang or g["language"] == a.lang)]
    docs = {d.input: d for d in pipe(ee.with_urls(golds), a.profile)}  # with their URLs, as `dyad eval` reads them
    reasons: Counter = Counter()
    examples: dict[str, list[str]] = {}
    fps: list[str] = []
    for g in golds:
        doc = docs[g["_label"]]
        ext = [e for e in doc.events if e.modality == "asserted"]
        scored = [e for e in g["gold"]["events"] if not e.get("modality")]
        used: set[int] = set()
        for ge in scored:
            hit = next((i for i, e in enumerate(ext) if e.plover == ge["plover"] and i not in used), None)
            if hit is not None:
                used.add(hit)
                x = ext[hit]
                gs = [(ge.get(k) or {}).get("country") for k in ("source", "target")]
                xs = [x.source.actor.country if x.source else None, x.target.actor.country if x.target else None]
                if a.countries and any(g_ and g_ != x_ for g_, x_ in zip(gs, xs)):
                    print(f"  COUNTRY {g['id']} {ge['plover']} gold {gs} got {xs} "
                          f"[{x.source and x.source.via}/{x.target and x.target.via}] {ge['evidence'][:80]}")
                continue
            i = doc.text.find(ge["evidence"])
            sents = [k for k, s in enumerate(doc.sentences) if i >= 0 and s.start < i + len(ge["evidence"]) and i < s.end]
            trig = [t for t in doc.triggers if t.sentence in sents]
            same = [t for t in trig if TYPES[t.type].plover == ge["plover"]]
            other_mod = [e for e in doc.events if e.plover == ge["plover"] and e.modality != "asserted"]
            below = [b for b in doc.meta.get("below_threshold", []) if any(t.type in b.split(" ")[0] for t in same)]
            learned = {k: doc.meta.get("learned", {}).get(k) for k in sents}
            if i < 0:
                why = "evidence not in cleaned text"
            elif other_mod:
                why = f"coded as {other_mod[0].modality}"
            elif same and below:
                why = "right type dropped: " + ("learned veto" if "disagrees" in below[0] else "low confidence/actors")
            elif same:
                why = "right type proposed, no event (actors)"
            elif trig:
                why = f"other type proposed ({TYPES[trig[0].type].plover})"
            else:
                why = "no proposal"
            reasons[why] += 1
            top = ""
            for k, p in learned.items():
                if p:
                    best = max(p, key=p.get)
                    top = f" [learned: {best} {p[best]:.2f}, {ge['plover']} {p.get(ge['plover'], 0):.2f}]"
            examples.setdefault(why, []).append(f"{g['id']} {ge['plover']}: {ge['evidence'][:110]}{top}")
        for k, e in enumerate(ext):
            if k not in used and not any(x.get("modality") and x["plover"] == e.plover for x in g["gold"]["events"]):
                fps.append(f"{g['id']} {e.plover} {e.type} [{e.coder}] {doc.text[e.evidence.start:e.evidence.end][:100]}")
    acc = ee._new_acc()
    from dyad.output import doc_json

    for g in golds:
        doc = docs[g["_label"]]
        detail = ee.score_doc(g, doc_json(doc), doc.text, acc)
        for want, got, t, evidence, why in detail["dates"] if a.dates else ():
            date_why = next((w for w in why.split("; ") if "date" in w), "")
            print(f"  DATE {g['id']} {t} gold {want} got {got} (pub {g['gold'].get('pub_date')}) "
                  f"{evidence[:90]!r} [{date_why}]")
    sm = ee.summarize(acc)
    print(f"dev: P={sm['precision']} R={sm['recall']} F1={sm['f1']} (tp {sm['tp']} fp {sm['fp']} fn {sm['fn']}) "
          f"country={sm['actor_country_accuracy']} date={sm['event_date_accuracy']} counts={sm['counts_accuracy']} false-alarm={sm['false_alarm_rate']}")
    print("  " + "  ".join(f"{t[:4]} {v['f1']}" for t, v in sm["types"].items()))
    total = sum(reasons.values())
    print(f"dev misses: {total}")
    for why, n in reasons.most_common():
        print(f"  {n:4}  {why}")
        for x in examples[why][:a.show]:
            print(f"          {x}")
    if a.fp:
        print(f"\ndev false positives: {len(fps)}")
        for x in fps:
            print("  " + x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
