"""When an article was published, from what real pages carry.

`metadata.extract_metadata` tries, in order, and takes the first that gives a full date:
1. a date given with the input (JSONL `published`, HTML metadata, a feed item);
2. the crawler's ` date YYYY-MM-DD` line (` date YYYY-MM` keeps only the month);
3. a timestamp line under the title (`2024-04-09 21:15:52`);
4. the header lines above the body (`header_date`): a "Published"/"Posted" line first,
   then a date under the title, then one above it (a site's banner shows today's date
   above the title, the article's own date stands under it); an "Updated" line only
   when nothing else gives one;
5. the URL's path (`/2025/03/04/`, `/2025-03-04/`, `/20250304`).

A header date is a full date in any of the forms pages print: ISO, day-month-year with dots,
slashes or dashes ("16-05-2024", "08.10.2016"), year-month-day with dots ("2019. 10. 03.",
"2023.03.16"), month names in the language ("28 de febrero, 2025", "Mar 14, 2023"),
Chinese/Japanese 年月日 with Japanese era years (令和6年), the Solar Hijri calendar of
Iranian and Afghan sites (۸ آذر ۱۳۹۷), the Thai Buddhist era (2567) and Hebrew dates
(כ"ה באלול תשפ"ד); any script's digits.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .dates import find_dates, parse_iso, solar_hijri_to_gregorian
from .normalize import is_cjk, norm

URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
URL_DATE_SEP = re.compile(r"/(20\d{2}|19\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/|$)")
URL_STAMP = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4,}")  # /v/20191003171302693
EN_MDY = re.compile(r"(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+"
                    r"((?:19|20)\d{2})(?!\d)", re.I)
CJK_MDY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2}),?\s*((?:19|20)\d{2})(?!\d)")
EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# a two-digit year is a date only with its clock after it: "08.10.16 22:05"
DMY_SHORT_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})\s+[012]?\d:[0-5]\d(?!\d)")
YMD_DOTS = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\.?(?!\d)")
DMY_DASH = re.compile(r"(?<!\d)(\d{1,2})-(\d{1,2})-((?:19|20)\d{2})(?!\d)")
JP_ERA = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ERA_START = {"令和": 2018, "平成": 1988}
PUBLISHED = re.compile(r"(publi|posted|pubblicat|veröffentlicht|опубликован|נשמר|نشر|yayın|giriş tarihi|gepubliceerd|"
                       r"publicado|publié|입력|发布|発行|опубліковано)", re.I)
UPDATED = re.compile(r"(updat|aktualisiert|mis à jour|actualizado|aggiornat|обновлен|оновлено|güncelle|수정|更新)",
                     re.I)
# Solar Hijri months (Persian and Dari names)
SH_MONTHS = {"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "شهریور": 6, "مهر": 7, "آبان": 8,
             "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12, "حمل": 1, "ثور": 2, "جوزا": 3, "سرطان": 4, "اسد": 5,
             "سنبله": 6, "میزان": 7, "عقرب": 8, "قوس": 9, "جدی": 10, "دلو": 11, "حوت": 12}
SH_DATE = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(sorted(map(re.escape, SH_MONTHS), key=len, reverse=True))
                     + r")\s+(1[34]\d\d)(?!\d)")
SH_NUM = re.compile(r"(?<!\d)(1[34]\d\d)[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)")


# Hebrew calendar dates written in letters (כ"ב אלול התשפ"ד, כ"ה באלול תשפ"ד): day and year
# in gematria, the year without its thousands or with ה for 5000; months as pyluach counts
# them (Nisan 1 ... Adar 12, Adar II 13)
GEMATRIA = dict(zip("אבגדהוזחטיכלמנסעפצקרשת", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90,
                                                  100, 200, 300, 400]))
GEMATRIA.update({"ך": 20, "ם": 40, "ן": 50, "ף": 80, "ץ": 90})
HE_MONTHS = {"ניסן": 1, "אייר": 2, "סיון": 3, "סיוון": 3, "תמוז": 4, "אב": 5, "אלול": 6, "תשרי": 7, "חשון": 8,
             "חשוון": 8, "מרחשוון": 8, "מרחשון": 8, "כסלו": 9, "כסליו": 9, "טבת": 10, "שבט": 11, "אדר": 12,
             "אדר א": 12, "אדר ב": 13}
HE_QUOTES = "\"'\u05f3\u05f4"
HE_NUM = f"[א-ת][{HE_QUOTES}]?[א-ת]?"
HE_DATE = re.compile(rf"(?<![א-ת])({HE_NUM})\s+ב?(" + "|".join(sorted(HE_MONTHS, key=len, reverse=True))
                     + rf")[{HE_QUOTES}]?\s+(ה?[{HE_QUOTES}]?[א-ת]{{1,3}}[{HE_QUOTES}][א-ת])(?![א-ת])")


def gematria(token: str) -> int:
    return sum(GEMATRIA.get(c, 0) for c in token)


def hebrew_to_gregorian(day: str, month: str, year: str) -> str | None:
    from pyluach import dates as hebrew

    # a leading ה is the 5000 written out: every year since 1640 starts with ת (400)
    y = year.lstrip("ה" + HE_QUOTES) if re.match(rf"ה[{HE_QUOTES}]?ת", year) else year
    try:
        return hebrew.HebrewDate(5000 + gematria(y), HE_MONTHS[month], gematria(day)).to_pydate().isoformat()
    except (ValueError, KeyError):
        return None


def ascii_digits(s: str) -> str:
    """Any script's decimal digits as ASCII ("۱۳۹۷" -> "1397")."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in s)


def from_url(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlparse

    path = urlparse(url).path
    m = URL_DATE_SEP.search(path) or URL_DATE.search(path) or URL_STAMP.search(path)
    if not m:
        return None
    return _iso(int(m[1]), int(m[2]), int(m[3]))


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    return day.isoformat() if 1990 <= day.year <= dt.date.today().year + 1 else None


def full_dates(line: str, langs: tuple[str, ...]) -> list[str]:
    """Every full date (day, month, year) in one header line, in order."""
    text = ascii_digits(unicodedata.normalize("NFKC", line))
    out: list[tuple[int, str]] = []
    for m in JP_ERA.finditer(text):
        year = ERA_START[m[1]] + (1 if m[2] == "元" else int(m[2]))
        if (iso := _iso(year, int(m[3]), int(m[4]))):
            out.append((m.start(), iso))
    for m in SH_DATE.finditer(text):
        try:
            out.append((m.start(), solar_hijri_to_gregorian(int(m[3]), SH_MONTHS[m[2]], int(m[1])).isoformat()))
        except ValueError:
            pass
    for m in SH_NUM.finditer(text):
        try:
            out.append((m.start(), solar_hijri_to_gregorian(int(m[1]), int(m[2]), int(m[3])).isoformat()))
        except ValueError:
            pass
    for m in HE_DATE.finditer(text):
        if (iso := hebrew_to_gregorian(m[1], m[2], m[3])):
            out.append((m.start(), iso))
    for m in YMD_DOTS.finditer(text):
        if (iso := _iso(int(m[1]), int(m[2]), int(m[3]))):
            out.append((m.start(), iso))
    for m in DMY_SHORT_CLOCK.finditer(text):
        if (iso := _iso(2000 + int(m[3]), int(m[2]), int(m[1]))):
            out.append((m.start(), iso))
    for m in EN_MDY.finditer(text):
        if (iso := _iso(int(m[3]), EN_MONTHS.index(m[1][:3].lower()) + 1, int(m[2]))):
            out.append((m.start(), iso))
    for m in CJK_MDY.finditer(text):
        if (iso := _iso(int(m[3]), int(m[1]), int(m[2]))):
            out.append((m.start(), iso))
    for m in DMY_DASH.finditer(text):
        if (iso := _iso(int(m[3]), int(m[2]), int(m[1]))):
            out.append((m.start(), iso))
    n = norm(text)
    for d in find_dates(n, langs):
        if d.kind in ("iso", "md") and d.year and d.day:
            year = d.year - 543 if d.year > 2400 else d.year  # Thai Buddhist era
            if (iso := _iso(year, d.month, d.day)):
                out.append((d.start, iso))
    seen: dict[str, int] = {}
    for pos, iso in sorted(out):
        seen.setdefault(iso, pos)
    return list(seen)


# what a CMS prints for a date it does not have ("veröffentlicht: 1. Januar 2000 00:00")
PLACEHOLDER_DATES = {"1970-01-01", "2000-01-01", "1900-01-01"}
CLOCK = re.compile(r"(?<!\d)[012]?\d:[0-5]\d(?!\d)")
TITLE_DATE = re.compile(r"[(（]([^()（）]{6,40})[)）]\s*$")


def header_date(lines: list[str], title: str | None, langs: tuple[str, ...]) -> str | None:
    """The article's own date among its header lines (see the module's docstring)."""
    published, updated, below, above = [], [], [], []
    title_seen = title is None
    for line in lines:
        # a first "line" of more than 120 characters is a paragraph that opens the page,
        # not a headline; a date in it with a time of day is its dateline ("19.März 2025 —
        # 09:29 Uhr Erdogan-Gegner festgenommen ..."), one without is its event's
        if title and not title_seen and line.strip().startswith(title.strip()[:40]) and len(title) > 120:
            title_seen = True
            if not CLOCK.search(line):
                continue
        elif title and not title_seen and line.strip().startswith(title.strip()[:40]):
            title_seen = True
            # a headline's date is its event's ("Putin to visit China on May 16, 2024"),
            # except a date in closing brackets, some broadcasters' dateline:
            # "日韓首脳会談 ... (2023年3月16日)"
            tail = TITLE_DATE.search(line)
            if tail:
                above.extend(full_dates(tail[1], langs))
            continue
        for iso in full_dates(line, langs):
            if PUBLISHED.search(line):
                published.append(iso)
            elif UPDATED.search(line):
                updated.append(iso)
            elif title_seen:
                below.append(iso)
            else:
                above.append(iso)
    for group in (published, below, above, updated):
        group = [d for d in group if d not in PLACEHOLDER_DATES]
        if group:
            return group[0]
    return None


LETTER_RUN = re.compile(r"[^\W\d_]+")
ZONE_OR_INITIALS = re.compile(r"[(\[]?[A-Z]{2,4}[)\]]?[.,:|]?")
CJK_DATE_CHARS = set("年月日")


def is_date_line(line: str, langs: tuple[str, ...]) -> bool:
    """A short line that is a date, with at most a time, a weekday, a label or a section
    name ("Thursday, May 23, 2019", "06:05, 16.01.2025 • Justitie", "۸ آذر ۱۳۹۷، ۱۵:۱۳",
    "時事脈搏 | 2019-09-05 11:35", "Haber Giriş Tarihi: 01.08.2024 13:32"): a page's
    dateline, never its headline, whose words outnumber a date's."""
    # a byline's initials and a time zone are not words of a headline ("FP Staff July 16,
    # 2018 21:17:40 IST")
    words = [w for w in line.split() if LETTER_RUN.search(w) and not ZONE_OR_INITIALS.fullmatch(w)]
    # "— BFMTV (@BFMTV) April 6, 2023" signs an embedded post, not the page
    if len(line) > 60 or len(words) > 3 or "(@" in line:
        return False
    if sum(1 for c in line if is_cjk(c) and c not in CJK_DATE_CHARS) > 4:
        return False
    return bool(full_dates(line, langs))


def is_date(s: str | None) -> bool:
    return parse_iso(s) is not None


def today_date(lead: str, lang: str | None) -> str | None:
    """A full date the lead calls today ("recibió hoy 18 de agosto de 2025"): the day the
    article was written."""
    from . import resources

    words = [norm(w) for w in (resources.lang_data(lang or "en").get("dates") or {}).get("today", []) if norm(w)]
    if not words:
        return None
    text = norm(lead)
    langs = tuple(dict.fromkeys([lang or "en", "en"]))
    for w in words:
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text):
            after = full_dates(text[m.end():m.end() + 40], langs)
            if after:
                return after[0]
    return None
