"""Output formats. Each formatter turns results into text as they stream past.

``begin()``, then ``document(result)`` per document in input order, then
``end(summary)``; each returns the text to write. Streaming formats (text,
jsonl, github) write every document at once; the others (json, sarif, html)
collect and write at the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import DocumentResult

FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")


@dataclass
class Summary:
    """What a run adds up to, for the last lines of a report."""

    version: str
    documents: int = 0
    errors: int = 0
    quantities: int = 0
    attributions: int = 0
    findings: int = 0
    suppressed: int = 0
    baseline_hidden: int | None = None  # None: no baseline in use
    stale: list[dict[str, Any]] = field(default_factory=list)

    def add(self, r: DocumentResult, quantities: int | None = None, attributions: int | None = None) -> None:
        """Count one document; ``quantities`` and ``attributions`` when ``r`` no longer holds them."""
        self.documents += 1
        self.errors += r.error is not None
        self.quantities += len(r.quantities) if quantities is None else quantities
        self.attributions += len(r.attributions) if attributions is None else attributions
        self.findings += len(r.findings)

    def extra_json(self) -> dict[str, Any]:
        """Fields a JSON report adds to its summary (additive to the contract)."""
        out: dict[str, Any] = {"suppressed": self.suppressed}
        if self.baseline_hidden is not None:
            out["baseline"] = {"hidden": self.baseline_hidden, "stale": self.stale}
        return out


class Formatter:
    streaming = True
    needs_text = False
    # True when ``document`` depends on nothing but its result (no state, no
    # order): worker processes may then render documents in parallel.
    per_document = False

    def begin(self) -> str:
        return ""

    def document(self, r: DocumentResult) -> str:
        raise NotImplementedError

    def render(self, r: DocumentResult) -> Any:
        """The document's text, or the formatter's piece of its output, from nothing but its result.

        For ``per_document`` formatters; it may run in a worker process.
        """
        return self.document(r)

    def rendered(self, r: DocumentResult, text: Any) -> str:
        """What to write for a document ``render`` already turned into ``text``."""
        return text

    def end(self, summary: Summary) -> str:
        return ""


def display_name(r: DocumentResult) -> str:
    """How a document is named in line-oriented output: its path, and its id for a JSONL row."""
    if r.row is not None:
        return f"{r.path}#{r.id}"
    return r.path or r.id


def make_formatter(name: str, *, color: bool = False, verbose: bool = False) -> Formatter:
    if name == "text":
        from .text import TextFormatter

        return TextFormatter(color=color, verbose=verbose)
    if name in ("json", "jsonl"):
        from .json import JsonFormatter, JsonlFormatter

        return JsonFormatter() if name == "json" else JsonlFormatter()
    if name == "sarif":
        from .sarif import SarifFormatter

        return SarifFormatter()
    if name == "github":
        from .github import GithubFormatter

        return GithubFormatter()
    if name == "html":
        from .html import HtmlFormatter

        return HtmlFormatter()
    raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
