"""Pipeline stages (`Doc -> Doc` functions registered by name) and `pipe()`.

`pipe()` streams documents through the stages in batches. A stage that raises on one
document records the error on that document and skips its remaining stages; the batch
goes on. Documents that arrive with an error (unreadable file) pass through untouched.

The pipeline bounds every document itself (`dyad.limits`): it is coded on at most
`max_text` characters (cut at a paragraph or a space, with a note), and its stages run
under the per-document deadline, less the time its reader took; a document past it ends
with a one-line error naming the stage, and the batch goes on. Resources every document
needs (gazetteer, knowledge base, models) are loaded once before the first deadline is
armed, so that loading them is not charged to one document.
"""
from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable, Iterator

from . import limits as limits_mod
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
    from .modality import norm_cache as _norm_cache
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


WARM_TEXT = ("Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Moscow on "
             "Tuesday, the Kremlin said. Protesters gathered in Paris on 3 March 2024.")
_warmed: set[tuple[str, ...]] = set()


def warm_up(stages: list[tuple[str, Stage]]) -> None:
    """Run the stages once on a short text without a deadline: the first document of a
    process loads the gazetteer, the knowledge base and the models (seconds), which is
    not that document's doing."""
    key = tuple(n for n, _ in stages)
    if key in _warmed:
        return
    _warmed.add(key)
    doc = Doc(input="<warm-up>", raw=WARM_TEXT)
    doc.meta["given_published"] = "2024-03-05"
    for _, fn in stages:
        try:
            doc = fn(doc)
        except Exception:
            break


def bound_text(doc: Doc, max_text: int) -> Doc:
    """Cut `doc.raw` to at most `max_text` characters, at a paragraph, a line or a space
    in its last fifth when there is one, and note the cut."""
    raw = doc.raw
    if not max_text or len(raw) <= max_text:
        return doc
    floor = max_text - max_text // 5
    cut = -1
    for sep in ("\n\n", "\n", " "):
        cut = raw.rfind(sep, floor, max_text)
        if cut > 0:
            break
    if cut <= 0:
        cut = max_text
        # not between a letter and its combining marks
        import unicodedata

        stop = max(floor, 1)
        while cut > stop and unicodedata.combining(raw[cut]):
            cut -= 1
    doc.raw = raw[:cut]
    doc.meta.setdefault("notes", []).append(
        f"text cut to its first {cut:,} of {len(raw):,} characters (the limit: DYAD_MAX_TEXT)")
    return doc


def run(doc: Doc, stages: list[tuple[str, Stage]] | None = None) -> Doc:
    """Run one document through the stages, within the size and time limits."""
    stages = stages or get_stages()
    if doc.error:
        doc.error = limits_mod.one_line(doc.error)
        return doc
    lim = limits_mod.current()
    if lim.timeout:
        warm_up(stages)
    doc = _run_bounded(doc, stages, lim)
    doc.meta.pop("_timed_out", None)
    return doc


def _run_bounded(doc: Doc, stages: list[tuple[str, Stage]], lim) -> Doc:
    budget = lim.timeout - doc.meta.pop("read_seconds", 0.0) if lim.timeout else None
    name = "start"
    started = time.monotonic()
    try:
        with limits_mod.deadline(max(budget, 0.05) if budget is not None else None):
            bound_text(doc, lim.max_text)
            for name, fn in stages:
                try:
                    doc = fn(doc)
                except Exception as e:  # one bad document never stops a batch
                    doc.error = f"{doc.input}: {name} failed: {type(e).__name__}: {e}"
                    doc.meta["traceback"] = traceback.format_exc()
                    break
    except limits_mod.DocTimeout:
        spent = time.monotonic() - started + (lim.timeout - budget if budget is not None else 0)
        doc.error = (f"{doc.input}: stopped in the {name} stage after {spent:.1f} s: the time limit is "
                     f"{lim.timeout:g} s per document (raise it with dyad --doc-timeout or DYAD_DOC_TIMEOUT)")
        # what the stage left half done is not a result
        doc.events = []
        doc.meta["_timed_out"] = True
    for key in ("_ntext", "_noffsets", "_dates", "_actors_by_sentence", "_cues",
                "_trigger_plovers"):
        doc.meta.pop(key, None)
    if doc.error:
        doc.error = limits_mod.one_line(doc.error)
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
