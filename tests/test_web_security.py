"""The web side under attack: malformed parameters and SQL in every parameter answer 4xx
(never 5xx, never a traceback, never another row); every field is escaped on every page
and no script runs in a real Chromium; a CSP without inline script on every answer; no
file outside static/; keys hashed, scoped, revocable; body and rate limits; loopback by
default."""
from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
import socket
import sqlite3
import threading
import time
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from markupsafe import escape

from webpayloads import MALFORMED, SQLI, XSS, build_hostile_db

from dyad.store import connect
from dyad.web import create_app, create_key, list_keys, revoke_key, verify_key
from dyad.web.params import ActorParams, ArticleParams, DyadPageParams, EventPageParams, EventParams, TimelineParams

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LIST_ENDPOINTS = {"/api/events": EventParams, "/api/events.csv": EventParams, "/api/articles": ArticleParams,
                  "/api/articles.csv": ArticleParams, "/api/actors": ActorParams, "/api/actors.json": ActorParams,
                  "/api/dyads/AAA-BBB/timeline": TimelineParams, "/events": EventPageParams,
                  "/dyad/AAA-BBB": DyadPageParams}
OTHER_PAGES = ["/", "/stories", "/docs", "/api/stories"]
FREE_TEXT = {"actor", "q", "source", "outlet"}


def _params(model) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    ids = build_hostile_db(path)
    return path, ids


@pytest.fixture(scope="module")
def client(hostile):
    return TestClient(create_app(str(hostile[0]), rate_limit=0))


def _no_trace(r) -> None:
    assert "Traceback" not in r.text and 'File "' not in r.text, r.text[:300]


def _snapshot(path) -> dict:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {"schema": con.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall(),
                **{t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables
                   if t not in ("evidence_fts_data", "evidence_fts_idx", "evidence_fts_docsize")}}
    finally:
        con.close()


# -- malformed parameters and SQL injection ---------------------------------------------
def test_negative_and_huge_limits_answer_400_not_500(client):
    for url in ("/api/events?limit=-1", "/api/events?limit=0", "/api/events?limit=99999999999999999999",
                "/api/events?offset=-5", "/api/articles?limit=-1", "/api/actors?limit=-1"):
        r = client.get(url)
        assert r.status_code == 400, (url, r.status_code, r.text[:200])
        body = r.json()
        assert isinstance(body["detail"], str) and re.search(r"limit|offset", body["detail"]), body
        _no_trace(r)
    assert "1 and 1000" in client.get("/api/events?limit=5000").json()["detail"] or \
        "1000" in client.get("/api/events?limit=5000").json()["detail"]


def test_malformed_parameters_give_4xx_with_a_message_everywhere(client):
    tried = 0
    for url in list(LIST_ENDPOINTS) + OTHER_PAGES:
        for name, value in MALFORMED:
            r = client.get(url, params={name: value})
            tried += 1
            assert 400 <= r.status_code < 500, (url, name, value, r.status_code, r.text[:300])
            _no_trace(r)
            if url.startswith("/api"):
                assert isinstance(r.json()["detail"], str) and r.json()["detail"]
            else:
                assert "error-message" in r.text
    assert tried == (len(LIST_ENDPOINTS) + len(OTHER_PAGES)) * len(MALFORMED)


def test_sql_in_every_parameter_never_runs(client, hostile):
    path, _ = hostile
    key = create_key(connect(path), "secret-holder", "read")
    kid = key[len("dyad_"):].split(".")[0]
    stored = connect(path).query("SELECT hash, salt FROM auth_keys WHERE id = ?", (kid,))[0]
    before = _snapshot(path)
    attempts = 0
    for url, model in LIST_ENDPOINTS.items():
        for name in _params(model):
            for payload in SQLI:
                r = client.get(url, params={name: payload})
                attempts += 1
                assert r.status_code in (200, 400, 404), (url, name, payload, r.status_code, r.text[:300])
                _no_trace(r)
                assert stored["hash"] not in r.text and stored["salt"] not in r.text
                if r.status_code == 200 and name in FREE_TEXT and url.startswith("/api") and "csv" not in url:
                    body = r.json()
                    rows = body.get("events") or body.get("articles") or body.get("actors") or body.get("points") or []
                    assert rows == [], (url, name, payload, len(rows))
    for payload in SQLI:
        for url in (f"/api/events/{quote(payload, safe='')}", f"/api/articles/{quote(payload, safe='')}",
                    f"/api/actors/{quote(payload, safe='')}", f"/api/dyads/{quote(payload, safe='')}/timeline",
                    f"/actors/{quote(payload, safe='')}", f"/events/{quote(payload, safe='')}",
                    f"/dyad/{quote(payload, safe='')}"):
            r = client.get(url)
            attempts += 1
            assert r.status_code in (400, 404), (url, r.status_code, r.text[:200])
            _no_trace(r)
    assert _snapshot(path) == before
    assert attempts > 1000
    print(f"\nSQL injection attempts: {attempts}, none changed the database or leaked a row, no 5xx")


def test_free_text_filters_take_wildcards_literally(client):
    everything = client.get("/api/actors", params={"limit": 1000}).json()["actors"]
    assert len(everything) == len(XSS)
    for wild in ("%", "_"):
        hits = client.get("/api/actors", params={"q": wild}).json()["actors"]
        assert len(hits) == sum(wild in p for p in XSS) < len(XSS)
    assert len(client.get("/api/actors", params={"q": "<script>"}).json()["actors"]) >= 5


def test_cursors_cannot_be_forged_or_moved_to_another_sort(client):
    page = client.get("/api/events", params={"limit": 5, "sort": "-date"}).json()
    assert page["next"]
    assert client.get("/api/events", params={"limit": 5, "sort": "-date", "cursor": page["next"]}).status_code == 200
    r = client.get("/api/events", params={"limit": 5, "sort": "num_articles", "cursor": page["next"]})
    assert r.status_code == 400 and "cursor" in r.json()["detail"]
    import base64

    for forged in ([{"a": 1}, 1], ["x", 10 ** 30], [1.5e308 * 10, 1], "just a string", [None, None]):
        c = base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
        r = client.get("/api/events", params={"cursor": c})
        assert r.status_code == 400, (forged, r.status_code)


def test_paging_articles_and_actors_reaches_the_end_in_every_sort(client):
    for url, key, sorts in (("/api/articles", "articles", ("id", "-published", "title")),
                            ("/api/actors", "actors", ("id", "-mentions", "name", "-articles"))):
        for sort in sorts:
            seen, cursor = [], None
            while True:
                page = client.get(url, params={"limit": 7, "sort": sort, **({"cursor": cursor} if cursor else {})}).json()
                seen += [x["id"] for x in page[key]]
                cursor = page["next"]
                if not cursor:
                    break
            assert len(seen) == len(set(seen)) == len(XSS), (url, sort)


# -- escaping and CSP -------------------------------------------------------------------
def _page_urls(ids) -> list[str]:
    urls = ["/", "/events?modality=all&limit=1000", "/dyad/AAA-BBB?limit=1000", "/stories", "/docs"]
    urls += [f"/events/{i}" for i in ids["events"]] + [f"/articles/{i}" for i in ids["articles"]]
    urls += [f"/actors/{quote(a, safe='')}" for a in ids["actors"]]
    for p in XSS:  # reflected: filters in forms, messages of error pages
        urls += [f"/events?{name}={quote(p, safe='')}" for name in ("actor", "q", "source", "sort", "dyad")]
        urls += [f"/actors/{quote(p, safe='')}", f"/dyad/{quote(p, safe='')}", f"/events?{quote(p, safe='')}=1"]
    return urls


FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "img", "video", "audio", "source", "input",
                  "details", "marquee", "math", "template", "noscript", "style", "x", "body", "textarea"}
OUR_TAGS_ONLY_ONCE = {"body", "html", "head"}


def _markup_problems(html: str) -> list[str]:
    """Elements and attributes that only an unescaped payload could have made."""
    from html.parser import HTMLParser

    problems, counts = [], {}

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            counts[tag] = counts.get(tag, 0) + 1
            if tag in FORBIDDEN_TAGS - {"body", "input"} or (tag == "input" and dict(attrs).get("type") == "submit"):
                problems.append(f"<{tag}>")
            if tag == "link" and dict(attrs).get("href") != "/static/dyad.css":
                problems.append("foreign <link>")
            if tag == "meta" and "http-equiv" in dict(attrs):
                problems.append("<meta http-equiv>")
            for name, value in attrs:
                if name.startswith("on") or name in ("style", "contenteditable", "autofocus", "srcset", "xlink:href"):
                    problems.append(f"<{tag} {name}=...>")
                if name in ("href", "src", "action", "data") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                    problems.append(f"<{tag} {name}={value[:30]}>")

    P().feed(html)
    problems += [f"{t} x{n}" for t, n in counts.items() if t in OUR_TAGS_ONLY_ONCE and n > 1]
    return problems


def test_every_page_escapes_every_field(client, hostile):
    _, ids = hostile
    shown = 0
    for url in _page_urls(ids):
        r = client.get(url)
        assert r.status_code in (200, 400, 404), (url, r.status_code)
        html = r.text
        for p in XSS:
            if any(c in p for c in "<>\"'"):
                assert p not in html, (url, p)
        assert not _markup_problems(html), (url, _markup_problems(html)[:5])
        shown += sum(str(escape(p)) in html for p in XSS)
    assert shown > 10 * len(XSS)  # the payloads are there, as text


def test_api_answers_are_json_that_round_trips_the_payloads(client, hostile):
    _, ids = hostile
    titles = {a["title"] for a in client.get("/api/articles", params={"limit": 1000}).json()["articles"]}
    assert titles == set(XSS)
    ev = client.get(f"/api/events/{ids['events'][0]}")
    assert ev.headers["content-type"].startswith("application/json")
    assert ev.json()["source"]["name"] == XSS[0]
    r = client.get("/api/articles.csv", params={"limit": 1000})
    assert r.headers["content-type"].startswith("text/csv")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(XSS)


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    from dyad.web.respond import csv_cell

    assert csv_cell("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("+1+1") == "'+1+1" and csv_cell("+44") == "+44" and csv_cell("-2.5") == "-2.5"
    assert csv_cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0" and csv_cell(-3.0) == -3.0


def test_every_answer_has_a_csp_without_inline_script(client, hostile):
    _, ids = hostile
    for url in ["/", "/events", f"/events/{ids['events'][0]}", f"/articles/{ids['articles'][0]}", "/stories", "/docs",
                "/api/events", "/api/events.csv", "/openapi.json", "/static/dyad.css", "/nowhere", "/api/events?limit=-1",
                "/events/999999"]:
        r = client.get(url)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, (url, csp)
        assert "script-src" not in csp  # so default-src 'none' forbids every script
        assert r.headers.get("x-content-type-options") == "nosniff"
        assert r.headers.get("x-frame-options") == "DENY"


def test_no_template_or_static_file_holds_a_script_or_inline_style():
    from dyad.web.settings import HERE

    for f in list((HERE / "templates").glob("*")) + list((HERE / "static").glob("*")):
        text = f.read_text(encoding="utf-8").lower()
        assert "<script" not in text and "javascript:" not in text and " style=" not in text, f
        assert "<style" not in text, f
        assert not re.search(r"\son\w+\s*=", text), f


# -- files ------------------------------------------------------------------------------
TRAVERSALS = [
    "/static/../server.py", "/static/../../dyad/server.py", "/static/..%2fserver.py", "/static/..%2f..%2fstore.py",
    "/static/%2e%2e/server.py", "/static/%2e%2e%2f%2e%2e%2fstore.py", "/static/..\\..\\store.py",
    "/static/..%5c..%5cstore.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/..%252f..%252fstore.py",
    "/static/dyad.css/../../app.py", "/static/./../templates/base.html", "/static/%2e%2e/templates/base.html",
    "/static/dyad.css%00.png", "/static/....//....//store.py", "/static/.%2e/.%2e/store.py",
    "/static/%c0%ae%c0%ae/store.py", "/static/../../../../../../etc/passwd", "/static/~/.bashrc",
    "/static/.hidden", "/static/", "/static/%2e%2e", "/static/..;/server.py",
]


@pytest.fixture(scope="module")
def server(hostile):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(str(hostile[0]), rate_limit=0), host="127.0.0.1", port=port,
                                        log_level="error"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield "127.0.0.1", port
    srv.should_exit = True
    th.join(5)


def _raw_get(server, path: str) -> tuple[int, bytes]:
    """GET exactly `path`, not normalised by any client library."""
    conn = http.client.HTTPConnection(*server, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def test_no_route_serves_a_file_outside_its_folder(server):
    status, body = _raw_get(server, "/static/dyad.css")
    assert status == 200 and b"font-family" in body
    for path in TRAVERSALS:
        status, body = _raw_get(server, path)
        assert status in (400, 404, 405), (path, status)
        for leak in (b"import ", b"root:", b"{% ", b"def ", b"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{%"):
            assert leak not in body, (path, leak)


def test_static_lookup_refuses_names_leaving_the_folder(tmp_path, monkeypatch):
    from dyad.web import static

    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "ok.css").write_text("a{}")
    (tmp_path / "secret.css").write_text("secret")
    (tmp_path / "static" / "link.css").symlink_to(tmp_path / "secret.css")
    monkeypatch.setattr(static, "STATIC", (tmp_path / "static").resolve())
    assert static.static_path("ok.css") is not None
    for name in ("../secret.css", "link.css", "/etc/passwd", "..", "ok.css\x00", "..\\secret.css", "", "sub/../../secret.css",
                 ".ok.css", str(tmp_path / "secret.css")):
        assert static.static_path(name) is None, name


# -- the browser: no payload runs --------------------------------------------------------
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")
def test_no_payload_runs_in_chromium(server, hostile):
    from playwright.sync_api import sync_playwright

    _, ids = hostile
    base = f"http://{server[0]}:{server[1]}"
    urls = _page_urls(ids) + ["/api/events?modality=all&limit=1000", "/api/articles?limit=1000", "/api/actors"]
    dialogs, violations, executed = [], [], []
    forbidden = ("script, iframe, object, embed, base, img, video, audio, source, input[type=submit], details, marquee, math, "
                 "template, noscript, form:not(.filters):not(.search), style, link:not([href='/static/dyad.css']), "
                 "meta[http-equiv], a[href^='javascript'], [contenteditable], [autofocus], x")
    check = ("sel => { const bad = [...document.querySelectorAll(sel)].map(e => e.outerHTML.slice(0, 80));"
             " for (const e of document.querySelectorAll('*')) for (const a of e.attributes)"
             "   if (/^on/i.test(a.name) || a.name === 'style') bad.push(e.outerHTML.slice(0, 80));"
             " return {xss: window.__xss, bad, violations: window.__violations || []}; }")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps"])
        try:
            ctx = browser.new_context()
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
            ctx.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                                " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
            page = ctx.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for url in urls:
                page.goto(base + url, wait_until="load")
                res = page.evaluate(check, forbidden)
                if res["xss"] is not None:
                    executed.append((url, res["xss"]))
                assert not res["bad"], (url, res["bad"][:3])
                violations += [(url, v) for v in res["violations"]]
            # the payloads are on the pages as text
            page.goto(f"{base}/articles/{ids['articles'][0]}")
            assert XSS[0] in page.locator("h1").inner_text()
        finally:
            browser.close()
    assert not executed and not dialogs, (executed, dialogs)
    assert not violations, violations[:5]
    print(f"\nXSS: {len(XSS)} payloads in every displayed field, {len(urls)} page loads in Chromium, none ran")


# -- keys -------------------------------------------------------------------------------
def test_keys_are_stored_salted_and_hashed_and_compared_in_constant_time(tmp_path, monkeypatch):
    from dyad.web import keys as K

    db = connect(tmp_path / "k.db")
    k1, k2 = create_key(db, "a", "write"), create_key(db, "b", "write")
    rows = db.query("SELECT * FROM auth_keys")
    dump = json.dumps(rows)
    for k in (k1, k2):
        secret = k.split(".", 1)[1]
        assert secret not in dump and hashlib.sha256(secret.encode()).hexdigest() not in dump
        assert hashlib.sha256(k.encode()).hexdigest() not in dump
    assert rows[0]["salt"] != rows[1]["salt"] and len(rows[0]["salt"]) >= 32
    calls = []
    real = K.hmac.compare_digest
    monkeypatch.setattr(K.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    assert verify_key(db, k1)["scope"] == "write"
    assert verify_key(db, k1[:-1] + ("A" if k1[-1] != "A" else "B")) is None
    assert verify_key(db, "dyad_0000000000.nothing") is None  # unknown id: still a digest compared
    assert len(calls) == 3


def test_scopes_and_revocation(tmp_path):
    path = tmp_path / "k.db"
    db = connect(path)
    reader, writer = create_key(db, "r", "read"), create_key(db, "w", "write")
    client = TestClient(create_app(str(path), private=True))
    body = {"text": "x"}
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers={"X-API-Key": reader}).status_code == 200
    assert client.get("/events", headers={"Authorization": f"Bearer {writer}"}).status_code == 200
    r = client.post("/api/ingest", json=body, headers={"X-API-Key": reader})
    assert r.status_code == 403 and "read" in r.json()["detail"]
    assert client.post("/api/ingest", json={"text": " "}, headers={"X-API-Key": writer}).status_code == 400
    kid = next(k["id"] for k in list_keys(db) if k["name"] == "w")
    assert revoke_key(db, kid) and not revoke_key(db, kid)
    assert client.post("/api/ingest", json=body, headers={"X-API-Key": writer}).status_code == 401
    assert client.get("/api/events", headers={"X-API-Key": writer}).status_code == 401
    assert next(k for k in list_keys(db) if k["id"] == kid)["revoked_at"]
    with pytest.raises(ValueError):
        create_key(db, "x", "admin")


def test_keys_cli_creates_lists_and_revokes(tmp_path):
    from dyad.cli import main

    path = str(tmp_path / "k.db")
    run = CliRunner().invoke
    r = run(main, ["keys", "create", "--db", path, "--scope", "read", "--name", "dashboard"])
    assert r.exit_code == 0 and r.output.startswith("dyad_")
    key = r.output.strip()
    assert run(main, ["keys", "create", "--db", path]).exit_code != 0  # the scope is a choice to make
    listing = run(main, ["keys", "list", "--db", path]).output
    kid = key[len("dyad_"):].split(".")[0]
    assert kid in listing and "read" in listing and "dashboard" in listing and "active" in listing
    assert key.split(".")[1] not in listing
    assert run(main, ["keys", "revoke", kid, "--db", path]).exit_code == 0
    assert "revoked" in run(main, ["keys", "list", "--db", path]).output
    assert run(main, ["keys", "revoke", kid, "--db", path]).exit_code != 0
    assert verify_key(connect(path), key) is None


def test_keys_made_before_salts_keep_working_until_revoked(tmp_path):
    path = tmp_path / "old.db"
    db = connect(path)
    db.execute("DELETE FROM schema_migrations WHERE version = 4")
    for s in ("DROP TABLE auth_keys", "DROP INDEX events_sort_date", "DROP INDEX events_pair"):
        db.execute(s)
    old = "dyad_" + "x" * 32
    db.execute("CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, name TEXT, created_at TEXT)")
    db.execute("INSERT INTO api_keys VALUES (?, 'old', '2025-01-01')", (hashlib.sha256(old.encode()).hexdigest(),))
    db.close()
    db = connect(path)  # migration 4 moves the key over
    assert verify_key(db, old)["scope"] == "write"
    assert verify_key(db, old + "y") is None
    assert revoke_key(db, list_keys(db)[0]["id"])
    assert verify_key(db, old) is None


# -- limits -----------------------------------------------------------------------------
def test_ingest_body_limit_answers_413(tmp_path):
    path = tmp_path / "b.db"
    key = create_key(connect(path), "w", "write")
    client = TestClient(create_app(str(path), max_body=2000))
    big = {"text": "Putin met Xi. " * 400}
    r = client.post("/api/ingest", json=big, headers={"X-API-Key": key})
    assert r.status_code == 413 and "2000" in r.json()["detail"]
    r = client.post("/api/ingest", json=big)  # no key: refused too, before reading the body
    assert r.status_code in (401, 413)

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(10):
            yield b"x" * 500

    r = client.post("/api/ingest", content=chunks(), headers={"X-API-Key": key, "content-type": "application/json"})
    assert r.status_code == 413
    r = client.post("/api/ingest", files={"file": ("a.txt", b"y" * 5000)}, headers={"X-API-Key": key})
    assert r.status_code == 413
    assert r.headers.get("content-security-policy")
    r = client.post("/api/ingest", content=b"{not json", headers={"X-API-Key": key, "content-type": "application/json"})
    assert r.status_code == 400
    r = client.post("/api/ingest", content=b"text", headers={"X-API-Key": key, "content-type": "text/plain"})
    assert r.status_code == 415


def test_body_limit_is_configurable(tmp_path, monkeypatch):
    from dyad.web.settings import DEFAULT_MAX_BODY, Settings

    assert Settings.resolve("x.db").max_body == DEFAULT_MAX_BODY == 5 * 1024 * 1024
    monkeypatch.setenv("DYAD_MAX_BODY", "64k")
    monkeypatch.setenv("DYAD_RATE_LIMIT", "7")
    s = Settings.resolve("x.db")
    assert s.max_body == 65536 and s.rate_limit == 7
    assert Settings.resolve("x.db", max_body="2M", rate_limit=0).max_body == 2 * 1024 * 1024


def test_rate_limit_per_key_answers_429_with_retry_after(tmp_path):
    path = tmp_path / "r.db"
    db = connect(path)
    k1, k2 = create_key(db, "a", "read"), create_key(db, "b", "read")
    client = TestClient(create_app(str(path), rate_limit=3))
    codes = [client.get("/api/events", headers={"X-API-Key": k1}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = client.get("/api/events", headers={"X-API-Key": k1})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "rate limit" in r.json()["detail"]
    assert client.get("/api/events", headers={"X-API-Key": k2}).status_code == 200  # per key
    assert client.get("/api/events").status_code == 200  # anonymous reads: no limit unless asked
    anon = TestClient(create_app(str(path), anon_rate_limit=2))
    assert [anon.get("/api/events").status_code for _ in range(3)] == [200, 200, 429]


def test_rate_limiter_refills():
    from dyad.web.limits import RateLimiter

    rl = RateLimiter(60)  # one a second
    assert all(rl.hit("k") == 0 for _ in range(60))
    wait = rl.hit("k")
    assert 0 < wait <= 1.0
    rl.buckets["k"] = (0.0, time.monotonic() - 2)
    assert rl.hit("k") == 0
    assert RateLimiter(0).hit("k") == 0


def test_serve_binds_loopback_and_warns_when_open(monkeypatch, tmp_path):
    import uvicorn

    from dyad.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.update(host=host, app=app))
    db = str(tmp_path / "s.db")
    r = CliRunner().invoke(main, ["serve", "--db", db])
    assert r.exit_code == 0 and seen["host"] == "127.0.0.1" and "WARNING" not in r.output
    r = CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert seen["host"] == "0.0.0.0" and "WARNING" in r.output and "--private" in r.output
    r = CliRunner().invoke(main, ["serve", "--db", db, "--host", "0.0.0.0", "--private", "--max-body", "1M",
                                  "--rate-limit", "5"])
    assert "WARNING" not in r.output
    s = seen["app"].state.dyad.settings
    assert s.private and s.max_body == 1024 * 1024 and s.rate_limit == 5
