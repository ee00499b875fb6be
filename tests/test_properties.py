"""Property-based tests (hypothesis) over the readers and the cleaning, language, sentence
and date stages (issue 15): on any input they never raise, and what they return holds
together (offsets within the text, ordered, bounded). Derandomized and bounded, so that a
run is repeatable and takes seconds."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from dyad import limits
from dyad.doc import Doc

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(SETTINGS, max_examples=40)

# text of every kind: any code point but surrogates, with the characters that break
# parsers over-represented (controls, NUL, CR, marks, bidi overrides, sentence ends)
NASTY = "\x00\r\n\t\x0b\x0c\x1b\u0085\u2028\u2029\u202e\u202d\u2066\u200f\u0301\u0308\ufeff\ufffd.!?。؟।…"
chars = st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(NASTY),
                  st.sampled_from("Putin met Xi in Moscow on 5 March 2024 Путин встретился 普京 会见"))
texts = st.text(chars, max_size=400)
words = st.lists(st.sampled_from(["Putin", "met", "Xi", "in", "Moscow", "on", "5", "March", "2024", ".", ",", "Mr.",
                                  "A.", "Dr.", "\n", "\n\n", "!", "?", "«", "»", "said", "—", "yesterday", "Monday",
                                  "12/03/2024", "2024-03-05", "Путин", "在", "。", "وقال", "\u0301", "\u202e"]),
                 max_size=120).map(" ".join)
any_text = st.one_of(texts, words)
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufffd\ufeff"),
                    min_size=1, max_size=300)


@pytest.fixture(autouse=True, scope="module")
def _limits():
    limits.reset()
    yield
    limits.reset()


# --- readers ------------------------------------------------------------------------------

@SETTINGS
@given(st.binary(max_size=3000))
def test_decode_bytes_never_raises_but_input_error(data):
    from dyad.readers import InputError, decode_bytes

    try:
        text = decode_bytes(data, "x")
    except InputError as e:
        assert "\n" not in str(e)
    else:
        assert isinstance(text, str) and text.strip()


@SETTINGS
@given(printable)
def test_decode_bytes_round_trips_utf8(text):
    from dyad.readers import decode_bytes

    assume(text.strip())
    assert decode_bytes(text.encode("utf-8"), "x") == text


@SETTINGS
@given(printable)
def test_decode_bytes_round_trips_utf16_with_bom(text):
    from dyad.readers import decode_bytes

    assume(text.strip())
    for enc, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        assert decode_bytes(bom + text.encode(enc), "x") == text


@SETTINGS
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=8, max_size=300))
def test_decode_bytes_reads_ascii_utf16_without_bom(text):
    from dyad.readers import decode_bytes

    assume(text.strip() and sum(c != " " for c in text) >= 4)
    assert decode_bytes(text.encode("utf-16-le"), "x") == text
    assert decode_bytes(text.encode("utf-16-be"), "x") == text


@SETTINGS
@given(st.one_of(st.binary(max_size=2000),
                 st.lists(st.one_of(st.just({"text": "Putin met Xi."}), st.dictionaries(st.text(max_size=5), st.text(max_size=20)),
                                    st.text(max_size=40)), max_size=8)
                 .map(lambda rs: "\n".join(json.dumps(r) if not isinstance(r, str) else r for r in rs).encode())))
def test_stdin_and_jsonl_readers_never_raise(data):
    from dyad.readers import _jsonl_stream, read_stdin

    for docs in (list(read_stdin(io.BytesIO(data))), list(_jsonl_stream(io.BytesIO(data), "x.jsonl"))):
        assert docs or not data.strip()
        for d in docs:
            assert (d.error is None) != (not d.raw) or d.error is not None
            if d.error:
                assert "\n" not in limits.one_line(d.error)
            else:
                assert isinstance(d.raw, str) and d.raw.strip()
                d.raw.encode("utf-8")  # no lone surrogates from JSON escapes


@SETTINGS
@given(st.one_of(st.binary(max_size=2000), texts.map(lambda t: t.encode("utf-8", "replace"))))
def test_compressed_and_truncated_streams_never_raise(data):
    import gzip

    from dyad.readers import read_stdin

    packed = gzip.compress(data, mtime=0)
    for blob in (packed, packed[: len(packed) // 2], packed[:-4]):
        docs = list(read_stdin(io.BytesIO(blob)))
        assert docs
        assert all(d.error or d.raw for d in docs)


@FEW
@given(st.one_of(st.binary(max_size=1500), texts.map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
                 texts.map(lambda t: f'<?xml version="1.0"?><rss><channel><item><title>{t}</title>'
                                     f"<description>{t}</description></item></channel></rss>".encode())))
def test_html_and_feed_readers_never_raise(data):
    from dyad.crawl import doc_from_html, doc_from_item, feed_items

    doc = doc_from_html(data, "x.html")
    assert doc.error or doc.raw
    items, err = feed_items(data, "x.rss")
    for item in items:
        d = doc_from_item(item, "x.rss")
        assert d.error or d.raw


# --- stages -------------------------------------------------------------------------------

@SETTINGS
@given(any_text)
def test_clean_keeps_lines_verbatim(text):
    from dyad.clean import clean

    doc = clean(Doc(input="x", raw=text))
    raw = doc.raw
    assert "\r" not in raw
    raw_lines = set(line.rstrip() for line in raw.split("\n"))
    for line in doc.text.split("\n"):
        if line:
            assert line in raw_lines or any(line in r for r in raw_lines)
    for s in doc.removed:
        assert 0 <= s.start <= s.end <= len(raw)


@SETTINGS
@given(any_text)
def test_language_id_never_raises(text):
    from dyad import resources
    from dyad.langid import detect, dominant_script

    lang = detect(text)
    assert lang is None or lang in resources.languages() or (isinstance(lang, str) and 2 <= len(lang) <= 3)
    dominant_script(text)


@SETTINGS
@given(any_text)
def test_sentence_spans_are_ordered_bounded_and_cover_the_text(text):
    from dyad.sentences import MAX_SENTENCE, split

    spans = split(text)
    prev = 0
    for s in spans:
        assert prev <= s.start < s.end <= len(text)
        assert s.end - s.start <= MAX_SENTENCE
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        prev = s.end
    covered = bytearray(len(text))
    for s in spans:
        covered[s.start:s.end] = b"\x01" * (s.end - s.start)
    assert all(covered[i] or c.isspace() for i, c in enumerate(text))


@SETTINGS
@given(st.text(st.sampled_from("ab .,;\u0301\n"), max_size=4000), st.integers(min_value=20, max_value=300))
def test_long_sentences_are_cut_within_the_limit(text, limit):
    from dyad.sentences import split

    for s in split(text, max_len=limit):
        assert s.end - s.start <= limit


dates_st = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat)


EDGE = "Putin met Xi on 31 December, on 1 January, on Monday, tomorrow and yesterday."


@SETTINGS
@given(any_text, st.one_of(st.none(), dates_st, st.text(max_size=12)), st.booleans())
@example(EDGE, "9999-12-31", False)
@example(EDGE, "9999-12-31", True)
@example(EDGE, "0001-01-01", False)
@example(EDGE, "0001-01-01", True)
def test_dates_never_raise_and_resolve_to_valid_days(text, published, future):
    from dyad import dates
    from dyad.normalize import normalize

    ntext, _ = normalize(text)
    for lang in (("en",), ("ru", "en"), ("zh", "en"), ("ar", "en")):
        for d in dates.find_dates(ntext, lang):
            assert 0 <= d.start < d.end <= len(ntext)
            iso = dates.resolve(d, published, future)
            if iso is not None:
                assert dt.date.fromisoformat(iso).isoformat() == iso


@SETTINGS
@given(any_text, st.one_of(st.none(), dates_st))
def test_the_first_stages_never_raise(text, published):
    from dyad.pipeline import get_stages

    doc = Doc(input="x", raw=text)
    if published:
        doc.meta["given_published"] = published
    for name, fn in get_stages(["clean", "language", "metadata", "sentences", "dates"]):
        doc = fn(doc)
    for s in doc.dates:
        assert 0 <= s.start < s.end <= len(doc.text)


@FEW
@given(any_text, st.one_of(st.none(), dates_st, st.text(max_size=12)))
@example(EDGE, "0001-01-01")
@example(EDGE, "9999-12-31")
def test_the_whole_pipeline_codes_any_text_without_a_stage_failing(text, published):
    from dyad.pipeline import extract

    assume(text.strip())
    doc = extract(text, profile="fast", published=published)
    assert doc.error is None or "stopped in the" in doc.error, doc.error
    for e in doc.events:
        assert 0 <= e.evidence.start <= e.evidence.end <= len(doc.text)
        if e.date:
            dt.date.fromisoformat(e.date)
