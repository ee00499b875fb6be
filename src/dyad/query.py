"""One query vocabulary for merged events, shared by the CLI, the Python API, the REST API
and the dashboard: filters, sorting and cursor paging (keyset, no cap on depth).

Filters (all optional): date_from, date_to, actor (name, QID or id), country, dyad
("CHN-RUS" either direction, "CHN>RUS" directed), cameo (code or root prefix), plover,
quad_class, goldstein_min, goldstein_max, language, source (outlet or host),
min_sources, q (full-text search in the evidence), modality ("asserted" by default;
"all" for every modality), type.
"""
from __future__ import annotations

import base64
import json

from .store import Database

SORTS = {"date": "COALESCE(e.date, e.block_date, '')", "num_articles": "e.num_articles",
         "num_sources": "e.num_sources", "num_mentions": "e.num_mentions", "goldstein": "COALESCE(e.goldstein, 0)",
         "id": "e.id", "confidence": "COALESCE(e.confidence, 0)"}
FILTERS = ["date_from", "date_to", "actor", "country", "dyad", "cameo", "plover", "quad_class", "goldstein_min",
           "goldstein_max", "language", "source", "min_sources", "q", "modality", "type"]


class QueryError(ValueError):
    pass


def where(db: Database, f: dict) -> tuple[str, list]:
    conds, params = [], []
    f = {k: v for k, v in f.items() if v not in (None, "", [])}
    unknown = set(f) - set(FILTERS)
    if unknown:
        raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    modality = f.get("modality", "asserted")
    if modality != "all":
        conds.append("e.modality = ?")
        params.append(modality)
    if "date_from" in f:
        conds.append("COALESCE(e.date, e.block_date) >= ?")
        params.append(str(f["date_from"]))
    if "date_to" in f:
        conds.append("COALESCE(e.date, e.block_date) <= ?")
        params.append(str(f["date_to"]))
    if "actor" in f:
        a = str(f["actor"])
        conds.append("(e.source_id = ? OR e.target_id = ? OR e.source_wikidata = ? OR e.target_wikidata = ? "
                     "OR LOWER(e.source_name) LIKE ? OR LOWER(e.target_name) LIKE ?)")
        like = f"%{a.lower()}%"
        params += [a, a, a, a, like, like]
    if "country" in f:
        c = str(f["country"]).upper()
        conds.append("(e.source_country = ? OR e.target_country = ?)")
        params += [c, c]
    if "dyad" in f:
        d = str(f["dyad"]).upper().replace(" ", "")
        if ">" in d:
            a, b = d.split(">", 1)
            conds.append("(e.source_country = ? AND e.target_country = ?)")
            params += [a, b]
        elif "-" in d:
            a, b = d.split("-", 1)
            conds.append("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))")
            params += [a, b, b, a]
        else:
            raise QueryError("dyad must look like CHN-RUS (either direction) or CHN>RUS (directed)")
    if "cameo" in f:
        conds.append("e.cameo LIKE ?")
        params.append(str(f["cameo"]).zfill(2) + "%")
    if "plover" in f:
        conds.append("e.plover = ?")
        params.append(str(f["plover"]).upper())
    if "type" in f:
        conds.append("e.type = ?")
        params.append(str(f["type"]))
    if "quad_class" in f:
        conds.append("e.quad_class = ?")
        params.append(int(f["quad_class"]))
    if "goldstein_min" in f:
        conds.append("e.goldstein >= ?")
        params.append(float(f["goldstein_min"]))
    if "goldstein_max" in f:
        conds.append("e.goldstein <= ?")
        params.append(float(f["goldstein_max"]))
    if "min_sources" in f:
        conds.append("e.num_sources >= ?")
        params.append(int(f["min_sources"]))
    if "language" in f:
        conds.append("EXISTS (SELECT 1 FROM event_mentions em WHERE em.event_id = e.id AND em.language = ?)")
        params.append(str(f["language"]))
    if "source" in f:
        conds.append("EXISTS (SELECT 1 FROM event_mentions em JOIN articles a ON a.id = em.article_id "
                     "WHERE em.event_id = e.id AND LOWER(a.source) = ?)")
        params.append(str(f["source"]).lower())
    if "q" in f:
        conds.append(f"e.id IN ({db.search_clause()})")
        params.append(db.search_param(str(f["q"])))
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def encode_cursor(value, row_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([value, row_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str):
    try:
        pad = "=" * (-len(cursor) % 4)
        value, row_id = json.loads(base64.urlsafe_b64decode(cursor + pad))
        return value, int(row_id)
    except Exception:
        raise QueryError("invalid cursor") from None


def events_page(db: Database, filters: dict, sort: str = "-date", limit: int = 100,
                cursor: str | None = None) -> tuple[list[dict], str | None]:
    """One page of merged events and the cursor of the next page (None at the end)."""
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        raise QueryError(f"unknown sort '{key}'; one of: {', '.join(SORTS)}")
    expr = SORTS[key]
    w, params = where(db, filters)
    if cursor:
        value, last_id = decode_cursor(cursor)
        op = "<" if desc else ">"
        cond = f"({expr} {op} ? OR ({expr} = ? AND e.id {op} ?))"
        w = (w + " AND " + cond) if w else (" WHERE " + cond)
        params += [value, value, last_id]
    order = "DESC" if desc else "ASC"
    rows = db.query(f"SELECT e.*, {expr} AS sort_value FROM events e{w} ORDER BY {expr} {order}, e.id {order} LIMIT ?",
                    (*params, int(limit) + 1))
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = encode_cursor(rows[-1]["sort_value"], rows[-1]["id"])
    for r in rows:
        r.pop("sort_value", None)
    return rows, nxt


def iter_events(db: Database, filters: dict, sort: str = "-date", page: int = 500):
    cursor = None
    while True:
        rows, cursor = events_page(db, filters, sort, page, cursor)
        yield from rows
        if not cursor:
            return


def count_events(db: Database, filters: dict) -> int:
    w, params = where(db, filters)
    return db.scalar(f"SELECT COUNT(*) FROM events e{w}", params)


def mentions_of(db: Database, event_ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in event_ids}
    for chunk in range(0, len(event_ids), 500):
        ids = event_ids[chunk:chunk + 500]
        marks = ",".join("?" for _ in ids)
        for m in db.query(
                f"SELECT em.*, a.input AS input, a.url AS url, a.title AS title, a.source AS article_source, "
                f"a.reprint_of AS reprint_of, a.published AS published FROM event_mentions em "
                f"JOIN articles a ON a.id = em.article_id WHERE em.event_id IN ({marks}) ORDER BY em.id", ids):
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


def event_json(row: dict, mentions: list[dict]) -> dict:
    """A merged event in the `dyad events --format jsonl` contract."""
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
        } for m in mentions],
    }
