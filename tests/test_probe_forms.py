"""Every event concept in the forms news writes it, with its parties: headlines and nouns
("Arrest of 20 activists in Tbilisi"), passives without an agent ("20 protesters were
detained"), offices instead of names ("the Turkish foreign minister accused Greece"),
collective and plural subjects. One hand-written sentence per line in
tests/fixtures/probe_forms/<lang>.jsonl (written for the suite, never taken from the
evaluation articles): the lexicon alone (the fast profile) must code an asserted event of
the PLOVER type with the source and target countries given (`null`: the sentence names
none, and any country or none is accepted on that side)."""
import json
from pathlib import Path

import pytest

from dyad.pipeline import extract

FORMS = Path(__file__).parent / "fixtures" / "probe_forms"
CASES = [(p.stem, i, json.loads(line)) for p in sorted(FORMS.glob("*.jsonl"))
         for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()) if line.strip()]


def _country(mention):
    return mention.actor.country if mention is not None else None


@pytest.mark.parametrize("lang, n, probe", [
    pytest.param(lang, n, c, marks=pytest.mark.xfail(reason=c["known_gap"], strict=True)) if c.get("known_gap")
    else (lang, n, c) for lang, n, c in CASES], ids=[f"{lang}-{n}-{c['concept']}" for lang, n, c in CASES])
def test_a_concept_in_another_form_is_coded_with_its_parties(lang, n, probe):
    doc = extract(probe["text"], profile="fast", language=lang)
    got = [(e.plover, _country(e.source), _country(e.target)) for e in doc.events if e.modality == "asserted"]
    want_source, want_target = probe.get("source"), probe.get("target")
    assert any(plover == probe["plover"]
               and (want_source is None or source == want_source)
               and (want_target is None or target == want_target)
               for plover, source, target in got), (
        f"{probe['text']!r}: want {probe['plover']} {want_source} -> {want_target}, got {got or 'nothing'}; "
        f"below threshold: {doc.meta.get('below_threshold')}")
