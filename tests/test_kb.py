"""The knowledge base: shipped data integrity, office holders by date, Wikidata import."""
import json
from pathlib import Path

from click.testing import CliRunner

from dyad import resources
from dyad.actors import office_holder
from dyad.cli import main
from dyad.pipeline import extract

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "entities.json"


def test_shipped_records_are_well_formed():
    ids = set()
    for rec in resources.kb_records():
        assert rec["id"] not in ids
        ids.add(rec["id"])
        assert rec.get("kind") in ("person", "country", "org", "place"), rec["id"]
        assert isinstance(rec.get("names"), dict) and rec["names"], rec["id"]
        for role in rec.get("roles") or []:
            assert role.get("start") is None or len(role["start"]) == 10, rec["id"]
            assert role.get("end") is None or role["start"] is None or role["start"] <= role["end"], rec["id"]


def test_leaders_change_with_the_date():
    assert office_holder("RUS", "head_of_state", "2026-02-04")["name"] == "Vladimir Putin"
    assert office_holder("CHN", "foreign_minister", "2024-06-10")["name"] == "Wang Yi"
    us_2022 = office_holder("USA", "head_of_state", "2022-06-01")
    us_2026 = office_holder("USA", "head_of_state", "2026-02-04")
    assert us_2022 and us_2026 and us_2022["id"] != us_2026["id"]


def test_import_wikidata_entities_then_match_by_name_and_office(tmp_path, monkeypatch):
    kb_dir = tmp_path / "kb"
    monkeypatch.setenv("DYAD_KB_DIR", str(kb_dir))
    result = CliRunner().invoke(main, ["kb", "import", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "imported 1 entities" in result.output
    recs = [json.loads(line) for line in (kb_dir / "imported.jsonl").read_text().splitlines()]
    person = recs[0]
    assert person["id"] == "Q999000001" and person["country"] == "ALB"
    assert {"role": "head_of_state", "country": "ALB", "start": "2031-07-24", "end": None} in person["roles"]
    assert {"role": "foreign_minister", "country": "ALB", "start": "2027-01-10", "end": "2031-07-24"} in person["roles"]
    assert "Testi" in person["names"]["sq"] and "أربن تستي" in person["names"]["ar"]
    resources.clear_caches()
    from dyad import actors
    actors.matcher.cache_clear()
    actors.kb_index.cache_clear()
    try:
        doc = extract("Presidenti Testi priti sot në Tiranë një delegacion.", language="sq", published="2032-03-01")
        assert any(m.actor.id == "Q999000001" for m in doc.actors)
        # the office resolves to the imported holder on that date
        assert office_holder("ALB", "head_of_state", "2032-03-01")["id"] == "Q999000001"
        assert office_holder("ALB", "foreign_minister", "2029-01-01")["id"] == "Q999000001"
        assert office_holder("ALB", "head_of_state", "2030-01-01") is None or \
            office_holder("ALB", "head_of_state", "2030-01-01")["id"] != "Q999000001"
        # importing twice does not duplicate
        CliRunner().invoke(main, ["kb", "import", str(FIXTURE)])
        assert len((kb_dir / "imported.jsonl").read_text().splitlines()) == 1
    finally:
        monkeypatch.delenv("DYAD_KB_DIR")
        resources.clear_caches()
        actors.matcher.cache_clear()
        actors.kb_index.cache_clear()
