"""Leaders of Asia, the Middle East and Oceania (kb/people_asia.jsonl): named in any
script they are the parties of an event, and the ordinary words their short names
resemble are no people."""
import pytest

from dyad.pipeline import extract


@pytest.mark.parametrize("lang,text,plover,source,target", [
    ("en", "Hun Manet met Anutin Charnvirakul in Bangkok on Monday.", "CONSULT", "KHM", "THA"),
    ("en", "Amir Khan Muttaqi accused Shehbaz Sharif of harbouring militants.", "ACCUSE", "AFG", "PAK"),
    ("ar", "التقى أيمن الصفدي نجيب ميقاتي في بيروت يوم الاثنين.", "CONSULT", "JOR", "LBN"),
    ("ar", "التقى هيثم بن طارق مشعل الأحمد في مسقط يوم الأحد.", "CONSULT", "OMN", "KWT"),
    ("ru", "Шавкат Мирзиёев встретился с Эмомали Рахмоном в Душанбе.", "CONSULT", "UZB", "TJK"),
    ("uk", "Айман Сафаді зустрівся з Наджибом Мікаті в Бейруті.", "CONSULT", "JOR", "LBN"),
    ("bg", "Шавкат Мирзийоев се срещна с Владимир Путин в Москва.", "CONSULT", "UZB", "RUS"),
    ("sr", "Šavkat Mirzijojev se sastao sa Vladimirom Putinom u Moskvi.", "CONSULT", "UZB", "RUS"),
    ("zh", "洪玛奈周一在金边会见了巴育。", "CONSULT", "KHM", "THA"),
    ("ja", "アウン・サン・スー・チー氏は月曜日、ドゥテルテ氏と会談した。", "CONSULT", "MMR", "PHL"),
    ("ko", "훈 마넷은 월요일 프놈펜에서 아누틴과 회담했다.", "CONSULT", "KHM", "THA"),
    ("fa", "امامعلی رحمان با شوکت میرضیایف در دوشنبه دیدار کرد.", "CONSULT", "TJK", "UZB"),
    ("tr", "Şevket Mirziyoyev, Sadır Caparov ile Bişkek’te görüştü.", "CONSULT", "UZB", "KGZ"),
    ("fr", "Rodrigo Duterte a rencontré Tsai Ing-wen lundi à Taipei.", "CONSULT", "PHL", "TWN"),
    ("he", "איימן ספדי נפגש עם נג'יב מיקאתי בביירות ביום שני.", "CONSULT", "JOR", "LBN"),
    ("hi", "शेख हसीना ने सोमवार को दिल्ली में नरेंद्र मोदी से मुलाकात की।", "CONSULT", "BGD", "IND"),
    ("ur", "شیخ حسینہ نے نریندر مودی سے ملاقات کی۔", "CONSULT", "BGD", "IND"),
    ("ta", "ரணில் விக்கிரமசிங்க திங்கட்கிழமை நரேந்திர மோடியை சந்தித்தார்.", "CONSULT", "LKA", "IND"),
    ("de", "Mohamed Muizzu traf Narendra Modi am Montag in Neu-Delhi.", "CONSULT", "MDV", "IND"),
    ("es", "Christopher Luxon se reunió con Anthony Albanese en Canberra el lunes.", "CONSULT", "NZL", "AUS"),
    ("id", "Prabowo Subianto bertemu Ferdinand Marcos Jr. di Manila pada hari Senin.", "CONSULT", "IDN", "PHL"),
    ("el", "Ο Σαβκάτ Μιρζιγιόγιεφ συναντήθηκε με τον Βλαντιμίρ Πούτιν στη Μόσχα.", "CONSULT", "UZB", "RUS"),
    ("hy", "Նիկոլ Փաշինյանը հանդիպել է Շավկաթ Միրզիյոևի հետ։", "CONSULT", "ARM", "UZB"),
    ("pl", "Jacinda Ardern spotkała się z Xi Jinpingiem w Pekinie.", "CONSULT", "NZL", "CHN"),
    ("vi", "Hun Manet đã hội đàm với Tô Lâm tại Hà Nội.", "CONSULT", "KHM", "VNM"),
])
def test_leaders_are_event_parties(lang, text, plover, source, target):
    doc = extract(text, profile="fast", language=lang)
    evs = [(e.plover, e.source.actor.country if e.source else None, e.target.actor.country if e.target else None)
           for e in doc.events]
    assert (plover, source, target) in evs, evs


@pytest.mark.parametrize("lang,text", [
    ("it", "Gli oli essenziali sono molto costosi quest'anno."),        # Oli (Nepal)
    ("tr", "Köyün alimi her cuma vaaz verirdi."),                       # al-Alimi (Yemen)
    ("bs", "Hasina je jutros otišla na pijacu u Sarajevu."),            # Sheikh Hasina
    ("es", "Marcos y Lucía viajaron a Madrid el lunes."),               # Marcos Jr.
    ("id", "Momen itu sangat penting bagi keluarga kami."),             # Abdul Momen
    ("ro", "Manele se aud la fiecare nuntă din sat."),                  # Jeremiah Manele
    ("ar", "هذا الرجل غني جدا ويملك شركات كثيرة."),                      # Ashraf Ghani
    ("fa", "برادر من دیروز به تهران رفت."),                              # Mullah Baradar
    ("ur", "میرا برادر کل لاہور گیا۔"),                                   # Mullah Baradar
    ("hi", "वह हसीना बहुत सुंदर थी।"),                                      # Sheikh Hasina
    ("ko", "그는 수치를 느끼며 고개를 숙였다."),                               # Suu Kyi
    ("it", "I raggi del sole illuminavano la piazza."),                 # Youssef Raggi
    ("tr", "Yunus Emre'nin şiirleri okundu."),                           # Muhammad Yunus
    ("ar", "نصر الله المؤمنين في المعركة."),                              # Nasrallah
    ("ar", "كان رجلا متقيا وكان متقي الله في كل أعماله."),               # Muttaqi
])
def test_ordinary_words_are_no_people(lang, text):
    doc = extract(text, profile="fast", language=lang)
    people = [doc.text[m.start:m.end] for m in doc.actors if m.actor.kind == "person"]
    assert not people, people
