"""Pipeline stages (`Doc -> Doc` functions registered by name) and `pipe()`.

`pipe()` streams documents through the stages in batches. A stage that raises on one
document records the error on that document and skips its remaining stages; the batch
goes on. Documents that arrive with an error (unreadable file) pass through untouched.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator

from .doc import Doc

Stage = Callable[[Doc], Doc]
STAGES: dict[str, Stage] = {}


def stage(name: str):
    def register(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn
    return register


def _register_defaults() -> None:
    from . import actors, clean, coder, langid, learned, metadata, places, sentences

    stage("clean")(clean.clean)
    stage("language")(langid.detect_language)
    stage("metadata")(metadata.extract_metadata)
    stage("sentences")(sentences.split_sentences)
    stage("dates")(coder.find_doc_dates)
    stage("actors")(actors.recognize)
    stage("places")(places.recognize)
    stage("triggers")(_triggers)
    stage("learned")(learned.run)
    # the learned coder on every sentence with an actor (up to 20): to measure it alone
    stage("learned_wide")(lambda d: learned.run(d, limit=20))
    stage("events")(coder.code_events)
    stage("events_lexicon")(lambda d: coder.code_events(d, ("lexicon",)))
    stage("events_learned")(lambda d: coder.code_events(d, ("learned",)))


def _triggers(doc: Doc) -> Doc:
    from .coder import _norm_cache
    from .triggers import find_triggers

    ntext, offsets = _norm_cache(doc)
    return find_triggers(doc, ntext, offsets)


# Profiles: the default runs both coders (the learned one on the sentences its first stage
# selects); `fast` runs the lexicon alone, at several times the speed.
PROFILES = {
    "default": ["clean", "language", "metadata", "sentences", "dates", "actors", "places", "triggers", "learned",
                "events"],
    "fast": ["clean", "language", "metadata", "sentences", "dates", "actors", "places", "triggers",
             "events_lexicon"],
}
DEFAULT = PROFILES["default"]


def get_stages(names: list[str] | str | None = None) -> list[tuple[str, Stage]]:
    if not STAGES:
        _register_defaults()
    if isinstance(names, str):
        if names not in PROFILES:
            raise KeyError(f"unknown profile {names!r} (profiles: {', '.join(PROFILES)})")
        names = PROFILES[names]
    names = names or DEFAULT
    missing = [n for n in names if n not in STAGES]
    if missing:
        raise KeyError(f"unknown pipeline stage(s): {', '.join(missing)}")
    return [(n, STAGES[n]) for n in names]


def run(doc: Doc, stages: list[tuple[str, Stage]] | None = None) -> Doc:
    stages = stages or get_stages()
    if doc.error:
        return doc
    for name, fn in stages:
        try:
            doc = fn(doc)
        except Exception as e:  # one bad document never stops a batch
            doc.error = f"{doc.input}: {name} failed: {type(e).__name__}: {e}"
            doc.meta["traceback"] = traceback.format_exc()
            break
    for key in ("_ntext", "_noffsets", "_dates"):
        doc.meta.pop(key, None)
    return doc


def pipe(docs: Iterable[Doc], stages: list[str] | str | None = None, batch_size: int = 64) -> Iterator[Doc]:
    """Run every document through the stages, in input order, batch by batch."""
    chain = get_stages(stages)
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= batch_size:
            yield from (run(d, chain) for d in batch)
            batch = []
    yield from (run(d, chain) for d in batch)


def extract(text: str, profile: str = "default", **meta) -> Doc:
    """Code one article given as a string (Python API: `dyad.extract(text)`)."""
    doc = Doc(input=meta.pop("input", "<text>"), raw=text)
    if "url" in meta:
        doc.url = meta.pop("url")
    for key in ("title", "published", "language"):
        if meta.get(key):
            doc.meta[f"given_{key}"] = meta[key]
    return run(doc, get_stages(profile))
