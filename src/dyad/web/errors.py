"""Every error answers with a short message: JSON under /api, an escaped HTML page
elsewhere; never a traceback."""
from __future__ import annotations

import logging

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..query import QueryError
from .limits import SECURITY_HEADERS

log = logging.getLogger("dyad.web")


def _is_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/openapi") or path.startswith("/static"))


def error_response(request: Request, status: int, message: str, extra: dict | None = None,
                   headers: dict | None = None):
    headers = {**SECURITY_HEADERS, **(headers or {})}  # also on 500s, answered outside the middleware
    if _is_page(request):
        tpl = request.app.state.dyad.templates.get_template("error.html")
        return HTMLResponse(tpl.render(status=status, message=message), status_code=status, headers=headers)
    return JSONResponse({"detail": message, **(extra or {})}, status_code=status, headers=headers)


async def http_error(request: Request, exc: StarletteHTTPException):
    return error_response(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


def _describe(err: dict) -> str:
    loc = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
    if err.get("type") == "extra_forbidden":
        return f"{loc}: unknown parameter"
    return f"{loc}: {err.get('msg', 'invalid')}"


async def validation_error(request: Request, exc: RequestValidationError):
    """400 (like every other malformed parameter) with one readable line in `detail` and
    the errors one by one in `errors`."""
    errs = exc.errors()
    message = "; ".join(_describe(e) for e in errs[:10])
    listed = jsonable_encoder([{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in errs[:10]])
    return error_response(request, 400, message, {"errors": listed})


async def query_error(request: Request, exc: QueryError):
    return error_response(request, 400, str(exc))


async def server_error(request: Request, exc: Exception):
    log.exception("error serving %s", request.url.path)
    return error_response(request, 500, "internal error (logged on the server)")


def install(app) -> None:
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(Exception, server_error)
