"""API keys: stored as salted HMAC-SHA256 digests, compared in constant time, scoped
(read or write; write may also read) and revocable.

A key reads `dyad_<id>.<secret>`: the id finds the row, the secret is checked against
its digest. Only the id, the salt and the digest are stored, so a copy of the database
gives nobody a key. Keys made before salts (`dyad_<secret>`, unsalted SHA-256) keep
working as write keys until revoked.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool

from ..store import Database

SCOPES = ("read", "write")
PREFIX = "dyad_"
_DUMMY_SALT = secrets.token_hex(16)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _digest(salt: str, secret: str) -> str:
    return hmac.new(salt.encode(), secret.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def create_key(db: Database, name: str = "", scope: str = "write") -> str:
    """A new key (returned once, never stored) with its scope."""
    if scope not in SCOPES:
        raise ValueError(f"scope is one of {', '.join(SCOPES)}")
    kid, secret, salt = secrets.token_hex(5), secrets.token_urlsafe(32), secrets.token_hex(16)
    db.execute("INSERT INTO auth_keys (id, salt, hash, scope, name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
               (kid, salt, _digest(salt, secret), scope, name, _now()))
    return f"{PREFIX}{kid}.{secret}"


def list_keys(db: Database) -> list[dict]:
    return db.query("SELECT id, scope, name, created_at, revoked_at FROM auth_keys ORDER BY created_at, id")


def revoke_key(db: Database, key_id: str) -> bool:
    """Revoke a key by its id (or by the whole key); False when no live key has it."""
    if key_id.startswith(PREFIX) and "." in key_id:
        key_id = key_id[len(PREFIX):].split(".", 1)[0]
    if not db.scalar("SELECT 1 FROM auth_keys WHERE id = ? AND revoked_at IS NULL", (key_id,)):
        return False
    db.execute("UPDATE auth_keys SET revoked_at = ? WHERE id = ?", (_now(), key_id))
    return True


def verify_key(db: Database, key: str | None) -> dict | None:
    """{"id", "scope"} of a live key, or None. Takes the same time whether the id is
    known or not (a digest is always computed and compared)."""
    if not key or len(key) > 200:
        return None
    if key.startswith(PREFIX) and "." in key:
        kid, secret = key[len(PREFIX):].split(".", 1)
        rows = db.query("SELECT id, salt, hash, scope FROM auth_keys WHERE id = ? AND revoked_at IS NULL", (kid,))
        row = rows[0] if rows else {"salt": _DUMMY_SALT, "hash": "0" * 64}
        ok = hmac.compare_digest(_digest(row["salt"], secret), row["hash"])
        return {"id": row["id"], "scope": row["scope"]} if ok and rows else None
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    found = None
    for row in db.query("SELECT id, hash, scope FROM auth_keys WHERE salt = '' AND revoked_at IS NULL"):
        if hmac.compare_digest(digest, row["hash"]):
            found = {"id": row["id"], "scope": row["scope"]}
    return found


def key_valid(db: Database, key: str | None) -> bool:
    return verify_key(db, key) is not None


# -- request checks (FastAPI dependencies) -----------------------------------------------
def request_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or None


def _limit(request: Request, ident: dict | None) -> None:
    state = request.app.state.dyad
    if ident is not None:
        wait = state.key_limiter.hit(ident["id"])
        who = f"key {ident['id']}"
    else:
        wait = state.anon_limiter.hit(request.client.host if request.client else "?")
        who = "this address"
    if wait:
        secs = max(1, int(wait + 0.999))
        raise HTTPException(429, f"rate limit reached for {who}: retry in {secs} s",
                            headers={"Retry-After": str(secs)})


def _identify(request: Request) -> dict | None:
    key = request_key(request)
    if key is None:
        return None
    ident = verify_key(request.app.state.dyad.db(), key)
    if ident is None:
        raise HTTPException(401, "unknown or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    return ident


async def read_access(request: Request) -> None:
    """Public servers let anybody read; private ones want a key of either scope. (A
    coroutine: a request without a key is checked in the event loop, with no thread.)"""
    ident = None if request_key(request) is None else await run_in_threadpool(_identify, request)
    if ident is None and request.app.state.dyad.settings.private:
        raise HTTPException(401, "this server requires an API key for reading (X-API-Key header or "
                                 "Authorization: Bearer)", headers={"WWW-Authenticate": "Bearer"})
    _limit(request, ident)


def write_access(request: Request) -> None:
    ident = _identify(request)
    if ident is None:
        raise HTTPException(401, "writing requires an API key: create one with `dyad keys create --scope write`, "
                                 "send it as X-API-Key or Authorization: Bearer",
                            headers={"WWW-Authenticate": "Bearer"})
    if ident["scope"] != "write":
        raise HTTPException(403, f"key {ident['id']} may only read; writing needs a key made with --scope write")
    _limit(request, ident)
