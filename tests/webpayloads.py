"""Hostile values for the web tests: XSS payloads (each sets window.__xss to its own number
if it ever runs), SQL injection strings, malformed parameters, path traversals, and a
database whose every displayed field carries one XSS payload, built through the storage
layer (no coder could be made to produce an actor named `<script>`)."""
from __future__ import annotations

import hashlib
from pathlib import Path

XSS = [
    '<script>window.__xss=1</script>',
    '"><script>window.__xss=2</script>',
    "'><img src=x onerror=\"window.__xss=3\">",
    '<svg onload="window.__xss=4">',
    '<svg><script>window.__xss=5</script></svg>',
    'javascript:window.__xss=6',
    '<iframe src="javascript:window.top.__xss=7"></iframe>',
    '<a href="javascript:window.__xss=8" id="xssa">click</a>',
    '</textarea><script>window.__xss=9</script>',
    '</title><script>window.__xss=10</script>',
    '<body onload="window.__xss=11">',
    '<details open ontoggle="window.__xss=12">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=13">',
    '" onmouseover="window.__xss=14" x="',
    "' onfocus='window.__xss=15' autofocus='",
    '<img src=x:x onerror=window.__xss=16>',
    '<input autofocus onfocus=window.__xss=17>',
    "<style>@import 'http://evil.invalid/x.css';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=19">',
    '<base href="http://evil.invalid/">',
    '<object data="javascript:window.__xss=21"></object>',
    '<embed src="data:text/html,<script>parent.__xss=22</script>">',
    'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MjM8L3NjcmlwdD4=',
    '"><svg/onload=window.__xss=24>',
    '<scr<script>ipt>window.__xss=25</script>',
    '%3Cscript%3Ewindow.__xss=26%3C/script%3E',
    '&lt;script&gt;window.__xss=27&lt;/script&gt;',
    '<x contenteditable onblur=window.__xss=28>x</x>',
    '<video><source onerror="window.__xss=29"></video>',
    '<audio src=x onerror=window.__xss=30>',
    '<form action="javascript:window.__xss=31"><input type=submit id=xsss></form>',
    '{{7*7}}{% raw %}<script>window.__xss=32</script>',
    '<!--<script>window.__xss=33</script>-->',
    ']]><script>window.__xss=34</script>',
    '\u202e<script>window.__xss=35</script>\u202c',
    '<svg><a xlink:href="javascript:window.__xss=36"><text x="20" y="20">x</text></a></svg>',
    '<link rel=stylesheet href=http://evil.invalid/x.css>',
    '<img srcset="x 1x" onerror="window.__xss=38">',
    '<marquee onstart=window.__xss=39>x</marquee>',
    '<div style="background:url(javascript:window.__xss=40)">x</div>',
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=41>">',
    '<template><script>window.__xss=42</script></template>',
    '`-alert(43)-`',
    '\'-alert(44)-\'',
    '</script><script>window.__xss=45</script>',
]

SQLI = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "1; DROP TABLE events; --",
    "'); DELETE FROM articles; --",
    "\" OR \"\"=\"",
    "1 UNION SELECT key_hash, name, created_at FROM api_keys --",
    "' UNION SELECT hash, salt, scope FROM auth_keys --",
    "%' OR 1=1 --",
    "_%",
    "1) OR (1=1",
    "x' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
    "'; ATTACH DATABASE '/tmp/pwn.db' AS pwn; --",
    "\\' OR 1=1 --",
    "1' ORDER BY 100 --",
    "-1 OR 1=1",
    "\x00' OR 1=1 --",
    "' || (SELECT hash FROM auth_keys LIMIT 1) || '",
    "CHN-RUS' OR '1'='1",
    "e.id",
    "date; DROP TABLE events",
]

MALFORMED = [
    ("limit", "-1"), ("limit", "0"), ("limit", "99999999999999999999"), ("limit", "abc"), ("limit", "1.5"),
    ("limit", ""), ("limit", "1e3"), ("limit", "1001"), ("offset", "-5"), ("offset", "10"), ("page", "2"),
    ("sort", "nope"), ("sort", "--date"), ("sort", "date DESC"), ("cursor", "!!!"), ("cursor", "e30"),
    ("cursor", "W1sxLDJdLDFd"), ("cursor", "WzFlOTk5LDFd"), ("cursor", "x" * 3000),
    ("quad_class", "9"), ("quad_class", "x"), ("quad_class", "99999999999999999999999"),
    ("goldstein_min", "nan"), ("goldstein_min", "inf"), ("goldstein_max", "-1e400"), ("min_sources", "-1"),
    ("date_from", "yesterday"), ("date_to", "2026-13-99x"), ("dyad", "nonsense"), ("cameo", "abc"),
    ("modality", "maybe"), ("_format", "xml"), ("q", "a" * 5000), ("actor", "\x00"),
]


def _hash(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def build_hostile_db(path: Path) -> dict:
    """A database in which every field the pages and the API show holds an XSS payload:
    one article and one event per payload; returns the ids to visit."""
    from dyad.store import connect

    db = connect(path)
    out = {"articles": [], "events": [], "actors": []}
    db.begin()
    for i, p in enumerate(XSS):
        text = f"Hostile report {i}. {p} said the minister on Monday. {p}"
        aid = db.insert("articles", {
            "content_hash": _hash(f"xss-{i}"), "input": f"xss/{i}/{p}", "url": p if i % 2 else f"https://example.org/{p}",
            "source": p, "title": p, "outlet": p, "language": "ar" if i % 5 == 0 else "en", "published": "2026-03-01",
            "published_partial": None, "text": text, "raw": f"{p}\n{text}\n{p}",
            "removed": f'[[0, {len(p)}, "{i}"]]', "reprint_of": None, "ingested_at": "2026-03-01T00:00:00"})
        actor = f"xss{i}{p}"
        for start, role in ((len(f"Hostile report {i}. "), "source"),):
            db.insert("actor_mentions", {"article_id": aid, "start_off": start, "end_off": start + len(p),
                                         "actor_id": actor, "name": p, "kind": p, "country": "AAA",
                                         "wikidata": p, "sector": p, "role": role, "via": p})
        eid = db.insert("events", {
            "date": f"2026-03-{1 + i % 28:02d}", "block_date": "2026-03-01", "family": "CONSULT" if i % 3 else p,
            "pair_key": f"AAA|{p}" if i % 4 == 0 else "AAA|BBB", "cameo": "040", "plover": "CONSULT", "mode": p,
            "type": p, "goldstein": 1.0, "quad_class": 1, "modality": "asserted",
            "source_id": actor, "source_name": p, "source_country": "AAA", "source_wikidata": p, "source_sector": p,
            "target_id": f"xss{(i + 1) % len(XSS)}{XSS[(i + 1) % len(XSS)]}", "target_name": p,
            "target_country": "BBB", "target_wikidata": p, "target_sector": p,
            "location_name": p, "location_country": p, "location_id": p, "location_lat": 10.0 + i, "location_lon": 20.0,
            "confidence": 0.9, "num_mentions": 1, "num_articles": 1, "num_sources": 1, "languages": p,
            "first_seen": p, "coders": p, "killed": 3})
        start = len(f"Hostile report {i}. ")
        mid = db.insert("event_mentions", {
            "event_id": eid, "article_id": aid, "language": "ar" if i % 5 == 0 else "en", "date": "2026-03-01",
            "cameo": "040", "plover": "CONSULT", "type": p, "modality": p, "confidence": 0.9,
            "source_id": actor, "source_name": p, "source_country": "AAA", "source_text": p,
            "source_start": start, "source_end": start + len(p),
            "target_name": p, "target_country": "BBB", "target_text": p, "target_start": None, "target_end": None,
            "location_name": p, "evidence": text, "evidence_start": 0, "evidence_end": len(text),
            "trigger_start": start + len(p) + 1, "trigger_end": start + len(p) + 5, "rule": p, "coder": p})
        db.index_evidence(mid, text)
        db.insert("story_articles", {"story_id": i // 2, "article_id": aid})
        out["articles"].append(aid)
        out["events"].append(eid)
        out["actors"].append(actor)
    db.commit()
    db.close()
    return out
