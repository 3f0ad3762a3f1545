"""Run a corpus on a Dask distributed cluster, partitioned by document.

Documents are read on the client and sent to the workers in batches; each
worker runs the per-document stages and, for every cross-document check, a
partial reducer over its batch. The client gathers the batches in input
order and merges the partial reducers (the reduce step), so the report is
the same, byte for byte, as a local run.

Workers need ``factcheck`` installed (and any extra rule folder present at
the same path); nothing else is shipped to them.
"""
from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Any, Iterable, Iterator

from .checks import corpus_reducers, merge_corpus_findings
from .model import Document, DocumentResult
from .pipeline import Options, process_document


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def process_batch(batch: list[Document], options: Options) -> tuple[list[DocumentResult], list[Any]]:
    """Worker side: the per-document stages, then partial cross-document reducers."""
    results = [process_document(d, options) for d in batch]
    reducers = corpus_reducers(options.select, options.ignore) if options.checks else []
    for reducer in reducers:
        for r in results:
            reducer.add(r)
    return results, reducers


def run_distributed(docs: Iterable[Document], options: Options = Options(), scheduler: Any = None,
                    batch_size: int = 32, in_flight: int = 8) -> list[DocumentResult]:
    """Every document processed on the cluster at ``scheduler`` (an address or a Client).

    At most ``in_flight`` batches per worker wait on the cluster at a time, so a
    corpus larger than memory streams through.
    """
    from distributed import Client

    own_client = not isinstance(scheduler, Client)
    client = Client(scheduler) if own_client else scheduler
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        results: list[DocumentResult] = []
        merged: list[Any] | None = None

        def collect(fut) -> None:
            nonlocal merged
            batch_results, reducers = fut.result()
            results.extend(batch_results)
            if merged is None:
                merged = reducers
            else:
                for mine, theirs in zip(merged, reducers):
                    mine.merge(theirs)

        for batch in _batches(docs, batch_size):
            pending.append(client.submit(process_batch, batch, options, pure=False))
            while len(pending) >= in_flight * workers:
                collect(pending.popleft())
        while pending:
            collect(pending.popleft())
        if not options.checks or not merged:
            return results
        return merge_corpus_findings(results, merged, options.severities)
    finally:
        if own_client:
            client.close()
