"""Readers: turn paths (files, directories, JSONL, stdin) into `Doc`s.

A reader never raises for one bad input: it yields a `Doc` whose `error` names the
problem, so a batch goes on and the failure is recorded. HTML, WARC and feeds are read
by `dyad.crawl` and dispatched from here by file name.

Hostile input is bounded here (see `dyad.limits`): a file, a JSONL line or stdin larger
than `max_bytes` is not read (a compressed one stops being decompressed there); reading
one document runs under the per-document time limit; gzip, bzip2 and xz files are read
through (a truncated one ends with an error); UTF-16 is read with or without its byte
order mark; a UTF-8 text with stray bytes of a legacy encoding keeps its UTF-8 and reads
the stray bytes as Windows-1252; a directory walk follows symbolic links but never into a
loop, reports unreadable directories and files, and opens no FIFO or device.
"""
from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import limits
from .doc import Doc

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
COMPRESSED_SUFFIXES = {".gz": "gzip", ".gzip": "gzip", ".bz2": "bzip2", ".xz": "xz", ".lzma": "xz"}
MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"))
SNIFF = 4096


class InputError(Exception):
    pass


# --- decoding ---------------------------------------------------------------------------

def _cp1252_fallback(err: UnicodeDecodeError):
    """Decode the bytes UTF-8 rejects as Windows-1252 (Latin-1 where it has a hole): a
    UTF-8 file with a pasted legacy passage ("CafÃ©" never, "Café" always)."""
    bad = err.object[err.start:err.end]
    return bad.decode("cp1252", "ignore") if len(bad.decode("cp1252", "ignore")) == len(bad) \
        else bad.decode("latin-1"), err.end


codecs.register_error("dyad-cp1252", _cp1252_fallback)


def sniff_utf16(head: bytes) -> str | None:
    """UTF-16 or UTF-32 named by a byte order mark, or UTF-16 without one (ASCII-range
    text has a NUL in every other byte)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:SNIFF - SNIFF % 4]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    ze, zo = even.count(0), odd.count(0)
    if zo > 0.3 * len(odd) and ze < 0.02 * len(even) + 1:
        return "utf-16-le"
    if ze > 0.3 * len(even) and zo < 0.02 * len(odd) + 1:
        return "utf-16-be"
    return None


def _mostly_text(text: str, name: str, encoding: str) -> str:
    head = text[:4000]
    bad = sum(1 for c in head if (ord(c) < 32 and c not in "\r\n\t\f\v") or c == "\ufffd")
    if bad > max(5, len(head) // 50):
        raise InputError(f"{name}: binary file (decodes as {encoding} to control characters)")
    return text


_MULTIBYTE = re.compile("[\u0080-\ufffc\ufffe-\U0010ffff]")


def _has_utf8_sequences(data: bytes) -> bool:
    """Valid multi-byte UTF-8 characters among the invalid bytes: UTF-8 text with stray
    bytes, not text in a legacy encoding."""
    return _MULTIBYTE.search(data.decode("utf-8", "replace")) is not None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: a byte order mark's encoding, UTF-8 (with Windows-1252 for
    stray bytes), else charset-normalizer's best guess. InputError for binary data."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    wide = sniff_utf16(data[:SNIFF])
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid {wide.upper()} at byte {e.start}") from None
        text = text.lstrip("\ufeff")
        if not text.strip():
            raise InputError(f"{name}: empty file")
        return _mostly_text(text, name, wide.upper())
    if b"\x00" in data[:SNIFF]:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return _mostly_text(data.decode("utf-8-sig"), name, "UTF-8")
    except UnicodeDecodeError:
        pass
    if _has_utf8_sequences(data):
        # real UTF-8 sequences and a few stray bytes: a mixed file, not another encoding
        return _mostly_text(data.decode("utf-8", "dyad-cp1252").lstrip("\ufeff"), name, "UTF-8")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: binary or undecodable file (no text encoding fits)")
    return _mostly_text(str(best), name, best.encoding)


# --- bounded reading ----------------------------------------------------------------------

def _too_big(label: str, what: str = "file") -> str:
    lim = limits.current()
    return (f"{label}: {what} larger than the {lim.describe_bytes()} limit; not read "
            f"(raise it with dyad --max-bytes or DYAD_MAX_BYTES)")


def _compression(path: Path, head: bytes) -> str | None:
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _decompressor(kind: str, raw) -> io.BufferedIOBase:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "bzip2":
        return bz2.BZ2File(raw, mode="rb")
    return lzma.LZMAFile(raw, mode="rb")


DECOMPRESS_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError, ValueError)


def _decompress_error(label: str, kind: str, e: BaseException) -> str:
    if isinstance(e, EOFError):
        return f"{label}: truncated {kind} file ({e}); not read"
    return f"{label}: corrupt {kind} file ({type(e).__name__}: {e}); not read"


def inner_name(path: Path) -> str:
    """The file name without a compression suffix ("a.jsonl.gz" -> "a.jsonl")."""
    name = path.name.lower()
    for suf in COMPRESSED_SUFFIXES:
        if name.endswith(suf) and not name.endswith(".warc.gz"):
            return name[: -len(suf)]
    return name


def read_bytes(path: Path, label: str, what: str = "file") -> bytes | Doc:
    """The file's bytes (decompressed), at most `max_bytes` of them, or an error Doc
    naming it (unreadable, empty, too large, truncated or corrupt compressed data)."""
    max_bytes = limits.current().max_bytes or None
    try:
        with path.open("rb") as raw:
            head = raw.read(8)
            kind = _compression(path, head)
            if kind is None:
                if max_bytes:
                    try:
                        st = os.fstat(raw.fileno())
                        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
                            return Doc(input=label, error=_too_big(label, what))
                    except (OSError, AttributeError, io.UnsupportedOperation):
                        pass
                data = head + (raw.read(max_bytes + 1 - len(head)) if max_bytes else raw.read())
            else:
                data = _read_compressed(raw, head, kind, max_bytes)
    except _Failure as f:
        return Doc(input=label, error=f.message(label, what))
    except OSError as e:
        return Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
    if max_bytes and len(data) > max_bytes:
        return Doc(input=label, error=_too_big(label, what + (" (decompressed)" if kind else "")))
    if not data.strip():
        return Doc(input=label, error=f"{label}: empty file")
    return data


class _Failure(Exception):
    def __init__(self, kind: str, err: BaseException):
        self.kind, self.err = kind, err

    def message(self, label: str, what: str) -> str:
        return _decompress_error(label, self.kind, self.err)


class _Prefixed(io.RawIOBase):
    """A file object whose first bytes were read already (the compression sniff)."""

    def __init__(self, head: bytes, rest, own: bool = True):
        self.head, self.rest, self.own = head, rest, own

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed and self.own and hasattr(self.rest, "close"):
            self.rest.close()
        super().close()

    def readinto(self, b) -> int:
        n = 0
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            if n == len(b):
                return n
        # the rest of the buffer from the stream: a `peek` right after the sniff sees a
        # full block, not just the sniffed bytes (the encoding is judged on that block)
        chunk = self.rest.read(len(b) - n)
        b[n:n + len(chunk)] = chunk
        return n + len(chunk)


def _read_compressed(raw, head: bytes, kind: str, max_bytes: int | None) -> bytes:
    f = _decompressor(kind, io.BufferedReader(_Prefixed(head, raw)))
    try:
        return f.read(max_bytes + 1) if max_bytes else f.read()
    except DECOMPRESS_ERRORS as e:
        raise _Failure(kind, e) from None


def open_stream(path: Path) -> tuple[io.BufferedIOBase, str | None]:
    """A binary stream of the file's content, decompressed when it is compressed."""
    raw = path.open("rb")
    try:
        head = raw.read(8)
    except OSError:
        raw.close()
        raise
    kind = _compression(path, head)
    src = io.BufferedReader(_Prefixed(head, raw), 1 << 16)
    return (io.BufferedReader(_decompressor(kind, src), 1 << 16) if kind else src), kind


def read_text_file(path: Path, label: str) -> Doc:
    data = read_bytes(path, label)
    if isinstance(data, Doc):
        return data
    try:
        raw = decode_bytes(data, label)
    except InputError as e:
        return Doc(input=label, error=str(e))
    return Doc(input=label, raw=raw)


# --- JSONL ------------------------------------------------------------------------------

class _LongLine:
    pass


LONG_LINE = _LongLine()


def bounded_lines(stream, max_bytes: int | None) -> Iterator[bytes | _LongLine]:
    """Lines of a binary stream, each at most `max_bytes` long (a longer one is skipped
    without being held in memory and yields LONG_LINE)."""
    while True:
        line = stream.readline(max_bytes + 1) if max_bytes else stream.readline()
        if not line:
            return
        if max_bytes and len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the line, a block at a time
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield LONG_LINE
            continue
        yield line


def _clean_str(v):
    return limits.safe_str(v) if isinstance(v, str) else v


def _doc_from_record(line: str, name: str) -> Doc:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        return Doc(input=name, error=f"{name}: invalid JSON: {e.msg}")
    except RecursionError:
        return Doc(input=name, error=f"{name}: invalid JSON: nested too deeply")
    except ValueError as e:  # a number of more than 4300 digits
        return Doc(input=name, error=f"{name}: invalid JSON: {e}")
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        return Doc(input=name, error=f"{name}: JSONL record has no 'text'")
    url = _clean_str(rec.get("url")) if isinstance(rec.get("url"), str) else None
    doc = Doc(input=url or name, raw=_clean_str(rec["text"]))
    doc.meta["given_title"] = _clean_str(rec.get("title")) if isinstance(rec.get("title"), str) else None
    doc.url = url
    doc.meta["given_published"] = _clean_str(rec.get("published")) if isinstance(rec.get("published"), str) else None
    doc.meta["given_language"] = _clean_str(rec.get("language")) if isinstance(rec.get("language"), str) else None
    doc.meta["line"] = name
    return doc


def docs_from_jsonl_lines(lines: Iterable[str], label: str) -> Iterator[Doc]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        yield _doc_from_record(line, f"{label}:{n}")


def _line_decoder(head: bytes, label: str) -> str:
    """How the lines of a JSONL stream are decoded, judged on its first block: UTF-16 or
    32, UTF-8 (stray bytes read as Windows-1252), or the legacy encoding it is in."""
    wide = sniff_utf16(head)
    if wide:
        return wide
    if b"\x00" in head:
        raise InputError(f"{label}: binary file (contains NUL bytes), not text")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3 or _has_utf8_sequences(head):
            return "utf-8"  # a character cut at the end of the block, or a mixed file
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise InputError(f"{label}: binary or undecodable file (no text encoding fits)")
    try:
        codecs.lookup(best.encoding)
    except LookupError:
        return "utf-8"
    return best.encoding


def _jsonl_stream(stream, label: str) -> Iterator[Doc]:
    max_bytes = limits.current().max_bytes or None
    buf = io.BufferedReader(stream, 1 << 16) if not hasattr(stream, "peek") else stream
    head = buf.peek(SNIFF)[:SNIFF]
    if not head.strip():
        yield Doc(input=label, error=f"{label}: empty file")
        return
    try:
        encoding = _line_decoder(head, label)
    except InputError as e:
        yield Doc(input=label, error=str(e))
        return
    if encoding.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        # UTF-16/32 JSONL: a text stream split on "\n" only, each line bounded in characters
        text = io.TextIOWrapper(buf, encoding=encoding, errors="replace", newline="\n")
        lines = _text_lines(text, max_bytes)
    else:
        lines = bounded_lines(buf, max_bytes)
    n = 0
    blank = 0  # bytes (characters) of blank lines since the last record
    try:
        for n, line in enumerate(lines, 1):
            name = f"{label}:{n}"
            if line is LONG_LINE:
                blank = 0
                yield Doc(input=name, error=_too_big(name, "line"))
                continue
            if isinstance(line, bytes):
                if encoding == "utf-8":
                    line = line.decode("utf-8-sig" if n == 1 else "utf-8", "dyad-cp1252")
                else:
                    line = line.decode(encoding, "replace")
            if not line.strip():
                # a stretch of blank lines longer than a document may be (a compressed
                # file of newlines that expands to gigabytes) ends the file
                blank += len(line)
                if max_bytes and blank > max_bytes:
                    yield Doc(input=name, error=f"{name}: more than {limits.current().describe_bytes()} of blank "
                                                f"lines (the size limit of a document); the rest of the file is not read")
                    return
                continue
            blank = 0
            yield _doc_from_record(line, name)
    except DECOMPRESS_ERRORS as e:
        kind = "compressed"
        yield Doc(input=f"{label}:{n + 1}", error=_decompress_error(f"{label}:{n + 1}", kind, e)
                  .replace("; not read", "; the rest of the file is not read"))


def _text_lines(text: io.TextIOWrapper, max_chars: int | None) -> Iterator[str | _LongLine]:
    while True:
        line = text.readline(max_chars + 1) if max_chars else text.readline()
        if not line:
            return
        if max_chars and len(line) > max_chars and not line.endswith("\n"):
            while True:
                rest = text.readline(1 << 20)
                if not rest or rest.endswith("\n"):
                    break
            yield LONG_LINE
            continue
        yield line


def read_jsonl_file(path: Path, label: str) -> Iterator[Doc]:
    try:
        stream, kind = open_stream(path)
    except OSError as e:
        yield Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
        return
    try:
        yield from _jsonl_stream(stream, label)
    except OSError as e:
        yield Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
    finally:
        stream.close()


# --- files, directories and stdin -----------------------------------------------------------

def _special(mode: int) -> str | None:
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return what
    return None


def _directory_error(path: Path, label: str) -> Doc:
    try:
        target, parent = path.resolve(), path.parent.resolve()
        if path.is_symlink() and (target == parent or target in parent.parents):
            return Doc(input=label, error=f"{label}: symbolic link to an enclosing directory (a loop); not followed")
        with os.scandir(path):
            pass
    except OSError as e:
        return Doc(input=label, error=f"{label}: cannot read directory: {e.strerror or e}")
    except RuntimeError as e:  # a symlink loop while resolving
        return Doc(input=label, error=f"{label}: cannot read directory: {e}")
    return Doc(input=label, error=f"{label}: is a directory")


def _read_file(path: Path, label: str, filters=None, stats=None, explicit: bool = False) -> Iterator[Doc]:
    """The documents of one file, each read under the time limit; a reader that fails
    or runs out of time ends this file with an error and the batch goes on."""
    label = limits.safe_str(label)
    try:
        st = path.stat()
    except OSError as e:
        yield Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
        return
    if stat.S_ISDIR(st.st_mode):
        yield _directory_error(path, label)
        return
    special = _special(st.st_mode)
    if special and not explicit:
        yield Doc(input=label, error=f"{label}: {special}, not a regular file; not read")
        return
    yield from bounded(_dispatch(path, label, filters, stats), label)


def _dispatch(path: Path, label: str, filters, stats) -> Iterator[Doc]:
    name = inner_name(path)
    suffix = Path(name).suffix
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, label)
    elif name.endswith(WARC_SUFFIXES) or path.name.lower().endswith(WARC_SUFFIXES) \
            or suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES:
        try:
            from . import crawl
        except ImportError as e:  # the crawl readers are optional at this stage
            yield Doc(input=label, error=f"{label}: HTML, WARC and feed input is not available: {e}")
            return
        yield from crawl.read_crawl_file(path, label, filters, stats)
    else:
        yield read_text_file(path, label)


def bounded(docs: Iterator[Doc], label: str) -> Iterator[Doc]:
    """Yield the documents of one reader, each produced under the per-document time
    limit. A reader that raises or runs out of time ends with an error Doc (the rest of
    its input is lost); the time spent reading a document counts against its limit."""
    timeout = limits.current().timeout
    while True:
        start = time.monotonic()
        try:
            with limits.deadline(timeout):
                doc = next(docs)
        except StopIteration:
            return
        except limits.DocTimeout:
            yield Doc(input=label, error=f"{label}: reading stopped after {timeout:g} s, the time limit per document "
                                         f"(raise it with dyad --doc-timeout or DYAD_DOC_TIMEOUT); the rest of the file is not read")
            return
        except Exception as e:
            yield Doc(input=label, error=f"{label}: cannot read: {type(e).__name__}: {e}")
            return
        if doc.error is None:
            doc.meta["read_seconds"] = doc.meta.get("read_seconds", 0.0) + time.monotonic() - start
        yield doc


def read_stdin(stream=None) -> Iterator[Doc]:
    """Standard input: one text, or JSONL when every line is a JSON object. Read up to
    `max_bytes` (JSONL goes on line by line past it)."""
    stream = stream if stream is not None else sys.stdin.buffer
    max_bytes = limits.current().max_bytes or None
    try:
        data = stream.read(max_bytes + 1) if max_bytes else stream.read()
    except OSError as e:
        yield Doc(input="-", error=f"-: cannot read standard input: {e.strerror or e}")
        return
    kind = _compression(Path("-"), data[:8])
    if kind:
        yield from bounded(_jsonl_or_text(_decompressor(kind, io.BufferedReader(_Prefixed(data, stream, own=False))),
                                          max_bytes, compressed=kind), "-")
        return
    yield from bounded(_jsonl_or_text(io.BufferedReader(_Prefixed(data, stream, own=False)), max_bytes), "-")


def _jsonl_or_text(stream, max_bytes: int | None, compressed: str | None = None) -> Iterator[Doc]:
    buf = io.BufferedReader(stream, 1 << 16) if not hasattr(stream, "peek") else stream
    try:
        data = buf.read(max_bytes + 1) if max_bytes else buf.read()
    except DECOMPRESS_ERRORS as e:
        yield Doc(input="-", error=_decompress_error("-", compressed or "compressed", e))
        return
    over = bool(max_bytes and len(data) > max_bytes)
    first = data.lstrip()[:1]
    if over:
        if first == b"{":  # JSONL larger than the limit: go on line by line
            yield from _jsonl_stream(io.BufferedReader(_Prefixed(data, buf), 1 << 16), "-")
        else:
            yield Doc(input="-", error=_too_big("-", "standard input" + (" (decompressed)" if compressed else "")))
        return
    try:
        text = decode_bytes(data, "<stdin>")
    except InputError as e:
        yield Doc(input="-", error=str(e))
        return
    if text.lstrip().startswith("{") and all(
            ln.strip().startswith("{") for ln in text.split("\n") if ln.strip()):
        yield from docs_from_jsonl_lines(text.split("\n"), "-")
    else:
        yield Doc(input="-", raw=text)


def iter_paths(paths: Iterable[str], filters=None, stats=None) -> Iterator[Doc]:
    """Yield one Doc per article found in `paths` (files, directories, `-` for stdin).

    `filters` (a `dyad.crawl.CrawlFilter`) and `stats` (a `dyad.crawl.CrawlStats`) apply
    to crawl inputs: HTML pages, WARC records and feed items."""
    for p in paths:
        if p == "-":
            yield from read_stdin()
            continue
        for f, label in expand_path(p):
            if f is None:
                yield Doc(input=limits.safe_str(p), error=f"{limits.safe_str(p)}: no such file or directory")
            else:
                yield from _read_file(f, label, filters, stats, explicit=(label == p))


def expand_path(p: str) -> list[tuple[Path | None, str]]:
    """The files under one input path, in the order they are read, with their labels
    (a directory recursively and sorted, hidden files left out); (None, p) if missing.

    Symbolic links to directories are followed unless they lead back to a directory
    being walked (a loop: listed, and reported when read); a directory that cannot be
    read is listed and reported when read; broken links and other unreadable entries are
    listed too, so that every input ends in a document or an error."""
    path = Path(p)
    if path.is_dir():
        found: list[tuple[tuple[str, ...], Path]] = []
        _walk(path, found)
        found.sort(key=lambda t: t[0])
        return [(f, limits.safe_str(str(Path(p, *rel)))) for rel, f in found]
    if path.exists() or path.is_symlink():
        return [(path, p)]
    return [(None, p)]


def _walk(top: Path, out: list) -> None:
    """Depth-first, iteratively (a directory tree of any depth), following symbolic links
    to directories unless they lead back to a directory on the current path."""
    stack: list[tuple[Path, tuple[str, ...], frozenset]] = [(top, (), frozenset())]
    while stack:
        d, rel, ancestors = stack.pop()
        try:
            st = d.stat()
            key = (st.st_dev, st.st_ino)
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if rel:
                out.append((rel, d))  # reported when read: "cannot read directory"
            continue
        if key in ancestors:
            out.append((rel, d))  # a loop, reported when read
            continue
        ancestors = ancestors | {key}
        for e in entries:
            if e.name.startswith("."):
                continue
            child = rel + (e.name,)
            try:
                is_dir = e.is_dir()  # follows a symbolic link
            except OSError:
                is_dir = False
            if is_dir:
                stack.append((Path(e.path), child, ancestors))
            else:
                out.append((child, Path(e.path)))
