"""The command line as a user runs it: extract's JSONL contract, the table view, explain on
every dev article, and the Python API over an ingested database."""
import json

from click.testing import CliRunner

import dyad
from dyad.cli import main

from conftest import DEV, SEEDS, needs_shared, seed

CONTRACT = {"input", "language", "title", "outlet", "published", "error", "events"}
EVENT = {"date", "cameo", "plover", "mode", "goldstein", "quad_class", "modality", "source", "target",
         "location", "confidence", "evidence"}


@needs_shared
def test_extract_jsonl_contract_in_input_order():
    paths = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    r = CliRunner().invoke(main, ["extract", *paths, "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    assert [row["input"] for row in rows] == paths
    for row in rows:
        assert CONTRACT <= set(row)
        for ev in row["events"]:
            assert EVENT <= set(ev)
            assert {"name", "country", "wikidata", "sector", "text"} <= set(ev["source"])
            assert {"text", "start", "end"} <= set(ev["evidence"])
            assert isinstance(ev["cameo"], str) and len(ev["cameo"]) in (3, 4) and ev["cameo"].isdigit()


@needs_shared
def test_extract_table_and_bad_file_in_one_batch(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    r = CliRunner().invoke(main, ["extract", str(seed(1)), str(bad), "--format", "table"])
    assert r.exit_code == 0
    assert "041" in r.output and "Xi Jinping" in r.output
    assert "empty.txt: empty file" in r.output


@needs_shared
def test_explain_works_on_every_dev_article():
    for path in sorted((DEV / "articles").glob("*.txt")):
        r = CliRunner().invoke(main, ["explain", str(path)])
        assert r.exit_code == 0, (path, r.output[-500:])
        assert "Cleaned text" in r.output and "Events" in r.output


@needs_shared
def test_explain_says_why():
    r = CliRunner().invoke(main, ["explain", str(seed(1))])
    assert "video_call" in r.output and "why:" in r.output and "të mërkurën" in r.output


@needs_shared
def test_python_api_returns_dataframes(ingested_db):
    db = dyad.open(str(ingested_db))
    ev = db.events(dyad="CHN-RUS", plover="CONSULT")
    assert len(ev) >= 3 and {"cameo", "num_articles", "languages"} <= set(ev.columns)
    top = ev.sort_values("num_articles").iloc[-1]
    ms = db.mentions(event_id=int(top["id"]))
    assert len(ms) >= int(top["num_articles"])
    assert len(db.articles()) >= 37
    actors = db.actors(country="RUS")
    assert "Q7747" in set(actors["id"])
    doc = dyad.extract("Chinese President Xi Jinping held a phone call with Russian President Vladimir Putin on Tuesday.",
                       published="2026-02-04")
    assert doc.events[0].cameo == "041" and doc.events[0].date == "2026-02-03"
