"""What a server is told (database, privacy, limits) and what it keeps while it runs."""
from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..store import Database, connect

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 5 * 1024 * 1024   # bytes in one request body (POST /api/ingest)
DEFAULT_RATE_LIMIT = 600             # requests per minute per API key (0: no limit)


def parse_size(value: str | int) -> int:
    """Bytes from 5000000, 5000k, 5M or 1G."""
    if isinstance(value, int):
        return value
    v = str(value).strip().lower().removesuffix("b")
    mult = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}.get(v[-1:], 1)
    return int(float(v[:-1] if mult > 1 else v) * mult)


@dataclass(frozen=True)
class Settings:
    db_url: str = "dyad.db"
    private: bool = False           # reading needs a key too
    max_body: int = DEFAULT_MAX_BODY
    rate_limit: int = DEFAULT_RATE_LIMIT      # per key, per minute
    anon_rate_limit: int = 0        # per client address for requests without a key, per minute

    @classmethod
    def resolve(cls, db_url: str, private: bool | None = None, max_body: int | str | None = None,
                rate_limit: int | None = None, anon_rate_limit: int | None = None) -> "Settings":
        """Arguments first, then DYAD_PRIVATE, DYAD_MAX_BODY, DYAD_RATE_LIMIT and
        DYAD_ANON_RATE_LIMIT, then the defaults."""
        env = os.environ
        return cls(
            db_url=str(db_url),
            private=bool(int(env.get("DYAD_PRIVATE", "0"))) if private is None else private,
            max_body=parse_size(max_body if max_body is not None else env.get("DYAD_MAX_BODY", DEFAULT_MAX_BODY)),
            rate_limit=int(rate_limit if rate_limit is not None else env.get("DYAD_RATE_LIMIT", DEFAULT_RATE_LIMIT)),
            anon_rate_limit=int(anon_rate_limit if anon_rate_limit is not None
                                else env.get("DYAD_ANON_RATE_LIMIT", 0)))


class WebState:
    """One per app: the settings, the templates, the rate limiter and one database
    connection per server thread (sqlite3 connections belong to their thread)."""

    def __init__(self, settings: Settings):
        from .limits import RateLimiter
        from .svg import direction, highlight, path_part, safe_url

        self.settings = settings
        self.templates = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                     autoescape=select_autoescape(["html"], default=True))
        self.templates.globals.update(highlight=highlight, direction=direction)
        self.templates.filters.update(path_part=path_part, safe_url=safe_url)
        self.key_limiter = RateLimiter(settings.rate_limit)
        self.anon_limiter = RateLimiter(settings.anon_rate_limit)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0
        self._watch: sqlite3.Connection | None = None
        self._data_version = None
        self._answers: OrderedDict = OrderedDict()

    # -- answers cached while the database does not change -------------------------------
    CACHE_SIZE = 512          # answers kept
    CACHE_MAX_BYTES = 2_000_000  # larger answers are not kept

    def generation(self, db: Database) -> int | None:
        """A number that changes whenever the database may have changed, or None when it
        cannot be told (PostgreSQL). SQLite's `data_version` changes, for one connection,
        when any other connection commits: one connection kept for watching reads it, so
        each commit moves the number on once (a write through this server calls `changed`)."""
        if db.dialect != "sqlite":
            return None
        with self._lock:
            if self._watch is None:
                # never used for anything but the pragma, so safe to share under the lock
                self._watch = sqlite3.connect(db.url, check_same_thread=False)
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            if version != self._data_version:
                self._data_version = version
                self._generation += 1
                self._answers.clear()
            return self._generation

    def changed(self) -> None:
        with self._lock:
            self._generation += 1
            self._answers.clear()

    def cached(self, key, generation: int | None):
        if generation is None:
            return None
        with self._lock:
            hit = self._answers.get(key)
            if hit is None or hit[0] != generation:
                return None
            self._answers.move_to_end(key)
            return hit[1]

    def keep(self, key, generation: int | None, answer) -> None:
        if generation is None or len(answer.body) > self.CACHE_MAX_BYTES:
            return
        with self._lock:
            if generation != self._generation:
                return
            self._answers[key] = (generation, answer)
            self._answers.move_to_end(key)
            while len(self._answers) > self.CACHE_SIZE:
                self._answers.popitem(last=False)

    def db(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect(self.settings.db_url)
        return db
