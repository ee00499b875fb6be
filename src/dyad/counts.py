"""What conflict users count: killed, wounded, arrested, released and crowd size, when a
sentence states them ("at least 12 people were killed", "قتل 5 أشخاص", "десятки
задержанных" (approximate), "数十人被捕").

A number is digits (any script's digits, with thousands separators) or a number word of
the language (`numbers`, `vague_numbers` in its file); it counts a field when one of the
field's words (`counts`) stands within a few words of it, before or after. A vague
quantity ("dozens") or a number after an `approximate` word ("more than 500") is marked
approximate. Per field, the number nearest its word wins.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import resources
from .normalize import norm

FIELDS = ("killed", "wounded", "arrested", "size", "released")
WINDOW = 32  # characters between a number and its word
# a multiplier right after a number: "3万", "3천", "1만", "ثلاثة آلاف", "2 lakh", "two hundred"
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000, "亿": 100_000_000, "億": 100_000_000,
               "천": 1000, "만": 10000, "백": 100}
CJK_NUM = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "百": 100, "千": 1000, "万": 10000, "萬": 10000}
POWERS = {100, 1000, 10_000, 100_000, 1_000_000, 10_000_000}
DIGITS = re.compile(r"\d[\d,.\u066b\u066c\u2009\u202f ]*\d|\d")


def _digit_value(s: str) -> int | None:
    digits = []
    for ch in s:
        if ch.isdigit():
            digits.append(str(unicodedata.digit(ch, 0)))
        elif ch in ",.\u066b\u066c\u2009\u202f ":
            continue
    if not digits:
        return None
    # "1.200" and "1,200" are thousands; "2.5" is not a count: a separator followed by
    # exactly three digits is a thousands separator
    groups = re.split(r"[,.\u066b\u066c\u2009\u202f ]", s.strip())
    if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
        return None
    v = int("".join(digits))
    return v if v < 10_000_000 else None


def _cjk_value(s: str) -> int | None:
    total, cur = 0, 0
    for ch in s:
        v = CJK_NUM.get(ch)
        if v is None:
            return None
        if v >= 10:
            total += (cur or 1) * v
            cur = 0
        else:
            cur = cur * 10 + v if cur else v
    return total + cur or None


@lru_cache(maxsize=None)
def _words(lang: str):
    data = resources.lang_data(lang)
    fields = {f: sorted({norm(w) for w in (data.get("counts") or {}).get(f, []) if norm(w)}, key=len, reverse=True)
              for f in FIELDS}
    fields = {f: ws for f, ws in fields.items() if ws}
    numbers = {norm(k): v for k, v in (data.get("numbers") or {}).items()}
    vague = {norm(k): v for k, v in (data.get("vague_numbers") or {}).items()}
    approx = sorted({norm(w) for w in data.get("approximate") or []}, key=len, reverse=True)
    spaced = data.get("script_spacing", True)
    b = r"(?<!\w)" if spaced else ""
    e = r"(?!\w)" if spaced else ""

    def alt(ws):
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    field_rx = {f: re.compile(b + "(?:" + alt(ws) + ")") for f, ws in fields.items()}
    num_words = {**numbers, **vague}
    num_rx = re.compile(b + "(?:" + alt(num_words) + ")" + e) if num_words else None
    approx_rx = re.compile(b + "(?:" + alt(approx) + r")\s*$") if approx else None
    # the language's exact number words, to read words written as one ("vierhonderd")
    parts_rx = re.compile("|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True) if " " not in w)) \
        if spaced and numbers else None
    # what a number right before one of these counts is not people ("4개 경찰서": four police
    # stations, "3年": three years, "5 km")
    units = sorted({norm(w) for w in data.get("count_units") or [] if norm(w)}, key=len, reverse=True)
    unit_rx = re.compile(r"\s?(?:" + alt(units) + ")" + e) if units else None
    return field_rx, num_rx, num_words, set(vague), approx_rx, spaced, parts_rx, numbers, unit_rx


def _numbers(text: str, lang: str):
    """(start, end, value, approximate) for each number in a normalised sentence."""
    _, num_rx, num_words, vague, approx_rx, spaced = _words(lang)[:6]
    out = []
    for m in DIGITS.finditer(text):
        v = _digit_value(m.group())
        if v is not None:
            out.append([m.start(), m.end(), v, False])
    for m in re.finditer("[" + "".join(CJK_NUM) + "]+", text):
        v = _cjk_value(m.group())
        if v is not None and not any(o[0] <= m.start() < o[1] for o in out):
            approx = text[m.end():m.end() + 1] in ("多", "余", "餘")
            out.append([m.start(), m.end(), v, approx])
    if num_rx is not None:
        for m in num_rx.finditer(text):
            if not any(o[0] <= m.start() < o[1] for o in out):
                out.append([m.start(), m.end(), num_words[m.group()], m.group() in vague])
    out += _compound_numbers(text, lang, out)
    for o in out:
        m = re.match(r"\s?([" + "".join(MULTIPLIERS) + "])", text[o[1]:o[1] + 2])
        if m and text[o[0]].isdigit():
            o[1], o[2] = o[1] + m.end(), o[2] * MULTIPLIERS[m.group(1)]
    out.sort()
    # "two hundred", "3 thousand", "tens of thousands": a multiplier word right after a number
    merged = []
    for o in out:
        if merged and o[0] - merged[-1][1] <= 2 and o[2] in POWERS and merged[-1][2] < o[2]:
            merged[-1][1], merged[-1][2] = o[1], merged[-1][2] * o[2]
            merged[-1][3] = merged[-1][3] or o[3]
            continue
        merged.append(o)
    unit_rx = _words(lang)[8]
    if unit_rx is not None:
        merged = [o for o in merged if not unit_rx.match(text, o[1])]
    if approx_rx is not None:
        for o in merged:
            if approx_rx.search(text[max(0, o[0] - 24):o[0]]):
                o[3] = True
    return merged


def _compound_numbers(text: str, lang: str, found: list) -> list:
    """Number words written as one ("vierhonderd", "zweihundert", "dreitausend"): a word
    made wholly of the language's number words, one of them a hundred or more after the
    first, read the way the CJK numerals are (a power multiplies what stands before it)."""
    parts_rx = _words(lang)[6]
    if parts_rx is None:
        return []
    numbers = _words(lang)[7]
    out = []
    for m in re.finditer(r"\w{6,}", text):
        if any(o[0] <= m.start() < o[1] for o in found):
            continue
        parts = parts_rx.findall(m.group())
        if len(parts) < 2 or "".join(parts) != m.group() or not any(numbers[p] in POWERS for p in parts[1:]):
            continue
        total, cur = 0, 0
        for p in parts:
            v = numbers[p]
            if v in POWERS:
                total += (cur or 1) * v
                cur = 0
            else:
                cur += v
        out.append([m.start(), m.end(), total + cur, False])
    return out


def _is_year(text: str, s: int, e: int, v: int) -> bool:
    """"kidnapped in 2015": a bare four-digit number of a recent century is a year."""
    return e - s == 4 and text[s:e].isdigit() and 1900 <= v <= 2099


def find_counts(sentence: str, lang: str | None, fields: tuple[str, ...] = FIELDS) -> dict:
    """Counts stated in one sentence: {"killed": 12, "approximate": ["arrested"], ...}."""
    lang = lang or "en"
    field_rx = _words(lang)[0]
    if not field_rx:
        return {}
    text = norm(sentence)
    nums = _numbers(text, lang)
    if not nums:
        return {}
    # every (field word, number) pair within reach, nearest first; each number counts one
    # field and each field takes one number: in "7 killed and 25 wounded" the 25 is the
    # wounded's, so the killed take the 7 although the 25 is nearer to "killed" too
    pairs = []
    for f in fields:
        rx = field_rx.get(f)
        if rx is None:
            continue
        for m in rx.finditer(text):
            for k, (s, e, v, approx) in enumerate(nums):
                gap = m.start() - e if e <= m.start() else s - m.end() if s >= m.end() else None
                between = text[min(e, m.end()):max(s, m.start())]
                # "150 người biểu tình chống ông Donald Trump bị bắt": a subject's number may
                # stand a long noun phrase before its verb, when nothing but words is between
                reach = 2 * WINDOW if e <= m.start() and not re.search(r"[\d,،、，]", between) else WINDOW
                if gap is None or gap > reach or re.search(r"[.;:!?。]", between):
                    continue
                if _is_year(text, s, e, v) and not 0 <= m.start() - e <= 1:
                    continue  # "2000 protesters" is a crowd, "rapiti nel 2015, venivano uccisi" a year
                # a crowd word ("people") yields to an act ("killed"); a comma separates
                # clauses ("4 kişi öldü, 7 kişi yaralandı")
                cost = gap + (WINDOW if f == "size" else 0) + (WINDOW // 2 if re.search(r"[,،、，]", between) else 0)
                if v == 1 and not text[s].isdigit():
                    if s >= m.end():
                        continue  # "uccisi in uno scontro": an article after the word, not a count
                    cost += WINDOW  # "une manifestation", "a protest": an article more often than a count
                pairs.append((cost, f, k, v, approx))
    best: dict[str, tuple[int, bool]] = {}
    used: set[int] = set()
    for gap, f, k, v, approx in sorted(pairs, key=lambda p: (p[0], p[2])):
        if f in best or k in used or (f == "size" and v < 2):
            continue  # a crowd of one is an article ("une manifestation"), not a count
        best[f] = (v, approx)
        used.add(k)
    out: dict = {f: v for f, (v, _) in best.items()}
    approx = sorted(f for f, (_, a) in best.items() if a)
    if approx:
        out["approximate"] = approx
    return out
