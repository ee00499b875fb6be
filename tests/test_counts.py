"""Counts conflict users rely on: the figure a sentence states for its event, and no
figure where it states none (a year, an article "a"/"uno")."""
import pytest

from dyad.counts import find_counts
from dyad.pipeline import extract


@pytest.mark.parametrize("sentence, lang, expected", [
    # number words written as one word
    ('De politie heeft zondag "richting de vierhonderd" mensen gearresteerd.', "nl", {"arrested": 400}),
    ("Die Polizei hat zweihundert Demonstranten festgenommen.", "de", {"arrested": 200}),
    # a year is not a count; an article after the verb is not "one"
    ("I due tecnici, rapiti nel 2015, venivano uccisi in uno scontro a Sabrata.", "it", {}),
    ("2000 protesters gathered outside parliament.", "en", {"size": 2000}),
    # a subject's number a long noun phrase before its verb
    ("Khoảng 200 tay súng của nhóm nổi dậy đã bị tiêu diệt", "vi", {"killed": 200, "approximate": ["killed"]}),
])
def test_a_sentence_gives_the_count_it_states(sentence, lang, expected):
    assert find_counts(sentence, lang) == expected


def test_an_event_keeps_the_figure_its_first_report_states():
    # the later, larger figure is another release recalled, not this one's toll
    doc = extract("KABUL, June 18 (Reuters) - Afghanistan's government released 900 Taliban prisoners on "
                  "Tuesday, officials said. The government released 2,000 Taliban prisoners after the "
                  "ceasefire, the officials said.", profile="fast", language="en")
    releases = [e for e in doc.events if e.plover == "RETREAT"]
    assert releases and releases[0].counts.get("released") == 900
    # ... and the other figure is an event of its own, not a restatement of this one
    assert [e.counts.get("released") for e in releases if e.type == "release"] == [900, 2000]


def test_tallies_that_differ_part_two_events_of_one_article():
    doc = extract("THE HAGUE, March 14 - Police arrested 400 people during a protest against the lockdown "
                  "in The Hague on Sunday. Earlier in the day police detained eight demonstrators.",
                  profile="fast", language="en")
    arrests = sorted(e.counts.get("arrested") for e in doc.events if e.plover == "COERCE")
    assert arrests == [8, 400]


def test_a_vague_tally_and_the_exact_figure_in_its_range_are_one_event():
    doc = extract("KYIV, May 2 - Thousands protested in Kyiv on Saturday. About 3,000 people marched in "
                  "Kyiv against the new law, police said.", profile="fast", language="en")
    protests = [e for e in doc.events if e.plover == "PROTEST"]
    assert len(protests) == 1


@pytest.mark.parametrize("sentence, lang, expected", [
    ("경찰은 경찰관을 폭행한 보수단체 회원 35명을 공무집행방해 등 혐의로 체포해 혜화경찰서 등 4개 경찰서로 연행했다.", "ko",
     {"arrested": 35}),                      # four police stations, not four arrested
    ("警方逮捕了3年前参加抗议的20人", "zh", {"arrested": 20}),
    ("Police arrested 12 people within 5 km of the parliament.", "en", {"arrested": 12}),
])
def test_a_number_of_things_is_not_a_count_of_people(sentence, lang, expected):
    assert find_counts(sentence, lang) == expected


def test_a_release_and_a_ceasefire_in_one_article_are_two_acts_of_retreat():
    doc = extract("ADEN, June 2 - The Houthis released 14 prisoners on Monday. The Houthis also declared "
                  "a ceasefire on Monday.", profile="fast", language="en")
    assert {e.type for e in doc.events if e.plover == "RETREAT" and e.modality == "asserted"} == \
        {"release", "ceasefire"}
