"""Storage: one interface over SQLite (default) and PostgreSQL (for teams).

SQL is written once with `?` placeholders and portable types; the PostgreSQL backend
rewrites placeholders and a few type names. Schema changes are numbered migrations
recorded in `schema_migrations`, applied on open. SQLite runs in WAL mode with one
writer; every article is stored in its own transaction, so a killed run loses nothing
that was committed and the next run resumes where it stopped.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

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
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(evidence, content='event_mentions', content_rowid='id', tokenize='unicode61')",
]


NO_ID_TABLES = {"article_signatures", "minhash_bands", "article_embeddings", "story_articles", "api_keys"}


class Database:
    """A connection with the dialect's quirks hidden: `?` placeholders everywhere."""

    dialect = "sqlite"

    def __init__(self, url: str | Path = "dyad.db"):
        self.url = str(url)
        self.conn = self._connect()
        self.migrate()

    # -- connection -------------------------------------------------------------------
    def _connect(self):
        conn = sqlite3.connect(self.url, timeout=60, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def sql(self, q: str) -> str:
        return q

    def execute(self, q: str, params=()):
        return self.conn.execute(self.sql(q), params)

    def query(self, q: str, params=()) -> list[dict]:
        cur = self.execute(q, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def scalar(self, q: str, params=()):
        row = self.execute(q, params).fetchone()
        return None if row is None else row[0]

    def insert(self, table: str, row: dict) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
        return cur.lastrowid

    def begin(self):
        self.execute("BEGIN IMMEDIATE")

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
    def migrate(self) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT)")
        done = {r["version"] for r in self.query("SELECT version FROM schema_migrations")}
        for version, name, stmts in MIGRATIONS:
            if version in done:
                continue
            self.begin()
            try:
                for s in stmts:
                    self.execute(self.ddl(s))
                self.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (version, name))
                self.commit()
            except Exception:
                self.rollback()
                raise
        self.create_search_index()

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

    def query(self, q: str, params=()) -> list[dict]:
        cur = self.conn.execute(self.sql(q), params)
        return list(cur.fetchall()) if cur.description else []

    def scalar(self, q: str, params=()):
        row = self.conn.execute(self.sql(q), params).fetchone()
        return None if row is None else next(iter(row.values()))

    def insert(self, table: str, row: dict) -> int:
        cols = ", ".join(row)
        marks = ", ".join("%s" for _ in row)
        if table in NO_ID_TABLES:
            self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))
            return 0
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}) RETURNING id", tuple(row.values()))
        return cur.fetchone()["id"]

    def begin(self):
        self.conn.execute("BEGIN")

    def ddl(self, s: str) -> str:
        s = s.replace("INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY")
        s = s.replace("article_id BIGSERIAL PRIMARY KEY", "article_id BIGINT PRIMARY KEY")
        s = s.replace("version BIGSERIAL PRIMARY KEY", "version INTEGER PRIMARY KEY")
        s = s.replace(" REAL", " DOUBLE PRECISION")
        return s

    def migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT)")
        super().migrate()

    def create_search_index(self) -> None:
        self.conn.execute("CREATE INDEX IF NOT EXISTS event_mentions_fts ON event_mentions "
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
