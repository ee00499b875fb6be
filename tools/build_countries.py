"""Build src/dyad/data/kb/countries.jsonl: every ISO 3166-1 country with its names in
dyad's languages, and the press forms CLDR lacks.

Sources, merged in this order (later ones add forms, never remove):
1. CLDR territory names through babel, for LANGS;
2. tools/countries_press.json: adjectives ("Russian", "الروسي", "俄方"), metonyms
   ("the Kremlin", "موسكو") and name variants ("US", "КНР"), written by us;
3. tools/countries_extra/*.jsonl: the same kinds of forms for more languages, in the
   knowledge-base format.
Run: python tools/build_countries.py   (needs babel and pycountry at build time only)
"""
from __future__ import annotations

import json
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dyad" / "data" / "kb" / "countries.jsonl"
LANGS = ["ar", "sq", "en", "ru", "zh", "fr", "es", "de", "tr", "uk", "fa", "hi", "ur", "it", "pt", "id", "ms",
         "ja", "ko", "el", "ro", "bg", "sr", "hr", "bs", "hy", "az", "ta", "he", "pl", "vi", "ka", "nl", "sv",
         "th", "kk", "bn", "sw", "cs", "hu"]
# press short names where ISO's is formal
SHORT = {"RUS": "Russia", "USA": "United States", "GBR": "United Kingdom", "KOR": "South Korea",
         "PRK": "North Korea", "IRN": "Iran", "SYR": "Syria", "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia",
         "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova", "TWN": "Taiwan", "PSE": "Palestine",
         "CZE": "Czech Republic", "TUR": "Turkey", "COD": "DR Congo", "COG": "Republic of the Congo",
         "BRN": "Brunei", "FSM": "Micronesia", "VAT": "Vatican City", "CIV": "Côte d'Ivoire", "MKD": "North Macedonia"}
QID = dict(x.split(":") for x in """CHN:Q148 RUS:Q159 USA:Q30 IND:Q668 GBR:Q145 FRA:Q142 DEU:Q183 JPN:Q17 ITA:Q38
CAN:Q16 BRA:Q155 ALB:Q222 TUR:Q43 UKR:Q212 IRN:Q794 ISR:Q801 SAU:Q851 EGY:Q79 PAK:Q843 KOR:Q884 PRK:Q423
ESP:Q29 GRC:Q41 ARM:Q399 AZE:Q227 POL:Q36 SRB:Q403 HRV:Q224 BIH:Q225 BGR:Q219 ROU:Q218 IDN:Q252 VNM:Q881
AUS:Q408 MEX:Q96 ARG:Q414 ZAF:Q258 QAT:Q846 ARE:Q878 SYR:Q858 IRQ:Q796 AFG:Q889 KAZ:Q232 BLR:Q184 GEO:Q230
HUN:Q28 NLD:Q55 BEL:Q31 SWE:Q34 NOR:Q20 FIN:Q33 DNK:Q35 PRT:Q45 AUT:Q40 CHE:Q39 LKA:Q854 BGD:Q902 NPL:Q837
MYS:Q833 SGP:Q334 THA:Q869 PHL:Q928 MNG:Q711 TWN:Q865 LBN:Q822 JOR:Q810 KWT:Q817 OMN:Q842 YEM:Q805 LBY:Q1016
TUN:Q948 DZA:Q262 MAR:Q1028 NGA:Q1033 ETH:Q115 KEN:Q114 CUB:Q241 VEN:Q717 COL:Q739 CHL:Q298 PER:Q419
MDA:Q217 LTU:Q37 LVA:Q211 EST:Q191 CZE:Q213 SVK:Q214 SVN:Q215 MKD:Q221 MNE:Q236 IRL:Q27 NZL:Q664 UZB:Q265
TKM:Q874 KGZ:Q813 TJK:Q863 SDN:Q1049 CYP:Q229 ISL:Q189 LUX:Q32 MLT:Q233 KHM:Q424 LAO:Q819 MMR:Q836""".split())
# CLDR names that are ordinary words in that language: they would code every use of the word
DROP = {("en", "Chad"), ("en", "Guinea"), ("en", "Georgia"), ("en", "Jersey"), ("en", "Turkey"), ("tr", "Çad"),
        ("es", "Chad"), ("fr", "Tchad"), ("en", "Niger"), ("en", "Jordan"), ("en", "Israel"), ("id", "Chad"),
        ("it", "Ciad"), ("de", "Tschad"), ("ur", "شام"), ("fa", "شام"), ("ur", "چاڈ")}
KEEP_ANYWAY = {("en", "Turkey"), ("en", "Israel"), ("en", "Georgia"), ("en", "Jordan")}  # newsworthy


def main() -> None:
    recs: dict[str, dict] = {}
    locales = {}
    for code in LANGS:
        try:
            locales[code] = Locale.parse(code)
        except Exception:
            continue
    for c in pycountry.countries:
        a3, a2 = c.alpha_3, c.alpha_2
        names: dict[str, list[str]] = {}
        for code, loc in locales.items():
            n = loc.territories.get(a2)
            if n and ((code, n) not in DROP or (code, n) in KEEP_ANYWAY):
                names.setdefault(code, []).append(n)
        name = SHORT.get(a3) or getattr(c, "common_name", None) or c.name
        if name not in names.get("en", []):
            names.setdefault("en", []).insert(0, name)
        recs[a3] = {"id": a3, "wikidata": QID.get(a3), "kind": "country", "name": name, "country": a3,
                    "sector": None, "names": names, "adjectives": {}, "metonyms": {}}
    recs["XKX"] = {"id": "XKX", "wikidata": "Q1246", "kind": "country", "name": "Kosovo", "country": "XKX",
                   "sector": None, "names": {code: [loc.territories.get("XK")] for code, loc in locales.items()
                                             if loc.territories.get("XK")}, "adjectives": {}, "metonyms": {}}

    def add(rid, field, lang, forms):
        if rid not in recs:
            return
        cur = recs[rid].setdefault(field, {}).setdefault(lang, [])
        for f in forms:
            f = f.strip()
            if f and f not in cur:
                cur.append(f)

    press = json.loads((Path(__file__).parent / "countries_press.json").read_text(encoding="utf-8"))
    for rid, fields in press.items():
        if rid.startswith("_"):
            continue
        for field, per_lang in fields.items():
            for lang, forms in per_lang.items():
                add(rid, field, lang, forms.split("|"))
    for f in sorted((Path(__file__).parent / "countries_extra").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            for field in ("names", "adjectives", "metonyms"):
                for lang, forms in (r.get(field) or {}).items():
                    add(r["id"], field, lang, forms)
    with open(OUT, "w", encoding="utf-8") as out:
        for rid in sorted(recs):
            out.write(json.dumps(recs[rid], ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} countries to {OUT}")


if __name__ == "__main__":
    main()
