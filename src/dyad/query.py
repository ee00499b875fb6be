"""One query vocabulary for events, articles and actors, shared by the CLI, the Python
API, the REST API and the dashboard: filters, sort keys and cursor paging (keyset, no
cap on depth), each validated against a whitelist.

Event filters (all optional): date_from, date_to, actor (name, QID or id), country, dyad
("CHN-RUS" either direction, "CHN>RUS" directed), cameo (code or root prefix), plover,
quad_class, goldstein_min, goldstein_max, language, source (outlet or host),
min_sources, q (full-text search in the evidence), modality ("asserted" by default;
"all" for every modality), type. Article filters: language, source, outlet, date_from,
date_to (publication date), q (in the title). Actor filters: country, kind, sector, q (in
the name).

Every value reaches the database as a bound parameter; column names and sort
expressions come only from the tables below. A value that cannot be right (a limit
outside 1..MAX_LIMIT, a date that is not a date, a cursor that was not made here) raises
`QueryError` with a message meant for the user.
"""
from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass

from .store import Database

MAX_LIMIT = 1000
MAX_VALUE = 500          # characters in one filter value
INT_RANGE = (-(2 ** 63), 2 ** 63 - 1)
DATE_RE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
CODE_RE = r"^[A-Za-z0-9_]{1,12}$"


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class Filter:
    """One filter of the vocabulary: its type, its bounds and what it means."""

    kind: type = str
    doc: str = ""
    pattern: str | None = None
    ge: float | None = None
    le: float | None = None
    choices: tuple[str, ...] | None = None

    def clean(self, name: str, value):
        """The value as the SQL parameter wants it, or QueryError."""
        if self.kind is str:
            value = str(value)
            if len(value) > MAX_VALUE:
                raise QueryError(f"{name}: at most {MAX_VALUE} characters")
            if "\x00" in value:
                raise QueryError(f"{name}: NUL characters are not allowed")
            if self.pattern and not re.fullmatch(self.pattern, value):
                raise QueryError(f"{name}: {value[:40]!r} does not look like {self.doc or self.pattern}")
            if self.choices and value not in self.choices:
                raise QueryError(f"{name}: one of {', '.join(self.choices)}")
            return value
        try:
            if isinstance(value, bool):
                raise ValueError
            value = self.kind(value) if not isinstance(value, str) else self.kind(value.strip())
        except (TypeError, ValueError, OverflowError):
            raise QueryError(f"{name}: expected {'an integer' if self.kind is int else 'a number'}") from None
        if self.kind is float and not math.isfinite(value):
            raise QueryError(f"{name}: expected a finite number")
        if (self.ge is not None and value < self.ge) or (self.le is not None and value > self.le):
            raise QueryError(f"{name}: between {self.ge:g} and {self.le:g}")
        return value


MODALITIES = ("asserted", "planned", "background", "negated", "all")

EVENT_FILTERS: dict[str, Filter] = {
    "date_from": Filter(str, "a date: YYYY, YYYY-MM or YYYY-MM-DD (events on or after it)", DATE_RE),
    "date_to": Filter(str, "a date: YYYY, YYYY-MM or YYYY-MM-DD (events on or before it)", DATE_RE),
    "actor": Filter(str, "actor name (substring), Wikidata QID or actor id"),
    "country": Filter(str, "an ISO 3166 alpha-3 code of the source or the target", CODE_RE),
    "dyad": Filter(str, "a country pair: CHN-RUS (either direction) or CHN>RUS (directed)",
                   r"^ *[A-Za-z0-9_]{1,12} *[->] *[A-Za-z0-9_]{1,12} *$"),
    "cameo": Filter(str, "a CAMEO code or root prefix (digits), e.g. 04 or 041", r"^[0-9]{1,4}$"),
    "plover": Filter(str, "a PLOVER type, e.g. CONSULT", r"^[A-Za-z_]{1,30}$"),
    "quad_class": Filter(int, "QuadClass 1-4", ge=1, le=4),
    "goldstein_min": Filter(float, "lowest Goldstein score (-10..10)", ge=-10, le=10),
    "goldstein_max": Filter(float, "highest Goldstein score (-10..10)", ge=-10, le=10),
    "language": Filter(str, "only events with a mention in this language (ISO 639)", r"^[A-Za-z-]{2,12}$"),
    "source": Filter(str, "only events reported by this outlet or host"),
    "min_sources": Filter(int, "at least this many independent sources", ge=0, le=1_000_000),
    "q": Filter(str, "full-text search in the evidence"),
    "modality": Filter(str, "asserted (default), planned, background, negated or all", choices=MODALITIES),
    "type": Filter(str, "a dyad event type, e.g. video_call", r"^[A-Za-z0-9_]{1,40}$"),
}
FILTERS = list(EVENT_FILTERS)

ARTICLE_FILTERS: dict[str, Filter] = {
    "language": Filter(str, "language of the article (ISO 639)", r"^[A-Za-z-]{2,12}$"),
    "source": Filter(str, "outlet or host, as stored"),
    "outlet": Filter(str, "outlet name, as stored"),
    "date_from": Filter(str, "a date: YYYY, YYYY-MM or YYYY-MM-DD (published on or after it)", DATE_RE),
    "date_to": Filter(str, "a date: YYYY, YYYY-MM or YYYY-MM-DD (published on or before it)", DATE_RE),
    "q": Filter(str, "a substring of the title"),
}

ACTOR_FILTERS: dict[str, Filter] = {
    "country": Filter(str, "ISO 3166 alpha-3 code of the actor", CODE_RE),
    "kind": Filter(str, "kind of actor: person, country, organization, group, ...", r"^[A-Za-z_]{1,30}$"),
    "sector": Filter(str, "sector code, e.g. GOV or MIL", r"^[A-Za-z_]{1,30}$"),
    "q": Filter(str, "a substring of the name"),
}


@dataclass(frozen=True)
class Sort:
    expr: str
    kind: type  # the type of a cursor value for this sort


SORTS_SPEC: dict[str, Sort] = {
    "date": Sort("COALESCE(e.date, e.block_date, '')", str), "num_articles": Sort("e.num_articles", int),
    "num_sources": Sort("e.num_sources", int), "num_mentions": Sort("e.num_mentions", int),
    "goldstein": Sort("COALESCE(e.goldstein, 0)", float), "id": Sort("e.id", int),
    "confidence": Sort("COALESCE(e.confidence, 0)", float)}
SORTS = {k: s.expr for k, s in SORTS_SPEC.items()}
ARTICLE_SORTS: dict[str, Sort] = {
    "id": Sort("a.id", int), "published": Sort("COALESCE(a.published, '')", str),
    "title": Sort("COALESCE(a.title, '')", str)}
ACTOR_SORTS: dict[str, Sort] = {
    "id": Sort("g.id", str), "name": Sort("COALESCE(g.name, '')", str), "mentions": Sort("g.mentions", int),
    "articles": Sort("g.articles", int)}

ARTICLE_COLUMNS = ("id", "input", "url", "source", "title", "outlet", "language", "published", "published_partial",
                   "reprint_of", "ingested_at")


def sort_names(sorts: dict) -> list[str]:
    """Every accepted value of `sort`: each key, ascending and descending."""
    return [p + k for k in sorts for p in ("", "-")]


def clean_filters(f: dict, spec: dict[str, Filter]) -> dict:
    """Drop empty values, refuse unknown names, check and convert each value."""
    f = {k: v for k, v in (f or {}).items() if v is not None and v != "" and v != []}
    unknown = set(f) - set(spec)
    if unknown:
        raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}; accepted: {', '.join(spec)}")
    return {k: spec[k].clean(k, v) for k, v in f.items()}


def check_limit(limit) -> int:
    try:
        n = int(limit)
    except (TypeError, ValueError, OverflowError):
        raise QueryError("limit: expected an integer") from None
    if not 1 <= n <= MAX_LIMIT:
        raise QueryError(f"limit: between 1 and {MAX_LIMIT}")
    return n


def _like(value: str) -> str:
    """A LIKE pattern matching `value` as a substring, its wildcards taken literally."""
    v = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{v}%"


def where(db: Database, f: dict) -> tuple[str, list]:
    conds, params = [], []
    f = clean_filters(f, EVENT_FILTERS)
    modality = f.get("modality", "asserted")
    if modality != "all":
        conds.append("e.modality = ?")
        params.append(modality)
    # the sort expression of `date` (so its indexes serve the range); '' is no date
    if "date_from" in f:
        conds.append(f"{SORTS_SPEC['date'].expr} >= ?")
        params.append(f["date_from"])
    if "date_to" in f:
        conds.append(f"{SORTS_SPEC['date'].expr} BETWEEN '0' AND ?")
        params.append(f["date_to"])
    if "actor" in f:
        a = f["actor"]
        conds.append("(e.source_id = ? OR e.target_id = ? OR e.source_wikidata = ? OR e.target_wikidata = ? "
                     "OR LOWER(e.source_name) LIKE ? ESCAPE '\\' OR LOWER(e.target_name) LIKE ? ESCAPE '\\')")
        like = _like(a)
        params += [a, a, a, a, like, like]
    if "country" in f:
        c = f["country"].upper()
        conds.append("(e.source_country = ? OR e.target_country = ?)")
        params += [c, c]
    if "dyad" in f:
        d = f["dyad"].upper().replace(" ", "")
        if ">" in d:
            a, b = d.split(">", 1)
            conds.append("(e.source_country = ? AND e.target_country = ?)")
            params += [a, b]
        else:
            a, b = d.split("-", 1)
            conds.append("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))")
            params += [a, b, b, a]
    if "cameo" in f:
        conds.append("e.cameo LIKE ?")
        params.append(f["cameo"].zfill(2) + "%")
    if "plover" in f:
        conds.append("e.plover = ?")
        params.append(f["plover"].upper())
    if "type" in f:
        conds.append("e.type = ?")
        params.append(f["type"])
    for name, cond in (("quad_class", "e.quad_class = ?"), ("goldstein_min", "e.goldstein >= ?"),
                       ("goldstein_max", "e.goldstein <= ?"), ("min_sources", "e.num_sources >= ?")):
        if name in f:
            conds.append(cond)
            params.append(f[name])
    if "language" in f:
        conds.append("EXISTS (SELECT 1 FROM event_mentions em WHERE em.event_id = e.id AND em.language = ?)")
        params.append(f["language"])
    if "source" in f:
        conds.append("EXISTS (SELECT 1 FROM event_mentions em JOIN articles a ON a.id = em.article_id "
                     "WHERE em.event_id = e.id AND LOWER(a.source) = ?)")
        params.append(f["source"].lower())
    if "q" in f:
        term = db.search_param(f["q"])
        if term.strip():
            conds.append(f"e.id IN ({db.search_clause()})")
            params.append(term)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


# -- cursors ---------------------------------------------------------------------------
def encode_cursor(value, row_id, sort: str | None = None) -> str:
    data = [value, row_id] if sort is None else [value, row_id, sort]
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str | None = None, kind: type | None = None):
    """(value, row id) from a cursor made by `encode_cursor`, or QueryError."""
    try:
        if len(cursor) > 2000:
            raise ValueError
        pad = "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(cursor + pad))
        if not isinstance(data, list) or len(data) not in (2, 3):
            raise ValueError
        value, row_id = data[0], data[1]
        if len(data) == 3 and sort is not None and data[2] != sort:
            raise ValueError
        _check_cursor_value(value, kind)
        _check_cursor_value(row_id, None)
        return value, row_id
    except Exception:
        raise QueryError("invalid cursor: pass the `next` value of the previous page, with the same sort") from None


def _check_cursor_value(value, kind) -> None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError
    if isinstance(value, int) and not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise ValueError
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError
    if isinstance(value, str) and (len(value) > 1000 or "\x00" in value):
        raise ValueError
    if kind is str and not isinstance(value, str):
        raise ValueError
    if kind in (int, float) and isinstance(value, str):
        raise ValueError
    if kind is int and isinstance(value, float):
        raise ValueError


def _parse_sort(sort: str, sorts: dict[str, Sort]) -> tuple[str, Sort, bool]:
    sort = str(sort or "")
    key = sort[1:] if sort.startswith("-") else sort
    if key not in sorts:
        raise QueryError(f"unknown sort {key[:40]!r}; one of: {', '.join(sorts)} (prefix - for descending)")
    return key, sorts[key], sort.startswith("-")


def keyset_page(db: Database, select: str, source: str, conds: list[str], params: list, sort: str,
                sorts: dict[str, Sort], id_expr: str, limit, cursor: str | None) -> tuple[list[dict], str | None]:
    """One page of `SELECT {select} FROM {source} WHERE conds` in the order of `sort`,
    after `cursor`; the cursor of the next page (None at the end)."""
    key, spec, desc = _parse_sort(sort, sorts)
    limit = check_limit(limit)
    conds, params = list(conds), list(params)
    if cursor:
        value, last_id = decode_cursor(cursor, sort, spec.kind)
        op = "<" if desc else ">"
        conds.append(f"({spec.expr} {op} ? OR ({spec.expr} = ? AND {id_expr} {op} ?))")
        params += [value, value, last_id]
    w = (" WHERE " + " AND ".join(conds)) if conds else ""
    order = "DESC" if desc else "ASC"
    rows = db.query(f"SELECT {select}, {spec.expr} AS sort_value FROM {source}{w} "
                    f"ORDER BY {spec.expr} {order}, {id_expr} {order} LIMIT ?", (*params, limit + 1))
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"], sort)
    for r in rows:
        r.pop("sort_value", None)
    return rows, nxt


def _iterate(page_fn, db, filters, sort, page):
    cursor = None
    while True:
        rows, cursor = page_fn(db, filters, sort, page, cursor)
        yield from rows
        if not cursor:
            return


# -- events ----------------------------------------------------------------------------
def events_page(db: Database, filters: dict, sort: str = "-date", limit: int = 100,
                cursor: str | None = None) -> tuple[list[dict], str | None]:
    """One page of merged events and the cursor of the next page (None at the end)."""
    _parse_sort(sort, SORTS_SPEC)
    w, params = where(db, filters)
    conds = [w[len(" WHERE "):]] if w else []
    # the ids first (from an index when one fits the filters and the sort), then the rows
    keys, nxt = keyset_page(db, "e.id", "events e", conds, params, sort, SORTS_SPEC, "e.id", limit, cursor)
    ids = [k["id"] for k in keys]
    if not ids:
        return [], nxt
    rows = {r["id"]: r for r in db.query(f"SELECT * FROM events WHERE id IN ({','.join('?' for _ in ids)})", ids)}
    return [rows[i] for i in ids if i in rows], nxt


def iter_events(db: Database, filters: dict, sort: str = "-date", page: int = 500):
    return _iterate(events_page, db, filters, sort, page)


def count_events(db: Database, filters: dict) -> int:
    w, params = where(db, filters)
    return db.scalar(f"SELECT COUNT(*) FROM events e{w}", params)


def event_by_id(db: Database, event_id: int) -> dict | None:
    if not INT_RANGE[0] <= int(event_id) <= INT_RANGE[1]:
        return None
    rows = db.query("SELECT * FROM events WHERE id = ?", (int(event_id),))
    return rows[0] if rows else None


# -- articles --------------------------------------------------------------------------
def article_where(filters: dict) -> tuple[list[str], list]:
    f = clean_filters(filters, ARTICLE_FILTERS)
    conds, params = [], []
    for col in ("language", "source", "outlet"):
        if col in f:
            conds.append(f"a.{col} = ?")
            params.append(f[col])
    if "date_from" in f:
        conds.append("a.published >= ?")
        params.append(f["date_from"])
    if "date_to" in f:
        conds.append("a.published <= ?")
        params.append(f["date_to"])
    if "q" in f:
        conds.append("LOWER(a.title) LIKE ? ESCAPE '\\'")
        params.append(_like(f["q"]))
    return conds, params


def articles_page(db: Database, filters: dict, sort: str = "id", limit: int = 100, cursor: str | None = None,
                  with_text: bool = False) -> tuple[list[dict], str | None]:
    """One page of stored articles (without their text unless asked) and the next cursor."""
    _parse_sort(sort, ARTICLE_SORTS)
    conds, params = article_where(filters)
    cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS + (("text",) if with_text else ()))
    return keyset_page(db, cols, "articles a", conds, params, sort, ARTICLE_SORTS, "a.id", limit, cursor)


def iter_articles(db: Database, filters: dict, sort: str = "id", page: int = 500, with_text: bool = False):
    return _iterate(lambda d, f, s, p, c: articles_page(d, f, s, p, c, with_text), db, filters, sort, page)


def article_detail(db: Database, article_id: int) -> dict | None:
    """An article with its text, removed spans, actor mentions and event mentions."""
    if not INT_RANGE[0] <= int(article_id) <= INT_RANGE[1]:
        return None
    rows = db.query("SELECT * FROM articles WHERE id = ?", (int(article_id),))
    if not rows:
        return None
    a = rows[0]
    a["removed"] = json.loads(a["removed"] or "[]")
    a["actors"] = db.query("SELECT start_off AS start, end_off AS end, actor_id, name, kind, country, wikidata, "
                           "sector, role, via FROM actor_mentions WHERE article_id = ? ORDER BY start_off",
                           (a["id"],))
    a["event_mentions"] = db.query("SELECT * FROM event_mentions WHERE article_id = ? ORDER BY evidence_start",
                                   (a["id"],))
    return a


def mentions_rows(db: Database, event_id: int | None = None, article_id: int | None = None,
                  language: str | None = None) -> list[dict]:
    """Event mentions (the evidence) with their article's input, url, title and source,
    by event, article and language."""
    conds, params = [], []
    for col, val in (("em.event_id", event_id), ("em.article_id", article_id), ("em.language", language)):
        if val is not None:
            conds.append(f"{col} = ?")
            params.append(val)
    w = (" WHERE " + " AND ".join(conds)) if conds else ""
    return db.query("SELECT em.*, a.input, a.url, a.title, a.source FROM event_mentions em "
                    f"JOIN articles a ON a.id = em.article_id{w} ORDER BY em.id", params)


def latest_article_id(db: Database, input_name: str) -> int | None:
    """The id of the article last stored from this input (a path, URL or name)."""
    return db.scalar("SELECT id FROM articles WHERE input = ? ORDER BY id DESC", (input_name,))


def failures(db: Database) -> list[dict]:
    """Inputs that could not be read or coded, with their error."""
    return db.query("SELECT * FROM failures ORDER BY id")


def has_stories(db: Database) -> bool:
    return db.scalar("SELECT 1 FROM story_articles LIMIT 1") is not None


# -- actors ----------------------------------------------------------------------------
ACTOR_GROUP = ("SELECT actor_id AS id, MAX(name) AS name, MAX(kind) AS kind, MAX(country) AS country, "
               "MAX(wikidata) AS wikidata, MAX(sector) AS sector, COUNT(*) AS mentions, "
               "COUNT(DISTINCT article_id) AS articles FROM actor_mentions")


def actors_page(db: Database, filters: dict, sort: str = "id", limit: int = 100,
                cursor: str | None = None) -> tuple[list[dict], str | None]:
    """One page of the actors seen in the stored articles, with how often they are
    mentioned (and in how many articles), and the next cursor."""
    _parse_sort(sort, ACTOR_SORTS)
    f = clean_filters(filters, ACTOR_FILTERS)
    conds, params = [], []
    for col in ("country", "kind", "sector"):
        if col in f:
            conds.append(f"{col} = ?")
            params.append(f[col].upper() if col == "country" else f[col])
    if "q" in f:
        conds.append("LOWER(name) LIKE ? ESCAPE '\\'")
        params.append(_like(f["q"]))
    w = (" WHERE " + " AND ".join(conds)) if conds else ""
    source = f"({ACTOR_GROUP}{w} GROUP BY actor_id) g"
    return keyset_page(db, "g.*", source, [], params, sort, ACTOR_SORTS, "g.id", limit, cursor)


def iter_actors(db: Database, filters: dict, sort: str = "id", page: int = 500):
    return _iterate(actors_page, db, filters, sort, page)


def actor_detail(db: Database, actor_id: str) -> dict | None:
    """An actor (knowledge base record and what the database saw of it), its events and
    its most frequent partners; None when neither knows it."""
    from .actors import kb_index

    if len(actor_id) > MAX_VALUE or "\x00" in actor_id:
        return None
    by_id, _ = kb_index()
    rec = by_id.get(actor_id) or {}
    seen = db.query("SELECT MAX(name) AS name, MAX(kind) AS kind, MAX(country) AS country, MAX(wikidata) AS wikidata, "
                    "MAX(sector) AS sector, COUNT(*) AS mentions FROM actor_mentions WHERE actor_id = ?", (actor_id,))[0]
    if not rec and not seen["mentions"]:
        return None
    info = {"id": actor_id, "name": rec.get("name") or seen["name"], "kind": rec.get("kind") or seen["kind"],
            "country": rec.get("country") if rec.get("kind") != "country" else actor_id,
            "wikidata": rec.get("wikidata") or seen["wikidata"], "sector": rec.get("sector") or seen["sector"],
            "roles": sorted(rec.get("roles") or [], key=lambda r: r.get("start") or ""),
            "mentions": seen["mentions"] or 0}
    if info["kind"] == "country":
        evs = list(iter_events(db, {"country": actor_id, "modality": "all"}, "-date"))
    else:
        evs = db.query("SELECT * FROM events WHERE source_id = ? OR target_id = ? "
                       "ORDER BY COALESCE(date, block_date) DESC, id DESC", (actor_id, actor_id))
    info["events"] = evs
    info["partners"] = _partners(evs, actor_id, info["kind"] == "country")
    return info


def _partners(evs: list[dict], actor_id: str, is_country: bool, top: int = 12) -> list[dict]:
    from collections import Counter

    partners, names = Counter(), {}
    for e in evs:
        for side, other in (("source", "target"), ("target", "source")):
            mine = e[f"{side}_id"] == actor_id or (is_country and e[f"{side}_country"] == actor_id)
            if mine and e[f"{other}_id"]:
                partners[e[f"{other}_id"]] += 1
                names[e[f"{other}_id"]] = e[f"{other}_name"]
    return [{"id": p, "name": names[p], "events": n} for p, n in partners.most_common(top)]


# -- aggregates for the dashboard ------------------------------------------------------
INTERVALS = ("day", "week", "month")


def timeline(db: Database, a: str, b: str, interval: str = "week", filters: dict | None = None) -> list[dict]:
    """Events between countries a and b (either direction) per day, week or month: count,
    Goldstein sum and mean, and the count per QuadClass."""
    import datetime as dt

    if interval not in INTERVALS:
        raise QueryError("interval is day, week or month")
    f = dict(filters or {})
    f["dyad"] = f"{a}-{b}"
    f.setdefault("modality", "asserted")
    buckets: dict[str, dict] = {}
    for r in iter_events(db, f, "date"):
        d = r["date"] or r["block_date"]
        try:
            day = dt.date.fromisoformat(d) if d else None
        except ValueError:
            day = None
        if day is None:
            continue
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
        if str(r["quad_class"]) in bk["quad_class"]:
            bk["quad_class"][str(r["quad_class"])] += 1
    out = []
    for key in sorted(buckets):
        bk = buckets[key]
        bk["goldstein_sum"] = round(bk["goldstein_sum"], 2)
        bk["goldstein_mean"] = round(bk["goldstein_sum"] / bk["count"], 3) if bk["count"] else None
        out.append(bk)
    return out


def overview(db: Database) -> dict:
    """What the dashboard's home page shows: totals, articles per language, events per
    QuadClass, the most active dyads."""
    return {
        "totals": {"articles": db.scalar("SELECT COUNT(*) FROM articles"),
                   "events": db.scalar("SELECT COUNT(*) FROM events")},
        "langs": db.query("SELECT language, COUNT(*) AS n FROM articles GROUP BY language ORDER BY n DESC"),
        "quads": db.query("SELECT quad_class, COUNT(*) AS n FROM events WHERE modality = 'asserted' "
                          "AND quad_class BETWEEN 1 AND 4 GROUP BY quad_class ORDER BY quad_class"),
        "dyads": db.query("SELECT pair_key, COUNT(*) AS n FROM events WHERE modality = 'asserted' AND family = 'CONSULT' "
                          "GROUP BY pair_key ORDER BY n DESC LIMIT 10"),
    }


# -- JSON ------------------------------------------------------------------------------
# the columns of a mention that `event_json` shows: a page of events can carry hundreds of
# mentions, and the whole row is several times larger
EVENT_JSON_COLUMNS = ", ".join(f"em.{c}" for c in (
    "id", "event_id", "article_id", "language", "date", "type", "modality", "confidence", "evidence",
    "evidence_start", "evidence_end", "trigger_start", "trigger_end", "source_text", "source_start", "source_end",
    "target_text", "target_start", "target_end"))


def mentions_of(db: Database, event_ids: list[int], brief: bool = False,
                per_event: int | None = None) -> dict[int, list[dict]]:
    """The mentions of each event, first stored first, with their article's fields;
    `brief`: only what `event_json` shows; `per_event`: at most that many of each event."""
    columns = EVENT_JSON_COLUMNS if brief else "em.*"
    out: dict[int, list[dict]] = {i: [] for i in event_ids}
    for chunk in range(0, len(event_ids), 500):
        ids = event_ids[chunk:chunk + 500]
        marks = ",".join("?" for _ in ids)
        params, first = list(ids), ""
        if per_event is not None:  # the first ones of each event, numbered from its index alone
            first = (f" AND em.id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY event_id "
                     f"ORDER BY id) AS nth FROM event_mentions WHERE event_id IN ({marks})) WHERE nth <= ?)")
            params += [*ids, per_event]
        for m in db.query(
                f"SELECT {columns}, a.input AS input, a.url AS url, a.title AS title, "
                f"a.source AS article_source, a.reprint_of AS reprint_of, a.published AS published FROM "
                f"event_mentions em JOIN articles a ON a.id = em.article_id WHERE em.event_id IN ({marks}){first} "
                f"ORDER BY em.id", params):
            out[m["event_id"]].append(m)
    return out


def _actor(row: dict, side: str) -> dict | None:
    if not row.get(f"{side}_country") and not row.get(f"{side}_id"):
        return None
    return {"name": row.get(f"{side}_name"), "country": row.get(f"{side}_country"), "id": row.get(f"{side}_id"),
            "wikidata": row.get(f"{side}_wikidata"), "sector": row.get(f"{side}_sector")}


def location_json(row: dict) -> dict | None:
    """An event's place: name and country, with coordinates and GeoNames id when linked."""
    if not row["location_name"]:
        return None
    loc = {"name": row["location_name"], "country": row["location_country"]}
    if row.get("location_lat") is not None:
        loc.update(lat=row["location_lat"], lon=row["location_lon"],
                   geonameid=(row.get("location_id") or "").removeprefix("gn:") or None)
    return loc


def event_json(row: dict, mentions: list[dict], shown: int | None = None) -> dict:
    """A merged event in the `dyad events --format jsonl` contract; `shown`: how many of
    its mentions to list (all by default; the evidence is the first one's)."""
    return {
        "id": row["id"], "date": row["date"], "cameo": row["cameo"], "plover": row["plover"], "mode": row["mode"],
        "type": row["type"], "goldstein": row["goldstein"], "quad_class": row["quad_class"],
        "modality": row["modality"], "source": _actor(row, "source"), "target": _actor(row, "target"),
        "location": location_json(row),
        "counts": {k: row.get(k) for k in ("killed", "wounded", "arrested", "size", "released")
                   if row.get(k) is not None} or None,
        "coders": [c for c in (row.get("coders") or "").split(",") if c],
        "confidence": row["confidence"], "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
        "num_sources": row["num_sources"], "languages": [x for x in (row["languages"] or "").split(",") if x],
        "first_seen": row["first_seen"],
        "evidence": ({"text": mentions[0]["evidence"], "start": mentions[0]["evidence_start"],
                      "end": mentions[0]["evidence_end"]} if mentions else None),
        "mentions": [{
            "input": m["input"], "url": m["url"], "article_id": m["article_id"], "language": m["language"],
            "title": m["title"], "source": m["article_source"], "reprint_of": m["reprint_of"], "date": m["date"],
            "type": m["type"], "modality": m["modality"], "confidence": m["confidence"],
            "evidence": {"text": m["evidence"], "start": m["evidence_start"], "end": m["evidence_end"],
                         "trigger": {"start": m["trigger_start"], "end": m["trigger_end"]},
                         "source": {"text": m["source_text"], "start": m["source_start"], "end": m["source_end"]},
                         "target": {"text": m["target_text"], "start": m["target_start"], "end": m["target_end"]}},
        } for m in mentions[:shown]],
    }
