"""Article metadata: title, outlet and publication date.

Publication date, by the first source that gives one (never today's date, never a guess):
1. `published` given with the input (JSONL field, HTML metadata, feed item);
2. the crawler's ` date YYYY-MM-DD` first-line prefix (` date YYYY-MM` gives only the
   month: `published` stays null and `published_partial` keeps the month);
3. a timestamp line under the title (`2024-04-09 21:15:52`);
4. a full date (day, month, year) in the short header lines above the body
   ("TODAY'S PAPER | February 04, 2026 | EPAPER"), by the rules of `pubdate.header_date`;
5. the date in the URL's path (`/2025/03/04/`).
"""
from __future__ import annotations

import re

from .dates import parse_iso
from .pubdate import from_url, header_date, is_date_line, today_date
from .doc import Doc

# " – RT World News", " | Reuters", " - BBC News": a short site name after a separator
# the title ends in a non-space: a run of spaces is tried from its start only (with `.{12,}?`
# alone, every space of a long run started a scan of the rest of the run: quadratic)
def _plausible(s: str | None) -> bool:
    """A publication date the date arithmetic can work with: years 1000 to 9000 (an input
    that says 0001-01-01 or 9999-12-31 would overflow "a week before" or "next year")."""
    d = parse_iso(s)
    return d is not None and 1000 <= d.year <= 9000


OUTLET_SUFFIX = re.compile(r"^(?P<title>.{11,}?\S)\s++[–—|-]\s+(?P<outlet>[^–—|]{2,40})$")
OUTLET_HINT = re.compile(
    r"(news|times|post|press|agency|tv|\.com|\.ru|\.cn|online|daily|herald|journal|"
    r"guardian|reuters|afp|bbc|cnn|rt|tass|xinhua|sputnik|al ?jazeera|dw|france ?24|"
    r"\b[A-Z]{2,}\b)", re.I)


def split_outlet(title: str) -> tuple[str, str | None]:
    m = OUTLET_SUFFIX.match(title.strip())
    if not m:
        return title.strip(), None
    outlet = m.group("outlet").strip()
    words = outlet.split()
    # A site name is short and looks like one; a dash inside a headline is more common
    if len(words) <= 5 and OUTLET_HINT.search(outlet) and not outlet.endswith((".", "?", "!")):
        return m.group("title").strip(), outlet
    return title.strip(), None


def extract_metadata(doc: Doc) -> Doc:
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    given_title = doc.meta.get("given_title")
    if given_title:
        doc.title, outlet = split_outlet(given_title)
        doc.outlet = outlet or doc.outlet  # a page's site name, when its title has none
    elif lines:
        # a page that opens with its dateline has its headline on the next line
        first_line = next((ln for ln in lines[:3] if not is_date_line(ln.strip(), _langs(doc))), lines[0])
        title, outlet = split_outlet(first_line)
        doc.title = title
        doc.outlet = doc.outlet or outlet
        if outlet:
            # the site name is not article text: cut it from the cleaned text too
            first = doc.text.index(first_line)
            cut = doc.text.index(outlet, first) if outlet in first_line else -1
            if cut > 0:
                head = doc.text[:cut].rstrip(" –—|-")
                doc.text = head + doc.text[first + len(first_line):]
    given = doc.meta.get("given_published")
    if given and _plausible(str(given)[:10]):
        doc.published = str(given)[:10]
        return doc
    crawler = doc.meta.get("crawler_date")
    if crawler and len(crawler) == 10 and _plausible(crawler):
        doc.published = crawler
        return doc
    if doc.meta.get("header_timestamp") and _plausible(doc.meta["header_timestamp"]):
        doc.published = doc.meta["header_timestamp"]
        return doc
    header = _header_lines(doc)
    langs = _langs(doc)
    found = header_date(header, doc.title, langs) or today_date(doc.text[:400], doc.language)
    if crawler and found and not found.startswith(crawler):
        found = None  # the crawler's month is what the page said; a date of another month is not this article's
    # the site's own address outranks the crawler's month: a crawl may reach an old article
    found = found or from_url(doc.url)
    found = found if found and _plausible(found) else None
    doc.published = found
    if not found and crawler:
        doc.published_partial = crawler
    return doc


def _langs(doc: Doc) -> tuple[str, ...]:
    """The languages whose date words a header may use: the article's, and English."""
    return tuple(dict.fromkeys([doc.language or "en", "en"]))


def _header_lines(doc: Doc) -> list[str]:
    """Short lines of the raw text before the first paragraph of the body, and the start
    of that paragraph (a dateline: "19.März 2025 — 09:29 Uhr Erdogan-Gegner ..."); then,
    among the few lines after it, those that are a date alone: pages that open with a
    standfirst print their date under it ("14 Şubat 2024 | 16:06")."""
    langs = _langs(doc)
    out, after = [], None
    for line in doc.raw.split("\n")[:60]:
        s = line.strip()
        if not s:
            continue
        if after is not None:
            if is_date_line(s, langs):
                out.append(s)
            after -= 1
            if after == 0:
                break
            continue
        if len(s) > 120:
            out.append(s[:120])
            after = 3
            continue
        if len(s.split()) == 1 and not any(c.isdigit() for c in s):
            continue  # a menu's items ("TR", "Türkçe", "English" ...) stand above many headers
        out.append(s)
        if len(out) >= 12:
            break
    return out
