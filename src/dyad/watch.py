"""`dyad watch`: poll RSS/Atom feeds and ingest their new items.

Each round reads every feed, skips items whose URL is already stored, fetches the linked
pages and stores them through the same path as `dyad ingest` (the pipeline, then one
transaction per article). Fetching is polite:

- one request at a time, at least `delay` seconds between two requests to one host;
- robots.txt honoured for the client's user agent (fetched once per host and round);
- timeouts on every request; retries with exponential backoff on connection errors,
  429 and 5xx (a `Retry-After` header is honoured up to a minute);
- a page that cannot be fetched, or that robots.txt forbids, is stored from the feed
  item's own title and summary, so the item is not lost; a later round that can fetch
  the page replaces it (same URL, new text).
"""
from __future__ import annotations

import re
import time
import urllib.robotparser
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .crawl import doc_from_html, doc_from_item, feed_items
from .doc import Doc
from .ingest import Summary, store_doc
from .store import Database

USER_AGENT = "dyad-watch/0.1 (+https://github.com/dyad-events/dyad; news event coding)"


def parse_interval(text: str) -> float:
    """'15m', '1h', '30s' or a number of seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text or "")
    if not m:
        raise ValueError(f"not an interval: {text!r} (use e.g. 30s, 15m, 1h)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


class PoliteClient:
    """An HTTP client that waits its turn per host, retries with backoff, obeys robots.txt."""

    def __init__(self, user_agent: str = USER_AGENT, timeout: float = 20.0, retries: int = 3,
                 backoff: float = 1.0, delay: float = 1.0):
        import httpx

        self.http = httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent})
        self.user_agent, self.retries, self.backoff, self.delay = user_agent, retries, backoff, delay
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self.http.close()

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def get(self, url: str):
        """The response (status < 400), or raises the last error after the retries."""
        import httpx

        host = urlsplit(url).netloc
        error: Exception | None = None
        for attempt in range(self.retries + 1):
            self._wait(host)
            try:
                r = self.http.get(url)
            except httpx.HTTPError as e:
                error = e
            else:
                if r.status_code < 400:
                    return r
                error = httpx.HTTPStatusError(f"HTTP {r.status_code} for {url}", request=r.request, response=r)
                if r.status_code != 429 and r.status_code < 500:
                    break  # 404, 403: asking again will not help
                after = r.headers.get("Retry-After", "")
                if after.isdigit():
                    time.sleep(min(int(after), 60))
            if attempt < self.retries:
                time.sleep(self.backoff * (2 ** attempt))
        raise error  # type: ignore[misc]

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            rp = urllib.robotparser.RobotFileParser()
            try:
                r = self.get(base + "/robots.txt")
                rp.parse(r.text.splitlines())
            except Exception:
                rp = None  # no robots.txt (404) or unreachable: nothing is forbidden
            self._robots[base] = rp
        rp = self._robots[base]
        return True if rp is None else rp.can_fetch(self.user_agent, url)


@dataclass
class RoundSummary:
    feeds: int = 0
    items: int = 0
    known: int = 0
    fetched: int = 0
    from_feed: int = 0  # stored from the item's own text (robots.txt or fetch failure)

    def line(self) -> str:
        return (f"feeds: {self.feeds}; items: {self.items} ({self.known} already stored); pages fetched: "
                f"{self.fetched}; stored from the feed text: {self.from_feed}")


def _feed_bytes(client: PoliteClient, feed: str) -> bytes:
    if not feed.startswith(("http://", "https://")):
        return Path(feed).read_bytes()
    return client.get(feed).content


def poll_once(feeds: list[str], db: Database, client: PoliteClient, summary: Summary) -> RoundSummary:
    from .pipeline import run

    rs = RoundSummary()
    for feed in feeds:
        try:
            data = _feed_bytes(client, feed)
        except Exception as e:
            store_doc(db, Doc(input=feed, error=f"{feed}: cannot fetch the feed: {e}"), summary)
            continue
        items, err = feed_items(data, feed)
        if err:
            store_doc(db, Doc(input=feed, error=err), summary)
            continue
        rs.feeds += 1
        for item in items:
            rs.items += 1
            link = item["link"]
            # a page stored before is not fetched again; one stored from the feed text is
            if link and db.scalar("SELECT id FROM articles WHERE url = ? AND input NOT LIKE 'feed:%'", (link,)):
                rs.known += 1
                continue
            doc = None
            if link and link.startswith(("http://", "https://")):
                if client.allowed(link):
                    try:
                        r = client.get(link)
                        doc = doc_from_html(r.content, link, url=link, published=item["published"])
                        rs.fetched += 1
                    except Exception as e:
                        doc = None
                        summary.errors.append(f"{link}: cannot fetch the page: {e}; stored from the feed text")
                if doc is not None and doc.error:
                    summary.errors.append(doc.error + "; stored from the feed text")
                    doc = None
            if doc is None:
                doc = doc_from_item(item, feed)
                doc.input = "feed:" + (link or doc.input)
                rs.from_feed += 1
            store_doc(db, run(doc), summary)
    return rs


def watch(feeds: list[str], db: Database, every: float, rounds: int | None = None,
          client: PoliteClient | None = None, echo=print) -> Summary:
    """Poll the feeds every `every` seconds (forever, or `rounds` times)."""
    own = client is None
    client = client or PoliteClient()
    summary = Summary()
    n = 0
    try:
        while rounds is None or n < rounds:
            started = time.monotonic()
            rs = poll_once(feeds, db, client, summary)
            n += 1
            echo(f"round {n}: {rs.line()}; {summary.line(db)}")
            if rounds is not None and n >= rounds:
                break
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        if own:
            client.close()
    return summary
