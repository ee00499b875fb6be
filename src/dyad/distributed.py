"""`dyad ingest --engine dask`: the same pipeline on a Dask cluster.

The inputs are cut into partitions (a run of files, or a range of records of one WARC
file); each worker reads its partition and runs the pipeline on it, and the coded
documents come back to this process, which stores them through the storage interface in
input order. Storing stays on one writer because merging an event mention depends on the
events stored before it: writing in input order is what makes the database identical to a
local run, whatever worker finishes first. The pipeline, the expensive part, is what runs
in parallel; the store keeps up because merging looks events up by index (see ingest.py).

Without `--scheduler`, a `LocalCluster` of worker processes on this machine is started.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path

from .crawl import CrawlFilter, CrawlStats
from .ingest import Summary, store_doc
from .store import Database

FILES_PER_PARTITION = 16
RECORDS_PER_PARTITION = 64
# how many partitions may be in flight per worker: enough to keep workers busy while the
# writer stores, few enough that a huge input does not sit in memory at once
AHEAD_PER_WORKER = 4


@dataclass(frozen=True)
class Partition:
    files: tuple[tuple[str, str], ...] = ()   # (path, label) of plain files
    warc: tuple[str, str, int, int | None] | None = None  # (path, label, start, stop)


def partitions(paths: list[str], files_per_partition: int = FILES_PER_PARTITION,
               records_per_partition: int = RECORDS_PER_PARTITION) -> list[Partition]:
    """Partitions in input order: consecutive files grouped, WARC files split by records."""
    from .crawl import warc_record_offsets
    from .readers import expand_path

    out: list[Partition] = []
    run: list[tuple[str, str]] = []

    def flush():
        if run:
            out.append(Partition(files=tuple(run)))
            run.clear()

    for p in paths:
        for f, label in expand_path(p):
            if f is not None and f.name.lower().endswith((".warc", ".warc.gz")):
                flush()
                offsets = warc_record_offsets(f)
                cuts = offsets[::records_per_partition] or [0]
                cuts[0] = 0
                for i, start in enumerate(cuts):
                    stop = cuts[i + 1] if i + 1 < len(cuts) else None
                    out.append(Partition(warc=(str(f), label, start, stop)))
                continue
            run.append((str(f) if f is not None else "", label))
            if len(run) >= files_per_partition:
                flush()
    flush()
    return out


def run_partition(part: Partition, filters: CrawlFilter | None = None):
    """Runs on a worker: read the partition and code its documents."""
    from .crawl import iter_warc
    from .doc import Doc
    from .pipeline import pipe
    from .readers import _read_file

    stats = CrawlStats()

    def docs():
        if part.warc:
            path, label, start, stop = part.warc
            yield from iter_warc(Path(path), label, filters, stats, start=start, stop=stop)
            return
        for path, label in part.files:
            if not path:
                yield Doc(input=label, error=f"{label}: no such file or directory")
            else:
                yield from _read_file(Path(path), label, filters, stats)

    return list(pipe(docs())), stats


def _client(scheduler: str | None, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def ingest_dask(paths, db: Database, scheduler: str | None = None, workers: int = 2,
                filters: CrawlFilter | None = None, stats: CrawlStats | None = None,
                client=None) -> Summary:
    """Ingest PATHS with the pipeline running on Dask workers; same result as `ingest`."""
    summary = Summary()
    stats = stats if stats is not None else CrawlStats()
    parts = partitions(list(paths))
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = deque()
        queue = deque(parts)
        ahead = AHEAD_PER_WORKER * n_workers
        while queue or pending:
            while queue and len(pending) < ahead:
                pending.append(client.submit(run_partition, queue.popleft(), filters, pure=False))
            docs, part_stats = pending.popleft().result()
            for doc in docs:  # in input order: the merge depends on what is stored before
                store_doc(db, doc, summary)
            for key in ("records", "html", "skipped", "filtered", "corrupt"):
                setattr(stats, key, getattr(stats, key) + getattr(part_stats, key))
            stats.errors += part_stats.errors
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return summary
