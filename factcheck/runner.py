"""Run a corpus: worker processes, input order, and the per-run steps after the pipeline.

Documents stream from the reader into at most ``4 * jobs`` batches in
flight, so memory stays flat however long the corpus is; results come back
in input order, so ``--jobs N`` prints exactly what ``--jobs 1`` prints.
Workers run the pipeline and fingerprint the findings (the only steps that
need the text). The main process then runs the cross-document checks (they
need every result, so results, never texts, are held only when one is
selected), per-file ignores and inline suppressions. With a per-document
output format (``run_rendered``), workers also do those last steps and
render each document, so the main process, which every document passes
through, mostly writes; it redoes them only for documents a cross-document
check reached.
"""
from __future__ import annotations

import os
import pickle
from collections import deque
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from .checks import CORPUS_REGISTRY, all_checks, corpus_reducers, merge_corpus_findings, selected
from .config import Settings
from .fingerprint import doc_key, fingerprint_findings, number_occurrences
from .model import Document, DocumentResult
from .pipeline import Options, batches, process_batch
from .language import languages
from .ruleset import load_ruleset
from .suppress import apply_suppressions, with_meta_fingerprints


@dataclass(frozen=True)
class Job:
    options: Options
    keep_text: bool = False
    # With ``--jobs``, workers also finish each document and render it with
    # this per-document formatter (``Formatter.per_document``), so the main
    # process only writes; ``settings`` are what ``finish`` reads.
    render: Any = None
    settings: Settings | None = None


@dataclass(frozen=True)
class Item:
    result: DocumentResult
    suppressions: tuple[Any, ...] = ()


@dataclass
class Stats:
    """Counts kept while results stream past."""

    suppressed: int = 0


@dataclass(frozen=True)
class Rendered:
    """A document finished and rendered where it was processed: what the main process still needs of it."""

    result: DocumentResult  # id, path, row, error and final findings; no figures, attributions or text
    quantities: int
    attributions: int
    suppressed: int
    text: Any  # what the formatter's render gave: the text to write, or its piece of the report


def _rendered(item: Item, job: Job) -> Rendered:
    """``item`` finished and rendered as the main process would do it."""
    stats = Stats()
    return _render(finish(item, job.settings, job.options.checks, stats), job.render, stats.suppressed)


def _render(r: DocumentResult, formatter: Any, suppressed: int) -> Rendered:
    """A finished result rendered, keeping only what the main process reads of it."""
    light = replace(r, quantities=(), attributions=(), text=None, facts=())
    return Rendered(light, len(r.quantities), len(r.attributions), suppressed, formatter.render(r))


def work(doc: Document, job: Job) -> Item:
    """One document through the pipeline, findings fingerprinted; never raises."""
    return work_batch([doc], job)[0]


def work_batch(docs: list[Document], job: Job) -> list[Item]:
    """``work`` over a batch, its rules run a batch at a time (``pipeline.process_batch``); never raises.

    A bug raised by one document is redone document by document, so that it
    costs that document, not the batch.
    """
    try:
        results = process_batch(docs, job.options)
    except Exception as exc:  # a bug must cost one document, not the run
        if len(docs) > 1:
            return [item for d in docs for item in work_batch([d], job)]
        doc = docs[0]
        results = [DocumentResult(doc.id, doc.path, doc.lang, f"{doc.path or doc.id}: internal error: {exc!r}",
                                  meta=doc.meta)]
    return [_item(doc, result, job) for doc, result in zip(docs, results)]


def _item(doc: Document, result: DocumentResult, job: Job) -> Item:
    if result.findings:
        result = replace(result, findings=fingerprint_findings(result.findings, doc.text, doc_key(doc.path, doc.id, doc.row)))
    result = replace(result, row=doc.row, text=doc.text if job.keep_text else None)
    return Item(result, doc.suppressions)


def _work_rendered(docs: list[Document], job: Job) -> list[Rendered]:
    return [_rendered(item, job) for item in work_batch(docs, job)]


@dataclass(frozen=True)
class _Packed:
    """Where a batch of items lies in a spool file, and what the cross-document reducers read of each.

    The items are pickled once and written to the spool where they were made
    (in a worker with ``--jobs``, to that worker's own file), so the bulk of
    the results never passes through the main process until it is read back;
    the main process receives only ``views`` (id, error and facts).
    """

    path: str  # the spool file
    offset: int
    blob_size: int  # the items, pickled
    views: tuple[DocumentResult, ...]
    # With ``Job.render``: the batch's ``Rendered`` documents, pickled, right
    # before the items. Most documents get no cross-document finding: for them
    # this is all the main process reads back from the spool.
    rendered_size: int = 0


# The spool file each process writes, by spool folder: one per process, so
# that workers never write to the same file. Opened on a process's first batch.
_SPOOLS: dict[str, Any] = {}


def _spool_for(folder: str) -> Any:
    fh = _SPOOLS.get(folder)
    if fh is None:
        fh = _SPOOLS[folder] = open(os.path.join(folder, f"{os.getpid()}.spool"), "ab")  # noqa: SIM115 (kept open)
    return fh


def _close_spool(folder: str) -> None:
    fh = _SPOOLS.pop(folder, None)
    if fh is not None:
        fh.close()


def _pack(items: list[Item], job: Job, folder: str) -> _Packed:
    views = tuple(DocumentResult(i.result.id, i.result.path, i.result.lang, i.result.error, facts=i.result.facts)
                  for i in items)
    rendered = b""
    if job.render is not None:
        rendered = pickle.dumps([_rendered(i, job) for i in items], protocol=pickle.HIGHEST_PROTOCOL)
    blob = pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    fh = _spool_for(folder)
    offset = fh.tell()
    fh.write(rendered)
    fh.write(blob)
    fh.flush()  # read back by the main process, once every batch is in
    return _Packed(fh.name, offset, len(blob), views, len(rendered))


def _work_packed(docs: list[Document], job: Job, folder: str) -> _Packed:
    return _pack(work_batch(docs, job), job, folder)


def _warm(lang: str, rule_dirs: tuple[str, ...]) -> None:
    """Load the rules once per process, before the first batch (pint loads only if a unit needs it)."""
    for one in languages(lang):
        load_ruleset(one, rule_dirs)


def map_documents(docs: Iterable[Document], job: Job, jobs: int = 1, lang: str = "ar") -> Iterator[Item]:
    """``work`` over every document, in input order, on ``jobs`` processes."""
    if jobs <= 1:
        for batch in batches(docs):
            yield from work_batch(batch, job)
        return
    for items in _pooled(_work_rendered if job.render is not None else work_batch, docs, job, jobs, lang):
        yield from items


def map_packed(docs: Iterable[Document], job: Job, folder: str, jobs: int = 1, lang: str = "ar") -> Iterator[_Packed]:
    """``work`` over every document, in input order, a batch at a time, spooled to files in ``folder``."""
    if jobs <= 1:
        for batch in batches(docs):
            yield _work_packed(batch, job, folder)  # nothing renders in this process: _run gives no formatter here
        return
    yield from _pooled(partial(_work_packed, folder=folder), docs, job, jobs, lang)


def _pooled(fn: Any, docs: Iterable[Document], job: Job, jobs: int, lang: str) -> Iterator[Any]:
    """``fn(batch, job)`` for every batch of documents on ``jobs`` processes, in input order."""
    from concurrent.futures import ProcessPoolExecutor  # only parallel runs pay for importing it

    _warm(lang, job.options.rule_dirs)  # forked workers inherit it; others build it in the initializer
    with ProcessPoolExecutor(jobs, initializer=_warm, initargs=(lang, job.options.rule_dirs)) as pool:
        pending: deque = deque()
        for batch in batches(docs):
            pending.append(pool.submit(fn, batch, job))
            if len(pending) >= 4 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _corpus_checks_active(select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> bool:
    list(all_checks())  # importing the check modules registers the corpus checks too
    return any(selected(code, select, ignore) for code in CORPUS_REGISTRY)


def run(docs: Iterable[Document], settings: Settings, checks: bool = True, keep_text: bool = False,
        stats: Stats | None = None) -> Iterator[DocumentResult]:
    """Every document's final result, in input order."""
    yield from _run(docs, settings, checks, keep_text, stats, None)


def run_rendered(docs: Iterable[Document], settings: Settings, formatter: Any, checks: bool = True,
                 keep_text: bool = False, stats: Stats | None = None) -> Iterator[Rendered]:
    """Every document finished and rendered by a per-document ``formatter``, in input order.

    With ``--jobs`` the workers render, so the main process, which every
    document passes through, only writes: the same text ``run`` and
    ``formatter.document`` give, made in parallel.
    """
    for done in _run(docs, settings, checks, keep_text, stats, formatter):
        yield done if isinstance(done, Rendered) else _render(done, formatter, 0)  # suppressions already counted


def _run(docs: Iterable[Document], settings: Settings, checks: bool, keep_text: bool, stats: Stats | None,
         render: Any) -> Iterator[DocumentResult | Rendered]:
    options = Options(checks=checks, select=settings.select, ignore=settings.ignore,
                      severities=settings.severities, rule_dirs=settings.rule_dirs, timeout=settings.timeout,
                      locale=settings.locale, reference=settings.references or None,
                      message_lang=settings.message_lang)
    corpus = checks and _corpus_checks_active(settings.select, settings.ignore)
    if settings.scheduler:
        yield from _run_on_cluster(docs, settings, options, Job(options, keep_text), corpus, stats)
        return
    jobs = settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)
    # Rendering moves to the workers only where there are workers.
    job = Job(options, keep_text, render if jobs > 1 else None, settings if jobs > 1 else None)
    if corpus:
        items: Iterable[Item | Rendered] = _with_corpus_findings(
            lambda folder: map_packed(docs, job, folder, jobs, settings.read.lang), settings)
    else:
        items = map_documents(docs, job, jobs, settings.read.lang)
    for item in items:
        if isinstance(item, Rendered):
            if stats is not None:
                stats.suppressed += item.suppressed
            yield item
        else:
            yield finish(item, settings, checks, stats)


class _Finished:
    """A finished reducer as ``merge_corpus_findings`` reads it, for one document."""

    def __init__(self, code: str, found: dict) -> None:
        self.code, self._found = code, found

    def finish(self) -> dict:
        return self._found


def _with_corpus_findings(packed: Callable[[str], Iterable[_Packed]], settings: Settings) -> Iterator[Item | Rendered]:
    """Every item with the cross-document findings merged in, holding no result in memory.

    ``packed(folder)`` runs the batches, which spool their results to files
    in ``folder``; the views stream through the reducers (which keep only
    what they compare). Once all are in, the batches are read back in input
    order and merged, as ``run_corpus_checks`` does for a list. Peak memory
    is the reducers', however long the corpus.
    """
    reducers = corpus_reducers(settings.select, settings.ignore, settings.message_lang)
    for reducer in reducers:
        if hasattr(reducer, "keep_log"):
            reducer.keep_log = False  # nothing is merged into a local reducer: no replay log
    import tempfile

    with tempfile.TemporaryDirectory(prefix="factcheck-spool-") as folder:
        try:
            # Where each batch lies and its documents' ids: all that is held per batch.
            spooled: list[tuple[_Packed, tuple[str, ...]]] = []
            for pack in packed(folder):
                for view in pack.views:
                    for reducer in reducers:
                        reducer.add(view)
                spooled.append((replace(pack, views=()), tuple(v.id for v in pack.views)))
        finally:
            _close_spool(folder)  # this process's own file, with --jobs 1
        found = [(reducer.code, reducer.finish()) for reducer in reducers]
        readers: dict[str, Any] = {}
        try:
            for pack, ids in spooled:
                spool = readers.get(pack.path)
                if spool is None:
                    spool = readers[pack.path] = open(pack.path, "rb")  # noqa: SIM115 (closed below)
                spool.seek(pack.offset)
                yield from _unpacked(spool, pack, ids, found, settings)
        finally:
            for fh in readers.values():
                fh.close()


def _unpacked(spool: Any, pack: _Packed, ids: tuple[str, ...], found: list[tuple[str, dict]],
              settings: Settings) -> Iterator[Item | Rendered]:
    """The items of one spooled batch (``spool`` at its offset), cross-document findings merged in."""
    rendered = pickle.loads(spool.read(pack.rendered_size)) if pack.rendered_size else None
    if rendered is not None and not any(rid in by_doc for rid in ids for _, by_doc in found):
        yield from rendered  # finished and rendered in the worker: nothing to merge
        return
    for k, item in enumerate(pickle.loads(spool.read(pack.blob_size))):
        rid = item.result.id
        finished = [_Finished(code, {rid: by_doc[rid]}) for code, by_doc in found if rid in by_doc]
        if finished:
            item = replace(item, result=merge_corpus_findings([item.result], finished, settings.severities)[0])
        elif rendered is not None:
            item = rendered[k]
        yield item


def _item_result(item: Item) -> DocumentResult:
    return item.result


def _run_on_cluster(docs: Iterable[Document], settings: Settings, options: Options, job: Job, corpus: bool,
                    stats: Stats | None) -> Iterator[DocumentResult]:
    """The same steps on a Dask cluster: workers run ``work`` and partial reducers."""
    from .distributed import ClusterMap

    cluster = ClusterMap(settings.scheduler)
    try:
        items: Iterable[Item] = cluster.run(docs, partial(work_batch, job=job), _item_result, options, reduce=corpus)
        if corpus:
            held = list(items)
            results = merge_corpus_findings([i.result for i in held], cluster.reducers, settings.severities)
            items = [replace(i, result=r) for i, r in zip(held, results)]
        for item in items:
            yield finish(item, settings, checks=options.checks, stats=stats)
    finally:
        cluster.close()


def finish(item: Item, settings: Settings, checks: bool = True, stats: Stats | None = None) -> DocumentResult:
    """Per-file ignores, suppressions and final fingerprints of one result."""
    r = item.result
    if not checks or r.error is not None:
        return r
    ignore = settings.ignore + settings.ignores_for(r.path)
    findings = tuple(f for f in r.findings if selected(f.code, settings.select, ignore))
    findings, hidden = apply_suppressions(findings, item.suppressions, settings.select, ignore, settings.severities)
    if stats is not None:
        stats.suppressed += hidden
    key = doc_key(r.path, r.id, r.row)
    findings = number_occurrences(with_meta_fingerprints(findings, item.suppressions, key), key)
    return replace(r, findings=findings)
