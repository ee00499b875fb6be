"""The REST API under /api: events, articles and actors in the vocabulary of
`dyad.query` (filters, sort, cursor paging), JSON or CSV; a dyad's timeline; stories;
and `POST /api/ingest` for writers."""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from .. import query as Q
from . import schemas as S
from .keys import read_access
from .params import ActorParams, ArticleParams, EventParams, StoryParams, TimelineParams
from .respond import respond

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(read_access)])
Suffix = Literal["json", "csv"]
RowId = Annotated[int, Path(ge=0, le=Q.INT_RANGE[1], description="row id")]
ActorId = Annotated[str, Path(min_length=1, max_length=200, description="actor id (e.g. a Wikidata QID or ISO code)")]
Pair = Annotated[str, Path(max_length=30, pattern=r"^[A-Za-z0-9_]{1,12}-[A-Za-z0-9_]{1,12}$",
                           description="two country codes, e.g. CHN-RUS")]
LIST_ERRORS = S.errors(400, 401, 429)
ITEM_ERRORS = S.errors(401, 404, 429)


def db(request: Request):
    return request.app.state.dyad.db()


# -- events ----------------------------------------------------------------------------
async def events_answer(request: Request, p, fmt: str | None):
    """A page of events; the same question asked again before the database changes gets
    the answer kept from the first time, straight from the event loop (no thread)."""
    state = request.app.state.dyad
    key = (request.url.path, fmt, tuple(sorted(request.query_params.multi_items())))
    generation = state.generation(db(request))
    answer = state.cached(key, generation)
    if answer is None:
        answer = await run_in_threadpool(build_events_answer, request, p, fmt)
        state.keep(key, generation, answer)
    return Response(answer.body, status_code=answer.status_code, media_type=answer.media_type)


def build_events_answer(request: Request, p, fmt: str | None):
    with db(request).snapshot() as database:
        rows, nxt = Q.events_page(database, p.filters(), p.sort, p.limit, p.cursor)
        fmt = fmt or p.format
        shown = 0 if fmt == "csv" else p.mentions
        # at least one: the evidence is the first mention's
        mentions = Q.mentions_of(database, [r["id"] for r in rows], brief=True, per_event=max(shown, 1))
    items = [Q.event_json(r, mentions[r["id"]], shown) for r in rows]
    if fmt == "csv":
        return respond([{k: v for k, v in r.items() if k != "mentions"} for r in items], "csv")
    next_url = f"{request.url.path}?{urlencode({**request.query_params, 'cursor': nxt})}" if nxt else None
    return respond(items, fmt, {"next": nxt, "next_url": next_url}, key="events")


@router.get("/events", summary="Merged events, filtered, sorted and paged",
            responses={**S.ok(S.EventsPage, csv=True), **LIST_ERRORS})
async def list_events(request: Request, p: Annotated[EventParams, Query()]):
    return await events_answer(request, p, None)


@router.get("/events.{suffix}", summary="Merged events as JSON or CSV",
            responses={**S.ok(S.EventsPage, csv=True), **LIST_ERRORS})
async def list_events_as(request: Request, suffix: Suffix, p: Annotated[EventParams, Query()]):
    return await events_answer(request, p, suffix)


@router.get("/events/{event_id}", summary="One merged event with all its mentions",
            responses={**S.ok(S.Event), **ITEM_ERRORS})
def get_event(request: Request, event_id: RowId):
    with db(request).snapshot() as database:
        row = Q.event_by_id(database, event_id)
        if row is None:
            raise HTTPException(404, f"no event {event_id}")
        return Q.event_json(row, Q.mentions_of(database, [event_id], brief=True)[event_id])


# -- articles --------------------------------------------------------------------------
def articles_answer(request: Request, p, fmt: str | None):
    rows, nxt = Q.articles_page(db(request), p.filters(), p.sort, p.limit, p.cursor)
    return respond(rows, fmt or p.format, {"next": nxt}, key="articles")


@router.get("/articles", summary="Stored articles (without their text), filtered and paged",
            responses={**S.ok(S.ArticlesPage, csv=True), **LIST_ERRORS})
def list_articles(request: Request, p: Annotated[ArticleParams, Query()]):
    return articles_answer(request, p, None)


@router.get("/articles.{suffix}", summary="Stored articles as JSON or CSV",
            responses={**S.ok(S.ArticlesPage, csv=True), **LIST_ERRORS})
def list_articles_as(request: Request, suffix: Suffix, p: Annotated[ArticleParams, Query()]):
    return articles_answer(request, p, suffix)


@router.get("/articles/{article_id}", summary="One article: text, removed spans, actors, event mentions",
            responses={**S.ok(S.ArticleDetail), **ITEM_ERRORS})
def get_article(request: Request, article_id: RowId):
    a = Q.article_detail(db(request), article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    return a


# -- actors ----------------------------------------------------------------------------
def actors_answer(request: Request, p, fmt: str | None):
    rows, nxt = Q.actors_page(db(request), p.filters(), p.sort, p.limit, p.cursor)
    return respond(rows, fmt or p.format, {"next": nxt}, key="actors")


@router.get("/actors", summary="Actors seen in the articles, with their mention counts",
            responses={**S.ok(S.ActorsPage, csv=True), **LIST_ERRORS})
def list_actors(request: Request, p: Annotated[ActorParams, Query()]):
    return actors_answer(request, p, None)


@router.get("/actors.{suffix}", summary="Actors as JSON or CSV",
            responses={**S.ok(S.ActorsPage, csv=True), **LIST_ERRORS})
def list_actors_as(request: Request, suffix: Suffix, p: Annotated[ActorParams, Query()]):
    return actors_answer(request, p, suffix)


@router.get("/actors/{actor_id}", summary="One actor: roles, events, most frequent partners",
            responses={**S.ok(S.ActorDetail), **ITEM_ERRORS})
def get_actor(request: Request, actor_id: ActorId):
    info = Q.actor_detail(db(request), actor_id)
    if info is None:
        raise HTTPException(404, f"no actor {actor_id}")
    keep = ("id", "date", "cameo", "plover", "source_name", "target_name")
    info["events"] = [{k: e[k] for k in keep} for e in info["events"]]
    return info


# -- dyads and stories -----------------------------------------------------------------
@router.get("/dyads/{pair}/timeline", summary="Events between two countries per day, week or month",
            responses={**S.ok(S.Timeline, csv=True), **S.errors(400, 401, 429)})
def dyad_timeline(request: Request, pair: Pair, p: Annotated[TimelineParams, Query()]):
    a, b = pair.upper().split("-", 1)
    pts = Q.timeline(db(request), a, b, p.interval, p.filters())
    if p.format == "csv":
        return respond([{**{k: v for k, v in pt.items() if k != "quad_class"},
                         **{f"quad_class_{k}": v for k, v in pt["quad_class"].items()}} for pt in pts], "csv")
    return {"dyad": f"{a}-{b}", "interval": p.interval, "points": pts}


def stories_of(database, min_articles: int) -> list[dict]:
    from .. import stories as st

    if not Q.has_stories(database):
        st.build(database)
    return st.list_stories(database, min_articles)


@router.get("/stories", summary="Stories: articles clustered across languages",
            responses={**S.ok(S.Stories), **S.errors(401, 429)})
def api_stories(request: Request, p: Annotated[StoryParams, Query()]):
    return {"stories": stories_of(db(request), p.min_articles)}
