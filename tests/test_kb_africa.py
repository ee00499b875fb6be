"""Leaders of African countries (kb/people_africa.jsonl): named people are event parties of
the right country, and ordinary words near their short forms are no people."""
import pytest

from dyad.actors import office_holder
from dyad.pipeline import extract

MEETINGS = [
    # (language, sentence, source country, target country)
    ("en", "Ruto met Abiy in Addis Ababa on Monday.", "KEN", "ETH"),
    ("fr", "Tshisekedi a rencontré Ruto à Nairobi lundi.", "COD", "KEN"),
    ("ru", "Руто встретился с Абием Ахмедом в Аддис-Абебе в понедельник.", "KEN", "ETH"),
    ("ar", "التقى عبد الفتاح البرهان بآبي أحمد في أديس أبابا يوم الاثنين.", "SDN", "ETH"),
    ("ar", "استقبل حفتر الرئيس تبون في بنغازي يوم الاثنين.", "LBY", "DZA"),
    ("zh", "鲁托周一在内罗毕会见了齐塞克迪。", "KEN", "COD"),
    ("ja", "ハフタル氏は月曜日、ブーテフリカ氏とアルジェで会談した。", "LBY", "DZA"),
    ("ko", "티누부는 월요일 아부자에서 고이타와 회담했다.", "NGA", "MLI"),
    ("hi", "रुटो ने सोमवार को अदीस अबाबा में अबी अहमद से मुलाकात की।", "KEN", "ETH"),
    ("de", "Tebboune traf am Montag Akhannouch in Algier.", "DZA", "MAR"),
    ("tr", "Hafter, Pazartesi günü Tebbun ile Cezayir'de görüştü.", "LBY", "DZA"),
    ("es", "Tinubu se reunió con Bazoum en Niamey el lunes.", "NGA", "NER"),
    ("fa", "حفتر روز دوشنبه با تبون در الجزایر دیدار کرد.", "LBY", "DZA"),
    ("he", "קניאטה נפגש עם מאצ'אר ביום שני בג'ובה.", "KEN", "SSD"),
    ("el", "Ο Τσισεκέντι συναντήθηκε με τον Ρούτο τη Δευτέρα στο Ναϊρόμπι.", "COD", "KEN"),
    ("uk", "Теббун зустрівся з Бурітою в понеділок.", "DZA", "MAR"),
    ("sr", "Руто се у понедељак састао са Чисекедијем у Најробију.", "KEN", "COD"),
    ("pl", "Tinubu spotkał się z Goïtą w poniedziałek w Bamako.", "NGA", "MLI"),
    ("id", "Tebboune bertemu dengan Kais Saied di Tunis pada hari Senin.", "DZA", "TUN"),
]


@pytest.mark.parametrize("lang,text,source,target", MEETINGS)
def test_named_leaders_meet(lang, text, source, target):
    doc = extract(text, profile="fast", language=lang)
    evs = [(e.plover, e.source.actor.country if e.source else None, e.target.actor.country if e.target else None)
           for e in doc.events]
    assert ("CONSULT", source, target) in evs, evs


WORDS = [
    # ordinary words close to the short forms of leaders' names
    ("ar", "قرأ الطالب البرهان الرياضي على السبورة وأشار إلى النتيجة المشار إليها."),
    ("ar", "ارتفعت صادرات القطاع النفطي وقال سعيد إن السراج مضاء."),
    ("zh", "我们周一飞往阿比让，然后去了基尔港。"),
    ("ja", "ボルトを締めて、ブリタのフィルターを交換した。"),
    ("uk", "Ціни на нафти зросли, а бемба не прийшла."),
    ("es", "El chapo de madera y el roble del jardín."),
    ("tr", "Burhan Bey ve Samia Hanım pazara gitti."),
    ("fr", "Le roi a mangé une poire et la mara a couru."),
    ("hi", "पेड़ पर एक कीर बैठा था।"),
    ("en", "The Bemba language is spoken in Zambia, and the roble tree grows in Chile."),
    ("ko", "아비는 아들과 함께 시장에 갔다."),
    ("he", "הראיה הזאת אינה קבילה בבית המשפט."),
    ("ko", "뉴시스 기자가 월요일 시장에서 사진을 찍었다."),
    ("hi", "उस कबीला के लोग सोमवार को शहर आए।"),
    ("ar", "اشترت سلال الفاكهة من السوق بعد الثني على جهودها."),
    ("zh", "乔纳森和洛伦索周一在拉马拉见面。"),
]


@pytest.mark.parametrize("lang,text", WORDS)
def test_ordinary_words_are_no_people(lang, text):
    doc = extract(text, profile="fast", language=lang)
    people = [(doc.text[m.start:m.end], m.actor.id) for m in doc.actors if m.actor.kind == "person"]
    assert not people, people


@pytest.mark.parametrize("country,role,date,name", [
    ("ETH", "head_of_government", "2017-06-01", "Hailemariam Desalegn"),
    ("ETH", "head_of_government", "2024-06-01", "Abiy Ahmed"),
    ("SDN", "head_of_state", "2018-06-01", "Omar al-Bashir"),
    ("SDN", "head_of_state", "2024-06-01", "Abdel Fattah al-Burhan"),
    ("NGA", "head_of_state", "2020-06-01", "Muhammadu Buhari"),
    ("KEN", "foreign_minister", "2021-06-01", "Raychelle Omamo"),
    ("TUN", "head_of_government", "2022-06-01", "Najla Bouden"),
    ("MLI", "head_of_state", "2023-06-01", "Assimi Goïta"),
    ("DZA", "foreign_minister", "2024-06-01", "Ahmed Attaf"),
])
def test_office_holders_by_date(country, role, date, name):
    holder = office_holder(country, role, date)
    assert holder and holder["name"] == name, holder
