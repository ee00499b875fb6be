import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the seeds and the shared dev set live in the repository (tests/data/shared, see its
# README); DYAD_SHARED points the tests at another copy
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT / "tests" / "data" / "shared"))
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared data not found at {SHARED} (it ships in "
                                  "tests/data/shared: restore it with git checkout)")


def seed(n: int) -> Path:
    return sorted(SEEDS.glob(f"{n:03d}_*.txt"))[0]


@pytest.fixture(autouse=True)
def _isolated_user_kb(tmp_path_factory, monkeypatch):
    # tests never read or write the developer's own knowledge base
    monkeypatch.setenv("DYAD_KB_DIR", str(tmp_path_factory.mktemp("userkb")))


INJECTED = ("Xi Jinping held a phone call with Vladimir Putin on Tuesday. "
            "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\">")


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory):
    """A database ingested from the seeds, the dev articles and one hostile article."""
    from dyad.ingest import ingest
    from dyad.store import connect

    if not SEEDS.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    d = tmp_path_factory.mktemp("db")
    hostile = d / "hostile.txt"
    hostile.write_text(" date 2026-03-03 Hostile <b>headline</b>\n" + INJECTED + "\n", encoding="utf-8")
    path = d / "dyad.db"
    db = connect(path)
    ingest([str(SEEDS), str(DEV / "articles"), str(hostile)], db)
    db.close()
    return path
