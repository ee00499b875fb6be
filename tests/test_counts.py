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


@pytest.mark.parametrize("sentence, lang, expected", [
    ("경찰은 경찰관을 폭행한 보수단체 회원 35명을 공무집행방해 등 혐의로 체포해 혜화경찰서 등 4개 경찰서로 연행했다.", "ko",
     {"arrested": 35}),                      # four police stations, not four arrested
    ("警方逮捕了3年前参加抗议的20人", "zh", {"arrested": 20}),
    ("Police arrested 12 people within 5 km of the parliament.", "en", {"arrested": 12}),
])
def test_a_number_of_things_is_not_a_count_of_people(sentence, lang, expected):
    assert find_counts(sentence, lang) == expected
