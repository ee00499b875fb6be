"""Convert PETRARCH2's verb dictionary (CAMEO.2.0.txt, Open Event Data Alliance, MIT) into
dyad English trigger lines: src/dyad/data/lexicon/en.petrarch.jsonl.

    python tools/petrarch_to_lexicon.py [CAMEO.2.0.txt] [out.jsonl]

What is read: the synonym sets (&NAME, one "+MEMBER" a line) and the verb blocks
("--- NAME [code] ---", verb lines with irregular forms in { } and an optional [code],
pattern lines "- pre * post [code] # verb"). What is written, one JSON object a line:
{"p": pattern, "type": CAMEO code, "weight": w, "src": "petrarch2"}.

Rules
- Verb forms: the base, -s/-es, -ed and -ing (English spelling rules), or, when the verb
  line lists forms in { }, the base and exactly those. In a multi-word verb ("+CALL_OFF")
  the word marked + is inflected.
- Default code (the verb line's code, else the block's): every form alone, weight 0.75.
  Bare forms that news uses mostly in another sense ("united", "found", "died", "march",
  "storm") or whose block code does not fit the verb alone ("consider" -> 040) are left
  out (NOT_BARE_VERBS, NOT_BARE_FORMS); they keep their verb+object patterns.
- Pattern lines, weight 1.0: pre-words and the verb form (adjacent), then each post
  element after a "~" (up to three words between them, as PETRARCH skips words between
  pattern elements). Words inside { } (a noun phrase) or joined by "_" stay adjacent;
  $ + ^ % (actor slots, skipped phrases) are dropped; "TO/FOR" gives both. When the post
  words are only prepositions ("* (FOR)") they follow the verb directly ("called for"),
  and a few such patterns that mean something only with PETRARCH's parse ("MEET * (AT)"
  -> 036) are dropped (DROP).
- A pattern belongs to the verbs its comment names ("# RUSH"), else to the block's head
  verb (the verb the block is named after), else it is skipped. PETRARCH applies it to
  every verb of the block, but the blocks are WordNet synonym sets ("# BLAST: * (FOR)
  [111]" is not for "bomb").
- Non-final words that PETRARCH matches as stems (no trailing "_", 4+ letters, not a
  function word) end in "*" so that plurals match ("fired ~ rocket* ~ at"); the last word
  takes the language's suffixes anyway.
- &SETS expand to the members news uses (PREFER, picked by hand: the sets are WordNet
  synonyms with "nutriment" and "secureness"), else to all members in dictionary order
  (aircraft and weapon model numbers skipped), capped so that one pattern gives at most
  MAX_LINES lines for its verb (verb forms x set members).
- Arrest verbs with code 175 (violent repression, ASSAULT in PLOVER) are recoded 173
  (arrest, COERCE): PLOVER codes every arrest as COERCE.
- Codes "---", CAMEO 01x (statements) and codes missing from ontology.json "cameo" are
  skipped; "[a:b]" keeps a (the code for the subject acting on the object).
- One line per pattern (a final plural is the same pattern): when a pattern has several
  codes, the one from the line naming fewest verbs wins ("# DEPLOY" over "# SEND ,
  DEPLOY"), then the first in the file. Output sorted: the script is deterministic.
"""
from __future__ import annotations

import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path("/work/shared/reference/petrarch2-dictionaries/CAMEO.2.0.txt")
OUT = ROOT / "src" / "dyad" / "data" / "lexicon" / "en.petrarch.jsonl"
ONTOLOGY = ROOT / "src" / "dyad" / "data" / "ontology.json"

BARE_WEIGHT, PATTERN_WEIGHT, MAX_LINES = 0.75, 1.0, 12

# stressed final syllable: the consonant doubles (expelled, committed, deterred)
DOUBLE = {"expel", "compel", "repel", "propel", "dispel", "rebel", "control", "patrol", "commit", "admit",
          "submit", "permit", "omit", "emit", "acquit", "transmit", "remit", "occur", "recur", "incur", "deter",
          "refer", "confer", "prefer", "infer", "transfer", "defer", "regret", "abet", "allot", "equip",
          "outstrip", "embed", "forbid", "befit", "readmit", "re-admit", "extol", "annul", "enrol", "instil"}
# verbs whose past tense is the base form
ZERO_PAST = {"hit", "hurt", "upset", "put", "set", "cut", "shut", "cost", "let", "quit", "spread", "cast",
             "broadcast", "bid", "bet", "burst", "thrust", "shed", "split", "forecast", "outfit"}
# Bare verbs without a parse: PETRARCH codes a verb only between a source and a target it
# found in the sentence tree; a regex trigger has no such guard. These verbs (with all their
# forms) are left out as bare triggers because news uses them mostly in another sense
# (united, found, died, match, storm, strike) or because the block's code does not fit the
# verb on its own (go/think/consider -> 040, give/conduct/establish -> 060, harass -> 140).
# They still appear in their verb+object patterns.
NOT_BARE_VERBS = {w.replace("_", " ") for w in """
apply hope hint desire counsel propose suggest
aim decide determine expect mean plan prepare ready seek want vote train groom certify comply subscribe
resurrect resuscitate revive signal ensure
acquaint amass approach arrive assemble brave cable cluster communicate confront conglomerate congregate
conjoin consider constellate contemplate converge debate depart egress elicit embark encounter excogitate
face find_out flock gather give_notice go go_away go_forth go_to hear innovate insert interact introduce
invite join journey learn leave leave_behind meditate mull muse notify ponder promulgate pull_out run_into
reason reconsider reinvite ruminate send_word speculate summon think unite walk_out weigh travel call
admit advertise advertize affect ally associate bargain barter concert confess confide conform correlate
deal divulge expose exuberate exult haggle harmonise harmonize impact influence integrate orchestrate
organise organize persuade profess promote rejoice reveal synchronise synchronize tempt triumph unionise
unionize unveil
bless celebrate clap commemorate embolden enliven esteem exalt favor favour galvanize honor honour inspire
invigorate prefer prize reassert recognise recognize respect revitalize reward rouse sanctify spur toast value
abate accord add administer ameliorate amplify appease apportion assign attach augment award benefit
bequeath bestow better bind blend boost bound chain coalesce combine command compound conduct conflate
connect constitute control deepen dictate direct ease enact endow enhance enjoin enlarge enlist enroll
entrust escalate establish exaggerate exchange expand expediate facilitate found fuse give govern handle head
heighten improve increase institute intensify issue lead magnify manage merge mitigate oversee prescribe
provide re-establish redouble regulate relate rule serve simplify steer step_up supervise supervize supply task
tie_in unify buy pay pay_for purchase import attire furnish gear outfit render stock tender help interfere
intervene stabilise stabilize step_in defend guard look_after protect safeguard shield tend ward shelter
abandon abide abide_by abstain allow approve arbitrate authorise authorize bide bow clear compromise
concession conciliate conform_to countenance detach disconnect disentangle drop_out emancipate empower enable
fill forswear get_out go_by go_through hash_out intercede intermediate legislate liberate mediate negotiate
obey pass permit recede relax resettle resolve retire satify settle settle_on submit talk_over tease tolerate
undo unloose untie verify yield vindicate
analyse ascertain check comb dig examine explore glance_over look_over mine monitor rake research scan search
skim spy study sweep unearth
adjure bid campaign crusade decree necessitate need press push
argue aver avow blaspheme claim compete contend contest contradict contrast contravene counter
counterbalance cry curse debase defile degrade despair differ disappoint discourage disgrace dishearten
dismay dismiss express grieve grill humble humiliate mourn oppugn renounce sadden slight spurn suspect swear
wail weep whine wrangle brand lecture savage mock reprobate crucify chasten compensate
decline defect defer delay fail forestall hamper hinder impede inhibit object override overrid prevent
procrastinate remit retard stall stymie table caution endanger risk
agitate agonise agonize annoy arouse badger bother bridle_at discomfit disconcert disquiet disturb enkindle
harass harry hassle irk irritate pester plague provoke rag torment upset vex demonstrate
drum_up garner marshal parade pull_together rally
abort betray countermine disarray disassociate disband disorder disrupt sabotage undermine
bill blackmail block cage constrain contain crackdown enclose enforce exclude force impel impose inflict
levy moderate ostracise ostracize pressure reimpose reinforce segregate shun vote_down
appropriate arrest_and catch extract grab overturn pirate pluck pull revolutionise revolutionize subvert take
take_over dishonor dishonour tax veto confine sue beef_up oust remove
contaminate corrupt crack damage harm impair kick lash mar rip spoil tear vitiate whip wrestle injure
altercate best break bust circle conflict crush defeat die disarm dominate duel engage fire hammer hit master
match overcome overshadow overtake overwhelm pit quarrel ring ruin shatter smash struggle surmount surround
grapple devastate eradicate stamp_out infest inhabit reside strike beat
link tie_in assuage hurt blow ravish desolate thump square_off free give_up get_out drop_out talk_over
invest withdraw ratify
""".split()}
# single forms left out: mostly nouns or adjectives in news text
NOT_BARE_FORMS = {"march", "marches", "fire", "fires", "fired", "shell", "shells", "pound", "pounds", "pounded",
                  "fine", "fines", "arm", "arms", "armed", "post", "posts", "trade", "trades", "spy", "spies",
                  "host", "hosts", "back", "backs", "contact", "contacts", "phone", "phones", "telephone",
                  "telephones", "support", "aid", "aids", "order", "orders", "challenge", "challenges", "dispute",
                  "disputes", "fault", "faults", "charged", "breach", "breaches", "sentence", "sentences", "combat",
                  "combats", "siege", "sieges", "stone", "stones", "storm", "storms", "target", "targets", "torch",
                  "hang", "hangs", "hanging", "hung", "patrol", "patrols", "rallied", "tour", "tours", "pressed",
                  "wound", "wounds", "release", "releases", "demand", "struck", "abuse", "abuses", "traded",
                  "trading", "paid for", "disputed", "charge", "compelling", "bar", "bars", "barring", "exile",
                  "exiles", "occupied", "fight", "fights", "finance", "finances", "financing", "fund", "funds",
                  "funding", "grant", "grants", "request", "requests", "battle", "battles", "loan", "loans",
                  "appeal", "appeals", "attack", "attacks"}
PREPOSITIONS = {"at", "to", "for", "by", "with", "in", "on", "from", "into", "against", "toward", "towards", "upon",
                "between", "about", "over", "under", "through", "across", "near", "within", "during", "after",
                "before", "of", "as", "onto"}
# prepositional patterns that only make sense with PETRARCH's parse ("met at" is not an intent to meet)
DROP = {("MEET", "(AT)"), ("FLY", "(TO )"), ("RUSH", "(TO)"), ("RETURN", "(FROM)"), ("HEAD", "TO"), ("HEAD", "(TO)"),
        ("HEAD", "(FOR)"), ("HEAD", "BACK TO"), ("BREAK", "(WITH)"), ("PRESS", "ON"), ("COME", "(TO)"),
        ("DEPART", "(FOR)"), ("HOST", "(BY)"), ("WELCOME", "(TO)"), ("COUNT", "ON"),
        ("MEET", "(UNDER AUSPICES)")}
# PETRARCH codes arrests of protesters or journalists as 175 (violent repression), which
# the CAMEO-PLOVER table makes ASSAULT; PLOVER codes any arrest as COERCE arrest (173)
ARREST_VERBS = {"arrest", "detain", "apprehend", "jail", "imprison", "round up", "nab", "incarcerate", "re-arrest",
                "rearrest"}
# preferred members of the synonym sets: the words news uses, tried first
PREFER = {
    "CURRENCY": ["money", "cash", "dollar", "euro"], "LEADER": ["president", "prime minister", "minister", "leader"],
    "CEASEFIRE": ["ceasefire", "truce", "cease fire", "armistice"], "CAR": ["car", "vehicle", "truck"],
    "HOSTAGE": ["hostage", "prisoner", "captive"], "NEGOTIATOR": ["negotiator", "mediator", "intermediary"],
    "NEGOTIATION": ["negotiation", "dialogue", "discussion"], "MEDIATION": ["mediation", "arbitration"],
    "PROPOSAL": ["proposal", "motion", "suggestion"], "REFUGEE": ["refugee", "displaced person", "exile"],
    "TREATY": ["treaty", "agreement", "accord", "pact"], "PROGRAM": ["program", "programme", "agenda"],
    "DETENTION": ["detention", "custody", "prison", "jail"], "MILITARY": ["troops", "soldiers", "military", "army"],
    "SECURITY": ["security", "protection"], "OPPOSITION": ["opposition", "rival", "enemy"],
    "TOWN": ["town", "city", "village"], "CRIME": ["crime", "offence", "offense", "violation"],
    "PEOPLE": ["people", "civilians", "citizens"], "SUSPECT": ["suspect", "accused", "defendant"],
    "ASYLUM": ["asylum", "refuge", "shelter"], "DISPUTE": ["dispute", "conflict", "disagreement"],
    "FIGHT": ["fighting", "war", "battle", "hostilities"], "SOLUTION": ["solution", "resolution", "answer"],
    "EVIDENCE": ["evidence", "proof"], "AIRCRAFT": ["aircraft", "warplane", "helicopter", "drone", "jet"],
    "INFORMATION": ["information", "intelligence", "details"], "INVESTIGATION": ["investigation", "probe", "inquiry"],
    "WEAPON": ["weapon", "missile", "rocket", "bomb", "gun"], "FOOD": ["food", "provisions"],
    "WMD": ["chemical weapon", "nuclear weapon", "nerve gas"], "PKO": ["peacekeepers", "peacekeeping", "peacekeeping force"],
    "DEFENSE": ["defense", "defence"], "STRONGHOLD": ["stronghold", "headquarters", "outpost"],
    "FIGHT_OF_WORDS": ["argument", "debate"],
    # used in patterns but never defined in the file
    "DEMONSTRATION": ["demonstration", "protest", "riot"], "FIGHT_GAMES": ["war games", "joint exercises", "drills"],
    "FIGHT_CRIM": ["war criminal", "war crimes"], "WEATHER": ["storm", "flood"],
}
FUNCTION_WORDS = {"about", "above", "across", "after", "against", "along", "amid", "among", "around", "away",
                  "back", "before", "behind", "below", "between", "beyond", "down", "during", "from", "into",
                  "near", "over", "since", "than", "that", "their", "them", "then", "there", "these", "they",
                  "this", "those", "through", "toward", "towards", "under", "until", "upon", "when", "where",
                  "while", "with", "within", "without", "will", "would", "have", "been", "were", "more", "most",
                  "some", "such", "also", "only", "very", "what", "which", "himself", "herself", "itself",
                  "themselves", "onto", "once", "again", "forward", "ahead", "aside", "apart", "off", "each"}


def regular_forms(v: str) -> list[str]:
    """base, -s, -ed, -ing of a regular English verb (lower case)."""
    forms = [v]
    if re.search(r"(s|x|z|ch|sh|o)$", v):
        forms.append(v + "es")
    elif re.search(r"[^aeiou]y$", v):
        forms.append(v[:-1] + "ies")
    else:
        forms.append(v + "s")
    if v.endswith("ie"):
        forms += [v + "d", v[:-2] + "ying"]
    elif v in ZERO_PAST:  # hit, hitting; broadcast, broadcasting
        forms.append(v + v[-1] + "ing" if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", v) else v + "ing")
    elif v.endswith("e"):
        forms += [v + "d", v + "ing" if v.endswith(("ee", "ye", "oe")) else v[:-1] + "ing"]
    elif re.search(r"[^aeiou]y$", v):
        forms += [v[:-1] + "ied", v + "ing"]
    elif v in DOUBLE or re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", v):
        forms += [v + v[-1] + "ed", v + v[-1] + "ing"]
    else:
        forms += [v + "ed", v + "ing"]
        if re.search(r"[aeiou][^aeiou]+[aeiou]l$", v):  # cancel: canceled / cancelled
            forms += [v + "led", v + "ling"]
    return forms


def words(s: str) -> str:
    """Dictionary spelling to text: FIGHTER_JET -> fighter jet, CASH_ -> cash."""
    return " ".join(w for w in s.strip("+").lower().replace("_", " ").split())


def code_of(raw: str, ontology: set[str]) -> str | None:
    code = raw.split(":")[0].strip().rstrip("!")
    if not code or code == "---" or code.startswith("01") or code not in ontology:
        return None
    return code


def parse(path: Path):
    """(sets, blocks): sets name -> members; blocks: list of dicts with code, verbs, patterns."""
    sets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    irregular: dict[str, list[str]] = {}
    section, current_set = "head", None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.rstrip()
        if "SYNONYM SETS" in line:
            section = "sets"
            continue
        if "VERB PATTERNS" in line:
            section = "verbs"
            continue
        if "TRANSFORMATIONS" in line:
            break
        if section == "sets":
            s = line.split("#")[0].strip()
            if s.startswith("&"):
                current_set = s[1:]
                sets[current_set] = []
            elif s.startswith("+") and current_set:
                sets[current_set].append(s[1:])
            continue
        if section != "verbs" or not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^---\s*(\S+)\s*\[([^\]]*)\]", line)
        if m:
            blocks.append({"name": m.group(1), "code": m.group(2), "verbs": [], "patterns": []})
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            m = re.match(r"^-(.*)\[([^\]]*)\]\s*(?:#(.*))?$", line)
            if m and "*" in m.group(1):
                blocks[-1]["patterns"].append((m.group(1).strip(), m.group(2), (m.group(3) or "").strip()))
            continue
        body = line.split("#")[0]
        code = re.search(r"\[([^\]]*)\]", body)
        forms = re.search(r"\{([^}]*)\}", body)
        head = re.sub(r"\[[^\]]*\]|\{[^}]*\}", " ", body).split()
        if not head:
            continue
        root = words(head[0])
        if forms is not None:
            irregular.setdefault(root, []).extend(words(f) for f in re.split(r"[\s,]+", forms.group(1)) if f.strip())
        blocks[-1]["verbs"].append({"root": root, "code": code.group(1) if code else None})
    for b in blocks:
        roots = [v["root"] for v in b["verbs"]]
        for v in b["verbs"]:
            # a line that is an inflected form of another verb of the block (TOURING, FORGIVEN, BURNT)
            inflected = v["root"] not in irregular and any(
                r != v["root"] and v["root"].startswith(r) and len(v["root"]) - len(r) <= 3 for r in roots)
            v["forms"] = [v["root"]] if inflected else verb_forms(v["root"], irregular)
    return sets, blocks


def verb_forms(root: str, irregular: dict[str, list[str]]) -> list[str]:
    if root in irregular:
        return list(dict.fromkeys([root] + irregular[root]))
    first, _, rest = root.partition(" ")
    return [f + (" " + rest if rest else "") for f in dict.fromkeys(regular_forms(first))]


def set_members(name: str, sets: dict[str, list[str]]) -> list[str]:
    if name in PREFER:
        return list(PREFER[name])
    out = []
    for m in sets.get(name, []):
        if re.search(r"[\d/]", m):
            continue
        w = words(m).replace("-", " ")
        if w and w not in out:
            out.append(w)
    return out or [words(name)]


def elements(side: str, sets) -> list[list[list[str]]]:
    """A pattern side as a list of elements, each a list of alternative strings (words of a
    { } phrase or of an A_B compound stay together; elements are later joined with "~")."""
    side = re.sub(r"[$^%]|(?<![A-Za-z0-9_&])\+(?![A-Za-z0-9_&])", " ", side)
    out = []
    for m in re.finditer(r"\{([^}]*)\}|\(|\)|([^\s(){}]+)", side):
        if m.group(1) is not None:  # noun phrase: adjacent words; a set before the head is a modifier
            ws = m.group(1).split()
            parts = [alts(w, sets, stem=False, modifier=i < len(ws) - 1) for i, w in enumerate(ws)]
            out.append([" ".join(c) for c in itertools.product(*parts)])
        elif m.group(2):
            out.append(alts(m.group(2), sets, stem=True))
    return out


def alts(token: str, sets, stem: bool, modifier: bool = False) -> list[str]:
    """One dictionary word (possibly A_&SET_B) as its alternatives. A set used as a modifier
    ({&MILITARY AID}) gives its own name when that is a member ("military aid", not "troops aid")."""
    pieces = []
    for part in token.split("_"):
        if not part:
            continue
        if part.startswith("&"):
            members = set_members(part[1:], sets)
            own = words(part[1:])
            pieces.append([own] if modifier and own in members else members[:1] if modifier else members)
        else:  # "TO/FOR": alternatives
            pieces.append([a.lower() for a in part.split("/") if a])
    exact = token.endswith("_")
    res = [" ".join(p) for p in itertools.product(*pieces)] if pieces else []
    if stem and not exact:
        res = [r + "*" if (" " not in r and len(r) >= 4 and r not in FUNCTION_WORDS and r.isalpha()) else r
               for r in res]
    return res


def comment_names(comment: str) -> list[str]:
    """The verbs a pattern comment names ("STEP_UP , STEPPED_UP" -> two), without spaces."""
    return [words(c).replace(" ", "") for c in comment.split(",") if c.strip()]


def pattern_verbs(block: dict, comment: str) -> tuple[list[dict], bool]:
    """The verbs a pattern belongs to: those its comment names, else the block's head verb
    (the verb that gives the block its name), else none."""
    names = comment_names(comment)
    named = [v for v in block["verbs"] if any(n == f.replace(" ", "") for n in names for f in [v["root"], *v["forms"]])]
    if named:
        return named, True
    head = words(block["name"])
    return [v for v in block["verbs"] if v["root"] == head][:1], False


def join(pre: list[str], verb: str, post: list[str], gap: bool = True) -> str:
    """pre-words and the verb adjacent, then the post words, "~" before each post element."""
    sep = " ~ " if gap else " "
    return " ".join(pre + [verb]) + "".join(sep + w for w in post if w)


def unstar_last(p: str) -> str:
    """The last word takes the language's suffixes: no prefix star there."""
    return p[:-1] if p.endswith("*") else p


def convert(path: Path, ontology: set[str]) -> tuple[list[dict], Counter]:
    sets, blocks = parse(path)
    lines: dict[str, dict] = {}
    rank: dict[str, tuple[int, int]] = {}
    stats: Counter = Counter()

    def add(p: str, code: str, weight: float, specificity: int = 0):
        """Keep one code per pattern (a final plural counts as the same pattern): the one
        from the pattern line that names fewest verbs, then the first in the file."""
        p = unstar_last(re.sub(r"\s+", " ", p).strip())
        if not p or p.replace("~", "").strip() == "":
            return
        key = re.sub(r"(?<=[a-z])e?s$", "", p)
        r = (specificity, len(rank))
        if key in lines:
            if lines[key]["type"] != code:
                stats["patterns with several codes (one kept)"] += 1
            if rank[key] <= r:
                return
        lines[key] = {"p": p, "type": code, "weight": weight, "src": "petrarch2"}
        rank[key] = r

    for b in blocks:
        for v in b["verbs"]:
            code = code_of(v["code"] or b["code"], ontology)
            if code:
                for f in v["forms"]:
                    if f in NOT_BARE_FORMS or v["root"] in NOT_BARE_VERBS:
                        stats["bare forms left out"] += 1
                        continue
                    add(f, code, BARE_WEIGHT)
        for text, raw_code, comment in b["patterns"]:
            code = code_of(raw_code, ontology)
            if not code:
                stats["patterns skipped (code)"] += 1
                continue
            verbs, named = pattern_verbs(b, comment)
            if not named:
                stats["patterns naming no verb of the block: head verb used" if verbs else
                      "patterns naming no verb of the block, block without head verb: skipped"] += 1
            pre, _, post = text.partition("*")
            if any(n.upper() in {v["root"].upper() for v in verbs} | {b["name"]} and post.strip() == p
                   for n, p in DROP):
                stats["prepositional patterns dropped (DROP)"] += 1
                continue
            pre_el, post_el = elements(pre, sets), elements(post, sets)
            # "called for", "fired at": only prepositions after the verb, so no gap (a gap would
            # reach into the next clause)
            gap = not all(a.rstrip("*") in PREPOSITIONS for el in post_el for a in el)
            for v in verbs:
                vcode = "173" if code == "175" and v["root"] in ARREST_VERBS else code
                stats["arrest patterns recoded 175 -> 173"] += vcode != code
                per_combo = len(v["forms"])
                cap = max(1, MAX_LINES // per_combo)
                combos = list(itertools.islice(itertools.product(*pre_el, *post_el), cap))
                for combo in combos:
                    pre_words, post_words = list(combo[:len(pre_el)]), list(combo[len(pre_el):])
                    for f in v["forms"]:
                        add(join(pre_words, f, post_words, gap), vcode, PATTERN_WEIGHT, len(verbs))
            stats["patterns converted"] += bool(verbs)
    return sorted(lines.values(), key=lambda r: (r["p"], r["type"])), stats


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else SRC
    out = Path(argv[1]) if len(argv) > 1 else OUT
    ontology = set(json.loads(ONTOLOGY.read_text(encoding="utf-8"))["cameo"])
    rows, stats = convert(src, ontology)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    roots = Counter(r["type"][:2] for r in rows)
    bare = Counter(r["type"][:2] for r in rows if r["weight"] == BARE_WEIGHT)
    print(f"{out}: {len(rows)} lines")
    for root in sorted(roots):
        print(f"  CAMEO {root}: {roots[root]} ({bare[root]} bare verb forms)")
    for k, n in sorted(stats.items()):
        print(f"  {k}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
