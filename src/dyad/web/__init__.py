"""`dyad serve`: the REST API and the dashboard over one event database, one module per
job: `app` (the factory), `settings`, `keys` (API keys and access checks), `limits` (rate
and body limits, security headers), `params` (the query vocabulary as query-string
models), `api_routes`, `ingest_route`, `pages`, `static`, `svg` (markup helpers),
`errors`, `respond`, `schemas`."""
from .app import create_app
from .keys import create_key, key_valid, list_keys, revoke_key, verify_key

__all__ = ["create_app", "create_key", "key_valid", "list_keys", "revoke_key", "verify_key"]
