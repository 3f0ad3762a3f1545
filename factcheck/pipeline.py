"""The only place that knows the order of the stages.

read -> normalise -> segment -> match rules -> quantities and attributions
-> link -> checks. Each stage is a function of its own module.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Iterable, Iterator, Mapping, Sequence

from .attributions import build_attributions
from .checks import CheckContext, collect_facts, run_checks
from .errors import FactcheckError
from .extract import match_rules_many, resolve_overlaps
from .link import link_quantities
from .model import Document, DocumentResult
from .normalize import normalize_text
from .quantities import read_quantities
from .ruleset import Ruleset, load_ruleset
from .language import resolve as resolve_language
from .segment import split_sentences

# Documents matched together (see ``process_batch``): past about 16, larger
# batches are hardly faster.
BATCH = 16


@dataclass(frozen=True)
class Options:
    """What to run: checks on or off, which codes, which severities."""

    checks: bool = True
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, str] = field(default_factory=dict)
    rule_dirs: tuple[str, ...] = ()
    timeout: float | None = None
    # Reference tables (CSV: subject,aliases,value,unit,tolerance,source) for FC204: one path or several.
    reference: str | tuple[str, ...] | None = None
    # Language of finding messages: "en" or "ar".
    message_lang: str = "en"
    # Document locale (EG, ar-SA ...): resolves bare ambiguous currencies
    # (جنيه، ريال، دينار). A document's own ``locale`` metadata wins.
    locale: str | None = None


def process_document(doc: Document, options: Options = Options(), ruleset: Ruleset | None = None) -> DocumentResult:
    """Run every stage over one document; errors become the document's ``error``."""
    return process_batch([doc], options, ruleset)[0]


def process_batch(docs: Sequence[Document], options: Options = Options(),
                  ruleset: Ruleset | None = None) -> list[DocumentResult]:
    """``process_document`` over each document, the rules run a batch at a time.

    Each result is exactly the one ``process_document`` gives its document
    alone; only the order of the work differs (``extract.match_rules_many``):
    a batch of documents is matched faster than the same documents one by one.
    """
    results: list[DocumentResult | None] = [None] * len(docs)
    ready: dict[int, list] = {}  # id of a ruleset -> [that ruleset, its (index, document, normalised text)]
    for i, doc in enumerate(docs):
        doc = resolve_language(doc)  # --lang auto: each document is read with its own language's rules
        if doc.error is not None:
            results[i] = DocumentResult(doc.id, doc.path, doc.lang, doc.error, meta=doc.meta)
            continue
        try:
            rs = ruleset or load_ruleset(doc.lang, options.rule_dirs)
            ready.setdefault(id(rs), [rs, []])[1].append((i, doc, _normalize(doc)))
        except FactcheckError as exc:
            results[i] = DocumentResult(doc.id, doc.path, doc.lang, str(exc), meta=doc.meta)
    for rs, group in ready.values():
        # Both kinds in one run: one scan of each text finds the triggers of all.
        found = match_rules_many([nt.text for _, _, nt in group], rs.rules_of("quantity", "attribution"),
                                 options.timeout)
        for (i, doc, nt), matches in zip(group, found):
            results[i] = _finish(doc, nt, matches, rs, options)
    return results  # type: ignore[return-value]


def _finish(doc: Document, nt, matches, rs: Ruleset, options: Options) -> DocumentResult:
    """The stages after matching, for one document; errors become the document's ``error``."""
    try:
        if isinstance(matches, FactcheckError):
            raise matches
        sentences = split_sentences(nt.text)
        attribution_matches = resolve_overlaps(m for m in matches if m.rule_kind == "attribution")
        locale = doc.meta.get("locale") if isinstance(doc.meta.get("locale"), str) else options.locale
        quantities = read_quantities(nt, sentences, (m for m in matches if m.rule_kind == "quantity"), rs, locale)
        attributions = build_attributions(nt, sentences, attribution_matches, rs)
        quantities = link_quantities(quantities, attributions)
        findings: tuple = ()
        facts: tuple = ()
        if options.checks:
            from .checks.reference import load_references

            ctx = CheckContext(doc.text, doc.lang, tuple(quantities), tuple(attributions), nt.text, sentences, rs,
                               load_references(options.reference) if options.reference else None,
                               options.message_lang, doc.id, doc.meta, nt)
            findings = run_checks(ctx, options.select, options.ignore, options.severities)
            facts = collect_facts(ctx, options.select, options.ignore)
    except FactcheckError as exc:
        return DocumentResult(doc.id, doc.path, doc.lang, str(exc), meta=doc.meta)
    return DocumentResult(doc.id, doc.path, doc.lang, None, tuple(quantities), tuple(attributions), findings, doc.meta,
                          facts=facts)


def _normalize(doc: Document):
    """Fold the text the pipeline reads; spans still slice the original."""
    if doc.view is None:
        return normalize_text(doc.text)
    # The view has the same length as the text, so its offset map serves both.
    return replace(normalize_text(doc.view), original=doc.text)


def process_documents(docs: Iterable[Document], options: Options = Options()) -> Iterable[DocumentResult]:
    """Per-document stages only, lazily (a batch at a time), in input order."""
    for batch in batches(docs):
        yield from process_batch(batch, options)


def batches(docs: Iterable[Document], size: int | None = None) -> Iterator[list[Document]]:
    """The documents in lists of ``size`` (``BATCH``), in order, read lazily."""
    it = iter(docs)
    while batch := list(islice(it, size or BATCH)):
        yield batch


def run_corpus(docs: Iterable[Document], options: Options = Options()) -> list[DocumentResult]:
    """Every document, then the cross-document checks as a reduce step.

    Cross-document checks (``checks.corpus_checks``) see every result and
    return extra findings per document id, merged here in position order.
    """
    results = list(process_documents(docs, options))
    if not options.checks:
        return results
    from .checks import run_corpus_checks

    return run_corpus_checks(results, options.select, options.ignore, options.severities, options.message_lang)
