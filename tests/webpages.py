"""Build HTML pages, WARC files and feeds from the plain-text sample articles, so the
crawl readers are tested on real article text in the shapes crawlers produce."""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")


def split_article(text: str) -> tuple[str | None, str, list[str]]:
    """(publication date, title, paragraphs) of a text article with a ` date` header."""
    lines = [ln.strip() for ln in text.splitlines()]
    date = None
    while lines and not lines[0]:
        lines.pop(0)
    m = DATE_LINE.match(lines[0]) if lines else None
    if m:
        # the crawler's date prefix, alone on its line or before the headline
        date = m.group(1)
        lines[0] = lines[0][m.end():].strip()
    while lines and not lines[0]:
        lines.pop(0)
    title = lines.pop(0) if lines else ""
    paras = [ln for ln in lines if ln]
    return date, title, paras


def article_html(text: str, site: str = "Example News") -> str:
    """A news page as a CMS renders it: navigation, the article, a sidebar and a footer."""
    date, title, paras = split_article(text)
    # a page updated later keeps its original date: dyad must take the published one
    meta = (f'<meta property="article:published_time" content="{date}T08:00:00+00:00">'
            '<meta property="article:modified_time" content="2026-11-01T00:00:00+00:00">') if date and len(date) == 10 else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)} | {site}</title>
<meta property="og:site_name" content="{site}">{meta}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Celebrity wedding photos</a></li><li><a href="/b">Weather this weekend</a></li></ul></aside>
<footer><p>We use cookies to improve your experience. Accept all cookies.</p><p>© {site}</p></footer>
</body></html>"""


def write_warc(path: Path, pages: list[tuple[str, str]], truncate_last: bool = False, extra: bool = True) -> None:
    """A gzipped WARC of (url, html) responses, with a request and a non-HTML response
    between them as real crawls have; `truncate_last` cuts the last record short."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, (url, page) in enumerate(pages):
        if extra and i == 1:
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                       http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")],
                                                                     is_http_request=True))
            w.write_record(req)
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url + ".png", "response", payload=io.BytesIO(b"\x89PNG...."),
                                                http_headers=img))
        data = page.encode("utf-8")
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = w.create_warc_record(url, "response", payload=io.BytesIO(data), http_headers=hh,
                                   warc_headers_dict={"WARC-Date": "2026-11-20T10:00:00Z"})
        w.write_record(rec)
    data = buf.getvalue()
    if truncate_last:
        data = data[:-40]
    path.write_bytes(data)
