"""Regions (provinces, states, oblasts, well-known regions) as places with a country."""
import pytest

from dyad.pipeline import extract
from dyad.places import place


def _places(text: str, lang: str) -> list[tuple[str, str]]:
    doc = extract(text, profile="fast", published="2024-06-04", language=lang)
    return [(doc.text[p.start:p.end], place(p.label).country) for p in doc.places]


@pytest.mark.parametrize("text, lang, expected", [
    ("Homens armados atacaram uma aldeia na província de Cabo Delgado.", "pt", [("Cabo Delgado", "MOZ")]),
    ("Допомогу надсилають із Полтавської, Закарпатської та Львівської областей.", "uk",
     [("Полтавської", "UKR"), ("Закарпатської", "UKR"), ("Львівської", "UKR")]),   # the adjective alone
    ("Обстрелы Донецкой области продолжаются.", "ru", [("Донецкой", "UKR")]),
    ("Fighting in Tigray and in the Gaza Strip continued.", "en", [("Tigray", "ETH"), ("Gaza Strip", "PSE")]),
    ("Gunmen attacked a market in Borno, Nigeria, on Friday.", "en", [("Borno", "NGA")]),
])
def test_a_region_named_alone_gives_its_country(text, lang, expected):
    assert _places(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("The North and the East said nothing, and the Centre was silent.", "en"),
    ("Le Nord et le Centre ont voté, l'Est aussi.", "fr"),
    ("El Sur y la Capital votaron, y el Central también.", "es"),
    ("A região Leste e a Norte votaram.", "pt"),
    ("Unity and the Great Lakes were themes of the summit.", "en"),
    ("Kara kuvvetlerinin tatbikatı yarın başlayacak.", "tr"),          # land forces, not Kara in Togo
    ("Përfaqësuesi i Lartë i Bashkimit Evropian foli.", "sq"),          # the High Representative
])
def test_a_region_name_that_is_a_common_word_is_not_a_place(text, lang):
    assert _places(text, lang) == []


def test_a_one_word_region_needs_its_country_named():
    assert _places("Gunmen attacked a market in Borno on Friday.", "en") == []
    assert _places("Nigerian police said gunmen attacked a market in Borno.", "en") == [("Borno", "NGA")]


def test_a_city_named_like_its_region_is_the_city():
    doc = extract("Police arrested 20 protesters in Kano, Kano State, on Monday.", profile="fast",
                  published="2024-06-04", language="en")
    assert doc.places and all(p.label.startswith("gn:") for p in doc.places)


def test_unnamed_gunmen_take_the_country_of_the_region_they_attacked_in():
    doc = extract("Unknown gunmen killed five villagers in Cabo Delgado on Sunday.", profile="fast",
                  published="2024-06-04", language="en")
    attacks = [e for e in doc.events if e.plover == "ASSAULT"]
    assert attacks and attacks[0].source.actor.country == "MOZ"
    assert attacks[0].location["country"] == "MOZ" and attacks[0].location["lat"] is None


def test_an_event_takes_the_city_of_its_sentence_before_the_region():
    doc = extract("Insurgents attacked Pemba in Cabo Delgado province on Sunday.", profile="fast",
                  published="2024-06-04", language="en")
    attacks = [e for e in doc.events if e.plover == "ASSAULT"]
    assert attacks and attacks[0].location["id"].startswith("gn:"), attacks[0].location


@pytest.mark.parametrize("text, lang", [
    ("Desconhecidos atacaram uma aldeia pelas 17:00 de domingo (15:00 em Lisboa) e queimaram casas.", "pt"),
    ("The attack began at 9:00 (06:00 in London) and lasted an hour.", "en"),
])
def test_a_city_in_a_time_conversion_is_not_a_place_nor_a_government(text, lang):
    doc = extract(text, profile="fast", published="2024-06-04", language=lang)
    assert doc.places == []
    assert not [m for m in doc.actors if m.via == "metonym"]


def test_a_city_outside_a_time_conversion_stays_a_place():
    assert _places("Gunmen attacked a market in London (the capital) at 9:00.", "en") == [("London", "GBR")]


@pytest.mark.parametrize("text, lang", [
    ("Gunmen attacked a village in Cabo Delgado on Sunday. Elsewhere in the province, gunmen attacked "
     "another village on Sunday.", "en"),
    ("Homens armados atacaram uma aldeia em Cabo Delgado no domingo. Noutro ponto da província, homens "
     "armados atacaram outra aldeia no domingo.", "pt"),
])
def test_an_event_reported_elsewhere_is_an_event_of_its_own(text, lang):
    doc = extract(text, profile="fast", published="2024-06-04", language=lang)
    assert len([e for e in doc.events if e.plover == "ASSAULT"]) == 2, [(e.plover, e.rule) for e in doc.events]


@pytest.mark.parametrize("url, country", [
    ("https://observador.pt/2024/12/20/indultos/", "PRT"),
    ("https://g1.globo.com/politica/indultos/", "BRA"),
])
def test_the_web_address_tells_which_home_country_an_unnamed_office_belongs_to(url, country):
    """"O Presidente da República" in Portuguese: Portugal's on a .pt site; Brazil's, the
    language's first home country, elsewhere."""
    doc = extract("O Presidente da República concedeu dois indultos por razões humanitárias.", profile="fast",
                  published="2024-12-20", language="pt", url=url)
    concessions = [e for e in doc.events if e.plover == "CONCEDE"]
    assert concessions and concessions[0].source.actor.country == country, [(e.plover, e.rule) for e in doc.events]


@pytest.mark.parametrize("text, lang, expected", [
    ("Η διαδήλωση έγινε στη συμβολή της λεωφόρου Βασιλίσσης Σοφίας στην Αθήνα.", "el", [("Αθήνα", "GRC")]),
    ("Protesters gathered on Moscow Street in Kyiv.", "en", [("Kyiv", "UKR")]),
    ("Митинг прошёл на улице Тбилиси в Москве.", "ru", [("Москве", "RUS")]),
])
def test_a_street_named_after_a_city_is_not_that_city(text, lang, expected):
    assert _places(text, lang) == expected


def test_a_two_character_region_name_inside_a_chinese_name_is_not_a_place():
    # 萨尔 (Saarland) inside 费萨尔 (Faisal); 四川省 stays Sichuan
    assert _places("德国总理访问沙特,费萨尔亲王迎接。", "zh") == []
    assert _places("四川省发生地震。", "zh") == [("四川省", "CHN")]


def test_civilians_an_attack_kills_are_of_the_other_country_their_sentence_names():
    """The article is most about the attacker; the villagers are Afghan, not American."""
    text = ("Afghan officials have said a U.S. airstrike has killed 17 villagers. The U.S. military said "
            "the United States would investigate. American officials said U.S. forces acted in self-defence.")
    doc = extract(text, profile="fast", published="2024-06-04", language="en")
    attacks = [e for e in doc.events if e.plover == "ASSAULT"]
    assert attacks and attacks[0].source.actor.country == "USA"
    assert attacks[0].target is not None and attacks[0].target.actor.country == "AFG", attacks[0].rule


def test_what_police_do_at_a_protest_they_do_to_the_protesters():
    text = ("Thousands of pensioners protested outside parliament in Athens on Tuesday. "
            "Riot police threatened to use tear gas.")
    doc = extract(text, profile="fast", published="2024-06-04", language="en")
    threats = [e for e in doc.events if e.plover == "THREATEN"]
    assert threats, [(e.plover, e.rule) for e in doc.events]
    assert threats[0].target is not None and threats[0].target.actor.sector == "OPP", threats[0].rule
    assert threats[0].target.actor.country == "GRC"


def test_police_without_a_protest_take_no_protesters_for_target():
    doc = extract("Riot police threatened to use tear gas in Athens on Tuesday.", profile="fast",
                  published="2024-06-04", language="en")
    assert all(e.target is None or e.target.actor.sector != "OPP" for e in doc.events)
