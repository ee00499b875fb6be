"""Event triggers and modality cues from the language files, compiled to regular
expressions over normalised text (pattern syntax in docs/data-format.md)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import resources
from .doc import Doc, Trigger
from .normalize import NOT_AFTER, NOT_BEFORE, is_word_char, norm, normalize
from .ontology import TYPES

VIRAMAS = "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d"
# up to three words (a word is anything between spaces: "5.000", "l'armée"); sentences are
# split before triggers are found, so a gap never crosses one. Cheap classes on purpose:
# a large character class costs most of a regex compile, and lexicons compile thousands
GAP = r"(?:[\s,]+\S+?){0,3}?"
# the letters a `word*` prefix continues with: \w, and the vowel signs of Indic and
# Southeast Asian scripts that \w leaves out
WORD_TAIL = "[\\w\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]"


@dataclass
class Compiled:
    specs: list[dict]
    modality: dict[str, re.Pattern]
    anchors: object  # Aho-Corasick automaton: literal anchor -> pattern indexes
    data: dict
    _regexes: dict[int, re.Pattern | None]
    _required: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def spacing(self) -> bool:
        return self.data.get("script_spacing", True)

    def regex(self, i: int) -> re.Pattern | None:
        """A pattern's regular expression, compiled the first time its anchor is seen: a
        lexicon of tens of thousands of patterns (PETRARCH2's) loads in a fraction of a
        second and only what the texts use is ever compiled."""
        rx = self._regexes.get(i, False)
        if rx is False:
            try:
                rx = re.compile(compile_pattern(self.specs[i]["p"], self.data, boundaries=False))
            except re.error:
                rx = None
            self._regexes[i] = rx
        return rx

    def possible(self, i: int, ntext: str) -> bool:
        """Whether every literal piece of pattern i occurs in the text: a pattern that lacks
        one cannot match, and is neither compiled nor run. Most patterns whose anchor
        occurs fail this check."""
        need = self._required.get(i)
        if need is None:
            need = self._required[i] = _required(self.specs[i]["p"], self.data)
        for piece in need:
            if piece not in ntext:
                return False
        return True

    def candidates(self, ntext: str) -> list[int]:
        """Patterns whose anchor occurs in the text: only those regexes need to run."""
        if self.anchors is None:
            return []
        found: set[int] = set()
        for _, idxs in self.anchors.iter(ntext):
            found.update(idxs)
        return sorted(found)


_STRIP: dict[int, tuple] = {}


def _strip_list(morph: dict) -> list[str]:
    hit = _STRIP.get(id(morph))
    if hit is not None and hit[0] is morph:
        return hit[1]
    out = [norm(s) for s in morph.get("strip", []) if norm(s)]
    if len(_STRIP) > 256:
        _STRIP.clear()
    _STRIP[id(morph)] = (morph, out)
    return out


def _anchor(p: str, data: dict) -> str:
    """The longest literal piece every match of pattern `p` must contain."""
    strip = _strip_list(data.get("morphology", {}))
    best = ""
    for tok in norm(p).split():
        if tok == "~":
            continue
        tok = tok.rstrip("*")
        for ending in strip:
            if tok.endswith(ending) and len(tok) - len(ending) >= 3:
                tok = tok[: -len(ending)]
                break
        if len(tok) > len(best):
            best = tok
    return best


def _required(p: str, data: dict) -> tuple[str, ...]:
    """Literal strings every match of pattern `p` contains (see `compile_pattern`): each
    word, less an ending the morphology may strip, and the fixed part of a `word*`."""
    strip = _morph_parts(data.get("morphology", {}))[2]  # longest first, as compile_pattern
    out = []
    for tok in norm(p).split():
        if tok == "~":
            continue
        if tok.endswith("*") and len(tok) > 1:
            out.append(tok[:-1].rstrip(VIRAMAS) or tok[:-1])
            continue
        for ending in strip:
            if tok.endswith(ending) and len(tok) - len(ending) >= 3:
                tok = tok[: -len(ending)]
                break
        out.append(tok)
    # the longest first: the likeliest to be missing
    return tuple(sorted({t for t in out if t}, key=len, reverse=True))


def _alt(items) -> str:
    items = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(re.escape(i) for i in items)


_MORPH_PARTS: dict[int, tuple] = {}


def _morph_parts(morph: dict) -> tuple[str, str, list[str], str]:
    """A language's suffix, prefix and one-letter prefix alternations and its endings to
    strip, worked out once per morphology rather than once per pattern (a lexicon
    compiles thousands)."""
    key = id(morph)
    hit = _MORPH_PARTS.get(key)
    if hit is not None and hit[0] is morph:
        return hit[1]
    parts = (_alt(norm(s) for s in morph.get("suffixes", [])),
             _alt(norm(s) for s in morph.get("prefixes", []) if not norm(s).endswith("'")),
             sorted({norm(s) for s in morph.get("strip", []) if norm(s)}, key=len, reverse=True),
             _alt(norm(s) for s in morph.get("prefixes", []) if len(norm(s)) == 1))
    if len(_MORPH_PARTS) > 256:
        _MORPH_PARTS.clear()
    _MORPH_PARTS[key] = (morph, parts)
    return parts


def compile_pattern(p: str, data: dict, boundaries: bool = True, inflect: bool = True) -> str:
    """The regular expression of a pattern. Without `boundaries` the word-boundary checks
    are left to the caller (`find_triggers` checks them in Python): the large character
    class they need costs most of a compile, and a lexicon compiles thousands. Without
    `inflect` the last word takes no ending of the language's morphology: modality cues
    are function words ("posle", after) that the endings of names would turn into other
    words ("poslova", of affairs); a cue that inflects says so with `*`."""
    morph = data.get("morphology", {})
    spacing = data.get("script_spacing", True)
    suffixes, prefixes, strip, short = _morph_parts(morph)
    tokens = norm(p).split()
    out = []
    for i, tok in enumerate(tokens):
        if tok == "~":
            out.append(GAP)
            continue
        last = i == len(tokens) - 1
        if tok.endswith("*") and len(tok) > 1:
            # a prefix ending in a virama ("தாக்குதல்*") continues with a vowel sign in
            # its inflected forms ("தாக்குதலில்"): the virama is not part of the prefix
            rx = re.escape(tok[:-1].rstrip(VIRAMAS) or tok[:-1]) + WORD_TAIL + "*"
        else:
            rx = re.escape(tok)
            if spacing and last and inflect and (suffixes or strip):
                alts = [rx + (f"(?:{suffixes})?" if suffixes else "")]
                for ending in strip:
                    if tok.endswith(ending) and len(tok) - len(ending) >= 3 and suffixes:
                        alts.append(re.escape(tok[: -len(ending)]) + f"(?:{suffixes})")
                        break
                rx = "(?:" + "|".join(alts) + ")"
        if i == 0 and spacing and prefixes:
            if len(tok.rstrip("*")) <= 3:
                # a short word with a chain of clitics matches inside longer words
                # (Arabic "حث" in "لبحث"): allow one one-letter clitic at most
                rx = (f"(?:{short})?" if short else "") + rx
            else:
                rx = f"(?:{prefixes}){{0,3}}" + rx
        out.append(rx)
    sep = r"[\s\-]+" if spacing else r"\s*"
    parts = []
    for i, rx in enumerate(out):
        if rx == GAP:
            parts.append(GAP)
        else:
            if parts and parts[-1] != GAP:
                parts.append(sep)
            elif parts:
                parts.append(r"[\s,]+")
            parts.append(rx)
    body = "".join(parts)
    if spacing and boundaries:
        body = NOT_BEFORE + body + NOT_AFTER
    return body


# the kinds of modality cue a language file may list (docs/data-format.md, `modality`)
MODALITY_KEYS = ("intent", "ahead", "planned", "background", "negated", "hypothetical", "recalled", "recalled_after")


@lru_cache(maxsize=None)
def compiled(lang: str) -> Compiled:
    data = resources.lang_data(lang)
    import ahocorasick

    specs = []
    anchors: dict[str, list[int]] = {}
    for spec in data.get("triggers", []):
        if (spec.get("type") not in TYPES and spec.get("type") != "none") or not spec.get("p"):
            continue
        anchor = _anchor(spec["p"], data)
        if len(anchor) < 2:
            continue
        anchors.setdefault(anchor, []).append(len(specs))
        specs.append(spec)
    auto = None
    if anchors:
        auto = ahocorasick.Automaton()
        for key, idxs in anchors.items():
            auto.add_word(key, tuple(idxs))
        auto.make_automaton()
    modality = {}
    for key in MODALITY_KEYS:
        cues = (data.get("modality") or {}).get(key, [])
        rx = _cue_union(cues, data)
        if rx is not None:
            modality[key] = rx
    return Compiled(specs, modality, auto, data, {})


def _cue_union(cues: list[str], data: dict) -> re.Pattern | None:
    """One regular expression for a language's cue words of one kind: the alternation of
    their patterns, in order, each checked alone only when the whole does not compile.
    When every alternative is bounded, the look-behind and look-ahead stand once around
    the alternation, which is the same expression (a look-around is tried at the same
    position whichever alternative matched, and an alternation followed by a test
    backtracks through the alternatives in the same order) and compiles and runs several
    times faster."""
    rxs = []
    for c in cues:
        try:
            rxs.append(compile_pattern(c, data, inflect=False))
        except re.error:
            continue
    if not rxs:
        return None
    try:
        # a whole that compiles has parts that compile: each is a group of its own
        for r in rxs:
            if r.count("(") != r.count(")"):
                raise re.error("unbalanced")
        if all(r.startswith(NOT_BEFORE) and r.endswith(NOT_AFTER) and len(r) > len(NOT_BEFORE) + len(NOT_AFTER)
               for r in rxs):
            inner = "|".join(f"(?:{r[len(NOT_BEFORE):-len(NOT_AFTER)]})" for r in rxs)
            return re.compile(NOT_BEFORE + "(?:" + inner + ")" + NOT_AFTER)
        return re.compile("|".join(f"(?:{r})" for r in rxs))
    except re.error:
        pass
    good = []
    for r in rxs:
        try:
            re.compile(r)
            good.append(r)
        except re.error:
            continue
    return re.compile("|".join(f"(?:{r})" for r in good)) if good else None


SOURCE_RANK = {"extension": -1, "lexicon": 0, None: 1, "petrarch2": 2}


def _bounded(t: str, a: int, b: int) -> bool:
    """A match stands on word boundaries (what NOT_BEFORE / NOT_AFTER say in a regex)."""
    return (a == 0 or not is_word_char(t[a - 1])) and (b >= len(t) or not is_word_char(t[b]))


def find_triggers(doc: Doc, ntext: str | None = None, offsets: list[int] | None = None) -> Doc:
    if ntext is None:
        ntext, offsets = normalize(doc.text)
    langs = [doc.language] if doc.language else []
    if "en" not in langs:
        langs.append("en")
    found: list[Trigger] = []
    for code in langs:
        comp = compiled(code)
        for i in comp.candidates(ntext):
            if not comp.possible(i, ntext):
                continue
            spec = comp.specs[i]
            mod = "planned" if spec.get("planned") else "background" if spec.get("background") else None
            rx = comp.regex(i)
            if rx is None:
                continue
            for m in rx.finditer(ntext):
                if comp.spacing and not _bounded(ntext, m.start(), m.end()):
                    continue
                s, e = offsets[m.start()], offsets[m.end() - 1] + 1
                t = Trigger(s, e, spec["type"], spec["p"], code, float(spec.get("weight", 1.0)),
                            bool(spec.get("reverse")), mod)
                found.append((SOURCE_RANK.get(spec.get("src"), 1), t))
    if doc.language and doc.language != "en":
        # English patterns are run for the English passages quoted in other languages'
        # articles; a hit counts only in a sentence that reads as English (Dutch "met"
        # is "with")
        found = [(r, t) for r, t in found if t.language != "en" or _englishish(doc, t.start)]
    # Which of overlapping triggers stands: first the hand-written ones (the language
    # file and the lexicon files), longest first, so that "held phone talks" wins over
    # "talks" inside it; at equal length a blocker first, then the lexicon file's entry
    # (newer and typed by the ontology) over the language file's; then PETRARCH2's
    # converted patterns fill what is left: written for parsed text, their gaps reach
    # further than a verb's object and must not override a hand-written phrase.
    found.sort(key=lambda rt: (rt[0] == SOURCE_RANK["petrarch2"], -(rt[1].end - rt[1].start), rt[1].start,
                               rt[1].type != "none", rt[0]))
    kept: list[Trigger] = []
    taken = bytearray(len(doc.text) + 1)  # overlaps looked up, not scanned: linear in the triggers
    for _, t in found:
        if any(taken[t.start:t.end]):
            continue
        taken[t.start:t.end] = b"\x01" * max(0, t.end - t.start)
        t.sentence = doc.sentence_of(t.start)
        kept.append(t)
    # blockers ("type": "none": "in an interview with journalists") win over the
    # triggers they overlap and then leave no event
    kept = [t for t in kept if t.type != "none"]
    kept.sort(key=lambda t: t.start)
    doc.triggers = kept
    return doc


def _englishish(doc: Doc, pos: int) -> bool:
    i = doc.sentence_of(pos)
    if i < 0:
        return False
    s = doc.sentences[i]
    words = re.findall(r"[a-z]+", doc.text[s.start:s.end].lower())
    function = set(resources.lang_data("en").get("function_words") or ())
    return sum(1 for w in words if w in function) >= 3


def modality_cues(lang: str) -> dict[str, re.Pattern]:
    return compiled(lang).modality
