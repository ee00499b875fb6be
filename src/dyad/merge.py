"""When two mentions report one real-world event: the one rule, driven by the ontology.

Used within an article (the coder: an event stated three times is one event) and across
articles (ingest: eighteen articles in ten languages on one video call are one event).
Each PLOVER type and named type carries its merge rule as data (`ontology.json`):
`window_days`, `place_must_agree`, and for CONSULT `specificity` and `group`.

Two mentions join when all of these hold:
1. family: the same PLOVER type (CONSULT mentions also need compatible groups: a generic
   "talks" joins a call or a meeting; a call does not join a visit);
2. pair: the same countries, in the same order for directed types (an accusation of A by B
   is not one of B by A); order ignored for undirected ones (talks, joint exercises);
   two mentions of one directed type with different sources are two events (Xi's visit to
   Moscow is not Putin's visit to Beijing), unless across articles both are dated within
   the window: two leaders do not visit each other within days, so there the coder has
   read host and guest the other way round ("Xi welcomed Putin");
3. modality: the same (a plan is not the event);
4. date: within the window of the less tolerant type, when both have dates;
5. place: the same, where the type says the place must agree and both give one (two
   protests on one day in two cities are two protests).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .ontology import TYPES, EventType


@dataclass(frozen=True)
class View:
    """What merging needs to know of a mention or of a stored event."""
    type: str
    source: str | None
    target: str | None
    modality: str = "asserted"
    date: str | None = None
    place: str | None = None


def family_of(ev_type: str) -> str:
    t = TYPES[ev_type]
    return t.plover or t.cameo


def _undirected(t: EventType) -> bool:
    from .ontology import ontology

    return not (ontology()["plover"].get(t.plover) or {}).get("directed", True)


def pair_key(ev_type: str, src: str | None, tgt: str | None) -> str:
    """The index key of a pair: unordered for PLOVER types that are undirected."""
    if _undirected(TYPES[ev_type]):
        return "|".join(sorted([src or "-", tgt or "-"]))
    return f"{src or '-'}>{tgt or '-'}"


def types_join(a: str, b: str, across: bool = False) -> bool:
    """Whether mentions of these two types may be one event. Within an article a visit
    and its meetings are two events; between articles (`across`) one report of the visit
    and another of a meeting during it are one (`group_across`)."""
    ta, tb = TYPES[a], TYPES[b]
    if family_of(a) != family_of(b):
        return False
    if ta.plover == "CONSULT":
        if ta.specificity == 0 or tb.specificity == 0:
            return True
        if across:
            return ta.merge.get("group_across", ta.group) == tb.merge.get("group_across", tb.group)
        return ta.group == tb.group
    if ta.merge.get("codes_agree") or tb.merge.get("codes_agree"):
        return ta.cameo[:3] == tb.cameo[:3] or _generic(ta) or _generic(tb)
    return True


def _generic(t: EventType) -> bool:
    """A type's unspecified code ("110 disapprove", "050"): it joins any code of its type."""
    return len(t.cameo) == 3 and t.cameo.endswith("0")


def window(a: str, b: str) -> int:
    return min(TYPES[a].window_days, TYPES[b].window_days)


def days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def _sides_agree(a: View, b: View) -> bool:
    """For one-sided types within one article: a side one mention leaves open agrees with
    any ("protesters marched in Tbilisi" and "the march drew 5,000 people")."""
    loose = TYPES[a.type].merge.get("target_may_differ") and TYPES[b.type].merge.get("target_may_differ")
    return (not a.source or not b.source or a.source == b.source) and \
        (loose or not a.target or not b.target or a.target == b.target)


def mergeable(a: View, b: View, window_days: int | None = None, across: bool = False) -> str | None:
    """The rule that joins the two, or None when they are two events."""
    if not types_join(a.type, b.type, across):
        return None
    one_sided = TYPES[a.type].one_sided and TYPES[b.type].one_sided
    if not (one_sided and not across and _sides_agree(a, b)) \
            and pair_key(a.type, a.source, a.target) != pair_key(b.type, b.source, b.target):
        return None
    ta, tb = TYPES[a.type], TYPES[b.type]
    if a.type == b.type and ta.directed and _undirected(ta) and a.source != b.source \
            and not (across and a.date and b.date):
        return None  # two visits in opposite directions
    if a.modality != b.modality:
        return None
    win = window(a.type, b.type) if window_days is None else window_days
    if a.date and b.date and days_apart(a.date, b.date) > win:
        return None
    must_agree = ta.merge.get("place_must_agree") or tb.merge.get("place_must_agree")
    if must_agree and a.place and b.place and a.place != b.place:
        return None
    how = f"same {family_of(a.type)} of {pair_key(a.type, a.source, a.target)}"
    if a.date and b.date:
        how += " on the same day" if a.date == b.date else f" within {win} days"
    return how
