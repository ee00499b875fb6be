"""Crawl inputs: HTML pages, WARC files and feeds read into the same documents as text,
and the Dask engine giving the same database as the local one."""
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import main
from dyad.crawl import CrawlFilter, CrawlStats, doc_from_html, iter_warc
from dyad.ingest import ingest
from dyad.pipeline import pipe, run
from dyad.readers import iter_paths
from dyad.store import connect
from webpages import article_html, write_warc

from conftest import SHARED, needs_shared  # noqa: E402

DEV = SHARED / "dev" / "articles"
SEEDS = SHARED / "seeds"


def _events(doc):
    return sorted((e.cameo, e.source.actor.country, e.target.actor.country if e.target else "", e.date or "",
                   e.modality) for e in doc.events)


def _dev_pages():
    # an HTML page carries a full publication date or none: the two dev articles whose
    # crawler line gives only a month cannot be wrapped faithfully, so they are left out
    arts = [p for p in sorted(DEV.glob("*.txt"))
            if not re.match(r"\s*date \d{4}-\d{2}\b(?!-)", p.read_text(encoding="utf-8"))]
    return arts, [(f"https://news{i % 3}.example.org/world/{p.stem}.html", article_html(p.read_text(encoding="utf-8")))
                  for i, p in enumerate(arts)]


@needs_shared
def test_html_page_reads_like_the_text_article():
    path = DEV / "003_ar.txt"
    page = article_html(path.read_text(encoding="utf-8"), site="Sky News Arabia")
    html_doc = run(doc_from_html(page.encode("utf-8"), "page.html", url="https://www.example.net/a/1"))
    text_doc = next(pipe(iter_paths([str(path)])))
    assert html_doc.error is None
    assert html_doc.published == "2026-02-04"  # the original date, not the later update
    assert html_doc.outlet == "Sky News Arabia"
    assert html_doc.language == "ar" and html_doc.url == "https://www.example.net/a/1"
    assert "cookies" not in html_doc.text and "Most read" not in html_doc.text and "Home" not in html_doc.text
    assert _events(html_doc) == _events(text_doc) and html_doc.events


def test_html_directory_and_a_page_without_article_text(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    (tmp_path / "site" / "a.htm").write_text(
        "<html><head><title>Talks</title></head><body><article><h1>Putin and Modi hold talks</h1>"
        "<p>Russian President Vladimir Putin held talks with Indian Prime Minister Narendra Modi in "
        "New Delhi on Friday, the Kremlin said in a statement published after the meeting.</p></article></body></html>",
        encoding="utf-8")
    docs = list(pipe(iter_paths([str(tmp_path / "site")])))
    assert [Path(d.input).name for d in docs] == ["a.htm", "empty.html"]
    assert docs[0].error is None and docs[0].title == "Putin and Modi hold talks"
    assert {e.plover for e in docs[0].events} == {"CONSULT"}
    assert docs[1].error and "no article text" in docs[1].error


@needs_shared
def test_warc_of_the_dev_articles_ingests_to_the_same_events_as_the_text_files(tmp_path):
    arts, pages = _dev_pages()
    warc = tmp_path / "dev.warc.gz"
    write_warc(warc, pages, truncate_last=True)  # the last page is cut: reported, not fatal
    db_warc, db_text = connect(str(tmp_path / "w.db")), connect(str(tmp_path / "t.db"))
    stats = CrawlStats()
    s1 = ingest([str(warc)], db_warc, stats=stats)
    s2 = ingest([str(p) for p in arts[:-1]], db_text)
    assert s1.failed == 1 and stats.corrupt == 1 and "truncated WARC record" in s1.errors[0]
    assert stats.html == len(arts) - 1 and stats.skipped == 2  # a request and an image
    assert db_warc.scalar("SELECT COUNT(*) FROM failures") == 1
    assert s1.new == s2.new == len(arts) - 1

    def merged(db):
        rows = db.query("SELECT * FROM events")
        return sorted((r["cameo"], r["modality"], r["date"] or "", r["source_country"] or "", r["target_country"] or "",
                       r["num_articles"], r["languages"]) for r in rows)

    assert merged(db_warc) == merged(db_text)
    assert db_warc.scalar("SELECT COUNT(*) FROM articles WHERE url LIKE 'https://news%'") == len(arts) - 1


@needs_shared
def test_corrupt_record_in_the_middle_is_skipped_and_the_rest_read(tmp_path):
    _, pages = _dev_pages()
    warc = tmp_path / "mid.warc.gz"
    write_warc(warc, pages[:6], extra=False)
    data = bytearray(warc.read_bytes())
    offsets = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
    third = offsets[2]
    data[third + 40: third + 80] = b"\x00" * 40  # garble the third record's compressed block
    warc.write_bytes(bytes(data))
    stats = CrawlStats()
    docs = list(iter_warc(warc, "mid.warc.gz", stats=stats))
    good = [d for d in docs if not d.error]
    assert len(good) == 5 and stats.corrupt == 1
    assert [d.url for d in good] == [u for i, (u, _) in enumerate(pages[:6]) if i != 2]
    assert any("mid.warc.gz" in d.error for d in docs if d.error)


@needs_shared
def test_warc_filters_on_language_host_and_date(tmp_path):
    _, pages = _dev_pages()
    warc = tmp_path / "dev.warc.gz"
    write_warc(warc, pages)
    runner = CliRunner()
    res = runner.invoke(main, ["extract", str(warc), "--format", "jsonl", "--lang", "ar,ur"])
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and {r["language"] for r in rows} == {"ar", "ur"}
    assert "filtered out" in res.stderr
    stats = CrawlStats()
    docs = list(iter_warc(warc, "dev", CrawlFilter(hosts=["news1.example.org"]), stats))
    assert docs and all(d.url.startswith("https://news1.example.org/") for d in docs)
    assert stats.filtered == len(pages) - len(docs)
    docs = list(iter_warc(warc, "dev", CrawlFilter(since="2026-02-05", until="2026-02-28")))
    assert docs and all("2026-02-05" <= (d.meta["given_published"] or d.meta["fetched"][:10]) <= "2026-02-28"
                        for d in docs)


def test_feed_file_items_with_links_titles_and_dates(tmp_path):
    feed = tmp_path / "world.rss"
    feed.write_text("""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example World</title><link>https://example.org/</link>
<item><title>Putin and Xi hold video call</title><link>https://example.org/1</link>
<pubDate>Wed, 04 Feb 2026 09:30:00 +0000</pubDate>
<description>&lt;p&gt;Russian President Vladimir Putin held a video call with Chinese President Xi Jinping on Wednesday.&lt;/p&gt;</description></item>
<item><title>Weather: a mild week ahead</title><link>https://example.org/2</link>
<pubDate>Tue, 03 Feb 2026 07:00:00 +0000</pubDate><description>Sunny.</description></item>
</channel></rss>""", encoding="utf-8")
    docs = list(pipe(iter_paths([str(feed)])))
    assert [d.url for d in docs] == ["https://example.org/1", "https://example.org/2"]
    assert docs[0].title == "Putin and Xi hold video call" and docs[0].published == "2026-02-04"
    assert docs[0].outlet == "Example World"
    ev = [e for e in docs[0].events if e.modality == "asserted"]
    assert [(e.cameo, e.date) for e in ev] == [("041", "2026-02-04")]
    assert docs[1].events == []
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    out = list(iter_paths([str(broken), str(feed)]))
    assert out[0].error and "broken.rss" in out[0].error and len(out) == 3


@needs_shared
def test_dask_engine_gives_the_same_events_as_the_local_engine(tmp_path):
    pytest.importorskip("dask.distributed")
    arts, pages = _dev_pages()
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in arts[:20]:
        shutil.copy(p, inputs / p.name)
    warc = tmp_path / "rest.warc.gz"
    write_warc(warc, pages[20:], truncate_last=True)
    paths = [str(SEEDS), str(inputs), str(warc)]
    runner = CliRunner()
    out = {}
    for engine in ("local", "dask"):
        db = str(tmp_path / f"{engine}.db")
        res = runner.invoke(main, ["ingest", *paths, "--db", db, "--engine", engine, "--workers", "2", "--no-progress"])
        assert res.exit_code == 0, res.output
        assert "1 failed" in res.stdout and "corrupt" in res.stderr
        ev = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--modality", "all"])
        out[engine] = [json.loads(x) for x in ev.stdout.splitlines()]
    assert out["local"] and out["dask"] == out["local"]
