"""`dyad watch` against a local HTTP server on 127.0.0.1: feed items are fetched politely
(robots.txt, retries on a server error) and stored once."""
import http.server
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.store import connect
from dyad.watch import PoliteClient, parse_interval
from webpages import article_html

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "articles"
needs_shared = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev is not beside the clone")


class Site:
    def __init__(self, pages: dict[str, tuple[int, bytes, str]]):
        self.pages = pages
        self.hits: list[str] = []
        self.fail_once = {"/flaky.html"}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.hits.append(self.path)
                if self.path in site.fail_once:
                    site.fail_once.discard(self.path)
                    self.send_response(503)
                    self.end_headers()
                    return
                status, body, ctype = site.pages.get(self.path, (404, b"not found", "text/plain"))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def _feed(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{base}{path}</link><pubDate>{d}</pubDate>"
                      f"<description>{t}.</description></item>" for path, t, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>{entries}</channel></rss>'.encode()


@needs_shared
def test_watch_fetches_new_items_politely_and_only_once(tmp_path):
    html = "text/html; charset=utf-8"
    site = Site({})
    items = [("/a.html", "Xi and Putin video call", "Wed, 04 Feb 2026 10:00:00 +0000"),
             ("/flaky.html", "Xi speaks to Trump", "Wed, 04 Feb 2026 12:00:00 +0000"),
             ("/private/b.html", "Putin accepts invitation to visit China", "Wed, 04 Feb 2026 13:00:00 +0000")]
    site.pages.update({
        "/robots.txt": (200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/feed.xml": (200, _feed(site.base, items), "application/rss+xml"),
        "/a.html": (200, article_html((DEV / "003_ar.txt").read_text(encoding="utf-8")).encode(), html),
        "/flaky.html": (200, article_html((DEV / "002_en.txt").read_text(encoding="utf-8")).encode(), html),
        "/private/b.html": (200, article_html((DEV / "005_ar.txt").read_text(encoding="utf-8")).encode(), html),
    })
    try:
        db = str(tmp_path / "w.db")
        args = ["watch", site.base + "/feed.xml", "--db", db, "--once", "--delay", "0.05", "--retries", "2"]
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0, res.output
        assert "pages fetched: 2" in res.stdout and "stored from the feed text: 1" in res.stdout
        assert "/private/b.html" not in site.hits            # robots.txt forbids it
        assert site.hits.count("/flaky.html") == 2            # a 503, then a retry
        database = connect(db)
        rows = {r["url"]: r for r in database.query("SELECT url, input, language, published FROM articles")}
        assert rows[site.base + "/a.html"]["language"] == "ar"
        assert rows[site.base + "/a.html"]["published"] == "2026-02-04"
        assert rows[site.base + "/private/b.html"]["input"].startswith("feed:")  # kept from the feed text
        assert database.scalar("SELECT COUNT(*) FROM events") > 0
        database.close()

        hits = len(site.hits)
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 0 and "2 already stored" in res.stdout
        assert [h for h in site.hits[hits:] if h.endswith(".html") and "private" not in h] == []
    finally:
        site.close()


def test_client_gives_up_on_a_missing_page_without_retrying(tmp_path):
    site = Site({})
    try:
        client = PoliteClient(retries=3, backoff=0.01, delay=0)
        with pytest.raises(Exception, match="404"):
            client.get(site.base + "/gone.html")
        assert site.hits.count("/gone.html") == 1
        assert client.allowed(site.base + "/anything")  # no robots.txt: nothing forbidden
        client.close()
    finally:
        site.close()


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("1h") == 3600 and parse_interval("30") == 30
    with pytest.raises(ValueError):
        parse_interval("soon")
