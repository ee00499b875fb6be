"""Exports of merged events: GDELT 2.0-like TSV, PLOVER JSONL, Parquet, CSV, GeoJSON."""
from __future__ import annotations

import csv
import json
import sys

from .query import event_json, iter_events, location_json, mentions_of
from .store import Database

# GDELT 2.0 event table columns that dyad can fill (same names and order, a subset)
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
    "NumArticles", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    "PLOVERType", "PLOVERMode", "PLOVERContext", "Modality", "Languages", "Actor1Wikidata", "Actor2Wikidata",
    "Killed", "Wounded", "Arrested", "CrowdSize", "Coders",
]


def _events(db: Database, filters: dict, sort: str):
    batch = []
    for row in iter_events(db, filters, sort):
        batch.append(row)
        if len(batch) >= 500:
            yield from _with_mentions(db, batch)
            batch = []
    yield from _with_mentions(db, batch)


def _with_mentions(db, rows):
    if not rows:
        return
    ms = mentions_of(db, [r["id"] for r in rows])
    for r in rows:
        yield r, ms[r["id"]]


def gdelt_row(r: dict, ms: list[dict]) -> dict:
    date = r["date"] or r["block_date"] or ""
    sql = date.replace("-", "")
    url = next((m["url"] or m["input"] for m in ms), "")
    return {
        "GLOBALEVENTID": r["id"], "SQLDATE": sql, "MonthYear": sql[:6], "Year": sql[:4],
        "Actor1Code": (r["source_country"] or "") + (r["source_sector"] or ""), "Actor1Name": r["source_name"] or "",
        "Actor1CountryCode": r["source_country"] or "", "Actor1Type1Code": r["source_sector"] or "",
        "Actor2Code": (r["target_country"] or "") + (r["target_sector"] or ""), "Actor2Name": r["target_name"] or "",
        "Actor2CountryCode": r["target_country"] or "", "Actor2Type1Code": r["target_sector"] or "",
        "IsRootEvent": 1, "EventCode": r["cameo"], "EventBaseCode": r["cameo"][:3], "EventRootCode": r["cameo"][:2],
        "QuadClass": r["quad_class"], "GoldsteinScale": r["goldstein"], "NumMentions": r["num_mentions"],
        "NumSources": r["num_sources"], "NumArticles": r["num_articles"],
        # GDELT's geo types: 1 country, 4 world city; a city with coordinates is type 4
        "ActionGeo_Type": 4 if r.get("location_lat") is not None else (1 if r["location_country"] else ""),
        "ActionGeo_FullName": r["location_name"] or "", "ActionGeo_CountryCode": r["location_country"] or "",
        "ActionGeo_Lat": _num(r.get("location_lat")), "ActionGeo_Long": _num(r.get("location_lon")),
        "ActionGeo_FeatureID": (r.get("location_id") or "").removeprefix("gn:"),
        "DATEADDED": (r["first_seen"] or "").replace("-", ""), "SOURCEURL": url,
        "PLOVERType": r["plover"], "PLOVERMode": r["mode"] or "", "PLOVERContext": r.get("context") or "",
        "Modality": r["modality"], "Languages": r["languages"] or "", "Actor1Wikidata": r["source_wikidata"] or "",
        "Actor2Wikidata": r["target_wikidata"] or "", "Killed": _num(r.get("killed")),
        "Wounded": _num(r.get("wounded")), "Arrested": _num(r.get("arrested")), "CrowdSize": _num(r.get("size")),
        "Coders": r.get("coders") or "",
    }


def _num(v) -> str:
    return "" if v is None else str(v)


def plover_record(r: dict, ms: list[dict]) -> dict:
    """PLOVER's event data fields, with the mentions as evidence."""
    return {
        "id": str(r["id"]), "date": r["date"], "event_type": r["plover"], "mode": r["mode"],
        "context": [c for c in (r.get("context") or "").split(",") if c], "actor1": r["source_name"], "actor1_country": r["source_country"],
        "actor1_role": r["source_sector"], "actor1_wikidata": r["source_wikidata"],
        "actor2": r["target_name"], "actor2_country": r["target_country"], "actor2_role": r["target_sector"],
        "actor2_wikidata": r["target_wikidata"],
        "location": location_json(r),
        "fatalities": r.get("killed"), "injuries": r.get("wounded"), "arrests": r.get("arrested"),
        "size": r.get("size"),
        "cameo": r["cameo"], "goldstein": r["goldstein"], "quad_class": r["quad_class"], "modality": r["modality"],
        "num_articles": r["num_articles"], "num_sources": r["num_sources"],
        "languages": [x for x in (r["languages"] or "").split(",") if x],
        "mentions": [{"source": m["article_source"], "url": m["url"] or m["input"], "language": m["language"],
                      "story_date": m["published"], "text": m["evidence"]} for m in ms],
    }


def export(db: Database, fmt: str, output: str, filters: dict, sort: str = "-date") -> int:
    n = 0
    if fmt == "parquet":
        import pandas as pd

        rows = [dict(event_json(r, ms), mentions=json.dumps(event_json(r, ms)["mentions"], ensure_ascii=False))
                for r, ms in _events(db, filters, sort)]
        for row in rows:
            for side in ("source", "target", "location"):
                v = row.pop(side)
                for k in ("name", "country", "wikidata", "sector", "id"):
                    if side != "location" or k in ("name", "country"):
                        row[f"{side}_{k}"] = (v or {}).get(k)
            row["languages"] = ",".join(row["languages"])
            row["evidence"] = (row["evidence"] or {}).get("text")
        df = pd.DataFrame(rows)
        df.to_parquet(output, index=False)
        return len(df)
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    try:
        if fmt in ("gdelt", "csv"):
            w = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t" if fmt == "gdelt" else ",",
                               quoting=csv.QUOTE_MINIMAL)
            w.writeheader()
            for r, ms in _events(db, filters, sort):
                w.writerow(gdelt_row(r, ms))
                n += 1
        elif fmt == "plover":
            for r, ms in _events(db, filters, sort):
                out.write(json.dumps(plover_record(r, ms), ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "geojson":
            feats = []
            for r, ms in _events(db, filters, sort):
                xy = (r["location_lon"], r["location_lat"]) if r.get("location_lat") is not None else None
                feats.append({"type": "Feature", "id": r["id"],
                              "geometry": {"type": "Point", "coordinates": list(xy)} if xy else None,
                              "properties": plover_record(r, ms)})
                n += 1
            json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
        else:
            raise ValueError(f"unknown export format {fmt}")
    finally:
        if out is not sys.stdout:
            out.close()
    return n
