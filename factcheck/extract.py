"""Run compiled rules over normalised text and keep the winning matches."""
from __future__ import annotations

import time
from bisect import bisect_left
from typing import Iterable, Sequence

from .errors import RuleTimeoutError
from .model import Match
from .ruleset import Rule
from .scan import Scanner, build_scanner, intersect, windows

# Every rule gets at least this long per document; big documents get more.
MIN_TIMEOUT = 1.0
CHARS_PER_SECOND_FLOOR = 200_000
# A rule with triggers (prefilter.py) runs on windows reaching this far around
# them. A match that comes within half of it of a window's edge may have been
# cut short, so that window grows and runs again: the matches are those of a
# scan of the whole text.
WINDOW_REACH = 64


def timeout_for(text: str) -> float:
    """The time budget of one rule over ``text``: generous, but finite."""
    return max(MIN_TIMEOUT, len(text) / CHARS_PER_SECOND_FLOOR)


def match_rules(text: str, rules: Iterable[Rule], timeout: float | None = None) -> list[Match]:
    """Every non-empty match of every rule, under the ``regex`` module's timeout.

    Rules with triggers run only around them (one scan finds them all):
    tried only where a match can start (an anchor), or on windows; the
    others scan the whole text.
    """
    budget = timeout if timeout is not None else timeout_for(text)
    rules = tuple(rules)
    scanner, windowed = _scanner(rules)
    hits = scanner.hits(text) if scanner is not None else []
    out: list[Match] = []
    for rule in rules:
        names = tuple(rule.compiled.groupindex)
        slots = windowed.get(rule.id)
        try:
            if slots is None:
                spans = rule.compiled.finditer(text, timeout=budget)
            elif rule.anchor is not None:
                spans = _anchored(rule, text, hits[slots[0]], budget)
            else:
                # A match holds a trigger of every set: it lies where their windows meet.
                found = [windows(hits[k], WINDOW_REACH, len(text)) for k in slots]
                spans = _windowed(rule, text, intersect(found), budget)
            for m in spans:
                if m.end() == m.start():
                    continue
                groups = {n: m.span(n) for n in names if m.start(n) >= 0}
                out.append(Match(rule.id, rule.kind, rule.priority, rule.order, m.start(), m.end(), groups, rule.params))
        except TimeoutError:
            raise RuleTimeoutError(rule.id, budget) from None
    return out


def _windowed(rule: Rule, text: str, spans: Sequence[tuple[int, int]], budget: float) -> list:
    """The rule's matches over ``text``, searching only the ``spans`` windows.

    Searches chain as in ``finditer`` (each starts where the last match
    ended). A match within a margin of a window's edge, where the window cut
    the text, may differ from the whole text's: the window doubles its
    margin on both sides and runs again.
    """
    deadline = time.monotonic() + budget
    n = len(text)
    out: list = []
    pos = 0
    for a, b in spans:
        a = max(a, pos)
        margin = WINDOW_REACH // 2
        while True:
            found = []
            edge = False
            left = max(deadline - time.monotonic(), 0.001)
            for m in rule.compiled.finditer(text, a, b, timeout=left):
                if m.end() == m.start():
                    continue
                if (a > pos and m.start() < a + margin) or (b < n and m.end() > b - margin):
                    edge = True
                    break
                found.append(m)
            if not edge:
                break
            a, b, margin = max(pos, a - 2 * margin), min(n, b + 2 * margin), 2 * margin
        out.extend(found)
        if found:
            pos = found[-1].end()
    return out


def _anchored(rule: Rule, text: str, spans: Sequence[tuple[int, int]], budget: float) -> list:
    """The rule's matches over ``text``, tried only where its anchor says one can start.

    Every match starts ``lo`` to ``hi`` characters before one of its triggers,
    so trying those positions in order, each search starting where the last
    match ended, gives what ``finditer`` over the whole text gives.
    """
    deadline = time.monotonic() + budget
    anchor = rule.anchor
    starts = sorted({s - d for s, _ in spans for d in range(anchor.lo, anchor.hi + 1) if s >= d})
    out: list = []
    pos = 0
    for p in starts:
        if p < pos:
            continue
        m = rule.compiled.match(text, p, timeout=max(deadline - time.monotonic(), 0.001))
        if m is not None and m.end() > m.start():
            out.append(m)
            pos = m.end()
    return out


_SCANNERS: dict[tuple[int, ...], tuple[tuple[Rule, ...], Scanner | None, dict[str, tuple[int, ...]]]] = {}


def _scanner(rules: tuple[Rule, ...]) -> tuple[Scanner | None, dict[str, tuple[int, ...]]]:
    """The trigger scanner of this set of rules, built once and cached.

    Each trigger set of each rule is one slot of the scanner; the map gives
    a rule's slots.
    """
    key = tuple(id(r) for r in rules)
    cached = _SCANNERS.get(key)
    if cached is None:
        sets: list[frozenset] = []
        slots: dict[str, tuple[int, ...]] = {}
        for r in rules:
            wanted = (r.anchor.triggers,) if r.anchor is not None else r.triggers
            if wanted is not None:
                slots[r.id] = tuple(range(len(sets), len(sets) + len(wanted)))
                sets.extend(wanted)
        scanner = build_scanner(sets) if sets else None
        # The rules are kept in the cache entry so that their ids stay theirs.
        cached = _SCANNERS[key] = (rules, scanner, slots)
    return cached[1], cached[2]


def resolve_overlaps(matches: Iterable[Match]) -> list[Match]:
    """Non-overlapping winners: longest span, then priority, then file order."""
    ranked = sorted(matches, key=lambda m: (-m.length, -m.priority, m.order, m.norm_start))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Match] = []
    for m in ranked:
        i = bisect_left(starts, m.norm_start)
        if i > 0 and ends[i - 1] > m.norm_start:
            continue
        if i < len(starts) and starts[i] < m.norm_end:
            continue
        starts.insert(i, m.norm_start)
        ends.insert(i, m.norm_end)
        chosen.append(m)
    return sorted(chosen, key=lambda m: (m.norm_start, m.norm_end))
