"""The `dyad` command: a thin click layer over the library functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__


@click.group()
@click.version_option(__version__, prog_name="dyad")
def main():
    """dyad: news in any language -> who did what to whom, when and where, with evidence."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default=None,
              help="jsonl: one JSON object per document; table: readable (default on a terminal).")
@click.option("--all-modalities/--asserted-only", default=True,
              help="Table view: also show planned, background and negated events.")
def extract(paths, fmt, all_modalities):
    """Code the articles in PATHS (files, directories, JSONL, or - for stdin)."""
    from .output import doc_json
    from .pipeline import pipe
    from .readers import iter_paths

    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    failed = 0
    if fmt == "jsonl":
        for doc in pipe(iter_paths(paths)):
            failed += bool(doc.error)
            sys.stdout.write(json.dumps(doc_json(doc), ensure_ascii=False) + "\n")
            if doc.error:
                click.echo(f"error: {doc.error}", err=True)
    else:
        from .display import print_table

        for doc in pipe(iter_paths(paths)):
            failed += bool(doc.error)
            print_table(doc, all_modalities)
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
def eval_cmd(gold, as_json, floors, details):
    """Score dyad against GOLD (JSONL in the format of shared/dev/gold.jsonl)."""
    from .evaluate import check_floors, evaluate, format_report

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


if __name__ == "__main__":  # pragma: no cover
    main()
