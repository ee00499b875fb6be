"""The event ontology, read from `data/ontology.json` (see docs/data-format.md).

Every CAMEO code is a type (its key is the code); dyad's named types ("meet", "arrest",
"airstrike") are CAMEO codes with a name, an optional PLOVER mode refinement and the
behaviour that differs from their PLOVER type's. Code never lists type names: it asks a
type what it needs (`actors`, `takes_place`, `merge`...).

An extension directory named by DYAD_DATA_DIR may hold an `ontology.json` with more
`types` (and `plover` behaviour): adding an event type is a data change.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .resources import DATA

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"]


@dataclass(frozen=True)
class EventType:
    key: str
    cameo: str
    cameo_name: str
    goldstein: float
    plover: str | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    actors: str = "both"          # both | one | place
    directed: bool = True
    takes_place: bool = False
    default_modality: str = "asserted"
    merge: dict = field(default_factory=dict, hash=False, compare=False)
    counts: tuple[str, ...] = ()
    description: str = ""
    state_actor_weak: bool = False
    list_partners: bool = False
    domestic: bool = False
    actors_from_context: bool = False
    source_from_context: bool = False
    once_per_article: bool = False
    target_from_place: bool = False
    third_location: str | None = None
    implicit_source: str | None = None
    implicit_target: str | None = None
    domestic_target: str | None = None  # sector of the unnamed other side in a one-country report
    requested: bool = False  # an act one side asks of another: named after a request's word, it is asked for
    arguments: str = "pair"      # pair | one_sided: how arguments.py chooses source and target
    min_confidence: float | None = None
    future_is_content: bool = False
    intent_type: str | None = None  # the 03x/13x code it becomes when stated as its actor's intent
    joint_type: str | None = None  # the type it becomes when two countries or an alliance do it together
    off_topic_veto: tuple[str, ...] = ()  # kinds of article it is not coded in (topics.py)
    source_not_sectors: tuple[str, ...] = ()  # sectors that never do it (the police do not protest)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def quad_class(self) -> int:
        r = int(self.root)
        return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4

    @property
    def window_days(self) -> int:
        return int(self.merge.get("window_days", 1))

    @property
    def specificity(self) -> int:
        """How specific a CONSULT mention is: a generic "talks" (0) joins a call or a
        meeting of the same pair and day instead of becoming an event of its own."""
        return int(self.merge.get("specificity", 9))

    @property
    def group(self) -> str:
        """Merge group: mentions of one event share it (a call is not a visit)."""
        return self.merge.get("group") or self.plover or self.cameo

    @property
    def family(self) -> str:
        """What within-article merging keys on: the CONSULT group, else the PLOVER type."""
        if self.plover == "CONSULT":
            return self.group if self.group != "any" else "consult"
        return self.plover or self.cameo

    @property
    def one_sided(self) -> bool:
        return self.actors != "both"

    @property
    def reported(self) -> bool:
        """CAMEO 01 statements have no PLOVER type: not events."""
        return self.plover is not None


def _load_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def extension_dir() -> Path | None:
    env = os.environ.get("DYAD_DATA_DIR")
    return Path(env) if env else None


@lru_cache(maxsize=1)
def ontology() -> dict:
    data = _load_json(DATA / "ontology.json")
    ext = extension_dir()
    if ext and (ext / "ontology.json").exists():
        more = _load_json(ext / "ontology.json")
        for key in ("types", "plover"):
            for k, v in (more.get(key) or {}).items():
                data[key][k] = {**data[key].get(k, {}), **v}
    return data


def _make(key: str, code: str, spec: dict, data: dict) -> EventType:
    row = data["cameo"][code]
    plover = row.get("plover")
    base = dict(data["plover"].get(plover) or {}) if plover else {}
    base.update({k: v for k, v in spec.items() if k not in ("cameo", "plover_mode", "description")})
    merge = {**(data["plover"].get(plover) or {}).get("merge", {}), **(spec.get("merge") or {})}
    return EventType(
        key=key, cameo=code, cameo_name=row["name"], goldstein=float(row["goldstein"]), plover=plover,
        mode=spec.get("plover_mode") or row.get("mode"), context=tuple(row.get("context") or ()),
        actors=base.get("actors", "both"), directed=bool(base.get("directed", True)),
        takes_place=bool(base.get("takes_place", False)),
        default_modality=base.get("default_modality", "asserted"), merge=merge,
        counts=tuple(base.get("counts") or ()), description=spec.get("description", row["name"]),
        off_topic_veto=tuple(base.get("off_topic_veto") or ()),
        source_not_sectors=tuple(base.get("source_not_sectors") or ()),
        **{f: base[f] for f in FLAGS if f in base})


FLAGS = ("state_actor_weak", "list_partners", "domestic", "actors_from_context", "source_from_context",
         "once_per_article", "target_from_place",
         "third_location", "implicit_source", "implicit_target", "domestic_target", "requested", "arguments", "min_confidence",
         "future_is_content", "intent_type", "joint_type")


@lru_cache(maxsize=1)
def types() -> dict[str, EventType]:
    data = ontology()
    out: dict[str, EventType] = {}
    for code in data["cameo"]:
        if len(code) >= 3:
            out[code] = _make(code, code, {}, data)
    for key, spec in data["types"].items():
        out[key] = _make(key, spec["cameo"], spec, data)
    return out


def cameo_name(code: str) -> str | None:
    row = ontology()["cameo"].get(code)
    return row["name"] if row else None


class _Types(dict):
    """`TYPES[key]`, loaded on first use (tests may point DYAD_DATA_DIR elsewhere first)."""

    def _d(self) -> dict[str, EventType]:
        return types()

    def __getitem__(self, k):
        return self._d()[k]

    def __contains__(self, k):
        return k in self._d()

    def get(self, k, default=None):
        return self._d().get(k, default)

    def __iter__(self):
        return iter(self._d())

    def __len__(self):
        return len(self._d())

    def items(self):
        return self._d().items()

    def keys(self):
        return self._d().keys()

    def values(self):
        return self._d().values()


TYPES = _Types()


def clear_caches() -> None:
    ontology.cache_clear()
    types.cache_clear()


CAMEO_ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation",
    "07": "Provide aid", "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove",
    "12": "Reject", "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}
