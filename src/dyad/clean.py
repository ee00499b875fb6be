"""Cleaning: split off crawler header lines and strip web boilerplate from plain text.

The cascade, in order:
1. the crawler's ` date YYYY-MM(-DD)` prefix on the first line (kept as metadata);
2. bare URL lines and timestamp lines in the header (the timestamp is kept as metadata);
3. section starters ("most viewed", "related", cookie banners) drop the rest of the text;
4. line patterns from every language file (photo credits, "read more", share prompts…):
   they are matched as a union, since cleaning runs before language detection;
5. lines with no letters at all (stray punctuation).
The article body is never rewritten: kept lines are copied verbatim, so evidence offsets
point at what the source said. Removed lines are recorded as spans of the raw text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import resources
from .doc import Doc, Span

CRAWLER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
TIMESTAMP_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
URL_LINE = re.compile(r"^\s*(https?://\S+|www\.\S+)\s*$", re.I)
HAS_LETTER = re.compile(r"[^\W\d_]")

# Patterns that hold for every language: credits and share widgets of common CMSs.
GENERIC_LINE = [
    r"^(photo|foto|фото|صورة|图|圖)\s*[:：]",
    r"^©",
    r"^(share|tweet|whatsapp|facebook|telegram|twitter|x)(\s*[|/·•]\s*(share|tweet|whatsapp|facebook|telegram|twitter|x|email|linkedin))*\s*$",
    r"^#\w+$",
    r"^[^|]{0,40}(\|[^|]{0,40}){2,}$",          # "TODAY'S PAPER | February 04, 2026 | EPAPER"
    r"^([^/.!?]{1,25}/\s*){2,}[^/.!?]{0,25}$",  # breadcrumbs: "Главная / Политика /"
    r"\b\d+\s*min(ute)?s?\s+read\s*$",
    r"^\(combo\)",                               # agency photo captions
    r"\((photo|foto|photos|fotos|image)\s*(by|de|von|:)[^)]*\)\s*$",
]
GENERIC_SECTION: list[str] = []
READ_MORE_HINT = re.compile(r"(:|：)\s*$")


def _compile(patterns: list[str]) -> re.Pattern | None:
    good = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error:
            continue  # a bad pattern in one language file must not break cleaning
        good.append(f"(?:{p})")
    if not good:
        return None
    return re.compile("|".join(good), re.I)


def _trim_wildcards(p: str) -> str:
    p2 = re.sub(r"^\^?\.\*", "", p)
    if p2 != p:
        p2 = re.sub(r"\.\*\$?$", "", p2)
    return p2


class _Union:
    """Patterns anchored at the line start are tried with one `match` (cheap); the rest
    with `search`. A line longer than LONG_LINE is a paragraph of the article, not a
    credit or a prompt, and is not tried at all."""

    def __init__(self, patterns: list[str], long_lines: bool = False):
        self.long_lines = long_lines
        # "^.*foo.*$" and ".*foo" mean "foo anywhere" to a search; written that way they
        # make the regex engine retry from every position (quadratic in the line length)
        patterns = [_trim_wildcards(p) for p in patterns]
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        floating = [p for p in patterns if not p.startswith("^")]
        self.anchored = _compile(anchored)
        self.floating = _compile(floating)

    def search(self, line: str):
        if len(line) > LONG_LINE:
            # a long line is a paragraph; only the few generic patterns (agency photo
            # captions run long) are worth trying on it
            return self.long_lines and _GENERIC.matches(line)
        return self.matches(line)

    def matches(self, line: str) -> bool:
        if self.anchored and self.anchored.match(line):
            return True
        return bool(self.floating and self.floating.search(line))


LONG_LINE = 400
_GENERIC: "_Union"


_GENERIC = _Union(GENERIC_LINE)


@lru_cache(maxsize=None)
def _patterns(script: str | None = None) -> tuple[_Union, _Union]:
    """The boilerplate patterns of every language written in `script` (all when None):
    cleaning runs before language identification, but the script is known already."""
    from .langid import SCRIPT_LANGS

    scripted = {c for langs in SCRIPT_LANGS.values() for c in langs}
    wanted = set(SCRIPT_LANGS.get(script, [])) if script else None
    if script in ("HAN", "KANA"):
        wanted = {"zh", "ja"}
    lines = list(GENERIC_LINE)
    sections = list(GENERIC_SECTION)
    for code in resources.languages():
        if wanted is not None and code not in wanted and code in scripted | {"zh", "ja"} and code != "en":
            continue
        data = resources.lang_data(code)
        lines += data.get("boilerplate", [])
        sections += data.get("boilerplate_sections", [])
    return _Union(lines, long_lines=True), _Union(sections)


def clean(doc: Doc) -> Doc:
    raw = doc.raw.replace("\r\n", "\n").replace("\r", "\n")
    doc.raw = raw
    from .langid import dominant_script

    line_re, section_re = _patterns(dominant_script(raw)[0])
    kept: list[str] = []
    removed: list[Span] = []
    pos = 0
    lines = raw.split("\n")
    n_nonempty = 0
    skip_next_short = False
    seen_lines: set[str] = set()
    for idx, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line
        if idx == 0:
            m = CRAWLER_DATE.match(line)
            if m:
                doc.meta["crawler_date"] = m.group(1)
                removed.append(Span(start, start + m.end(), "crawler-date"))
                body = line[m.end():]
                start += m.end()
        stripped = body.strip()
        if not stripped:
            kept.append("")
            continue
        n_nonempty += 1
        label = None
        if section_re.search(stripped):
            removed.append(Span(start, len(raw), "section"))
            break
        if n_nonempty <= 6 and TIMESTAMP_LINE.match(stripped):
            doc.meta.setdefault("header_timestamp", TIMESTAMP_LINE.match(stripped).group(1))
            label = "timestamp"
        elif n_nonempty <= 6 and URL_LINE.match(stripped):
            doc.meta.setdefault("header_url", stripped)
            label = "url"
        elif line_re.search(stripped):
            label = "boilerplate"
            # "Read more:" announces one linked headline on the next line
            skip_next_short = bool(READ_MORE_HINT.search(stripped))
        elif skip_next_short and len(stripped) < 120 and not stripped.endswith((".", "。", "!", "?")):
            label = "related-link"
            skip_next_short = False
        elif not HAS_LETTER.search(stripped):
            label = "punctuation"
        elif stripped in seen_lines and len(stripped) > 20:
            label = "repeated"  # a caption or teaser printed twice

        else:
            skip_next_short = False
        if label:
            removed.append(Span(start, end, label))
            continue
        seen_lines.add(stripped)
        kept.append(body.rstrip())
    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    doc.text = text
    doc.removed = removed
    return doc
