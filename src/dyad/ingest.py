"""`dyad ingest`: run the pipeline and store articles, mentions and merged events.

- Idempotent: an article is keyed by the SHA-256 of its headline and cleaned text; storing it again
  changes nothing. A new text under a known URL (or path, when there is no URL) replaces
  the old version and its events.
- Atomic per article: each article is one transaction, so a killed run loses nothing
  that was committed and the next run picks up the rest. Failures are recorded in
  `failures` and the run goes on.
- Reprints: MinHash signatures of word shingles, looked up through banded LSH buckets
  stored in the database (an index, never all pairs); a near-duplicate of an earlier
  article is marked `reprint_of` it and does not count as an independent source.
- Merging: an event mention joins an existing event when `merge.mergeable` says so (the
  one rule, driven by the ontology's merge data: same PLOVER type, same country pair,
  unordered for undirected types, same modality, dates within the type's window, the same
  place where the type needs it); candidates are found with an index on
  (family, pair, modality, date), so merging stays linear in the size of the database.
  Undated mentions use the publication date as the latest possible date; mentions with
  neither join the one event other reports date in their month (`published_partial`), else
  undated events of the same month, an undated event
  whose reports read alike, or a dated event that several reports place in the same place
  as this one, when the article reads like them. The order of ingestion does not decide:
  when a dated event is stored or reported again, undated events of its pair placed where
  it is are tried again by that last rule. Article vectors are computed before the
  article's write transaction (`prepare_vectors`), so a writer never holds the lock while
  the encoder runs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from .doc import Doc
from .merge import View, days_apart, family_of, mergeable, pair_key, types_join
from .ontology import TYPES
from .store import Database, StoreError

SHINGLE = 5
NUM_PERM = 128
BANDS = 16
REPRINT_JACCARD = 0.7


@dataclass
class Summary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    failed: int = 0
    event_mentions: int = 0
    reprints: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, db: Database) -> str:
        events = db.scalar("SELECT COUNT(*) FROM events")
        return (f"articles: {self.new} new, {self.unchanged} unchanged, {self.updated} updated, "
                f"{self.failed} failed ({self.reprints} reprints); event mentions stored: "
                f"{self.event_mentions}; merged events in database: {events}")


def content_hash(text: str, title: str | None = None) -> str:
    """The article's key: its cleaned text and its headline. The same text under a new
    headline (a reprint by another outlet) is a new article, marked as a reprint; the same
    text and headline again is the same article."""
    key = text if not title else title + "\x00" + text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def source_of(doc: Doc) -> str | None:
    if doc.outlet:
        return doc.outlet
    if doc.url:
        from urllib.parse import urlparse

        host = urlparse(doc.url).hostname or ""
        return host[4:] if host.startswith("www.") else host or None
    return None


# -- reprints ----------------------------------------------------------------------------
def signature(text: str) -> list[int]:
    from datasketch import MinHash

    words = text.lower().split()
    if len(words) < 30:  # scripts without spaces: character shingles
        toks = [text[i:i + SHINGLE] for i in range(max(1, len(text) - SHINGLE + 1))]
    else:
        toks = [" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([t.encode("utf-8") for t in toks])
    return [int(x) for x in m.hashvalues]


def _buckets(sig: list[int]) -> list[tuple[int, str]]:
    r = NUM_PERM // BANDS
    return [(b, hashlib.md5(",".join(map(str, sig[b * r:(b + 1) * r])).encode()).hexdigest()[:16])
            for b in range(BANDS)]


def find_original(db: Database, sig: list[int], article_id: int) -> int | None:
    cands: set[int] = set()
    for band, bucket in _buckets(sig):
        for r in db.query("SELECT article_id FROM minhash_bands WHERE band = ? AND bucket = ?", (band, bucket)):
            if r["article_id"] != article_id:
                cands.add(r["article_id"])
    # candidates in id order: the first near-duplicate found leads to the earliest
    # original, so a story reprinted a thousand times costs one comparison, not a thousand
    for cid in sorted(cands):
        other = json.loads(db.scalar("SELECT signature FROM article_signatures WHERE article_id = ?", (cid,)))
        j = sum(1 for a, b in zip(sig, other) if a == b) / NUM_PERM
        if j >= REPRINT_JACCARD:
            return db.scalar("SELECT COALESCE(reprint_of, id) FROM articles WHERE id = ?", (cid,))
    return None


# -- merging -----------------------------------------------------------------------------
def _shift(date: str, days: int) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()


LOOKBACK_DAYS = 3  # an undated report of a past event: on or up to this many days before publication


def find_event(db: Database, family: str, pair: str, view: View, block: str | None,
               partial: str | None) -> tuple[int | None, str | None]:
    """The stored event this mention reports, if any (`merge.mergeable` decides), and the
    rule that joins it."""
    win = TYPES[view.type].window_days
    if view.date:
        # an event no report dates is stored at its first report's publication, and
        # stands for the days up to LOOKBACK_DAYS before it: a dated report finds it
        # there, as that undated report, had it come second, would have found this one
        lo, hi = _shift(view.date, -win), _shift(view.date, LOOKBACK_DAYS + win)
    elif block:
        # undated mention: the event happened on or a few days before publication
        lo, hi = _shift(block, -LOOKBACK_DAYS - win), _shift(block, win)
    else:
        lo = hi = None
    if lo:
        rows = db.query("SELECT id, date, block_date, type, source_country, target_country, location_name "
                        "FROM events WHERE family = ? AND pair_key = ? AND modality = ? AND block_date BETWEEN ? AND ? "
                        "ORDER BY id", (family, pair, view.modality, lo, hi))
        rules = {r["id"]: mergeable(_row_view(r, view.modality), view, across=True) for r in rows}
        rows = [r for r in rows if rules[r["id"]]]
        if rows:
            target = view.date or block
            rows.sort(key=lambda r: (days_apart(r["block_date"], target), r["id"]))
            best = rows[0]
            why = rules[best["id"]]
            if not view.date:
                why += (f"; this report gives no day, so the event is placed on or up to {LOOKBACK_DAYS + win} days before "
                        f"its publication ({block}); the nearest such event ({best['block_date']})")
            return best["id"], why
        return None, None
    if partial:
        # the one event of the pair that other reports date within this month, if only one
        # is: a month-only report of a meeting is a report of the meeting of that month
        # (two meetings of the pair in the month leave it in doubt)
        rows = db.query("SELECT id, date, type, source_country, target_country, location_name FROM events "
                        "WHERE family = ? AND pair_key = ? AND modality = ? AND block_date BETWEEN ? AND ? "
                        "AND date IS NOT NULL ORDER BY id", (family, pair, view.modality, partial + "-01",
                                                            partial + "-31"))
        rows = [r for r in rows if mergeable(_row_view(r, view.modality), view, across=True)]
        if len(rows) == 1:
            return rows[0]["id"], (f"same {family} of {pair}: this report is dated only by the month {partial}, "
                                   f"and the one such event its reports date in that month ({rows[0]['date']})")
        rows = db.query("SELECT e.id, e.type FROM events e WHERE e.family = ? AND e.pair_key = ? AND e.modality = ? "
                        "AND e.block_date IS NULL AND e.id IN (SELECT event_id FROM event_mentions WHERE partial = ?) "
                        "ORDER BY e.id", (family, pair, view.modality, partial))
        rows = [r for r in rows if types_join(r["type"], view.type, across=True)]
        if rows:
            return rows[0]["id"], f"same {family} of {pair}, both dated only by the month {partial}"
    return None, None


def _month_reports(db: Database, family: str, pair: str, view: View) -> tuple[int | None, str | None]:
    """A dated report joins the one undated event of its pair whose reports are dated only
    by the month of its date ("date 2023-02"), if only one is."""
    month = view.date[:7]
    rows = db.query("SELECT e.id, e.type FROM events e WHERE e.family = ? AND e.pair_key = ? AND e.modality = ? "
                    "AND e.block_date IS NULL AND e.id IN (SELECT event_id FROM event_mentions WHERE partial = ?) "
                    "ORDER BY e.id", (family, pair, view.modality, month))
    rows = [r for r in rows if types_join(r["type"], view.type, across=True)]
    if len(rows) == 1:
        return rows[0]["id"], (f"same {family} of {pair}: the one event whose reports are dated only by the month "
                               f"{month}, the month of this report's date ({view.date})")
    return None, None


def _neighbour_days(month_day: str) -> list[str]:
    base = dt.date(2000, int(month_day[:2]), int(month_day[3:]))  # 2000: a leap year, 29 February exists
    return [(base + dt.timedelta(days=k)).strftime("%m-%d") for k in (-1, 0, 1)]


def _same_day_of_year(db: Database, family: str, pair: str, view: View, month_day: str | None,
                      date: str | None) -> tuple[int | None, str | None]:
    """A report that gives the day and month but no year, and has no publication date
    ("Putin arrived in Beijing on 16 May"), joins the one event of its pair dated that
    day (give or take one) in any year, if exactly one fits: two fits would need the year
    the text does not give. A dated report joins an undated event whose reports gave its
    day and month."""
    if month_day:
        days = _neighbour_days(month_day)
        rows = db.query("SELECT id, date, type, source_country, target_country, location_name FROM events "
                        "WHERE family = ? AND pair_key = ? AND modality = ? AND date IS NOT NULL AND ("
                        + " OR ".join("date LIKE ?" for _ in days) + ") ORDER BY id",
                        (family, pair, view.modality, *[f"%-{d}" for d in days]))
    else:
        days = _neighbour_days(date[5:])
        rows = db.query("SELECT e.id, e.date, e.type, e.source_country, e.target_country, e.location_name FROM events e "
                        "WHERE e.family = ? AND e.pair_key = ? AND e.modality = ? AND e.block_date IS NULL AND e.id IN "
                        "(SELECT event_id FROM event_mentions WHERE month_day IN (" + ",".join("?" * len(days)) + "))"
                        " ORDER BY e.id", (family, pair, view.modality, *days))
    rows = [r for r in rows if mergeable(_row_view(r, view.modality), View(view.type, view.source, view.target,
                                                                         view.modality, None, view.place), across=True)]
    years = {(r["date"] or "")[:4] for r in rows}
    if rows and len(years) == 1:
        day = month_day or date[5:]
        return rows[0]["id"], (f"same {family} of {pair} on the day and month {day} (give or take a day), the one "
                               "such event: " + ("this report gives no year" if month_day else
                                                 "its other reports gave no year"))
    return None, None


def _row_view(r, modality: str) -> View:
    return View(r["type"], r["source_country"], r["target_country"], modality, r["date"], r["location_name"])


SIMILAR = 0.845       # cosine of multilingual-e5-small article vectors (title and lead)
SIMILAR_CANDIDATES = 50


def _lead(title: str | None, text: str | None) -> str:
    from .stories import LEAD_CHARS

    return ((title or "") + "\n" + (text or ""))[:LEAD_CHARS]


# vectors computed before an article's write transaction (`prepare_vectors`), by lead text:
# a pure function of the text, so a bounded memo; the encoder never runs while the writer's
# lock is held unless the database changed between the look-ahead and the transaction
_PREPARED: dict[str, object] = {}
PREPARED_MAX = 4096


def _vector_of(text: str):
    v = _PREPARED.get(text)
    if v is None:
        from .stories import _embed

        v = _embed([text])[0]
    return v


def article_vector(db: Database, article_id: int, doc: Doc | None = None):
    import numpy as np

    row = db.scalar("SELECT vector FROM article_embeddings WHERE article_id = ?", (article_id,))
    if row:
        return np.asarray(json.loads(row), dtype=np.float32)
    if doc is not None:
        text = _lead(doc.title, doc.text)
    else:
        r = db.query("SELECT title, text FROM articles WHERE id = ?", (article_id,))[0]
        text = _lead(r["title"], r["text"])
    stored = json.dumps([round(float(x), 5) for x in _vector_of(text)])
    db.insert("article_embeddings", {"article_id": article_id, "vector": stored})
    return np.asarray(json.loads(stored), dtype=np.float32)


def prepare_vectors(db: Database, doc: Doc) -> int:
    """Before an article's write transaction, embed what placing it will compare (the
    article itself, and the reports it will be compared with that have no stored vector),
    so the write transaction, which holds the only writer's lock, runs no encoder. Read-only
    look-ahead with the same indexed candidate queries as the merge, bounded per event;
    returns the number of texts embedded."""
    if not doc.events or doc.error:
        return 0
    texts: dict[str, None] = {}
    self_needed = False
    for ev in doc.events:
        src = ev.source.actor.country if ev.source else None
        tgt = ev.target.actor.country if ev.target else None
        family, pair = family_of(ev.type), pair_key(ev.type, src, tgt)
        loc = ev.location or {}
        placed = bool(loc.get("id") or loc.get("name"))
        block = _reported_date(ev) or (doc.published if ev.modality == "asserted" else None)
        ids: list[int] = []
        if not block and not doc.published:
            self_needed = True
            ids += [r["id"] for r in db.query(
                "SELECT id FROM events WHERE family = ? AND pair_key = ? AND modality = ? AND block_date IS NULL "
                "ORDER BY id DESC LIMIT ?", (family, pair, ev.modality, SIMILAR_CANDIDATES))]
            if placed:
                ids += _placed_dated(db, family, pair, ev.modality, loc)
        elif block and placed:
            undated = _placed_undated(db, family, pair, ev.modality, loc)
            if undated:
                self_needed = True
                ids += [r["event_id"] for r in undated] + _placed_dated(db, family, pair, ev.modality, loc)
        for eid in dict.fromkeys(ids):
            for r in db.query("SELECT a.title, a.text FROM articles a WHERE a.id IN (SELECT article_id FROM "
                              "event_mentions WHERE event_id = ?) AND a.id NOT IN (SELECT article_id FROM "
                              "article_embeddings)", (eid,)):
                texts[_lead(r["title"], r["text"])] = None
    if self_needed:
        texts[_lead(doc.title, doc.text)] = None
    missing = [t for t in texts if t not in _PREPARED]
    if missing:
        from .stories import _embed

        if len(_PREPARED) + len(missing) > PREPARED_MAX:
            _PREPARED.clear()
        _PREPARED.update(zip(missing, _embed(missing)))
    return len(missing)


def _placed_dated(db: Database, family: str, pair: str, modality: str, place: dict) -> list[int]:
    """Dated events of the pair with a report in this place (geonames id, else name)."""
    ids = []
    for col, val in (("location_id", place.get("id")), ("location_name", place.get("name"))):
        if val:
            ids += [r["id"] for r in db.query(
                f"SELECT DISTINCT e.id FROM events e JOIN event_mentions em ON em.event_id = e.id WHERE e.family = ? "
                f"AND e.pair_key = ? AND e.modality = ? AND e.block_date IS NOT NULL AND em.{col} = ? "
                "ORDER BY e.id DESC LIMIT ?", (family, pair, modality, val, SIMILAR_CANDIDATES))]
    return list(dict.fromkeys(ids))


def _placed_undated(db: Database, family: str, pair: str, modality: str, places) -> list:
    """Undated events of the pair with a report, placed in one of these places, from an
    article with no date at all: those an article dating an event there may draw in
    (`_absorb_undated`). Bounded: the newest `SIMILAR_CANDIDATES` per place key."""
    if isinstance(places, dict):
        places = [places]
    rows, seen = [], set()
    for place in places:
        for col, val in (("location_id", place.get("id")), ("location_name", place.get("name"))):
            if not val:
                continue
            for r in db.query(
                    "SELECT um.id, um.event_id, um.article_id, um.type, um.location_id, um.location_name, um.partial "
                    "FROM events u JOIN event_mentions um ON um.event_id = u.id JOIN articles a ON a.id = um.article_id "
                    f"WHERE u.family = ? AND u.pair_key = ? AND u.modality = ? AND u.block_date IS NULL "
                    f"AND a.published IS NULL AND um.{col} = ? ORDER BY um.event_id DESC, um.id LIMIT ?",
                    (family, pair, modality, val, SIMILAR_CANDIDATES)):
                if r["id"] not in seen:
                    seen.add(r["id"])
                    rows.append(r)
    return sorted(rows, key=lambda r: (r["event_id"], r["id"]))


def _other_days(month_day: str | None) -> list[str]:
    """The days of the month that are not this mention's day, give or take one."""
    if not month_day:
        return []
    day = int(month_day[3:])
    return [f"{d:02d}" for d in range(1, 32) if abs(d - day) > 1]


def _similar_event(db: Database, doc: Doc, aid: int, family: str, pair: str, modality: str, ev_type: str,
                   partial: str | None, place: dict | None = None,
                   month_day: str | None = None) -> tuple[int | None, str | None]:
    """A mention with no date at all (no publication date either) joins the event of the
    same pair whose articles read most alike, if they read alike enough: the reports of
    one state visit agree in their lead, those of two phone calls years apart do not.
    Reports that name different days of the month ("16日", "18日") are of two events, however
    alike they read."""
    # only among events that have no date either: lead texts about the same pair read
    # alike across years (0.85 between a 2021 and a 2026 Xi-Putin call), so a dated event
    # is never joined on similarity alone
    # a report dated by its month only ("2025-03") never joins one whose reports give
    # another month
    others = _other_days(month_day)
    days_differ = (" AND id NOT IN (SELECT event_id FROM event_mentions WHERE month_day IS NOT NULL AND "
                   "substr(month_day, 4, 2) IN (" + ",".join("?" * len(others)) + "))") if others else ""
    rows = db.query("SELECT id, type, block_date FROM events WHERE family = ? AND pair_key = ? AND modality = ? "
                    "AND block_date IS NULL AND (CAST(? AS TEXT) IS NULL OR id NOT IN (SELECT event_id FROM "
                    "event_mentions WHERE partial IS NOT NULL AND partial != ?))" + days_differ +
                    " ORDER BY id DESC LIMIT ?",
                    (family, pair, modality, partial, partial, *others, SIMILAR_CANDIDATES))
    rows = [r for r in rows if types_join(r["type"], ev_type, across=True)]
    placed = bool(place and (place.get("id") or place.get("name")))
    if not rows and not placed:
        return None, None
    v = article_vector(db, aid, doc)
    best, best_sim, best_art = _most_alike(db, v, aid, [r["id"] for r in rows], SIMILAR)
    dated = False
    if placed:
        # a dated event of the pair held in the same place outranks an undated look-alike:
        # the place is evidence the embedding alone does not give
        d = _similar_dated(db, v, aid, family, pair, modality, ev_type, place, partial)
        if d[0] is not None:
            (best, best_sim, best_art), dated = d, True
    if best is None:
        return None, None
    # named by its URL or input, not its row id: ids are not stable across a resumed run
    other = db.query("SELECT url, input FROM articles WHERE id = ?", (best_art,))[0]
    if dated:
        return best, (f"same {family} of {pair} in the same place ({place.get('name')}); this report gives no date "
                      f"at all and reads like {other['url'] or other['input']}, a dated report of it "
                      f"(cosine {best_sim:.3f} >= {SIMILAR_DATED})")
    return best, (f"same {family} of {pair}, no date anywhere (nor in the event's reports): the article reads "
                  f"like {other['url'] or other['input']}, a report of it (cosine {best_sim:.3f} >= {SIMILAR})")


SIMILAR_DATED = 0.86  # above the median cosine of two reports of one pair on different days (~0.84)
DATED_REPORTS = 2  # a dated event is placed for an undated article only once several reports agree on it


def _similar_dated(db: Database, v, aid: int, family: str, pair: str, modality: str, ev_type: str, place: dict,
                   partial: str | None):
    """The dated event of the same pair held in the same place (geonames id or name) whose
    reports read most like this article, if they read alike enough: an article with no date
    at all ("Putin and Xi met in Beijing") has two pieces of evidence for the dated event
    the others report, the place and the text. Similarity alone never joins a dated event
    (the leads of two Xi-Putin calls years apart read alike); the place must agree too, and
    the event must have several reports (`DATED_REPORTS`): the one report of a minor
    meeting is no better a guess for an undated look-alike than an event of another year,
    while the summit many outlets dated is what an undated report of that pair in that
    place most likely reports. A report dated by its month only joins only an event of
    that month."""
    rows = db.query("SELECT DISTINCT e.id, e.type FROM events e JOIN event_mentions em ON em.event_id = e.id "
                    "WHERE e.family = ? AND e.pair_key = ? AND e.modality = ? AND e.block_date IS NOT NULL "
                    "AND (em.location_id = ? OR em.location_name = ?) AND (CAST(? AS TEXT) IS NULL OR substr(e.block_date, 1, 7) = ?) "
                    "ORDER BY e.id DESC LIMIT ?",
                    (family, pair, modality, place.get("id") or "", place.get("name") or "", partial, partial,
                     SIMILAR_CANDIDATES))
    rows = [r for r in rows if types_join(r["type"], ev_type, across=True) and db.scalar(
        "SELECT COUNT(DISTINCT article_id) FROM event_mentions WHERE event_id = ?", (r["id"],)) >= DATED_REPORTS]
    return _most_alike(db, v, aid, [r["id"] for r in rows], SIMILAR_DATED)


SIMILAR_SAME_LANGUAGE = 0.91  # the bar for two reports in one language (see `_most_alike`)


def _most_alike(db: Database, v, aid: int, event_ids: list[int], threshold: float):
    """Among the reports (other than article `aid`) of these events, the one whose article
    vector is closest to `v`, if at least `threshold`: (event id, cosine, article id), or
    (None, threshold, None). Two texts in one language read alike for their language
    alone (two Turkish reports of Erdogan-Putin meetings a year apart: 0.93; the same
    summit in Polish and English: 0.88), so a report in the article's own language must
    reach `SIMILAR_SAME_LANGUAGE`."""
    lang = db.scalar("SELECT language FROM articles WHERE id = ?", (aid,))
    best, best_sim, best_art = None, threshold, None
    for eid in event_ids:
        for x in db.query("SELECT DISTINCT em.article_id, a.language FROM event_mentions em JOIN articles a "
                          "ON a.id = em.article_id WHERE em.event_id = ? AND em.article_id != ?", (eid, aid)):
            sim = float(article_vector(db, x["article_id"]) @ v)
            bar = max(threshold, SIMILAR_SAME_LANGUAGE) if lang and x["language"] == lang else threshold
            if sim >= max(best_sim, bar):
                best, best_sim, best_art = eid, sim, x["article_id"]
    return best, best_sim, best_art


def _absorb_undated(db: Database, event_id: int) -> None:
    """Merging must not depend on the order articles are ingested. An article with no date
    at all joins the dated event that several reports place in its place when it reads like
    them (`_similar_dated`); had it come before that event existed (or before the event had
    several reports) it would have made an undated event of its own, which later undated
    look-alikes join. So whenever a dated event is stored or reported again, each undated
    event of its family, pair and modality that has a report from an article with no date
    in one of its places is tried again by that same rule, and joins (with its reports, but
    those placed in another country) the dated event the rule now gives, if any."""
    ev = db.query("SELECT family, pair_key, modality, block_date FROM events WHERE id = ?", (event_id,))
    if not ev or ev[0]["block_date"] is None:
        return
    family, pair, modality = ev[0]["family"], ev[0]["pair_key"], ev[0]["modality"]
    if db.scalar("SELECT COUNT(DISTINCT article_id) FROM event_mentions WHERE event_id = ?",
                 (event_id,)) < DATED_REPORTS:
        return  # `_similar_dated` would not give it
    places = [{"id": r["location_id"], "name": r["location_name"]} for r in db.query(
        "SELECT DISTINCT location_id, location_name FROM event_mentions WHERE event_id = ? AND "
        "(location_id IS NOT NULL OR location_name IS NOT NULL)", (event_id,))]
    if not places:
        return
    rows = _placed_undated(db, family, pair, modality, places)
    done: set[int] = set()
    for r in rows:
        if r["event_id"] in done:
            continue
        place = {"id": r["location_id"], "name": r["location_name"]}
        v = article_vector(db, r["article_id"])
        best, sim, art = _similar_dated(db, v, r["article_id"], family, pair, modality, r["type"], place,
                                        r["partial"])
        if best is None:
            continue
        done.add(r["event_id"])
        other = db.query("SELECT url, input FROM articles WHERE id = ?", (art,))[0]
        why = (f"; with the undated event it had joined, moved to the dated event of {pair} that several reports "
               f"place in the same place ({place['name']}): a report of that event without any date reads like "
               f"{other['url'] or other['input']}, a dated report of it (cosine {sim:.3f} >= {SIMILAR_DATED})")
        # a report of it placed in another country (joined on what it reads like: two
        # meetings of a pair read alike) is not carried along
        db.execute("UPDATE event_mentions SET event_id = ?, merge_rule = COALESCE(merge_rule, '') || CAST(? AS TEXT) "
                   "WHERE event_id = ? AND (location_country IS NULL OR location_country IN (SELECT location_country "
                   "FROM event_mentions WHERE event_id = ?))", (best, why, r["event_id"], best))
        refresh_event(db, r["event_id"])
        refresh_event(db, best)


def refresh_event(db: Database, event_id: int) -> None:
    """Recompute an event's aggregate fields from its mentions (deletes it when none).

    Aggregates are computed by the database (GROUP BY on the event's indexed mentions), so
    an event reported thousands of times costs one indexed scan per new mention, not a
    transfer of all its rows into Python."""
    one = (event_id,)
    n = db.scalar("SELECT COUNT(*) FROM event_mentions WHERE event_id = ?", one)
    if not n:
        db.execute("DELETE FROM events WHERE id = ?", one)
        return
    # the most reported date, the earliest on a tie
    row = db.query("SELECT date, COUNT(*) AS c FROM event_mentions WHERE event_id = ? AND date IS NOT NULL "
                   "GROUP BY date ORDER BY c DESC, date LIMIT 1", one)
    date = row[0]["date"] if row else None
    block = date or db.scalar("SELECT MIN(block_date) FROM event_mentions WHERE event_id = ?", one)
    types = {r["type"]: r["c"] for r in db.query(
        "SELECT type, COUNT(*) AS c FROM event_mentions WHERE event_id = ? GROUP BY type", one)}
    etype = max(types, key=lambda t: (types[t], TYPES[t].specificity if TYPES[t].plover == "CONSULT" else 0, t))
    best = db.query("SELECT * FROM event_mentions WHERE event_id = ? AND type = ? "
                    "ORDER BY COALESCE(confidence, 0) DESC, id LIMIT 1", (event_id, etype))[0]
    n_articles = db.scalar("SELECT COUNT(DISTINCT article_id) FROM event_mentions WHERE event_id = ?", one)
    # a reprint of an article already counted is not an independent source
    n_sources = db.scalar(
        "SELECT COUNT(DISTINCT COALESCE(a.source, 'article:' || CAST(a.id AS TEXT))) FROM event_mentions em "
        "JOIN articles a ON a.id = em.article_id WHERE em.event_id = ? AND (a.reprint_of IS NULL OR a.reprint_of "
        "NOT IN (SELECT article_id FROM event_mentions WHERE event_id = ?))", (event_id, event_id))
    langs = sorted(r["language"] for r in db.query(
        "SELECT DISTINCT language FROM event_mentions WHERE event_id = ? AND language IS NOT NULL", one))
    seen = db.scalar("SELECT MIN(COALESCE(a.published, a.published_partial)) FROM event_mentions em "
                     "JOIN articles a ON a.id = em.article_id WHERE em.event_id = ?", one)
    loc = db.query("SELECT location_name, location_country, MAX(location_id) AS lid, MAX(location_lat) AS lat, "
                   "MAX(location_lon) AS lon, COUNT(*) AS c FROM event_mentions WHERE event_id = ? "
                   "AND location_name IS NOT NULL GROUP BY location_name, location_country "
                   "ORDER BY c DESC, location_name DESC, location_country DESC LIMIT 1", one)
    loc = (loc[0]["location_name"], loc[0]["location_country"], loc[0]["lid"], loc[0]["lat"], loc[0]["lon"]) \
        if loc else (None, None, None, None, None)
    counts = _event_counts(db, event_id)
    coders = sorted({c for r in db.query("SELECT DISTINCT coders FROM event_mentions WHERE event_id = ?", one)
                     for c in (r["coders"] or "").split(",") if c})
    conf = db.scalar("SELECT MAX(COALESCE(confidence, 0)) FROM event_mentions WHERE event_id = ?", one)
    t = TYPES[etype]
    db.execute(
        "UPDATE events SET date = ?, block_date = ?, cameo = ?, plover = ?, mode = ?, type = ?, goldstein = ?, "
        "quad_class = ?, source_id = ?, source_name = ?, source_country = ?, target_id = ?, target_name = ?, "
        "target_country = ?, location_name = ?, location_country = ?, location_id = ?, location_lat = ?, "
        "location_lon = ?, killed = ?, wounded = ?, arrested = ?, size = ?, released = ?, coders = ?, context = ?, "
        "confidence = ?, num_mentions = ?, num_articles = ?, num_sources = ?, languages = ?, first_seen = ? WHERE id = ?",
        (date, block, best["cameo"], t.plover, best["mode"], etype, best["goldstein"], t.quad_class,
         best["source_id"], best["source_name"], best["source_country"], best["target_id"], best["target_name"],
         best["target_country"], *loc, *(counts.get(k) for k in COUNT_FIELDS), ",".join(coders) or None,
         best["context"], conf, n, n_articles, n_sources, ",".join(langs), seen, event_id))


COUNT_FIELDS = ("killed", "wounded", "arrested", "size", "released")


def _event_counts(db: Database, event_id: int) -> dict:
    """An event's figures: per field, the most reported value (the highest on a tie:
    later reports count more of the dead)."""
    votes: dict[str, dict[int, int]] = {}
    for r in db.query("SELECT counts FROM event_mentions WHERE event_id = ? AND counts IS NOT NULL", (event_id,)):
        for k, v in json.loads(r["counts"]).items():
            if k in COUNT_FIELDS and isinstance(v, int):
                votes.setdefault(k, {})[v] = votes.setdefault(k, {}).get(v, 0) + 1
    return {k: max(vs, key=lambda v: (vs[v], v)) for k, vs in votes.items()}


def _actor_fields(m) -> dict:
    if m is None:
        return {"id": None, "name": None, "country": None, "wikidata": None, "sector": None}
    a = m.actor
    return {"id": a.id, "name": a.name, "country": a.country, "wikidata": a.wikidata, "sector": a.sector}


def remove_article(db: Database, article_id: int) -> None:
    events = [r["event_id"] for r in db.query(
        "SELECT DISTINCT event_id FROM event_mentions WHERE article_id = ?", (article_id,))]
    for r in db.query("SELECT id, evidence FROM event_mentions WHERE article_id = ?", (article_id,)):
        db.unindex_evidence(r["id"], r["evidence"] or "")
    for table in ("event_mentions", "actor_mentions", "minhash_bands", "article_embeddings", "story_articles"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    db.execute("DELETE FROM article_signatures WHERE article_id = ?", (article_id,))
    db.execute("UPDATE articles SET reprint_of = NULL WHERE reprint_of = ?", (article_id,))
    db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    for e in events:
        refresh_event(db, e)


def store_doc(db: Database, doc: Doc, summary: Summary, now: str | None = None) -> None:
    """Store one processed document in its own transaction."""
    now = now or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    if doc.error:
        summary.failed += 1
        summary.errors.append(doc.error)
        db.begin()
        try:
            if not db.scalar("SELECT id FROM failures WHERE input = ? AND error = ?", (doc.input, doc.error)):
                db.insert("failures", {"input": doc.input, "error": doc.error, "seen_at": now})
            db.commit()
        except StoreError as e:
            db.rollback()
            raise _stopped_at(doc, e) from e
        except Exception:
            db.rollback()
            raise
        return
    h = content_hash(doc.text, doc.title)
    if db.scalar("SELECT id FROM articles WHERE content_hash = ?", (h,)):
        summary.unchanged += 1
        return
    prepare_vectors(db, doc)  # the encoder runs here, before the writer's lock is taken
    try:
        db.begin()
    except StoreError as e:
        raise _stopped_at(doc, e) from e
    try:
        # again under the writer's lock: another process may have stored it meanwhile
        if db.scalar("SELECT id FROM articles WHERE content_hash = ?", (h,)):
            db.commit()
            summary.unchanged += 1
            return
        key_col, key = ("url", doc.url) if doc.url else ("input", doc.input)
        old = db.query(f"SELECT id FROM articles WHERE {key_col} = ? AND content_hash != ?", (key, h))
        for r in old:
            remove_article(db, r["id"])
        aid = db.insert("articles", {
            "content_hash": h, "input": doc.input, "url": doc.url, "source": source_of(doc), "title": doc.title,
            "outlet": doc.outlet, "language": doc.language, "published": doc.published,
            "published_partial": doc.published_partial, "text": doc.text, "raw": doc.raw,
            "removed": json.dumps([[s.start, s.end, s.label] for s in doc.removed]), "reprint_of": None,
            "ingested_at": now})
        sig = signature(doc.text)
        orig = find_original(db, sig, aid)
        if orig:
            db.execute("UPDATE articles SET reprint_of = ? WHERE id = ?", (orig, aid))
            summary.reprints += 1
        db.insert("article_signatures", {"article_id": aid, "signature": json.dumps(sig)})
        for band, bucket in _buckets(sig):
            db.insert("minhash_bands", {"band": band, "bucket": bucket, "article_id": aid})
        for m in doc.actors:
            a = m.actor
            db.insert("actor_mentions", {"article_id": aid, "start_off": m.start, "end_off": m.end, "actor_id": a.id,
                                         "name": a.name, "kind": a.kind, "country": a.country, "wikidata": a.wikidata,
                                         "sector": a.sector, "role": a.role, "via": m.via})
        touched = []
        for ev in doc.events:
            eid = _store_event(db, doc, aid, ev)
            touched.append(eid)
            summary.event_mentions += 1
        for eid in dict.fromkeys(touched):
            refresh_event(db, eid)
        for eid in dict.fromkeys(touched):
            _absorb_undated(db, eid)
        db.commit()
    except StoreError as e:
        db.rollback()
        raise _stopped_at(doc, e) from e
    except Exception:
        db.rollback()
        raise
    if old:
        summary.updated += 1
    else:
        summary.new += 1


def _stopped_at(doc: Doc, e: StoreError) -> StoreError:
    """The store's error, with where the run stopped and what is kept."""
    return StoreError(f"{e.message}; stopped while storing {doc.input}: nothing of it was stored, the articles "
                      "stored before it are kept, and the same command run again resumes after them")


def _reported_date(ev) -> str | None:
    """The day the text reports (or its lead gives); not the publication day an undated
    report is dated by (`date_basis` "published"): merging by it would split an event from
    its next-day reports, so such a mention is placed as undated (`block_date`)."""
    return None if ev.date_basis == "published" else ev.date


def _store_event(db: Database, doc: Doc, aid: int, ev) -> int:
    src, tgt = _actor_fields(ev.source), _actor_fields(ev.target)
    family = family_of(ev.type)
    pair = pair_key(ev.type, src["country"], tgt["country"])
    loc = ev.location or {}
    date = _reported_date(ev)
    view = View(ev.type, src["country"], tgt["country"], ev.modality, date, loc.get("name"))
    block = date or (doc.published if ev.modality == "asserted" else None)
    partial = doc.published_partial if not block else None
    eid, why = None, None
    if ev.modality == "planned" and date and date == doc.published:
        # a preview on the day itself ("they will talk by video today") is a report of
        # that day's event once it is reported as done; a preview days ahead ("will
        # visit on May 16-17", published May 14) is an announcement, its own event
        rows = db.query("SELECT id, type FROM events WHERE family = ? AND pair_key = ? AND modality = 'asserted' "
                        "AND block_date = ? ORDER BY id", (family, pair, date))
        rows = [r for r in rows if types_join(r["type"], ev.type, across=True)]
        if rows:
            eid, why = rows[0]["id"], (f"same {family} of {pair}: announced for the day of publication "
                                       f"({date}), when the event was reported as done")
    if eid is None:
        eid, why = find_event(db, family, pair, view, block, partial)
    if eid is None and date:
        eid, why = _month_reports(db, family, pair, view)
    month_day = ev.month_day if ev.month_day and not ev.month_day.startswith("---") else None
    if eid is None and (month_day or date):
        eid, why = _same_day_of_year(db, family, pair, view, month_day, date)
    if eid is None and not block and not doc.published:
        # only an article with no date at all is placed by what it reads like: embedding
        # costs ~0.1 s an article, and a dated article's undated background mention
        # ("their last meeting") is not worth that
        eid, why = _similar_event(db, doc, aid, family, pair, ev.modality, ev.type, partial, ev.location,
                                  ev.month_day)
    if eid is None:
        why = "first report: no stored event of this type, pair, modality and date joins it"
        t = TYPES[ev.type]
        eid = db.insert("events", {
            "date": date, "block_date": block, "family": family, "pair_key": pair, "cameo": ev.cameo,
            "plover": ev.plover, "mode": ev.mode, "type": ev.type, "goldstein": ev.goldstein,
            "quad_class": t.quad_class, "modality": ev.modality,
            "source_id": src["id"], "source_name": src["name"], "source_country": src["country"],
            "source_wikidata": src["wikidata"], "source_sector": src["sector"],
            "target_id": tgt["id"], "target_name": tgt["name"], "target_country": tgt["country"],
            "target_wikidata": tgt["wikidata"], "target_sector": tgt["sector"],
            "location_name": loc.get("name"), "location_country": loc.get("country"),
            "confidence": ev.confidence})
    evidence = doc.text[ev.evidence.start:ev.evidence.end]
    mid = db.insert("event_mentions", {
        "event_id": eid, "article_id": aid, "language": doc.language, "date": date, "cameo": ev.cameo,
        "plover": ev.plover, "mode": ev.mode, "type": ev.type, "goldstein": ev.goldstein,
        "quad_class": TYPES[ev.type].quad_class, "modality": ev.modality,
        "source_id": src["id"], "source_name": src["name"], "source_country": src["country"],
        "source_text": doc.text[ev.source.start:ev.source.end] if ev.source else None,
        "source_start": ev.source.start if ev.source else None, "source_end": ev.source.end if ev.source else None,
        "target_id": tgt["id"], "target_name": tgt["name"], "target_country": tgt["country"],
        "target_text": doc.text[ev.target.start:ev.target.end] if ev.target else None,
        "target_start": ev.target.start if ev.target else None, "target_end": ev.target.end if ev.target else None,
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "location_id": loc.get("id"), "location_lat": loc.get("lat"), "location_lon": loc.get("lon"),
        "counts": json.dumps(ev.counts) if ev.counts else None, "coders": ",".join(ev.coders) or ev.coder,
        "context": ",".join(ev.context) or None,
        "confidence": ev.confidence, "evidence": evidence, "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end, "trigger_start": ev.trigger.start, "trigger_end": ev.trigger.end,
        "rule": ev.rule, "coder": ev.coder, "block_date": block, "partial": partial, "month_day": ev.month_day,
        "merge_rule": why})
    db.index_evidence(mid, evidence)
    return eid


def ingest(paths, db: Database, progress: bool = False, docs=None, filters=None, stats=None,
           profile: str = "default") -> Summary:
    from .pipeline import pipe
    from .readers import iter_paths

    summary = Summary()
    stream = pipe(docs if docs is not None else iter_paths(paths, filters, stats), profile)
    if progress:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                      TextColumn("{task.completed} articles"), TimeElapsedColumn(), transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            for doc in stream:
                store_doc(db, doc, summary)
                bar.update(task, advance=1, description=f"ingesting {doc.input[-40:]}")
    else:
        for doc in stream:
            store_doc(db, doc, summary)
    return summary
