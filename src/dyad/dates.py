"""Dates in text: explicit dates, weekdays and today/yesterday, resolved against the
publication date.

Words come from each language file's `dates` section; where a language file has none,
CLDR month and weekday names (through babel) stand in. Resolution never guesses: a
weekday needs a publication date, a day-and-month without a year takes the year that puts
it on or before the publication date, and without a publication date only dates that
carry their year resolve.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from . import resources
from .normalize import NOT_AFTER, NOT_BEFORE, WORD_CLASS, norm

ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
DMY_NUM = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)")
# year first with dots or slashes, spaces allowed: "2019. 10. 03." (Korean headers), "2024/07/16"
YMD_NUM = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s?([./])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d])")
CJK_MD = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
KO_MD = re.compile(r"(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일")
CJK_D = re.compile(r"(?<![\d月])(\d{1,2})\s*日")  # "周三(4日)": day of the publication month
CJK_NUM_D = re.compile(r"(?<![一二三四五六七八九十月])([一二三四五六七八九十]{1,3})日")  # "四日", "二十五日"


def _cjk_number(s: str) -> int | None:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(s) if len(s) == 1 else None
KO_D = re.compile(r"(?<![\d월])(\d{1,2})\s*일")
DM_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")  # "Rabu (4/2)", "sáng 4/2": day/month
# "ngày 25/11", "ngày 25-11", "ngày 11.11", "ngày 5 tháng 8 năm 2012": "ngày" (day) makes
# the pair a date whatever stands between day and month
VI_DM = re.compile(r"ngày\s+(\d{1,2})(?:\s*[/.\-]\s*|\s+tháng\s+)(\d{1,2})(?:(?:\s*[/.\-]\s*|\s+năm\s+)(\d{4}))?(?!\d)")


# month names that are also common words; they count as months only next to a day number
MONTH_ONLY_STOP = {"may", "march", "mar", "jan", "sun", "sat", "wed", "mai", "maj", "kasim"}


@dataclass
class DateMention:
    start: int  # offsets into the normalised text
    end: int
    kind: str  # iso | dmy | md | day | weekday | rel | month | same ("that same day") | vague ("last week": no day)
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int | None = None  # relative days for today/yesterday/tomorrow
    direction: int = 0  # a weekday with a "last" word (-1: "last Friday") or a "next" word (+1)


def _babel_names(code: str) -> tuple[list[list[str]], list[list[str]]]:
    try:
        from babel.dates import get_day_names, get_month_names

        months = [[] for _ in range(12)]
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for k, v in get_month_names(width, context=ctx, locale=code).items():
                    if len(v.strip(".")) >= 3:
                        months[k - 1].append(v)
        days = [[] for _ in range(7)]
        for ctx in ("format", "stand-alone"):
            for k, v in get_day_names("wide", context=ctx, locale=code).items():
                days[k].append(v)
        return months, days
    except Exception:
        return [[] for _ in range(12)], [[] for _ in range(7)]


def _alt(words) -> str:
    words = sorted({norm(w).strip() for w in words if w and norm(w).strip()}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


@lru_cache(maxsize=None)
def _lexicon(code: str):
    data = resources.lang_data(code).get("dates", {})
    months, days = _babel_names(code)
    # a language file's own lists replace CLDR's (which may hold forms that are also
    # common words in running text); CLDR stands in where the file has none
    if data.get("months"):
        months = [list(f) for f in data["months"][:12]]
    if data.get("weekdays"):
        days = [list(f) for f in data["weekdays"][:7]]
    # "11月" must not read as day 1 of "1月": numeric month forms are left to CJK_MD
    months = [[w for w in forms if not any(ch.isdigit() for ch in w)] for forms in months]
    spacing = resources.lang_data(code).get("script_spacing", True)
    b = NOT_BEFORE if spacing else ""
    e = NOT_AFTER if spacing else ""
    if spacing and code not in resources.languages():
        e = WORD_CLASS + "{0,3}" + NOT_AFTER  # CLDR gives the bare word; without a lexicon allow a short ending ("tisdagen")
    month_map = {}
    for i, forms in enumerate(months):
        for w in forms:
            if norm(w).strip():
                month_map[norm(w).strip()] = i + 1
    day_map = {}
    for i, forms in enumerate(days):
        for w in forms:
            if norm(w).strip():
                day_map[norm(w).strip()] = i
    rel_map = {}
    for key, off in (("today", 0), ("yesterday", -1), ("tomorrow", 1), ("day_before_yesterday", -2)):
        for w in data.get(key, []):
            if norm(w).strip():
                rel_map[norm(w).strip()] = off
    malt = _alt(month_map)
    pats = {}
    sh_map = {norm(w).strip(): i + 1 for i, forms in enumerate(data.get("solar_hijri_months", [])) for w in forms}
    if sh_map:
        # "۳۱ خرداد ۱۳۹۴", "۳۱ خرداد۹۴" (two-digit years are 13xx), "۳۱ خرداد": a Solar Hijri
        # day and month; a month name that is also a word ("دی", "مهر") counts only after a day
        pats["sh"] = re.compile(rf"(?<!\d)(\d{{1,2}})\s*({_alt(sh_map)})(?:\s*(\d{{4}}|\d\d)(?!\d)|{e})")
    for key in ("weekday_last", "weekday_next"):
        words = _alt(data.get(key, []))
        if words:
            # the word stands right before the weekday ("last Friday", "в прошлую пятницу",
            # "上周五") or right after it ("el viernes pasado", "vendredi dernier")
            pats[key] = (re.compile(rf"{b}(?:{words})\s*$"), re.compile(rf"^\s*(?:{words}){e}"))
    if malt:
        pats["dm"] = re.compile(rf"(?<!\d)(\d{{1,2}})(?:\.|er|st|nd|rd|th|º)?\s*(?:de\s+|of\s+)?({malt}){e}(?:\s*,?\s*(?:de\s+)?(\d{{4}}))?")
        pats["md"] = re.compile(rf"{b}({malt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:\s*,?\s*(\d{{4}}))?")
        pats["month"] = re.compile(rf"{b}({malt}){e}(?:\s+(?:de\s+|of\s+)?(\d{{4}}))?")
    dalt = _alt(day_map)
    if dalt:
        pats["weekday"] = re.compile(rf"{b}({dalt}){e}")
    ralt = _alt(rel_map)
    if ralt:
        pats["rel"] = re.compile(rf"{b}({ralt}){e}")
    vague = _alt(data.get("vague", []))
    if vague:
        pats["vague"] = re.compile(rf"{b}(?:{vague}){e}")
    same = _alt(data.get("same_day", []))
    if same:
        pats["same"] = re.compile(rf"{b}(?:{same}){e}")
    return pats, month_map, day_map, rel_map, sh_map


def find_dates(ntext: str, langs: tuple[str, ...]) -> list[DateMention]:
    """All date expressions in normalised text, longest first where they overlap."""
    found: list[DateMention] = []
    for m in ISO.finditer(ntext):
        found.append(DateMention(m.start(), m.end(), "iso", int(m[1]), int(m[2]), int(m[3])))
    for m in DMY_NUM.finditer(ntext):
        found.append(DateMention(m.start(), m.end(), "iso", int(m[3]), int(m[2]), int(m[1])))
    for m in YMD_NUM.finditer(ntext):
        found.append(DateMention(m.start(), m.end(), "iso", int(m[1]), int(m[3]), int(m[4])))
    for rx in (CJK_MD, KO_MD):
        for m in rx.finditer(ntext):
            found.append(DateMention(m.start(), m.end(), "md", int(m[1]) if m[1] else None, int(m[2]), int(m[3])))
    for m in VI_DM.finditer(ntext):
        found.append(DateMention(m.start(), m.end(), "md", int(m[3]) if m[3] else None, int(m[2]), int(m[1])))
    if any(c in langs for c in ("vi", "id", "ms")):
        for m in DM_SLASH.finditer(ntext):
            found.append(DateMention(m.start(), m.end(), "md", None, int(m[2]), int(m[1])))
    if any(c in langs for c in ("zh", "ja")):
        for m in CJK_D.finditer(ntext):
            found.append(DateMention(m.start(), m.end(), "day", None, None, int(m[1])))
        for m in CJK_NUM_D.finditer(ntext):
            n = _cjk_number(m[1])
            if n:
                found.append(DateMention(m.start(), m.end(), "day", None, None, n))
    if "ko" in langs:
        for m in KO_D.finditer(ntext):
            found.append(DateMention(m.start(), m.end(), "day", None, None, int(m[1])))
    for code in langs:
        pats, month_map, day_map, rel_map, sh_map = _lexicon(code)
        if "sh" in pats:
            for m in pats["sh"].finditer(ntext):
                found.append(_solar_hijri(m, sh_map))
        if "dm" in pats:
            for m in pats["dm"].finditer(ntext):
                found.append(DateMention(m.start(), m.end(), "md", int(m[3]) if m[3] else None,
                                         month_map[m[2]], int(m[1])))
            for m in pats["md"].finditer(ntext):
                found.append(DateMention(m.start(), m.end(), "md", int(m[3]) if m[3] else None,
                                         month_map[m[1]], int(m[2])))
            for m in pats["month"].finditer(ntext):
                if m[1] in MONTH_ONLY_STOP:
                    continue
                found.append(DateMention(m.start(), m.end(), "month", int(m[2]) if m[2] else None,
                                         month_map[m[1]]))
        if "weekday" in pats:
            for m in pats["weekday"].finditer(ntext):
                direction = 0
                for key, sign in (("weekday_last", -1), ("weekday_next", 1)):
                    if key in pats and (pats[key][0].search(ntext, max(0, m.start() - 30), m.start())
                                        or pats[key][1].match(ntext[m.end():m.end() + 30])):
                        direction = sign
                found.append(DateMention(m.start(), m.end(), "weekday", weekday=day_map[m[1]], direction=direction))
        if "rel" in pats:
            for m in pats["rel"].finditer(ntext):
                found.append(DateMention(m.start(), m.end(), "rel", offset=rel_map[m[1]]))
        if "vague" in pats:
            for m in pats["vague"].finditer(ntext):
                found.append(DateMention(m.start(), m.end(), "vague"))
        if "same" in pats:
            for m in pats["same"].finditer(ntext):
                found.append(DateMention(m.start(), m.end(), "same"))
    found = [d for d in found if d.day is None or 1 <= d.day <= 31]
    found = [d for d in found if d.month is None or 1 <= d.month <= 12]
    # keep the longest of overlapping mentions
    # a vague word yields to a date it overlaps ("上周五": last Friday, not "last week")
    found.sort(key=lambda d: (-(d.end - d.start), d.kind == "vague", d.start))
    taken: list[DateMention] = []
    used = bytearray(len(ntext) + 1)  # overlaps looked up, not scanned: linear in the mentions
    for d in found:
        if not any(used[d.start:d.end]):
            used[d.start:d.end] = b"\x01" * (d.end - d.start)
            taken.append(d)
    taken.sort(key=lambda d: d.start)
    return _with_weekdays(ntext, taken)


def _solar_hijri(m: re.Match, sh_map: dict) -> DateMention:
    """A Solar Hijri day and month as a mention: with its year, the Gregorian day (kind
    iso); without, kind "sh" (day and month in the Solar Hijri calendar), resolved against
    the publication date."""
    day, month = int(m[1]), sh_map[m[2]]
    year = int(m[3]) + (1300 if len(m[3]) == 2 else 0) if m[3] else 0
    if 1300 <= year < 1500:
        try:
            g = solar_hijri_to_gregorian(year, month, day)
            return DateMention(m.start(), m.end(), "iso", g.year, g.month, g.day)
        except (ValueError, OverflowError):
            pass
    return DateMention(m.start(), m.end(), "sh", None, month, day)


def solar_hijri_to_gregorian(y: int, m: int, d: int) -> dt.date:
    """The Iranian calendar: 1 Farvardin is Nowruz, 20 March in Gregorian leap years and
    21 March in the others (true of every year from 1996 to 2028, which is what news
    archives hold); months 1-6 have 31 days, 7-11 have 30."""
    if not (1 <= m <= 12 and 1 <= d <= (31 if m <= 6 else 30)):
        raise ValueError("no such Solar Hijri day")
    days_before = (m - 1) * 31 if m <= 7 else 186 + (m - 7) * 30
    gy = y + 621
    nowruz = dt.date(gy, 3, 20 if gy % 4 == 0 else 21)
    return nowruz + dt.timedelta(days=days_before + d - 1)


# what may stand between a weekday and the day it names: "Thursday (May 16)", "jeudi 6
# avril", "sexta-feira (10)", "16 Mayıs Perşembe", "Thursday, May 16"
WEEKDAY_GAP = re.compile(r"[\s,،(（\-–—]{0,4}")
# a day number in brackets right after a weekday ("nesta sexta-feira (10)", "Kamis (16/5)"):
# the brackets make the number a date, not a count ("on Friday 10 people were killed")
WEEKDAY_DAY = re.compile(r"[\s,،]{0,3}[(（]\s*(\d{1,2})(?:\s*[/.]\s*(\d{1,2})\.?)?\s*[)）]")
HYPHEN_TAIL = re.compile(r"-\w+")  # the rest of a weekday the list has a shorter form of ("nesta sexta|-feira")


def _with_weekdays(ntext: str, found: list[DateMention]) -> list[DateMention]:
    """A weekday next to the day it names is one mention: the day with its weekday, which
    pins the month (and the year) the day lies in."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        d = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if d.kind == "weekday":
            tail = HYPHEN_TAIL.match(ntext, d.end)
            end = tail.end() if tail and (nxt is None or nxt.start >= tail.end()) else d.end
            if nxt is not None and nxt.kind in ("md", "day", "iso") and nxt.weekday is None \
                    and WEEKDAY_GAP.fullmatch(ntext, end, nxt.start):
                out.append(DateMention(d.start, nxt.end, nxt.kind, nxt.year, nxt.month, nxt.day, d.weekday))
                i += 2
                continue
            m = WEEKDAY_DAY.match(ntext, end)
            if m and (nxt is None or nxt.start >= m.end()):
                day, month = int(m[1]), int(m[2]) if m[2] else None
                if 1 <= day <= 31 and (month is None or 1 <= month <= 12):
                    out.append(DateMention(d.start, m.end(), "md" if month else "day", None, month, day, d.weekday))
                    i += 1
                    continue
        elif d.kind in ("md", "day", "iso") and d.weekday is None and nxt is not None and nxt.kind == "weekday" \
                and WEEKDAY_GAP.fullmatch(ntext, d.end, nxt.start):
            out.append(DateMention(d.start, nxt.end, d.kind, d.year, d.month, d.day, nxt.weekday))
            i += 2
            continue
        out.append(d)
        i += 1
    return out


SOON_DAYS = 31  # a day and month this close after publication is read as ahead, not as last year


def resolve_same_day(found: list[DateMention], published: str | None) -> list[DateMention]:
    """"That same day" ("the same day", "當天", "이날", "в тот же день") is the day of the
    date mentioned last before it; with none before it, the publication day (news speaks
    of its own day). A day it cannot pin stays unresolved."""
    out: list[DateMention] = []
    last: str | None = None
    pub = parse_iso(published)
    for d in found:
        if d.kind == "same":
            day = last or (published if pub else None)
            if day:
                y, m, dd = (int(x) for x in day.split("-"))
                d = DateMention(d.start, d.end, "iso", y, m, dd)
        elif d.kind != "month":
            r = resolve(d, published)
            # a deadline after publication ("must leave by 31 March") is not the day reported;
            # nor is a day and month without a year that lies just after publication, which
            # would otherwise resolve to the year before ("leave before 5 April", published
            # 30 March, is no day of last April)
            ahead = resolve(d, published, future=True) if d.kind == "md" and not d.year and pub else None
            soon = bool(ahead) and pub.isoformat() < ahead <= (pub + dt.timedelta(days=SOON_DAYS)).isoformat()
            if r and not (pub and r > pub.isoformat()) and not soon:
                last = r
        out.append(d)
    return out


def parse_iso(s: str | None) -> dt.date | None:
    if not s or len(s) != 10:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def _month_end(partial: str | None) -> dt.date | None:
    """The last day of a month-only publication date ("2023-02")."""
    try:
        y, m = int(partial[:4]), int(partial[5:7])
        nxt = dt.date(y + m // 12, m % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _fits(cands: list[dt.date], weekday: int | None) -> dt.date | None:
    """The first candidate (the likeliest first) on the weekday the text names, or the
    first when it names none."""
    if weekday is None:
        return cands[0] if cands else None
    return next((c for c in cands if c.weekday() == weekday), None)


def _try(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def resolve(d: DateMention, published: str | None, future: bool = False,
            partial: str | None = None) -> str | None:
    """The ISO date a mention points to, or None when the text does not pin a day.

    Against a month-only publication date (`partial`, "2023-02") a day and month, or a
    day with its weekday ("sexta-feira (10)"), resolve as they do against the month's
    last day; a weekday alone does not. A weekday named with a day but no month picks,
    of the months the day could lie in, the one where the day falls on that weekday."""
    pub = parse_iso(published)
    exact = pub is not None
    if pub is None and partial and d.kind in ("md", "day"):
        pub = _month_end(partial)
    try:
        if d.kind == "iso":
            return dt.date(d.year, d.month, d.day).isoformat()
        if d.kind == "md":
            if d.year:
                return dt.date(d.year, d.month, d.day).isoformat()
            if not pub:
                return None
            y = pub.year
            cand = _try(y, d.month, d.day)
            if cand is not None and not future and cand > pub + dt.timedelta(days=2):
                y -= 1
            elif cand is not None and future and cand < pub - dt.timedelta(days=180):
                y += 1
            # the weekday does not move a day and month to another year: a year-old date is
            # no likelier than a slip of the weekday
            got = _try(y, d.month, d.day)
            return got.isoformat() if got else None
        if d.kind == "day":
            if not pub:
                return None
            prev = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
            nxt = (pub.year, pub.month + 1) if pub.month < 12 else (pub.year + 1, 1)
            here = _try(pub.year, pub.month, d.day)
            if future:
                order = [(pub.year, pub.month), nxt] if here is None or here >= pub - dt.timedelta(days=2) \
                    else [nxt, (pub.year, pub.month)]
            elif here is not None and here <= pub + dt.timedelta(days=2):
                order = [(pub.year, pub.month), prev]
            else:
                order = [prev, (pub.year, pub.month)]
            if not exact:
                order = order[:1] if d.weekday is None else order
            cands = [c for c in (_try(y, m, d.day) for y, m in order) if c]
            got = _fits(cands, d.weekday)
            if got is None and d.weekday is not None and exact:
                got = cands[0] if cands else None  # the day stands; the weekday is the slip
            return got.isoformat() if got else None
        if d.kind == "weekday":
            if not exact:
                return None
            # "last Friday" is never today, nor after it; "next Friday" never today, nor before
            if d.direction > 0 or (future and d.direction == 0):
                delta = (d.weekday - pub.weekday()) % 7 or (7 if d.direction else 0)
                return (pub + dt.timedelta(days=delta)).isoformat()
            delta = (pub.weekday() - d.weekday) % 7 or (7 if d.direction else 0)
            return (pub - dt.timedelta(days=delta)).isoformat()
        if d.kind == "sh":
            if not exact:
                return None
            # the Solar Hijri year that puts the day on or before publication
            for sy in (pub.year - 621, pub.year - 622):
                got = solar_hijri_to_gregorian(sy, d.month, d.day)
                if got <= pub + dt.timedelta(days=2):
                    return got.isoformat()
            return None
        if d.kind == "rel":
            if not exact:
                return None
            return (pub + dt.timedelta(days=d.offset)).isoformat()
    except (ValueError, OverflowError):  # a day before 1 AD or after 9999 (a hostile publication date)
        return None
    return None
