"""The event coder: from proposals (lexicon triggers, the learned coder's sentence types),
actors, places and dates to coded events.

1. `combine` decides which proposals become events (the rule is documented there);
2. for each, `arguments` chooses the source and target, and this module the rest:
   - date: the date expression nearest the trigger in the sentence, resolved against the
     publication date (weekdays go forward for planned events), else the lead's day;
   - modality (`modality`): the trigger's own flag, else a cue word of the language close
     before the trigger (or just after it): negated, hypothetical, planned, intent,
     background; else a date after publication (planned) or well before it (background);
   - place: for types that take one, the city nearest the trigger in its sentence, with
     coordinates (remote calls have none);
   - counts: killed, wounded, arrested, crowd size stated in the sentence (`counts`);
3. mentions of one real event are merged by the one rule of `merge`, so an article yields
   one event per real event, not one per sentence.
"""
from __future__ import annotations

import datetime as dt
import os
import re

from . import arguments, attribution, places, resources, topics
from . import counts as counts_mod
from . import dates as dates_mod
from . import modality as modality_mod
from .actors import kb_index
from .doc import ActorMention, Doc, Event, Span, Trigger
from .merge import View, mergeable
from .normalize import norm
from .ontology import TYPES, ontology

# Events below this confidence are not reported (weak cue words, actors found only
# through adjectives or the sentences before); `dyad explain` lists them.
MIN_CONFIDENCE = float(os.environ.get("DYAD_MIN_CONFIDENCE", "0.5"))
COUNTRY_MIN_CONFIDENCE = 0.6
VIA_CONF = {"name": 1.0, "role": 0.95, "counterpart": 0.95, "metonym": 0.9, "adjective": 0.9, "agent": 0.9,
            "implicit": 0.85}

# The combination rule's thresholds (see `combine`), set on the dev half of eval/events.
AGREE_TOP = 3        # the learned coder agrees when the lexicon's type is among its top 3 ...
AGREE_P = 0.05       # ... or has at least this probability
STRONG_WEIGHT = 0.8  # a lexicon pattern this sure stands even when the learned coder disagrees
ALONE_P = 0.70       # the learned coder alone proposes an event at this probability ...
ALONE_P_PAIR = 1.01  # ... and this for acts between two parties, whose actors it cannot tell
ALONE_P_NO_FILE = 0.5  # ... and this in a language without a file, where it is the only coder
ALONE_MARGIN = 0.30  # ... when it is this far ahead of NONE
LEARNED_WEIGHT = 0.85
NONE_VETO = 0.6      # a weak trigger in a sentence the learned coder reads as no event at all
# what police do in a report of a protest is done to the protesters when no target is named
# (not REJECT: at a protest a refusal is as often the protesters' of police orders, and a
# subject misread as the police then takes them for its target)
POLICE_AT_PROTESTS = {"THREATEN", "MOBILIZE", "COERCE", "ASSAULT", "REQUEST"}


def find_doc_dates(doc: Doc) -> Doc:
    ntext, offsets = modality_mod.norm_cache(doc)
    langs = tuple(dict.fromkeys([doc.language or "en", "en"]))
    found = dates_mod.resolve_same_day(dates_mod.find_dates(ntext, langs), doc.published)
    doc.meta["_dates"] = []
    doc.dates = []
    for d in found:
        s, e = offsets[d.start], offsets[d.end - 1] + 1
        doc.meta["_dates"].append((s, e, d))
        doc.dates.append(Span(s, e, d.kind))
    return doc


# -- which proposals become events ------------------------------------------------------
def combine(doc: Doc, coders: tuple[str, ...] = ("lexicon", "learned")) -> list[Trigger]:
    """The combination rule. Per sentence:
    - a lexicon trigger stands when the learned coder did not see the sentence, or agrees
      (the trigger's PLOVER type is among its top AGREE_TOP, or at AGREE_P or more), or
      when the pattern is a sure one (weight >= STRONG_WEIGHT): the verb decides;
      otherwise it is dropped and listed in `below_threshold` with the learned coder's view;
    - a sentence with no standing trigger becomes an event of the learned coder's top
      PLOVER type (its generic CAMEO code) when that type has ALONE_P or more and leads NONE
      by ALONE_MARGIN: events the lexicon has no words for.
    Each proposal records which coders found it."""
    learned = doc.meta.get("learned") or {} if "learned" in coders else {}
    out: list[Trigger] = []
    standing: set[int] = set()
    kinds = topics.article_kinds(doc)
    if "lexicon" in coders:
        for t in doc.triggers:
            etype = TYPES.get(t.type)
            if etype is None or not etype.reported or t.sentence < 0:
                continue
            if kinds & set(etype.off_topic_veto):
                standing.add(t.sentence)  # the learned coder does not code it either; `_code` decides
            probs = learned.get(t.sentence)
            if not probs:
                t.coder = "lexicon"
            else:
                ranked = sorted(probs, key=probs.get, reverse=True)
                p = probs.get(etype.plover, 0.0)
                if probs.get("NONE", 0.0) >= NONE_VETO and t.weight < 1.0:
                    doc.meta.setdefault("below_threshold", []).append(
                        f"{t.type} ('{doc.text[t.start:t.end]}'): the learned coder reads no event here "
                        f"(P(NONE) = {probs['NONE']:.2f})")
                    continue
                if etype.plover in ranked[:AGREE_TOP] or p >= AGREE_P:
                    t.coder = "lexicon+learned"
                    if etype.arguments == "one_sided":
                        # two coders that agree on a protest, an attack, an arrest are surer
                        # than either (noisy-or); for acts between two parties the doubt is
                        # who the parties are, which the learned coder does not know
                        t.weight = round(1 - (1 - t.weight) * (1 - p), 3)
                elif t.weight >= STRONG_WEIGHT:
                    t.coder = "lexicon"
                else:
                    doc.meta.setdefault("below_threshold", []).append(
                        f"{t.type} ('{doc.text[t.start:t.end]}'): the learned coder disagrees "
                        f"(P({etype.plover}) = {p:.2f}; it reads {ranked[0]} {probs[ranked[0]]:.2f})")
                    continue
            out.append(t)
            standing.add(t.sentence)
    generic = {k: v.get("generic_type") for k, v in ontology()["plover"].items()}
    for i, probs in sorted(learned.items()):
        if i in standing or not probs:
            continue
        top = max((k for k in probs if k != "NONE"), key=probs.get)
        p = probs[top]
        # without a language file the learned coder is the only coder for every type
        if doc.language not in resources.languages():
            alone = ALONE_P_NO_FILE
        elif generic.get(top) and TYPES[generic[top]].arguments != "one_sided":
            alone = ALONE_P_PAIR
        else:
            alone = ALONE_P
        if p < alone or p - probs.get("NONE", 0.0) < ALONE_MARGIN or not generic.get(top):
            continue
        if kinds & set(TYPES[generic[top]].off_topic_veto):
            continue
        pos = _anchor(doc, i)
        out.append(Trigger(pos, pos, generic[top], f"learned coder: P({top}) = {p:.2f}", doc.language or "",
                           weight=LEARNED_WEIGHT, sentence=i, coder="learned"))
    out.sort(key=lambda t: (t.start, t.end))
    return out


def _anchor(doc: Doc, i: int) -> int:
    """Where a learned proposal stands in its sentence: after its first actor (the
    subject), so that actor choice reads it like a verb."""
    acts = sorted(doc.actors_in(i), key=lambda m: m.start)
    return acts[0].end if acts else doc.sentences[i].start


def _place_in(doc: Doc, sent: Span, t) -> dict | None:
    """The place of an event: the city named in its sentence nearest the trigger (after it
    first: "attacked ... in Kano"), linked to the gazetteer; else a capital named as a
    metonym ("në Pekin", "في بكين")."""
    cands = doc.places_between(sent.start, sent.end)
    if cands:
        # a city before a region ("in Pemba, Cabo Delgado" happened in Pemba)
        p = min(cands, key=lambda p: (places.regions.is_region(p.label), p.start < t.start, abs(p.start - t.end)))
        rec = _place_record(p.label, doc.text[p.start:p.end])
        if rec:
            rec["in_sentence"] = True
        return rec
    # no place in the sentence: the one of the two sentences before ("Thousands marched
    # in Zagreb on Saturday. Protesters demanded ..."), else the lead's (a dateline)
    i = doc.sentence_of(sent.start)
    for j in (i - 1, i - 2, 0, 1):
        if 0 <= j < len(doc.sentences) and j != i:
            s = doc.sentences[j]
            near = doc.places_between(s.start, s.end)
            if near:
                return _place_record(near[-1].label, doc.text[near[-1].start:near[-1].end])
    by_id, _ = kb_index()
    for m in doc.actors_in(i):
        if m.via == "metonym" and sent.start <= m.start < sent.end:
            rec = by_id.get(m.actor.id) or {}
            en = ((rec.get("metonyms") or {}).get("en") or [None])[0]
            if en and not en.lower().startswith("the "):
                found = places.lookup(en, m.actor.country)
                out = {"name": en, "country": m.actor.country, "id": None, "text": doc.text[m.start:m.end]}
                if found:
                    out.update(id=found.id, lat=found.lat, lon=found.lon)
                return out
    return None


def _place_record(pid: str, text: str) -> dict | None:
    p = places.place(pid)
    if p is not None:
        return {"name": p.name, "country": p.country, "id": p.id, "lat": p.lat, "lon": p.lon, "text": text}
    rec = kb_index()[0].get(pid)
    if rec:
        return {"name": rec.get("name"), "country": rec.get("country"), "id": rec.get("id"), "text": text}
    return None


def _trigger_plovers(doc: Doc, sentence: int) -> list:
    """The PLOVER types of the triggers of one sentence (an index built once per list of
    triggers: a scan of every trigger for every event was quadratic)."""
    key = (id(doc.triggers), len(doc.triggers))
    cached = doc.meta.get("_trigger_plovers")
    if cached is None or cached[0] != key:
        index: dict[int, list] = {}
        for t in doc.triggers:
            if TYPES.get(t.type):
                index.setdefault(t.sentence, []).append(TYPES[t.type].plover)
        cached = (key, index)
        doc.meta["_trigger_plovers"] = cached
    return cached[1].get(sentence, [])


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
    if (source or etype.quad_class > 2 or etype.plover == "CONSULT") and etype.state_actor_weak \
            and m.actor.kind == "country" and m.via == "name":
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


def _code(doc: Doc, t, sent: Span, src, tgt, context: bool, how: list[str], lead, events: list[Event]) -> None:
    """Code one proposal with its chosen actors (date, modality, place, counts,
    confidence) and merge the event into the article's events."""
    etype = TYPES[t.type]
    place = _place_in(doc, sent, t) if etype.takes_place else None
    if src is not None:
        src = _localise(src, place)
    if tgt is not None and src is not None and etype.target_from_place and etype.plover == "CONSULT" \
            and _travel_together(doc, src, tgt):
        # "Carney and Starmer travelled to China": who travel together are not each
        # other's hosts; the place visited gives the host
        how.append("the target travels with the source: the host is the place's country")
        tgt = None
    if tgt is None and etype.target_from_place and place and place.get("country"):
        if etype.plover == "CONSULT":
            # "arrived in Beijing": the host is the country of the place visited
            crec = kb_index()[0].get(place["country"])
            # the place visited is named with the visit: an earlier sentence's place is
            # where the article was, not where this one went
            if crec and src is not None and place["country"] != src.actor.country and place.get("in_sentence"):
                from .actors import actor_from

                at = doc.text.find(place["text"], sent.start)
                tgt = ActorMention(at, at + len(place["text"]), actor_from(crec), "place")
                how.append("target = country of the place visited")
        elif src is None or src.actor.country != place["country"] or src.actor.kind == "agent":
            # an attack on a place strikes its people ("drone strike on Kyiv")
            tgt = _implicit(t, "CVL", place["country"])
            how.append(f"target = civilians of {place['country']}, the country of the place attacked")
    tgt = _victims_of_the_other_side(doc, t, etype, src, tgt, how)
    if src is not None and src.actor.sector in etype.source_not_sectors:
        # "police detained activists during a protest": the police are who the
        # protesters face, and the protesters are implied
        how.append(f"the {src.actor.sector} named is the side the act meets, not its source")
        tgt, src = tgt or src, None
    if src is None and etype.implicit_source:
        src = _implicit(t, etype.implicit_source, (place or {}).get("country") or doc.meta.get("_main_country"))
        if src is not None:
            how.append(f"source = the {etype.implicit_source} agent the event implies (no actor named)")
    if tgt is None and src is not None and etype.implicit_target:
        tgt = _implicit(t, etype.implicit_target, src.actor.country)
        if tgt is not None:
            how.append(f"target = the {etype.implicit_target} of {src.actor.country} the event implies")
    if tgt is None and src is not None and src.actor.sector == "COP" and etype.plover in POLICE_AT_PROTESTS \
            and doc.meta.get("_protest_article"):
        # "the police refused", "police threatened to use gas", "riot police formed a
        # cordon" in a report of a protest: what the police do there, they do to the protesters
        tgt = _implicit(t, "OPP", src.actor.country)
        how.append(f"target = the protesters of {src.actor.country} (the police act at a protest the article reports)")
    if not _enough(etype, src, tgt, place):
        return
    if topics.article_kinds(doc) & set(etype.off_topic_veto) and not any(
            m is not None and (m.actor.kind == "person" or m.via == "role") for m in (src, tgt)):
        # a sport report's "attack" or "visit" is a game's; a leader's meeting at the
        # Olympics is still a meeting
        doc.meta.setdefault("below_threshold", []).append(
            f"{t.type} ('{doc.text[t.start:t.end]}'): not coded in a {'/'.join(sorted(topics.article_kinds(doc)))} "
            "report without a named person or office")
        return
    if src is not None and tgt is not None and tgt.actor.country == src.actor.country \
            and "agent" not in (src.actor.kind, tgt.actor.kind):
        return  # two states' worth of one country: not an event between actors
    near = _nearest_date(doc, t, sent)
    dmention = near[3] if near else None
    lead_used = False
    planned_flag = t.modality == "planned"
    resolved = None
    if dmention is not None and dmention.kind != "month":
        resolved = dates_mod.resolve(dmention, doc.published, future=planned_flag, partial=doc.published_partial)
    modality, why_mod = modality_mod.modality_of(doc, t, sent, dmention, resolved)
    if modality == "intent":
        etype, modality, why_mod = modality_mod.stated_intent(etype, why_mod)
    if resolved is None and dmention is None and modality == "asserted" and lead is not None:
        resolved, lead_used = lead, True
    if modality == "asserted" and etype.default_modality != "asserted":
        modality, why_mod = etype.default_modality, f"{etype.key} events are {etype.default_modality} by default"
    if modality == "planned" and etype.future_is_content:
        # "pledged to release all prisoners", "threatened to strike", "called for talks":
        # the future is what was promised, threatened or asked; the act is done
        modality, why_mod = "asserted", f"a {etype.plover} is said now; the future is its content ({why_mod})"
    if modality == "planned" and not planned_flag and dmention is not None and dmention.kind != "month":
        resolved = dates_mod.resolve(dmention, doc.published, future=True, partial=doc.published_partial)
    cameo, mode, gold = etype.cameo, etype.mode, etype.goldstein
    if etype.third_location and place and place.get("in_sentence") and place.get("country") not in (
            src.actor.country if src else None, tgt.actor.country if tgt else None):
        third = TYPES[etype.third_location]
        cameo, mode, gold = third.cameo, third.mode, third.goldstein
    conf = _confidence(doc, t, etype, src, tgt, context, how, events)
    rule = (f"trigger '{doc.text[t.start:t.end]}' matched {t.language} pattern '{t.pattern}' "
            f"-> {t.type} (CAMEO {cameo}, {etype.plover}); " + "; ".join(how))
    if t.coder == "learned":
        rule = f"{t.pattern} -> {t.type} (CAMEO {cameo}, {etype.plover}); " + "; ".join(how)
    if near:
        rule += f"; date from '{doc.text[near[1]:near[2]]}'" + (f" -> {resolved}" if resolved else " (no day)")
    elif lead_used:
        rule += f"; date {resolved} from the article's lead (no date in this sentence)"
    if why_mod:
        rule += f"; {modality}: {why_mod}"
    floor = max(MIN_CONFIDENCE, etype.min_confidence or 0)
    strong_source = src is not None and (src.actor.kind in ("person", "org") or src.via in ("role", "counterpart"))
    if etype.state_actor_weak and any(m is not None and m.actor.kind == "country" and m.via == "name"
                                      for m in (src, None if strong_source and etype.plover != "CONSULT" else tgt)):
        # a country named alone, as a party to a statement or a meeting, is as often its
        # topic ("North Korea's missiles"): such events need the surer cue; not the
        # recipient of what a named person or body says ("the UN chief urged Israel")
        floor = max(floor, COUNTRY_MIN_CONFIDENCE)
    if conf < floor and tgt is not None and src is not None and etype.actors != "both" \
            and src.actor.kind != "country" and any(h.startswith("target from sentence") for h in how) \
            and not any(h.startswith("source from sentence") for h in how):
        # an act one actor suffices for ("the minister condemned the attack") is not made
        # doubtful by a target guessed from the sentences before: the guess is dropped, not
        # the act (a country named alone is more often the topic than the one who acts)
        alone = _confidence(doc, t, etype, src, None, False, how, events)
        if alone >= floor:
            tgt, conf = None, alone
            rule += "; the target guessed from an earlier sentence is left open (too doubtful)"
    if conf < floor:
        doc.meta.setdefault("below_threshold", []).append(f"{t.type} ({conf:.2f}): {rule}")
        return
    if tgt is None and src is not None and etype.domestic_target and doc.meta.get("_only_country") == src.actor.country:
        # "the prime minister resigned", "the opposition condemned the decision": in a report
        # that names one country only, the unnamed other side of an act is of that country
        # (its public, its government); in a report of several countries it stays open
        tgt = _implicit(t, etype.domestic_target, src.actor.country)
        rule += f"; target = the {etype.domestic_target} of {src.actor.country}, the one country of the article (none named)"
    found = _counts(doc, sent, etype)
    if found:
        rule += "; counts " + ", ".join(f"{k} {v}" for k, v in found.items() if k != "approximate")
    period = _period(dmention, doc, modality) if dmention is not None and dmention.kind == "month" else None
    ev = Event(type=etype.key, cameo=cameo, plover=etype.plover, mode=mode, goldstein=gold,
               quad_class=etype.quad_class, source=src, target=tgt, date=resolved,
               location=({k: v for k, v in place.items() if k not in ("text", "in_sentence")} if place else None),
               modality=modality, confidence=round(conf, 2), evidence=Span(sent.start, sent.end, "evidence"),
               trigger=t, rule=rule, mentions=[Span(sent.start, sent.end, "evidence")],
               coder=t.coder, period=period, context=etype.context, counts=found,
               coders=t.coder.split("+"),
               month_day=_month_day(dmention) if resolved is None else None,
               # "last week", "in recent days": the text speaks of a time, not of the
               # publication day, which must not stand for it
               date_basis="vague" if resolved is None and dmention is not None else None,
               elsewhere=_elsewhere(doc, sent))
    _add(events, ev)


def _publication_day(events: list[Event], doc: Doc) -> None:
    """An act reported as done whose text gives no day at all (no date, no weekday, no
    month, no lead) is dated by the publication day, as GDELT and ICEWS date every event
    by its story: news reports what happened today or overnight ("last week" is a time of
    its own, and leaves the day open). Marked `date_basis`
    "published", so the merge (ingest) treats the day as a guess, not as a reported date,
    and a report the next day still joins it."""
    if not doc.published:
        return
    for ev in events:
        if ev.date is None and ev.modality == "asserted" and not ev.month_day and not ev.period \
                and ev.date_basis != "vague":
            ev.date, ev.date_basis = doc.published, "published"
            ev.rule += f"; date {doc.published}: the publication day (the text gives none)"


def _elsewhere(doc: Doc, sent: Span) -> bool:
    """Whether the sentence says it reports what happened somewhere else ("Elsewhere in
    the province, gunmen attacked ...", "Noutro ponto da província"): the language's
    `elsewhere_cues`, at the sentence's start."""
    cues = resources.lang_data(doc.language or "en").get("elsewhere_cues") or []
    head = doc.text[sent.start:sent.start + 40].lstrip().lower()
    return any(head.startswith(c.lower()) for c in cues)


def _localise(m: ActorMention, place: dict | None) -> ActorMention:
    """An agent whose country came only from the article's main country takes the
    country of the event's place ("police detained 20 people in Gdańsk")."""
    if place and place.get("country") and m.actor.kind == "agent" and m.actor.role \
            and m.actor.role.startswith("country from the country the article") and m.actor.country != place["country"]:
        from dataclasses import replace

        a = replace(m.actor, country=place["country"], id=f"{place['country']}{m.actor.sector or ''}",
                    role="country from the place of the event")
        return ActorMention(m.start, m.end, a, m.via, m.sentence)
    return m


def _victims_of_the_other_side(doc: Doc, t, etype, src, tgt, how: list[str]):
    """"Afghan officials said a U.S. airstrike killed 17 villagers": civilians an attack
    kills, whose country was only guessed from the article (most about the attacker's),
    are of the one other country their sentence names."""
    if etype.plover != "ASSAULT" or src is None or tgt is None or tgt.via == "name" \
            or tgt.actor.sector not in arguments.VICTIMS or tgt.actor.country != src.actor.country \
            or "most about" not in (tgt.actor.role or "") and tgt.via != "implicit":
        return tgt
    others = {m.actor.country for m in doc.actors_in(t.sentence)
              if m.actor.country and m.actor.country != src.actor.country
              and not (m.actor.role or "").startswith("country from")}  # named, not guessed
    if len(others) != 1:
        return tgt
    country = others.pop()
    how.append(f"target = civilians of {country}, the other country of the sentence (the attacker is {src.actor.country})")
    return _implicit(t, tgt.actor.sector, country)


def _implicit(t, sector: str, country: str | None) -> ActorMention | None:
    """The actor a protest or an arrest implies when the text names none: protesters,
    police, the army, of the country of the event's place, else of the article; and the
    side it implies: the authorities a protest is against, the people an arrest takes."""
    if not country:
        return None
    from .doc import Actor

    return ActorMention(t.start, t.start, Actor(id=f"{country}{sector}", name=sector, kind="agent", country=country,
                                                sector=sector, role="implied by the event"), "implicit")


def _enough(etype, src, tgt, place) -> bool:
    """Whether the actors found are enough for this kind of event (`actors` in the ontology)."""
    if etype.actors == "both":
        return src is not None and tgt is not None
    if etype.actors == "one":
        return src is not None or tgt is not None
    return src is not None or tgt is not None or place is not None


def _confidence(doc: Doc, t, etype, src, tgt, context: bool, how: list[str], events: list[Event]) -> float:
    if src is None and tgt is None:
        return t.weight * 0.85  # an event known by its place alone ("a bomb exploded in Kabul")
    main = src or tgt
    src_conf = _via_conf(main, etype)
    if any(h.startswith(arguments.SPEAKS_FOR) for h in how):
        src_conf = max(src_conf, 0.95)
    # an actor taken from the sentences before is likelier right when the article has
    # coded a consultation of that same pair ("... thanked him for the welcome")
    pair = {src.actor.country if src else None, tgt.actor.country if tgt else None}
    known = context and any(e.plover == "CONSULT" and e.modality == "asserted" and e.target is not None
                            and {e.source.actor.country, e.target.actor.country} == pair for e in events)
    if known:
        src_conf = max(src_conf, 0.9)
    other = tgt if src is not None else None
    conf = t.weight * min(src_conf, _via_conf(other, etype, source=False) if other else (
        0.8 if etype.actors == "both" else 1.0))
    if context:
        conf *= 0.8 if etype.plover == "CONSULT" or known else 0.65
    if src is not None and etype.plover != "CONSULT" and not context and src.end <= t.start \
            and t.start - src.end > 100 and arguments.SPEAKER_IS_SUBJECT not in how:
        conf *= 0.65  # a subject far from the verb is often another clause's subject
    return conf


def _counts(doc: Doc, sent: Span, etype) -> dict:
    if not etype.counts:
        return {}
    # date expressions are not counts ("on 12 March", "in 2024")
    text = _masked(doc, sent)
    found = counts_mod.find_counts(text, doc.language, etype.counts)
    # "... in an air strike on Sumy. Nine people were killed and 31 wounded.": the next
    # sentence gives the toll when it reports no event of its own
    i = doc.sentence_of(sent.start)
    if i + 1 < len(doc.sentences) and not any(p not in (etype.plover, None) for p in _trigger_plovers(doc, i + 1)):
        nxt = doc.sentences[i + 1]
        more = counts_mod.find_counts(_masked(doc, nxt), doc.language, etype.counts)
        for k, v in more.items():
            if k == "approximate":
                approx = sorted(set(found.get("approximate", [])) | {f for f in v if f not in found})
                if approx:
                    found["approximate"] = approx
            else:
                found.setdefault(k, v)
    return found


def _masked(doc: Doc, sent: Span) -> str:
    text = doc.text[sent.start:sent.end]
    for s, e, _ in doc.meta.get("_dates", []):
        if sent.start <= s < sent.end:
            a, b = s - sent.start, min(e, sent.end) - sent.start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _month_day(d) -> str | None:
    """The day a mention gives when no date resolves it: "05-16" (day and month, no year),
    "---16" (a day alone, "16日", with no publication date to give its month)."""
    if d is None or not d.day:
        return None
    if d.kind == "md" and d.month:
        return f"{d.month:02d}-{d.day:02d}"
    if d.kind == "day":
        return f"---{d.day:02d}"  # ISO 8601 for a day of an unknown month
    return None


def _pick(doc: Doc, t):
    etype = TYPES[t.type]
    if etype.arguments == "pair":
        cut = modality_mod.recalled_clause(doc, t)
        src, tgt, context, how = arguments.pick_pair(doc, t, t.sentence, cut[0] if cut else None)
        if cut and any(m.start >= cut[0] and arguments._party(m) for m in doc.actors_in(t.sentence)):
            how.append(f"not the actors after the recalled cue '{cut[1]}' (the earlier event's)")
        if t.reverse and src and tgt:
            src, tgt = tgt, src
            how.append("reversed: the trigger's subject is the target")
        if src is None and tgt is None and ontology()["plover"][etype.plover].get("actors") == "one":
            # "President Karzai condemned the attack": an act one actor suffices for,
            # whose only actor is an office known by its role. pick_pair keeps such
            # offices out (between two states the guessed country is too often the other
            # side), but with no second party there is no other side to confuse it with.
            # Not the speaker of a reported clause ("the prime minister's office said that
            # the sides agreed ...": the sides agreed, not the office)
            acts = [m for m in doc.actors_in(t.sentence) if m.actor.country and m.via == "role"
                    and m.actor.kind == "agent" and m.end <= t.start and arguments._clause_start(doc, m, t) is None]
            if acts:
                return acts[-1], None, False, ["source = the office nearest before the trigger (no other party)"]
        return src, tgt, context, how
    return arguments.pick_one_sided(doc, t, t.sentence)


def _place_country(doc: Doc):
    def country_of(sent_idx: int) -> str | None:
        in_sentence = (doc.places_between(doc.sentences[sent_idx].start, doc.sentences[sent_idx].end)
                       if 0 <= sent_idx < len(doc.sentences) else
                       [p for p in doc.places if doc.sentence_of(p.start) == sent_idx])
        for p in in_sentence:
            rec = _place_record(p.label, "")
            if rec and rec.get("country"):
                return rec["country"]
        return None
    return country_of


def code_events(doc: Doc, coders: tuple[str, ...] = ("lexicon", "learned")) -> Doc:
    events: list[Event] = []
    attribution.drop_cited(doc)
    lead = _lead_date(doc)
    place_countries = [c for c in (( _place_record(p.label, "") or {}).get("country") for p in doc.places) if c]
    doc.meta["_main_country"] = arguments.main_country(doc, place_countries)
    arguments.resolve_agent_countries(doc, _place_country(doc), place_countries)
    named = {m.actor.country for m in doc.actors if m.actor.country} | set(place_countries)
    doc.meta["_only_country"] = named.pop() if len(named) == 1 else None
    proposals = combine(doc, coders)
    doc.meta["_protest_article"] = any(TYPES[t.type].plover == "PROTEST" for t in proposals)
    # an article that reports an exercise held together names its partners once ("Turkish
    # and Azerbaijani forces began joint drills"); its other sentences on the exercise
    # ("the drills began with the air force") speak of the same joint exercise
    joint_doc = {TYPES[t.type].joint_type for t in proposals if TYPES[t.type].joint_type and _joint(doc, t)}
    for t in proposals:
        sent = doc.sentences[t.sentence]
        joint = TYPES[t.type].joint_type
        if joint and (joint in joint_doc or _joint(doc, t)):
            from dataclasses import replace

            t = replace(t, type=joint)
        src, tgt, context, how = _pick(doc, t)
        if joint and t.type == joint:
            how.append(f"{joint}: the sentence names two or more countries or an alliance")
        _code(doc, t, sent, src, tgt, context, how, lead, events)
        if TYPES[t.type].list_partners:
            for extra in _coordinated(doc, t, src, tgt):
                _code(doc, t, sent, src, extra, context, how + ["another partner in the same list"], lead, events)
        if TYPES[t.type].arguments == "pair":
            # "Russia and China vetoed the resolution": each actor of a list acts, for every
            # act between two parties (a list of targets only where the type says so)
            for extra in _coordinated(doc, t, src, tgt, of_source=True):
                _code(doc, t, sent, extra, tgt, context, how + ["another actor in the same list"], lead, events)
    modality_mod.recalled_news(events, doc, proposals)
    events = _consolidate(events)
    _inherit_dates(events)
    modality_mod.previewed(events)
    _publication_day(events, doc)
    doc.events = events
    return doc


def _joint(doc: Doc, t) -> bool:
    """Whether the sentence of an exercise names two or more countries or an alliance (an
    international organisation) as its parties: it is held together (`joint_type`). A
    country named with a word of nearness (`proximity_words`: "drills near Taiwan",
    "台湾周辺で") is where the drills are held, or whom they face, not a party."""
    grammar = resources.lang_data(doc.language or "en")
    words = [norm(w) for w in grammar.get("proximity_words") or []]
    # where such words follow their noun: verb-final languages and unspaced scripts
    postpositions = bool(grammar.get("head_final")) or not grammar.get("script_spacing", True)
    acts = [m for m in doc.actors if m.sentence == t.sentence and not _near(doc, m, words, postpositions)
            # "military" of "military drills" is the trigger's word, not a party
            and not (m.start < t.end and m.end > t.start and m.actor.kind == "agent")]
    return len({m.actor.country for m in acts if m.actor.country}) >= 2 or \
        any(m.actor.kind == "org" and m.actor.sector == "IGO" for m in acts)


def _near(doc: Doc, m: ActorMention, words: list[str], postpositions: bool) -> bool:
    """A word of nearness right before the mention ("near", "у", "قرب"), or right after it
    where such words follow their noun ("台湾周辺", "대만 인근", "Tayvan yakınında")."""
    before = norm(doc.text[max(0, m.start - 30):m.start]).rstrip()
    after = norm(doc.text[m.end:m.end + 16]).lstrip()
    for w in words:
        if before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()):
            return True
        if postpositions and after.startswith(w):
            return True
    return False


def _coordinated(doc: Doc, t, src, tgt, of_source: bool = False) -> list[ActorMention]:
    """Further partners listed with the target ("与普京及特朗普谈话", "met Putin and Modi",
    "expelled the diplomats of Germany, Sweden and Poland"), or `of_source`, with the
    source ("Russia and China vetoed the resolution"): of that actor's kind, a person
    after a person, a country after a country. Each is an event of its own."""
    if src is None or tgt is None:
        return []
    head = src if of_source else tgt
    if head.actor.kind not in ("person", "country", "agent") or not head.actor.country:
        return []
    # a person after a person; a country after a country or a country's agents
    # ("diplomats of Germany, Sweden and Poland")
    kinds = ("person",) if head.actor.kind == "person" else ("country", "agent")
    if of_source and ((src.start > t.start) == (tgt.start > t.start) or not TYPES[t.type].directed):
        # "France, Germany and Britain sent a letter": the target came from the list;
        # "talks between Xi and Putin": the list is the pair
        return []
    conj = arguments.conjunctions(doc.language)
    out, last = [], head
    side_after = head.start > t.start
    for m in sorted(doc.actors_in(t.sentence), key=lambda m: m.start):
        if m.start <= last.end or m.actor.kind not in kinds or (m.start > t.start) != side_after:
            continue
        if m.actor.country in (src.actor.country, tgt.actor.country) or any(m.actor.country == o.actor.country for o in out):
            continue
        gap = doc.text[last.end:m.start]
        if len(gap) > 25 or any(c in gap for c in ".;!?。；"):
            break
        if m.actor.kind != "person" and not _list_gap(gap, conj):
            break  # countries in a list stand apart by a comma or an "and" only
        out.append(m)
        last = m
    return out


def _travel_together(doc: Doc, a: ActorMention, b: ActorMention) -> bool:
    """Whether two actors stand in one list ("A and B"), so travel as one side."""
    conj = arguments.conjunctions(doc.language)
    first, second = (a, b) if a.start < b.start else (b, a)
    # titles may stand between: "Mark Carney and British Prime Minister Keir Starmer"
    gap = doc.text[first.end:second.start]
    words = [w.lower() for w in LIST_MARK.split(gap) if w]
    # an "and" word, not a comma alone: after a comma a new clause may start ("Putin's
    # visit to China was a success, Wang said")
    return 0 < len(gap) <= 40 and not re.search(r"[.;:!?]", gap) and any(w in conj for w in words)


LIST_MARK = re.compile(r"[\s,،、，]+")


def _list_gap(gap: str, conj: set[str]) -> bool:
    """Whether the text between two actors joins them in a list: a comma or an "and" word
    of the language (`conjunctions`), and at most an article besides ("and the")."""
    words = [w.lower() for w in LIST_MARK.split(gap) if w]
    joined = any(c in gap for c in ",،、，") or any(w in conj for w in words)
    return joined and len("".join(w for w in words if w not in conj)) <= 3


def _inherit_dates(events: list[Event]) -> None:
    """An undated event of a pair takes the date of the article's dated consultation of
    the same pair: support voiced during a call happened on the day of the call."""
    for x in events:
        if x.date or x.modality != "asserted" or x.target is None or x.source is None:
            continue
        pair = {x.source.actor.country, x.target.actor.country}
        for y in events:
            if y is not x and y.date and y.modality == "asserted" and y.plover == "CONSULT" and y.target \
                    and {y.source.actor.country, y.target.actor.country} == pair:
                x.date, x.date_basis = y.date, y.date_basis
                x.rule += f"; date {y.date} from the {y.type.replace('_', ' ')} of the same pair"
                break


def _consolidate(events: list[Event]) -> list[Event]:
    """Merge mentions that turned out to share a sentence once all were coded
    ("holds talks ... via video link": the talks were the video call)."""
    out: list[Event] = []
    for ev in events:
        _add(out, ev)
    return out


def _country(m: ActorMention | None) -> str | None:
    return m.actor.country if m is not None else None


def _view(ev: Event) -> View:
    return View(ev.type, _country(ev.source), _country(ev.target), ev.modality, ev.date,
                (ev.location or {}).get("name"))


def _compatible(x: Event, y: Event) -> bool:
    """Within one article, `merge.mergeable` plus what only an article can tell."""
    tx, ty = TYPES[x.type], TYPES[y.type]
    if x.modality != y.modality and not (x.date or y.date) and {x.modality, y.modality} == {"asserted", "background"} \
            and x.type == y.type and tx.once_per_article and _country(x.source) == _country(y.source):
        # "Putin's last visit to China" (background) and, later, "during Putin's visit to
        # China" (no cue): one undated visit, and what the article said of it holds
        return True
    if (x.elsewhere or y.elsewhere) and x.evidence.start != y.evidence.start:
        return False  # "Elsewhere, gunmen attacked ...": another event than the one before
    same_pair = {_country(x.source), _country(x.target)} == {_country(y.source), _country(y.target)}
    if x.plover == y.plover == "CONSULT" and "call" in (tx.group, ty.group) and same_pair \
            and x.modality == y.modality and (not x.date or not y.date or x.date == y.date) \
            and any(m.start == n.start for m in x.mentions for n in y.mentions):
        return True  # "holds talks with Xi via video link": one encounter, named twice
    if tx.counts and _counts_differ(x.counts, y.counts, tx.counts[0]):
        return False
    # within one article two dates are two events, whatever the type's window
    return mergeable(_view(x), _view(y), window_days=0) is not None


def _counts_differ(a: dict, b: dict, kind: str) -> bool:
    """Two mentions that state different tallies of the type's own kind (the arrested of
    an arrest, the freed of a release, a protest's crowd) report two events ("542
    prisoners freed on Friday" and "1,634 freed on 11 August"; "400 arrested" and, earlier
    in the day, "eight demonstrators detained"). A rising toll rarely doubles within one
    article; a vague figure ("hundreds", "thousands") is a floor an order of magnitude
    wide, so it conflicts only with an exact figure far from it. Other tallies a mention
    carries (the arrests at a protest) do not part the events they are attached to."""
    if not a.get(kind) or not b.get(kind):
        return False
    lo, hi = sorted((a[kind], b[kind]))
    vague = [kind in x.get("approximate", []) for x in (a, b)]
    if all(vague):
        return False
    return hi >= (20 if any(vague) else 2) * lo


def _merge_counts(into: dict, more: dict) -> None:
    """Counts of two mentions of one event: an exact figure wins over an approximate one
    ("thousands protested" in the headline, "3,000 people" in the body); of two exact
    ones, the first stated (the lead states the event's own figure; a later, other figure
    is most often another event recalled: "the government had freed 2,000 prisoners in
    May"); of two approximate ones, the larger ("thousands" in the headline stands for
    the body's "about 3,000")."""
    approx = set(into.get("approximate", []))
    new_approx = set(more.get("approximate", []))
    for k, v in more.items():
        if k == "approximate":
            continue
        if k not in into or (k in approx and k not in new_approx) or \
                (k in approx and k in new_approx and v > into[k]):
            into[k] = v
            approx.discard(k)
            if k in new_approx:
                approx.add(k)
    if approx:
        into["approximate"] = sorted(approx)
    else:
        into.pop("approximate", None)


def _add(events: list[Event], ev: Event) -> None:
    for x in events:
        if _compatible(x, ev):
            if x.modality == "asserted" and ev.modality != "asserted":
                x.modality = ev.modality
            x.mentions.append(ev.evidence)
            if ev.date and not x.date:
                x.date, x.date_basis = ev.date, ev.date_basis
            if x.plover == "CONSULT" and TYPES[ev.type].specificity > TYPES[x.type].specificity \
                    or (x.plover != "CONSULT" and TYPES[x.type].cameo.endswith("0") and not TYPES[ev.type].cameo.endswith("0")
                        and len(TYPES[ev.type].cameo) >= len(TYPES[x.type].cameo)):
                # the more specific mention names the event and gives its evidence
                x.type, x.cameo, x.mode, x.goldstein = ev.type, ev.cameo, ev.mode, ev.goldstein
                x.evidence, x.trigger, x.rule = ev.evidence, ev.trigger, ev.rule
                if ev.source is not None and (ev.source.via == "name" or x.source is None or x.source.via != "name"):
                    x.source, x.target = ev.source, ev.target
            # a call has no meeting place, even when a "talks in Brasília" mention joined it
            x.location = None if not TYPES[x.type].takes_place else (x.location or ev.location)
            # a side one mention leaves open, the other may give; a headline's first
            # actor is often its place ("Nouméa : ..."): the body's sure actor wins
            if x.source is None or (ev.source is not None and ev.confidence > x.confidence
                                    and TYPES[x.type].arguments == "one_sided"):
                x.source = ev.source or x.source
            if x.target is None:
                x.target = ev.target
            x.confidence = max(x.confidence, ev.confidence)
            _merge_counts(x.counts, ev.counts)
            x.coders = sorted(set(x.coders) | set(ev.coders))
            x.coder = "+".join(x.coders)
            x.mentions += [m for m in ev.mentions[1:] if m not in x.mentions]
            return
    events.append(ev)
