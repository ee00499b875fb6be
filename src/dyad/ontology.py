"""The event ontology: each event type with its CAMEO code, Goldstein score, QuadClass and
PLOVER type and mode, side by side (see docs/data-format.md for what each type means).

Goldstein scores follow the CAMEO Goldstein scale for the listed code; QuadClass follows
the CAMEO root: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
conflict, 14-20 material conflict.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    key: str
    cameo: str
    cameo_name: str
    goldstein: float
    plover: str
    mode: str | None = None
    family: str = ""  # types in one family describe the same kind of encounter

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def quad_class(self) -> int:
        r = int(self.root)
        return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


TYPES = {t.key: t for t in [
    EventType("consult", "040", "Consult, not specified", 1.0, "CONSULT", None, "consult"),
    EventType("phone_call", "041", "Discuss by telephone", 1.0, "CONSULT", "phone", "call"),
    EventType("video_call", "041", "Discuss by telephone (video)", 1.0, "CONSULT", "phone", "call"),
    EventType("visit", "042", "Make a visit", 1.9, "CONSULT", "visit", "visit"),
    EventType("host", "043", "Host a visit", 2.8, "CONSULT", "visit", "meet"),
    EventType("meet", "040", "Meet", 1.0, "CONSULT", None, "meet"),
    EventType("mediate", "045", "Mediate", 5.0, "CONSULT", "third-party", "mediate"),
    EventType("negotiate", "046", "Engage in negotiation", 7.0, "CONSULT", None, "consult"),
    EventType("message", "051", "Praise or endorse (message)", 3.4, "SUPPORT", None, "message"),
    EventType("congratulate", "051", "Praise or endorse (congratulate)", 3.4, "SUPPORT", None, "message"),
    EventType("praise", "051", "Praise or endorse", 3.4, "SUPPORT", None, "praise"),
    EventType("express_support", "051", "Praise or endorse (express support)", 3.4, "SUPPORT", None, "support"),
    EventType("agree", "057", "Sign formal agreement", 8.0, "AGREE", None, "agree"),
    EventType("intend_cooperate", "030", "Express intent to cooperate", 4.0, "COOPERATE", None, "intend"),
    EventType("cooperate", "060", "Engage in material cooperation", 6.0, "COOPERATE", None, "cooperate"),
    EventType("aid", "070", "Provide aid", 7.0, "AID", None, "aid"),
    EventType("concede", "080", "Yield", 5.0, "CONCEDE", None, "concede"),
    EventType("retreat", "087", "De-escalate military engagement", 9.0, "RETREAT", None, "retreat"),
    EventType("appeal", "020", "Make an appeal or request", 3.0, "REQUEST", None, "appeal"),
    EventType("demand", "100", "Demand", -5.0, "REQUEST", None, "demand"),
    EventType("criticize", "111", "Criticize or denounce", -2.0, "ACCUSE", None, "accuse"),
    EventType("accuse", "112", "Accuse", -2.0, "ACCUSE", None, "accuse"),
    EventType("reject", "120", "Reject", -4.0, "REJECT", None, "reject"),
    EventType("threaten", "130", "Threaten", -4.4, "THREATEN", None, "threaten"),
    EventType("protest", "140", "Engage in political dissent", -6.5, "PROTEST", None, "protest"),
    EventType("mobilize", "150", "Exhibit military posture", -7.2, "MOBILIZE", None, "mobilize"),
    EventType("sanction", "163", "Impose embargo, boycott, or sanctions", -8.0, "SANCTION", None, "sanction"),
    EventType("coerce", "170", "Coerce", -7.0, "COERCE", None, "coerce"),
    EventType("assault", "180", "Use unconventional violence", -9.0, "ASSAULT", None, "assault"),
    EventType("fight", "190", "Use conventional military force", -10.0, "ASSAULT", None, "fight"),
]}

THIRD_LOCATION = EventType("meet", "044", "Meet at third location", 2.5, "CONSULT", "third-party", "meet")

# How specific a CONSULT mention is: a generic "talks" joins a call or meeting of the same
# pair and day instead of becoming an event of its own.
SPECIFICITY = {"consult": 0, "negotiate": 0, "mediate": 1, "meet": 2, "host": 2, "visit": 2,
               "phone_call": 3, "video_call": 4}

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                "COERCE", "ASSAULT"]
CAMEO_ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation",
    "07": "Provide aid", "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove",
    "12": "Reject", "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}
