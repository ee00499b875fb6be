"""The dashboard: pages rendered on the server (Jinja2, autoescaped), charts and maps as
inline SVG, no script. Each page reads through `dyad.query` like the API."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from .. import query as Q
from ..maps import event_points, map_svg
from . import schemas as S
from .api_routes import ActorId, Pair, RowId, stories_of
from .keys import read_access
from .params import DyadPageParams, EventPageParams, NoParams
from .svg import highlight, network_svg, removed_markup, timeline_svg

router = APIRouter(tags=["pages"], dependencies=[Depends(read_access)], default_response_class=HTMLResponse,
                   responses={200: {"content": {"text/html": {}}, "description": "a page"},
                              **S.errors(401, 404, 429)})


def render(request: Request, name: str, **ctx) -> HTMLResponse:
    return HTMLResponse(request.app.state.dyad.templates.get_template(name).render(**ctx))


def db(request: Request):
    return request.app.state.dyad.db()


@router.get("/", summary="Home: totals, languages, QuadClasses, active dyads, latest events")
def home(request: Request, p: Annotated[NoParams, Query()]):
    database = db(request)
    latest, _ = Q.events_page(database, {}, "-date", 25)
    return render(request, "home.html", events=latest, **Q.overview(database))


@router.get("/events", summary="Events, filtered like /api/events")
def events_page(request: Request, p: Annotated[EventPageParams, Query()]):
    f = p.filters()
    rows, nxt = Q.events_page(db(request), f, p.sort, p.limit, p.cursor)
    return render(request, "events.html", events=rows, filters=f, next=nxt, qs=_qs(request))


def _qs(request: Request) -> list[tuple[str, str]]:
    """The query string without the cursor, for the next-page link."""
    return [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]


@router.get("/dyad/{pair}", summary="A dyad: timeline, map and events of two countries")
def dyad_page(request: Request, pair: Pair, p: Annotated[DyadPageParams, Query()]):
    a, b = pair.upper().split("-", 1)
    database = db(request)
    f = p.filters()
    pts = Q.timeline(database, a, b, p.interval, f)
    rows, nxt = Q.events_page(database, {**f, "dyad": f"{a}-{b}"}, p.sort, p.limit, p.cursor)
    return render(request, "dyad.html", a=a, b=b, points=pts, svg=timeline_svg(pts), events=rows, next=nxt,
                  filters=f, interval=p.interval, qs=_qs(request), map=map_svg(event_points(rows)))


@router.get("/events/{event_id}", summary="An event with each report's evidence highlighted")
def event_page(request: Request, event_id: RowId, p: Annotated[NoParams, Query()]):
    with db(request).snapshot() as database:
        e = Q.event_by_id(database, event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id}")
        ms = Q.mentions_of(database, [event_id])[event_id]
    for m in ms:
        m["html"] = highlight(m["evidence"] or "", [
            (m["source_start"], m["source_end"], "actor source"),
            (m["target_start"], m["target_end"], "actor target"),
            (m["trigger_start"], m["trigger_end"], "trigger")], m["evidence_start"] or 0)
    place = [{"lat": e["location_lat"], "lon": e["location_lon"], "label": e["location_name"], "count": 1,
              "quad_class": e["quad_class"]}] if e.get("location_lat") is not None else []
    return render(request, "event.html", e=e, mentions=ms, map=map_svg(place, link=False) if place else None)


@router.get("/actors/{actor_id}", summary="An actor: roles, partners, events")
def actor_page(request: Request, actor_id: ActorId, p: Annotated[NoParams, Query()]):
    info = Q.actor_detail(db(request), actor_id)
    if info is None:
        raise HTTPException(404, f"no actor {actor_id}")
    svg = network_svg(info["name"] or actor_id, [(x["id"], x["name"], x["events"]) for x in info["partners"]])
    return render(request, "actor.html", a=info, svg=svg)


@router.get("/articles/{article_id}", summary="An article: cleaned text with actors and triggers, and as scraped")
def article_page(request: Request, article_id: RowId, p: Annotated[NoParams, Query()]):
    a = Q.article_detail(db(request), article_id)
    if a is None:
        raise HTTPException(404, f"no article {article_id}")
    spans = [(m["start"], m["end"], "actor") for m in a["actors"]]
    spans += [(m["trigger_start"], m["trigger_end"], "trigger") for m in a["event_mentions"]]
    return render(request, "article.html", a=a, body=highlight(a["text"], spans),
                  raw=removed_markup(a["raw"] or "", a["removed"]))


@router.get("/stories", summary="Stories: articles clustered across languages")
def stories_page(request: Request, p: Annotated[NoParams, Query()]):
    return render(request, "stories.html", stories=stories_of(db(request), 2))


@router.get("/docs", summary="The API reference, from the OpenAPI schema")
def api_docs(request: Request, p: Annotated[NoParams, Query()]):
    ops = []
    for path, item in request.app.openapi()["paths"].items():
        for method, op in item.items():
            params = [(x["name"], x.get("in"), (x.get("schema") or {}).get("description") or x.get("description") or "")
                      for x in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "tag": (op.get("tags") or [""])[0], "params": params})
    return render(request, "docs.html", ops=ops)
