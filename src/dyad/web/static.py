"""Files of the package's static/ folder, and nothing outside it."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

STATIC = (Path(__file__).resolve().parent / "static").resolve()
TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}

router = APIRouter(include_in_schema=False)


def static_path(name: str) -> Path | None:
    """The file `name` inside STATIC, or None: no `..`, no absolute path, no symlink out,
    no hidden file, only the types in TYPES."""
    if not name or "\x00" in name or "\\" in name or len(name) > 200:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    try:
        target = (STATIC / name).resolve()
    except (OSError, ValueError):
        return None
    if not target.is_relative_to(STATIC) or not target.is_file() or target.suffix not in TYPES:
        return None
    return target


@router.get("/static/{name:path}")
def static_file(name: str):
    target = static_path(name)
    if target is None:
        raise HTTPException(404, "no such file")
    return Response(target.read_bytes(), media_type=TYPES[target.suffix],
                    headers={"Cache-Control": "public, max-age=3600"})
