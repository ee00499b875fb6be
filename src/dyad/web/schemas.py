"""The shapes of the API's answers, for the OpenAPI schema (documentation and the
schema-driven fuzz test); answers are built as plain dicts, not validated one by one."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(_Open):
    detail: Any
    message: Optional[str] = None


class ActorRef(_Open):
    name: Optional[str]
    country: Optional[str]
    id: Optional[str]
    wikidata: Optional[str]
    sector: Optional[str]


class Event(_Open):
    id: int
    date: Optional[str]
    cameo: str
    plover: str
    mode: Optional[str]
    type: str
    goldstein: Optional[float]
    quad_class: Optional[int]
    modality: str
    source: Optional[ActorRef]
    target: Optional[ActorRef]
    location: Optional[dict[str, Any]]
    counts: Optional[dict[str, Optional[int]]]
    coders: list[str]
    confidence: Optional[float]
    num_mentions: int
    num_articles: int
    num_sources: int
    languages: list[str]
    first_seen: Optional[str]
    evidence: Optional[dict[str, Any]]
    mentions: list[dict[str, Any]]


class EventsPage(_Open):
    events: list[Event]
    next: Optional[str]
    next_url: Optional[str]


class Article(_Open):
    id: int
    input: str
    url: Optional[str]
    source: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    language: Optional[str]
    published: Optional[str]
    published_partial: Optional[str]
    reprint_of: Optional[int]
    ingested_at: Optional[str]


class ArticlesPage(_Open):
    articles: list[Article]
    next: Optional[str]


class ArticleDetail(Article):
    text: str
    raw: Optional[str]
    removed: list[Any]
    actors: list[dict[str, Any]]
    event_mentions: list[dict[str, Any]]


class Actor(_Open):
    id: str
    name: Optional[str]
    kind: Optional[str]
    country: Optional[str]
    wikidata: Optional[str]
    sector: Optional[str]
    mentions: int
    articles: int


class ActorsPage(_Open):
    actors: list[Actor]
    next: Optional[str]


class ActorDetail(_Open):
    id: str
    name: Optional[str]
    kind: Optional[str]
    country: Optional[str]
    wikidata: Optional[str]
    sector: Optional[str]
    roles: list[dict[str, Any]]
    mentions: int
    events: list[dict[str, Any]]
    partners: list[dict[str, Any]]


class TimelinePoint(_Open):
    period: str
    count: int
    goldstein_sum: float
    goldstein_mean: Optional[float]
    quad_class: dict[str, int]


class Timeline(_Open):
    dyad: str
    interval: str
    points: list[TimelinePoint]


class Stories(_Open):
    stories: list[dict[str, Any]]


class IngestResult(_Open):
    article_id: Optional[int]
    new: int
    unchanged: int
    updated: int
    error: Optional[str]
    events: int


def errors(*codes: int) -> dict:
    """OpenAPI `responses` for the error answers a route can give."""
    text = {400: "malformed parameter", 401: "missing, unknown or revoked API key", 403: "the key may only read",
            404: "no such item", 413: "request body too large", 429: "rate limit reached (see Retry-After)"}
    return {c: {"model": Error, "description": text[c]} for c in codes}


def ok(model: type[BaseModel], csv: bool = False) -> dict:
    content = {"text/csv": {"schema": {"type": "string"}}} if csv else {}
    return {200: {"model": model, "description": "OK", **({"content": content} if content else {})}}
