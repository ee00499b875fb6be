"""Serialising documents and events: the `dyad extract --format jsonl` contract."""
from __future__ import annotations

from .doc import ActorMention, Doc, Event


def actor_json(doc: Doc, m: ActorMention | None) -> dict | None:
    if m is None:
        return None
    a = m.actor
    return {"name": a.name, "country": a.country, "wikidata": a.wikidata, "sector": a.sector,
            "kind": a.kind, "id": a.id, "role": a.role, "via": m.via,
            "text": doc.text[m.start:m.end], "start": m.start, "end": m.end}


def event_json(doc: Doc, ev: Event) -> dict:
    ev_text = doc.text[ev.evidence.start:ev.evidence.end]
    return {
        "date": ev.date, "date_basis": (ev.date_basis or "text") if ev.date else None,
        "cameo": ev.cameo, "plover": ev.plover, "mode": ev.mode,
        "type": ev.type, "goldstein": ev.goldstein, "quad_class": ev.quad_class,
        "modality": ev.modality,
        "source": actor_json(doc, ev.source), "target": actor_json(doc, ev.target),
        "location": ev.location, "confidence": ev.confidence,
        "evidence": {"text": ev_text, "start": ev.evidence.start, "end": ev.evidence.end,
                     "trigger": {"text": doc.text[ev.trigger.start:ev.trigger.end],
                                 "start": ev.trigger.start, "end": ev.trigger.end}},
        "mentions": len(ev.mentions), "coder": ev.coder, "coders": ev.coders or [ev.coder],
        "counts": ev.counts or None, "context": list(ev.context) or None,
    }


def doc_json(doc: Doc) -> dict:
    return {
        "input": doc.input, "language": doc.language, "title": doc.title, "outlet": doc.outlet,
        "url": doc.url, "published": doc.published, "published_partial": doc.published_partial,
        "error": doc.error, "events": [event_json(doc, e) for e in doc.events],
    }
