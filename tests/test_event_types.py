"""Every conflict family in every language of the list: a short news report per language
and type (written for the suite: tests/fixtures/events, format in docs/adding-a-language.md)
is coded with its PLOVER type, its actors' countries, its place (linked to the gazetteer,
with coordinates) and the counts it states."""
import json
from pathlib import Path

import pytest

from dyad.pipeline import pipe
from dyad.readers import iter_paths

FIX = Path(__file__).parent / "fixtures" / "events"
CASES = sorted(FIX.glob("*.txt"))
TYPES = ["protest", "assault", "coerce", "mobilize", "sanction"]
LANGUAGES = ["ar", "sq", "en", "ru", "zh", "fr", "es", "de", "tr", "uk", "fa", "hi", "ur", "it", "pt", "id",
             "ja", "ko", "el", "ro", "bg", "sr", "hr", "bs", "hy", "az", "ta", "he", "pl", "vi"]


def test_every_language_has_an_article_for_every_conflict_type():
    have = {p.stem for p in CASES}
    missing = [f"{lang}_{t}" for lang in LANGUAGES for t in TYPES if f"{lang}_{t}" not in have]
    assert not missing, f"no event test article for: {missing}"


def _country(m):
    return m.actor.country if m is not None else None


def _fits(exp: dict, ev) -> list[str]:
    """What about this event differs from the expected one (empty when it fits)."""
    why = []
    if ev.plover != exp["plover"]:
        return ["type"]
    for side in ("source", "target"):
        if exp.get(side) and _country(getattr(ev, side)) != exp[side]:
            why.append(f"{side} {_country(getattr(ev, side))} != {exp[side]}")
    if exp.get("location"):
        loc = ev.location or {}
        if loc.get("name") != exp["location"]:
            why.append(f"location {loc.get('name')} != {exp['location']}")
        elif loc.get("lat") is None:
            why.append("location has no coordinates")
    for k, v in (exp.get("counts") or {}).items():
        if k != "approximate" and (ev.counts or {}).get(k) != v:
            why.append(f"{k} {(ev.counts or {}).get(k)} != {v}")
    return why


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_conflict_event_is_coded_with_place_and_counts(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    doc = next(pipe(iter_paths([str(path)])))
    assert doc.error is None
    assert doc.language == expected["language"]
    asserted = [e for e in doc.events if e.modality == "asserted"]
    for exp in expected["events"]:
        tried = {id(e): _fits(exp, e) for e in asserted}
        assert any(not w for w in tried.values()), (
            f"{exp} not found; got " + "; ".join(
                f"{e.plover}/{e.type} {_country(e.source)}->{_country(e.target)} at {(e.location or {}).get('name')} "
                f"{e.counts} ({', '.join(tried[id(e)])})" for e in asserted))


@pytest.mark.parametrize("text, place", [
    ("Chinese President Xi Jinping met visiting Russian Foreign Minister Sergei Lavrov in Beijing on Tuesday, "
     "Xinhua reported.", "Beijing"),
    ("Syrian troops shelled rebel positions on Monday, killing five people, SANA reported.", None),
    ("The People's Republic of China and Russia held joint naval drills on Monday.", None),  # not Republic, MO
])
def test_a_news_agency_cited_as_source_is_not_the_place(text, place):
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published="2024-06-04", language="en")
    assert doc.events
    assert {(e.location or {}).get("name") for e in doc.events} == {place}


def test_a_sentence_opening_with_a_subject_pronoun_is_about_the_person_named_before():
    from dyad.pipeline import extract

    doc = extract("Ukrainian President Volodymyr Zelensky arrived in Washington on Monday for talks. "
                  "He thanked the United States for its military support.",
                  profile="fast", published="2024-06-04", language="en")
    thanks = [e for e in doc.events if e.plover == "SUPPORT"]
    assert thanks and (thanks[0].source.actor.country, thanks[0].target.actor.country) == ("UKR", "USA")


@pytest.mark.parametrize("text, lang", [
    ("Op het Malieveld werden zeker honderd demonstranten aangehouden, omdat zij zouden hebben geweigerd te "
     "vertrekken.", "nl"),   # the cue belongs to the reason clause after the comma
    ("Police in Moscow detained dozens of the would-be participants on Saturday.", "en"),  # a compound
])
def test_a_cue_outside_the_triggers_clause_does_not_change_its_modality(text, lang):
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published="2024-06-04", language=lang)
    arrests = [e for e in doc.events if e.plover == "COERCE"]
    assert arrests and all(e.modality == "asserted" for e in arrests)


@pytest.mark.parametrize("text, lang", [
    ("Three days after their summit with Russian President Vladimir Putin in Alaska, US President Donald Trump "
     "hosted Ukrainian President Volodymyr Zelensky at the White House on Monday.", "en"),
    ("Tras su cumbre en Alaska con el presidente ruso Vladimir Putin, el presidente estadounidense Donald Trump "
     "recibió este lunes al presidente ucraniano Volodímir Zelenski en la Casa Blanca.", "es"),
])
def test_an_earlier_event_a_sentence_dates_its_news_by_is_background(text, lang):
    """"after their summit" recalls an earlier event: it is not news of the day."""
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published="2025-08-18", language=lang)
    summit = [e for e in doc.events if {e.source.actor.country, e.target.actor.country} == {"RUS", "USA"}
              and e.type == "meet"]
    assert summit and all(e.modality == "background" for e in summit)
    assert "recalled cue" in summit[0].rule
    assert any(e.modality == "asserted" for e in doc.events)  # the hosting is the news


@pytest.mark.parametrize("text", [
    # the meeting is the article's news: nothing else in the sentence it would be the background of
    "Brazilian President Lula flew home on Friday after a meeting with US President Joe Biden at the White House.",
    # the lead reports the talks; "after the talks" speaks of them again
    "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in Beijing on Thursday. "
    "After the talks, Xi and Putin signed a joint statement on deepening their partnership.",
])
def test_a_recalled_event_that_is_the_news_stays_asserted(text):
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published="2024-05-17", language="en")
    consult = [e for e in doc.events if e.plover == "CONSULT"]
    assert consult and all(e.modality == "asserted" for e in consult)
