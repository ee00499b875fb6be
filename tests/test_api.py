"""The REST API: every endpoint, paging to the end, CSV output, and keys on writes."""
import pytest
from fastapi.testclient import TestClient

from dyad.server import create_app, create_key
from dyad.store import connect


@pytest.fixture(scope="module")
def client(ingested_db):
    return TestClient(create_app(str(ingested_db)))


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}",
              "/api/actors", "/api/actors/{actor_id}", "/api/dyads/{pair}/timeline", "/api/stories", "/api/ingest"):
        assert p in paths


def test_events_paging_reaches_the_end_without_duplicates(client):
    total = client.get("/api/events", params={"limit": 1000, "modality": "all"}).json()["events"]
    seen, url, params = [], "/api/events", {"limit": 3, "modality": "all"}
    while True:
        page = client.get(url, params=params).json()
        seen += [e["id"] for e in page["events"]]
        if not page["next"]:
            break
        params = {**params, "cursor": page["next"]}
    assert len(seen) == len(set(seen)) == len(total) > 6


def test_event_filters_and_detail(client):
    evs = client.get("/api/events", params={"dyad": "CHN-RUS", "plover": "CONSULT", "limit": 500}).json()["events"]
    assert evs and all({e["source"]["country"], e["target"]["country"]} == {"CHN", "RUS"} for e in evs)
    big = max(evs, key=lambda e: e["num_articles"])
    detail = client.get(f"/api/events/{big['id']}").json()
    assert detail["num_articles"] == big["num_articles"] and len(detail["mentions"]) >= detail["num_articles"]
    m = detail["mentions"][0]
    assert m["evidence"]["text"] and m["evidence"]["trigger"]["start"] is not None
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/events", params={"dyad": "nonsense"}).status_code == 400


def test_event_lists_show_the_first_mentions_and_the_event_all(client):
    evs = client.get("/api/events", params={"dyad": "CHN-RUS", "limit": 500}).json()["events"]
    big = max(evs, key=lambda e: e["num_mentions"])
    assert big["num_mentions"] > 5 and len(big["mentions"]) == 5  # the default keeps pages small
    every = client.get(f"/api/events/{big['id']}").json()["mentions"]
    assert len(every) == big["num_mentions"]
    assert big["mentions"] == every[:5]  # the first stored, in order
    two = client.get("/api/events", params={"dyad": "CHN-RUS", "limit": 500, "mentions": 2}).json()["events"]
    assert max(len(e["mentions"]) for e in two) == 2
    none = client.get("/api/events", params={"dyad": "CHN-RUS", "limit": 500, "mentions": 0}).json()["events"]
    assert all(e["mentions"] == [] and e["evidence"]["text"] for e in none)  # the evidence stays
    assert client.get("/api/events", params={"mentions": -1}).status_code == 400


def test_csv_output(client):
    r = client.get("/api/events.csv", params={"limit": 5})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    header = r.text.splitlines()[0].split(",")
    assert "cameo" in header and "num_articles" in header


def test_articles_actors_timeline_stories(client):
    arts = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    assert len(arts) >= 38
    a = client.get(f"/api/articles/{arts[0]['id']}").json()
    assert a["text"] and isinstance(a["actors"], list) and "removed" in a
    actors = client.get("/api/actors", params={"q": "putin"}).json()["actors"]
    assert actors and actors[0]["id"] == "Q7747"
    putin = client.get("/api/actors/Q7747").json()
    assert putin["roles"] and putin["events"]
    tl = client.get("/api/dyads/CHN-RUS/timeline", params={"interval": "month"}).json()
    assert tl["points"] and all({"period", "count", "goldstein_sum", "goldstein_mean", "quad_class"} <= set(p) for p in tl["points"])
    assert sum(p["count"] for p in tl["points"]) >= 3
    stories = client.get("/api/stories").json()["stories"]
    assert stories and max(s["num_articles"] for s in stories) >= 3


def test_ingest_requires_a_key(ingested_db, tmp_path):
    import shutil

    path = tmp_path / "copy.db"
    shutil.copy(ingested_db, path)
    client = TestClient(create_app(str(path)))
    body = {"text": "Indian Prime Minister Narendra Modi held a phone call with French President Emmanuel Macron on Monday.",
            "published": "2025-06-10", "url": "https://example.org/modi-macron"}
    assert client.post("/api/ingest", json=body).status_code == 401
    assert client.post("/api/ingest", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
    key = create_key(connect(path), "test")
    r = client.post("/api/ingest", json=body, headers={"X-API-Key": key})
    assert r.status_code == 200 and r.json()["new"] == 1
    r = client.post("/api/ingest", files={"file": ("a.txt", "Xi Jinping met Vladimir Putin in Moscow on Monday.".encode())},
                    headers={"Authorization": f"Bearer {key}"})
    assert r.status_code == 200 and r.json()["article_id"]


def test_private_server_requires_a_key_for_reading(ingested_db):
    client = TestClient(create_app(str(ingested_db), private=True))
    assert client.get("/api/events").status_code == 401
    key = create_key(connect(ingested_db), "reader")
    assert client.get("/api/events", headers={"X-API-Key": key}).status_code == 200


def test_pages_escape_untrusted_text(client):
    arts = client.get("/api/articles", params={"limit": 100}).json()["articles"]
    hostile = next(a for a in arts if a["input"].endswith("hostile.txt"))
    html = client.get(f"/articles/{hostile['id']}").text
    assert "<script>window.__pwned" not in html and "&lt;script&gt;" in html
    assert "onerror=\"window" not in html


def test_a_kept_answer_is_not_served_after_another_process_commits(ingested_db, tmp_path):
    import shutil
    import sqlite3

    path = tmp_path / "copy.db"
    shutil.copy(ingested_db, path)
    c = TestClient(create_app(str(path)))
    url, params = "/api/events", {"dyad": "CHN-RUS", "limit": 1, "sort": "id"}
    first = c.get(url, params=params).json()["events"][0]
    assert c.get(url, params=params).json()["events"][0] == first  # asked again: the kept answer
    other = sqlite3.connect(path)  # another writer, as `dyad ingest` in its own process
    with other:
        other.execute("UPDATE events SET num_articles = 999 WHERE id = ?", (first["id"],))
    other.close()
    assert c.get(url, params=params).json()["events"][0]["num_articles"] == 999
