"""Readers: every input form, and bad inputs that must not stop a batch."""
import io
import json
import sys
from pathlib import Path

from dyad.pipeline import pipe
from dyad.readers import iter_paths

from conftest import SEEDS, needs_shared

ARABIC = "التقى وزير الخارجية المصري نظيره السعودي في القاهرة اليوم الأحد لبحث العلاقات الثنائية."
RUSSIAN = "Министр иностранных дел России Сергей Лавров провёл переговоры с китайским коллегой Ван И в Пекине."


@needs_shared
def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    docs = list(iter_paths([str(SEEDS)]))
    names = [Path(d.input).name for d in docs]
    assert names == sorted(names) and len(names) == 5
    assert all(d.raw and d.error is None for d in docs)


def test_nested_directory_and_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second article text here.")
    (tmp_path / "a.txt").write_text("First article text here.")
    (tmp_path / ".hidden.txt").write_text("not an article")
    got = [Path(d.input).relative_to(tmp_path).as_posix() for d in iter_paths([str(tmp_path)])]
    assert got == ["a.txt", "b/2.txt"]


def test_windows_1256_arabic_and_1251_russian_decode(tmp_path):
    (tmp_path / "ar.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    docs = {Path(d.input).name: d for d in iter_paths([str(tmp_path)])}
    assert docs["ar.txt"].raw == ARABIC
    assert docs["ru.txt"].raw == RUSSIAN


def test_bad_inputs_get_one_line_errors_and_the_batch_goes_on(tmp_path, monkeypatch):
    (tmp_path / "1_binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "2_empty.txt").write_bytes(b"")
    (tmp_path / "3_locked.txt").write_text("Secret text that cannot be read.")
    (tmp_path / "4_good.txt").write_text("Indian Prime Minister Narendra Modi met US President Donald Trump in Washington.")
    real = Path.open  # chmod cannot lock a file for root, who runs CI: the reader's open is made to fail

    def locked(self, *args, **kwargs):
        if self.name == "3_locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    docs = list(pipe(iter_paths([str(tmp_path), str(tmp_path / "missing.txt")])))
    errors = {Path(d.input).name: d.error for d in docs}
    assert "binary" in errors["1_binary.txt"] and "1_binary.txt" in errors["1_binary.txt"]
    assert "empty" in errors["2_empty.txt"]
    assert "Permission denied" in errors["3_locked.txt"]
    assert errors["4_good.txt"] is None
    assert "no such file" in errors["missing.txt"]
    assert all("\n" not in e for e in errors.values() if e)
    good = next(d for d in docs if d.input.endswith("4_good.txt"))
    assert good.events, "the good document after the bad ones is still coded"


def test_jsonl_records_with_metadata(tmp_path):
    lines = [
        {"text": "Russian President Vladimir Putin held a phone call with Chinese President Xi Jinping on Tuesday.",
         "title": "Putin and Xi talk - Example News", "url": "https://example.org/a", "published": "2026-02-04", "language": "en"},
        {"no_text": True},
        "not json",
    ]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(json.dumps(x) if not isinstance(x, str) else x for x in lines) + "\n")
    docs = list(pipe(iter_paths([str(p)])))
    assert len(docs) == 3
    d = docs[0]
    assert d.input == "https://example.org/a" and d.url == "https://example.org/a"
    assert d.published == "2026-02-04" and d.title == "Putin and Xi talk" and d.outlet == "Example News"
    assert d.events and d.events[0].date == "2026-02-03"
    assert "no 'text'" in docs[1].error and "invalid JSON" in docs[2].error


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Xi Jinping met Vladimir Putin in Moscow.".encode())))
    docs = list(iter_paths(["-"]))
    assert len(docs) == 1 and docs[0].input == "-" and "Putin" in docs[0].raw
