"""Leaders of European and American countries (kb/people_euam.jsonl): named people are
event parties of the right country, and ordinary words near their short forms are no people."""
import pytest

from dyad.actors import office_holder
from dyad.pipeline import extract

MEETINGS = [
    # (language, sentence, source country, target country)
    ("en", "Nicolás Maduro met Gustavo Petro in Caracas on Monday.", "VEN", "COL"),
    ("es", "Petro se reunió con Bukele en San Salvador el lunes.", "COL", "SLV"),
    ("ru", "Мадуро встретился с Густаво Петро в Каракасе в понедельник.", "VEN", "COL"),
    ("ar", "التقى مادورو بيترو في كاراكاس يوم الاثنين.", "VEN", "COL"),
    ("zh", "马杜罗周一在加拉加斯会见了佩特罗。", "VEN", "COL"),
    ("de", "Stubb traf Frederiksen am Montag in Helsinki.", "FIN", "DNK"),
    ("fr", "Díaz-Canel a rencontré Lula à La Havane lundi.", "CUB", "BRA"),
    ("uk", "Фіцо зустрівся з Бабішем у Братиславі в понеділок.", "SVK", "CZE"),
    ("tr", "Kristersson, Pazartesi günü Støre ile Oslo'da görüştü.", "SWE", "NOR"),
    ("pl", "Nausėda spotkał się z Siliņą w Rydze w poniedziałek.", "LTU", "LVA"),
    ("el", "Ο Χριστοδουλίδης συναντήθηκε με τον Μιτσκόσκι τη Δευτέρα.", "CYP", "MKD"),
    ("it", "Van der Bellen ha incontrato Orpo a Vienna lunedì.", "AUT", "FIN"),
    ("ko", "마두로는 월요일 카라카스에서 페트로와 회담했다.", "VEN", "COL"),
    ("hi", "मादुरो ने सोमवार को पेट्रो से मुलाकात की।", "VEN", "COL"),
    ("pt", "Noboa reuniu-se com Boric em Santiago na segunda-feira.", "ECU", "CHL"),
    ("nl", "De Wever ontmoette Mette Frederiksen maandag in Brussel.", "BEL", "DNK"),
    ("sr", "Ђукановић се у понедељак састао са Мицкоским у Скопљу.", "MNE", "MKD"),
]


@pytest.mark.parametrize("lang,text,source,target", MEETINGS)
def test_named_leaders_meet(lang, text, source, target):
    doc = extract(text, profile="fast", language=lang)
    evs = [(e.plover, e.source.actor.country if e.source else None, e.target.actor.country if e.target else None)
           for e in doc.events]
    assert ("CONSULT", source, target) in evs, evs


WORDS = [
    # ordinary words close to the short forms of leaders' names
    ("es", "El plátano maduro cayó del árbol y el duque dio un mordisco."),
    ("pt", "O fruto está maduro e eu fico aqui com o Ortega da padaria."),
    ("it", "Il mulino e il fico degli orsi, in un breve lasso di tempo."),
    ("nl", "De kast staat naast het raam en hij schoof de stoel naar achteren."),
    ("fr", "Le prévôt but un verre de cassis et sortit ses cartes."),
    ("de", "Der Stocker stand kurz vor der Tür."),
    ("ru", "Киска спала на диване, а лассо висело на стене."),
    ("hr", "Evo, Borić je došao kući."),
    ("ja", "カシスオレンジを飲みながらカストロ議長の演説を聞いた。"),
    ("zh", "劳尔和帕维尔在桑托斯踢球。"),
    ("en", "The cowboy threw a lasso and the band played Petro's favourite song."),
    ("ar", "غنت سيلينا أغنية عن عصفورة صغيرة."),
]


@pytest.mark.parametrize("lang,text", WORDS)
def test_ordinary_words_are_no_people(lang, text):
    doc = extract(text, profile="fast", language=lang)
    people = [(doc.text[m.start:m.end], m.actor.id) for m in doc.actors if m.actor.kind == "person"]
    assert not people, people


@pytest.mark.parametrize("country,role,date,name", [
    ("VEN", "head_of_state", "2020-06-01", "Nicolás Maduro"),
    ("COL", "head_of_state", "2019-06-01", "Iván Duque"),
    ("CUB", "head_of_government", "2023-06-01", "Manuel Marrero Cruz"),
    ("NLD", "head_of_government", "2025-01-01", "Dick Schoof"),
    ("AUT", "head_of_government", "2022-06-01", "Karl Nehammer"),
    ("CZE", "head_of_government", "2023-06-01", "Petr Fiala"),
    ("CHE", "head_of_state", "2024-06-01", "Viola Amherd"),
    ("GRC", "head_of_government", "2024-06-01", "Kyriakos Mitsotakis"),
])
def test_office_holders_by_date(country, role, date, name):
    assert office_holder(country, role, date)["name"] == name
