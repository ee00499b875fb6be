"""Every event concept in every language: one short sentence per concept (tests/fixtures/probes,
written for the suite by hand from a list of the acts PLOVER counts, never taken from the
evaluation articles) is coded with its PLOVER type by the lexicon alone (the fast profile).
A language file that cannot code "police arrested 20 protesters" has a gap a user will hit."""
import json
from pathlib import Path

import pytest

from dyad.pipeline import extract

PROBES = Path(__file__).parent / "fixtures" / "probes"
CASES = [(p.stem, json.loads(line)) for p in sorted(PROBES.glob("*.jsonl"))
         for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_probe_file_covers_the_english_concepts():
    english = {c["concept"] for lang, c in CASES if lang == "en"}
    for path in PROBES.glob("*.jsonl"):
        have = {json.loads(line)["concept"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        assert english - have == set(), f"{path.stem} lacks {sorted(english - have)}"


@pytest.mark.parametrize("lang, probe", [
    pytest.param(lang, c, marks=pytest.mark.xfail(reason=c["known_gap"], strict=True)) if c.get("known_gap")
    else (lang, c) for lang, c in CASES], ids=[f"{lang}-{c['concept']}" for lang, c in CASES])
def test_a_concept_is_coded_in_its_language(lang, probe):
    # a probe marked `known_gap` states a gap the code (not the language's data) leaves
    # open: strict, so that the mark goes when the gap is closed
    doc = extract(probe["text"], profile="fast", language=lang)
    coded = {e.plover for e in doc.events if e.modality == "asserted"}
    assert probe["plover"] in coded, (
        f"{probe['text']!r}: got {sorted(coded) or 'nothing'}; "
        f"below threshold: {doc.meta.get('below_threshold')}")
