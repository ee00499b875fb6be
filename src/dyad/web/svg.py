"""Markup made in Python: highlighted evidence, charts as inline SVG, and the filters that
put untrusted values into URLs. Every value from the database goes through `escape`."""
from __future__ import annotations

import math
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

RTL = {"ar", "fa", "ur", "he", "ps", "yi", "ug", "ckb", "sd"}


def direction(lang: str | None) -> str:
    return "rtl" if (lang or "") in RTL else "ltr"


def path_part(value) -> str:
    """A value as one URL path segment: `/`, `?`, `#`, `..` and quotes cannot escape it."""
    v = quote(str(value if value is not None else ""), safe="")
    return v.replace(".", "%2E") if v in (".", "..") else v


def safe_url(value) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` or `data:` URL never becomes
    a link."""
    if not value:
        return None
    v = str(value).strip()
    try:
        scheme = urlsplit(v).scheme.lower()
    except ValueError:
        return None
    return v if scheme in ("http", "https") and not any(c in v for c in "\x00\r\n\t") else None


def highlight(text: str, spans: list[tuple[int, int, str]], base: int = 0) -> Markup:
    """Escape `text` and wrap the given spans (offsets relative to `base`) in <mark>."""
    spans = sorted((s - base, e - base, cls) for s, e, cls in spans
                   if s is not None and e is not None and 0 <= s - base < e - base <= len(text))
    out, pos = [], 0
    for s, e, cls in spans:
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(Markup('<mark class="{}">').format(cls) + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def removed_markup(raw: str, removed: list) -> Markup:
    """The text as scraped, the spans the cleaner removed greyed out (with its reason)."""
    parts, pos = [], 0
    for span in sorted(removed):
        if len(span) != 3:
            continue
        s, e, label = span
        if not (isinstance(s, int) and isinstance(e, int)) or s < pos:
            continue
        parts.append(escape(raw[pos:s]))
        parts.append(Markup('<span class="removed" title="{}">').format(label) + escape(raw[s:e]) + Markup("</span>"))
        pos = e
    parts.append(escape(raw[pos:]))
    return Markup("").join(parts)


def timeline_svg(points: list[dict], width: int = 720, height: int = 180) -> Markup:
    """Bars for event counts, a line for mean Goldstein (cooperation above zero)."""
    if not points:
        return Markup('<p class="muted">No dated events for this pair.</p>')
    pad, n = 30, len(points)
    bw = max(4, (width - 2 * pad) / n * 0.7)
    maxc = max(p["count"] for p in points) or 1
    mid = height / 2
    parts = [f'<svg class="timeline" role="img" aria-label="event timeline" viewBox="0 0 {width} {height}" '
             f'width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{pad}" y1="{mid}" x2="{width - pad}" y2="{mid}" stroke="#999" stroke-dasharray="3,3"/>']
    pts = []
    for i, p in enumerate(points):
        x = pad + (i + 0.5) * (width - 2 * pad) / n
        h = (height / 2 - 10) * p["count"] / maxc
        mean = float(p["goldstein_mean"] or 0)
        color = "#2a7" if mean >= 0 else "#c33"
        parts.append(f'<rect class="bar" x="{x - bw / 2:.1f}" y="{height - 5 - h:.1f}" width="{bw:.1f}" '
                     f'height="{h:.1f}" fill="{color}" opacity="0.5"><title>{escape(p["period"])}: '
                     f'{int(p["count"])} events, mean Goldstein {mean:g}</title></rect>')
        y = mid - mean / 10 * (height / 2 - 10)
        pts.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#124"/>')
    parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="#124" stroke-width="1.5"/>')
    parts.append(f'<text x="{pad}" y="12" font-size="11">{escape(points[0]["period"])}</text>')
    parts.append(f'<text x="{width - pad}" y="12" font-size="11" text-anchor="end">{escape(points[-1]["period"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def network_svg(center: str, partners: list[tuple[str, str, int]], size: int = 360) -> Markup:
    """The actor in the middle, its most frequent partners around it (line width: events)."""
    if not partners:
        return Markup('<p class="muted">No partners yet.</p>')
    c = size / 2
    parts = [f'<svg class="network" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    maxw = max(w for _, _, w in partners) or 1
    for i, (pid, label, w) in enumerate(partners):
        ang = 2 * math.pi * i / len(partners)
        x, y = c + (c - 50) * math.cos(ang), c + (c - 50) * math.sin(ang)
        parts.append(f'<line x1="{c}" y1="{c}" x2="{x:.1f}" y2="{y:.1f}" stroke="#678" '
                     f'stroke-width="{1 + 5 * w / maxw:.1f}"/>')
        parts.append(f'<a href="/actors/{escape(path_part(pid))}"><circle cx="{x:.1f}" cy="{y:.1f}" r="16" fill="#def"/>'
                     f'<text x="{x:.1f}" y="{y + 30:.1f}" font-size="11" text-anchor="middle">'
                     f'{escape(label)} ({int(w)})</text></a>')
    parts.append(f'<circle cx="{c}" cy="{c}" r="22" fill="#9bd"/><text x="{c}" y="{c + 4}" font-size="11" '
                 f'text-anchor="middle">{escape(center)}</text></svg>')
    return Markup("".join(parts))
