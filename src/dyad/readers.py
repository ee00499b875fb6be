"""Readers: turn paths (files, directories, JSONL, stdin) into `Doc`s.

A reader never raises for one bad input: it yields a `Doc` whose `error` names the
problem, so a batch goes on and the failure is recorded. HTML, WARC and feeds are read
by `dyad.crawl` and dispatched from here by file name.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .doc import Doc

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


class InputError(Exception):
    pass


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes: UTF-8 first, else charset-normalizer's best guess."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: binary or undecodable file (no text encoding fits)")
    text = str(best)
    bad = sum(1 for c in text[:4000] if (ord(c) < 32 and c not in "\r\n\t") or c == "\ufffd")
    if bad > max(5, len(text[:4000]) // 50):
        raise InputError(f"{name}: binary file (decodes as {best.encoding} to control characters)")
    return text


def read_bytes(path: Path, label: str) -> bytes | Doc:
    """The file's bytes, or an error Doc naming it (unreadable, or empty)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
    if not data.strip():
        return Doc(input=label, error=f"{label}: empty file")
    return data


def read_text_file(path: Path, label: str) -> Doc:
    data = read_bytes(path, label)
    if isinstance(data, Doc):
        return data
    try:
        raw = decode_bytes(data, label)
    except InputError as e:
        return Doc(input=label, error=str(e))
    return Doc(input=label, raw=raw)


def docs_from_jsonl_lines(lines: Iterable[str], label: str) -> Iterator[Doc]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        name = f"{label}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Doc(input=name, error=f"{name}: invalid JSON: {e.msg}")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            yield Doc(input=name, error=f"{name}: JSONL record has no 'text'")
            continue
        doc = Doc(input=rec.get("url") or name, raw=rec["text"])
        doc.meta["given_title"] = rec.get("title")
        doc.url = rec.get("url")
        doc.meta["given_published"] = rec.get("published")
        doc.meta["given_language"] = rec.get("language")
        doc.meta["line"] = name
        yield doc


def read_jsonl_file(path: Path, label: str) -> Iterator[Doc]:
    try:
        data = path.read_bytes()
        text = decode_bytes(data, label)
    except OSError as e:
        yield Doc(input=label, error=f"{label}: cannot read file: {e.strerror or e}")
        return
    except InputError as e:
        yield Doc(input=label, error=str(e))
        return
    yield from docs_from_jsonl_lines(text.splitlines(), label)


def _read_file(path: Path, label: str, filters=None, stats=None) -> Iterator[Doc]:
    name = path.name.lower()
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, label)
    elif name.endswith(WARC_SUFFIXES) or suffix in HTML_SUFFIXES or suffix in FEED_SUFFIXES:
        try:
            from . import crawl
        except ImportError as e:  # the crawl readers are optional at this stage
            yield Doc(input=label, error=f"{label}: HTML, WARC and feed input is not available: {e}")
            return
        yield from crawl.read_crawl_file(path, label, filters, stats)
    else:
        yield read_text_file(path, label)


def iter_paths(paths: Iterable[str], filters=None, stats=None) -> Iterator[Doc]:
    """Yield one Doc per article found in `paths` (files, directories, `-` for stdin).

    `filters` (a `dyad.crawl.CrawlFilter`) and `stats` (a `dyad.crawl.CrawlStats`) apply
    to crawl inputs: HTML pages, WARC records and feed items."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            try:
                text = decode_bytes(data, "<stdin>")
            except InputError as e:
                yield Doc(input="-", error=str(e))
                continue
            stripped = text.lstrip()
            if stripped.startswith("{") and all(
                    ln.strip().startswith("{") for ln in text.splitlines() if ln.strip()):
                yield from docs_from_jsonl_lines(text.splitlines(), "-")
            else:
                yield Doc(input="-", raw=text)
            continue
        for f, label in expand_path(p):
            if f is None:
                yield Doc(input=p, error=f"{p}: no such file or directory")
            else:
                yield from _read_file(f, label, filters, stats)


def expand_path(p: str) -> list[tuple[Path | None, str]]:
    """The files under one input path, in the order they are read, with their labels
    (a directory recursively and sorted, hidden files left out); (None, p) if missing."""
    path = Path(p)
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(path).parts))
        return [(f, str(Path(p) / f.relative_to(path))) for f in files]
    if path.exists():
        return [(path, p)]
    return [(None, p)]
