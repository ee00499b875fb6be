"""Several real events that a coder folded into one, and sentences a scraper glued."""
import pytest

from dyad.sentences import split


def _texts(t):
    return [t[s.start:s.end] for s in split(t)]


def test_glued_full_stop_ends_a_sentence():
    # a page flattened by a scraper: no space after the full stop
    assert _texts("a transmis Jandarmeria Bucuresti.Protestatarii au un banner mare.") == [
        "a transmis Jandarmeria Bucuresti.", "Protestatarii au un banner mare."]
    assert len(split("روابط خود را با ایران قطع کرده است.سودان هم سفیر ایران را اخراج کرده بود.")) == 2


def test_glued_dot_in_names_and_addresses_is_kept():
    for t in ("See www.Example.Com and ASP.NET today.", "Read news.bg and the U.S.Army report.",
              "Visit https://site.com/Path.Html now.", "It costs 3.5 euros."):
        assert len(split(t)) == 1, t


def _pairs(text, lang, plover, published="2024-06-04"):
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published=published, language=lang)
    return sorted((e.source.actor.country, e.target.actor.country) for e in doc.events
                  if e.plover == plover and e.modality == "asserted" and e.source and e.target)


@pytest.mark.parametrize("text, lang", [
    ("Russia expelled diplomats of Germany, Sweden and Poland on Tuesday.", "en"),
    ("Россия во вторник выслала дипломатов Германии, Швеции и Польши.", "ru"),
    ("طردت روسيا دبلوماسيين من ألمانيا والسويد وبولندا يوم الثلاثاء.", "ar"),
    ("俄罗斯周二驱逐了德国、瑞典和波兰的外交官。", "zh"),
])
def test_an_expulsion_of_a_list_of_countries_is_one_event_per_country(text, lang):
    assert _pairs(text, lang, "SANCTION") == [("RUS", "DEU"), ("RUS", "POL"), ("RUS", "SWE")]


def test_countries_listed_as_the_source_act_each():
    assert _pairs("Germany and Poland expelled Russian diplomats on Tuesday.", "en", "SANCTION") == [
        ("DEU", "RUS"), ("POL", "RUS")]


def test_a_country_far_from_the_list_is_no_partner():
    # the second country is not in a list with the first: one expulsion
    assert _pairs("Russia expelled diplomats of Germany after the protests that the embassy of Poland "
                  "had supported.", "en", "SANCTION") == [("RUS", "DEU")]


@pytest.mark.parametrize("text, lang", [
    ("Russia expelled diplomats of Germany since the war in Poland began.", "en"),
    ("Russia expelled diplomats of Germany in Poland on Tuesday.", "en"),
])
def test_countries_not_joined_by_a_comma_or_an_and_are_no_list(text, lang):
    assert ("RUS", "DEU") in _pairs(text, lang, "SANCTION")
    assert ("RUS", "POL") not in _pairs(text, lang, "SANCTION")


def test_talks_between_two_leaders_are_not_split_by_their_list():
    from dyad.pipeline import extract

    doc = extract("The call followed a video conversation between Xi and Putin on Monday.", profile="fast",
                  published="2024-06-04", language="en")
    assert len([e for e in doc.events if e.plover == "CONSULT"]) <= 1


def test_an_arrest_and_a_blockade_are_two_coercions_and_one_arrest_stated_twice_is_one():
    from dyad.pipeline import extract

    doc = extract("Police arrested 20 protesters in Paris on Saturday. Police also blockaded the streets around "
                  "the parliament in Paris on Saturday.", profile="fast", published="2024-06-04", language="en")
    assert sorted(e.cameo for e in doc.events if e.plover == "COERCE") == ["173", "191"]
    doc = extract("Police arrested 20 protesters in Paris on Saturday. The police detained 20 people in Paris.",
                  profile="fast", published="2024-06-04", language="en")
    assert [e.cameo for e in doc.events if e.plover == "COERCE"] == ["173"]


def test_a_hindi_sentence_ending_in_a_full_stop_is_not_taken_for_an_initial():
    t = ("भारतीय सेना इस वक्त दो जरुरी युद्धाभ्यास कर रही है. एक सैन्य अभ्यास भारत और किर्गिस्तान की सेनाएं "
         "कर रही है. विदेश मंत्री एस. जयशंकर ने कहा.")
    assert len(split(t, lang="hi")) == 3


@pytest.mark.parametrize("text, lang", [
    ("Russia and China vetoed the resolution of the United States on Friday.", "en"),
    ("Rusia y China vetaron este viernes la resolución de Estados Unidos.", "es"),
])
def test_two_countries_that_veto_veto_each(text, lang):
    assert _pairs(text, lang, "REJECT") == [("CHN", "USA"), ("RUS", "USA")]
