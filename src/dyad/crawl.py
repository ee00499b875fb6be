"""Crawl inputs: HTML pages, WARC files and RSS/Atom feeds, turned into `Doc`s.

Every reader here ends in `doc_from_html` or a feed item, so the pipeline downstream sees
the same document type whatever the source. The cascade for an HTML page:

1. main text, title and site name by trafilatura (boilerplate, navigation and comments
   are left out; headings and paragraphs kept, one paragraph per block);
2. publication date by htmldate through trafilatura, the *original* date from the
   page's markup only (`extensive_search` off: a date found in running text or the fetch
   time is a guess, and dyad never guesses a publication date);
3. failing 2, the date the feed item gave (for pages reached from a feed);
4. the language is left to dyad's own detector (a page's `lang` attribute is often the
   CMS default, not the article's language).

WARC records are streamed (warcio): only `response` records with an HTML payload are
read; the URL and fetch date come from the record headers. A truncated record (its block
shorter than its Content-Length) or an unreadable one becomes an error `Doc` naming the
file and offset, reading resumes at the next record, and the batch goes on.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .doc import Doc

HTML_TYPES = ("text/html", "application/xhtml")
MIN_TEXT = 40  # characters: a headline with one sentence is an article, a menu is not


@dataclass
class CrawlFilter:
    """Filters applied on the way in (news-please's language, host and date filters).

    `hosts` match a URL's host or any subdomain of it; the date range applies to the
    publication date, or to the fetch date when the page gives none."""
    languages: set[str] | None = None
    hosts: list[str] | None = None
    since: str | None = None
    until: str | None = None

    def active(self) -> bool:
        return bool(self.languages or self.hosts or self.since or self.until)

    def host_ok(self, url: str | None) -> bool:
        if not self.hosts:
            return True
        host = (urlsplit(url or "").hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def doc_ok(self, doc: Doc) -> bool:
        if doc.error:
            return True  # an error is always reported
        if self.languages:
            from .langid import detect

            if detect(doc.raw) not in self.languages:
                return False
        day = doc.meta.get("given_published") or (doc.meta.get("fetched") or "")[:10] or None
        if (self.since or self.until) and not day:
            return False
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        return True


@dataclass
class CrawlStats:
    records: int = 0
    html: int = 0
    skipped: int = 0      # not a response, or not HTML
    filtered: int = 0
    corrupt: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"crawl input: {self.records} records, {self.html} HTML pages, {self.skipped} skipped "
                f"(not HTML responses), {self.filtered} filtered out, {self.corrupt} corrupt")


def _paragraphs(text: str) -> str:
    # trafilatura separates blocks with one newline; dyad's text files use blank lines
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def doc_from_html(data: bytes | str, label: str, url: str | None = None, fetched: str | None = None,
                  published: str | None = None) -> Doc:
    """One HTML page to a `Doc` whose raw text is the headline and the article body."""
    from trafilatura import bare_extraction

    try:
        ex = bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=False,
                             date_extraction_params={"original_date": True, "extensive_search": False})
    except Exception as e:  # a page lxml cannot parse is one bad input, not a crash
        return Doc(input=label, error=f"{label}: cannot parse HTML: {type(e).__name__}: {e}")
    text = (getattr(ex, "text", None) or "").strip() if ex is not None else ""
    if len(text) < MIN_TEXT:
        # what is left of a page without an article is a menu item or a caption
        return Doc(input=label, error=f"{label}: no article text found in the HTML page"
                                      + (f" (only {len(text)} characters)" if text else ""))
    title = (ex.title or "").strip()
    body = _paragraphs(text)
    raw = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    doc = Doc(input=label, raw=raw)
    doc.url = url or ex.url
    doc.outlet = ex.sitename or None
    doc.meta["given_title"] = title or None
    doc.meta["given_published"] = ex.date or published
    doc.meta["fetched"] = fetched
    doc.meta["source_format"] = "html"
    return doc


def read_html_file(path: Path, label: str) -> Doc:
    from .readers import read_bytes

    data = read_bytes(path, label)
    if isinstance(data, Doc):
        return data
    err = _binary(data, label)
    return Doc(input=label, error=err) if err else doc_from_html(data, label)


def _binary(data: bytes, label: str) -> str | None:
    """An error for bytes that are no markup: NUL bytes (outside UTF-16) in the first
    block, or mostly control characters (random bytes parse as HTML "text" otherwise)."""
    from .readers import SNIFF, sniff_utf16

    head = data[:SNIFF]
    if sniff_utf16(head):
        return None
    if b"\x00" in head:
        return f"{label}: binary file (contains NUL bytes), not HTML"
    bad = sum(1 for c in head if c < 32 and c not in b"\r\n\t\f\v")
    if bad > max(5, len(head) // 50):
        return f"{label}: binary file (control characters), not HTML"
    return None


# --- WARC ---------------------------------------------------------------------------

def _resync(data_path: Path, after: int, gz: bool) -> int | None:
    """Offset of the next record start after `after` (a gzip member or a WARC/1. line)."""
    marker = b"\x1f\x8b\x08" if gz else b"WARC/1."
    with open(data_path, "rb") as f:
        f.seek(after)
        pos = after
        tail = b""
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                return None
            buf = tail + chunk
            i = buf.find(marker)
            if i >= 0:
                return pos - len(tail) + i
            tail = buf[-(len(marker) - 1):]
            pos += len(chunk)


def iter_warc(path: Path, label: str, filters: CrawlFilter | None = None,
              stats: CrawlStats | None = None, start: int = 0, stop: int | None = None) -> Iterator[Doc]:
    """Stream the HTML responses of a WARC or WARC.gz file as `Doc`s: the records that
    start in [start, stop) when a partition of the file is given."""
    from warcio.archiveiterator import ArchiveIterator

    stats = stats if stats is not None else CrawlStats()
    gz = path.name.lower().endswith(".gz")
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
        return
    size = min(size, stop) if stop is not None else size
    if size == 0 and start == 0:
        yield Doc(input=label, error=f"{label}: empty file")
        return
    while start is not None and start < size:
        end = start
        with open(path, "rb") as f:
            f.seek(start)
            it = ArchiveIterator(f)
            try:
                for rec in it:
                    # the payload first: asking warcio for the offset reads the record to its end
                    payload = _html_payload(rec, filters)
                    missing = rec.raw_stream.limit if payload is not None else 0
                    offset = it.get_record_offset()  # absolute: warcio reads the file's position
                    if offset >= size:
                        end = offset
                        break
                    stats.records += 1
                    doc = _record_doc(rec, payload, missing, label, offset, filters, stats)
                    end = offset + it.get_record_length()
                    if doc is not None:
                        yield doc
                failure = None if end >= size else f"{size - end} bytes after the last complete record"
            except Exception as e:  # unreadable headers or a broken gzip member
                detail = "".join(c if c.isprintable() else "?" for c in str(e)[:80])
                failure = f"{type(e).__name__}: {detail}"
        if failure is None:
            return
        stats.corrupt += 1
        msg = f"{label}: corrupt or truncated WARC record at offset {end} ({failure}); skipped"
        stats.errors.append(msg)
        yield Doc(input=f"{label}@{end}", error=msg)
        start = _resync(path, end + 1, gz)


def _is_html_response(rec) -> bool:
    if rec.rec_type != "response" or not rec.http_headers:
        return False
    return (rec.http_headers.get_header("Content-Type") or "").lower().startswith(HTML_TYPES)


def _html_payload(rec, filters: CrawlFilter | None) -> bytes | None:
    """The HTTP body of an HTML response that passes the host filter, else None; at most
    `max_bytes` + 1 bytes of it (a gzip-encoded body is decoded as it is read: a bomb
    stops there, and `_record_doc` reports it)."""
    if not _is_html_response(rec):
        return None
    if filters and not filters.host_ok(rec.rec_headers.get_header("WARC-Target-URI")):
        return None
    from . import limits

    max_bytes = limits.current().max_bytes
    stream = rec.content_stream()
    return stream.read(max_bytes + 1) if max_bytes else stream.read()


def _record_doc(rec, payload: bytes | None, missing: int, label: str, offset: int,
                filters: CrawlFilter | None, stats: CrawlStats) -> Doc | None:
    url = rec.rec_headers.get_header("WARC-Target-URI")
    if not _is_html_response(rec):
        stats.skipped += 1
        return None
    if payload is None:
        stats.filtered += 1
        return None
    from . import limits

    max_bytes = limits.current().max_bytes
    if max_bytes and len(payload) > max_bytes:
        stats.corrupt += 1
        msg = (f"{label}: WARC record at offset {offset} ({url}): page larger than the "
               f"{limits.current().describe_bytes()} limit (decoded); skipped (raise it with DYAD_MAX_BYTES)")
        stats.errors.append(msg)
        return Doc(input=url or f"{label}@{offset}", error=msg)
    if missing > 0:
        # the block is shorter than the record's Content-Length: the file was cut here
        stats.corrupt += 1
        msg = f"{label}: truncated WARC record at offset {offset} ({url}): {missing} bytes missing; skipped"
        stats.errors.append(msg)
        return Doc(input=url or f"{label}@{offset}", error=msg)
    stats.html += 1
    fetched = rec.rec_headers.get_header("WARC-Date")
    doc = doc_from_html(payload, url or f"{label}@{offset}", url=url, fetched=fetched)
    doc.meta["warc"] = f"{label}@{offset}"
    if filters and filters.active() and not filters.doc_ok(doc):
        stats.filtered += 1
        stats.html -= 1
        return None
    return doc


# --- feeds --------------------------------------------------------------------------

def _item_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
    return None


def _html_text(fragment: str) -> str:
    if not fragment or "<" not in fragment:
        return fragment or ""
    import lxml.html

    try:
        root = lxml.html.fromstring(fragment)
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    blocks = [b.text_content().strip() for b in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else root.text_content().strip()


def feed_items(data: bytes, label: str) -> tuple[list[dict], str | None]:
    """A feed's items as dicts (link, title, published, text), and an error if unreadable."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        return [], f"{label}: not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
    items = []
    for n, e in enumerate(parsed.entries, 1):
        content = ""
        if e.get("content"):
            content = e["content"][0].get("value", "")
        content = content or e.get("summary", "")
        items.append({"n": n, "link": e.get("link"), "title": (e.get("title") or "").strip(),
                      "published": _item_date(e), "text": _html_text(content).strip(),
                      "feed": parsed.feed.get("title")})
    return items, None


def doc_from_item(item: dict, label: str) -> Doc:
    name = item["link"] or f"{label}#{item['n']}"
    parts = [p for p in (item["title"], item["text"]) if p]
    if not parts:
        return Doc(input=name, error=f"{name}: feed item without title or text")
    doc = Doc(input=name, raw="\n\n".join(parts))
    doc.url = item["link"]
    doc.outlet = item.get("feed")
    doc.meta["given_title"] = item["title"] or None
    doc.meta["given_published"] = item["published"]
    doc.meta["source_format"] = "feed"
    return doc


def read_feed_file(path: Path, label: str, filters: CrawlFilter | None = None) -> Iterator[Doc]:
    from .readers import read_bytes

    data = read_bytes(path, label)
    if isinstance(data, Doc):
        yield data
        return
    items, err = feed_items(data, label)
    if err:
        yield Doc(input=label, error=err)
        return
    for item in items:
        if filters and not filters.host_ok(item["link"]):
            continue
        doc = doc_from_item(item, label)
        if filters and filters.active() and not filters.doc_ok(doc):
            continue
        yield doc


def _sniff_feed(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(2048).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_crawl_file(path: Path, label: str, filters: CrawlFilter | None = None,
                    stats: CrawlStats | None = None) -> Iterator[Doc]:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        yield from iter_warc(path, label, filters, stats)
    elif name.endswith((".rss", ".atom")) or (name.endswith(".xml") and _sniff_feed(path)):
        yield from read_feed_file(path, label, filters)
    elif name.endswith(".xml"):
        yield Doc(input=label, error=f"{label}: XML file that is neither RSS nor Atom")
    else:
        doc = read_html_file(path, label)
        if filters is None or not filters.active() or (filters.host_ok(doc.url) if doc.url else True) \
                and filters.doc_ok(doc):
            yield doc


def warc_record_offsets(path: Path) -> list[int]:
    """Offsets of the records of a WARC file, for partitioning one file across workers
    (headers only are parsed; a corrupt tail ends the list and is reported by the reader)."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(path, "rb") as f:
        it = ArchiveIterator(f, no_record_parse=True)
        try:
            for _ in it:
                out.append(it.get_record_offset())
        except Exception:
            pass
    return out


__all__ = ["CrawlFilter", "CrawlStats", "doc_from_html", "iter_warc", "feed_items", "doc_from_item",
           "read_crawl_file", "read_feed_file", "read_html_file"]
