"""Limits and headers every answer gets: a rate limit per key, a body size limit, and
the security headers (a Content-Security-Policy that allows no script at all)."""
from __future__ import annotations

import json
import threading
import time

from fastapi import HTTPException
from starlette.datastructures import MutableHeaders

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class RateLimiter:
    """A token bucket per client: `per_minute` requests at once, refilled evenly over a
    minute. `hit` answers 0 when the request may go on, else the seconds to wait."""

    def __init__(self, per_minute: int, max_clients: int = 100_000):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def hit(self, who: str) -> float:
        if self.capacity <= 0:
            return 0.0
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(who, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1:
                if len(self.buckets) >= self.max_clients and who not in self.buckets:
                    self.buckets.clear()  # bounded memory; a cleared bucket starts full
                self.buckets[who] = (tokens - 1, now)
                return 0.0
            self.buckets[who] = (tokens, now)
            return (1 - tokens) / self.rate


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body larger than {limit} bytes (the server's --max-body)")


class BodyLimit:
    """ASGI middleware: refuse bodies over `limit` bytes with 413, whether the client
    announces the length or streams it."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _send_json(send, 413 if length.isdigit() else 400,
                                    BodyTooLarge(self.limit).detail if length.isdigit()
                                    else "invalid Content-Length")
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return msg

        async def tracking_send(msg):
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as e:
            if started:
                raise
            await _send_json(send, 413, e.detail)


async def _send_json(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(msg):
            if msg["type"] == "http.response.start":
                headers = MutableHeaders(scope=msg)
                for k, v in SECURITY_HEADERS.items():
                    if k not in headers:
                        headers.append(k, v)
            await send(msg)

        await self.app(scope, receive, send_with_headers)
