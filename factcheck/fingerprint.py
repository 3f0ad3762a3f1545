"""Stable finding fingerprints, for baselines and SARIF ``partialFingerprints``.

A fingerprint hashes what identifies a finding to a reader: the check code,
the document (its path, or its id for a JSONL row), the flagged text and a
few words either side of it on the same line (spaces collapsed). Line
numbers and offsets are left out, so adding or removing paragraphs elsewhere
keeps every other fingerprint. Identical findings in one document are told
apart by their order (``:0``, ``:1``, ...).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from typing import Iterable

from .model import Finding

CONTEXT_CHARS = 24


def base_fingerprint(code: str, doc_key: str, anchor: str) -> str:
    data = "\x1f".join((code, doc_key, " ".join(anchor.split())))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def anchor_of(text: str, start: int, end: int) -> str:
    """The flagged text with up to CONTEXT_CHARS around it, never crossing a line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return text[max(line_start, start - CONTEXT_CHARS):min(line_end, end + CONTEXT_CHARS)]


def fingerprint_findings(findings: Iterable[Finding], text: str, doc_key: str) -> tuple[Finding, ...]:
    """Give every finding its base fingerprint (occurrence numbers come later)."""
    return tuple(f if f.fingerprint else replace(f, fingerprint=base_fingerprint(f.code, doc_key, anchor_of(text, f.start, f.end)))
                 for f in findings)


def number_occurrences(findings: Iterable[Finding], key: str) -> tuple[Finding, ...]:
    """Append ``:n``, the finding's rank among same-hash findings of document ``key``.

    Findings added without the text (cross-document checks) hash their message.
    """
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        base = f.fingerprint or base_fingerprint(f.code, key, f.message)
        out.append(replace(f, fingerprint=f"{base}:{seen[base]}"))
        seen[base] += 1
    return tuple(out)


def doc_key(path: str | None, doc_id: str, row: int | None) -> str:
    """What names a document in a fingerprint: the row's id in a JSONL file, else the path."""
    if row is not None or path is None:
        return f"{path or ''}#{doc_id}"
    return path
