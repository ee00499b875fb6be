"""Actors and events on the seed articles: every form the seeds use is linked to one
identity, and each article yields the gold events, once each."""
import pytest

from dyad.pipeline import extract, pipe
from dyad.readers import iter_paths

from conftest import FIXTURES, needs_shared, seed


def coded(n):
    return next(pipe(iter_paths([str(seed(n))])))


def names(doc):
    return {(doc.text[m.start:m.end], m.actor.id) for m in doc.actors}


@needs_shared
def test_albanian_case_endings_link_to_one_identity():
    doc = coded(0)
    found = names(doc)
    assert ("Xi Jinping-u", "Q15031") in found
    assert any(t.startswith("Lavrovit") and i == "person:sergey-lavrov" for t, i in found)
    assert any(t == "Kinës" and i == "CHN" for t, i in found)
    assert any(t == "Rusinë" and i == "RUS" for t, i in found)


@needs_shared
def test_arabic_clitics_and_spelling_variants():
    doc = coded(2)
    found = names(doc)
    assert any(t == "شى جين بينج" and i == "Q15031" for t, i in found)
    assert any("بوتين" in t and i == "Q7747" for t, i in found)
    # "نظيره الروسي" resolves to whoever held the Russian presidency: here named right after it
    doc3 = coded(3)
    assert any(i == "Q7747" for _, i in names(doc3))


def test_office_without_a_name_resolves_to_the_holder_on_that_date():
    doc = extract("وقال الرئيس الروسي إن العلاقات ممتازة.", language="ar", published="2024-10-02")
    assert [m.actor.id for m in doc.actors] == ["Q7747"]
    doc = extract("The Chinese foreign minister arrived in Moscow.", language="en", published="2024-06-10")
    assert doc.actors[0].actor.name == "Wang Yi"


@needs_shared
@pytest.mark.parametrize("n,cameo,pair,date,location", [
    (0, "040", {"CHN", "RUS"}, "2024-04-09", "Beijing"),
    (1, "041", {"CHN", "RUS"}, "2026-02-04", None),
    (2, "041", {"CHN", "RUS"}, None, None),
    (4, "040", {"CHN", "RUS"}, None, None),
])
def test_seed_consultation(n, cameo, pair, date, location):
    doc = coded(n)
    cons = [e for e in doc.events if e.plover == "CONSULT" and e.modality == "asserted"]
    assert len(cons) == 1, [(e.type, e.source.actor.name, e.target.actor.name) for e in cons]
    e = cons[0]
    assert e.cameo == cameo and {e.source.actor.country, e.target.actor.country} == pair
    assert e.date == date
    assert (e.location or {}).get("name") == location
    assert e.evidence.start < e.trigger.start < e.evidence.end


@needs_shared
def test_video_call_is_a_call_with_no_location():
    e = next(e for e in coded(1).events if e.plover == "CONSULT")
    assert e.type == "video_call" and e.mode == "phone" and e.location is None
    assert e.source.actor.name == "Xi Jinping" and e.target.actor.name == "Vladimir Putin"


@needs_shared
def test_messages_keep_their_direction():
    doc = coded(3)
    msgs = [e for e in doc.events if e.plover == "SUPPORT" and e.modality == "asserted"]
    assert any(e.source.actor.country == "RUS" and e.target.actor.country == "CHN" for e in msgs)
    assert any(e.source.actor.country == "CHN" and e.target.actor.country == "RUS" for e in msgs)
    # the May and July meetings are context, not news
    meets = [e for e in doc.events if e.plover == "CONSULT"]
    assert meets and all(e.modality == "background" for e in meets)


def test_one_event_stated_several_times_is_one_event():
    text = ("Chinese President Xi Jinping held a video call with Russian President Vladimir Putin on Wednesday. "
            "During the video call, Xi told Putin that ties were strong. "
            "Putin said in the call that the two countries should cooperate.")
    doc = extract(text, published="2026-02-04", language="en")
    calls = [e for e in doc.events if e.plover == "CONSULT"]
    assert len(calls) == 1 and len(calls[0].mentions) >= 2 and calls[0].date == "2026-02-04"


def test_planned_and_negated_are_flagged():
    doc = extract("Putin will visit China in May. Modi did not meet Trump on Monday.", published="2026-02-04", language="en")
    mods = sorted(e.modality for e in doc.events)
    assert mods == ["negated", "planned"]


@pytest.mark.parametrize("lang,text", [
    # "the programme of Putin's visit provides for his meeting with Premier Li Qiang": a preview
    ("ru", "Программой визита Путина предусмотрена его встреча с премьером Госсовета КНР Ли Цяном."),
    ("uk", "Програмою візиту Зеленського передбачена його зустріч з президентом Польщі Анджеєм Дудою."),
])
def test_a_visit_programme_is_a_plan_not_a_report(lang, text):
    """What a visit's programme provides for has not happened: no asserted event, so the
    preview never joins the visit it announces."""
    doc = extract(text, language=lang)
    consult = [e for e in doc.events if e.plover == "CONSULT"]
    assert consult and all(e.modality == "planned" for e in consult), [(e.type, e.modality) for e in consult]


def test_language_without_a_file_is_coded_by_the_learned_coder():
    # Swedish has no language file: country names from the knowledge base (CLDR), people
    # from their names, and the learned coder over the multilingual encoder
    text = ("Kinas president Xi Jinping hade på tisdagen ett telefonsamtal med Rysslands president Vladimir Putin, "
            "uppger statlig kinesisk tv.\nHandeln mellan Kina och Ryssland minskade med åtta procent förra året.")
    doc = extract(text, published="2025-03-12")
    assert doc.language == "sv"
    evs = [e for e in doc.events if e.modality == "asserted"]
    assert len(evs) == 1 and evs[0].coders == ["learned"] and evs[0].plover == "CONSULT"
    assert evs[0].date == "2025-03-11"
    assert {evs[0].source.actor.country, evs[0].target.actor.country} == {"CHN", "RUS"}


def test_a_new_event_type_is_a_data_change(monkeypatch):
    # an extension directory adds a type to the ontology and a trigger to English: no code
    from dyad import resources

    text = "Russian hackers hacked into the Polish defence ministry's servers on Monday, officials said."
    assert not [e for e in extract(text, published="2026-03-03", language="en").events if e.type == "cyber_attack"]
    monkeypatch.setenv("DYAD_DATA_DIR", str(FIXTURES / "extension"))
    resources.clear_caches()
    try:
        doc = extract(text, published="2026-03-03", language="en")
        evs = [e for e in doc.events if e.type == "cyber_attack"]
        assert len(evs) == 1
        ev = evs[0]
        assert (ev.cameo, ev.plover, ev.mode) == ("170", "COERCE", "cyber")
        assert ev.source.actor.country == "RUS" and ev.date == "2026-03-02"
    finally:
        monkeypatch.delenv("DYAD_DATA_DIR")
        resources.clear_caches()


@pytest.mark.parametrize("text, target", [
    # a report of one country: the unnamed other side of the act is of that country
    ("Bulgarian Prime Minister Rosen Zhelyazkov resigned on Wednesday after weeks of protests in Sofia.", "BGR"),
    # a report of two countries: who it was conceded to is not said, and stays open
    ("Bulgarian Prime Minister Rosen Zhelyazkov resigned on Wednesday, a day after talks with Greece.", None),
])
def test_the_unnamed_side_of_an_act_in_a_one_country_report_is_of_that_country(text, target):
    doc = extract(text, profile="fast", language="en")
    concede = [e for e in doc.events if e.plover == "CONCEDE"]
    assert concede and concede[0].source.actor.country == "BGR"
    assert (concede[0].target.actor.country if concede[0].target else None) == target


def test_a_preview_announces_one_planned_visit_in_all_its_sentences():
    # the second sentence's "agreed with the Chinese side" reads as done on its own
    text = ("Президент России Владимир Путин посетит Китай по приглашению Си Цзиньпина. "
            "Как сообщил помощник президента Юрий Ушаков, официальный визит российского лидера "
            "в Пекин согласован с китайской стороной.")
    doc = extract(text, profile="fast", language="ru")
    visits = [e for e in doc.events if e.plover == "CONSULT"]
    assert visits and all(e.modality == "planned" for e in visits), [(e.modality, e.rule) for e in visits]


def test_talks_held_that_end_on_the_next_meeting_stay_done():
    text = ("Xi Jinping and Vladimir Putin held talks in Beijing. "
            "The two leaders will meet again at the summit in Kazan in October.")
    doc = extract(text, profile="fast", language="en")
    assert any(e.plover == "CONSULT" and e.modality == "asserted" for e in doc.events), \
        [(e.modality, e.rule) for e in doc.events]


def test_a_country_after_a_comma_is_not_the_country_of_the_office_before_it():
    # "The Foreign Ministry summoned Russia's ambassador in Ankara": the ministry is Turkey's
    doc = extract("Dışişleri Bakanlığı, Rusya'nın Ankara Büyükelçisini bakanlığa çağırdı.", profile="fast", language="tr")
    summons = [e for e in doc.events if e.plover == "ACCUSE"]
    assert summons and (summons[0].source.actor.country, summons[0].target.actor.country) == ("TUR", "RUS")


@pytest.mark.parametrize("lang, text, plover", [
    ("en", "Japan demanded that Russia immediately withdraw all its troops from Ukraine.", "RETREAT"),
    ("en", "The Security Council failed to adopt a resolution calling for a ceasefire in Gaza.", "RETREAT"),
    ("ja", "日本政府はロシアに対し、ウクライナからの軍の即時撤収を強く要求した。", "RETREAT"),
])
def test_what_a_request_asks_for_is_not_done(lang, text, plover):
    doc = extract(text, profile="fast", language=lang)
    assert not [e for e in doc.events if e.plover == plover and e.modality == "asserted"], \
        [(e.plover, e.modality, e.rule) for e in doc.events]


def test_a_release_reported_as_done_is_still_done():
    doc = extract("Russia released 20 Ukrainian prisoners on Monday, the ministry said.", profile="fast", language="en")
    assert any(e.plover == "RETREAT" and e.modality == "asserted" for e in doc.events)


def test_an_agentless_release_is_by_the_authorities_of_its_place():
    doc = extract("Zwölf Oppositionelle wurden am Freitag in Minsk aus der Haft entlassen.", profile="fast",
                  language="de")
    release = [e for e in doc.events if e.plover == "RETREAT"]
    assert release and release[0].source.actor.country == "BLR" and release[0].source.actor.sector == "GOV"


@pytest.mark.parametrize("lang, text", [
    ("tr", "Erdoğan-Putin görüşmesi Soçi'de yapıldı"),
    ("en", "Erdogan-Putin talks held in Sochi"),
])
def test_two_leaders_joined_by_a_hyphen_are_two_parties(lang, text):
    doc = extract(text, profile="fast", language=lang)
    assert any(e.plover == "CONSULT" and {e.source.actor.country, e.target.actor.country} == {"TUR", "RUS"}
               for e in doc.events), [(e.plover, e.source, e.target) for e in doc.events]


@pytest.mark.parametrize("text, source, target", [
    ("At the invitation of President Xi Jinping, Vladimir Putin paid a state visit to China on Thursday.", "RUS", "CHN"),
    ("In response to US sanctions, Russia expelled ten American diplomats.", "RUS", "USA"),
])
def test_the_actor_of_an_opening_phrase_is_not_the_subject(text, source, target):
    doc = extract(text, profile="fast", language="en")
    assert any((e.source.actor.country, e.target.actor.country) == (source, target) for e in doc.events if e.target), \
        [(e.plover, e.source, e.target) for e in doc.events]


def test_a_list_of_subjects_after_an_opening_word_keeps_its_first():
    doc = extract("Yesterday Russia, China and India met in Kazan.", profile="fast", language="en")
    assert any(e.source.actor.country == "RUS" for e in doc.events)


@pytest.mark.parametrize("text, plover", [
    ("Twelve opposition activists were freed in Minsk on Friday.", "RETREAT"),
    ("More than 30 protesters were detained in Tbilisi on Saturday night.", "COERCE"),
])
def test_the_people_an_agentless_release_or_arrest_takes_are_its_target(text, plover):
    doc = extract(text, profile="fast", language="en")
    ev = next(e for e in doc.events if e.plover == plover)
    assert ev.source.actor.sector in ("GOV", "COP") and ev.target.actor.sector == "OPP", (ev.source, ev.target)
