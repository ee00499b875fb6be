"""Terminal views: the event table of `dyad extract` and the annotated text of `dyad explain`."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .doc import Doc

console = Console()


def print_table(doc: Doc, all_modalities: bool = True) -> None:
    head = f"[bold]{doc.input}[/bold]  lang={doc.language}  published={doc.published or doc.published_partial or '-'}"
    if doc.outlet:
        head += f"  outlet={doc.outlet}"
    console.print(head)
    if doc.error:
        console.print(f"  [red]error:[/red] {doc.error}", soft_wrap=True)
        return
    if doc.title:
        console.print(f"  [italic]{doc.title[:120]}[/italic]")
    t = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("date", "CAMEO", "PLOVER", "mode", "source", "target", "where", "modality", "conf", "evidence"):
        t.add_column(col, overflow="fold")
    shown = 0
    for ev in doc.events:
        if not all_modalities and ev.modality != "asserted":
            continue
        shown += 1
        src = f"{ev.source.actor.name} ({ev.source.actor.country})" if ev.source else "-"
        tgt = f"{ev.target.actor.name} ({ev.target.actor.country})" if ev.target else "-"
        t.add_row(ev.date or "-", ev.cameo, ev.plover, ev.mode or "-", src, tgt,
                  (ev.location or {}).get("name") or "-", ev.modality, f"{ev.confidence:.2f}",
                  doc.text[ev.evidence.start:ev.evidence.end][:90])
    if shown:
        console.print(t)
    else:
        console.print("  (no events)")
    console.print()


def print_explain(doc: Doc) -> None:
    console.print(f"[bold]{doc.input}[/bold]")
    if doc.error:
        console.print(f"[red]error:[/red] {doc.error}")
        return
    console.print(f"language={doc.language}  title={doc.title!r}  outlet={doc.outlet}  "
                  f"published={doc.published}  partial={doc.published_partial}")
    if doc.removed:
        console.print(f"removed as boilerplate: {len(doc.removed)} span(s): " +
                      ", ".join(f"{s.label}:{doc.raw[s.start:s.end][:40]!r}" for s in doc.removed[:8]))
    console.print("\n[bold]Cleaned text[/bold] ([cyan]actor[/cyan] [magenta]trigger[/magenta] "
                  "[yellow]date[/yellow] [green]place[/green])")
    text = Text(doc.text)
    for s in doc.dates:
        text.stylize("yellow", s.start, s.end)
    for p in doc.places:
        text.stylize("green", p.start, p.end)
    for m in doc.actors:
        text.stylize("bold cyan", m.start, m.end)
    for t in doc.triggers:
        text.stylize("bold magenta", t.start, t.end)
    console.print(text)
    console.print("\n[bold]Actors[/bold]")
    for m in doc.actors:
        a = m.actor
        console.print(f"  [{m.start}:{m.end}] {doc.text[m.start:m.end]!r} -> {a.name} "
                      f"({a.kind}, {a.country}, {a.wikidata}, {a.sector}, role={a.role}) via {m.via}")
    console.print("\n[bold]Triggers[/bold]")
    for t in doc.triggers:
        console.print(f"  [{t.start}:{t.end}] {doc.text[t.start:t.end]!r} -> {t.type} "
                      f"({t.language}: '{t.pattern}', weight {t.weight})")
    console.print("\n[bold]Events[/bold]")
    if not doc.events:
        console.print("  (none)")
    for i, ev in enumerate(doc.events, 1):
        src = f"{ev.source.actor.name} ({ev.source.actor.country})" if ev.source else "-"
        tgt = f"{ev.target.actor.name} ({ev.target.actor.country})" if ev.target else "-"
        console.print(f"  {i}. {ev.cameo} {ev.plover}/{ev.mode or '-'} {src} -> {tgt} date={ev.date} "
                      f"modality={ev.modality} conf={ev.confidence} mentions={len(ev.mentions)}")
        console.print(f"     evidence: {doc.text[ev.evidence.start:ev.evidence.end]!r}")
        console.print(f"     why: {ev.rule}")
    dropped = doc.meta.get("below_threshold") or []
    if dropped:
        console.print("\n[bold]Not reported[/bold] (confidence below the threshold)")
        for line in dropped:
            console.print(f"  - {line}")
