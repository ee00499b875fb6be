"""The dashboard in a real headless Chromium (Debian's, driven by Playwright), kept off
the network: the dyad page shows the timeline and the events, an event page shows the
Arabic evidence highlighted right-to-left, and an injected <script> never runs.
Screenshots are saved to test-artifacts/."""
import shutil
import socket
import threading
import time

import pytest

from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(ingested_db):
    import uvicorn

    from dyad.server import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(ingested_db)), host="127.0.0.1", port=port, log_level="error"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(5)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps"])
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        # keep the browser off the network: only the local server answers
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
        pg = ctx.new_page()
        yield pg
        browser.close()


def test_dyad_page_then_event_page_with_rtl_arabic_evidence(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/dyad/CHN-RUS")
    assert page.locator("svg.timeline rect.bar").count() >= 1
    rows = page.locator("tr.event-row")
    assert rows.count() >= 3
    page.screenshot(path=str(ARTIFACTS / "dyad-CHN-RUS.png"), full_page=True)
    # open the most reported event and find an Arabic mention
    page.goto(f"{server}/events?dyad=CHN-RUS&sort=-num_articles&language=ar")
    page.locator("a.event-link").first.click()
    page.wait_for_load_state()
    assert "/events/" in page.url
    arabic = page.locator('blockquote.evidence[lang="ar"]').first
    assert arabic.count() == 1
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert arabic.locator("mark.trigger").count() >= 1
    assert arabic.locator("mark.actor").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "event-arabic.png"), full_page=True)


def test_injected_script_does_not_run(server, page):
    page.goto(f"{server}/api/articles?limit=1000")
    arts = page.evaluate("() => JSON.parse(document.body.innerText).articles")
    hostile = next(a for a in arts if a["input"].endswith("hostile.txt"))
    page.goto(f"{server}/articles/{hostile['id']}")
    page.wait_for_load_state()
    assert page.evaluate("() => window.__pwned === undefined")
    assert "<script>window.__pwned = 1</script>" in page.locator(".article-text").inner_text()
