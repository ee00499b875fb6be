"""The event coder: from triggers, actors and dates in a sentence to coded events.

For each trigger, in its sentence:
- source: the first actor before the trigger (the subject in SVO and SOV languages),
  else the first actor after it (verb-first sentences: Arabic "التقى وزير ... وزير ...");
- target: the first actor after the trigger from another country, else the nearest other
  actor from another country in the sentence, else (a "the two leaders" sentence) one
  from the two sentences before; `reverse` triggers ("received a call from") swap them;
- date: the date expression nearest the trigger in the sentence, resolved against the
  publication date (weekdays go forward for planned events);
- modality: the trigger's own flag, else a cue word of the language close before the
  trigger (or just after it), else a date after publication (planned) or well before it
  (background);
- location: a known city in the sentence, for meetings and visits (remote calls have none).
Mentions of one real event (same type family, same pair, compatible date and modality)
are merged, so an article yields one event per real event, not one per sentence.
"""
from __future__ import annotations

import datetime as dt
import os

from . import dates as dates_mod
from .actors import kb_index
from .doc import ActorMention, Doc, Event, Span
from . import resources
from .normalize import is_cjk, norm, normalize
from .ontology import SPECIFICITY, THIRD_LOCATION, TYPES
from .triggers import modality_cues

CALLS = {"phone_call", "video_call"}
PLACE_TYPES = {"meet", "host", "visit", "consult", "negotiate", "mediate", "agree"}
ONE_SIDED = {"protest", "mobilize"}
# An expressed intention is coded as PLOVER codes intentions: the cooperation it announces,
# with the planned modality (CAMEO keeps its own 03x code).
ALWAYS_PLANNED = {"intend_cooperate"}
# Events from lexicon triggers below this confidence are not reported (weak cue words,
# actors found only through adjectives or the sentences before); `dyad explain` lists them.
MIN_CONFIDENCE = float(os.environ.get("DYAD_MIN_CONFIDENCE", "0.7"))
VIA_CONF = {"name": 1.0, "role": 0.95, "counterpart": 0.95, "metonym": 0.9, "adjective": 0.9}


def _norm_cache(doc: Doc):
    if "_ntext" not in doc.meta:
        ntext, offsets = normalize(doc.text)
        doc.meta["_ntext"], doc.meta["_noffsets"] = ntext, offsets
    return doc.meta["_ntext"], doc.meta["_noffsets"]


def find_doc_dates(doc: Doc) -> Doc:
    ntext, offsets = _norm_cache(doc)
    langs = tuple(dict.fromkeys([doc.language or "en", "en"]))
    found = dates_mod.find_dates(ntext, langs)
    doc.meta["_dates"] = []
    doc.dates = []
    for d in found:
        s, e = offsets[d.start], offsets[d.end - 1] + 1
        doc.meta["_dates"].append((s, e, d))
        doc.dates.append(Span(s, e, d.kind))
    return doc


WEAK = ("metonym", "adjective", "place")
# a sentence without any actor ("the two leaders spoke by video") takes both from the
# sentences before only for these specific kinds of event, not for "talks" in general
CONTEXT_TYPES = {"phone_call", "video_call", "meet", "visit", "host", "agree"}


def _strong(m: ActorMention) -> bool:
    return m.via not in WEAK


def _context(doc: Doc, sent_idx: int, exclude: str | None = None) -> list[ActorMention]:
    """Actors of the two sentences before, the nearer sentence first; within a sentence
    in text order (its subject first: "he" in the next sentence is usually the subject),
    named actors before adjectives and metonyms."""
    out = []
    for back in (1, 2):
        j = sent_idx - back
        if j < 0:
            break
        prev = [m for m in doc.actors if m.sentence == j and m.actor.country and m.actor.country != exclude]
        out += sorted(prev, key=lambda m: not _strong(m))
    return out






def _clause_start(doc: Doc, src: ActorMention, t) -> int | None:
    """Where the reported clause holding the trigger starts, if a complementizer stands
    between the first actor and the trigger (else None)."""
    lang = doc.language or "en"
    words = {norm(w) for w in resources.lang_data(lang).get("complementizer") or []}
    if not words:
        return None
    import re as _re

    last = None
    for m in _re.finditer(r"\S+", doc.text[src.end:t.start]):
        # a headline's colon does the same ("Konaković in Ankara: Turkey supports ...")
        if norm(m.group()).strip(",;:\"'«»“”") in words or m.group().endswith(":"):
            last = src.end + m.end()
    return last




# Rules of the explanation that also raise the confidence (see `_code`).
SPEAKER_IS_SUBJECT = "source = the speaker (the reported clause's subject is a pronoun)"
SPEAKS_FOR = "the speaker speaks for his state"


def _pronoun_subject(doc: Doc, cut: int) -> bool:
    lang = doc.language or "en"
    words = resources.lang_data(lang).get("subject_pronouns") or []
    head = norm(doc.text[cut:cut + 40]).lstrip(" ,\"'«“„")
    return any(head.startswith(norm(w)) and (len(head) == len(norm(w)) or not head[len(norm(w))].isalnum())
               for w in words)


def _is_partner(doc: Doc, m: ActorMention) -> bool:
    lang = doc.language or "en"
    words = [norm(w) for w in resources.lang_data(lang).get("comitative") or []]
    head = doc.text[max(0, m.start - 12):m.start].rstrip(" \t\"'«“„")
    low = norm(head)
    for w in words:
        if low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum() or is_cjk(w[0])):
            return True
    return False


def _pick_actors(doc: Doc, t, sent_idx: int):
    acts = [m for m in doc.actors if m.sentence == sent_idx and m.actor.country
            and not (t.end > t.start and m.start <= t.start and m.end >= t.end)]
    before = [m for m in acts if m.end <= t.start]
    if before and _is_partner(doc, before[0]):
        # "他与普京通电话": the one named first is the partner; the subject is a pronoun,
        # so it comes from the sentences before
        ctx = [m for m in _context(doc, sent_idx, exclude=before[0].actor.country) if _strong(m)]
        if ctx:
            return ctx[0], before[0], True, [f"source from sentence {ctx[0].sentence + 1} (subject is a pronoun)",
                                             "target = the partner named after a 'with' word"]
    after = [m for m in acts if m.start > t.start]  # includes actors inside a gapped trigger
    how = []
    context = False
    src = next((m for m in before if _strong(m)), None) or (before[0] if before else None)
    if src is not None:
        how.append("source = first actor before the trigger")
        cut = _clause_start(doc, src, t)
        if cut is not None and _pronoun_subject(doc, cut):
            # "Modi wrote that he thanked Trump": the clause's subject is the speaker
            how[-1] = SPEAKER_IS_SUBJECT
            cut = None
        if cut is not None:
            # "Ushakov said that Putin had accepted an invitation to visit China": the
            # speaker is not a party; the clause after "that" has the actors
            inner = [m for m in before if m.start >= cut]
            later = [m for m in acts if m.start > t.start and _strong(m)]
            if inner:
                acts = [m for m in acts if m.start >= cut]
                before = inner
                speaker = src
                src = next((m for m in inner if _strong(m)), inner[0])
                how[-1] = "source = first actor of the reported clause (the one before 'that' is the speaker)"
                if src.actor.kind == "country" and speaker.actor.kind == "person" and speaker.via == "name" \
                        and speaker.actor.country == src.actor.country:
                    # "Fidan said that Turkey supports ...": the state speaks through him
                    how.append(f"{SPEAKS_FOR} ({speaker.actor.name} for {src.actor.name})")
            elif len({m.actor.country for m in later}) >= 2:
                acts = [m for m in acts if m.start >= cut]
                before = []
                src = later[0]
                how[-1] = "source = first actor of the reported clause after the trigger (the one before is the speaker)"
    else:
        strong_after = [m for m in after if _strong(m)]
        if len({m.actor.country for m in strong_after}) >= 2:
            src = strong_after[0]
            how.append("source = first actor after the trigger (verb-first sentence)")
        else:
            ctx = [m for m in _context(doc, sent_idx) if _strong(m)]
            if ctx and t.type in CONTEXT_TYPES:
                # no subject in this sentence ("they talked about ..."): the actors are
                # the ones of the sentences before, not the topic after the verb
                src = ctx[-1] if len({m.actor.country for m in ctx}) >= 2 else ctx[0]
                context = True
                how.append(f"source from sentence {src.sentence + 1} (no subject in this one)")
                other = next((m for m in ctx if m.actor.country != src.actor.country), None)
                if other is not None and not any(m.actor.country not in (src.actor.country,) and _strong(m) for m in after):
                    how.append(f"target from sentence {other.sentence + 1}")
                    return src, other, context, how
            elif after:
                src = strong_after[0] if strong_after else after[0]
                how.append("source = first actor after the trigger")
    if src is None:
        return None, None, context, how
    other = [m for m in acts if m.actor.country != src.actor.country and m is not src]

    def person_like(m: ActorMention) -> bool:
        return m.actor.kind in ("person", "org") or m.via in ("role", "counterpart")

    after_t = [m for m in other if m.start > t.start]
    before_t = [m for m in other if m.end <= t.start and m.start > src.start]
    if any(resources.lang_data(c).get("partner_before_verb") for c in {t.language, doc.language} if c):
        before_t = before_t[::-1]  # the partner stands right before the verb
        order = (before_t, after_t)
    else:
        order = (after_t, before_t)
    # people and offices first: a country named after the verb is more often the topic
    # ("hail ties in video call as Ukraine war nears") than the partner
    tgt = (next((m for side in order for m in side if person_like(m)), None)
           or next((m for side in order for m in side if _strong(m)), None)
           or next((m for side in order for m in side), None))
    if tgt is not None:
        how.append("target = " + ("first named actor of another country after the trigger" if tgt.start > t.start
                                  else "second actor before the trigger ('A and B met')"))
    else:
        ctx = _context(doc, sent_idx, exclude=src.actor.country)
        if ctx:
            tgt = ctx[0]
            context = True
            how.append(f"target from sentence {tgt.sentence + 1}")
    return src, tgt, context, how


def _place_in(doc: Doc, sent: Span):
    """The first known city in the sentence; else a capital named as a metonym
    ("në Pekin", "في بكين"), located by its English name."""
    by_id, _ = kb_index()
    for p in doc.places:
        if sent.start <= p.start < sent.end:
            rec = by_id.get(p.label)
            if rec:
                return {"name": rec.get("name"), "country": rec.get("country"), "id": rec.get("id"),
                        "text": doc.text[p.start:p.end]}
    for m in doc.actors:
        if m.via == "metonym" and sent.start <= m.start < sent.end:
            rec = by_id.get(m.actor.id) or {}
            en = ((rec.get("metonyms") or {}).get("en") or [None])[0]
            if en and not en.lower().startswith("the "):
                return {"name": en, "country": m.actor.country, "id": None, "text": doc.text[m.start:m.end]}
    return None


def _modality(doc: Doc, t, sent: Span, date_mention, resolved: str | None):
    ntext, offsets = _norm_cache(doc)
    cues = modality_cues(t.language)
    if doc.language and doc.language != t.language:
        extra = modality_cues(doc.language)
        cues = {**extra, **{k: v for k, v in cues.items() if k not in extra}}
    # map sentence bounds into normalised offsets
    import bisect
    ns = bisect.bisect_left(offsets, sent.start)
    ne = bisect.bisect_left(offsets, sent.end)
    nt0 = bisect.bisect_left(offsets, t.start)
    nt1 = bisect.bisect_left(offsets, t.end)
    pub = dates_mod.parse_iso(doc.published)
    recent = bool(resolved and pub and 0 <= (pub - dt.date.fromisoformat(resolved)).days <= 3)
    for key, window_before, window_after in (("negated", 25, 12), ("planned", 60, 25), ("background", 80, 40)):
        if key != "negated" and t.modality:
            return t.modality, f"trigger pattern is {t.modality}"
        if key == "background" and recent:
            continue  # "last year" does not make an event dated this week background
        rx = cues.get(key)
        if not rx:
            continue
        for m in rx.finditer(ntext, ns, ne):
            if (m.end() <= nt0 and nt0 - m.end() <= window_before) or \
               (m.start() >= nt1 and m.start() - nt1 <= window_after) or \
               (m.start() < nt1 and m.end() > nt0):
                return key, f"{key} cue '{m.group().strip()}'"
    if t.modality:
        return t.modality, f"trigger pattern is {t.modality}"
    if resolved and pub:
        d = dt.date.fromisoformat(resolved)
        if d > pub:
            return "planned", "date after publication"
        if d < pub - dt.timedelta(days=7):
            return "background", "date more than a week before publication"
    if date_mention is not None and date_mention.kind == "month":
        ref = pub or (dt.date.fromisoformat(doc.published_partial + "-01") if doc.published_partial else None)
        if ref and (date_mention.month != ref.month or (date_mention.year and date_mention.year != ref.year)):
            return "background", "a month other than the publication month"
    return "asserted", ""


def _nearest_date(doc: Doc, t, sent: Span):
    best = None
    for s, e, d in doc.meta.get("_dates", []):
        if sent.start <= s < sent.end:
            dist = (t.start - e) if e <= t.start else (s - t.end) if s >= t.end else 0
            if d.kind == "month":
                dist += 1000  # a month alone only sets modality, never the day
            if best is None or dist < best[0]:
                best = (dist, s, e, d)
    return best


VERBAL = {"CONSULT", "SUPPORT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "AGREE", "COOPERATE"}


def _period(d, doc: Doc, modality: str) -> str | None:
    """The month a month-only date points to: the coming one for planned events, the
    past one otherwise."""
    ref = dates_mod.parse_iso(doc.published) or (
        dates_mod.parse_iso(doc.published_partial + "-01") if doc.published_partial else None)
    year = d.year
    if year is None:
        if ref is None:
            return None
        year = ref.year
        if modality == "planned" and d.month < ref.month:
            year += 1
        elif modality != "planned" and d.month > ref.month:
            year -= 1
    return f"{year}-{d.month:02d}"


def _via_conf(m: ActorMention, etype, source: bool = True) -> float:
    conf = VIA_CONF.get(m.via, 0.8)
    # countries as targets are normal for support and requests ("supports Vietnam"), but
    # a country named near a conflict word is more often its topic ("threats of Iran"),
    # and a country no more meets than it speaks
    if (source or etype.quad_class > 2 or etype.plover == "CONSULT") and etype.plover in VERBAL and m.actor.kind == "country" and m.via == "name":
        # countries neither meet nor speak: a bare country name ("Russia supports…") is
        # weaker evidence of an event than a named person or office
        conf = min(conf, 0.85)
    return conf


def _lead_date(doc: Doc) -> str | None:
    """The day the article's lead pins ("on Wednesday", "today"), if within a week before
    publication: later sentences that give no date of their own report that day's news."""
    pub = dates_mod.parse_iso(doc.published)
    if not pub:
        return None
    lead = doc.sentences[:3]
    for s, e, d in doc.meta.get("_dates", []):
        if d.kind == "month" or not any(x.start <= s < x.end for x in lead):
            continue
        r = dates_mod.resolve(d, doc.published)
        if r and 0 <= (pub - dt.date.fromisoformat(r)).days <= 7:
            return r
    return None


def _pair_key(ev: Event):
    a, b = ev.source.actor.country, (ev.target.actor.country if ev.target else None)
    if ev.plover == "CONSULT":
        return ("CONSULT", frozenset((a, b)))
    return (TYPES[ev.type].family, a, b)


def _compatible(x: Event, y: Event) -> bool:
    if _pair_key(x) != _pair_key(y):
        return False
    if x.modality != y.modality:
        # "Putin's last visit to China" (background) and, later, "during Putin's visit to
        # China" (no cue): one undated visit, and what the article said of it holds
        # (a plan is not the visit: "invited him to visit" and "with his visit to Moscow")
        if x.date or y.date or {x.modality, y.modality} != {"asserted", "background"}:
            return False
        if x.type != "visit" or y.type != "visit":
            return False  # meetings and calls recur; a state visit is one per article
    if x.plover == "CONSULT" and (x.type in CALLS or y.type in CALLS) \
            and any(m.start == n.start for m in x.mentions for n in y.mentions) \
            and (not x.date or not y.date or x.date == y.date):
        return True  # "holds talks with Xi via video link": one encounter, named twice
    if x.date and y.date and x.date != y.date:
        return False
    if x.type == "visit" and y.type == "visit" and x.source.actor.country != y.source.actor.country:
        return False  # Xi's visit to Moscow is not Putin's visit to Beijing
    if x.plover == "CONSULT":
        sx, sy = SPECIFICITY[x.type], SPECIFICITY[y.type]
        if sx == 0 or sy == 0:
            return True
        return TYPES[x.type].family == TYPES[y.type].family
    return True


def _code(doc: Doc, t, sent: Span, src, tgt, context: bool, how: list[str], lead, events: list[Event]) -> None:
    """Code one trigger with its chosen actors (date, modality, place, confidence) and
    merge the event into the article's events."""
    etype = TYPES[t.type]
    place = _place_in(doc, sent) if t.type in PLACE_TYPES else None
    if src is not None and tgt is None and t.type == "visit" and place and place["country"] != src.actor.country:
        by_id, _ = kb_index()
        crec = by_id.get(place["country"])
        if crec:
            from .actors import actor_from
            tgt = ActorMention(doc.text.index(place["text"], sent.start), 0, actor_from(crec), "place")
            tgt.end = tgt.start + len(place["text"])
            how.append("target = country of the place visited")
    if src is None or (tgt is None and t.type not in ONE_SIDED):
        return
    if tgt is not None and tgt.actor.country == src.actor.country:
        return
    near = _nearest_date(doc, t, sent)
    dmention = near[3] if near else None
    lead_used = False
    planned_flag = t.modality == "planned"
    resolved = None
    if dmention is not None and dmention.kind != "month":
        resolved = dates_mod.resolve(dmention, doc.published, future=planned_flag)
    modality, why_mod = _modality(doc, t, sent, dmention, resolved)
    if resolved is None and dmention is None and modality == "asserted" and lead is not None:
        resolved, lead_used = lead, True
    if t.type in ALWAYS_PLANNED and modality == "asserted":
        modality, why_mod = "planned", "an expressed intention (PLOVER codes intent as planned)"
    if modality == "planned" and not planned_flag and dmention is not None and dmention.kind != "month":
        resolved = dates_mod.resolve(dmention, doc.published, future=True)
    if t.type in CALLS:
        place = None
    cameo, mode, gold = etype.cameo, etype.mode, etype.goldstein
    if t.type == "meet" and place and place.get("country") not in (src.actor.country, tgt.actor.country if tgt else None):
        cameo, mode, gold = THIRD_LOCATION.cameo, THIRD_LOCATION.mode, THIRD_LOCATION.goldstein
    src_conf = _via_conf(src, etype)
    if any(h.startswith(SPEAKS_FOR) for h in how):
        src_conf = max(src_conf, 0.95)
    # an actor taken from the sentences before is likelier right when the article has
    # coded a consultation of that same pair ("... thanked him for the welcome")
    pair = {src.actor.country, tgt.actor.country if tgt else None}
    known = context and any(e.plover == "CONSULT" and e.modality == "asserted" and e.target is not None
                            and {e.source.actor.country, e.target.actor.country} == pair for e in events)
    if known:
        src_conf = max(src_conf, 0.9)
    conf = t.weight * min(src_conf, _via_conf(tgt, etype, source=False) if tgt else 0.8)
    if context:
        conf *= 0.8 if etype.plover == "CONSULT" or known else 0.65
    if etype.plover != "CONSULT" and not context and src.end <= t.start and t.start - src.end > 100 \
            and SPEAKER_IS_SUBJECT not in how:
        conf *= 0.65  # a subject far from the verb is often another clause's subject
    rule = (f"trigger '{doc.text[t.start:t.end]}' matched {t.language} pattern '{t.pattern}' "
            f"-> {t.type} (CAMEO {cameo}, {etype.plover}); " + "; ".join(how))
    if near:
        rule += f"; date from '{doc.text[near[1]:near[2]]}'" + (f" -> {resolved}" if resolved else " (no day)")
    elif lead_used:
        rule += f"; date {resolved} from the article's lead (no date in this sentence)"
    if why_mod:
        rule += f"; {modality}: {why_mod}"
    is_fallback = t.pattern.startswith("embedding")
    if conf < MIN_CONFIDENCE and not is_fallback:
        doc.meta.setdefault("below_threshold", []).append(f"{t.type} ({conf:.2f}): {rule}")
        return
    period = _period(dmention, doc, modality) if dmention is not None and dmention.kind == "month" else None
    ev = Event(type=t.type, cameo=cameo, plover=etype.plover, mode=mode, goldstein=gold,
               quad_class=etype.quad_class, source=src, target=tgt, date=resolved,
               location=({"name": place["name"], "country": place["country"]} if place else None),
               modality=modality, confidence=round(conf, 2), evidence=Span(sent.start, sent.end, "evidence"),
               trigger=t, rule=rule, mentions=[Span(sent.start, sent.end, "evidence")],
               coder="embedding" if is_fallback else "lexicon", period=period)
    _add(events, ev)


def _coordinated(doc: Doc, t, src, tgt) -> list[ActorMention]:
    """Further partners listed with the target ("与普京及特朗普谈话", "met Putin and Modi")."""
    if src is None or tgt is None or TYPES[t.type].plover not in ("CONSULT", "SUPPORT"):
        return []
    out, last = [], tgt
    side_after = tgt.start > t.start
    for m in sorted((m for m in doc.actors if m.sentence == t.sentence), key=lambda m: m.start):
        if m.start <= last.end or m.actor.kind != "person" or (m.start > t.start) != side_after:
            continue
        if m.actor.country in (src.actor.country, tgt.actor.country) or any(m.actor.country == o.actor.country for o in out):
            continue
        gap = doc.text[last.end:m.start]
        if len(gap) > 25 or any(c in gap for c in ".;!?。；"):
            break
        out.append(m)
        last = m
    return out


def code_events(doc: Doc) -> Doc:
    from . import fallback

    events: list[Event] = []
    lead = _lead_date(doc)
    if fallback.needed(doc):
        # no lexicon for this language: sentences that read like an event, by embedding
        doc.triggers = sorted(doc.triggers + fallback.find_triggers(doc), key=lambda t: t.start)
    for t in doc.triggers:
        if t.sentence < 0:
            continue
        sent = doc.sentences[t.sentence]
        src, tgt, context, how = _pick_actors(doc, t, t.sentence)
        if t.reverse and src and tgt:
            src, tgt = tgt, src
            how.append("reversed: the trigger's subject is the target")
        _code(doc, t, sent, src, tgt, context, how, lead, events)
        for extra in _coordinated(doc, t, src, tgt):
            _code(doc, t, sent, src, extra, context, how + ["another partner in the same list"], lead, events)
    events = _consolidate(events)
    _inherit_dates(events)
    doc.events = events
    return doc


def _inherit_dates(events: list[Event]) -> None:
    """An undated event of a pair takes the date of the article's dated consultation of
    the same pair: support voiced during a call happened on the day of the call."""
    for x in events:
        if x.date or x.modality != "asserted" or x.target is None:
            continue
        pair = {x.source.actor.country, x.target.actor.country}
        for y in events:
            if y is not x and y.date and y.modality == "asserted" and y.plover == "CONSULT" and y.target \
                    and {y.source.actor.country, y.target.actor.country} == pair:
                x.date = y.date
                x.rule += f"; date {y.date} from the {y.type.replace('_', ' ')} of the same pair"
                break


def _consolidate(events: list[Event]) -> list[Event]:
    """Merge consultations that turned out to share a sentence once all were coded
    ("holds talks ... via video link": the talks were the video call)."""
    out: list[Event] = []
    for ev in events:
        _add(out, ev)
    return out


def _add(events: list[Event], ev: Event) -> None:
    for x in events:
        if _compatible(x, ev):
            if x.modality == "asserted" and ev.modality != "asserted":
                x.modality = ev.modality
            x.mentions.append(ev.evidence)
            if ev.date and not x.date:
                x.date = ev.date
            if x.plover == "CONSULT" and SPECIFICITY[ev.type] > SPECIFICITY[x.type]:
                # the more specific mention names the event and gives its evidence
                x.type, x.cameo, x.mode, x.goldstein = ev.type, ev.cameo, ev.mode, ev.goldstein
                x.evidence, x.trigger, x.rule = ev.evidence, ev.trigger, ev.rule
                if ev.source.via == "name" or x.source.via != "name":
                    x.source, x.target = ev.source, ev.target
            # a call has no meeting place, even when a "talks in Brasília" mention joined it
            x.location = None if x.type in CALLS else (x.location or ev.location)
            x.confidence = max(x.confidence, ev.confidence)
            x.mentions += [m for m in ev.mentions[1:] if m not in x.mentions]
            return
    events.append(ev)
