"""Leaders in the knowledge base (kb/people_*.jsonl: Africa, Asia and the Middle East and
Oceania, Europe and the Americas): named in any language and script they are the parties
of an event, their offices resolve to them by date, and the ordinary words their short
names resemble are no people (English names match in every language)."""
import pytest

from dyad.actors import office_holder
from dyad.pipeline import extract

EVENTS = [
    # Africa
    ('en', 'Ruto met Abiy in Addis Ababa on Monday.', "CONSULT", 'KEN', 'ETH'),
    ('fr', 'Tshisekedi a rencontré Ruto à Nairobi lundi.', "CONSULT", 'COD', 'KEN'),
    ('ru', 'Руто встретился с Абием Ахмедом в Аддис-Абебе в понедельник.', "CONSULT", 'KEN', 'ETH'),
    ('ar', 'التقى عبد الفتاح البرهان بآبي أحمد في أديس أبابا يوم الاثنين.', "CONSULT", 'SDN', 'ETH'),
    ('ar', 'استقبل حفتر الرئيس تبون في بنغازي يوم الاثنين.', "CONSULT", 'LBY', 'DZA'),
    ('zh', '鲁托周一在内罗毕会见了齐塞克迪。', "CONSULT", 'KEN', 'COD'),
    ('ja', 'ハフタル氏は月曜日、ブーテフリカ氏とアルジェで会談した。', "CONSULT", 'LBY', 'DZA'),
    ('ko', '티누부는 월요일 아부자에서 고이타와 회담했다.', "CONSULT", 'NGA', 'MLI'),
    ('hi', 'रुटो ने सोमवार को अदीस अबाबा में अबी अहमद से मुलाकात की।', "CONSULT", 'KEN', 'ETH'),
    ('de', 'Tebboune traf am Montag Akhannouch in Algier.', "CONSULT", 'DZA', 'MAR'),
    ('tr', "Hafter, Pazartesi günü Tebbun ile Cezayir'de görüştü.", "CONSULT", 'LBY', 'DZA'),
    ('es', 'Tinubu se reunió con Bazoum en Niamey el lunes.', "CONSULT", 'NGA', 'NER'),
    ('fa', 'حفتر روز دوشنبه با تبون در الجزایر دیدار کرد.', "CONSULT", 'LBY', 'DZA'),
    ('he', "קניאטה נפגש עם מאצ'אר ביום שני בג'ובה.", "CONSULT", 'KEN', 'SSD'),
    ('el', 'Ο Τσισεκέντι συναντήθηκε με τον Ρούτο τη Δευτέρα στο Ναϊρόμπι.', "CONSULT", 'COD', 'KEN'),
    ('uk', 'Теббун зустрівся з Бурітою в понеділок.', "CONSULT", 'DZA', 'MAR'),
    ('sr', 'Руто се у понедељак састао са Чисекедијем у Најробију.', "CONSULT", 'KEN', 'COD'),
    ('pl', 'Tinubu spotkał się z Goïtą w poniedziałek w Bamako.', "CONSULT", 'NGA', 'MLI'),
    ('id', 'Tebboune bertemu dengan Kais Saied di Tunis pada hari Senin.', "CONSULT", 'DZA', 'TUN'),
    # Asia, the Middle East, Oceania
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
    # Europe and the Americas
    ('en', 'Nicolás Maduro met Gustavo Petro in Caracas on Monday.', "CONSULT", 'VEN', 'COL'),
    ('es', 'Petro se reunió con Bukele en San Salvador el lunes.', "CONSULT", 'COL', 'SLV'),
    ('ru', 'Мадуро встретился с Густаво Петро в Каракасе в понедельник.', "CONSULT", 'VEN', 'COL'),
    ('ar', 'التقى مادورو بيترو في كاراكاس يوم الاثنين.', "CONSULT", 'VEN', 'COL'),
    ('zh', '马杜罗周一在加拉加斯会见了佩特罗。', "CONSULT", 'VEN', 'COL'),
    ('de', 'Stubb traf Frederiksen am Montag in Helsinki.', "CONSULT", 'FIN', 'DNK'),
    ('fr', 'Díaz-Canel a rencontré Lula à La Havane lundi.', "CONSULT", 'CUB', 'BRA'),
    ('uk', 'Фіцо зустрівся з Бабішем у Братиславі в понеділок.', "CONSULT", 'SVK', 'CZE'),
    ('tr', "Kristersson, Pazartesi günü Støre ile Oslo'da görüştü.", "CONSULT", 'SWE', 'NOR'),
    ('pl', 'Nausėda spotkał się z Siliņą w Rydze w poniedziałek.', "CONSULT", 'LTU', 'LVA'),
    ('el', 'Ο Χριστοδουλίδης συναντήθηκε με τον Μιτσκόσκι τη Δευτέρα.', "CONSULT", 'CYP', 'MKD'),
    ('it', 'Van der Bellen ha incontrato Orpo a Vienna lunedì.', "CONSULT", 'AUT', 'FIN'),
    ('ko', '마두로는 월요일 카라카스에서 페트로와 회담했다.', "CONSULT", 'VEN', 'COL'),
    ('hi', 'मादुरो ने सोमवार को पेट्रो से मुलाकात की।', "CONSULT", 'VEN', 'COL'),
    ('pt', 'Noboa reuniu-se com Boric em Santiago na segunda-feira.', "CONSULT", 'ECU', 'CHL'),
    ('nl', 'De Wever ontmoette Mette Frederiksen maandag in Brussel.', "CONSULT", 'BEL', 'DNK'),
    ('sr', 'Ђукановић се у понедељак састао са Мицкоским у Скопљу.', "CONSULT", 'MNE', 'MKD'),
]

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

OFFICES = [
    ("ETH", "head_of_government", "2017-06-01", "Hailemariam Desalegn"),
    ("ETH", "head_of_government", "2024-06-01", "Abiy Ahmed"),
    ("SDN", "head_of_state", "2018-06-01", "Omar al-Bashir"),
    ("SDN", "head_of_state", "2024-06-01", "Abdel Fattah al-Burhan"),
    ("NGA", "head_of_state", "2020-06-01", "Muhammadu Buhari"),
    ("KEN", "foreign_minister", "2021-06-01", "Raychelle Omamo"),
    ("TUN", "head_of_government", "2022-06-01", "Najla Bouden"),
    ("MLI", "head_of_state", "2023-06-01", "Assimi Goïta"),
    ("DZA", "foreign_minister", "2024-06-01", "Ahmed Attaf"),
    ("VEN", "head_of_state", "2020-06-01", "Nicolás Maduro"),
    ("COL", "head_of_state", "2019-06-01", "Iván Duque"),
    ("CUB", "head_of_government", "2023-06-01", "Manuel Marrero Cruz"),
    ("NLD", "head_of_government", "2025-01-01", "Dick Schoof"),
    ("AUT", "head_of_government", "2022-06-01", "Karl Nehammer"),
    ("CZE", "head_of_government", "2023-06-01", "Petr Fiala"),
    ("CHE", "head_of_state", "2024-06-01", "Viola Amherd"),
    ("GRC", "head_of_government", "2024-06-01", "Kyriakos Mitsotakis"),
]


@pytest.mark.parametrize("lang,text,plover,source,target", EVENTS)
def test_leaders_are_event_parties(lang, text, plover, source, target):
    doc = extract(text, profile="fast", language=lang)
    evs = [(e.plover, e.source.actor.country if e.source else None, e.target.actor.country if e.target else None)
           for e in doc.events]
    assert (plover, source, target) in evs, evs


@pytest.mark.parametrize("lang,text", WORDS)
def test_ordinary_words_are_no_people(lang, text):
    doc = extract(text, profile="fast", language=lang)
    people = [(doc.text[m.start:m.end], m.actor.id) for m in doc.actors if m.actor.kind == "person"]
    assert not people, people


@pytest.mark.parametrize("country,role,date,name", OFFICES)
def test_office_holders_by_date(country, role, date, name):
    assert office_holder(country, role, date)["name"] == name
