"""`dyad serve`: the REST API and the dashboard over one event database.

The API speaks the query vocabulary of `dyad.query` (the same filters, sort and cursor
paging as `dyad events`); every list endpoint answers JSON, or CSV with a `.csv` suffix
or `?_format=csv`. Pages are rendered on the server with Jinja2 (autoescaped) and draw
charts as inline SVG, so the dashboard needs no JavaScript library and no network.
Write endpoints need an API key (`dyad keys create`); read endpoints are public unless
the server is started with `--private` (or DYAD_PRIVATE=1).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import secrets
from collections import Counter, defaultdict
from importlib import resources as ires
from pathlib import Path

from fastapi import Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from . import query as Q
from .store import Database, connect

RTL = {"ar", "fa", "ur", "he", "ps", "yi", "ug", "ckb", "sd"}
MAX_LIMIT = 1000


# -- API keys --------------------------------------------------------------------------
def _ensure_keys_table(db: Database) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS api_keys (key_hash TEXT PRIMARY KEY, name TEXT, created_at TEXT)")


def create_key(db: Database, name: str = "") -> str:
    _ensure_keys_table(db)
    key = "dyad_" + secrets.token_urlsafe(24)
    db.execute("INSERT INTO api_keys (key_hash, name, created_at) VALUES (?, ?, ?)",
               (hashlib.sha256(key.encode()).hexdigest(), name,
                dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
    return key


def key_valid(db: Database, key: str | None) -> bool:
    if not key:
        return False
    _ensure_keys_table(db)
    return bool(db.scalar("SELECT 1 FROM api_keys WHERE key_hash = ?", (hashlib.sha256(key.encode()).hexdigest(),)))


# -- rendering helpers -----------------------------------------------------------------
def highlight(text: str, spans: list[tuple[int, int, str]], base: int = 0) -> Markup:
    """Escape `text` and wrap the given spans (offsets relative to `base`) in <mark>."""
    spans = sorted((s - base, e - base, cls) for s, e, cls in spans
                   if s is not None and e is not None and 0 <= s - base < e - base <= len(text))
    out, pos = [], 0
    for s, e, cls in spans:
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(Markup('<mark class="{}">').format(cls) + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def direction(lang: str | None) -> str:
    return "rtl" if (lang or "") in RTL else "ltr"


def timeline(db: Database, a: str, b: str, interval: str = "week", filters: dict | None = None) -> list[dict]:
    f = dict(filters or {})
    f["dyad"] = f"{a}-{b}"
    f.setdefault("modality", "asserted")
    rows = list(Q.iter_events(db, f, "date"))
    buckets: dict[str, dict] = {}
    for r in rows:
        d = r["date"] or r["block_date"]
        if not d:
            continue
        day = dt.date.fromisoformat(d)
        if interval == "day":
            key = day.isoformat()
        elif interval == "month":
            key = day.strftime("%Y-%m")
        else:
            key = (day - dt.timedelta(days=day.weekday())).isoformat()
        bk = buckets.setdefault(key, {"period": key, "count": 0, "goldstein_sum": 0.0,
                                      "quad_class": {"1": 0, "2": 0, "3": 0, "4": 0}})
        bk["count"] += 1
        bk["goldstein_sum"] += r["goldstein"] or 0
        bk["quad_class"][str(r["quad_class"])] += 1
    out = []
    for key in sorted(buckets):
        bk = buckets[key]
        bk["goldstein_sum"] = round(bk["goldstein_sum"], 2)
        bk["goldstein_mean"] = round(bk["goldstein_sum"] / bk["count"], 3) if bk["count"] else None
        out.append(bk)
    return out


from .maps import event_points, map_svg  # noqa: E402


def timeline_svg(points: list[dict], width: int = 720, height: int = 180) -> Markup:
    """Bars for event counts, a line for mean Goldstein (cooperation above zero)."""
    if not points:
        return Markup('<p class="muted">No dated events for this pair.</p>')
    pad = 30
    n = len(points)
    bw = max(4, (width - 2 * pad) / max(n, 1) * 0.7)
    maxc = max(p["count"] for p in points) or 1
    mid = height / 2
    parts = [f'<svg class="timeline" role="img" aria-label="event timeline" viewBox="0 0 {width} {height}" '
             f'width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{pad}" y1="{mid}" x2="{width - pad}" y2="{mid}" stroke="#999" stroke-dasharray="3,3"/>']
    pts = []
    for i, p in enumerate(points):
        x = pad + (i + 0.5) * (width - 2 * pad) / n
        h = (height / 2 - 10) * p["count"] / maxc
        color = "#2a7" if (p["goldstein_mean"] or 0) >= 0 else "#c33"
        parts.append(f'<rect class="bar" x="{x - bw / 2:.1f}" y="{height - 5 - h:.1f}" width="{bw:.1f}" '
                     f'height="{h:.1f}" fill="{color}" opacity="0.5"><title>{escape(p["period"])}: '
                     f'{p["count"]} events, mean Goldstein {p["goldstein_mean"]}</title></rect>')
        y = mid - (p["goldstein_mean"] or 0) / 10 * (height / 2 - 10)
        pts.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#124"/>')
    parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="#124" stroke-width="1.5"/>')
    parts.append(f'<text x="{pad}" y="12" font-size="11">{escape(points[0]["period"])}</text>')
    parts.append(f'<text x="{width - pad}" y="12" font-size="11" text-anchor="end">{escape(points[-1]["period"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def network_svg(center: str, partners: list[tuple[str, str, int]], size: int = 360) -> Markup:
    import math

    if not partners:
        return Markup('<p class="muted">No partners yet.</p>')
    c = size / 2
    parts = [f'<svg class="network" viewBox="0 0 {size} {size}" width="{size}" height="{size}" xmlns="http://www.w3.org/2000/svg">']
    maxw = max(w for _, _, w in partners)
    for i, (pid, label, w) in enumerate(partners):
        ang = 2 * math.pi * i / len(partners)
        x, y = c + (c - 50) * math.cos(ang), c + (c - 50) * math.sin(ang)
        parts.append(f'<line x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" stroke="#678" stroke-width="{1 + 5 * w / maxw:.1f}"/>')
        parts.append(f'<a href="/actors/{escape(pid)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#def"/>'
                     f'<text x="{x:.1f}" y="{y + 30:.1f}" font-size="11" text-anchor="middle">{escape(label)} ({w})</text></a>')
    parts.append(f'<circle cx="{c}" cy="{c}" r="22" fill="#9bd"/><text x="{c}" y="{c + 4}" font-size="11" '
                 f'text-anchor="middle">{escape(center)}</text></svg>')
    return Markup("".join(parts))


# -- app -------------------------------------------------------------------------------
def create_app(db_url: str = "dyad.db", private: bool | None = None) -> FastAPI:
    private = bool(int(os.environ.get("DYAD_PRIVATE", "0"))) if private is None else private
    app = FastAPI(title="dyad", version="0.1", description="Event data with evidence: REST API of dyad")
    tpl_dir = Path(str(ires.files("dyad") / "templates"))
    env = Environment(loader=FileSystemLoader(str(tpl_dir)), autoescape=select_autoescape(["html"]))
    env.globals.update(highlight=highlight, direction=direction)
    import threading

    local = threading.local()  # one connection per server thread: sqlite3 objects are per-thread

    def get_db() -> Database:
        if getattr(local, "db", None) is None:
            local.db = connect(db_url)
            _ensure_keys_table(local.db)
        return local.db

    def _key(request: Request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.headers.get("x-api-key") or None

    def require_read(request: Request):
        if private and not key_valid(get_db(), _key(request)):
            raise HTTPException(401, "this server requires an API key for reading (X-API-Key header)")

    def require_write(request: Request):
        if not key_valid(get_db(), _key(request)):
            raise HTTPException(401, "writing requires an API key: create one with `dyad keys create`, "
                                     "send it as X-API-Key or Authorization: Bearer")

    def render(name: str, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx))

    def filters_from(request: Request) -> dict:
        f = {k: v for k, v in request.query_params.items() if k in Q.FILTERS and v != ""}
        return f

    def respond(rows: list[dict], fmt: str, extra: dict | None = None, key: str = "rows"):
        if fmt == "csv":
            buf = io.StringIO()
            if rows:
                flat = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                         for k, v in r.items()} for r in rows]
                w = csv.DictWriter(buf, fieldnames=list(flat[0]))
                w.writeheader()
                w.writerows(flat)
            return PlainTextResponse(buf.getvalue(), media_type="text/csv; charset=utf-8")
        return JSONResponse({key: rows, **(extra or {})})

    def _fmt(request: Request, suffix: str | None) -> str:
        return (suffix or request.query_params.get("_format") or "json").lstrip(".")

    # ---- API ----
    def list_events(request: Request, suffix: str | None = None):
        db = get_db()
        try:
            limit = min(int(request.query_params.get("limit", 100)), MAX_LIMIT)
            rows, nxt = Q.events_page(db, filters_from(request), request.query_params.get("sort", "-date"),
                                      limit, request.query_params.get("cursor"))
        except (Q.QueryError, ValueError) as e:
            raise HTTPException(400, str(e))
        ms = Q.mentions_of(db, [r["id"] for r in rows])
        items = [Q.event_json(r, ms[r["id"]]) for r in rows]
        fmt = _fmt(request, suffix)
        if fmt == "csv":
            items = [{k: v for k, v in r.items() if k != "mentions"} for r in items]
        next_url = None
        if nxt:
            params = dict(request.query_params)
            params["cursor"] = nxt
            from urllib.parse import urlencode
            next_url = f"{request.url.path}?{urlencode(params)}"
        return respond(items, fmt, {"next": nxt, "next_url": next_url}, key="events")

    app.get("/api/events", dependencies=[Depends(require_read)])(list_events)

    @app.get("/api/events.{suffix}", dependencies=[Depends(require_read)])
    def list_events_fmt(request: Request, suffix: str):
        if suffix not in ("json", "csv"):
            raise HTTPException(404, "use .json or .csv")
        return list_events(request, suffix)

    @app.get("/api/events/{event_id}", dependencies=[Depends(require_read)])
    def get_event(event_id: int):
        db = get_db()
        rows = db.query("SELECT * FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise HTTPException(404, f"no event {event_id}")
        return Q.event_json(rows[0], Q.mentions_of(db, [event_id])[event_id])

    def _articles(request: Request, suffix: str | None = None):
        db = get_db()
        conds, params = [], []
        for col in ("language", "source"):
            v = request.query_params.get(col)
            if v:
                conds.append(f"{col} = ?")
                params.append(v)
        cursor = request.query_params.get("cursor")
        if cursor:
            conds.append("id > ?")
            params.append(int(Q.decode_cursor(cursor)[1]))
        limit = min(int(request.query_params.get("limit", 100)), MAX_LIMIT)
        w = (" WHERE " + " AND ".join(conds)) if conds else ""
        rows = db.query("SELECT id, input, url, source, title, outlet, language, published, published_partial, "
                        f"reprint_of FROM articles{w} ORDER BY id LIMIT ?", (*params, limit + 1))
        nxt = Q.encode_cursor(rows[limit - 1]["id"], rows[limit - 1]["id"]) if len(rows) > limit else None
        return respond(rows[:limit], _fmt(request, suffix), {"next": nxt}, key="articles")

    app.get("/api/articles", dependencies=[Depends(require_read)])(_articles)

    @app.get("/api/articles.{suffix}", dependencies=[Depends(require_read)])
    def articles_fmt(request: Request, suffix: str):
        return _articles(request, suffix)

    def article_detail(db: Database, article_id: int) -> dict:
        rows = db.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise HTTPException(404, f"no article {article_id}")
        a = rows[0]
        a["removed"] = json.loads(a["removed"] or "[]")
        a["actors"] = db.query("SELECT start_off AS start, end_off AS end, actor_id, name, kind, country, wikidata, "
                               "sector, role, via FROM actor_mentions WHERE article_id = ? ORDER BY start_off", (article_id,))
        a["event_mentions"] = db.query("SELECT * FROM event_mentions WHERE article_id = ? ORDER BY evidence_start", (article_id,))
        return a

    @app.get("/api/articles/{article_id}", dependencies=[Depends(require_read)])
    def get_article(article_id: int):
        return article_detail(get_db(), article_id)

    def _actors(request: Request, suffix: str | None = None):
        db = get_db()
        conds, params = [], []
        for col in ("country", "kind"):
            v = request.query_params.get(col)
            if v:
                conds.append(f"{col} = ?")
                params.append(v)
        q = request.query_params.get("q")
        if q:
            conds.append("LOWER(name) LIKE ?")
            params.append(f"%{q.lower()}%")
        cursor = request.query_params.get("cursor")
        if cursor:
            conds.append("actor_id > ?")
            params.append(str(Q.decode_cursor(cursor)[0]))
        limit = min(int(request.query_params.get("limit", 100)), MAX_LIMIT)
        w = (" WHERE " + " AND ".join(conds)) if conds else ""
        rows = db.query("SELECT actor_id AS id, MAX(name) AS name, MAX(kind) AS kind, MAX(country) AS country, "
                        "MAX(wikidata) AS wikidata, MAX(sector) AS sector, COUNT(*) AS mentions FROM actor_mentions"
                        f"{w} GROUP BY actor_id ORDER BY actor_id LIMIT ?", (*params, limit + 1))
        nxt = Q.encode_cursor(rows[limit - 1]["id"], 0) if len(rows) > limit else None
        return respond(rows[:limit], _fmt(request, suffix), {"next": nxt}, key="actors")

    app.get("/api/actors", dependencies=[Depends(require_read)])(_actors)

    @app.get("/api/actors.{suffix}", dependencies=[Depends(require_read)])
    def actors_fmt(request: Request, suffix: str):
        return _actors(request, suffix)

    def actor_detail(db: Database, actor_id: str) -> dict:
        from .actors import kb_index

        by_id, _ = kb_index()
        rec = by_id.get(actor_id)
        seen = db.query("SELECT MAX(name) AS name, MAX(kind) AS kind, MAX(country) AS country, MAX(wikidata) AS wikidata, "
                        "MAX(sector) AS sector, COUNT(*) AS mentions FROM actor_mentions WHERE actor_id = ?", (actor_id,))
        if not rec and not (seen and seen[0]["mentions"]):
            raise HTTPException(404, f"no actor {actor_id}")
        info = {"id": actor_id, "name": (rec or {}).get("name") or seen[0]["name"],
                "kind": (rec or {}).get("kind") or seen[0]["kind"],
                "country": (rec or {}).get("country") if (rec or {}).get("kind") != "country" else actor_id,
                "wikidata": (rec or {}).get("wikidata") or seen[0]["wikidata"],
                "sector": (rec or {}).get("sector") or seen[0]["sector"],
                "roles": sorted((rec or {}).get("roles") or [], key=lambda r: r.get("start") or ""),
                "mentions": seen[0]["mentions"] if seen else 0}
        if info["kind"] == "country":
            evs = list(Q.iter_events(db, {"country": actor_id, "modality": "all"}, "-date"))
        else:
            evs = db.query("SELECT * FROM events WHERE source_id = ? OR target_id = ? ORDER BY COALESCE(date, block_date) DESC, id DESC",
                           (actor_id, actor_id))
        partners = Counter()
        names = {}
        for e in evs:
            for side, other in (("source", "target"), ("target", "source")):
                mine = e[f"{side}_id"] == actor_id or (info["kind"] == "country" and e[f"{side}_country"] == actor_id)
                if mine and e[f"{other}_id"]:
                    partners[e[f"{other}_id"]] += 1
                    names[e[f"{other}_id"]] = e[f"{other}_name"]
        info["events"] = evs
        info["partners"] = [{"id": p, "name": names[p], "events": n} for p, n in partners.most_common(12)]
        return info

    @app.get("/api/actors/{actor_id}", dependencies=[Depends(require_read)])
    def get_actor(actor_id: str):
        info = actor_detail(get_db(), actor_id)
        info["events"] = [{k: e[k] for k in ("id", "date", "cameo", "plover", "source_name", "target_name")} for e in info["events"]]
        return info

    @app.get("/api/dyads/{pair}/timeline", dependencies=[Depends(require_read)])
    def dyad_timeline(pair: str, request: Request, interval: str = "week"):
        if "-" not in pair:
            raise HTTPException(400, "pair must look like CHN-RUS")
        if interval not in ("day", "week", "month"):
            raise HTTPException(400, "interval is day, week or month")
        a, b = pair.upper().split("-", 1)
        f = filters_from(request)
        f.pop("dyad", None)
        try:
            pts = timeline(get_db(), a, b, interval, f)
        except Q.QueryError as e:
            raise HTTPException(400, str(e))
        if request.query_params.get("_format") == "csv":
            return respond([{**{k: v for k, v in p.items() if k != "quad_class"},
                             **{f"quad_class_{k}": v for k, v in p["quad_class"].items()}} for p in pts], "csv")
        return {"dyad": f"{a}-{b}", "interval": interval, "points": pts}

    @app.get("/api/stories", dependencies=[Depends(require_read)])
    def api_stories(min_articles: int = 2):
        from . import stories as st

        db = get_db()
        if not db.scalar("SELECT COUNT(*) FROM story_articles"):
            st.build(db)
        return {"stories": st.list_stories(db, min_articles)}

    @app.post("/api/ingest", dependencies=[Depends(require_write)])
    async def api_ingest(request: Request, file: UploadFile | None = File(None), text: str | None = Form(None),
                         title: str | None = Form(None), url: str | None = Form(None),
                         published: str | None = Form(None), language: str | None = Form(None)):
        from .doc import Doc
        from .ingest import Summary, store_doc
        from .pipeline import run
        from .readers import InputError, decode_bytes

        if request.headers.get("content-type", "").startswith("application/json"):
            body = await request.json()
            text, title, url = body.get("text"), body.get("title"), body.get("url")
            published, language = body.get("published"), body.get("language")
        name = url or (file.filename if file else "<api>")
        if file is not None:
            try:
                text = decode_bytes(await file.read(), file.filename or "upload")
            except InputError as e:
                raise HTTPException(400, str(e))
        if not text or not text.strip():
            raise HTTPException(400, "send `text` (JSON or form field) or a file upload")
        doc = Doc(input=name, raw=text)
        doc.url = url
        for k, v in (("title", title), ("published", published), ("language", language)):
            if v:
                doc.meta[f"given_{k}"] = v
        doc = run(doc)
        summary = Summary()
        store_doc(get_db(), doc, summary)
        aid = get_db().scalar("SELECT id FROM articles WHERE input = ? ORDER BY id DESC", (name,))
        return {"article_id": aid, "new": summary.new, "unchanged": summary.unchanged, "updated": summary.updated,
                "error": doc.error, "events": len(doc.events)}

    # ---- pages ----
    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        require_read(request)
        db = get_db()
        latest, _ = Q.events_page(db, {}, "-date", 25)
        langs = db.query("SELECT language, COUNT(*) AS n FROM articles GROUP BY language ORDER BY n DESC")
        quads = db.query("SELECT quad_class, COUNT(*) AS n FROM events WHERE modality = 'asserted' GROUP BY quad_class ORDER BY quad_class")
        dyads = db.query("SELECT pair_key, COUNT(*) AS n FROM events WHERE modality = 'asserted' AND family = 'CONSULT' "
                         "GROUP BY pair_key ORDER BY n DESC LIMIT 10")
        return render("home.html", events=latest, langs=langs, quads=quads, dyads=dyads,
                      totals={"articles": db.scalar("SELECT COUNT(*) FROM articles"),
                              "events": db.scalar("SELECT COUNT(*) FROM events")})

    @app.get("/events", response_class=HTMLResponse)
    def events_page(request: Request):
        require_read(request)
        db = get_db()
        f = filters_from(request)
        try:
            rows, nxt = Q.events_page(db, f, request.query_params.get("sort", "-date"), 50,
                                      request.query_params.get("cursor"))
        except Q.QueryError as e:
            raise HTTPException(400, str(e))
        return render("events.html", events=rows, filters=f, next=nxt, title="Events",
                      qs=request.query_params)

    @app.get("/dyad/{pair}", response_class=HTMLResponse)
    def dyad_page(pair: str, request: Request):
        require_read(request)
        if "-" not in pair:
            raise HTTPException(400, "pair must look like CHN-RUS")
        a, b = pair.upper().split("-", 1)
        db = get_db()
        f = filters_from(request)
        f["dyad"] = f"{a}-{b}"
        interval = request.query_params.get("interval", "week")
        pts = timeline(db, a, b, interval, {k: v for k, v in f.items() if k != "dyad"})
        rows, nxt = Q.events_page(db, f, request.query_params.get("sort", "-date"), 100, request.query_params.get("cursor"))
        return render("dyad.html", a=a, b=b, points=pts, svg=timeline_svg(pts), events=rows, next=nxt,
                      filters=f, interval=interval, qs=request.query_params,
                      map=map_svg(event_points(rows)))

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def event_page(event_id: int, request: Request):
        require_read(request)
        db = get_db()
        rows = db.query("SELECT * FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise HTTPException(404, f"no event {event_id}")
        ms = Q.mentions_of(db, [event_id])[event_id]
        for m in ms:
            base = m["evidence_start"] or 0
            m["html"] = highlight(m["evidence"] or "", [
                (m["source_start"], m["source_end"], "actor source"),
                (m["target_start"], m["target_end"], "actor target"),
                (m["trigger_start"], m["trigger_end"], "trigger")], base)
        e = rows[0]
        place = [{"lat": e["location_lat"], "lon": e["location_lon"], "label": e["location_name"], "count": 1,
                  "quad_class": e["quad_class"]}] if e.get("location_lat") is not None else []
        return render("event.html", e=e, mentions=ms, map=map_svg(place, link=False) if place else None)

    @app.get("/actors/{actor_id}", response_class=HTMLResponse)
    def actor_page(actor_id: str, request: Request):
        require_read(request)
        info = actor_detail(get_db(), actor_id)
        svg = network_svg(info["name"], [(p["id"], p["name"], p["events"]) for p in info["partners"]])
        return render("actor.html", a=info, svg=svg)

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: int, request: Request):
        require_read(request)
        a = article_detail(get_db(), article_id)
        spans = [(m["start"], m["end"], "actor") for m in a["actors"]]
        spans += [(m["trigger_start"], m["trigger_end"], "trigger") for m in a["event_mentions"]]
        body = highlight(a["text"], spans)
        raw = a["raw"] or ""
        removed = sorted(a["removed"])
        parts, pos = [], 0
        for s, e, label in removed:
            if s < pos:
                continue
            parts.append(escape(raw[pos:s]))
            parts.append(Markup('<span class="removed" title="{}">').format(label) + escape(raw[s:e]) + Markup("</span>"))
            pos = e
        parts.append(escape(raw[pos:]))
        return render("article.html", a=a, body=body, raw=Markup("").join(parts))

    @app.get("/stories", response_class=HTMLResponse)
    def stories_page(request: Request):
        require_read(request)
        return render("stories.html", stories=api_stories(2)["stories"])

    @app.get("/static/dyad.css")
    def css():
        return Response((tpl_dir / "dyad.css").read_text(encoding="utf-8"), media_type="text/css")

    return app
