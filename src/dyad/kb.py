"""Growing the knowledge base from Wikidata (`dyad kb import FILE`).

Reads entities in Wikidata's JSON (a dump: a JSON array with one entity per line, or the
output of Special:EntityData: `{"entities": {...}}`, or JSON lines), and writes dyad
records to the user's knowledge base (`imported.jsonl` in `resources.user_kb_dir()`),
which is loaded on top of what ships. Labels and aliases in every language become names;
P39 "position held" with P580/P582 start/end qualifiers becomes dated roles; P27
citizenship gives the country; P298 (ISO alpha-3) marks a country.

A position is mapped to a role with the table below, or, when the position's own entity
is in the same file, from what it is an instance/subclass of (P31/P279) and the
jurisdiction it applies to (P1001).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import resources

# well-known positions: QID -> (role, ISO alpha-3)
POSITIONS = {
    "Q218295": ("head_of_state", "RUS"), "Q655407": ("head_of_state", "CHN"),
    "Q11696": ("head_of_state", "USA"), "Q14213": ("head_of_government", "GBR"),
    "Q191954": ("head_of_state", "FRA"), "Q4970706": ("head_of_government", "DEU"),
    "Q25223": ("head_of_state", "DEU"), "Q192711": ("head_of_government", "IND"),
}
# classes of positions (P31/P279 targets) -> role
POSITION_CLASSES = {
    "Q48352": "head_of_state", "Q30461": "head_of_state", "Q2285706": "head_of_government",
    "Q14212": "head_of_government", "Q7330070": "foreign_minister", "Q83307": "minister",
}
LABEL_HINTS = [
    (re.compile(r"foreign affairs|foreign minister|secretary of state", re.I), "foreign_minister"),
    (re.compile(r"minister of defen[cs]e|defen[cs]e minister|secretary of defense", re.I), "defense_minister"),
    (re.compile(r"prime minister|premier|chancellor", re.I), "head_of_government"),
    (re.compile(r"^president of|head of state", re.I), "head_of_state"),
]
LANG_ALIASES = {"zh-hans": "zh", "zh-hant": "zh", "zh-cn": "zh", "zh-tw": "zh", "zh-hk": "zh",
                "sr-ec": "sr", "sr-el": "sr", "pt-br": "pt", "en-gb": "en", "en-ca": "en",
                "de-ch": "de", "de-at": "de", "fa-af": "fa", "ms-arab": "ms"}


def iter_entities(path: str | Path):
    """Entities from a Wikidata dump, an EntityData document or JSON lines."""
    text = Path(path).read_text(encoding="utf-8")
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError:
            doc = None
        if isinstance(doc, dict):
            if "entities" in doc:
                yield from doc["entities"].values()
            else:
                yield doc
            return
    for line in text.splitlines():
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        yield json.loads(line)


def _claims(ent: dict, prop: str) -> list[dict]:
    return (ent.get("claims") or {}).get(prop, [])


def _value_id(snak: dict) -> str | None:
    v = ((snak or {}).get("datavalue") or {}).get("value")
    return v.get("id") if isinstance(v, dict) else None


def _value_str(snak: dict) -> str | None:
    v = ((snak or {}).get("datavalue") or {}).get("value")
    return v if isinstance(v, str) else None


def _time(claim: dict, prop: str) -> str | None:
    for q in (claim.get("qualifiers") or {}).get(prop, []):
        v = ((q.get("datavalue") or {}).get("value") or {}).get("time")
        if v:
            m = re.match(r"[+-]?(\d{4})-(\d{2})-(\d{2})", v)
            if m:
                y, mo, d = m.groups()
                return f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"
    return None


def _names(ent: dict) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for lang, lab in (ent.get("labels") or {}).items():
        code = LANG_ALIASES.get(lang, lang.split("-")[0])
        names.setdefault(code, [])
        if lab["value"] not in names[code]:
            names[code].append(lab["value"])
    for lang, als in (ent.get("aliases") or {}).items():
        code = LANG_ALIASES.get(lang, lang.split("-")[0])
        for a in als:
            if a["value"] not in names.setdefault(code, []):
                names[code].append(a["value"])
    return names


def convert(entities: list[dict]) -> list[dict]:
    by_qid = {e["id"]: e for e in entities if e.get("id")}
    country_of_qid = {r.get("wikidata"): r["id"] for r in resources.kb_records()
                      if r.get("kind") == "country" and r.get("wikidata")}
    for e in entities:  # countries in the same file
        iso = next((_value_str(c["mainsnak"]) for c in _claims(e, "P298")), None)
        if iso:
            country_of_qid[e["id"]] = iso

    def position_role(qid: str) -> tuple[str | None, str | None]:
        if qid in POSITIONS:
            return POSITIONS[qid]
        pos = by_qid.get(qid)
        if not pos:
            return None, None
        role = None
        for prop in ("P31", "P279"):
            for c in _claims(pos, prop):
                role = role or POSITION_CLASSES.get(_value_id(c["mainsnak"]))
        label = ((pos.get("labels") or {}).get("en") or {}).get("value", "")
        if role is None:
            role = next((r for rx, r in LABEL_HINTS if rx.search(label)), None)
        country = next((country_of_qid.get(_value_id(c["mainsnak"])) for c in _claims(pos, "P1001")), None)
        return role, country

    out = []
    for e in entities:
        qid = e.get("id")
        if not qid or not qid.startswith("Q"):
            continue
        names = _names(e)
        label = (names.get("en") or next(iter(names.values()), [qid]))[0]
        instance = {_value_id(c["mainsnak"]) for c in _claims(e, "P31")}
        iso = next((_value_str(c["mainsnak"]) for c in _claims(e, "P298")), None)
        if iso:
            out.append({"id": iso, "wikidata": qid, "kind": "country", "name": label, "country": iso,
                        "sector": None, "names": names})
            continue
        if "Q5" in instance:
            roles = []
            for c in _claims(e, "P39"):
                role, country = position_role(_value_id(c["mainsnak"]))
                if role and country:
                    roles.append({"role": role, "country": country, "start": _time(c, "P580"), "end": _time(c, "P582")})
            citizen = next((country_of_qid.get(_value_id(c["mainsnak"])) for c in _claims(e, "P27")
                            if country_of_qid.get(_value_id(c["mainsnak"]))), None)
            country = citizen or (roles[0]["country"] if roles else None)
            out.append({"id": qid, "wikidata": qid, "kind": "person", "name": label, "country": country,
                        "sector": "GOV" if roles else None, "names": names, "roles": roles})
        elif instance & {"Q484652", "Q245065", "Q1335818", "Q7210356"}:
            out.append({"id": qid, "wikidata": qid, "kind": "org", "name": label, "country": None,
                        "sector": "IGO", "names": names})
    return out


def import_file(path: str | Path, kb_dir: str | Path | None = None) -> tuple[int, Path]:
    """Convert the entities of `path` and merge them into the user's knowledge base."""
    records = convert(list(iter_entities(path)))
    kb_dir = Path(kb_dir) if kb_dir else resources.user_kb_dir()
    kb_dir.mkdir(parents=True, exist_ok=True)
    target = kb_dir / "imported.jsonl"
    existing: dict[str, dict] = {}
    if target.exists():
        for line in target.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                existing[r["id"]] = r
    for r in records:
        if r["id"] in existing:
            resources._merge(existing[r["id"]], r)
        else:
            existing[r["id"]] = r
    tmp = target.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in existing.values()), encoding="utf-8")
    tmp.replace(target)
    resources.clear_caches()
    from . import actors

    actors.matcher.cache_clear()
    actors.kb_index.cache_clear()
    return len(records), target
