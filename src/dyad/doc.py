"""The one document type that every pipeline stage reads and annotates.

A `Doc` carries the raw input, the cleaned text and every annotation as spans with
character offsets into `Doc.text` (the cleaned text). Stages never edit `text` after
cleaning, so offsets stay valid from actor matching to the dashboard's highlighting.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    start: int
    end: int
    label: str = ""

    def text_of(self, doc: "Doc") -> str:
        return doc.text[self.start:self.end]


@dataclass(slots=True)
class Actor:
    """A linked identity: one knowledge-base entry, or an office resolved to its holder."""
    id: str
    name: str
    kind: str  # person | country | org | agent (a generic actor: police, protesters, gunmen)
    country: str | None
    wikidata: str | None = None
    sector: str | None = None
    role: str | None = None  # office held on the event date, when known


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    actor: Actor
    via: str = "name"  # name | adjective | metonym | role | counterpart | agent
    sentence: int = -1


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    type: str
    pattern: str
    language: str
    weight: float = 1.0
    reverse: bool = False
    modality: str | None = None
    sentence: int = -1
    coder: str = "lexicon"  # lexicon | learned | lexicon+learned (which coders proposed it)


@dataclass(slots=True)
class Event:
    type: str
    cameo: str
    plover: str
    mode: str | None
    goldstein: float
    quad_class: int
    source: ActorMention | None
    target: ActorMention | None
    date: str | None
    location: dict | None
    modality: str
    confidence: float
    evidence: Span
    trigger: Trigger
    rule: str = ""
    coder: str = "lexicon"
    mentions: list[Span] = field(default_factory=list)
    period: str | None = None  # "YYYY-MM" when the text gives only a month ("in December")
    context: tuple[str, ...] = ()
    counts: dict = field(default_factory=dict)  # killed, wounded, arrested, size, released; approximate
    coders: list[str] = field(default_factory=list)
    elsewhere: bool = False  # its sentence opens on another place ("Elsewhere, ...", "Noutro ponto"): an event of its own
    month_day: str | None = None  # "05-16": the day and month the text gives, when no year resolves it; "---16": a day alone
    date_basis: str | None = None  # "published": the text gives no day, the publication day stands for it;
    # "vague": the text names a time that pins no day ("last week"), and the day stays open


def _span_start(s: "Span") -> int:
    return s.start


@dataclass(slots=True)
class Doc:
    input: str
    raw: str = ""
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_partial: str | None = None
    language: str | None = None
    error: str | None = None
    removed: list[Span] = field(default_factory=list)  # boilerplate, as offsets into `raw`
    sentences: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)  # label = resolved ISO date or ""
    actors: list[ActorMention] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)  # label = place id
    triggers: list[Trigger] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def actors_in(self, sentence: int) -> list["ActorMention"]:
        """The actor mentions of one sentence, in `actors` order: an index built once per
        list of actors (a scan of every actor for every event made coding quadratic)."""
        key = (id(self.actors), len(self.actors))
        cached = self.meta.get("_actors_by_sentence")
        if cached is None or cached[0] != key:
            index: dict[int, list] = {}
            for m in self.actors:
                index.setdefault(m.sentence, []).append(m)
            cached = (key, index)
            self.meta["_actors_by_sentence"] = cached
        return cached[1].get(sentence, [])

    def places_between(self, start: int, end: int) -> list[Span]:
        """The places that start in [start, end) (`places` is ordered by start)."""
        places = self.places
        i = bisect.bisect_left(places, start, key=_span_start)
        out = []
        while i < len(places) and places[i].start < end:
            out.append(places[i])
            i += 1
        return out

    def sentence_of(self, offset: int) -> int:
        # a binary search: the sentences are ordered and do not overlap (a scan made every
        # stage that asks once per mention quadratic in the number of sentences)
        i = bisect.bisect_right(self.sentences, offset, key=_span_start) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return -1
