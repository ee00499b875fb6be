"""Maps drawn on the server as SVG: where events happened, with no tile server, script or
network request (the dashboard works on an air-gapped machine and under a strict
Content-Security-Policy).

The land outline is Natural Earth's 1:110m land (public domain), shipped in
`data/geo/land.json`; the projection is plain equirectangular, which is honest enough
for "where" at this scale and needs no library.
"""
from __future__ import annotations

import json
from functools import lru_cache

from markupsafe import Markup, escape

from .resources import DATA


@lru_cache(maxsize=1)
def _land_path(width: int, height: int) -> str:
    path = DATA / "geo" / "land.json"
    if not path.exists():
        return ""
    rings = json.loads(path.read_text(encoding="utf-8"))["rings"]
    out = []
    for ring in rings:
        pts = [_xy(lon, lat, width, height) for lon, lat in ring]
        out.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(out)


def _xy(lon: float, lat: float, width: int, height: int) -> tuple[float, float]:
    return (lon + 180) / 360 * width, (90 - lat) / 180 * height


def map_svg(points: list[dict], width: int = 720, height: int = 360, link: bool = True) -> Markup:
    """Events as dots on the world: each point {"lat", "lon", "label", "count", "id",
    "quad_class"}; dot area grows with the number of events at the place."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return Markup('<p class="muted">No event of this selection has a known place.</p>')
    parts = [f'<svg class="map" role="img" aria-label="map of events" viewBox="0 0 {width} {height}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<rect width="{width}" height="{height}" fill="#eef4f8"/>']
    land = _land_path(width, height)
    if land:
        parts.append(f'<path d="{land}" fill="#dde3d6" stroke="#aab" stroke-width="0.4"/>')
    for lon in range(-150, 180, 30):
        x, _ = _xy(lon, 0, width, height)
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#cdd" stroke-width="0.3"/>')
    for lat in range(-60, 90, 30):
        _, y = _xy(0, lat, width, height)
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#cdd" stroke-width="0.3"/>')
    biggest = max(int(p.get("count") or 1) for p in located)
    for p in sorted(located, key=lambda p: -(p.get("count") or 1)):
        x, y = _xy(float(p["lon"]), float(p["lat"]), width, height)
        n = int(p.get("count") or 1)
        r = 3 + 9 * (n / biggest) ** 0.5
        color = "#c33" if (p.get("quad_class") or 0) >= 3 else "#2a7"
        title = f"{p.get('label') or ''}: {n} event{'s' if n != 1 else ''}"
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{color}" fill-opacity="0.6" stroke="#333" '
               f'stroke-width="0.5"><title>{escape(title)}</title></circle>')
        if link and p.get("id") is not None:
            dot = f'<a href="/events/{int(p["id"])}">{dot}</a>'
        parts.append(dot)
    parts.append("</svg>")
    return Markup("".join(parts))


def event_points(rows: list[dict]) -> list[dict]:
    """Map points for event rows: one per place, counting its events (linking to one)."""
    by_place: dict[tuple, dict] = {}
    for r in rows:
        if r.get("location_lat") is None:
            continue
        key = (r["location_name"], r["location_country"])
        p = by_place.setdefault(key, {"lat": r["location_lat"], "lon": r["location_lon"], "label": r["location_name"],
                                      "count": 0, "id": r["id"], "quad_class": r.get("quad_class")})
        p["count"] += 1
        if (r.get("quad_class") or 0) >= 3:
            p["quad_class"] = r["quad_class"]
    return list(by_place.values())
