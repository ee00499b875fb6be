"""Relative and explicit dates resolved against the publication date."""
import pytest

from dyad.dates import find_dates, resolve
from dyad.normalize import norm


@pytest.mark.parametrize("lang,text,published,expected", [
    ("en", "on Tuesday", "2024-04-09", "2024-04-09"),        # same weekday: the day itself
    ("en", "on Monday", "2024-04-09", "2024-04-08"),
    ("en", "yesterday", "2026-02-05", "2026-02-04"),
    ("en", "today", "2026-02-04", "2026-02-04"),
    ("sq", "Të martën, presidenti", "2024-04-09", "2024-04-09"),
    ("sq", "zhvilloi të mërkurën një", "2026-02-04", "2026-02-04"),
    ("ar", "اليوم الأربعاء", "2026-02-04", "2026-02-04"),
    ("ar", "يوم الثلاثاء", "2024-10-02", "2024-10-01"),
    ("en", "on February 4", "2026-02-06", "2026-02-04"),
    ("en", "on December 28", "2026-01-03", "2025-12-28"),  # last year's December
    ("en", "2025-07-13", None, "2025-07-13"),
    ("ru", "в среду", "2026-02-05", "2026-02-04"),
    ("ru", "4 февраля", "2026-02-06", "2026-02-04"),
    ("fr", "mercredi", "2026-02-05", "2026-02-04"),
    ("de", "am Dienstag", "2026-02-05", "2026-02-03"),
    ("es", "el miércoles", "2026-02-04", "2026-02-04"),
    ("tr", "Salı günü", "2025-11-12", "2025-11-11"),
    ("zh", "周三(4日)", "2026-02-06", "2026-02-04"),
    ("zh", "四日", "2026-02-06", "2026-02-04"),
    ("hi", "मंगलवार", "2025-12-04", "2025-12-02"),
])
def test_resolution(lang, text, published, expected):
    found = [d for d in find_dates(norm(text), (lang, "en")) if d.kind != "month"]
    assert found, text
    assert resolve(found[0], published) == expected


def test_relative_date_without_publication_date_is_null():
    d = find_dates(norm("اليوم الأربعاء"), ("ar",))[0]
    assert resolve(d, None) is None


def test_planned_weekday_goes_forward():
    d = find_dates(norm("on Friday"), ("en",))[0]
    assert resolve(d, "2025-12-04", future=True) == "2025-12-05"


@pytest.mark.parametrize("lang,text,future,expected", [
    # published Friday 2025-08-15: "last Friday" is a week ago, not today
    ("en", "they met last Friday", False, "2025-08-08"),
    ("es", "se reunieron el pasado viernes", False, "2025-08-08"),
    ("es", "se reunieron el viernes pasado", False, "2025-08-08"),
    ("de", "trafen sich am vergangenen Freitag", False, "2025-08-08"),
    ("ru", "встретились в прошлую пятницу", False, "2025-08-08"),
    ("fr", "se sont rencontrés vendredi dernier", False, "2025-08-08"),
    ("zh", "两国元首上周五会晤", False, "2025-08-08"),
    # a past weekday goes back even in a sentence about a plan; a next one goes forward
    ("en", "will build on the talks held last Friday", True, "2025-08-08"),
    ("en", "they will meet next Friday", True, "2025-08-22"),
    ("de", "treffen sich am kommenden Freitag", False, "2025-08-22"),
    ("en", "they met on Friday", False, "2025-08-15"),
])
def test_a_last_or_next_word_moves_a_weekday_off_the_publication_day(lang, text, future, expected):
    (d,) = [d for d in find_dates(norm(text), (lang, "en")) if d.kind == "weekday"]
    assert resolve(d, "2025-08-15", future=future) == expected


def test_may_the_verb_is_not_a_month():
    assert not [d for d in find_dates(norm("Putin may visit China"), ("en",)) if d.kind == "month"]


def test_a_date_with_an_ordinal_dot_stays_in_its_sentence():
    from dyad.pipeline import extract

    doc = extract("Die Außenminister Deutschlands und Frankreichs trafen sich am 14. Juni in Berlin zu Gesprächen. "
                  "Die Zahl der Teilnehmer stieg auf 14. Die EU nahm das 14. Sanktionspaket gegen Russland an.",
                  profile="fast", published="2024-06-20", language="de")
    sents = [doc.text[s.start:s.end] for s in doc.sentences]
    assert sents[0].endswith("am 14. Juni in Berlin zu Gesprächen.")
    assert sents[1] == "Die Zahl der Teilnehmer stieg auf 14."  # a number can still end a sentence
    assert sents[2].startswith("Die EU nahm das 14. Sanktionspaket")


@pytest.mark.parametrize("lang,text,published,partial,expected", [
    ("en", "met on Thursday (May 16) in Beijing", "2024-05-20", None, "2024-05-16"),
    ("en", "meets Biden this Friday (10) at the White House", None, "2023-02", "2023-02-10"),
    ("pt", "se reúne nesta sexta-feira (10) com Biden", None, "2023-02", "2023-02-10"),
    ("pt", "nesta quinta-feira (16/5)", "2024-05-17", None, "2024-05-16"),
    ("pt", "na segunda-feira (30)", "2024-10-02", None, "2024-09-30"),  # the day lies in the month before
    ("fr", "a été reçu ce jeudi 6 avril à Pékin", None, "2023-04", "2023-04-06"),
    ("es", "el jueves 16 de mayo en Pekín", None, "2024-05", "2024-05-16"),
    ("de", "am Donnerstag, 16. Mai, in Peking", None, "2024-05", "2024-05-16"),
    ("tr", "16 Mayıs Perşembe günü Pekin'de", None, "2024-05", "2024-05-16"),
    ("id", "pada Kamis (16/5) di Beijing", None, "2024-05", "2024-05-16"),
    ("zh", "周四(16日)", None, "2024-05", "2024-05-16"),
])
def test_a_weekday_with_its_day_is_one_date(lang, text, published, partial, expected):
    """The weekday and the day it names are one mention, resolved against a full or a
    month-only publication date; the weekday picks the month or year the day lies in."""
    found = [d for d in find_dates(norm(text), (lang, "en")) if d.kind != "month"]
    assert len(found) == 1, [(d.kind, d.day) for d in found]
    assert resolve(found[0], published, partial=partial) == expected


def test_the_weekday_picks_the_year_of_a_day_and_month():
    # published 2 January 2025: "Tuesday, December 31" lies in 2024 (a Tuesday)
    d = [d for d in find_dates(norm("on Tuesday, December 31"), ("en",)) if d.kind != "month"][0]
    assert resolve(d, "2025-01-02") == "2024-12-31"


def test_a_weekday_alone_or_a_bare_number_does_not_pin_a_day():
    d = find_dates(norm("on Friday"), ("en",))[0]
    assert resolve(d, None, partial="2023-02") is None  # four Fridays in February
    found = find_dates(norm("On Friday 10 people were killed"), ("en",))
    assert [x.kind for x in found] == ["weekday"]  # a count, not the 10th


@pytest.mark.parametrize("lang,text,published,expected", [
    ("ko", "입력 2019. 10. 03. 17:13", None, "2019-10-03"),      # year first, dots and spaces
    ("zh", "2024/07/16 发布", None, "2024-07-16"),
    ("vi", "Trước đó, ngày 25-11, cảnh sát", "2014-11-26", "2014-11-25"),
    ("vi", "Vào nửa đêm ngày 11.11 (giờ Mỹ)", "2016-11-12", "2016-11-11"),
    ("ms", "ditahan malam tadi", "2026-02-08", "2026-02-07"),    # last night
])
def test_numeric_and_night_dates(lang, text, published, expected):
    found = [d for d in find_dates(norm(text), (lang, "en")) if d.kind != "month"]
    assert len(found) == 1, [(d.kind, d.day) for d in found]
    assert resolve(found[0], published) == expected


@pytest.mark.parametrize("lang,text,published,expected", [
    ("en", "They met on Monday. The same day he flew home.", "2024-05-16", "2024-05-13"),
    ("zh", "14日,英國首相宣布。俄外交部當天發布公告", "2018-03-30", "2018-03-14"),
    ("ru", "Во вторник министр прибыл. В тот же день он встретился с послом.", "2025-03-07", "2025-03-04"),
    ("ko", "경찰은 이날 오후 3시 시위대를 연행했다", "2019-10-03", "2019-10-03"),  # none before: the news day
    # a deadline after publication is not the day the article reports
    ("zh", "要求在3月31日前全部搬出。外長當天表示", "2018-03-30", "2018-03-30"),
    # ... nor one days after it that a day and month alone would place in the year before
    ("zh", "29日,外交部宣布。要求他們在4月5日前離開。外長當天表示", "2018-03-30", "2018-03-29"),
    ("en", "On Thursday the ministry ordered them to leave by 5 April. The same day the minister spoke.",
     "2018-03-30", "2018-03-29"),
])
def test_that_same_day_is_the_day_named_before_it(lang, text, published, expected):
    from dyad.dates import resolve_same_day

    found = resolve_same_day(find_dates(norm(text), (lang, "en")), published)
    assert resolve(found[-1], published) == expected


def test_a_date_line_cut_into_fragments_does_not_hide_the_lead_date():
    from dyad.pipeline import extract

    doc = extract("사회\n\n'청와대 인근서 폭력 시위' 보수집회 참가자 35명 연행\n입력 2019. 10. 03. 17:13 수정\n"
                  "3일 서울 광화문광장에서 열린 보수단체 집회 과정에서 일부 참가자들이 폭력 시위를 벌이다 경찰에 연행됐다.\n"
                  "경찰은 경찰관을 폭행한 보수단체 회원 35명을 공무집행방해 등 혐의로 체포했다.",
                  profile="fast", published="2019-10-04", language="ko")
    arrests = [e for e in doc.events if e.plover == "COERCE"]
    assert arrests and all(e.date == "2019-10-03" for e in arrests), [(e.plover, e.date) for e in doc.events]


def test_a_date_written_with_dots_is_not_cut_into_sentences():
    from dyad.sentences import split

    text = "입력 2019. 10. 03. 17:13 수정\nThe toll rose to 14. Officials said."
    assert [text[s.start:s.end] for s in split(text)] == [
        "입력 2019. 10. 03. 17:13 수정", "The toll rose to 14.", "Officials said."]


@pytest.mark.parametrize("text,published,expected", [
    ("روز یکشنبه ۳۱ خرداد۹۴، در مقابل وزارت کار", None, "2015-06-21"),  # two-digit year glued on
    ("در ۵ دی ۱۴۰۲ گفت", None, "2023-12-26"),
    ("نشست ۱۰ مهرماه برگزار شد", "2024-10-05", "2024-10-01"),          # no year: the one before publication
    ("نشست ۱۰ اسفند", "2024-03-05", "2024-02-29"),                     # Esfand lies in the Gregorian year before
])
def test_solar_hijri_dates_in_running_text(text, published, expected):
    found = [d for d in find_dates(norm(text), ("fa", "en")) if d.kind != "weekday"]
    assert len(found) == 1, [(d.kind, d.day) for d in found]
    assert resolve(found[0], published) == expected


def test_a_solar_hijri_month_that_is_also_a_word_needs_a_day():
    assert not find_dates(norm("در ماه دی و مهر"), ("fa",))


@pytest.mark.parametrize("text, lang", [
    ("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing last week, the Kremlin said on Monday.", "en"),
    ("Президент России Владимир Путин на прошлой неделе встретился с Си Цзиньпином в Пекине, сообщил Кремль в понедельник.", "ru"),
    ("Le président russe Vladimir Poutine a rencontré Xi Jinping la semaine dernière à Pékin, a indiqué lundi le Kremlin.", "fr"),
])
def test_a_meeting_last_week_is_not_dated_by_the_day_it_was_reported(text, lang):
    from dyad.pipeline import extract

    doc = extract(text, profile="fast", published="2024-05-20", language=lang)
    meetings = [e for e in doc.events if e.plover == "CONSULT"]
    assert meetings and all(e.date is None for e in meetings), [(e.plover, e.date) for e in doc.events]


def test_an_act_whose_text_gives_no_day_is_dated_by_its_publication_and_says_so():
    from dyad.output import event_json
    from dyad.pipeline import extract

    doc = extract("Police arrested 20 protesters in Nairobi.", profile="fast", published="2024-07-02", language="en")
    arrest = next(e for e in doc.events if e.plover == "COERCE")
    assert (arrest.date, event_json(doc, arrest)["date_basis"]) == ("2024-07-02", "published")
    doc = extract("Police arrested 20 protesters in Nairobi on Monday.", profile="fast", published="2024-07-02",
                  language="en")
    arrest = next(e for e in doc.events if e.plover == "COERCE")
    assert (arrest.date, event_json(doc, arrest)["date_basis"]) == ("2024-07-01", "text")


def test_a_day_guessed_from_publication_does_not_split_the_event_from_next_day_reports(tmp_path):
    # reported undated on the day and the day after: one event, placed on or before publication
    from dyad.doc import Doc
    from dyad.ingest import ingest
    from dyad.store import connect

    db = connect(tmp_path / "d.db")
    docs = [Doc(input="a.txt", raw=" date 2024-07-02\nKenyan police arrested 20 protesters in Nairobi."),
            Doc(input="b.txt", raw=" date 2024-07-03\nKenyan police arrested 20 protesters in Nairobi.")]
    ingest(None, db, docs=docs, profile="fast")
    rows = db.query("SELECT id, date, block_date FROM events WHERE plover = 'COERCE'")
    assert len(rows) == 1 and rows[0]["date"] is None, [dict(r) for r in rows]
