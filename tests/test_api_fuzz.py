"""The REST API fuzzed from its own OpenAPI schema (schemathesis): every operation of
`/openapi.json`, over a small real database, with valid and invalid parameters; no answer
is a 5xx, and every answer conforms to the schema (status codes, content types, bodies).
Bounded and seeded: a few examples per operation, the same ones on every run."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from webpayloads import build_hostile_db  # noqa: E402

from schemathesis.checks import positive_data_acceptance  # noqa: E402

from dyad import query as Q  # noqa: E402
from dyad.web import create_app  # noqa: E402

MAX_EXAMPLES = 12


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    build_hostile_db(path)
    return create_app(str(path), rate_limit=0)


@pytest.fixture(scope="module")
def api_schema(fuzz_app):
    return schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)


schema = schemathesis.pytest.from_fixture("api_schema")


SORTS = {"/api/events": (Q.SORTS_SPEC, "-date"), "/api/articles": (Q.ARTICLE_SORTS, "id"),
         "/api/actors": (Q.ACTOR_SORTS, "id"), "/events": (Q.SORTS_SPEC, "-date"), "/dyad/": (Q.SORTS_SPEC, "-date")}


def real_cursor(case) -> None:
    """A cursor is opaque: any string fits its schema, but only a `next` made by the
    server is valid. Valid (positive) cases get a real cursor built from the generated
    string, so paging after odd values is fuzzed too."""
    query = case.query or {}
    if not isinstance(query.get("cursor"), str) or case.meta.generation.mode.name != "POSITIVE":
        return
    path = case.operation.path
    sorts, default = next((v for k, v in SORTS.items() if path.startswith(k)), (None, None))
    if sorts is None:
        return
    sort = query.get("sort") or default
    kind = sorts[sort.lstrip("-")].kind
    raw = query["cursor"]
    value = raw[:100].replace("\x00", "") if kind is str else (len(raw) if kind is int else len(raw) / 3)
    query["cursor"] = Q.encode_cursor(value, len(raw) * 7919 - 1000, sort)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    real_cursor(case)
    case.call_and_validate()


@pytest.fixture(scope="module")
def write_key(fuzz_app):
    from dyad.web import create_key

    return create_key(fuzz_app.state.dyad.db(), "fuzz", "write")


@schema.include(method="POST").parametrize()
@settings(max_examples=4, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_writes_with_a_key_conform_to_the_schema(case, write_key):
    response = case.call(headers={"X-API-Key": write_key})
    excluded = []
    if response.status_code == 400 and isinstance(case.body, dict) and "file" in case.body:
        excluded.append(positive_data_acceptance)  # random bytes are often not text: 400, as documented
    case.validate_response(response, excluded_checks=excluded, headers={"X-API-Key": write_key})
