"""The event database: idempotent ingest, updates, reprints, merging, a killed run that
resumes to the same database, exports that load back, and PostgreSQL parity."""
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from dyad.export import export
from dyad.ingest import ingest
from dyad.query import iter_events
from dyad.store import connect

from conftest import DEV, SEEDS, needs_shared

TIME_COLUMNS = {"ingested_at", "seen_at", "created_at"}


def dump(db_path) -> dict:
    """Every table's rows, without wall-clock columns."""
    conn = sqlite3.connect(db_path)
    out = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'evidence_fts%' AND name NOT LIKE 'sqlite_%'")]
    for t in sorted(tables):
        cur = conn.execute(f"SELECT * FROM {t} ORDER BY 1")
        cols = [c[0] for c in cur.description]
        out[t] = [tuple(v for c, v in zip(cols, row) if c not in TIME_COLUMNS) for row in cur.fetchall()]
    conn.close()
    return out


@needs_shared
def test_ingest_twice_changes_nothing(tmp_path):
    path = tmp_path / "a.db"
    db = connect(path)
    s1 = ingest([str(SEEDS), str(DEV / "articles")], db)
    assert s1.new == 37 and s1.failed == 0
    before = dump(path)
    s2 = ingest([str(SEEDS), str(DEV / "articles")], db)
    assert s2.new == 0 and s2.unchanged == 37
    assert dump(path) == before


def test_updated_page_replaces_old_version(tmp_path):
    db = connect(tmp_path / "u.db")
    f = tmp_path / "page.txt"
    f.write_text(" date 2026-02-04 Xi Jinping held a phone call with Vladimir Putin on Wednesday.\n")
    ingest([str(f)], db)
    f.write_text(" date 2026-02-05 Xi Jinping met Narendra Modi in Beijing on Thursday.\n")
    s = ingest([str(f)], db)
    assert s.updated == 1
    assert db.scalar("SELECT COUNT(*) FROM articles") == 1
    pairs = {r["pair_key"] for r in db.query("SELECT pair_key FROM events")}
    assert pairs == {"CHN|IND"}


def test_reprint_counts_as_mention_not_source(tmp_path):
    body = ("Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Wednesday, "
            "the Kremlin said. The two leaders discussed trade, energy and the situation in the region, and agreed "
            "to keep in close contact. Putin thanked Xi for his support and said relations were at their best level "
            "in history. Xi said China was ready to work with Russia on a wide range of issues in the coming year.")
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"text": body, "url": "https://one.example/x", "published": "2026-02-04"}) + "\n")
    b.write_text(json.dumps({"text": body + " (Reprinted.)", "url": "https://two.example/y", "published": "2026-02-04"}) + "\n")
    db = connect(tmp_path / "r.db")
    ingest([str(a), str(b)], db)
    arts = db.query("SELECT id, reprint_of FROM articles ORDER BY id")
    assert arts[1]["reprint_of"] == arts[0]["id"]
    ev = db.query("SELECT * FROM events WHERE family = 'CONSULT'")[0]
    assert ev["num_articles"] == 2 and ev["num_sources"] == 1


@needs_shared
def test_killed_ingest_resumes_to_the_same_database(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(list(SEEDS.glob("*.txt")) + list((DEV / "articles").glob("*.txt")))]
    for i in range(80):
        (corpus / f"{i:04d}.txt").write_text(texts[i % len(texts)] + f"\n\nEdition {i}.\n", encoding="utf-8")
    full, killed = tmp_path / "full.db", tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "dyad", "ingest", str(corpus), "--no-progress", "--db"]
    subprocess.run(cmd + [str(full)], check=True, capture_output=True)
    proc = subprocess.Popen(cmd + [str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    n = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        try:
            n = sqlite3.connect(killed).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            n = 0
        if n >= 10:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    n_killed = sqlite3.connect(killed).execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < n_killed < 80
    subprocess.run(cmd + [str(killed)], check=True, capture_output=True)
    assert dump(killed) == dump(full)


@needs_shared
def test_exports_load_back(ingested_db, tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    db = connect(ingested_db)
    n = sum(1 for _ in iter_events(db, {}))
    g = tmp_path / "events.tsv"
    assert export(db, "gdelt", str(g), {}) == n
    df = pd.read_csv(g, sep="\t", dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert len(df) == n and df["EventCode"].str.len().isin([3, 4]).all() and df["EventBaseCode"].str.len().eq(3).all()
    assert df["EventCode"].str.startswith("0").any()
    assert {"NumMentions", "NumSources", "NumArticles", "GoldsteinScale", "QuadClass", "SOURCEURL"} <= set(df.columns)
    p = tmp_path / "events.jsonl"
    export(db, "plover", str(p), {})
    recs = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == n and all(r["event_type"] and r["mentions"] for r in recs)
    q = tmp_path / "events.parquet"
    export(db, "parquet", str(q), {})
    t = pq.read_table(q)
    assert t.num_rows == n and "num_sources" in t.column_names
    gj = tmp_path / "events.geojson"
    export(db, "geojson", str(gj), {})
    assert json.loads(gj.read_text())["type"] == "FeatureCollection"


@needs_shared
def test_video_call_reported_by_many_articles_is_one_event(ingested_db):
    db = connect(ingested_db)
    evs = [e for e in iter_events(db, {"dyad": "CHN-RUS", "date_from": "2026-02-04", "date_to": "2026-02-04"})
           if e["family"] == "CONSULT"]
    assert evs
    big = max(evs, key=lambda e: e["num_articles"])
    assert big["num_articles"] >= 10
    assert {"ar", "en", "zh", "ru"} <= set(big["languages"].split(","))


# -- PostgreSQL -------------------------------------------------------------------------
@pytest.fixture()
def postgres(pg_server):
    return pg_server("store")


@needs_shared
def test_postgres_backend_gives_identical_rows(postgres, tmp_path):
    import pandas as pd

    inputs = [str(SEEDS), str(DEV / "articles")]
    lite = connect(tmp_path / "lite.db")
    pg = connect(postgres)
    ingest(inputs, lite)
    ingest(inputs, pg)
    s2 = ingest(inputs, pg)
    assert s2.unchanged == 37 and s2.new == 0
    out = {}
    for name, db in (("sqlite", lite), ("pg", pg)):
        f = tmp_path / f"{name}.tsv"
        export(db, "gdelt", str(f), {"modality": "all"}, sort="id")
        out[name] = pd.read_csv(f, sep="\t", dtype=str).drop(columns=["GLOBALEVENTID"])
    assert len(out["sqlite"]) > 10
    pd.testing.assert_frame_equal(out["sqlite"], out["pg"])
    hits = list(iter_events(pg, {"q": "Putin"}))
    assert hits


def test_undated_reports_stored_first_join_the_dated_event_on_both_backends(postgres, tmp_path):
    """The order of ingestion does not decide the merge, on SQLite as on PostgreSQL: undated
    reports stored before the dated event of the same pair and place join it once several
    reports date it, as they would had they come after."""
    lead = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in Beijing, "
            "pledging to deepen their strategic partnership and expand trade in national currencies.")
    arts = [{"url": "o/3", "text": lead.replace("pledging", "promising")},
            {"url": "o/1", "published": "2024-05-16", "text": lead},
            {"url": "o/2", "published": "2024-05-16", "text": lead.replace("pledging", "vowing")}]
    groups = {}
    for name, order, target in (("lite", arts, tmp_path / "lite.db"), ("lite-rev", arts[::-1], tmp_path / "rev.db"),
                                ("pg", arts, postgres)):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps({"language": "en", **a}) + "\n" for a in order), encoding="utf-8")
        db = connect(target)
        ingest([str(path)], db, profile="fast")
        events = db.query("SELECT id FROM events WHERE plover = 'CONSULT' ORDER BY id")
        groups[name] = sorted(sorted({r["url"] for r in db.query(
            "SELECT a.url FROM event_mentions em JOIN articles a ON a.id = em.article_id WHERE em.event_id = ?",
            (e["id"],))}) for e in events)
        db.close()
    assert groups["lite"] == groups["lite-rev"] == groups["pg"] == [["o/1", "o/2", "o/3"]]
