"""The app factory: settings, middleware (security headers, body limit), error handlers
and the routers (API, ingest, pages, static files)."""
from __future__ import annotations

from fastapi import FastAPI

from . import api_routes, errors, ingest_route, pages, static
from .limits import BodyLimit, SecurityHeaders
from .settings import Settings, WebState

DESCRIPTION = ("Event data with evidence: REST API of dyad. Reading is public unless the server runs with "
               "--private; writing needs an API key (X-API-Key or Authorization: Bearer).")


def create_app(db_url: str = "dyad.db", private: bool | None = None, *, max_body: int | str | None = None,
               rate_limit: int | None = None, anon_rate_limit: int | None = None) -> FastAPI:
    """The dashboard and the REST API over the database at `db_url`."""
    settings = Settings.resolve(db_url, private, max_body, rate_limit, anon_rate_limit)
    app = FastAPI(title="dyad", version="0.1", description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.dyad = WebState(settings)
    app.state.dyad.db()  # migrate now, not in the first request
    errors.install(app)
    for r in (api_routes.router, ingest_route.router, pages.router, static.router):
        app.include_router(r)
    app.openapi = lambda: _openapi(app)
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders)
    return app


def _openapi(app: FastAPI) -> dict:
    """FastAPI's schema, with malformed parameters answered 400 (as they are) instead of
    FastAPI's 422, and the pages' errors as the HTML pages they are."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path, item in schema["paths"].items():
            for op in item.values():
                responses = op.get("responses", {})
                if responses.pop("422", None) is not None and "400" not in responses:
                    responses["400"] = {"description": "malformed parameter",
                                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
                if not path.startswith("/api"):  # pages answer errors with an HTML page
                    for code, resp in responses.items():
                        if code != "200":
                            resp["content"] = {"text/html": {"schema": {"type": "string"}}}
        schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
        schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
        app.openapi_schema = schema
    return app.openapi_schema
