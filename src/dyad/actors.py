"""Actor recognition and linking: knowledge-base names in every script and inflection.

One Aho-Corasick automaton per language holds every normalised name, adjective, metonym,
role word and place name of that language (plus English, which news in any language
quotes). A hit counts when it sits on word boundaries, allowing the language's clitic
prefixes before it and its case endings after it (both from the language file), or any
ending after an apostrophe or hyphen (Putin'le, Xi Jinping-u, OKB-së). Names in scripts
without spaces (Chinese, Japanese) match anywhere.

Adjacent hits are then grouped into one noun phrase ("presidenti i Kinës Xi Jinping",
"الرئيس الروسي", "his Chinese counterpart"), which resolves to one actor: the named
person if there is one, else the holder of the office on the article's date, else the
country or organisation.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from . import resources
from .dates import parse_iso
from .doc import Actor, ActorMention, Doc, Span
from .normalize import is_cjk, is_word_char, norm, normalize



def kin(lang: str) -> tuple[str, ...]:
    """Languages that share this one's grammar and names (`shares_grammar_with`)."""
    return tuple(resources.lang_data(lang).get("shares_grammar_with") or ())

PRIORITY = {"person": 6, "org": 5, "country": 4, "metonym": 3, "adjective": 3, "role": 2, "agent": 2, "place": 1}


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str      # person | org | country | adjective | metonym | role | place
    ref: str       # KB id, or role key for roles
    stem: bool = False  # key is a stem that needs an ending
    caps: bool = False  # an all-capitals abbreviation ("US", "SAD", "EAU"): matches only in capitals


@dataclass(slots=True)
class Part:
    start: int  # offsets into doc.text
    end: int
    hit: Hit


@lru_cache(maxsize=None)
def _transliteration(lang: str) -> dict[str, str]:
    return (resources.lang_data(lang).get("transliteration") or {}).get("map") or {}


def transliterate(lang: str, s: str) -> str:
    table = _transliteration(lang)
    return "".join(table.get(c, c) for c in s)


def _latin_plain(s: str) -> str:
    if not all(ord(c) < 0x250 or not c.isalpha() for c in s):
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


class Morphology:
    """A language's clitic prefixes, case endings and the final letters an ending
    replaces (`morphology` in its file): where a name found in running text may start and
    end. Shared by the actor matcher and the place gazetteer."""

    def __init__(self, lang: str):
        self.lang = lang
        data = resources.lang_data(lang)
        morph = data.get("morphology", {})
        self.spacing = data.get("script_spacing", True)
        self.prefixes = {norm(p) for p in morph.get("prefixes", []) if norm(p)}
        self.suffixes = {norm(s) for s in morph.get("suffixes", []) if norm(s)}
        self.strip = sorted({norm(s) for s in morph.get("strip", []) if norm(s)}, key=len, reverse=True)
        self.max_prefix = max((len(p) for p in self.prefixes), default=0)

    def stem(self, v: str) -> str | None:
        """The stem an ending attaches to ("Россия" -> "Росси"), if the word has one."""
        if self.strip and not is_cjk(v[0]):
            for ending in self.strip:
                if v.endswith(ending) and len(v) - len(ending) >= 3:
                    return v[: -len(ending)]
        return None

    def _left_ok(self, t: str, a: int) -> bool:
        if a == 0 or not is_word_char(t[a - 1]):
            return True
        ws = a
        while ws > 0 and is_word_char(t[ws - 1]) and a - ws <= self.max_prefix * 3:
            ws -= 1
        if ws > 0 and is_word_char(t[ws - 1]):
            return False
        return _is_chain(t[ws:a], self.prefixes)

    def _right_end(self, t: str, b: int, stem: bool) -> int | None:
        """End of the word if what follows the key is an allowed ending, else None."""
        n = len(t)
        if b == n or not is_word_char(t[b]):
            if stem:
                return None
            if b < n - 1 and t[b] in "'-" and is_word_char(t[b + 1]):
                e = b + 1
                while e < n and is_word_char(t[e]):
                    e += 1
                return e
            return b
        e = b
        while e < n and is_word_char(t[e]):
            e += 1
        tail = t[b:e]
        if tail in self.suffixes or (len(tail) <= 8 and _is_chain(tail, self.suffixes, 2)):
            return e
        return None


class Matcher(Morphology):
    def __init__(self, lang: str):
        super().__init__(lang)
        data = resources.lang_data(lang)
        self.auto = ahocorasick.Automaton()
        self._keys: dict[str, set[Hit]] = {}
        langs = (lang, *kin(lang), "en") if lang != "en" else ("en",)
        for rec in resources.kb_records():
            kind = rec.get("kind", "person")
            rid = rec["id"]
            for field, hkind in (("names", kind), ("adjectives", "adjective"), ("metonyms", "metonym")):
                block = rec.get(field) or {}
                own = [c for c in langs if c != "en" and block.get(c)]
                # English forms stand in only where the record has none for this language:
                # a curated list may leave a name out on purpose (Turkish "fidan" is a word)
                codes = langs if not own or hkind != "person" else [c for c in langs if c != "en"]
                for code in codes:
                    for name in block.get(code, []) or []:
                        # English adjectives and metonyms are common words in other languages
                        if code == "en" and lang != "en" and hkind in ("adjective", "metonym"):
                            continue
                        # languages that share a grammar (hr/bs/sr, ms/id) share endings too
                        inflect = code == lang or code in kin(lang)
                        self._add(name, Hit(hkind, rid), inflect=inflect)
                        if code == lang and _transliteration(lang):
                            # a language written in two alphabets (Serbian), one letter for one
                            alt = transliterate(lang, name)
                            if alt != name:
                                self._add(alt, Hit(hkind, rid), inflect=True)
        for role, words in (data.get("roles") or {}).items():
            for w in words:
                self._add(w, Hit("role", role), inflect=True)
        for sector, words in (data.get("agents") or {}).items():
            for w in words:
                self._add(w, Hit("agent", sector), inflect=True)
        if lang != "en":
            for role, words in (resources.lang_data("en").get("roles") or {}).items():
                for w in words:
                    if len(w) > 6:
                        self._add(w, Hit("role", role), inflect=False)
        for key, hits in self._keys.items():
            # a fixed order: a set of hits iterates differently in every process, and the
            # same input must give the same database whatever process codes it
            self.auto.add_word(key, (key, tuple(sorted(hits, key=lambda h: (-PRIORITY[h.kind], h.kind, h.ref, h.stem)))))
        if self._keys:
            self.auto.make_automaton()

    def _add(self, name: str, hit: Hit, inflect: bool) -> None:
        key = norm(name).strip()
        if len(key) < 2:
            return
        letters = [c for c in name if c.isalpha()]
        if 2 <= len(letters) <= 5 and all(c.isupper() for c in letters) and name.strip().isalpha():
            hit = Hit(hit.kind, hit.ref, hit.stem, True)
        variants = {key, _latin_plain(key)}
        if key.startswith("ال") and len(key) > 4:
            # "للصين" = ل + (ا)لصين: the article's alef drops after the preposition
            variants.add(key[2:])
        for v in list(variants):
            self._keys.setdefault(v, set()).add(hit)
            stem = self.stem(v) if inflect else None
            if stem:
                self._keys.setdefault(stem, set()).add(Hit(hit.kind, hit.ref, True))

    def find(self, ntext: str) -> list[tuple[int, int, tuple[Hit, ...], int]]:
        out = []
        if not self._keys:
            return out
        for end, (key, hits) in self.auto.iter(ntext):
            a, b = end - len(key) + 1, end + 1
            if is_cjk(key[0]) or not self.spacing:
                out.append((a, b, hits, len(key)))
                continue
            if not self._left_ok(ntext, a):
                continue
            good = []
            e_best = None
            for h in hits:
                e = self._right_end(ntext, b, h.stem)
                if e is not None and (len(key) >= 3 or e == b or ntext[b] in "'-" or _hangul(key[0])):
                    good.append(h)
                    e_best = e if e_best is None else max(e_best, e)
            if good:
                out.append((a, e_best, tuple(good), len(key)))
        return out


def _choose(hits: tuple[Hit, ...], date: str | None) -> Hit:
    """The most specific kind; among people sharing a name, one in office on the date."""
    top = [h for h in hits if PRIORITY[h.kind] == PRIORITY[hits[0].kind]]
    if len(top) > 1 and top[0].kind == "person":
        by_id, _ = kb_index()
        for h in top:
            rec = by_id.get(h.ref)
            if rec and held_role(rec, date) and date:
                return h
    return top[0]


def _hangul(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7AF


def _is_chain(s: str, parts: set[str], max_parts: int = 3) -> bool:
    if not s:
        return True
    if max_parts == 0:
        return False
    return any(s.startswith(p) and _is_chain(s[len(p):], parts, max_parts - 1) for p in parts)


@lru_cache(maxsize=None)
def matcher(lang: str) -> Matcher:
    return Matcher(lang)


@lru_cache(maxsize=1)
def kb_index() -> tuple[dict, dict]:
    by_id = {r["id"]: r for r in resources.kb_records()}
    offices: dict[tuple[str, str], list[tuple[str, str, dict]]] = {}
    for r in by_id.values():
        for role in r.get("roles") or []:
            c = role.get("country")
            if c:
                offices.setdefault((c, role["role"]), []).append(
                    (role.get("start") or "0000-00-00", role.get("end") or "9999-99-99", r))
    return by_id, offices


def office_holder(country: str, role: str, date: str | None) -> dict | None:
    _, offices = kb_index()
    terms = offices.get((country, role))
    if not terms:
        return None
    if date and parse_iso(date):
        current = [t for t in terms if t[0] <= date <= t[1]]
        if current:
            return max(current, key=lambda t: t[0])[2]
        return None
    return max(terms, key=lambda t: t[0])[2]


def held_role(rec: dict, date: str | None) -> str | None:
    for role in rec.get("roles") or []:
        if not date or (role.get("start") or "") <= date <= (role.get("end") or "9999"):
            return role["role"]
    return None


def actor_from(rec: dict, role: str | None = None) -> Actor:
    kind = rec.get("kind", "person")
    country = rec.get("country") if kind != "country" else rec["id"]
    return Actor(id=rec["id"], name=rec.get("name") or rec["id"], kind=kind, country=country,
                 wikidata=rec.get("wikidata"), sector=rec.get("sector"), role=role)


GAP_OK = re.compile(r"^[\s,'\"“”«»’‘()\-–—:·]*(?:\S{1,4}[\s,'\"“”«»’‘\-]+)?$")
SENT_BREAK = re.compile(r"[.;!?。！？؛\n]")


def _gap_ok(text: str, a: int, b: int, joiners: frozenset = frozenset()) -> bool:
    gap = text[a:b]
    if len(gap) > 16 or SENT_BREAK.search(gap):
        return False
    if any(is_cjk(c) for c in gap):
        # in unspaced scripts only a possessive joiner may sit inside one noun phrase
        return gap.strip() in joiners
    return bool(GAP_OK.match(gap + " ")) if gap.strip() else True


def recognize(doc: Doc) -> Doc:
    langs = [doc.language] if doc.language else []
    if "en" not in langs:
        langs.append("en")
    ntext, offsets = doc.meta.get("_ntext"), doc.meta.get("_noffsets")
    if ntext is None:  # the dates stage normalised the text already in the pipeline
        ntext, offsets = normalize(doc.text)
    raw_hits: list[tuple[int, int, tuple[Hit, ...], int]] = []
    for code in dict.fromkeys(langs):
        raw_hits.extend(matcher(code).find(ntext))
    starts = {h[0] for h in raw_hits if any(x.kind in ("country", "adjective", "person", "org") for x in h[2])}
    raw_hits = [_hyphen_name(ntext, starts, h) for h in raw_hits]
    # longest match wins; then the longer dictionary key ("министър-председател" over
    # "министър" + hyphenated ending); then the more specific kind
    raw_hits.sort(key=lambda h: (-(h[1] - h[0]), -h[3], -max(PRIORITY[x.kind] for x in h[2]), h[0]))
    taken: list[tuple[int, int, tuple[Hit, ...]]] = []
    occupied = bytearray(len(ntext) + 1)
    for a, b, hits, klen in raw_hits:
        if any(occupied[a:b]):
            continue
        if all(h.caps for h in hits):
            head = doc.text[offsets[a]:offsets[min(a + klen, len(offsets)) - 1] + 1]
            if not head.isupper():
                continue  # "us", "sad" (Croatian "now"), "eau": the word, not the abbreviation
        occupied[a:b] = b"\x01" * (b - a)
        taken.append((a, b, hits))
    taken += _short_names(doc.language or "en", ntext, taken, occupied)
    taken += _combining_forms(doc.language or "en", ntext, taken, occupied)
    taken += _abbreviations(doc.language or "en", ntext, taken, occupied)
    taken.sort()
    parts: list[Part] = []
    places: list[Span] = []
    for a, b, hits in taken:
        s, e = offsets[a], offsets[b - 1] + 1
        best = _choose(hits, doc.published)
        place = next((h for h in hits if h.kind == "place"), None)
        if place:
            places.append(Span(s, e, place.ref))
        if best.kind == "place":
            continue
        parts.append(Part(s, e, best))
    doc.places = places
    doc.actors = _group(doc, parts)
    for m in doc.actors:
        m.sentence = doc.sentence_of(m.start)
    doc.meta["actor_parts"] = [(p.start, p.end, p.hit.kind, p.hit.ref) for p in parts]
    return doc




def _first(t: tuple) -> int:
    return t[0]


def _hyphen_name(ntext: str, starts: set[int], h: tuple) -> tuple:
    """A name does not take a country or its adjective after a hyphen as its ending:
    "Italia-Francia", "Russian-Chinese", "US-Philippine" are two names (the one after the
    hyphen is matched on its own), nor a person's or a body's name ("Erdoğan-Putin
    görüşmesi", the Erdoğan-Putin talks), where "OKB-së", "Xi Jinping-u" are a name and
    its case ending and "US-Armee" one name."""
    a, e, hits, klen = h
    b = a + klen
    if e > b + 1 and ntext[b] == "-" and b + 1 in starts:
        return a, b, hits, klen
    return h


LINKING = frozenset("oоaаiі")


@lru_cache(maxsize=None)
def _adjective_prefixes(lang: str) -> dict[str, str | None]:
    """The beginnings (4 letters or more) of the language's country adjectives, each with
    its country, or None where two countries share it ("австр": Austria, Australia)."""
    langs = (lang, *kin(lang))
    out: dict[str, str | None] = {}
    for rec in resources.kb_records():
        if rec.get("kind") != "country":
            continue
        for code in langs:
            for adj in (rec.get("adjectives") or {}).get(code) or []:
                key = norm(adj).strip()
                if " " in key or not key.isalpha():
                    continue
                for n in range(4, len(key) + 1):
                    p = key[:n]
                    out[p] = rec["id"] if out.get(p, rec["id"]) == rec["id"] else None
    return out


def _combining_forms(lang: str, ntext: str, taken: list, occupied: bytearray) -> list:
    """The first country of a compound adjective: "украинско-американские", "polsko-
    amerykańskich", "ivoiro-rwandaise". The word before the hyphen ends in a linking vowel,
    what it begins with is the beginning of one country's adjective, and a country or its
    adjective follows the hyphen: each is a party of its own (joint exercises, bilateral
    talks)."""
    found = []
    prefixes = None
    for a, b, hits in taken:
        if a < 2 or ntext[a - 1] != "-" or not any(h.kind in ("country", "adjective") for h in hits):
            continue
        ws = a - 1
        while ws > 0 and ntext[ws - 1].isalpha():
            ws -= 1
        word = ntext[ws:a - 1]
        if len(word) < 5 or word[-1] not in LINKING or any(occupied[ws:a - 1]) or (ws > 0 and is_word_char(ntext[ws - 1])):
            continue
        if prefixes is None:
            prefixes = _adjective_prefixes(lang)
        cc = prefixes.get(word[:-1])
        if cc and not any(h.ref == cc for h in hits):
            occupied[ws:a - 1] = b"\x01" * (a - 1 - ws)
            found.append((ws, a - 1, (Hit("adjective", cc),)))
    return found


def _abbreviations(lang: str, ntext: str, taken: list, occupied: bytearray) -> list:
    """One-character names of countries (`country_abbreviations`: Chinese "中俄两国元首",
    "俄外长"; Japanese "日米首脳会談"; Korean "한미 정상회담"). A single character is
    a name only in such runs: two or more of them before a word for the pair
    (`pair_words`: "两国", "関係", "정상"), or one right before an office ("俄外长"). The
    character before must not be a letter that could make it part of another word ("会谈中
    双方" is "during the talks"; "5日" a day)."""
    data = resources.lang_data(lang)
    abbr = data.get("country_abbreviations")
    if not abbr:
        return []
    pair_words = tuple(data.get("pair_words") or ())
    joiners = set("".join(data.get("comitative") or []) + "".join(data.get("conjunctions") or []))
    roles_at = {a for a, _, hits in taken if any(h.kind == "role" for h in hits)}
    found = []
    i = 0
    while i < len(ntext):
        j = i
        while j < len(ntext) and ntext[j] in abbr and not occupied[j] and (j == i or ntext[j] != ntext[j - 1]):
            j += 1
        if j == i:
            i += 1
            continue
        before = ntext[i - 1] if i else " "
        free = not (before.isdigit() or (before.isalpha() and before not in joiners))
        rest = ntext[j:].lstrip(" ")
        if free and ((j - i >= 2 and rest.startswith(pair_words)) or (j - i == 1 and j in roles_at)):
            for k in range(i, j):
                occupied[k] = 1
                found.append((k, k + 1, (Hit("adjective", abbr[ntext[k]]),)))
        i = j
    return found


def _short_names(lang: str, ntext: str, taken: list, occupied: bytearray) -> list:
    """Later short references to a person the article has named in full: the surname
    alone ("Lawrence Wong ... Wong said"), or in Korean the family name with a title
    ("이재명 대통령 ... 이 대통령은"). Only after the full name, only that article's people:
    a bare surname in the knowledge base would be too ambiguous ("Wong", "Lee")."""
    m = matcher(lang)
    found = []
    roles = None
    # each short form is searched for once, after its first full name (a later full name
    # finds nothing the first search left): linear in the text however often a name recurs
    searched: set = set()
    dropped: set[int] = set()  # ids of the role mentions a family name with a title absorbed
    by_start: list = []
    for t in sorted(taken):
        a, b, hits = t
        if id(t) in dropped:
            continue
        person = next((h for h in hits if h.kind == "person"), None)
        if person is None or len(hits) > 1:
            continue
        surface = ntext[a:b]
        words = surface.split()
        country = (kb_index()[0].get(person.ref) or {}).get("country")
        if len(words) >= 2 and m.spacing and not is_cjk(surface[0]):
            # Chinese and Korean names keep the family name first in any script
            family_first = (kb_index()[0].get(country) or {}).get("family_name_first")
            key = (words[0] if family_first else words[-1]).rstrip("'-")
            if len(key) < 3 or not key.isalpha() or key in searched:
                continue
            searched.add(key)
            pat = re.compile(r"(?<![\w'’-])" + re.escape(key))
            for x in pat.finditer(ntext, b):
                s, e = x.start(), m._right_end(ntext, x.end(), False)
                if e is not None and not any(occupied[s:e]):
                    occupied[s:e] = b"\x01" * (e - s)
                    found.append((s, e, (Hit("person", person.ref),)))
        elif len(words) == 1 and 2 <= len(surface) <= 4 and all(_hangul(c) or is_cjk(c) for c in surface):
            # the family name with a title: "이 대통령", "李大統領", "高市首相", "习主席"
            if roles is None:
                roles = [norm(w) for ws in (resources.lang_data(lang).get("roles") or {}).values() for w in ws]
                roles = sorted({r for r in roles if r and (_hangul(r[0]) or is_cjk(r[0]))} | set(resources.lang_data(lang).get("honorifics") or ()),
                               key=len, reverse=True)
            if not roles:
                continue
            family = surface[:2] if country == "JPN" and len(surface) >= 3 else surface[0]
            if family in searched:
                continue
            searched.add(family)
            if not by_start:
                by_start = sorted(taken)
            for x in re.finditer(re.escape(family) + r" ?(" + "|".join(map(re.escape, roles)) + ")", ntext[b:]):
                s, e = b + x.start(), b + x.end()
                if (s == 0 or not is_word_char(ntext[s - 1])) and not occupied[s]:
                    # the title alone was taken as a role; the surname makes it this person
                    inside = []
                    for t in by_start[bisect.bisect_left(by_start, s, key=_first):]:
                        if t[0] >= e:
                            break
                        if id(t) not in dropped and all(h.kind == "role" for h in t[2]):
                            inside.append(t)
                    e = max([e] + [t[1] for t in inside])
                    if any(occupied[s:e]) and not inside:
                        continue
                    for t in inside:
                        taken.remove(t)
                        dropped.add(id(t))
                    occupied[s:e] = b"\x01" * (e - s)
                    found.append((s, e, (Hit("person", person.ref),)))
    return found


def _group(doc: Doc, parts: list[Part]) -> list[ActorMention]:
    joiners = frozenset(resources.lang_data(doc.language or "en").get("noun_phrase_joiners") or ())
    conj = frozenset(norm(w) for w in resources.lang_data(doc.language or "en").get("conjunctions") or ())
    groups: list[list[Part]] = []
    for p in parts:
        if groups:
            g = groups[-1]
            has_head = any(q.hit.kind in ("person", "org") for q in g)
            kinds = {q.hit.kind for q in g}
            joinable = (_gap_ok(doc.text, g[-1].end, p.start, joiners) and "metonym" not in kinds and p.hit.kind != "metonym"
                        # "Israel and Hamas": a name after "and" is a second actor, where
                        # an adjective or a noun is not ("U.S. and Afghan forces")
                        and not (p.hit.kind in ("person", "org", "country")
                                 and norm(doc.text[g[-1].end:p.start]).strip(" ,") in conj)
                        # a second office (or a second agent: "police and protesters") is a second actor
                        and not (p.hit.kind in ("role", "agent") and kinds & {"role", "agent"})
                        # "Armenia's PM with France's president": a second country after an office
                        and not (p.hit.kind in ("country", "adjective") and kinds & {"role", "agent"}
                                 and kinds & {"country", "adjective"})
                        # "Dışişleri Bakanlığı, Rusya'nın büyükelçisini", "the ministry, Russia's
                        # envoy", "Macaristan Başbakanı, AB'nin kararını": a country or a body
                        # after a comma begins the next phrase, not the office's (a person
                        # after it is the office's holder: "the prime minister, Viktor Orbán")
                        and not (p.hit.kind in ("country", "adjective", "metonym", "org") and kinds & {"role", "agent"}
                                 and "," in doc.text[g[-1].end:p.start]))
            # a second country or adjective joins an office's or an agent's phrase only; after
            # a hyphen, or right after another ("中俄", "한미"), it is a second party
            # ("Russian-Chinese", "украинско-американские")
            if joinable and not (has_head and p.hit.kind in ("person", "org")) \
                    and not (has_head and g[-1].hit.kind in ("person", "org")) \
                    and not (p.hit.kind in ("country", "metonym") and kinds & {"country", "metonym", "adjective"} and not kinds & {"role", "agent"}) \
                    and not (p.hit.kind == "adjective" and doc.text[g[-1].end:p.start] in ("-", "")
                             and any(q.hit.kind in ("country", "adjective") and q.hit.ref != p.hit.ref for q in g)):
                g.append(p)
                continue
        groups.append([p])
    by_id, _ = kb_index()
    date = doc.published
    mentions: list[ActorMention] = []
    last_person: dict | None = None
    for g in groups:
        person = next((q for q in g if q.hit.kind in ("person", "org")), None)
        country = next((q for q in g if q.hit.kind in ("country", "adjective", "metonym")), None)
        role = next((q for q in g if q.hit.kind == "role"), None)
        agent = next((q for q in g if q.hit.kind == "agent"), None)
        start, end = g[0].start, g[-1].end
        if person:
            rec = by_id.get(person.hit.ref)
            if rec is None:
                continue
            m = ActorMention(person.start, person.end, actor_from(rec, held_role(rec, date)), "name")
            if rec.get("kind") == "person":
                last_person = rec
        elif role and country:
            cc = by_id[country.hit.ref].get("id") if country.hit.ref in by_id else None
            rkey = role.hit.ref
            if rkey == "counterpart":
                rkey = held_role(last_person, date) if last_person else None
                rkey = rkey or "head_of_state"
            rec = office_holder(cc, rkey, date) if cc and rkey not in ("minister", "spokesperson", "ambassador", "leader") else None
            if rkey == "leader" and cc:
                rec = office_holder(cc, "head_of_state", date)
            if rec:
                m = ActorMention(start, end, actor_from(rec, rkey), "role" if role.hit.ref != "counterpart" else "counterpart")
            else:
                crec = by_id.get(country.hit.ref)
                if not crec:
                    continue
                a = actor_from(crec, rkey)
                a.sector = "GOV"
                m = ActorMention(start, end, a, "role")
        elif role and not country and role.hit.ref not in ("counterpart", "leader"):
            # an office without a country ("the prime minister said", "President Karzai",
            # "el portavoz"): an official of the country the event or the article is
            # about, resolved to the office holder once that country is known
            sector = "MIL" if role.hit.ref == "defense_minister" else "GOV"
            a = Actor(id=sector, name=doc.text[start:end], kind="agent", country=None, sector=sector,
                      role=role.hit.ref)
            m = ActorMention(start, end, a, "role")
        elif agent and not role:
            # "Israeli troops", "قوات الأمن العراقية", "police": a generic actor with its
            # sector; without a country here it takes one from the event's place later
            crec = by_id.get(country.hit.ref) if country else None
            cc = crec["id"] if crec and crec.get("kind") == "country" else (crec or {}).get("country")
            sector = agent.hit.ref
            a = Actor(id=f"{cc or ''}{sector}", name=doc.text[agent.start:agent.end], kind="agent", country=cc,
                      sector=sector)
            m = ActorMention(start, end, a, "agent")
        elif country:
            crec = by_id.get(country.hit.ref)
            if not crec:
                continue
            m = ActorMention(country.start, country.end, actor_from(crec), country.hit.kind if country.hit.kind != "country" else "name")
        else:
            continue
        mentions.append(m)
    return mentions
