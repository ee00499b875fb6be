"""Load test of `dyad serve` over a large SQLite database while `dyad ingest` writes to it,
optionally side by side with datasette serving the same file.

Usage: python bench/serve_load.py [--db PATH] [--events 100000] [--clients 20 --clients 50]
                                  [--seconds 60] [--max-requests N] [--against-datasette]

1. The database (cached at --db; rebuilt with --rebuild): the bundled articles
   (tests/data/shared/dev/articles, eval/events/articles) are ingested once by `dyad
   ingest` (cached next to it as PATH.base), then their articles, actor mentions, events
   and event mentions are replicated with SQL inserts through `dyad.store` until there
   are --events events: each copy moves the dates back (spread over ten years) and, three
   copies out of four, maps the countries through a seeded permutation (so pairs vary);
   the evidence search index is rebuilt. The schema and its indexes are the migrations'.
2. `dyad serve` (uvicorn, 127.0.0.1 only) serves it while a writer runs `dyad ingest` in
   a loop on new editions of the bundled articles, into the same file.
3. N concurrent clients (HTTP/1.1 keep-alive, one asyncio loop) ask for filtered and
   sorted pages of /api/events (dyad=CHN-RUS, a type, date ranges, a country, ...) and
   follow the `next` cursor to later pages, for --seconds or --max-requests.
4. With --against-datasette the same clients ask datasette (serving the same file, also
   during the ingest) the equivalent filtered, sorted, keyset-paged queries through its
   JSON API (`_nocount=1`, `_nofacet=1`: datasette at its fastest). Both are printed side
   by side: throughput, p50/p95/p99 latency, errors.

Client, server(s) and writer share this machine's cores: the numbers are a lower bound.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

ARTICLE_DIRS = [ROOT / "tests" / "data" / "shared" / "dev" / "articles", ROOT / "eval" / "events" / "articles"]
PAGE = 50
TABLES = ("articles", "actor_mentions", "events", "event_mentions")


# -- the database ----------------------------------------------------------------------
def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT / "src") + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def dyad_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "dyad", *args]


def base_db(path: Path) -> Path:
    base = Path(str(path) + ".base")
    if not base.exists():
        print(f"ingesting the bundled articles into {base} ...", flush=True)
        tmp = Path(str(base) + ".tmp")
        tmp.unlink(missing_ok=True)
        subprocess.run(dyad_cmd("ingest", "--no-progress", "--db", str(tmp), *map(str, ARTICLE_DIRS)),
                       check=True, env=env())
        tmp.rename(base)
    return base


def count_events(path: Path) -> int:
    import sqlite3

    if not path.exists():
        return 0
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def shift_date(d: str | None, days: int) -> str | None:
    import datetime as dt

    if not d:
        return d
    try:
        if len(d) >= 10:
            return (dt.date.fromisoformat(d[:10]) - dt.timedelta(days=days)).isoformat() + d[10:]
        if len(d) == 7:
            return (dt.date.fromisoformat(d + "-15") - dt.timedelta(days=days)).isoformat()[:7]
    except ValueError:
        pass
    return d


def build(path: Path, target: int) -> None:
    """Replicate the base database's rows into `path` until it has `target` events."""
    import sqlite3

    from dyad.store import connect

    base = base_db(path)
    src = sqlite3.connect(base)
    src.row_factory = sqlite3.Row
    rows = {t: [dict(r) for r in src.execute(f"SELECT * FROM {t} ORDER BY id")] for t in TABLES}
    src.close()
    if not rows["events"]:
        raise SystemExit("the base ingest coded no events")
    path.unlink(missing_ok=True)
    db = connect(path)  # the migrations: schema and indexes
    copies = -(-target // len(rows["events"]))
    step = {t: max([r["id"] for r in rows[t]] or [0]) for t in TABLES}
    countries = sorted({r[f"{s}_country"] for r in rows["events"] for s in ("source", "target") if r[f"{s}_country"]})
    names = {r[f"{s}_country"]: r[f"{s}_name"] for r in rows["events"] for s in ("source", "target")
             if r[f"{s}_id"] and r[f"{s}_id"] == r[f"{s}_country"]}
    rng = random.Random(15)
    print(f"replicating {len(rows['events'])} events, {len(rows['event_mentions'])} mentions and "
          f"{len(rows['articles'])} articles {copies} times ...", flush=True)
    t0 = time.time()
    for k in range(copies):
        days = (k * 29) % 3650
        perm = dict(zip(countries, countries if k % 4 == 0 else rng.sample(countries, len(countries))))
        db.begin()
        _copy(db, rows, k, step, days, perm, names)
        db.commit()
    print("rebuilding the evidence search index ...", flush=True)
    db.execute("INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')")
    db.execute("ANALYZE")
    db.close()
    print(f"built {count_events(path)} events in {time.time() - t0:.0f} s", flush=True)


def _country(row: dict, side: str, perm: dict, names: dict) -> None:
    old = row.get(f"{side}_country")
    if not old or old not in perm:
        return
    new = perm[old]
    row[f"{side}_country"] = new
    if row.get(f"{side}_id") == old:
        row[f"{side}_id"] = new
        if f"{side}_name" in row:
            row[f"{side}_name"] = names.get(new, new)


def _pair(key: str, perm: dict) -> str:
    """The pair key with its countries mapped: A|B (either direction, sorted) or A>B."""
    sep = ">" if ">" in key else "|"
    a, _, b = key.partition(sep)
    a, b = perm.get(a, a), perm.get(b, b)
    return f"{a}>{b}" if sep == ">" else "|".join(sorted((a, b)))


def _insert(db, table: str, out: list[dict]) -> None:
    if out:
        cols = list(out[0])
        db.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                            [tuple(r[c] for c in cols) for r in out])


def _copy(db, rows: dict, k: int, step: dict, days: int, perm: dict, names: dict) -> None:
    off = {t: k * step[t] for t in TABLES}
    arts = []
    for a in rows["articles"]:
        a = dict(a, id=a["id"] + off["articles"], content_hash=f"{a['content_hash']}#{k}",
                 input=f"{a['input']}#copy{k}", published=shift_date(a["published"], days), raw=None)
        if a["reprint_of"]:
            a["reprint_of"] += off["articles"]
        arts.append(a)
    _insert(db, "articles", arts)
    _insert(db, "actor_mentions", [dict(m, id=m["id"] + off["actor_mentions"],
                                        article_id=m["article_id"] + off["articles"]) for m in rows["actor_mentions"]])
    evs = []
    for e in rows["events"]:
        e = dict(e, id=e["id"] + off["events"], date=shift_date(e["date"], days),
                 block_date=shift_date(e["block_date"], days), first_seen=shift_date(e["first_seen"], days))
        for side in ("source", "target"):
            _country(e, side, perm, names)
        e["pair_key"] = _pair(e["pair_key"], perm)
        evs.append(e)
    _insert(db, "events", evs)
    ms = []
    for m in rows["event_mentions"]:
        m = dict(m, id=m["id"] + off["event_mentions"], event_id=m["event_id"] + off["events"],
                 article_id=m["article_id"] + off["articles"], date=shift_date(m["date"], days),
                 block_date=shift_date(m["block_date"], days))
        for side in ("source", "target"):
            _country(m, side, perm, names)
        ms.append(m)
    _insert(db, "event_mentions", ms)


# -- the writer ------------------------------------------------------------------------
def writer(db: str, batch: int) -> None:
    """`dyad ingest` in a loop, each round on `batch` new editions of the bundled articles."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for d in ARTICLE_DIRS for p in sorted(d.glob("*.txt"))]
    tmp = Path(tempfile.mkdtemp(prefix="dyad-writer-"))
    rnd = 0
    try:
        while True:
            rnd += 1
            folder = tmp / f"round{rnd}"
            folder.mkdir()
            for i in range(batch):
                n = rnd * batch + i
                (folder / f"a{n}.txt").write_text(texts[n % len(texts)] + f"\n\nEdition {os.getpid()}-{n}.\n",
                                                  encoding="utf-8")
            subprocess.run(dyad_cmd("ingest", "--no-progress", "--db", db, str(folder)), env=env(),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- the servers -----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], port: int, probe: str, timeout: float = 120) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"{cmd[:4]} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            status, _ = asyncio.run(_get("127.0.0.1", port, probe))
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"{cmd[:4]} did not answer in {timeout:.0f} s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# -- the clients -----------------------------------------------------------------------
class Conn:
    """One HTTP/1.1 keep-alive connection (a minimal client: little CPU per request)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _get(host: str, port: int, path: str) -> tuple[int, bytes]:
    c = Conn(host, port)
    try:
        return await asyncio.wait_for(c.get(path), 10)
    finally:
        c.close()


def workload(db: Path, seed: int = 15) -> list[dict]:
    """Filtered, sorted queries in dyad's vocabulary, from what the database holds."""
    import sqlite3

    con = sqlite3.connect(db)
    types = [r[0] for r in con.execute("SELECT type, COUNT(*) n FROM events WHERE modality = 'asserted' "
                                       "GROUP BY type ORDER BY n DESC LIMIT 8")]
    pairs = [r[0].split("|") for r in con.execute("SELECT pair_key, COUNT(*) n FROM events WHERE modality = 'asserted' "
                                                  "AND pair_key LIKE '___|___' GROUP BY pair_key ORDER BY n DESC LIMIT 8")]
    countries = [r[0] for r in con.execute("SELECT source_country, COUNT(*) n FROM events WHERE source_country "
                                           "IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 8")]
    con.close()
    rng = random.Random(seed)
    out = []
    for i in range(400):
        year = rng.randint(2017, 2026)
        month = rng.randint(1, 12)
        kind = i % 8
        q: dict = {}
        if kind == 0:
            q = {"dyad": "CHN-RUS", "sort": "-date"}
        elif kind == 1:
            a, b = rng.choice(pairs)
            q = {"dyad": f"{a}-{b}", "date_from": f"{year}-01-01", "date_to": f"{year}-12-31", "sort": "-date"}
        elif kind == 2:
            q = {"type": rng.choice(types), "sort": "-date"}
        elif kind == 3:
            q = {"type": rng.choice(types), "date_from": f"{year - 2}-01-01", "date_to": f"{year}-06-30",
                 "sort": "date"}
        elif kind == 4:
            q = {"country": rng.choice(countries), "sort": "-num_articles"}
        elif kind == 5:
            q = {"date_from": f"{year}-{month:02d}-01", "date_to": f"{year}-{month:02d}-28", "sort": "-date"}
        elif kind == 6:
            q = {"dyad": "CHN-RUS", "date_from": f"{year - 3}-01-01", "sort": "date"}
        else:
            q = {"sort": "-date"}
        out.append(q)
    return out


def dyad_path(q: dict, cursor: str | None) -> str:
    return "/api/events?" + urlencode({**q, "limit": PAGE, **({"cursor": cursor} if cursor else {})})


def datasette_path(table_url: str, q: dict, cursor: str | None) -> str:
    """The same query through datasette's table JSON API (keyset paging with `_next`)."""
    p: list[tuple[str, str]] = [("modality", "asserted")]
    where = []
    if "dyad" in q:
        a, b = q["dyad"].split("-")
        where.append(f"((source_country = '{a}' AND target_country = '{b}') OR "
                     f"(source_country = '{b}' AND target_country = '{a}'))")
    if "country" in q:
        where.append(f"(source_country = '{q['country']}' OR target_country = '{q['country']}')")
    if "type" in q:
        p.append(("type", q["type"]))
    if "date_from" in q:
        p.append(("date__gte", q["date_from"]))
    if "date_to" in q:
        p.append(("date__lte", q["date_to"]))
    p += [("_where", w) for w in where]
    sort = q.get("sort", "-date")
    p.append(("_sort_desc", sort[1:]) if sort.startswith("-") else ("_sort", sort))
    p += [("_size", str(PAGE)), ("_shape", "objects"), ("_nocount", "1"), ("_nofacet", "1")]
    if cursor:
        p.append(("_next", cursor))
    return table_url + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in p)


async def client(port: int, make_path, next_of, queries: list[dict], rng: random.Random, stats: dict,
                 deadline: float) -> None:
    conn = Conn("127.0.0.1", port)
    try:
        while time.monotonic() < deadline and stats["requests"] < stats["max"]:
            q = rng.choice(queries)
            cursor, pages = None, rng.choice((1, 1, 2, 3, 5))
            for _ in range(pages):
                if time.monotonic() >= deadline or stats["requests"] >= stats["max"]:
                    break
                t = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(conn.get(make_path(q, cursor)), 30)
                except Exception as e:  # noqa: BLE001 - every failure is counted
                    conn.close()
                    stats["errors"] += 1
                    stats["error_kinds"][type(e).__name__] = stats["error_kinds"].get(type(e).__name__, 0) + 1
                    break
                stats["latencies"].append(time.perf_counter() - t)
                stats["requests"] += 1
                if status != 200:
                    stats["errors"] += 1
                    stats["error_kinds"][str(status)] = stats["error_kinds"].get(str(status), 0) + 1
                    break
                data = json.loads(body)
                stats["rows"] += len(data.get("events") or data.get("rows") or [])
                cursor = next_of(data)
                if not cursor:
                    break
    finally:
        conn.close()


async def drive(port: int, make_path, next_of, queries: list[dict], clients: int, seconds: float,
                max_requests: int) -> dict:
    stats = {"requests": 0, "errors": 0, "rows": 0, "latencies": [], "error_kinds": {}, "max": max_requests}
    deadline = time.monotonic() + seconds
    t0 = time.perf_counter()
    await asyncio.gather(*(client(port, make_path, next_of, queries, random.Random(1000 + i), stats, deadline)
                           for i in range(clients)))
    stats["elapsed"] = time.perf_counter() - t0
    return stats


def summary(stats: dict) -> dict:
    lat = sorted(stats["latencies"])

    def pct(p: float) -> float:
        return 1000 * lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else float("nan")

    return {"requests": stats["requests"], "rps": stats["requests"] / stats["elapsed"], "p50": pct(50),
            "p95": pct(95), "p99": pct(99), "errors": stats["errors"], "error_kinds": stats["error_kinds"],
            "rows": stats["rows"]}


# -- the run ---------------------------------------------------------------------------
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "dyad-serve-load" / "events.db"),
                    help="SQLite file, built once and reused (default: %(default)s)")
    ap.add_argument("--events", type=int, default=100_000, help="events in the database (at least)")
    ap.add_argument("--rebuild", action="store_true", help="build the database again")
    ap.add_argument("--clients", type=int, action="append", help="concurrent clients (repeat; default 20 and 50)")
    ap.add_argument("--seconds", type=float, default=60, help="seconds per run (default 60)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="requests per run at most")
    ap.add_argument("--against-datasette", action="store_true", help="serve the same file with datasette too")
    ap.add_argument("--no-writer", action="store_true", help="no `dyad ingest` during the runs")
    ap.add_argument("--writer-batch", type=int, default=10, help="articles per `dyad ingest` round")
    ap.add_argument("--json", default=None, help="write the results here too")
    ap.add_argument("--writer", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.writer:
        return writer(args.writer, args.writer_batch)
    db = Path(args.db)
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or count_events(db) < args.events:
        build(db, args.events)
    if args.against_datasette and shutil.which("datasette") is None:
        raise SystemExit("datasette is not installed: pip install -e '.[bench]'")
    n_events, size = count_events(db), db.stat().st_size
    clients = args.clients or [20, 50]
    queries = workload(db)
    print(f"database {db}: {n_events} events, {size / 1e6:.0f} MB; {os.cpu_count()} cores shared by the clients, "
          f"the server(s) and the writer (and whatever else runs here: load {os.getloadavg()[0]:.1f})", flush=True)
    procs: list[subprocess.Popen] = []
    results: dict = {}
    try:
        if not args.no_writer:
            procs.append(subprocess.Popen([sys.executable, __file__, "--writer", str(db), "--writer-batch",
                                           str(args.writer_batch)], env=env()))
        targets = [("dyad", dyad_cmd("serve", "--db", str(db), "--host", "127.0.0.1", "--port", "{port}",
                                     "--rate-limit", "0"), "/api/events?limit=1",
                    dyad_path, lambda d: d.get("next"))]
        if args.against_datasette:
            table = f"/{db.stem}/events.json"
            targets.append(("datasette", ["datasette", "serve", str(db), "--host", "127.0.0.1", "--port", "{port}",
                                          "--setting", "suggest_facets", "off", "--setting", "sql_time_limit_ms",
                                          "30000"], table + "?_size=1",
                            lambda q, c, t=table: datasette_path(t, q, c), lambda d: d.get("next")))
        for name, cmd, probe, make_path, next_of in targets:
            port = free_port()
            server = start([c.replace("{port}", str(port)) for c in cmd], port, probe)
            try:
                for n in clients:
                    print(f"{name}: {n} clients for {args.seconds:.0f} s ...", flush=True)
                    stats = asyncio.run(drive(port, make_path, next_of, queries, n, args.seconds, args.max_requests))
                    results[(name, n)] = r = summary(stats)
                    print(f"  {r['requests']} requests, {r['rps']:.1f}/s, p50 {r['p50']:.0f} ms, "
                          f"p99 {r['p99']:.0f} ms, {r['errors']} errors", flush=True)
            finally:
                stop(server)
    finally:
        for p in procs:
            stop(p)
    report(results, clients, n_events, size, args)


def report(results: dict, clients: list[int], n_events: int, size: int, args) -> None:
    names = sorted({k[0] for k in results}, key=lambda x: x != "dyad")
    print(f"\n/api/events, {PAGE} per page, filtered, sorted, cursor-paged; {n_events} events ({size / 1e6:.0f} MB)"
          f"{'' if args.no_writer else ', while `dyad ingest` writes'}; {os.cpu_count()} cores shared by everything")
    print(f"{'server':<10} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>7}")
    for n in clients:
        for name in names:
            r = results.get((name, n))
            if r:
                print(f"{name:<10} {n:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
                      f"{r['p99']:>8.1f} {r['errors']:>7}" + (f"  {r['error_kinds']}" if r["error_kinds"] else ""))
        if ("datasette", n) in results and ("dyad", n) in results:
            ratio = results[("dyad", n)]["rps"] / max(results[("datasette", n)]["rps"], 1e-9)
            print(f"{'':<10} {n:>7} dyad/datasette throughput: {ratio:.2f}x")
    targets = {20: 250, 50: 500}
    for n in clients:
        r = results.get(("dyad", n))
        if r and n in targets:
            ok = r["errors"] == 0 and r["p99"] < targets[n]
            print(f"target at {n} clients (0 errors, p99 < {targets[n]} ms): {'met' if ok else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps({f"{k[0]}@{k[1]}": v for k, v in results.items()}, indent=1))


if __name__ == "__main__":
    main()
