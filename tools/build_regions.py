"""Build src/dyad/data/geo/regions.jsonl: first-level subdivisions (provinces, states,
oblasts, regions) with their country, for the places matcher.

    pip install pycountry && python tools/build_regions.py

Source: pycountry (LGPL-2.1), whose data is Debian's iso-codes: ISO 3166-2 names and the
translations of them in gettext catalogues (`iso3166-2`). Only facts (a region's names and
its country) are written; the package is not needed at run time. Plus a small hand list of
regions that are not ISO subdivisions (`tools/regions_extra.json`).

What is kept, and why:
- first-level subdivisions only: lower levels are towns' neighbours and mostly cities;
- the ISO name without its bracketed notes ("Sofia (stolitsa)") and, for "Asturias,
  Principado de", the part before the comma; applies in every language of its script;
- a translation only in the language of its catalogue;
- not the first-level units that are towns or smaller (Malta's local councils, Slovenia's
  municipalities, parishes): the city gazetteer has the large ones, the rest are words
  ("Isla", "Bled");
- a name that more than one country's subdivisions share ("Pool", "Lakes") is dropped: it
  names no country;
- a one-word name that begins or ends the names of other countries' subdivisions ("North"
  as in "North Darfur", "Centre", "Est", "Bay", "Western") is a generic word, not a name.
"""
from __future__ import annotations

import gettext
import json
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dyad" / "data" / "geo" / "regions.jsonl"
EXTRA = Path(__file__).with_name("regions_extra.json")
# pycountry's locale folder for each dyad language (the catalogue with most names)
LOCALES = {"zh": "zh_CN", "sr": "sr", "pt": "pt_BR"}
TOWN_TYPES = {"Municipality", "Local council", "Urban municipality", "Commune", "Parish", "Quarter",
              "Island council", "City", "City with county rights", "Special municipality", "Popularate",
              "Administrative atoll", "Town council"}
WORDS = re.compile(r"[\s-]+")


def _langs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "src" / "dyad" / "data" / "lang").glob("*.json"))


def _clean(name: str) -> str:
    name = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", "", name).strip()
    return name.split(",")[0].strip()


def _catalogues() -> dict[str, gettext.GNUTranslations]:
    import pycountry

    base = Path(pycountry.__file__).parent / "locales"
    out = {}
    for lang in _langs():
        mo = base / LOCALES.get(lang, lang) / "LC_MESSAGES" / "iso3166-2.mo"
        if mo.is_file():
            out[lang] = gettext.GNUTranslations(mo.open("rb"))
    return out


def build() -> list[dict]:
    import pycountry

    cats = _catalogues()
    recs = []
    for s in pycountry.subdivisions:
        if s.parent_code is not None or s.type in TOWN_TYPES:
            continue
        country = pycountry.countries.get(alpha_2=s.country_code)
        names: dict[str, list[str]] = {"*": [_clean(s.name)]}
        for lang, cat in cats.items():
            tr = cat.gettext(s.name)
            if tr != s.name and _clean(tr) not in names["*"]:
                names[lang] = [_clean(tr)]
        recs.append({"id": f"iso:{s.code}", "name": _clean(s.name), "country": country.alpha_3 if country else None,
                     "type": s.type, "names": names})
    recs += json.loads(EXTRA.read_text(encoding="utf-8"))["regions"]
    return _drop_generic(_drop_shared(recs))


def _drop_generic(recs: list[dict]) -> list[dict]:
    """Without the one-word names that start or end other countries' region names."""
    edge = defaultdict(set)
    for r in recs:
        for vals in r["names"].values():
            for v in vals:
                words = WORDS.split(v)
                if len(words) > 1:
                    edge[words[0].casefold()].add(r["country"])
                    edge[words[-1].casefold()].add(r["country"])
    out = []
    for r in recs:
        names = {k: [v for v in vals if len(WORDS.split(v)) > 1 or len(edge[v.casefold()] - {r["country"]}) < 1]
                 for k, vals in r["names"].items()}
        names = {k: v for k, v in names.items() if v}
        if names:
            out.append({**r, "names": names})
    return out


def _drop_shared(recs: list[dict]) -> list[dict]:
    """Without the names that subdivisions of more than one country share."""
    countries = defaultdict(set)
    for r in recs:
        for vals in r["names"].values():
            for v in vals:
                countries[v.casefold()].add(r["country"])
    out = []
    for r in recs:
        names = {k: [v for v in vals if len(countries[v.casefold()]) == 1] for k, vals in r["names"].items()}
        names = {k: v for k, v in names.items() if v}
        if names and r["country"]:
            out.append({**r, "names": names})
    return out


def main() -> None:
    recs = build()
    with OUT.open("w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(recs)} regions -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
