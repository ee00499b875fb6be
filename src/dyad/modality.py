"""Modality: whether a coded act happened, is planned, hypothetical, negated, stated as an
intent, or recalled as background, from the cue words of the language file (`modality` in
data/lang/<code>.json) near its trigger and from its date against the publication date.
Also the article-level corrections of modality: a recalled event the article reports as
news too (`recalled_news`), and a preview announced in several sentences (`previewed`).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from . import dates as dates_mod
from . import resources
from .doc import ActorMention, Doc, Event, Span
from .merge import family_of, pair_key
from .normalize import normalize
from .ontology import TYPES
from .triggers import modality_cues

# an event dated this long before publication is recalled for context, not news
BACKGROUND_DAYS = 31
RECALLED = "recalled"  # "after their summit": the why of such a background event begins with this
RECALLED_AFTER = 10  # how far after the trigger a postposed "after" cue may stand ("会談の後", "회담 이후")
CLAUSE_BREAK = re.compile(r"[,;:،؛、，；]")


def norm_cache(doc: Doc):
    if "_ntext" not in doc.meta:
        ntext, offsets = normalize(doc.text)
        doc.meta["_ntext"], doc.meta["_noffsets"] = ntext, offsets
    return doc.meta["_ntext"], doc.meta["_noffsets"]


def cue_matches(doc: Doc, rx, ntext: str, ns: int, ne: int) -> list[tuple[int, int, str]]:
    """The matches of a cue regex in one sentence, found once per sentence and kept for
    the document (every trigger of a long sentence scanned all of it again)."""
    cache = doc.meta.setdefault("_cues", {})
    key = (id(rx), ns, ne)
    if key not in cache:
        cache[key] = (rx, [(m.start(), m.end(), m.group()) for m in rx.finditer(ntext, ns, ne)])
    return cache[key][1]


def modality_of(doc: Doc, t, sent: Span, date_mention, resolved: str | None):
    ntext, offsets = norm_cache(doc)
    cues = modality_cues(t.language)
    if doc.language and doc.language != t.language:
        extra = modality_cues(doc.language)
        cues = {**extra, **{k: v for k, v in cues.items() if k not in extra}}
    # map sentence bounds into normalised offsets
    ns = bisect.bisect_left(offsets, sent.start)
    ne = bisect.bisect_left(offsets, sent.end)
    nt0 = bisect.bisect_left(offsets, t.start)
    nt1 = bisect.bisect_left(offsets, t.end)
    grammar = resources.lang_data(t.language or doc.language or "en")
    precedes = bool(grammar.get("negation_precedes"))
    head_final = bool(grammar.get("head_final"))
    pub = dates_mod.parse_iso(doc.published)
    recent = bool(resolved and pub and 0 <= (pub - dt.date.fromisoformat(resolved)).days <= 3)
    asker = _requested_by(doc, t, ntext, offsets, (nt0, nt1), head_final)
    if asker:
        return "hypothetical", f"what '{asker}' asks for"
    for key, window_before, window_after in (("negated", 25, 12), ("hypothetical", 30, 12), ("recalled", 20, -1),
                                             ("recalled_after", -1, RECALLED_AFTER), ("intent", 40, 25),
                                             ("ahead", 40, -1), ("planned", 60, 25),
                                             ("background", 80, 40)):
        if key not in ("negated", "hypothetical") and t.modality:
            return t.modality, f"trigger pattern is {t.modality}"
        if key == "background" and recent:
            continue  # "last year" does not make an event dated this week background
        if key == "intent" and not (TYPES[t.type].intent_type or TYPES[t.type].future_is_content):
            continue  # "pledged to protest": no statement of intent to code, a plan at most
        rx = cues.get(key)
        if not rx:
            continue
        for m_start, m_end, m_text in cue_matches(doc, rx, ntext, ns, ne):
            if ntext[m_end:m_end + 1] == "-" or ntext[m_start - 1:m_start] == "-":
                # part of a compound ("the would-be participants") or an enclitic
                # ("recusou-se a" is not the conditional "se")
                continue
            if m_start > nt0 and key in ("negated", "hypothetical") and (
                    TYPES[t.type].future_is_content or (key == "negated" and precedes)):
                # "warned that they would not allow ...": what a threat or a promise says;
                # "הפגנה לא חוקית", "manifestation non autorisée": where negation stands
                # before its verb, one after the trigger negates a word after it
                continue
            if m_end <= nt0 and key in ("negated", "hypothetical") and CLAUSE_BREAK.search(ntext, m_end, nt0):
                continue  # "did not sign it, and the government withdrew the law": another clause's
            if key == "intent":
                if _governs(ntext, (m_start, m_end), (nt0, nt1), window_before, window_after, head_final):
                    return "intent", f"intent cue '{m_text.strip()}'"
                continue
            if key.startswith("recalled"):
                # "after their summit in Alaska", "会談の後": an earlier event the sentence
                # dates its news by; the cue governs the trigger, in its own clause
                before = 0 <= nt0 - m_end <= window_before and not CLAUSE_BREAK.search(ntext, m_end, nt0)
                after = (0 <= m_start - nt1 <= window_after and not CLAUSE_BREAK.search(ntext, nt1, m_start)) or \
                    (window_after >= 0 and nt0 <= m_start < nt1 < m_end)  # "会谈|后": the cue ends the trigger's word
                if before or after:
                    return "background", f"{RECALLED} cue '{m_text.strip()}'"
                continue
            if (m_end <= nt0 and nt0 - m_end <= window_before) or \
               (m_start >= nt1 and m_start - nt1 <= window_after
                and not CLAUSE_BREAK.search(ntext, nt1, m_start)) or \
               (m_start < nt1 and m_end > nt0):
                # a cue after the trigger counts only in the trigger's own clause: in
                # "were detained, because they would have refused" it is the reason's;
                # "ahead of" plans only what follows it ("deployed police ahead of the
                # protests": the protests are to come, the deployment was made)
                return ("planned" if key == "ahead" else key), f"{key} cue '{m_text.strip()}'"
    if t.modality:
        return t.modality, f"trigger pattern is {t.modality}"
    if resolved and pub:
        d = dt.date.fromisoformat(resolved)
        if d > pub:
            return "planned", "date after publication"
        if d < pub - dt.timedelta(days=BACKGROUND_DAYS):
            return "background", f"date more than {BACKGROUND_DAYS} days before publication"
    if date_mention is not None and date_mention.kind == "month":
        ref = pub or (dt.date.fromisoformat(doc.published_partial + "-01") if doc.published_partial else None)
        if ref and (date_mention.month != ref.month or (date_mention.year and date_mention.year != ref.year)):
            return "background", "a month other than the publication month"
    return "asserted", ""


REQUEST_REACH = (60, 25)  # characters before (after, where the verb comes last) a request's word its content lies


def _requested_by(doc: Doc, t, ntext: str, offsets: list[int], trig: tuple[int, int], head_final: bool) -> str | None:
    """The request whose content the act is, if any: "urged Russia to release the
    journalists", "demanded that Russia withdraw its troops", "a resolution calling for a
    ceasefire", "撤収するよう要求": the release, the withdrawal, the ceasefire are asked for,
    not done. A request's word governs an act after it in its clause (before it where the
    language puts its verb last), as an intent word does (`_governs`). Only acts of the
    kinds one side asks of another (ontology `requested`: concessions, releases,
    withdrawals, talks, aid): an arrest or an attack named after a request is most often
    what the request is about ("urged Russia to free the detained journalists")."""
    etype = TYPES.get(t.type)
    if etype is None or not etype.requested:
        return None
    for r in doc.triggers:
        if r.sentence != t.sentence or r is t or (TYPES.get(r.type) is None) or TYPES[r.type].plover != "REQUEST":
            continue
        cue = (bisect.bisect_left(offsets, r.start), bisect.bisect_left(offsets, r.end))
        if cue[1] > trig[0] and cue[0] < trig[1]:
            continue  # one phrase: "calls for release" is a trigger of its own
        if _governs(ntext, cue, trig, *REQUEST_REACH, head_final):
            return doc.text[r.start:r.end]
    return None


def _governs(ntext: str, cue: tuple[int, int], trig: tuple[int, int], before: int, after: int,
             head_final: bool) -> bool:
    """Whether an intent word governs the trigger: just before it in its clause ("pledged
    to release"), or, where the governing verb follows its complement (`head_final`:
    "釈放する用意がある", "serbest bırakmaya hazır"), just after it. Not across a comma:
    "after they agreed to a ceasefire, the leaders met" reports a meeting."""
    if cue[0] < trig[1] and cue[1] > trig[0]:
        return True
    if head_final:
        return 0 <= cue[0] - trig[1] <= after and not CLAUSE_BREAK.search(ntext, trig[1], cue[0])
    return 0 <= trig[0] - cue[1] <= before and not CLAUSE_BREAK.search(ntext, cue[1], trig[0])


def stated_intent(etype, why: str):
    """"pledged to release the prisoners", "ready to hold talks", "宣布將釋放": the actor
    states an intent of its own. PLOVER codes the statement (AGREE, 03x; THREATEN, 13x, for
    "vowed to strike"), which happened, not the act it announces, which has not. A type
    without such a code (an intent to protest) is a plan."""
    if etype.future_is_content:
        return etype, "asserted", f"a {etype.plover} is said now; the future is its content ({why})"
    code = etype.intent_type
    if code and code in TYPES:
        return TYPES[code], "asserted", f"a stated intent ({why}): {etype.key} -> {code} ({TYPES[code].plover})"
    return etype, "planned", why


def recalled_clause(doc: Doc, t) -> tuple[int, str] | None:
    """Where a clause recalling an earlier event begins after the trigger, and its cue:
    in "the meeting came after their summit in Alaska with Putin" Putin is a party of the
    summit recalled, not of the meeting reported."""

    ntext, offsets = norm_cache(doc)
    cues = modality_cues(t.language)
    if doc.language and doc.language != t.language:
        extra = modality_cues(doc.language)
        cues = {**extra, **{k: v for k, v in cues.items() if k not in extra}}
    rx = cues.get("recalled")
    if not rx:
        return None
    sent = doc.sentences[t.sentence]
    ns, ne = bisect.bisect_left(offsets, sent.start), bisect.bisect_left(offsets, sent.end)
    nt1 = bisect.bisect_left(offsets, t.end)
    for m_start, _, m_text in cue_matches(doc, rx, ntext, ns, ne):
        if m_start >= nt1:
            return (offsets[m_start] if m_start < len(offsets) else sent.end), m_text.strip()
    return None


def recalled_news(events: list[Event], doc: Doc | None = None, proposals=()) -> None:
    """An event a sentence recalls to date its news by ("three days after their summit in
    Alaska, Trump hosted Zelensky") is background. It stays asserted when the article
    reports it as news too ("Xi met Putin on Thursday ... After the talks, the two signed
    ..."), and when its sentence reports no other event that it is the background of
    ("Lula flew home after a meeting with Biden": the meeting is the news). An event word
    on the other side of the cue is such an event even when its parties are not in the
    sentence ("the meeting comes after Trump's historic meeting with Putin in Alaska")."""
    def key(x):
        return family_of(x.type), pair_key(x.type, _country(x.source), _country(x.target))

    def other_trigger(x, cue: str) -> bool:
        lo, hi = x.evidence.start, x.evidence.end
        for p in proposals:
            if not (lo <= p.start and p.end <= hi and p.end > p.start) or \
                    (p.start < x.trigger.end and p.end > x.trigger.start):
                continue
            between = doc.text[p.end:x.trigger.start] if p.end <= x.trigger.start else doc.text[x.trigger.end:p.start]
            if cue and cue.lower() in between.lower():
                return True
        return False

    recalled = [x for x in events if x.modality == "background" and f"background: {RECALLED} cue" in x.rule]
    news = {key(x) for x in events if x.modality == "asserted"}
    for x in recalled:
        governs = any(y.modality in ("asserted", "planned") and y.evidence.start == x.evidence.start
                      and key(y) != key(x) for y in events if y not in recalled)
        if not governs and doc is not None:
            m = re.search(f"background: {RECALLED} cue '([^']*)'", x.rule)
            governs = bool(m) and other_trigger(x, m.group(1))
        if key(x) in news or not governs:
            x.modality = "asserted"
            x.rule += ("; asserted: the article reports this event as news too" if key(x) in news else
                       "; asserted: its sentence reports no other event it would be the background of")


def previewed(events: list[Event]) -> None:
    """A preview ("Putin will visit China on 16-17 May ... the Russian leader will pay his
    first visit after the inauguration to China") announces one event in several sentences;
    a sentence whose future the language file does not know reads as done. An undated
    asserted consultation of a pair whose first report in the article is planned is that
    planned event: a past one of the pair would carry its own date ("met in March", "last
    year") or a recalled cue. A report of talks held that ends on the next meeting ("they
    will meet again in July") leads with what was done, and keeps it."""
    def key(x):
        return family_of(x.type), pair_key(x.type, _country(x.source), _country(x.target))

    first: dict = {}
    for x in sorted(events, key=lambda e: e.evidence.start):
        if x.plover == "CONSULT" and x.modality in ("asserted", "planned"):
            first.setdefault(key(x), x)
    for x in events:
        lead = first.get(key(x))
        if x.modality == "asserted" and x.plover == "CONSULT" and lead is not None and lead.modality == "planned" \
                and x.date is None and x.month_day is None and x.period is None:
            x.modality = "planned"
            x.rule += "; planned: the article leads with this consultation of the pair as planned, and this mention gives no date"


def _country(m: ActorMention | None) -> str | None:
    return m.actor.country if m is not None else None
