"""Every language of the list is coded: one news report per language (written for the
test suite), its language detected, each expected event found, and no extra asserted
event. Expected events give the country pair (direction counts except for CONSULT),
the CAMEO code (root, and whether it is a call) and the date."""
import json
from pathlib import Path

import pytest

from dyad.pipeline import pipe
from dyad.readers import iter_paths

FIX = Path(__file__).parent / "fixtures" / "lang"
CASES = sorted(p for p in FIX.glob("*.txt"))
# the languages dyad must not be a zero in (issue: Code events in 30 languages)
REQUIRED = ["ar", "sq", "en", "ru", "zh", "fr", "es", "de", "tr", "uk", "fa", "hi", "ur", "it", "pt", "id",
            "ja", "ko", "el", "ro", "bg", "sr", "hr", "bs", "hy", "az", "ta", "he", "pl", "vi"]


def _matches(exp: dict, ev) -> bool:
    if ev.plover != exp["plover"] or ev.cameo[:2] != exp["cameo"][:2] or (ev.cameo == "041") != (exp["cameo"] == "041"):
        return False
    src, tgt = ev.source.actor.country if ev.source else None, ev.target.actor.country if ev.target else None
    if exp["plover"] == "CONSULT":
        if {src, tgt} != {exp["source"], exp["target"]}:
            return False
    elif (src, tgt) != (exp["source"], exp["target"]):
        return False
    return ev.date == exp.get("date")


def test_every_required_language_has_a_test_article():
    have = {p.name.split("_")[0] for p in CASES}
    missing = [lang for lang in REQUIRED if lang not in have]
    assert not missing, f"no test article for: {missing}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_article_is_coded(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    doc = next(pipe(iter_paths([str(path)])))
    assert doc.error is None
    assert doc.language == expected["language"]
    assert doc.published == expected.get("published")
    asserted = [e for e in doc.events if e.modality == "asserted"]
    unmatched = list(asserted)
    for exp in expected["events"]:
        hit = next((e for e in unmatched if _matches(exp, e)), None)
        assert hit is not None, f"missing {exp}; got {[(e.cameo, e.source.actor.country, e.target.actor.country if e.target else None, e.date) for e in asserted]}"
        unmatched.remove(hit)
    assert not unmatched, "extra asserted events: " + "; ".join(
        f"{e.cameo} {e.source.actor.country}->{e.target.actor.country if e.target else None} {e.date}: "
        f"{doc.text[e.evidence.start:e.evidence.end][:80]}" for e in unmatched)
