import glob
import os
import shutil
import socket
import subprocess
import tempfile
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


PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server on 127.0.0.1 for the whole run; yields a function that
    makes a new, empty database and answers its URL."""
    if not PG_BINS:
        pytest.skip("PostgreSQL server binaries not found: apt-get install postgresql")
    import psycopg

    bin_dir = PG_BINS[-1]
    # not under pytest's tmp dir: that is private to root, and the server runs as postgres
    base = Path(tempfile.mkdtemp(prefix="dyad-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    pre = []
    if os.geteuid() == 0:  # postgres refuses to run as root: run it as the postgres user
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        pre = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    r = subprocess.run(pre + [f"{bin_dir}/initdb", "-D", str(data), "-A", "trust", "-U", "dyad", "-E", "UTF8"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.fail(f"initdb failed: {r.stderr[-500:]}")
    r = subprocess.run(pre + [f"{bin_dir}/pg_ctl", "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                              f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                              "-c max_connections=200", "start"], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.fail(f"PostgreSQL did not start: {r.stderr[-500:]} {(base / 'log').read_text()[-500:]}")
    root = f"postgresql://dyad@127.0.0.1:{port}"

    def new_db(name: str) -> str:
        with psycopg.connect(f"{root}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        return f"{root}/{name}"

    yield new_db
    subprocess.run(pre + [f"{bin_dir}/pg_ctl", "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)
