"""Run a corpus on a Dask distributed cluster, partitioned by document.

Documents are read on the client and sent to the workers in batches; each
worker runs the per-document stages and, for every cross-document check, a
partial reducer over its batch. The client takes the batches back in input
order and merges the partial reducers (the reduce step), so the report is
the same, byte for byte, as a local run.

Workers need ``factcheck`` installed (and any extra rule folder present at
the same path); nothing else is shipped to them.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator

from .checks import corpus_reducers, merge_corpus_findings
from .model import Document, DocumentResult
from .pipeline import Options, batches, process_batch

BATCH = 32
# Batches waiting on the cluster per worker: enough to keep it busy, few
# enough that a corpus larger than memory streams through.
IN_FLIGHT = 4


def _reduce_batch(process: Callable[[list[Document]], list[Any]], result_of: Callable[[Any], DocumentResult],
                  batch: list[Document], options: Options, reduce: bool) -> tuple[list[Any], list[Any]]:
    """Worker side: every document of the batch, then partial reducers over it."""
    outputs = process(batch)
    reducers = corpus_reducers(options.select, options.ignore, options.message_lang) if reduce else []
    for reducer in reducers:
        for out in outputs:
            reducer.add(result_of(out))
    return outputs, reducers


class ClusterMap:
    """Map a function over a corpus on a cluster, a batch of documents at a time, in input order.

    The function takes a list of documents and gives one output per document.

    After the iterator is exhausted, ``reducers`` holds the merged
    cross-document reducers (empty when ``reduce`` is false).
    """

    def __init__(self, scheduler: Any, batch_size: int = BATCH, in_flight: int = IN_FLIGHT):
        from distributed import Client

        self._own = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self._own else scheduler
        self.batch_size = batch_size
        self.in_flight = in_flight
        self.reducers: list[Any] = []

    def close(self) -> None:
        if self._own:
            self.client.close()

    def run(self, docs: Iterable[Document], process: Callable[[list[Document]], list[Any]],
            result_of: Callable[[Any], DocumentResult], options: Options, reduce: bool) -> Iterator[Any]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        merged: list[Any] | None = None

        def take() -> list[Any]:
            nonlocal merged
            outputs, reducers = pending.popleft().result()
            if merged is None:
                merged = reducers
            else:
                for mine, theirs in zip(merged, reducers):
                    mine.merge(theirs)
            return outputs

        for batch in batches(docs, self.batch_size):
            pending.append(self.client.submit(_reduce_batch, process, result_of, batch, options, reduce, pure=False))
            if len(pending) >= self.in_flight * workers:
                yield from take()
        while pending:
            yield from take()
        self.reducers = merged or []


def _identity(result: DocumentResult) -> DocumentResult:
    return result


def run_distributed(docs: Iterable[Document], options: Options = Options(), scheduler: Any = None,
                    batch_size: int = BATCH, in_flight: int = IN_FLIGHT) -> list[DocumentResult]:
    """The library entry point: what ``pipeline.run_corpus`` returns, computed on a cluster.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``.
    """
    from functools import partial

    cluster = ClusterMap(scheduler, batch_size, in_flight)
    try:
        process = partial(process_batch, options=options)
        results = list(cluster.run(docs, process, _identity, options, reduce=options.checks))
    finally:
        cluster.close()
    if not options.checks or not cluster.reducers:
        return results
    return merge_corpus_findings(results, cluster.reducers, options.severities)

