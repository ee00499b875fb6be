"""Limits on input: how many bytes a document may have, how long it may take.

dyad reads text that strangers wrote and crawlers fetched; one hostile document must
never hang or exhaust a batch. Three limits are enforced by the readers and the pipeline
themselves, not left to each stage being fast:

- `max_bytes` (default 20 MB; `DYAD_MAX_BYTES`, `dyad --max-bytes`): a file, a JSONL line, a
  WARC record or a feed larger than this (after decompression) is not read: the document
  ends with an error and the batch goes on. A compressed file stops being decompressed
  at this size.
- `max_text` (default 200,000 characters; `DYAD_MAX_TEXT`): a document is coded on its
  first `max_text` characters, cut at a paragraph or a space; the cut is noted in
  `doc.meta["notes"]`. Sentences longer than `sentences.MAX_SENTENCE` characters are cut
  into pieces of at most that length, so that no stage sees an unbounded sentence.
- `timeout` (default 10 s; `DYAD_DOC_TIMEOUT`, `dyad --doc-timeout`): reading one document and
  running its stages may take this long in all; past it the document ends with an error
  and the batch goes on. 0 turns the limit off.

The deadline is enforced by an exception raised asynchronously in the thread that runs
the document: by `signal.setitimer` in the main thread, and by a watchdog thread
(`PyThreadState_SetAsyncExc`) elsewhere, e.g. in Dask workers. Both interrupt Python
code between two bytecodes; code running inside one C call (a regular expression, the
HTML parser) is interrupted when it returns, which the size limits keep short.
"""
from __future__ import annotations

import ctypes
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_TEXT = 200_000
DEFAULT_TIMEOUT = 10.0

_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9,
          "kib": 2**10, "mib": 2**20, "gib": 2**30}


def parse_size(value: str | int | float) -> int:
    """A byte count: 20000000, "20MB", "500k", "1.5 GiB" (0 turns the limit off)."""
    if isinstance(value, (int, float)):
        n = int(value)
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        if not m or m.group(2).lower() not in _UNITS:
            raise ValueError(f"not a size: {value!r} (write e.g. 20000000, 20MB, 500k)")
        n = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if n < 0:
        raise ValueError(f"a size cannot be negative: {value!r}")
    return n


def parse_seconds(value: str | int | float) -> float:
    try:
        s = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"not a number of seconds: {value!r}") from None
    if s < 0 or s != s:
        raise ValueError(f"a time limit cannot be negative: {value!r}")
    return s


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_text: int = DEFAULT_MAX_TEXT
    timeout: float = DEFAULT_TIMEOUT

    def describe_bytes(self) -> str:
        return human_bytes(self.max_bytes)


def human_bytes(n: int) -> str:
    if n >= 10**9:
        return f"{n / 10**9:g} GB"
    if n >= 10**6:
        return f"{n / 10**6:g} MB"
    if n >= 10**3:
        return f"{n / 10**3:g} kB"
    return f"{n} bytes"


_override: Limits | None = None


def current() -> Limits:
    """The limits in force: those set by `configure`, else the environment, else defaults."""
    if _override is not None:
        return _override
    env = os.environ
    try:
        max_bytes = parse_size(env["DYAD_MAX_BYTES"]) if env.get("DYAD_MAX_BYTES") else DEFAULT_MAX_BYTES
    except ValueError:
        max_bytes = DEFAULT_MAX_BYTES
    try:
        max_text = parse_size(env["DYAD_MAX_TEXT"]) if env.get("DYAD_MAX_TEXT") else DEFAULT_MAX_TEXT
    except ValueError:
        max_text = DEFAULT_MAX_TEXT
    try:
        timeout = parse_seconds(env["DYAD_DOC_TIMEOUT"]) if env.get("DYAD_DOC_TIMEOUT") else DEFAULT_TIMEOUT
    except ValueError:
        timeout = DEFAULT_TIMEOUT
    return Limits(max_bytes, max_text, timeout)


def configure(max_bytes=None, max_text=None, timeout=None) -> Limits:
    """Set limits for this process and for the worker processes it starts (through the
    environment, which Dask's LocalCluster workers inherit)."""
    global _override
    cur = current()
    new = Limits(parse_size(max_bytes) if max_bytes is not None else cur.max_bytes,
                 parse_size(max_text) if max_text is not None else cur.max_text,
                 parse_seconds(timeout) if timeout is not None else cur.timeout)
    os.environ["DYAD_MAX_BYTES"] = str(new.max_bytes)
    os.environ["DYAD_MAX_TEXT"] = str(new.max_text)
    os.environ["DYAD_DOC_TIMEOUT"] = str(new.timeout)
    _override = new
    return new


def reset() -> None:
    """Forget `configure` (tests): the environment decides again."""
    global _override
    _override = None


@contextmanager
def using(**kw):
    """Limits changed for the duration of a block (tests and the Python API)."""
    global _override
    saved_override, saved_env = _override, {k: os.environ.get(k) for k in
                                            ("DYAD_MAX_BYTES", "DYAD_MAX_TEXT", "DYAD_DOC_TIMEOUT")}
    try:
        yield configure(**kw)
    finally:
        _override = saved_override
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# --- one-line errors ------------------------------------------------------------------

_CONTROL = {c: " " for c in list(range(0, 32)) + [0x7F] + list(range(0x80, 0xA0)) + [0x2028, 0x2029, 0x85]}


def one_line(msg: str, limit: int = 500) -> str:
    """An error message on one line, printable and of bounded length."""
    msg = str(msg).translate(_CONTROL)
    msg = msg.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from file names
    msg = re.sub(r" {2,}", " ", msg).strip()
    return msg if len(msg) <= limit else msg[:limit - 1] + "…"


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_str(s: str) -> str:
    """A string that can be written as UTF-8: lone surrogates (JSON escapes such as
    "\\ud800", undecodable file names) become U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", s)


# --- the deadline -----------------------------------------------------------------------

class DocTimeout(BaseException):
    """Raised in the thread running a document whose time is up. A BaseException, so that
    a stage's `except Exception` does not swallow it and go on."""


_local = threading.local()


def remaining() -> float | None:
    """Seconds left under the active deadline of this thread (None: no deadline)."""
    end = getattr(_local, "end", None)
    return None if end is None else end - time.monotonic()


@contextmanager
def deadline(seconds: float | None):
    """Raise `DocTimeout` in this thread when the block runs longer than `seconds`.

    Nested use is allowed: an inner deadline never extends an outer one (the block runs
    under the earlier of the two; the outer one alone is armed)."""
    if not seconds or seconds <= 0 or getattr(_local, "end", None) is not None:
        yield
        return
    _local.end = time.monotonic() + seconds
    try:
        if _can_signal():
            with _signal_deadline(seconds):
                yield
        else:
            with _watchdog_deadline(seconds):
                yield
    finally:
        _local.end = None


def _can_signal() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        handler = signal.getsignal(signal.SIGALRM)
        # someone else's alarm (pytest-timeout, the embedding program) is left alone
        return handler in (signal.SIG_DFL, signal.SIG_IGN, None) and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    except (ValueError, OSError):
        return False


class _Armed:
    armed = False


_main = _Armed()


def _on_alarm(signum, frame):
    if _main.armed:
        _main.armed = False
        raise DocTimeout()


@contextmanager
def _signal_deadline(seconds: float):
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _main.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        # the flag first: an alarm that arrives from here on is ignored
        _main.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Slot:
    __slots__ = ("tid", "end", "done", "fired")

    def __init__(self, tid: int, end: float):
        self.tid, self.end, self.done, self.fired = tid, end, False, False


_cond = threading.Condition(threading.Lock())
_slots: set[_Slot] = set()
_watcher: threading.Thread | None = None
# int PyThreadState_SetAsyncExc(unsigned long id, PyObject *exc): exc NULL cancels
_set_async = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_clear_async = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))


def _watch() -> None:
    with _cond:
        while True:
            now = time.monotonic()
            soonest = None
            for s in list(_slots):
                if s.done:
                    _slots.discard(s)
                elif now >= s.end:
                    # under the lock, and only while the slot is not done: the thread
                    # that owns it waits for this lock before it moves on
                    s.fired = True
                    _slots.discard(s)
                    _set_async(s.tid, DocTimeout)
                else:
                    soonest = s.end if soonest is None else min(soonest, s.end)
            _cond.wait(None if soonest is None else max(0.0, soonest - now))


@contextmanager
def _watchdog_deadline(seconds: float):
    global _watcher
    slot = _Slot(threading.get_ident(), time.monotonic() + seconds)
    with _cond:
        if _watcher is None or not _watcher.is_alive():
            _watcher = threading.Thread(target=_watch, name="dyad-deadline", daemon=True)
            _watcher.start()
        _slots.add(slot)
        _cond.notify()
    try:
        yield
    finally:
        slot.done = True
        with _cond:  # waits for a firing in progress to finish
            _slots.discard(slot)
            if slot.fired:
                # not delivered yet (the block ended just then): cancel it
                _clear_async(slot.tid, None)


__all__ = ["Limits", "DocTimeout", "current", "configure", "using", "reset", "deadline", "remaining",
           "one_line", "safe_str", "parse_size", "parse_seconds", "human_bytes"]
