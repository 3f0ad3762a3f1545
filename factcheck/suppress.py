"""Inline suppressions: an editor's "this finding is known, and here is why".

Markdown: an HTML comment, ``<!-- factcheck: ignore FC101 reason -->``. It
covers the paragraph it sits in (the run of non-blank lines around it); a
comment that is a paragraph of its own covers the next paragraph.
``<!-- factcheck: ignore-file FC101 reason -->`` covers the whole document.
JSONL: a row field (``suppress`` by default) holding a list of
``"FC101 reason"`` strings or ``{"code": "FC101", "reason": "..."}`` objects;
these cover the whole document.

The reason is required. A suppression without one, or without a code, is
reported as FC002 and suppresses nothing; a suppression that hides nothing
is reported as FC001, so stale ones get cleaned up.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

import regex

from .checks import line_starts, selected
from .model import Finding

UNUSED = ("FC001", "unused-suppression", "warning")
INVALID = ("FC002", "invalid-suppression", "error")
META_CHECKS = {
    UNUSED[0]: (UNUSED, "An inline suppression that hid no finding: the figure was fixed or moved, so remove it."),
    INVALID[0]: (INVALID, "An inline suppression with no check code or no reason; it suppresses nothing."),
}

_COMMENT = regex.compile(r"<!--\s*factcheck\s*:\s*(?P<body>.*?)\s*-->", regex.S)
_CODES = regex.compile(r"\s*(FC\d{1,3}(?:\s*,\s*FC\d{1,3})*)(?=\s|,|$)")


@dataclass(frozen=True)
class Suppression:
    """Codes (by prefix) hidden over a line range, or the whole document."""

    codes: tuple[str, ...]
    reason: str
    start: int  # where the suppression is written (original offsets)
    end: int
    first_line: int | None = None  # None: the whole document
    last_line: int | None = None
    problem: str | None = None  # set when the suppression is invalid
    raw: str = ""
    line: int = 1  # where it is written, for FC001/FC002
    column: int = 1

    def covers(self, f: Finding) -> bool:
        if self.problem or not any(f.code.startswith(c) for c in self.codes):
            return False
        return self.first_line is None or self.first_line <= f.line <= self.last_line  # type: ignore[operator]


def _parse_body(body: str) -> tuple[str, tuple[str, ...], str, str | None]:
    """(directive, codes, reason, problem) of ``ignore FC101, FC102 reason``."""
    directive, _, rest = body.partition(" ")
    directive = directive.strip().lower()
    if directive not in ("ignore", "ignore-file"):
        return directive, (), "", f"unknown directive {directive!r}: write 'ignore CODE reason' or 'ignore-file CODE reason'"
    m = _CODES.match(rest)
    if not m:
        return directive, (), "", "no check code: write 'ignore FC101 reason'"
    codes = tuple(c.strip() for c in m.group(1).split(","))
    reason = rest[m.end():].strip(" \t\n:-–—")
    problem = None if reason else f"no reason given for ignoring {', '.join(codes)}: say why after the code"
    return directive, codes, reason, problem


def _line_blank(view: str, starts: list[int], n: int) -> bool:
    s = starts[n - 1]
    e = starts[n] - 1 if n < len(starts) else len(view)
    return not view[s:e].strip()


def _scope(view: str, starts: list[int], first: int, last: int) -> tuple[int, int]:
    """Lines of the paragraph around ``first..last``, or the next paragraph if those are blank."""
    n_lines = len(starts)
    if all(_line_blank(view, starts, n) for n in range(first, last + 1)):
        line = last + 1  # a comment alone on its line(s): the paragraph that follows
        while line <= n_lines and _line_blank(view, starts, line):
            line += 1
        if line > n_lines:
            return n_lines + 1, n_lines + 1
        first = last = line
    while first > 1 and not _line_blank(view, starts, first - 1):
        first -= 1
    while last < n_lines and not _line_blank(view, starts, last + 1):
        last += 1
    return first, last


def parse_markdown(text: str, view: str) -> tuple[Suppression, ...]:
    """Suppression comments of a Markdown text (``view`` is its blanked form)."""
    out: list[Suppression] = []
    starts: list[int] = []
    for m in _COMMENT.finditer(text):
        starts = starts or line_starts(text)
        directive, codes, reason, problem = _parse_body(m.group("body"))
        first = last = None
        if directive != "ignore-file":
            first, last = _scope(view, starts, bisect_right(starts, m.start()), bisect_right(starts, m.end() - 1))
        line = bisect_right(starts, m.start())
        out.append(Suppression(codes, reason, m.start(), m.end(), first, last, problem, m.group(),
                               line, m.start() - starts[line - 1] + 1))
    return tuple(out)


def parse_field(value: Any) -> tuple[Suppression, ...]:
    """Suppressions from a JSONL row's field: strings or {code, reason} objects."""
    items = value if isinstance(value, list) else [value]
    out: list[Suppression] = []
    for item in items:
        if isinstance(item, Mapping):
            raw = str(dict(item))
            code = item.get("code")
            codes = tuple(code if isinstance(code, list) else [code]) if code else ()
            codes = tuple(str(c) for c in codes)
            reason = str(item.get("reason") or "").strip()
            problem = None
            if not codes or not all(regex.fullmatch(r"FC\d{1,3}", c) for c in codes):
                problem = "no check code: give {\"code\": \"FC101\", \"reason\": \"...\"}"
            elif not reason:
                problem = f"no reason given for ignoring {', '.join(codes)}: add a \"reason\""
            out.append(Suppression(codes, reason, 0, 0, None, None, problem, raw))
        elif isinstance(item, str):
            _, codes, reason, problem = _parse_body("ignore " + item)
            out.append(Suppression(codes, reason, 0, 0, None, None, problem, item))
        else:
            out.append(Suppression((), "", 0, 0, None, None, "a suppression is a string or an object", repr(item)))
    return tuple(out)


def apply_suppressions(findings: Iterable[Finding], sups: tuple[Suppression, ...],
                       select: Iterable[str] | None, ignore: Iterable[str] | None,
                       severities: Mapping[str, str] | None = None) -> tuple[tuple[Finding, ...], int]:
    """Findings left after suppressions, plus FC001/FC002 findings; and the count hidden."""
    kept: list[Finding] = []
    used = [False] * len(sups)
    hidden = 0
    for f in findings:
        for i, s in enumerate(sups):
            if s.covers(f):
                used[i] = True
                hidden += 1
                break
        else:
            kept.append(f)
    meta: list[Finding] = []
    for s, was_used in zip(sups, used):
        if s.problem:
            kind, message = INVALID, f"invalid suppression: {s.problem}"
        elif not was_used and any(selected(c, select, ignore) for c in s.codes):
            kind, message = UNUSED, f"unused suppression of {', '.join(s.codes)}: no such finding in its scope"
        else:
            continue
        code, name, severity = kind
        if not selected(code, select, ignore):
            continue
        meta.append(Finding(code, name, (severities or {}).get(code, severity), message, s.start, s.end, s.line, s.column))
    out = sorted(kept + meta, key=lambda f: (f.start, f.code, f.end))
    return tuple(out), hidden


def with_meta_fingerprints(findings: tuple[Finding, ...], sups: tuple[Suppression, ...], doc_key: str) -> tuple[Finding, ...]:
    """FC001/FC002 are fingerprinted by the comment they point at."""
    from .fingerprint import base_fingerprint

    by_start = {s.start: s for s in sups}
    return tuple(replace(f, fingerprint=base_fingerprint(f.code, doc_key, by_start[f.start].raw if f.start in by_start else ""))
                 if f.code in META_CHECKS and f.fingerprint is None else f for f in findings)
