"""Crash safety and concurrency of the event database.

- `dyad ingest` SIGKILLed at seeded random moments (at a random SQL statement, before or
  after it runs, and at a random time) resumes to a database that is intact and equals an
  uninterrupted run, on SQLite and on PostgreSQL;
- a full disk (SQLite's `max_page_count`, so the file cannot grow) stops `dyad ingest`
  with a one-line error that says so, leaves an intact database, and a run with room
  completes to the uninterrupted run's database;
- two `dyad ingest` processes on one database both finish, every article is stored once,
  and the events equal a single sequential run of the articles in the order they were
  committed; a writer that has to wait says so, and one that waits too long says why;
- `dyad serve` answers reads while an ingest writes.

Every run is a process forked from this one after it has warmed up (models, lexicons and
gazetteers loaded), so a run costs about a second instead of a fresh `dyad` start-up.
Article embeddings (used to place undated mentions) are a pure function of the text:
every article's is memoized in the warm-up, so the forked runs store the same vectors
without the encoder (whose thread pool does not survive a fork).

DYAD_CRASH_TRIALS=N runs N kills per backend instead of 24 (DYAD_CRASH_SEED: the seed).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from conftest import DEV, free_port, needs_shared

pytestmark = needs_shared

FORK = mp.get_context("fork")
SEED = int(os.environ.get("DYAD_CRASH_SEED", "20260315"))
TRIALS = int(os.environ.get("DYAD_CRASH_TRIALS", "24"))
TIME_COLUMNS = {"ingested_at", "seen_at", "created_at"}
REPORT: dict[str, str] = {}


def corpus() -> list[str]:
    """30 short real articles in 11 languages."""
    return [str(p) for p in sorted((DEV / "articles").glob("*.txt"))[:30]]


# -- forked runs ---------------------------------------------------------------------------
def _redirect(log: str | None) -> None:
    if log:
        f = open(log, "a", buffering=1, encoding="utf-8")
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
        sys.stdout = sys.stderr = f


def _run_ingest(url: str, paths: list[str], profile: str, log: str | None, kill_at=None, count=None,
                go=None) -> None:
    """Child: `ingest(paths)` into `url`. kill_at=(n, "before"|"after"): SIGKILL itself at
    the n-th SQL statement; count: a shared integer that receives the number of statements."""
    _redirect(log)
    from dyad import store
    from dyad.ingest import ingest

    if kill_at or count is not None:
        orig = store.Database._exec
        seen = [0]

        def counted(self, q, params=()):
            seen[0] += 1
            if count is not None:
                count.value = seen[0]
            if kill_at and seen[0] == kill_at[0] and kill_at[1] == "before":
                os.kill(os.getpid(), signal.SIGKILL)
            cur = orig(self, q, params)
            if kill_at and seen[0] == kill_at[0] and kill_at[1] == "after":
                os.kill(os.getpid(), signal.SIGKILL)
            return cur

        store.Database._exec = counted
    if go is not None:
        go.wait(60)
    db = store.connect(url)
    s = ingest(paths, db, profile=profile)
    print(s.line(db), flush=True)
    db.close()


def _run_cli(args: list[str], log: str | None, go=None, patch=None) -> None:
    """Child: the `dyad` command with `args`; its exit code is the process's."""
    _redirect(log)
    from dyad import store
    from dyad.cli import main

    for k, v in (patch or {}).items():
        setattr(store.Database, k, v)
    if go is not None:
        go.wait(60)
    main(args, prog_name="dyad")


def fork(target, *args, **kwargs):
    p = FORK.Process(target=target, args=args, kwargs=kwargs, daemon=True)
    p.start()
    return p


def finish(p, timeout: float = 300) -> int:
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        pytest.fail(f"a forked run did not finish in {timeout} s")
    return p.exitcode


def read(log) -> str:
    return Path(log).read_text(encoding="utf-8", errors="replace") if Path(log).exists() else ""


# -- what a database holds -----------------------------------------------------------------
def opened(url):
    from dyad.store import connect

    return connect(url)


def tables(db) -> list[str]:
    if db.dialect == "sqlite":
        q = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'evidence_fts%' "
             "AND name NOT LIKE 'sqlite_%'")
    else:
        q = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
    return sorted(r["name"] for r in db.query(q))


def canon(url) -> dict:
    """Every table's rows without autoincrement ids and wall-clock columns: articles are
    named by their content hash wherever they are referred to, and each event is its
    fields with the sorted list of its mentions."""
    db = opened(url)
    try:
        art = {r["id"]: r["content_hash"] for r in db.query("SELECT id, content_hash FROM articles")}

        def row(r: dict, drop=("id",)) -> tuple:
            out = []
            for k in sorted(r):
                if k in drop or k in TIME_COLUMNS:
                    continue
                v = r[k]
                if k in ("article_id", "reprint_of") and v is not None:
                    v = art.get(v, f"<missing article {v}>")
                out.append((k, v))
            return tuple(out)

        mentions = defaultdict(list)
        for m in db.query("SELECT * FROM event_mentions"):
            mentions[m["event_id"]].append(row(m, ("id", "event_id")))
        out = {}
        events = []
        for e in db.query("SELECT * FROM events"):
            events.append((row(e), tuple(sorted(mentions.pop(e["id"], []), key=repr))))
        out["events"] = sorted(events, key=repr)
        out["mentions without event"] = sorted((m for ms in mentions.values() for m in ms), key=repr)
        for t in tables(db):
            if t in ("events", "event_mentions"):
                continue
            out[t] = sorted((row(r) for r in db.query(f"SELECT * FROM {t}")), key=repr)
        return out
    finally:
        db.close()


def differences(a: dict, b: dict, limit: int = 3) -> list[str]:
    """What differs between two canonical dumps, briefly (empty: equal)."""
    out = []
    for t in sorted(set(a) | set(b)):
        ra, rb = Counter(map(repr, a.get(t, []))), Counter(map(repr, b.get(t, [])))
        if ra != rb:
            only_a, only_b = list((ra - rb).elements()), list((rb - ra).elements())
            out.append(f"{t}: {len(a.get(t, []))} vs {len(b.get(t, []))} rows; only in the first: "
                       f"{[x[:300] for x in only_a[:limit]]}; only in the second: {[x[:300] for x in only_b[:limit]]}")
    return out


def problems(url) -> list[str]:
    """Integrity: the engine's own check, the search index against its table, and what
    dyad's tables promise each other (every event has mentions and aggregates recomputed
    from them; nothing refers to a missing row; every article has its signature)."""
    out = []
    if not str(url).startswith("postgresql://"):
        c = sqlite3.connect(url, isolation_level=None)
        try:
            res = [r[0] for r in c.execute("PRAGMA integrity_check")]
            if res != ["ok"]:
                out.append(f"integrity_check: {res[:5]}")
            try:
                c.execute("INSERT INTO evidence_fts(evidence_fts, rank) VALUES('integrity-check', 1)")
            except sqlite3.Error as e:
                out.append(f"evidence_fts integrity-check: {e}")
        finally:
            c.close()
    db = opened(url)
    try:
        if db.dialect == "postgresql":
            out += pg_amcheck(db)
        checks = {
            "event without mentions": "SELECT e.id FROM events e WHERE NOT EXISTS "
                                      "(SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)",
            "mention of a missing event": "SELECT m.id FROM event_mentions m LEFT JOIN events e ON e.id = m.event_id "
                                          "WHERE e.id IS NULL",
            "mention in a missing article": "SELECT m.id FROM event_mentions m LEFT JOIN articles a "
                                            "ON a.id = m.article_id WHERE a.id IS NULL",
            "actor mention in a missing article": "SELECT m.id FROM actor_mentions m LEFT JOIN articles a "
                                                  "ON a.id = m.article_id WHERE a.id IS NULL",
            "band of a missing article": "SELECT b.article_id AS id FROM minhash_bands b LEFT JOIN articles a "
                                         "ON a.id = b.article_id WHERE a.id IS NULL",
            "article without its 16 bands and signature": (
                "SELECT a.id FROM articles a WHERE (SELECT COUNT(*) FROM minhash_bands b WHERE b.article_id = a.id) "
                "!= 16 OR NOT EXISTS (SELECT 1 FROM article_signatures s WHERE s.article_id = a.id)"),
            "reprint of a missing article": "SELECT a.id FROM articles a WHERE a.reprint_of IS NOT NULL AND NOT "
                                            "EXISTS (SELECT 1 FROM articles o WHERE o.id = a.reprint_of)",
        }
        for name, q in checks.items():
            ids = [r["id"] for r in db.query(q)]
            if ids:
                out.append(f"{name}: {ids[:10]}")
        out += stale_aggregates(db)
    finally:
        db.close()
    return out


def stale_aggregates(db) -> list[str]:
    """Events whose stored aggregates differ from those recomputed from their mentions
    (recomputed in a transaction that is rolled back)."""
    from dyad.ingest import refresh_event

    out = []
    before = {r["id"]: r for r in db.query("SELECT * FROM events")}
    db.begin()
    try:
        for eid in before:
            refresh_event(db, eid)
        after = {r["id"]: r for r in db.query("SELECT * FROM events")}
    finally:
        db.rollback()
    for eid, r in before.items():
        if after.get(eid) != r:
            diff = {k: (v, (after.get(eid) or {}).get(k)) for k, v in r.items() if (after.get(eid) or {}).get(k) != v}
            out.append(f"event {eid} aggregates differ from its mentions: {diff}")
    return out[:10]


def pg_amcheck(db) -> list[str]:
    """PostgreSQL's own check (amcheck): every B-tree index is consistent and indexes
    every heap row, and the heap pages hold no corrupt tuple."""
    out = []
    db.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
    for r in db.query("SELECT c.oid AS oid, c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                      "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "WHERE am.amname = 'btree' AND n.nspname = 'public'"):
        try:
            db.query(f"SELECT bt_index_check({int(r['oid'])}::oid::regclass, true)")
        except Exception as e:
            out.append(f"amcheck {r['name']}: {e}")
    for r in db.query("SELECT c.oid AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n "
                      "ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'"):
        bad = db.query(f"SELECT * FROM verify_heapam({int(r['oid'])}::oid::regclass)")
        if bad:
            out.append(f"verify_heapam {r['name']}: {bad[:3]}")
    return out


def count_articles(url) -> int:
    db = opened(url)
    try:
        return db.scalar("SELECT COUNT(*) FROM articles")
    finally:
        db.close()


# -- the warmed-up parent ------------------------------------------------------------------
@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """Loads everything an ingest needs, in this process, once; returns the working folder."""
    from dyad import learned, stories
    from dyad.ingest import ingest
    from dyad.store import connect

    mp_ = pytest.MonkeyPatch()
    base = tmp_path_factory.mktemp("crash")
    mp_.setenv("DYAD_KB_DIR", str(base / "userkb"))
    # the learned coder's sentence-embedding cache is a SQLite file: a fresh one, and no
    # connection to it carried across fork (each forked run opens its own)
    mp_.setenv("DYAD_CACHE_DIR", str(base / "cache"))
    # no per-document time limit: on a loaded machine it would cut a document in one run
    # and not in another, and these tests compare runs (the limit has tests of its own)
    mp_.setenv("DYAD_DOC_TIMEOUT", "0")
    learned._disk_cache.cache_clear()
    memo: dict[str, np.ndarray] = {}
    encode = stories._embed

    def memoized(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            memo.update(zip(missing, encode(missing)))
        return np.stack([memo[t] for t in texts])

    mp_.setattr(stories, "_embed", memoized)
    t = time.time()
    for profile in ("fast", "default"):
        db = connect(base / f"warm-{profile}.db")
        ingest(corpus(), db, profile=profile)
        # every article's vector, whichever a run needs: which articles a run compares
        # depends on the order it meets them (two writers interleave), and the encoder's
        # OpenMP pool does not survive a fork (a forked run that encodes hangs)
        # (memoized only: the warm database stays what a run stores)
        stories._embed([((r["title"] or "") + "\n" + (r["text"] or ""))[:stories.LEAD_CHARS]
                        for r in db.query("SELECT title, text FROM articles ORDER BY id")])
        db.close()
    if learned._disk_cache().db is not None:
        learned._disk_cache().db.close()
    learned._disk_cache.cache_clear()
    REPORT["warm-up"] = f"{time.time() - t:.1f} s"
    yield base
    mp_.undo()
    learned._disk_cache.cache_clear()


# -- 1. SIGKILL at random moments ----------------------------------------------------------
def kill_trials(backend: str, new_db, logs: Path) -> None:
    paths = corpus()
    # the uninterrupted run, counting its SQL statements and timing it
    count = FORK.Value("l", 0)
    url0 = new_db("uninterrupted")
    t = time.time()
    assert finish(fork(_run_ingest, url0, paths, "fast", str(logs / "uninterrupted.log"), count=count)) == 0, \
        read(logs / "uninterrupted.log")
    duration, statements = time.time() - t, count.value
    assert problems(url0) == []
    expected = canon(url0)
    assert len(expected["articles"]) == 30 and len(expected["events"]) > 20

    rng = random.Random(f"{SEED}:{backend}")
    n_stmt = (TRIALS + 1) // 2
    moments = [("statement", rng.randint(1, statements), rng.choice(["before", "after"])) for _ in range(n_stmt)]
    moments += [("time", round(rng.uniform(0.02, 0.95) * duration, 3), None) for _ in range(TRIALS - n_stmt)]
    kills, stored_at_kill, failures = 0, [], []
    for i, (kind, at, when) in enumerate(moments):
        url = new_db(f"trial{i}")
        log = str(logs / f"trial{i}.log")
        if kind == "statement":
            p = fork(_run_ingest, url, paths, "fast", log, kill_at=(at, when))
        else:
            p = fork(_run_ingest, url, paths, "fast", log)
            time.sleep(at)
            p.kill()
        code = finish(p)
        if code == -signal.SIGKILL:
            kills += 1
        elif kind == "statement" or code != 0:
            failures.append(f"trial {i} ({kind} {at} {when or ''}): exit code {code}: {read(log)[-800:]}")
            continue
        n = count_articles(url)
        stored_at_kill.append(n)
        bad = problems(url)  # right after the kill, before anything repairs it
        code = finish(fork(_run_ingest, url, paths, "fast", log))
        if code != 0:
            failures.append(f"trial {i}: the resumed run failed ({code}): {read(log)[-800:]}")
            continue
        bad += problems(url)
        bad += differences(canon(url), expected)
        if bad:
            failures.append(f"trial {i} ({kind} {at} {when or ''}, {n} articles stored at the kill): {bad}")
    REPORT[f"SIGKILL {backend}"] = (
        f"{kills} kills in {len(moments)} trials ({n_stmt} at a random one of {statements} SQL statements, "
        f"{len(moments) - n_stmt} at a random time in a {duration:.2f} s run); articles stored at the kill: "
        f"{sorted(stored_at_kill)}; {len(moments) - len(failures)} resumed runs equal to the uninterrupted run")
    assert not failures, "\n".join(failures)
    assert kills >= 20 or TRIALS < 20
    assert len(set(stored_at_kill)) >= 5, f"the kills did not land across the run: {stored_at_kill}"


def test_sigkill_at_random_moments_resumes_to_the_uninterrupted_database_sqlite(warm, tmp_path):
    kill_trials("sqlite", lambda name: str(tmp_path / f"{name}.db"), tmp_path)


def test_sigkill_at_random_moments_resumes_to_the_uninterrupted_database_postgresql(warm, pg_server, tmp_path):
    kill_trials("postgresql", pg_server, tmp_path)


# -- 2. a full disk ------------------------------------------------------------------------
def test_full_disk_gives_a_clear_error_and_an_intact_database(warm, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dyad.cli import main
    from dyad.store import Database

    paths = corpus()
    full_size = sqlite3.connect(warm / "warm-default.db").execute("PRAGMA page_count").fetchone()[0]
    empty = tmp_path / "empty.db"
    opened(empty).close()
    empty_size = sqlite3.connect(empty).execute("PRAGMA page_count").fetchone()[0]
    limit = (empty_size + full_size) // 2  # room for about half of the corpus

    connect_as_usual = Database._connect

    def no_room(self):
        conn = connect_as_usual(self)
        conn.execute(f"PRAGMA max_page_count = {limit}")  # the file cannot grow past this: SQLITE_FULL
        return conn

    path = tmp_path / "full.db"
    with monkeypatch.context() as m:
        m.setattr(Database, "_connect", no_room)
        r = CliRunner().invoke(main, ["ingest", *paths, "--db", str(path), "--no-progress"])
    err = r.stderr
    assert r.exit_code == 1, (r.exit_code, r.output, r.exception)
    assert isinstance(r.exception, SystemExit), r.exception  # an error message, not a crash
    assert "Traceback" not in r.output
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "full" in err and "disk" in err and str(path) in err, err
    assert "stopped while storing" in err and "run again" in err, err
    n = count_articles(path)
    assert 0 < n < len(paths), n
    assert problems(path) == []
    REPORT["full disk"] = f"max_page_count {limit} pages ({full_size} needed): {n} of 30 articles stored; {lines[0]}"

    r = CliRunner().invoke(main, ["ingest", *paths, "--db", str(path), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert f"{len(paths) - n} new, {n} unchanged" in r.stdout
    assert problems(path) == []
    assert differences(canon(path), canon(warm / "warm-default.db")) == []


def test_the_error_names_a_full_disk_for_postgresql_too():
    import psycopg

    from dyad.store import PostgresDatabase, StoreError

    db = PostgresDatabase.__new__(PostgresDatabase)
    db.url = "postgresql://u:secret@h/d"
    err = db._clear_error(psycopg.errors.DiskFull("could not extend file: No space left on device"))
    assert isinstance(err, StoreError) and "full" in err.message and "disk" in err.message
    assert db._clear_error(psycopg.errors.UniqueViolation("dup")) is None


# -- 3. two writers ------------------------------------------------------------------------
def cli_ingest(url, paths) -> list[str]:
    return ["ingest", *paths, "--db", str(url), "--no-progress"]


def summary_counts(log: str) -> tuple[int, int]:
    import re

    m = re.search(r"articles: (\d+) new, (\d+) unchanged", read(log))
    assert m, read(log)[-800:]
    return int(m[1]), int(m[2])


def two_writers(url, a: list[str], b: list[str], logs: Path, replay_url) -> str:
    go = FORK.Event()
    la, lb = str(logs / "a.log"), str(logs / "b.log")
    pa = fork(_run_cli, cli_ingest(url, a), la, go=go)
    pb = fork(_run_cli, cli_ingest(url, b), lb, go=go)
    time.sleep(0.2)
    go.set()  # both open the database at once (a new one: both find it without tables)
    ca, cb = finish(pa), finish(pb)
    assert (ca, cb) == (0, 0), read(la)[-1500:] + read(lb)[-1500:]
    union = list(dict.fromkeys(a + b))
    (na, ua), (nb, ub) = summary_counts(la), summary_counts(lb)
    assert na + nb == len(union) and na + ua == len(a) and nb + ub == len(b), (read(la), read(lb))
    assert problems(url) == []
    db = opened(url)
    try:
        stored = db.query("SELECT input, COUNT(*) AS n FROM articles GROUP BY input ORDER BY MIN(id)")
        order = [r["input"] for r in db.query("SELECT input FROM articles ORDER BY id")]
    finally:
        db.close()
    assert sorted(r["input"] for r in stored) == sorted(union) and all(r["n"] == 1 for r in stored)
    # each article's mentions are there once: as in a run of that article alone
    got = canon(url)
    # the events: those of one sequential run of the same articles in the order they were committed
    code = finish(fork(_run_cli, cli_ingest(replay_url, order), str(logs / "replay.log")))
    assert code == 0, read(logs / "replay.log")[-1500:]
    assert differences(got, canon(replay_url)) == []
    waited = sum("waiting for it" in read(x) for x in (la, lb))
    interleaved = sum(1 for x, y in zip(order, order[1:]) if (x in a) != (y in a))
    return f"{len(union)} articles, {na} + {nb} new, commits alternating {interleaved} times, {waited} waited"


def mentions_by_article(url) -> dict:
    """Each article's mentions, without the merge rule that joined them (it names the
    report that came first, which depends on the order of the commits)."""
    c = canon(url)
    out = defaultdict(list)
    for _, ms in c["events"]:
        for m in ms:
            out[dict(m)["article_id"]].append(tuple(kv for kv in m if kv[0] != "merge_rule"))
    return {k: sorted(v, key=repr) for k, v in out.items()}


@pytest.mark.parametrize("inputs", ["halves", "overlapping"])
def test_two_ingests_on_one_sqlite_file_both_finish_correctly(warm, tmp_path, inputs):
    paths = corpus()
    if inputs == "halves":
        a, b = paths[:15], paths[15:]
    else:  # the middle third in both, met from opposite ends
        a, b = paths[:20], paths[10:][::-1]
    url = tmp_path / "two.db"
    REPORT[f"two writers sqlite {inputs}"] = two_writers(url, a, b, tmp_path, tmp_path / "replay.db")
    # whatever the order, every article's mentions are those a run of all the articles gives
    assert mentions_by_article(url) == mentions_by_article(warm / "warm-default.db")


def test_two_ingests_on_one_postgresql_database_both_finish_correctly(warm, pg_server, tmp_path):
    paths = corpus()
    a, b = paths[:20], paths[10:][::-1]
    REPORT["two writers postgresql overlapping"] = two_writers(pg_server("two"), a, b, tmp_path,
                                                               pg_server("replay"))


class WriterLock:
    """Another process's long transaction: holds dyad's writer lock until released."""

    def __init__(self, url: str):
        from dyad.store import WRITER_LOCK

        self.url = url
        if url.startswith("postgresql://"):
            import psycopg

            self.conn = psycopg.connect(url, autocommit=True)
            self.conn.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
        else:
            self.conn = sqlite3.connect(url, isolation_level=None)
            self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if not self.url.startswith("postgresql://"):
            self.conn.execute("COMMIT")
        self.conn.close()  # the advisory lock goes with the session


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_writer_that_waits_says_so_and_then_finishes(warm, tmp_path, request, backend):
    paths = corpus()[:5]
    if backend == "sqlite":
        url = str(tmp_path / "wait.db")
    else:
        url = request.getfixturevalue("pg_server")("wait").replace("dyad@", "dyad:secret@")
    opened(url).close()  # an existing database: the wait is for the articles, not the tables
    log = str(tmp_path / "wait.log")
    go = FORK.Event()
    p = fork(_run_cli, cli_ingest(url, paths), log, go=go)
    lock = WriterLock(url)
    go.set()
    try:
        deadline = time.time() + 30
        while "waiting" not in read(log) and time.time() < deadline and p.is_alive():
            time.sleep(0.1)
        out = read(log)
        assert "another process is writing to" in out and "waiting for it" in out, out
        assert "secret" not in out  # a password in the URL is never printed
        time.sleep(0.5)
        assert count_articles(url) == 0 and p.is_alive()
    finally:
        lock.release()
    assert finish(p) == 0, read(log)
    assert summary_counts(log) == (5, 0)
    assert problems(url) == []


def test_a_writer_that_waits_too_long_says_why(warm, tmp_path):
    url = str(tmp_path / "locked.db")
    opened(url).close()
    log = str(tmp_path / "locked.log")
    go = FORK.Event()
    p = fork(_run_cli, cli_ingest(url, corpus()[:3]), log, go=go, patch={"lock_timeout": 1.0, "lock_notice": 0.2})
    lock = WriterLock(url)
    go.set()
    try:
        code = finish(p)
    finally:
        lock.release()
    out = read(log)
    assert code == 1, out
    assert "Traceback" not in out
    assert f"Error: the database {url} is locked: another process has been writing to it for more than 1 s" in out
    assert "stopped while storing" in out
    assert count_articles(url) == 0 and problems(url) == []


# -- 4. reads while an ingest writes -------------------------------------------------------
def test_serve_answers_reads_while_an_ingest_writes(warm, tmp_path):
    import httpx
    import uvicorn

    from dyad.server import create_app

    paths = corpus()
    url = str(tmp_path / "served.db")
    assert finish(fork(_run_ingest, url, paths[:10], "fast", str(tmp_path / "first.log"))) == 0
    # more to write: the other 20 articles and a second edition of every article (new
    # texts, near-duplicates of the first: reprints)
    editions = tmp_path / "editions"
    editions.mkdir()
    for p in paths:
        (editions / Path(p).name).write_text(Path(p).read_text(encoding="utf-8") + "\n\nSecond edition.\n",
                                             encoding="utf-8")
    more = paths[10:] + sorted(str(p) for p in editions.iterdir())
    log = str(tmp_path / "writer.log")
    # a new process, not a fork: the new texts need the sentence encoder, whose thread
    # pools do not survive a fork
    writer_cmd = [sys.executable, "-m", "dyad", "ingest", *more, "--db", url, "--no-progress"]
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    errors, seen_articles, reads_during = [], [], 0
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            with open(log, "w") as out:
                writer = subprocess.Popen(writer_cmd, stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ))
            t_end = time.time() + 240
            i = 0
            while time.time() < t_end:
                writing = writer.poll() is None
                errors += check_reads(client, i, seen_articles)
                reads_during += 4 if writing else 0
                i += 1
                if not writing:
                    break
    finally:
        server.should_exit = True
        thread.join(10)
    assert writer.wait(120) == 0, read(log)
    assert not errors, errors[:5]
    distinct = sorted(set(seen_articles))
    REPORT["serve while ingesting"] = (f"{reads_during} reads (4 endpoints) while the ingest wrote, 0 errors; "
                                       f"article counts seen grow {distinct[0]} -> {distinct[-1]} in {len(distinct)} steps")
    assert reads_during >= 40, reads_during
    assert len(distinct) >= 5, distinct  # the reads saw the writes land
    assert seen_articles == sorted(seen_articles), "a read saw fewer articles than an earlier one"
    assert distinct[-1] == 60
    assert problems(url) == []


def check_reads(client, i: int, seen_articles: list[int]) -> list[str]:
    """Four reads; what was wrong with them."""
    errs = []

    def get(path):
        r = client.get(path)
        if r.status_code != 200:
            errs.append(f"{path}: {r.status_code} {r.text[:300]}")
            return None
        try:
            return r.json() if "json" in r.headers.get("content-type", "") else r.text
        except ValueError as e:
            errs.append(f"{path}: not JSON: {e}")
            return None

    arts = get("/api/articles?limit=500")
    if arts is not None:
        ids = [a["id"] for a in arts["articles"]]
        if len(ids) != len(set(ids)):
            errs.append("/api/articles: an article listed twice")
        seen_articles.append(len(ids))
    evs = get("/api/events?modality=all&limit=50&sort=-id&mentions=1000")  # all: a torn read would differ
    if evs is not None:
        for e in evs["events"]:
            if e["num_mentions"] < 1 or not e["mentions"] or not e["type"]:
                errs.append(f"/api/events: event {e['id']} without mentions or type")
            elif e["num_mentions"] != len(e["mentions"]):
                errs.append(f"/api/events: event {e['id']} says {e['num_mentions']} mentions and lists "
                            f"{len(e['mentions'])}")
        if evs["events"]:
            one = evs["events"][i % len(evs["events"])]["id"]
            ev = get(f"/api/events/{one}")
            if ev is not None and (ev["id"] != one or not ev["mentions"]):
                errs.append(f"/api/events/{one}: {str(ev)[:200]}")
    page = get("/events")
    if page is not None and "<html" not in page.lower():
        errs.append("/events: not a page")
    return errs


def test_zz_report():
    """Prints what the tests above found (run with -s to see it)."""
    if REPORT:
        print("\ncrash safety and concurrency:")
        for k, v in REPORT.items():
            print(f"  {k}: {v}")
