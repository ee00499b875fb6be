"""The `dyad` command: a thin click layer over the library functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="dyad")
@click.option("--max-bytes", default=None, metavar="SIZE",
              help="Largest input document, after decompression (default 20MB, or $DYAD_MAX_BYTES; 0: none).")
@click.option("--max-text", default=None, metavar="SIZE",
              help="Characters of a document that are coded (default 200000, or $DYAD_MAX_TEXT).")
@click.option("--doc-timeout", default=None, metavar="SECONDS",
              help="Time one document may take (default 10, or $DYAD_DOC_TIMEOUT; 0: none).")
def main(max_bytes, max_text, doc_timeout):
    """dyad: news in any language -> who did what to whom, when and where, with evidence.

    The limits apply to every command: dyad --doc-timeout 30 extract big/ """
    if max_bytes is not None or max_text is not None or doc_timeout is not None:
        from . import limits

        try:
            limits.configure(max_bytes, max_text, doc_timeout)
        except ValueError as e:
            raise click.BadParameter(str(e)) from None


def _crawl_options(fn):
    opts = [
        click.option("--lang", "crawl_lang", help="Crawl inputs: keep only these languages (ISO 639-1, comma-separated)."),
        click.option("--host", "crawl_host", help="Crawl inputs: keep only these hosts and their subdomains (comma-separated)."),
        click.option("--since", "crawl_since", help="Crawl inputs: keep pages published (else fetched) on or after YYYY-MM-DD."),
        click.option("--until", "crawl_until", help="Crawl inputs: keep pages published (else fetched) on or before YYYY-MM-DD."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def _crawl_args(crawl_lang, crawl_host, crawl_since, crawl_until):
    """The filters and the counters for HTML, WARC and feed inputs."""
    from .crawl import CrawlFilter, CrawlStats

    split = (lambda v: [x.strip().lower() for x in v.split(",") if x.strip()] if v else None)
    langs = split(crawl_lang)
    return CrawlFilter(languages=set(langs) if langs else None, hosts=split(crawl_host),
                       since=crawl_since, until=crawl_until), CrawlStats()


def _report_crawl(stats) -> None:
    if stats.records or stats.filtered or stats.corrupt:
        click.echo(stats.line(), err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl: one JSON object per document; table: readable (default on a terminal).")
@click.option("--all-modalities/--asserted-only", default=True,
              help="Table view: also show planned, background and negated events.")
@click.option("--fast", is_flag=True, help="The fast profile: the lexicon coder alone (several times faster).")
@_crawl_options
def extract(paths, fmt, all_modalities, fast, **crawl):
    """Code the articles in PATHS (files, directories, JSONL, HTML, WARC, RSS/Atom, or - for stdin)."""
    from .output import doc_json
    from .pipeline import pipe
    from .readers import iter_paths

    filters, stats = _crawl_args(**crawl)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    failed = 0
    if fmt == "jsonl":
        for doc in pipe(iter_paths(paths, filters, stats), "fast" if fast else "default"):
            failed += bool(doc.error)
            sys.stdout.write(json.dumps(doc_json(doc), ensure_ascii=False) + "\n")
            if doc.error:
                click.echo(f"error: {doc.error}", err=True)
    else:
        from .display import print_table

        for doc in pipe(iter_paths(paths, filters, stats), "fast" if fast else "default"):
            failed += bool(doc.error)
            print_table(doc, all_modalities)
    _report_crawl(stats)
    if failed:
        click.echo(f"{failed} document(s) failed; see the errors above.", err=True)


@main.command()
@click.argument("path")
def explain(path):
    """Show one article's cleaned text with actors and triggers marked, and why each
    event was coded as it was."""
    from .display import print_explain
    from .pipeline import pipe
    from .readers import iter_paths

    for doc in pipe(iter_paths([path])):
        print_explain(doc)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
@click.option("--floors", type=click.Path(dir_okay=False), default=None,
              help="Fail (exit 1) when a score drops below the floors in this JSON file.")
@click.option("--details", is_flag=True, help="List each document's misses and false positives.")
@click.option("--clusters", is_flag=True,
              help="Score cross-article merging: pairs of articles sharing a merged consultation vs the gold clusters.")
@click.option("--db", default=None, help="With --clusters: score this database (already ingested) instead of a fresh one.")
@click.option("--coders", is_flag=True,
              help="Event gold: also score the lexicon coder alone and the learned coder alone.")
def eval_cmd(gold, as_json, floors, details, clusters, db, coders):
    """Score dyad against GOLD: the diplomatic format of shared/dev/gold.jsonl, or the
    event-type format of eval/events (docs/evaluation.md)."""
    from .evaluate import check_floors, evaluate, format_report
    from . import evaluate_events as ee

    if not clusters and ee.is_event_gold(gold):
        result = ee.evaluate_events(gold, ("lexicon", "learned", "both") if coders else ("both",))
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        else:
            if details:
                for d in result["coders"]["both"]["documents"]:
                    if d["fn"] or d["fp"]:
                        click.echo(f"{d['id']} [{d['language']}]")
                        for x in d["fn"]:
                            click.echo(f"   FN  {x}")
                        for x in d["fp"]:
                            click.echo(f"   FP  {x}")
                click.echo("")
            click.echo(ee.format_report(result))
        if floors:
            spec = json.loads(Path(floors).read_text()).get(f"{Path(gold).parent.name}/{Path(gold).name}", {})
            failures = ee.check_floors(result, spec)
            for f in failures:
                click.echo(f"below floor: {f}", err=True)
            if failures:
                sys.exit(1)
        return

    if clusters:
        from . import evaluate_clusters as ec

        res = ec.evaluate_clusters(gold, _open_db(db) if db else None)
        if as_json:
            click.echo(json.dumps(res, indent=1))
        else:
            click.echo(ec.format_report(res, details))
        if floors:
            spec = json.loads(Path(floors).read_text())
            spec = spec.get(f"{Path(gold).parent.name}/{Path(gold).name}") or spec.get(Path(gold).name, {})
            failures = []
            for split, s in res["splits"].items():
                want = (spec.get("clusters") or {}).get(split) or ((spec.get("clusters") or {}) if split == "all" else {})
                for key in ("f1", "precision", "recall", "b3_f1", "pub_date_accuracy", "event_date_accuracy"):
                    if key in want and s.get(key) is not None and s[key] < want[key]:
                        failures.append(f"{split} {key} = {s[key]} < floor {want[key]}")
            for f in failures:
                click.echo(f"below floor: {f}", err=True)
            if failures:
                sys.exit(1)
        return
    result = evaluate(gold)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        if details:
            for d in result["documents"]:
                if d["fp"] or d["fn"] or d["msg_fn"] or d["language_out"] != d["language"] or d["published_out"] != d["pub_gold"]:
                    click.echo(f"{d['id']} [{d['language']}] lang={d['language_out']} pub={d['published_out']} (gold {d['pub_gold']})")
                    for x in d["fn"]:
                        click.echo(f"   FN  {x}")
                    for x in d["fp"]:
                        click.echo(f"   FP  {x}")
                    for x in d["msg_fn"]:
                        click.echo(f"   MSG-FN {x}")
            click.echo("")
        click.echo(format_report(result))
    if floors:
        spec = json.loads(Path(floors).read_text())
        key = Path(gold).name
        failures = check_floors(result, spec.get(key, spec))
        if failures:
            for f in failures:
                click.echo(f"below floor: {f}", err=True)
            sys.exit(1)


@main.command()
@click.option("--data", "data_dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Folders of training sentences (default: the package's data/train and DYAD_DATA_DIR/train).")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="Where to write the weights (default: inside the package, data/models/learned_head.npz).")
@click.option("--c", "c_value", default=4.0, show_default=True, help="Inverse regularisation strength of the head.")
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds for the report (0: none).")
def train(data_dirs, out, c_value, folds):
    """Train the learned coder's head on labelled sentences (data/train/*.jsonl)."""
    from . import learned

    sents = learned.training_sentences([Path(d) for d in data_dirs] or None)
    if not sents:
        raise click.ClickException("no training sentences found")
    click.echo(f"training on {len(sents)} sentences in {len({s['_lang'] for s in sents})} files ...", err=True)
    report = learned.train(sents, Path(out) if out else None, c=c_value, folds=folds)
    if "cv_accuracy" in report:
        click.echo(f"cross-validated accuracy {report['cv_accuracy']:.3f}")
        click.echo("by label:    " + "  ".join(f"{k} {v:.2f}" for k, v in report["by_label"].items()))
        click.echo("by language: " + "  ".join(f"{k} {v:.2f}" for k, v in report["by_language"].items()))
    click.echo(f"weights written to {out or learned.MODEL}")


DB_HELP = "Database: a SQLite file (default ./dyad.db) or postgresql://user@host/dbname."


def _open_db(db):
    from .store import connect

    return connect(db)


@main.command("explain-event")
@click.argument("event_id", type=click.IntRange(min=1))
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the event and its mentions as JSON.")
def explain_event(event_id, db, as_json):
    """Why the reports of merged event EVENT_ID are one event: for each mention, in the
    order they were stored, its article, date, type and pair, and the merge rule that
    joined it (or "first report")."""
    from . import query as Q

    database = _open_db(db)
    with database.snapshot():
        e = Q.event_by_id(database, event_id)
        if e is None:
            raise click.ClickException(f"no event {event_id} in {db}")
        ms = Q.mentions_of(database, [event_id])[event_id]
    if as_json:
        keep = ("id", "article_id", "input", "url", "title", "published", "language", "date", "block_date", "type",
                "plover", "source_country", "target_country", "modality", "location_name", "evidence", "merge_rule")
        click.echo(json.dumps({"event": {k: e.get(k) for k in ("id", "date", "type", "plover", "cameo",
                                                               "source_country", "target_country", "modality",
                                                               "location_name", "num_mentions", "num_articles")},
                               "mentions": [{k: m.get(k) for k in keep} for m in ms]}, ensure_ascii=False, indent=1))
        return
    click.echo(f"event {e['id']}: {e['type']} ({e['plover']}, CAMEO {e['cameo']}) "
               f"{e['source_country'] or '-'} -> {e['target_country'] or '-'}  date {e['date'] or '?'}"
               f"  {e['modality']}  place {e['location_name'] or '-'}")
    click.echo(f"{e['num_mentions']} mention(s) in {e['num_articles']} article(s); each joined by the rule shown:")
    for m in ms:
        where = m["url"] or m["input"]
        click.echo(f"\n  mention {m['id']}  article {m['article_id']} ({m['language'] or '?'}, published "
                   f"{m['published'] or '?'})  {where}")
        click.echo(f"    {m['type']} {m['source_country'] or '-'} -> {m['target_country'] or '-'}  "
                   f"date {m['date'] or 'none in the text'}  {m['modality']}")
        click.echo(f"    evidence: {(m['evidence'] or '').strip()[:240]}")
        click.echo(f"    joined: {m.get('merge_rule') or 'stored before merge rules were recorded'}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process; dask: partitions run on a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")
@click.option("--workers", type=int, default=2, show_default=True, help="Worker processes of the LocalCluster.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
@_crawl_options
def ingest(paths, db, engine, scheduler, workers, progress, **crawl):
    """Run the pipeline on PATHS and store articles, mentions and merged events."""
    from .ingest import ingest as run_ingest

    filters, stats = _crawl_args(**crawl)
    database = _open_db(db)
    progress = sys.stderr.isatty() if progress is None else progress
    if engine == "dask":
        from .distributed import ingest_dask

        summary = ingest_dask(paths, database, scheduler=scheduler, workers=workers, filters=filters, stats=stats)
    else:
        summary = run_ingest(paths, database, progress=progress, filters=filters, stats=stats)
    _report_crawl(stats)
    for err in summary.errors[:50]:
        click.echo(f"error: {err}", err=True)
    click.echo(summary.line(database))
    database.close()


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--every", default="15m", show_default=True, help="Polling interval: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Poll once and exit (for cron or systemd timers).")
@click.option("--delay", type=float, default=1.0, show_default=True,
              help="Seconds between two requests to one host.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds before a request is abandoned.")
@click.option("--retries", type=int, default=3, show_default=True, help="Retries (exponential backoff) per request.")
@click.option("--user-agent", default=None, help="User agent sent and matched against robots.txt.")
def watch(feeds, db, every, once, delay, timeout, retries, user_agent):
    """Poll RSS/Atom FEEDS (URLs or files) and ingest new items, fetching their pages politely."""
    from .watch import USER_AGENT, PoliteClient, parse_interval
    from .watch import watch as run_watch

    try:
        interval = parse_interval(every)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--every")
    database = _open_db(db)
    client = PoliteClient(user_agent=user_agent or USER_AGENT, timeout=timeout, retries=retries, delay=delay)
    try:
        summary = run_watch(list(feeds), database, interval, rounds=1 if once else None, client=client,
                            echo=click.echo)
    except KeyboardInterrupt:
        summary = None
    finally:
        client.close()
    for err in (summary.errors[:50] if summary else []):
        click.echo(f"error: {err}", err=True)
    database.close()


def _filter_options(fn):
    opts = [
        click.option("--date-from", "--since", "date_from", help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--date-to", "--until", "date_to", help="Events on or before this date."),
        click.option("--actor", help="Actor name (substring) or Wikidata QID."),
        click.option("--country", help="ISO 3166 alpha-3 code of the source or target."),
        click.option("--dyad", help="Country pair: CHN-RUS (either direction) or CHN>RUS (directed)."),
        click.option("--cameo", help="CAMEO code or root prefix, e.g. 04 or 041."),
        click.option("--plover", help="PLOVER type, e.g. CONSULT."),
        click.option("--type", "type_", help="dyad event type, e.g. video_call."),
        click.option("--quad-class", type=int, help="QuadClass 1-4."),
        click.option("--goldstein-min", type=float), click.option("--goldstein-max", type=float),
        click.option("--language", help="Only events with a mention in this language (ISO 639-1)."),
        click.option("--source", help="Only events reported by this outlet or host."),
        click.option("--min-sources", type=int, help="At least this many independent sources."),
        click.option("-q", "--search", "q", help="Full-text search in the evidence."),
        click.option("--modality", default="asserted", show_default=True,
                     type=click.Choice(["asserted", "planned", "background", "negated", "all"])),
        click.option("--sort", default="-date", show_default=True,
                     help="date, num_articles, num_sources, num_mentions, goldstein, id; prefix - for descending."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


@main.command()
@_filter_options
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default=None)
@click.option("--limit", type=int, default=None, help="Stop after this many events (default: all, paged).")
def events(db, fmt, limit, sort, type_, **filters):
    """List merged events, filtered and sorted (pages through the whole result)."""
    from .query import QueryError, iter_events

    filters["type"] = type_
    database = _open_db(db)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    try:
        rows = iter_events(database, filters, sort)
        if fmt == "jsonl":
            batch = []
            n = 0
            for r in rows:
                if limit is not None and n >= limit:
                    break
                batch.append(r)
                n += 1
                if len(batch) >= 200:
                    _emit_jsonl(database, batch)
                    batch = []
            _emit_jsonl(database, batch)
        elif fmt == "csv":
            import csv

            w = None
            for n, r in enumerate(rows):
                if limit is not None and n >= limit:
                    break
                if w is None:
                    w = csv.DictWriter(sys.stdout, fieldnames=list(r))
                    w.writeheader()
                w.writerow(r)
        else:
            from rich.console import Console
            from rich.table import Table

            t = Table(box=None)
            for col in ("id", "date", "CAMEO", "PLOVER", "source", "target", "articles", "sources", "languages"):
                t.add_column(col)
            for n, r in enumerate(rows):
                if limit is not None and n >= (limit or 0):
                    break
                t.add_row(str(r["id"]), r["date"] or "-", r["cameo"], r["plover"],
                          f"{r['source_name'] or '-'} ({r['source_country']})", f"{r['target_name'] or '-'} ({r['target_country']})",
                          str(r["num_articles"]), str(r["num_sources"]), r["languages"] or "")
            Console().print(t)
    except QueryError as e:
        raise click.UsageError(str(e))


def _emit_jsonl(database, rows):
    from .query import event_json, mentions_of

    if not rows:
        return
    ms = mentions_of(database, [r["id"] for r in rows], brief=True)
    for r in rows:
        sys.stdout.write(json.dumps(event_json(r, ms[r["id"]]), ensure_ascii=False) + "\n")


@main.command()
@_filter_options
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "parquet", "csv", "geojson"]), required=True)
@click.option("-o", "--output", default="-", help="Output file (default: stdout; required for parquet).")
def export(db, fmt, output, sort, type_, **filters):
    """Export merged events: GDELT-like TSV, PLOVER JSONL, Parquet, CSV or GeoJSON."""
    from .export import export as run_export

    filters["type"] = type_
    database = _open_db(db)
    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet needs --output FILE")
    n = run_export(database, fmt, output, filters, sort)
    click.echo(f"exported {n} events", err=True)


@main.command()
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default=None)
@click.option("--min-articles", type=int, default=2, show_default=True)
@click.option("--threshold", type=float, default=None, help="Cosine similarity to join a story (default 0.88).")
def stories(db, fmt, min_articles, threshold):
    """Cluster stored articles into stories across languages and list them."""
    from . import stories as st

    database = _open_db(db)
    st.build(database, **({"threshold": threshold} if threshold else {}))
    result = st.list_stories(database, min_articles)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for s in result:
            sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
    else:
        for s in result:
            click.echo(f"story {s['id']}: {s['num_articles']} articles, {','.join(s['languages'])}, "
                       f"{s['first'] or '?'}..{s['last'] or '?'}  {(s['title'] or '')[:80]}")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback lets other machines in (a warning says so without --private).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--private", is_flag=True, help="Require an API key for reading too.")
@click.option("--max-body", default=None, metavar="SIZE",
              help="Largest request body, e.g. 5M or 500k (default 5M, or $DYAD_MAX_BODY); larger: 413.")
@click.option("--rate-limit", default=None, type=click.IntRange(min=0),
              help="Requests per minute per API key (default 600, or $DYAD_RATE_LIMIT; 0: none); over it: 429.")
@click.option("--anon-rate-limit", default=None, type=click.IntRange(min=0),
              help="Requests per minute per client address without a key (default 0: none, or $DYAD_ANON_RATE_LIMIT).")
def serve(db, host, port, private, max_body, rate_limit, anon_rate_limit):
    """Serve the REST API (/api/..., schema at /openapi.json) and the dashboard."""
    import uvicorn

    from .web import create_app

    app = create_app(db, private=private or None, max_body=max_body, rate_limit=rate_limit,
                     anon_rate_limit=anon_rate_limit)
    settings = app.state.dyad.settings
    if host not in LOOPBACK and not host.startswith("127.") and not settings.private:
        click.echo(f"dyad: WARNING: bound to {host}, reachable from other machines, and reading needs no key: "
                   "anyone who can reach this port can read the whole database. Use --private (and "
                   "`dyad keys create --scope read`) or --host 127.0.0.1.", err=True)
    click.echo(f"dyad: dashboard at http://{host}:{port}/  API at http://{host}:{port}/api/events  "
               f"schema at http://{host}:{port}/openapi.json")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.group()
def keys():
    """API keys: stored hashed (salted), scoped (read or write) and revocable."""


@keys.command("create")
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
@click.option("--scope", type=click.Choice(["read", "write"]), required=True,
              help="read: reading a --private server; write: POST /api/ingest too.")
@click.option("--name", default="", help="A note to remember what the key is for.")
def keys_create(db, scope, name):
    """Create an API key (printed once; only a salted hash is stored)."""
    from .web import create_key

    click.echo(create_key(_open_db(db), name, scope))


@keys.command("list")
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
def keys_list(db):
    """List the keys: id, scope, name, created, revoked (never the key itself)."""
    from .web import list_keys

    for k in list_keys(_open_db(db)):
        click.echo(f"{k['id']}\t{k['scope']}\t{k['name'] or ''}\tcreated {k['created_at'] or '?'}\t"
                   f"{'revoked ' + k['revoked_at'] if k['revoked_at'] else 'active'}")


@keys.command("revoke")
@click.argument("key_id")
@click.option("--db", default="dyad.db", show_default=True, help=DB_HELP)
def keys_revoke(key_id, db):
    """Revoke the key KEY_ID (from `dyad keys list`); it stops working at once."""
    from .web import revoke_key

    if not revoke_key(_open_db(db), key_id):
        raise click.ClickException(f"no active key {key_id}")
    click.echo(f"revoked {key_id}")


@main.group()
def kb():
    """The actor knowledge base: import Wikidata entities, look names up."""


@kb.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--kb-dir", type=click.Path(file_okay=False), default=None,
              help="User knowledge-base directory (default: $DYAD_KB_DIR or ~/.local/share/dyad/kb).")
def kb_import(file, kb_dir):
    """Add the Wikidata entities in FILE (dump JSON, EntityData JSON or JSON lines)."""
    from .kb import import_file

    n, target = import_file(file, kb_dir)
    click.echo(f"imported {n} entities into {target}")


@kb.command("lookup")
@click.argument("text")
@click.option("--lang", default="en", help="Language of TEXT (ISO 639-1).")
@click.option("--date", default=None, help="Resolve offices on this date (YYYY-MM-DD).")
def kb_lookup(text, lang, date):
    """Show which actors TEXT names (e.g. "the Russian president" --date 2026-02-04)."""
    from .pipeline import extract

    doc = extract(text, language=lang, published=date)
    if not doc.actors:
        click.echo("no actor found")
    for m in doc.actors:
        a = m.actor
        click.echo(f"{doc.text[m.start:m.end]!r} -> {a.name} [{a.kind}] country={a.country} "
                   f"wikidata={a.wikidata} sector={a.sector} role={a.role} via={m.via}")


if __name__ == "__main__":  # pragma: no cover
    main()
