"""FC204: figures checked against a user's reference table.

The table is a CSV file with the columns ``subject,aliases,value,unit,
tolerance,source``: ``aliases`` separated by ``|``, ``unit`` a pint unit, an
ISO 4217 code, ``percent``, or empty for a bare count, ``tolerance``
relative (0.02 = 2 %). A figure is compared when the subject or one of its
aliases is named next to it (same sentence, a few words away, no other
figure between) and its unit has the same dimension.
"""
from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..errors import RuleFileError
from ..model import Quantity
from ..normalize import fold_key
from ..units import canonical_unit, to_canonical
from . import CheckContext, Hit, check
from .keys import comparable, dimension, interval
from .text import find_word, head_tokens, rfind_word, tail_tokens

COLUMNS = ("subject", "aliases", "value", "unit", "tolerance", "source")
_COUNT_UNITS = {"", "count", "1"}


@dataclass(frozen=True)
class ReferenceEntry:
    subject: str
    names: frozenset[str]  # folded subject and aliases
    value: float
    unit: str | None
    dimension: str  # what a figure's checks.keys.dimension must equal
    base_value: float
    tolerance: float
    source: str
    row: int


@dataclass(frozen=True)
class ReferenceTable:
    path: str
    entries: tuple[ReferenceEntry, ...]

    def names(self) -> frozenset[str]:
        return frozenset(n for e in self.entries for n in e.names)


def load_reference(path: str) -> ReferenceTable:
    """The table at ``path`` (cached while the file is unchanged); errors name file and row."""
    try:
        stamp = os.stat(path).st_mtime_ns
    except OSError as exc:
        raise RuleFileError([f"{path}: cannot read the reference table: {exc.strerror}"]) from None
    return _load(path, stamp)


@lru_cache(maxsize=8)
def _load(path: str, _stamp: int) -> ReferenceTable:
    problems: list[str] = []
    entries: list[ReferenceEntry] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise RuleFileError([f"{path}:1: the header must be {','.join(COLUMNS)}, found {','.join(reader.fieldnames or [])}"])
            for row in reader:
                line = reader.line_num
                entry = _entry(row, line, path, problems)
                if entry is not None:
                    entries.append(entry)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RuleFileError([f"{path}: cannot read the reference table: {exc}"]) from None
    if problems:
        raise RuleFileError(problems)
    return ReferenceTable(path, tuple(entries))


def _entry(row: dict, line: int, path: str, problems: list[str]) -> ReferenceEntry | None:
    where = f"{path}:{line}"
    if None in row or any(row.get(c) is None for c in COLUMNS):
        problems.append(f"{where}: expected {len(COLUMNS)} columns")
        return None
    subject = row["subject"].strip()
    if not subject:
        problems.append(f"{where}: subject is empty")
        return None
    try:
        value = float(row["value"])
        tolerance = float(row["tolerance"] or 0)
    except ValueError:
        problems.append(f"{where} [{subject}]: value and tolerance must be numbers")
        return None
    if not math.isfinite(value) or tolerance < 0 or not math.isfinite(tolerance):
        problems.append(f"{where} [{subject}]: value must be finite and tolerance a relative number >= 0")
        return None
    raw_unit = row["unit"].strip()
    unit = None
    dim = "count"
    base = value
    if raw_unit not in _COUNT_UNITS:
        unit = canonical_unit(raw_unit)
        norm = to_canonical(value, unit) if unit else None
        if unit is None or norm is None:
            problems.append(f"{where} [{subject}]: unknown unit {raw_unit!r}")
            return None
        dim, base = norm.unit, norm.value
    names = {fold_key(subject)} | {fold_key(a) for a in row["aliases"].split("|") if a.strip()}
    return ReferenceEntry(subject, frozenset(names), value, unit, dim, base, tolerance, row["source"].strip(), line)


def load_references(paths: str | tuple[str, ...] | list[str]) -> ReferenceTable:
    """One table made of one or several CSV files (later files add entries).

    Read once per process and set of files, not once per document.
    """
    return _load_references((paths,) if isinstance(paths, str) else tuple(paths))


@lru_cache(maxsize=8)
def _load_references(paths: tuple[str, ...]) -> ReferenceTable:
    tables = [load_reference(p) for p in paths]
    if len(tables) == 1:
        return tables[0]
    return ReferenceTable("|".join(t.path for t in tables), tuple(e for t in tables for e in t.entries))


def _near(ctx: CheckContext, q: Quantity, window: int) -> tuple[list[str], list[str]]:
    s = ctx.sentences[q.sentence]
    prev = max([s.norm_start] + [p.norm_end for p in ctx.quantities if p.sentence == q.sentence and p.norm_end <= q.norm_start])
    nxt = min([s.norm_end] + [p.norm_start for p in ctx.quantities if p.sentence == q.sentence and p.norm_start >= q.norm_end])
    return tail_tokens(ctx.norm_text, prev, q.norm_start, window), head_tokens(ctx.norm_text, q.norm_end, nxt, window)


def _matching(ctx: CheckContext, q: Quantity, window: int) -> ReferenceEntry | None:
    before, after = _near(ctx, q, window)
    best: tuple[int, ReferenceEntry] | None = None
    dim = dimension(q)
    for e in ctx.reference.entries:
        if e.dimension != dim:
            continue
        i = rfind_word(before, e.names)
        j = find_word(after, e.names)
        dist = min(len(before) - i if i >= 0 else 99, j + 1 if j >= 0 else 99)
        if dist < 99 and (best is None or dist < best[0]):
            best = (dist, e)
    return best[1] if best else None


@check("FC204", "reference-mismatch", severity="warning")
def reference_mismatch(ctx: CheckContext) -> Iterator[Hit]:
    """A figure that contradicts the user's reference table (``--reference FILE``).

    The docstring examples run with a table holding «مساحة سوريا» = 185180 km²
    (tolerance 1 %) and «عدد سكان تونس» = 11.8 million (tolerance 5 %).

    Okay: قال الوزير إن مساحة سوريا تبلغ 185 ألف كيلومتر مربع.
    Okay: قال الوزير إن عدد سكان تونس يبلغ نحو 12 مليون نسمة.
    FC204: قال الوزير إن مساحة سوريا تبلغ 150 ألف كيلومتر مربع.
    FC204: قال الوزير إن عدد سكان تونس يبلغ 9 ملايين نسمة.
    """
    if ctx.reference is None or not ctx.norm_text or not ctx.reference.entries:
        return
    window, approx = ctx.param("FC204", "window"), ctx.param("FC204", "approximate")
    for q in ctx.quantities:
        if not comparable(q) or q.sentence >= len(ctx.sentences):
            continue
        e = _matching(ctx, q, window)
        if e is None:
            continue
        lo, hi = interval(q, ctx.norm_text, approx)
        ref_lo, ref_hi = e.base_value * (1 - e.tolerance), e.base_value * (1 + e.tolerance)
        if hi < min(ref_lo, ref_hi) or lo > max(ref_lo, ref_hi):
            unit = f" {e.unit}" if e.unit else ""
            yield Hit(q.start, q.end, ctx.say("FC204", figure=q.text, subject=e.subject, value=f"{e.value:,.10g}", unit=unit,
                                              tolerance=f"{e.tolerance:.0%}", source=e.source or "-"),
                      quantities=(q.id,))
