"""Hostile and broken inputs for every reader (issue 15): generators of payloads, shared by
tests/test_hostile_input.py and bench/soak.py.

Each payload is a `Hostile(kind, filename, data, expect)`: `data` is the bytes of one file
(or None for the inputs that are made on disk by `materialize`: symbolic link loops,
FIFOs, unreadable files), `expect` is "error" (the document must end with a one-line
error), "ok" (it must be coded) or "either" (coded or refused, but within the limits).

Sizes are chosen so that the whole set reads and runs in seconds on a busy machine: the
tests lower `DYAD_MAX_BYTES` where that proves the same mechanism as a larger input
(`SMALL_MAX_BYTES`: a bomb that expands to 50 MB is stopped exactly as one of 50 GB).
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GOOD = ("Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Moscow on "
        "Tuesday, the Kremlin said. Reference {n}.")
SMALL_MAX_BYTES = 2_000_000  # the tests' DYAD_MAX_BYTES: bombs expand to 25 times this


def good_text(n: int) -> str:
    """A short article the fast profile codes (a meeting between Russia and China); `n`
    makes each copy a distinct article in the database."""
    return GOOD.format(n=n)


@dataclass
class Hostile:
    kind: str
    filename: str
    data: bytes | None
    expect: str = "either"  # "error", "ok" or "either"
    reader: str = "text"
    big: bool = False  # read with the default size limit (20 MB), not SMALL_MAX_BYTES


# --- building blocks ----------------------------------------------------------------------

def rng(seed: int = 15) -> random.Random:
    return random.Random(seed)


def binary(n: int = 200_000, seed: int = 1) -> bytes:
    r = rng(seed)
    return r.randbytes(n)


def zeros_gzip(expanded: int, chunk: int = 1 << 20) -> bytes:
    """A gzip member of `expanded` zero bytes (about a thousandth of that compressed)."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as g:
        block = b"\0" * chunk
        left = expanded
        while left > 0:
            g.write(block[:min(chunk, left)])
            left -= chunk
    return out.getvalue()


def spaces_gzip(expanded: int) -> bytes:
    """A bomb of text (spaces and letters), which a sniff for binary data does not stop."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9, mtime=0) as g:
        block = (b"a " * (1 << 19))
        left = expanded
        while left > 0:
            g.write(block[:min(len(block), left)])
            left -= len(block)
    return out.getvalue()


def combining_bidi(n: int) -> str:
    """A line of `n` combining marks with bidirectional overrides among them."""
    marks = "\u0301\u0308\u0327\u0332\u036f\u20d7"
    bidi = "\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200e\u202a\u202b\u202c"
    r = rng(3)
    return "".join(r.choice(bidi) if i % 7 == 0 else r.choice(marks) for i in range(n))


def words_without_punctuation(n: int) -> str:
    vocab = ["talks", "Putin", "Moscow", "army", "the", "met", "said", "Kyiv", "protest", "with", "on", "in"]
    r = rng(5)
    return " ".join(r.choice(vocab) for _ in range(n))


def warc_record(url: str, html: bytes, headers: str = "") -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{headers}"
            f"Content-Length: {len(html)}\r\n\r\n").encode() + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def article_html(text: str, title: str = "Talks in Moscow") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p><p>{text}</p></article></body></html>").encode()


def rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel><title>Feed</title>'
            f"<link>https://example.org/</link>{items}</channel></rss>").encode()


def rss_item(title: str, text: str, link: str = "https://example.org/a") -> str:
    return (f"<item><title>{title}</title><link>{link}</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
            f"<description>{text}</description></item>")


BILLION_LAUGHS = """<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""

SECRET = "DYAD-SECRET-7c1e"  # the content of the local file the external entities point at


def xxe_prolog(secret_path: Path) -> str:
    return f'<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://{secret_path}"> ]>\n'


def xxe_parameter_prolog(secret_path: Path) -> str:
    return (f'<!DOCTYPE rss [ <!ENTITY % ext SYSTEM "file://{secret_path}"> %ext; '
            f'<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>\n')


def nested_html(depth: int) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + b"Deep text " * 5 + b"</div>" * depth + b"</body></html>")


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: max(1, int(len(data) * keep))]


# --- the payloads ---------------------------------------------------------------------------

@lru_cache(maxsize=None)  # built once per process (seconds: the bombs)
def text_payloads() -> list[Hostile]:
    """Plain-text files (`.txt`), including compressed ones."""
    big_line = ("Protesters gathered in Paris " * 200_000).encode()           # one 5.8 MB line
    big_word = b"a" * 3_000_000                                                # one 3 MB word
    text = good_text(0) * 200
    return [
        Hostile("empty", "empty.txt", b"", "error"),
        Hostile("whitespace only", "spaces.txt", b" \t\n" * 300_000, "error"),
        Hostile("binary", "binary.txt", binary(), "error"),
        Hostile("png disguised as text", "image.txt", b"\x89PNG\r\n\x1a\n" + binary(50_000, 2), "error"),
        Hostile("NUL bytes", "nul.txt", b"Putin met Xi.\x00\x00\x00" * 1000, "error"),
        Hostile("control characters", "control.txt",
                good_text(0).encode() + bytes(range(1, 32)) * 2 + b" and then " + good_text(0).encode(), "either"),
        Hostile("only control characters", "allcontrol.txt", bytes(range(1, 9)) * 50_000, "error"),
        Hostile("invalid UTF-8", "invalid.txt", good_text(0).encode() + b" \xff\xfe\xc3\x28 \xa0\xa1 caf\xe9", "ok"),
        Hostile("mixed encodings", "mixed.txt",
                "Café in Zürich — ".encode() + "Café ".encode("cp1252") + "Москва ".encode("koi8-r")
                + good_text(0).encode(), "ok"),
        Hostile("UTF-16 LE with BOM", "utf16le_bom.txt", good_text(0).encode("utf-16"), "ok"),
        Hostile("UTF-16 BE with BOM", "utf16be_bom.txt", b"\xfe\xff" + good_text(0).encode("utf-16-be"), "ok"),
        Hostile("UTF-16 LE without BOM", "utf16le.txt", good_text(0).encode("utf-16-le"), "ok"),
        Hostile("UTF-16 BE without BOM", "utf16be.txt", good_text(0).encode("utf-16-be"), "ok"),
        Hostile("UTF-16 odd length", "utf16odd.txt", good_text(0).encode("utf-16-le") + b"\x41", "either"),
        Hostile("UTF-32 with BOM", "utf32.txt", good_text(0).encode("utf-32"), "ok"),
        Hostile("line of megabytes", "bigline.txt", big_line, "either", big=True),
        Hostile("word of megabytes", "bigword.txt", big_word, "either", big=True),
        Hostile("a million spaces", "millionspaces.txt", b"Putin" + b" " * 1_000_000 + b"met Xi.", "either"),
        Hostile("a million newlines", "millionnewlines.txt", b"Putin" + b"\n" * 1_000_000 + b"met Xi.", "either"),
        Hostile("only carriage returns", "cr.txt", b"\r" * 2_000_000, "either"),
        Hostile("carriage returns and words", "crwords.txt", b"Putin met\r" * 200_000, "either"),
        Hostile("a million dots", "dots.txt", b"Putin met Xi" + b"." * 1_000_000 + b"x", "either"),
        Hostile("a million punctuation marks", "punct.txt", (b"!?,;:-()[]\"'" * 100_000), "either"),
        Hostile("dots between letters", "dotletters.txt", b"a." * 500_000, "either"),
        Hostile("initials", "initials.txt", b"A. B. C. " * 300_000, "either", big=True),
        Hostile("sentence of a million words", "millionwords.txt",
                words_without_punctuation(1_000_000).encode(), "either", big=True),
        Hostile("combining marks and bidi overrides", "combining.txt",
                ("Putin" + combining_bidi(50_000) + " met Xi.").encode(), "either"),
        Hostile("combining marks between letters", "combining2.txt",
                ("a\u0301\u0302\u0303 " * 200_000).encode(), "either"),
        Hostile("digits", "digits.txt", (b"2024-03-05 12 " * 200_000), "either", big=True),
        Hostile("date-like tokens", "dates.txt", (b"on 5 March 2024, 1/2/3 " * 50_000), "either"),
        Hostile("capitalised words", "caps.txt", (b"President Of The United Nations " * 60_000), "either"),
        Hostile("repeated article", "repeat.txt", text.encode(), "ok"),
        Hostile("lone surrogates (CESU)", "cesu.txt", good_text(0).encode() + b"\xed\xa0\x80\xed\xb0\x80", "ok"),
        Hostile("gzip bomb", "bomb.txt.gz", zeros_gzip(25 * SMALL_MAX_BYTES), "error"),
        Hostile("gzip bomb of text", "textbomb.txt.gz", spaces_gzip(25 * SMALL_MAX_BYTES), "error"),
        Hostile("bzip2 bomb", "bomb.txt.bz2", bz2.compress(b"\0" * (25 * SMALL_MAX_BYTES)), "error"),
        Hostile("xz bomb", "bomb.txt.xz", lzma.compress(b"\0" * (25 * SMALL_MAX_BYTES)), "error"),
        Hostile("truncated gzip", "truncated.txt.gz", truncated(gzip.compress((text * 20).encode(), mtime=0)), "error"),
        Hostile("corrupt gzip", "corrupt.txt.gz", b"\x1f\x8b\x08\x00" + binary(5000, 4), "error"),
        Hostile("gzip magic only", "magic.txt.gz", b"\x1f\x8b", "error"),
        Hostile("truncated xz", "truncated.txt.xz", truncated(lzma.compress((text * 20).encode())), "error"),
        Hostile("concatenated gzip members", "members.txt.gz",
                gzip.compress(good_text(0).encode(), mtime=0) + gzip.compress(b" More text.", mtime=0), "ok"),
        Hostile("gzip with trailing garbage", "trailing.txt.gz",
                gzip.compress(good_text(0).encode(), mtime=0) + b"garbage" * 10, "either"),
        Hostile("file over the size limit", "toolarge.txt",
                (good_text(0) + "\n").encode() * (SMALL_MAX_BYTES // 100 + 1000), "error"),
    ]


@lru_cache(maxsize=None)  # built once per process (seconds: the bombs)
def jsonl_payloads() -> list[Hostile]:
    rec = lambda **kw: json.dumps(kw, ensure_ascii=False)  # noqa: E731
    good = rec(text=good_text(0), url="https://example.org/ok")
    lines = [
        "{not json",
        "[1, 2, 3]",
        rec(title="no text"),
        rec(text=""),
        rec(text=12),
        "[" * 100_000 + "]" * 100_000,
        '{"text": "' + "1" * 10 + '", "n": ' + "9" * 5000 + "}",
        '{"text": "lone \\ud800 surrogate Putin met Xi in Moscow.", "url": "https://example.org/\\udfff"}',
        rec(text="NUL\u0000inside Putin met Xi in Moscow."),
        rec(text="a" * 3_000_000),
        rec(text="x" * (SMALL_MAX_BYTES + 10)),  # a line over the size limit
        rec(text=good_text(0), title=None, published=12, language=["en"]),
    ]
    body = ("\n".join([good] + lines + [good]) + "\n").encode()
    return [
        Hostile("JSONL of broken records", "records.jsonl", body, "either", "jsonl"),
        Hostile("JSONL binary", "binary.jsonl", binary(100_000, 6), "error", "jsonl"),
        Hostile("JSONL empty", "empty.jsonl", b"", "error", "jsonl"),
        Hostile("JSONL with NUL bytes", "nul.jsonl", good.encode() + b"\n\x00\x00\x00" * 100, "error", "jsonl"),
        Hostile("JSONL UTF-16", "utf16.jsonl", (good + "\n" + good + "\n").encode("utf-16"), "ok", "jsonl"),
        Hostile("JSONL invalid UTF-8", "invalid.jsonl", good.encode()[:-2] + b"\xff\xfe\"}\n", "either", "jsonl"),
        Hostile("JSONL gzip bomb", "bomb.jsonl.gz", zeros_gzip(25 * SMALL_MAX_BYTES), "error", "jsonl"),
        Hostile("JSONL truncated gzip", "truncated.jsonl.gz",
                truncated(gzip.compress(((good + "\n") * 2000).encode(), mtime=0)), "either", "jsonl"),
        Hostile("JSONL one huge line without newline", "hugeline.jsonl", b"{" + b" " * (3 * SMALL_MAX_BYTES),
                "error", "jsonl"),
    ]


@lru_cache(maxsize=None)  # built once per process (seconds: the bombs)
def html_payloads() -> list[Hostile]:
    text = good_text(0)
    return [
        Hostile("HTML deeply nested", "nested.html", nested_html(150_000), "either", "html"),
        Hostile("HTML deeply nested around an article", "nested2.html",
                b"<html><body>" + b"<div><span>" * 20_000 + article_html(text) + b"</span></div>" * 20_000,
                "either", "html"),
        Hostile("HTML empty", "empty.html", b"", "error", "html"),
        Hostile("HTML binary", "binary.html", binary(100_000, 7), "error", "html"),
        Hostile("HTML unclosed tags", "unclosed.html", b"<p><b><i><a href='" * 50_000, "error", "html"),
        Hostile("HTML huge attribute", "attr.html",
                b'<html><body><p title="' + b"x" * 3_000_000 + b'">' + text.encode() * 3 + b"</p></body></html>",
                "either", "html", big=True),
        Hostile("HTML entities", "entities.html", b"<html><body><p>" + b"&amp;&#x202e;&#0;&#xD800;" * 100_000
                + b"</p></body></html>", "either", "html", big=True),
        Hostile("HTML comments", "comments.html", b"<html><body><!--" + b"-" * 1_000_000 + b"<p>" + text.encode()
                + b"</p></body></html>", "either", "html"),
        Hostile("HTML UTF-16", "utf16.html", article_html(text).decode().encode("utf-16"), "either", "html"),
        Hostile("HTML gzip bomb", "bomb.html.gz", zeros_gzip(25 * SMALL_MAX_BYTES), "error", "html"),
        Hostile("HTML control characters", "control.html",
                article_html(text + "\x00\x01\x02\x1b[31m" * 100 + text), "either", "html"),
        Hostile("HTML XML entity expansion", "xmlbomb.xhtml",
                ('<?xml version="1.0"?>\n' + BILLION_LAUGHS.replace("lolz", "html")
                 + "<html><body><p>&lol9;</p></body></html>").encode(), "either", "html"),
    ]


@lru_cache(maxsize=None)  # built once per process (seconds: the bombs)
def warc_payloads() -> list[Hostile]:
    rec1 = warc_record("https://example.org/one", article_html(good_text(1)))
    rec2 = warc_record("https://example.org/two", article_html(good_text(2)))
    gz = lambda b: gzip.compress(b, mtime=0)  # noqa: E731
    bomb = zeros_gzip(25 * SMALL_MAX_BYTES)
    return [
        Hostile("WARC truncated", "truncated.warc", rec1 + truncated(rec2, 0.6), "error", "warc"),
        Hostile("WARC.gz truncated", "truncated.warc.gz", gz(rec1) + truncated(gz(rec2), 0.6), "error", "warc"),
        Hostile("WARC garbage", "garbage.warc", binary(50_000, 8), "error", "warc"),
        Hostile("WARC empty", "empty.warc", b"", "error", "warc"),
        Hostile("WARC garbage between records", "between.warc", rec1 + b"garbage\r\n" * 100 + rec2, "error", "warc"),
        Hostile("WARC lying Content-Length", "length.warc",
                rec1.replace(b"Content-Length: ", b"Content-Length: 9", 1) + rec2, "error", "warc"),
        Hostile("WARC gzip-encoded payload bomb", "payloadbomb.warc",
                warc_record("https://example.org/bomb", bomb, "Content-Encoding: gzip\r\n") + rec2, "error", "warc"),
        Hostile("WARC deeply nested HTML", "nested.warc",
                warc_record("https://example.org/deep", nested_html(100_000)) + rec2, "either", "warc"),
    ]


def feed_payloads(secret_path: Path) -> list[Hostile]:
    atom_xxe = (f'<?xml version="1.0"?>\n{xxe_prolog(secret_path).replace("rss", "feed")}'
                '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
                '<entry><title>Leak &xxe;</title><link href="https://example.org/x"/>'
                '<updated>2024-03-05T10:00:00Z</updated><summary>Putin met Xi in Moscow. &xxe;</summary></entry></feed>')
    return [
        Hostile("RSS billion laughs", "laughs.rss", rss(rss_item("&lol9;", "&lol9; " + good_text(3)),
                                                       BILLION_LAUGHS.replace("lolz", "rss")), "either", "feed"),
        Hostile("RSS quadratic blowup", "quadratic.rss",
                rss(rss_item("t", "&a;" * 20_000), f'<!DOCTYPE rss [<!ENTITY a "{"x" * 20_000}">]>\n'),
                "either", "feed"),
        Hostile("RSS external entity", "xxe.rss", rss(rss_item("Leak &xxe;", "&xxe; " + good_text(3)),
                                                     xxe_prolog(secret_path)), "either", "feed"),
        Hostile("RSS external parameter entity", "xxe_param.rss",
                rss(rss_item("Leak", good_text(3)), xxe_parameter_prolog(secret_path)), "either", "feed"),
        Hostile("Atom external entity", "xxe.atom", atom_xxe.encode(), "either", "feed"),
        Hostile("RSS malformed", "malformed.rss", b"<rss><channel><item><title>" + b"<" * 100_000, "either", "feed"),
        Hostile("RSS empty", "empty.rss", b"", "error", "feed"),
        Hostile("RSS binary", "binary.rss", binary(50_000, 9), "error", "feed"),
        Hostile("RSS deeply nested", "nested.rss",
                rss(rss_item("Deep", "&lt;div&gt;" * 50_000 + good_text(3))), "either", "feed"),
        Hostile("RSS nested elements", "nested_el.rss", rss("<item>" + "<x>" * 50_000 + "</x>" * 50_000 + "</item>"),
                "either", "feed"),
        Hostile("RSS gzip bomb", "bomb.rss.gz", zeros_gzip(25 * SMALL_MAX_BYTES), "error", "feed"),
        Hostile("RSS two thousand items", "many.rss",
                rss("".join(rss_item(f"t{i}", "&lt;p&gt;x&lt;/p&gt;", f"https://example.org/{i}") for i in range(2_000))),
                "either", "feed"),
    ]


@lru_cache(maxsize=None)  # built once per process (seconds: the bombs)
def stdin_payloads() -> list[Hostile]:
    """What `dyad extract -` may be fed (one document each)."""
    return [
        Hostile("stdin empty", "-", b"", "error", "stdin"),
        Hostile("stdin binary", "-", binary(50_000, 10), "error", "stdin"),
        Hostile("stdin UTF-16 without BOM", "-", good_text(0).encode("utf-16-le"), "ok", "stdin"),
        Hostile("stdin gzip bomb", "-", zeros_gzip(25 * SMALL_MAX_BYTES), "error", "stdin"),
        Hostile("stdin truncated gzip", "-", truncated(gzip.compress((good_text(0) * 500).encode(), mtime=0)),
                "error", "stdin"),
        Hostile("stdin only carriage returns", "-", b"\r" * 1_000_000, "either", "stdin"),
        Hostile("stdin over the size limit", "-", b"Putin met Xi. " * (SMALL_MAX_BYTES // 10), "error", "stdin"),
    ]


def all_file_payloads(secret_path: Path) -> list[Hostile]:
    return (list(text_payloads()) + list(jsonl_payloads()) + list(html_payloads()) + list(warc_payloads())
            + feed_payloads(secret_path))


def materialize(root: Path, payloads: list[Hostile]) -> list[tuple[Hostile, Path]]:
    """Write the payloads under `root`, each in a file of its own."""
    root.mkdir(parents=True, exist_ok=True)
    out = []
    for i, h in enumerate(payloads):
        p = root / f"{i:03d}_{h.filename}"
        p.write_bytes(h.data or b"")
        out.append((h, p))
    return out


def make_directory_traps(root: Path) -> list[tuple[str, Path, str]]:
    """Directories a walk must survive: (kind, path, expect). A symbolic link loop, a link
    to an enclosing directory, a broken link, a FIFO, an unreadable file and directory,
    a file that fails to read (/proc/self/mem: EIO even for root), a deep tree."""
    out = []
    loop = root / "loop"
    (loop / "a").mkdir(parents=True)
    (loop / "a" / "article.txt").write_text(good_text(11), encoding="utf-8")
    (loop / "a" / "up").symlink_to(loop, target_is_directory=True)
    (loop / "a" / "self").symlink_to(loop / "a", target_is_directory=True)
    (loop / "x1").symlink_to(loop / "x2")
    (loop / "x2").symlink_to(loop / "x1")
    out.append(("directory with symbolic link loops", loop, "either"))
    broken = root / "broken"
    broken.mkdir()
    (broken / "gone.txt").symlink_to(root / "does-not-exist.txt")
    out.append(("broken symbolic link", broken, "error"))
    fifo = root / "fifo"
    fifo.mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo / "pipe.txt")
        out.append(("FIFO in a directory", fifo, "error"))
    unreadable = root / "unreadable"
    unreadable.mkdir()
    f = unreadable / "secret.txt"
    f.write_text(good_text(12), encoding="utf-8")
    f.chmod(0)
    d = unreadable / "closed"
    d.mkdir()
    (d / "inner.txt").write_text(good_text(13), encoding="utf-8")
    d.chmod(0)
    if os.geteuid() != 0:
        out.append(("unreadable file and directory", unreadable, "error"))
    eio = root / "eio"
    eio.mkdir()
    (eio / "mem.txt").symlink_to("/proc/self/mem")
    out.append(("file that fails to read (EIO)", eio, "error"))
    deep = root / "deep"
    p = deep
    for i in range(200):
        p = p / "d"
    p.mkdir(parents=True)
    (p / "bottom.txt").write_text(good_text(14), encoding="utf-8")
    out.append(("directory 200 levels deep", deep, "ok"))
    return out


def restore_permissions(root: Path) -> None:
    """Give back the permissions `make_directory_traps` took (so that tmp_path can go)."""
    for p in (root / "unreadable" / "closed", root / "unreadable" / "secret.txt"):
        try:
            p.chmod(0o755)
        except OSError:
            pass


__all__ = ["Hostile", "GOOD", "SMALL_MAX_BYTES", "SECRET", "good_text", "text_payloads", "jsonl_payloads",
           "html_payloads", "warc_payloads", "feed_payloads", "stdin_payloads", "all_file_payloads", "materialize",
           "make_directory_traps", "restore_permissions", "zeros_gzip", "combining_bidi", "words_without_punctuation",
           "nested_html", "BILLION_LAUGHS", "binary"]
