import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DYAD_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"shared data not found at {SHARED}")


def seed(n: int) -> Path:
    return sorted(SEEDS.glob(f"{n:03d}_*.txt"))[0]


@pytest.fixture(autouse=True)
def _isolated_user_kb(tmp_path_factory, monkeypatch):
    # tests never read or write the developer's own knowledge base
    monkeypatch.setenv("DYAD_KB_DIR", str(tmp_path_factory.mktemp("userkb")))
