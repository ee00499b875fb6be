"""Cleaning and article metadata on the seed articles and on their header forms."""
import pytest

from dyad.doc import Doc
from dyad.pipeline import get_stages, pipe, run
from dyad.readers import iter_paths

from conftest import needs_shared, seed


def processed(path):
    return next(pipe(iter_paths([str(path)])))


@needs_shared
def test_photo_credits_removed_body_kept():
    doc = processed(seed(0))
    assert "foto nga CMG" not in doc.text
    assert "Të martën, presidenti i Kinës Xi Jinping u takua me ministrin e Jashtëm rus Sergey Lavrov në Pekin." in doc.text
    assert sum(1 for s in doc.removed if s.label == "boilerplate") == 6


@needs_shared
def test_most_viewed_list_and_stray_punctuation_removed():
    doc = processed(seed(2))
    assert "الاكثر مشاهده" not in doc.text and "كأس الكونفدرالية" not in doc.text
    assert not doc.text.rstrip().endswith(";")
    assert doc.text.rstrip().endswith("والحفاظ على الاستقرار الاستراتيجي والأمن العالميين\".")


@needs_shared
def test_cookie_notice_removed():
    doc = processed(seed(4))
    assert "ملفات تعريف الارتباط" not in doc.text and "أوافق" not in doc.text
    assert "كما تبادل الجانبان وجهات النظر" in doc.text


@needs_shared
def test_read_more_link_removed():
    doc = processed(seed(3))
    assert "اقرأ المزيد" not in doc.text and "بايدن يوقع المزيد من الأسلحة لتايوان" not in doc.text
    assert "وتدعم روسيا جهود الصين للمصالحة" in doc.text


@needs_shared
@pytest.mark.parametrize("n,lang,published,title,outlet", [
    (0, "sq", "2024-04-09", "Xi Jinping-u takon ministrin e Jashtëm rus Lavrov", None),
    (1, "sq", "2026-02-04", None, None),
    (2, "ar", None, "رئيس الصين يؤكد أهمية التعاون مع روسيا لمعارضة الأحادية وحماية العدالة الدولية", None),
    (3, "ar", None, "بوتين يهنئ شي بمناسبة الذكرى الدبلوماسية", "RT World News"),
    (4, "ar", None, "وانغ يي يجتمع مع لافروف لبحث العلاقات بين الصين وروسيا والتعاون في إطار البريكس", None),
])
def test_seed_metadata(n, lang, published, title, outlet):
    doc = processed(seed(n))
    assert doc.language == lang
    assert doc.published == published
    if title:
        assert doc.title == title
    assert doc.outlet == outlet
    assert "RT World News" not in doc.text


def _meta(raw):
    return run(Doc(input="t", raw=raw), get_stages(["clean", "language", "metadata"]))


def test_month_only_crawler_date_gives_no_day():
    doc = _meta(" date 2023-03 Ce lundi à Moscou, le dirigeant russe reçoit son homologue chinois.")
    assert doc.published is None and doc.published_partial == "2023-03"
    assert doc.text.startswith("Ce lundi")


def test_the_sites_address_outranks_the_crawlers_month():
    doc = run(Doc(input="t", url="https://example.com/internacional/El-Chapo-fue-extraditado-20170120-0101.html",
                  raw=" date 2018-03 Lee también\n\nEl narcotraficante mexicano fue extraditado ayer a Estados Unidos."),
              get_stages(["clean", "language", "metadata"]))
    assert doc.published == "2017-01-20"


def test_a_two_digit_year_with_its_clock_is_a_header_date():
    doc = _meta("Azərbaycan millisi qrup lideri olub\n\n08.10.16 22:05 2016\n"
                "Azərbaycan millisi bu gün növbəti oyununu keçirib və Norveç yığmasını qəbul edib.")
    assert doc.published == "2016-10-08"


def test_header_date_line_is_publication_date():
    doc = _meta("TODAY'S PAPER | February 04, 2026 | EPAPER\n\nXi, Putin hail ties in video call\n\n"
                "Chinese President Xi Jinping and Russian President Vladimir Putin hailed their ties during a video call on Wednesday.")
    assert doc.published == "2026-02-04"
    assert doc.title == "Xi, Putin hail ties in video call"


def test_no_date_means_null_never_today():
    doc = _meta("Xi Jinping met Vladimir Putin in Moscow for talks on trade and energy.")
    assert doc.published is None


def test_dash_in_headline_is_not_an_outlet():
    doc = _meta("Talks in Geneva - what we know so far about the long negotiation between the sides\n\nBody text follows here.")
    assert doc.outlet is None


LEAD = ("Chinese President Xi Jinping and Russian President Vladimir Putin held talks in Moscow on Tuesday, "
        "the Kremlin said, and agreed to expand trade and energy cooperation between their countries.")


@pytest.mark.parametrize("dateline, published", [
    ("Thursday, May 23, 2019", "2019-05-23"),
    ("06:05, 16.01.2025 • Politics", "2025-01-16"),
    ("World | 2019-09-05 11:35", "2019-09-05"),
])
def test_a_page_that_opens_with_its_dateline_has_its_headline_next(dateline, published):
    doc = _meta(f"{dateline}\n\nXi and Putin hold talks in Moscow\n\n{LEAD}")
    assert doc.published == published
    assert doc.title == "Xi and Putin hold talks in Moscow"


def test_a_date_line_under_the_standfirst_is_the_publication_date():
    doc = _meta(f"Xi and Putin hold talks in Moscow\n\n{LEAD}\n\n14 February 2024 | 16:06\n\nMore text follows.")
    assert doc.published == "2024-02-14"


def test_a_cms_placeholder_date_and_an_embedded_post_are_not_publication_dates():
    doc = _meta(f"Xi and Putin hold talks in Moscow\n\n{LEAD}\n\nPublished: 1 January 2000 00:00\n"
                "Updated: 12 June 2015 01:50")
    assert doc.published == "2015-06-12"  # the update is all there is
    doc = _meta(f"Xi and Putin hold talks in Moscow\n\n{LEAD}\n\n— Some Outlet (@outlet) April 6, 2023\n")
    assert doc.published is None


@pytest.mark.parametrize("line, published", [
    ('כ"ב אלול התשפ"ד', "2024-09-25"),   # 22 Elul 5784
    ("ט״ו בשבט תשפ״ה", "2025-02-13"),    # Tu BiShvat 5785
    ("ה' באייר התש\"ח", "1948-05-14"),   # 5 Iyar 5708
])
def test_hebrew_calendar_dates(line, published):
    from dyad.pubdate import full_dates

    assert full_dates(line, ("he",)) == [published]


def test_a_byline_with_initials_and_a_time_zone_is_a_date_line():
    doc = _meta(f"Xi and Putin hold talks in Moscow\n\n{LEAD}\n\nFP Staff July 16, 2018 21:17:40 IST\n\nMore text.")
    assert doc.published == "2018-07-16"


def test_a_language_menu_above_the_header_does_not_hide_its_date():
    menu = "\n".join(["TR", "Türkçe", "English", "Русский", "Français", "العربية", "Deutsch", "Español"] * 2)
    doc = _meta(f"{menu}\n\nXi and Putin hold talks in Moscow\n\n{LEAD}\n\nHaber Giriş Tarihi: 01.08.2024 13:32\n")
    assert doc.published == "2024-08-01"


@pytest.mark.parametrize("opening, published", [
    # a page flattened into one paragraph: a date with its time is the dateline ...
    ("Der Bürgermeister. 19.März 2025 — 09:29 Uhr Erdogan-Gegner festgenommen – Dutzende Festnahmen, "
     "Demonstrationsverbote und Strassensperren: In der Türkei hat die Justiz den Oppositionspolitiker "
     "festgenommen.", "2025-03-19"),
    # ... a date without one is the event's
    ("Paul Kagamé est arrivé à Abidjan, le mercredi 19 décembre 2018, pour une visite officielle de 48 h. "
     "Il a été accueilli à l'aéroport par le président de la République Alassane Ouattara.", None),
])
def test_a_long_opening_line_gives_its_dateline_not_its_event_date(opening, published):
    assert _meta(opening).published == published
