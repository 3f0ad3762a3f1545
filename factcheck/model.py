"""Frozen dataclasses passed between the pipeline stages.

Offsets named ``start``/``end`` are half-open, in code points of the ORIGINAL
text of a document, unless a field says ``norm_``: those index the
normalised text and never leave the pipeline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Document:
    """One input document as read, before any processing."""

    id: str
    text: str
    path: str | None = None
    lang: str = "ar"
    meta: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    # What the pipeline reads when it differs from ``text`` (Markdown with its
    # markup blanked): same length, so every offset still indexes ``text``.
    view: str | None = None
    # 1-based line of the JSONL row this document came from.
    row: int | None = None
    # Inline suppressions found while reading (see ``suppress.py``).
    suppressions: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Span:
    """A piece of the original text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Sentence:
    """A sentence of the normalised text, with the paragraph it belongs to."""

    index: int
    paragraph: int
    norm_start: int
    norm_end: int


@dataclass(frozen=True)
class Match:
    """One rule match on the normalised text; groups hold normalised spans."""

    rule_id: str
    rule_kind: str
    priority: int
    order: int
    norm_start: int
    norm_end: int
    groups: Mapping[str, tuple[int, int]]
    params: Mapping[str, Any]

    @property
    def length(self) -> int:
        return self.norm_end - self.norm_start


@dataclass(frozen=True)
class Normalized:
    """A quantity's value in pint base (or canonical) units."""

    value: float
    unit: str


@dataclass(frozen=True)
class NormalizedRange:
    """A range's or a bound's ends in pint base (or canonical) units; an open end is None."""

    min: float | None
    max: float | None
    unit: str


@dataclass(frozen=True)
class Quantity:
    """A numeric expression found in a document."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    min: float | None
    max: float | None
    unit: str | None
    qualifier: str
    normalized: Normalized | None
    statistic: bool
    rule: str
    sentence: int
    norm_start: int
    norm_end: int
    noun: str | None = None
    unit_candidates: tuple[str, ...] = ()
    attribution: str | None = None
    link_reason: str | None = None
    normalized_range: NormalizedRange | None = None


@dataclass(frozen=True)
class Attribution:
    """Who said something, and with which reporting cue."""

    id: str
    start: int
    end: int
    kind: str
    source: Span | None
    cue: Span
    lemma: str
    stance: str
    rule: str
    sentence: int
    paragraph: int
    # The normalised span whose figures this attribution covers.
    scope_start: int
    scope_end: int
    speaker: str | None = None
    quote: Span | None = None
    carried: bool = False
    # How the scope was drawn: "quote", "frame" or "clause".
    reach: str = "clause"
    # Who passed the claim on (ونقلت الصحيفة عن مصادر: the relay is الصحيفة).
    relay: Span | None = None
    # True when the attribution carries a direct quotation.
    direct: bool = False
    # For a carried cue or a participle: the attribution that named its speaker.
    antecedent: str | None = None
    # The normalised span of the quotation, for linking.
    norm_quote: tuple[int, int] | None = None


@dataclass(frozen=True)
class Finding:
    """One check result, flake8-style plus the quantities it concerns."""

    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    quantities: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    # Stable id of the finding across edits elsewhere in the document.
    fingerprint: str | None = None
    # Other places the finding concerns (the earlier figure, the other
    # document): mappings with "document", "start", "end", "text", "quantity".
    related: tuple[Mapping[str, Any], ...] = ()
    # Where the flagged text ends: the line and the column of the character
    # after it (None when unknown: a finding about a suppression comment).
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True)
class DocumentResult:
    """Everything found in one document, or the error that stopped it."""

    id: str
    path: str | None
    lang: str
    error: str | None
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    findings: tuple[Finding, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    row: int | None = None
    # The original text, kept only when an output format needs it (html).
    text: str | None = None
    # Compact per-figure keys for cross-document checks (checks.keys.Fact); not reported.
    facts: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result of one run over one or more documents."""

    documents: tuple[DocumentResult, ...]
    version: str

    @property
    def errors(self) -> int:
        return sum(1 for d in self.documents if d.error is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.findings)
