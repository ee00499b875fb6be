"""Storage: one interface over SQLite (default) and PostgreSQL (for teams).

SQL is written once with `?` placeholders and portable types; the PostgreSQL backend
rewrites placeholders and a few type names. Schema changes are numbered migrations
recorded in `schema_migrations`, applied on open. SQLite runs in WAL mode with one
writer; every article is stored in its own transaction, so a killed run loses nothing
that was committed and the next run resumes where it stopped.

Several processes may write one database: a writer takes the writer's lock for each
transaction (SQLite `BEGIN IMMEDIATE`; a transaction-scoped advisory lock on PostgreSQL),
says once on stderr when it has to wait for another, and waits up to `lock_timeout`.
Migrations are checked again under that lock, so two processes opening a new file do not
both create the tables. Errors a user can act on (disk or database full, locked, read-only,
damaged, cannot open) are raised as `StoreError` with a one-line message, which the `dyad`
commands print instead of a traceback.
"""
from __future__ import annotations

import re
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, mentions, merged events", [
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            input TEXT NOT NULL,
            url TEXT,
            source TEXT,
            title TEXT,
            outlet TEXT,
            language TEXT,
            published TEXT,
            published_partial TEXT,
            text TEXT NOT NULL,
            raw TEXT,
            removed TEXT,
            reprint_of INTEGER,
            ingested_at TEXT
        )""",
        "CREATE INDEX articles_input ON articles(input)",
        "CREATE INDEX articles_url ON articles(url)",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            input TEXT NOT NULL,
            error TEXT NOT NULL,
            seen_at TEXT,
            UNIQUE(input, error)
        )""",
        """CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,
            bucket TEXT NOT NULL,
            article_id INTEGER NOT NULL
        )""",
        "CREATE INDEX minhash_lookup ON minhash_bands(band, bucket)",
        "CREATE INDEX minhash_article ON minhash_bands(article_id)",
        """CREATE TABLE article_signatures (
            article_id INTEGER PRIMARY KEY,
            signature TEXT NOT NULL
        )""",
        """CREATE TABLE actor_mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL,
            start_off INTEGER NOT NULL,
            end_off INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            name TEXT,
            kind TEXT,
            country TEXT,
            wikidata TEXT,
            sector TEXT,
            role TEXT,
            via TEXT
        )""",
        "CREATE INDEX actor_mentions_article ON actor_mentions(article_id)",
        "CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            date TEXT,
            block_date TEXT,
            family TEXT NOT NULL,
            pair_key TEXT NOT NULL,
            cameo TEXT NOT NULL,
            plover TEXT NOT NULL,
            mode TEXT,
            type TEXT NOT NULL,
            goldstein REAL,
            quad_class INTEGER,
            modality TEXT NOT NULL,
            source_id TEXT, source_name TEXT, source_country TEXT, source_wikidata TEXT, source_sector TEXT,
            target_id TEXT, target_name TEXT, target_country TEXT, target_wikidata TEXT, target_sector TEXT,
            location_name TEXT, location_country TEXT,
            confidence REAL,
            num_mentions INTEGER NOT NULL DEFAULT 0,
            num_articles INTEGER NOT NULL DEFAULT 0,
            num_sources INTEGER NOT NULL DEFAULT 0,
            languages TEXT,
            first_seen TEXT,
            signature TEXT
        )""",
        "CREATE INDEX events_block ON events(family, pair_key, modality, block_date)",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_source_country ON events(source_country)",
        "CREATE INDEX events_target_country ON events(target_country)",
        """CREATE TABLE event_mentions (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL,
            article_id INTEGER NOT NULL,
            language TEXT,
            date TEXT,
            cameo TEXT, plover TEXT, mode TEXT, type TEXT, goldstein REAL, quad_class INTEGER,
            modality TEXT,
            source_id TEXT, source_name TEXT, source_country TEXT, source_text TEXT,
            source_start INTEGER, source_end INTEGER,
            target_id TEXT, target_name TEXT, target_country TEXT, target_text TEXT,
            target_start INTEGER, target_end INTEGER,
            location_name TEXT, location_country TEXT,
            confidence REAL,
            evidence TEXT,
            evidence_start INTEGER, evidence_end INTEGER,
            trigger_start INTEGER, trigger_end INTEGER,
            rule TEXT, coder TEXT,
            block_date TEXT,
            partial TEXT
        )""",
        "CREATE INDEX event_mentions_event ON event_mentions(event_id)",
        "CREATE INDEX event_mentions_article ON event_mentions(article_id)",
    ]),
    (2, "story clusters", [
        """CREATE TABLE article_embeddings (
            article_id INTEGER PRIMARY KEY,
            vector TEXT NOT NULL
        )""",
        """CREATE TABLE story_articles (
            story_id INTEGER NOT NULL,
            article_id INTEGER NOT NULL PRIMARY KEY
        )""",
        "CREATE INDEX story_articles_story ON story_articles(story_id)",
    ]),
    (3, "every kind of event: places with coordinates, counts, coders, PLOVER context", [
        "ALTER TABLE event_mentions ADD COLUMN location_id TEXT",
        "ALTER TABLE event_mentions ADD COLUMN location_lat REAL",
        "ALTER TABLE event_mentions ADD COLUMN location_lon REAL",
        "ALTER TABLE event_mentions ADD COLUMN counts TEXT",
        "ALTER TABLE event_mentions ADD COLUMN coders TEXT",
        "ALTER TABLE event_mentions ADD COLUMN context TEXT",
        "ALTER TABLE events ADD COLUMN location_id TEXT",
        "ALTER TABLE events ADD COLUMN location_lat REAL",
        "ALTER TABLE events ADD COLUMN location_lon REAL",
        "ALTER TABLE events ADD COLUMN killed INTEGER",
        "ALTER TABLE events ADD COLUMN wounded INTEGER",
        "ALTER TABLE events ADD COLUMN arrested INTEGER",
        "ALTER TABLE events ADD COLUMN size INTEGER",
        "ALTER TABLE events ADD COLUMN released INTEGER",
        "ALTER TABLE events ADD COLUMN coders TEXT",
        "ALTER TABLE events ADD COLUMN context TEXT",
    ]),
    (4, "web: API keys salted, scoped and revocable; indexes for the pages the API serves", [
        "CREATE TABLE IF NOT EXISTS api_keys (key_hash TEXT PRIMARY KEY, name TEXT, created_at TEXT)",
        """CREATE TABLE auth_keys (
            id TEXT PRIMARY KEY,
            salt TEXT NOT NULL,
            hash TEXT NOT NULL,
            scope TEXT NOT NULL,
            name TEXT,
            created_at TEXT,
            revoked_at TEXT
        )""",
        # keys made before salts: unsalted SHA-256, kept (as write keys) until revoked
        "INSERT INTO auth_keys (id, salt, hash, scope, name, created_at) SELECT 'legacy-' || SUBSTR(key_hash, 1, 10), "
        "'', key_hash, 'write', name, created_at FROM api_keys",
        "DROP TABLE api_keys",
        "CREATE INDEX events_sort_date ON events(modality, (COALESCE(date, block_date, '')), id)",
        "CREATE INDEX events_pair ON events(source_country, target_country)",
    ]),
    (5, "day and month without a year, for reports that give no year and have no date", [
        "ALTER TABLE event_mentions ADD COLUMN month_day TEXT",
        "CREATE INDEX event_mentions_month_day ON event_mentions(month_day)",
    ]),
    (6, "why each mention joined its event (`dyad explain-event`)", [
        "ALTER TABLE event_mentions ADD COLUMN merge_rule TEXT",
    ]),
    (7, "web: indexes fitted to the API's filters and sorts (type, pair, country by date)", [
        "CREATE INDEX events_type_date ON events(modality, type, (COALESCE(date, block_date, '')), id)",
        "CREATE INDEX events_pair_date ON events(modality, source_country, target_country, "
        "(COALESCE(date, block_date, '')), id)",
        "CREATE INDEX events_target_date ON events(modality, target_country, (COALESCE(date, block_date, '')), id)",
    ]),
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(evidence, content='event_mentions', content_rowid='id', tokenize='unicode61')",
]


class StoreError(click.ClickException):
    """A database error the user can act on, with a message that says what happened;
    a `ClickException`, so the `dyad` commands print the message, not a traceback."""


# SQLite primary result codes (the low byte of extended codes) that a user can act on
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
WRITER_LOCK = 0x6479616400  # PostgreSQL advisory lock key of dyad's writers ("dyad\0")


NO_ID_TABLES = {"article_signatures", "minhash_bands", "article_embeddings", "story_articles", "api_keys"}


class Database:
    """A connection with the dialect's quirks hidden: `?` placeholders everywhere."""

    dialect = "sqlite"
    lock_timeout = 600.0  # seconds a writer waits for another process's transaction
    lock_notice = 2.0     # seconds it waits before saying so on stderr

    def __init__(self, url: str | Path = "dyad.db"):
        self.url = str(url)
        self._told_waiting = False
        try:
            self.conn = self._connect()
        except Exception as e:
            err = self._clear_error(e)
            if err is None:
                raise
            raise err from e
        self.migrate()

    # -- connection -------------------------------------------------------------------
    def _connect(self):
        conn = sqlite3.connect(self.url, timeout=self.lock_timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def _clear_error(self, e: Exception) -> StoreError | None:
        """The error a user can act on that `e` stands for, or None to let `e` through."""
        code = (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF
        if not code:
            return None
        db = f"the database {self.url}"
        msg = {
            SQLITE_FULL: f"{db} is full: no space is left on its disk, or it reached its size limit",
            SQLITE_BUSY: f"{db} is locked: another process has been writing to it for more than "
                         f"{self.lock_timeout:.0f} s",
            SQLITE_READONLY: f"{db} is read-only: check the permissions of the file and of its folder",
            SQLITE_CORRUPT: f"{db} is damaged (`sqlite3 {self.url} .recover` may save its rows)",
            SQLITE_NOTADB: f"{self.url} is not a SQLite database",
            SQLITE_CANTOPEN: f"{db} cannot be opened: its folder is missing or not writable",
            SQLITE_IOERR: f"{db} could not be read or written (I/O error)",
        }.get(SQLITE_BUSY if code == SQLITE_LOCKED else code)
        return StoreError(f"{msg} (SQLite: {e})") if msg else None

    def _exec(self, q: str, params=()):
        try:
            return self.conn.execute(q, params)
        except Exception as e:
            err = self._clear_error(e)
            if err is None:
                raise
            raise err from e

    def _waiting(self) -> None:
        if not getattr(self, "_told_waiting", False):
            self._told_waiting = True
            where = re.sub(r"//[^@/]*@", "//", self.url)  # never print a password
            print(f"dyad: another process is writing to {where}; waiting for it (up to "
                  f"{self.lock_timeout:.0f} s) ...", file=sys.stderr, flush=True)

    def sql(self, q: str) -> str:
        return q

    def execute(self, q: str, params=()):
        return self._exec(self.sql(q), params)

    def query(self, q: str, params=()) -> list[dict]:
        cur = self.execute(q, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def scalar(self, q: str, params=()):
        # the cursor is closed at once: a statement left open keeps a read snapshot, and a
        # writer holding a stale snapshot gets SQLITE_BUSY at once, without waiting
        cur = self.execute(q, params)
        try:
            row = cur.fetchone()
        finally:
            cur.close()
        return None if row is None else row[0]

    def insert(self, table: str, row: dict) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        return cur.lastrowid

    def begin(self):
        """Start a write transaction, holding the writer's lock: wait for another
        process's transaction, saying so once if that takes more than `lock_notice`."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(self.lock_notice * 1000)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as e:
            if (e.sqlite_errorcode & 0xFF) not in (SQLITE_BUSY, SQLITE_LOCKED):
                err = self._clear_error(e)
                if err is None:
                    raise
                raise err from e
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")
        self._waiting()
        self.execute("BEGIN IMMEDIATE")

    @contextmanager
    def snapshot(self):
        """Reads that see one state of the database: an event's mention count and its
        mentions agree even while another process writes."""
        self._exec(self.READ_SNAPSHOT)
        try:
            yield self
        finally:
            self._exec("ROLLBACK")

    READ_SNAPSHOT = "BEGIN"  # deferred: WAL gives the transaction one snapshot from its first read

    def commit(self):
        self.execute("COMMIT")

    def rollback(self):
        try:
            self.execute("ROLLBACK")
        except Exception:
            pass

    def close(self):
        self.conn.close()

    # -- schema -----------------------------------------------------------------------
    def has_table(self, name: str) -> bool:
        return bool(self.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def migrate(self) -> None:
        # each step is checked again under the writer's lock: another process opening the
        # same new database may have done it meanwhile
        if not self.has_table("schema_migrations"):
            self._locked("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT)")
        done = {r["version"] for r in self.query("SELECT version FROM schema_migrations")}
        for version, name, stmts in MIGRATIONS:
            if version in done:
                continue
            self.begin()
            try:
                if not self.scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", (version,)):
                    for s in stmts:
                        self.execute(self.ddl(s))
                    self.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
                self.commit()
            except Exception:
                self.rollback()
                raise
        self.create_search_index()

    def _locked(self, *stmts: str) -> None:
        """Run DDL statements in one transaction under the writer's lock."""
        self.begin()
        try:
            for s in stmts:
                self.execute(s)
            self.commit()
        except Exception:
            self.rollback()
            raise

    def ddl(self, s: str) -> str:
        return s

    def create_search_index(self) -> None:
        for s in SQLITE_FTS:
            self.execute(s)

    def index_evidence(self, mention_id: int, text: str) -> None:
        self.execute("INSERT INTO evidence_fts(rowid, evidence) VALUES (?, ?)", (mention_id, text))

    def unindex_evidence(self, mention_id: int, text: str) -> None:
        self.execute("INSERT INTO evidence_fts(evidence_fts, rowid, evidence) VALUES ('delete', ?, ?)",
                     (mention_id, text))

    def search_clause(self) -> str:
        """SQL selecting event ids whose evidence matches the search parameter."""
        return "SELECT em.event_id FROM evidence_fts f JOIN event_mentions em ON em.id = f.rowid WHERE evidence_fts MATCH ?"

    def search_param(self, q: str) -> str:
        # quote each term: user text is not FTS syntax
        terms = [t for t in re.split(r"\s+", q.strip()) if t]
        return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


class PostgresDatabase(Database):
    dialect = "postgresql"

    def _connect(self):
        import psycopg
        from psycopg.rows import dict_row

        conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row)
        return conn

    def sql(self, q: str) -> str:
        return q.replace("?", "%s")

    def _clear_error(self, e: Exception) -> StoreError | None:
        state = getattr(e, "sqlstate", None) or ""
        db = "the PostgreSQL database"
        msg = {
            "53100": f"{db} is full: no space is left on the server's disk",
            "55P03": f"{db} is locked: another process has been writing to it for more than "
                     f"{self.lock_timeout:.0f} s",
            "25006": f"{db} is read-only (a standby, or default_transaction_read_only)",
        }.get(state)
        return StoreError(f"{msg} (PostgreSQL: {str(e).strip()})") if msg else None

    def has_table(self, name: str) -> bool:
        return bool(self.scalar("SELECT to_regclass(?) IS NOT NULL", (name,)))

    def query(self, q: str, params=()) -> list[dict]:
        cur = self._exec(self.sql(q), params)
        return list(cur.fetchall()) if cur.description else []

    def scalar(self, q: str, params=()):
        row = self._exec(self.sql(q), params).fetchone()
        return None if row is None else next(iter(row.values()))

    def insert(self, table: str, row: dict) -> int:
        cols = ", ".join(row)
        marks = ", ".join("%s" for _ in row)
        if table in NO_ID_TABLES:
            self._exec(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
            return 0
        cur = self._exec(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id", tuple(row.values()))
        return cur.fetchone()["id"]

    READ_SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"

    def begin(self):
        """Start a transaction holding dyad's writer lock (an advisory lock released at
        COMMIT or ROLLBACK, or when a killed writer's connection drops): writers take turns
        as on SQLite, so merging sees every earlier article."""
        self._exec("BEGIN")
        if not self.scalar("SELECT pg_try_advisory_xact_lock(?)", (WRITER_LOCK,)):
            self._waiting()
            self._exec(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
            self.scalar("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))

    def ddl(self, s: str) -> str:
        s = s.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
        s = s.replace("article_id BIGSERIAL PRIMARY KEY", "article_id BIGINT PRIMARY KEY")
        s = s.replace("version BIGSERIAL PRIMARY KEY", "version INTEGER PRIMARY KEY")
        s = s.replace(" REAL", " DOUBLE PRECISION")
        return s

    def create_search_index(self) -> None:
        if not self.has_table("event_mentions_fts"):  # to_regclass finds indexes too
            self._locked("CREATE INDEX IF NOT EXISTS event_mentions_fts ON event_mentions "
                         "USING GIN (to_tsvector('simple', coalesce(evidence, '')))")

    def index_evidence(self, mention_id: int, text: str) -> None:
        pass  # the GIN expression index follows the table

    def unindex_evidence(self, mention_id: int, text: str) -> None:
        pass

    def search_clause(self) -> str:
        return ("SELECT em.event_id FROM event_mentions em WHERE to_tsvector('simple', coalesce(em.evidence, '')) "
                "@@ plainto_tsquery('simple', ?)")

    def search_param(self, q: str) -> str:
        return q


def connect(url: str | Path = "dyad.db") -> Database:
    s = str(url)
    if s.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(s)
    if s.startswith("sqlite:///"):
        s = s[len("sqlite:///"):]
    return Database(s)
