"""JSON or CSV answers for the list endpoints."""
from __future__ import annotations

import csv
import io
import json

from fastapi.responses import JSONResponse, Response

try:
    import orjson
except ImportError:  # pragma: no cover - the standard library then
    orjson = None

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(v):
    """A value for a CSV cell: nested values as JSON; text that a spreadsheet would run
    as a formula (=, +, -, @ ...) gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(v, (dict, list)):
        v = json.dumps(v, ensure_ascii=False)
    if isinstance(v, str) and v.startswith(FORMULA_START):
        try:
            float(v)
        except ValueError:
            return "'" + v
    return v


def to_csv(rows: list[dict]) -> Response:
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), extrasaction="ignore")
        w.writeheader()
        w.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8")


class FastJSON(JSONResponse):
    """JSON rendered by orjson when it is installed (several times faster on big pages)."""

    def render(self, content) -> bytes:
        if orjson is None:
            return super().render(content)
        return orjson.dumps(content)


def respond(rows: list[dict], fmt: str | None, extra: dict | None = None, key: str = "rows") -> Response:
    if fmt == "csv":
        return to_csv(rows)
    return FastJSON({key: rows, **(extra or {})})
