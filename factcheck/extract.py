"""Run compiled rules over normalised text and keep the winning matches."""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable

from .errors import RuleTimeoutError
from .model import Match
from .ruleset import Rule

# Every rule gets at least this long per document; big documents get more.
MIN_TIMEOUT = 1.0
CHARS_PER_SECOND_FLOOR = 200_000


def timeout_for(text: str) -> float:
    """The time budget of one rule over ``text``: generous, but finite."""
    return max(MIN_TIMEOUT, len(text) / CHARS_PER_SECOND_FLOOR)


def match_rules(text: str, rules: Iterable[Rule], timeout: float | None = None) -> list[Match]:
    """Every non-empty match of every rule, under the ``regex`` module's timeout."""
    budget = timeout if timeout is not None else timeout_for(text)
    out: list[Match] = []
    for rule in rules:
        names = tuple(rule.compiled.groupindex)
        try:
            for m in rule.compiled.finditer(text, timeout=budget):
                if m.end() == m.start():
                    continue
                groups = {n: m.span(n) for n in names if m.start(n) >= 0}
                out.append(Match(rule.id, rule.kind, rule.priority, rule.order, m.start(), m.end(), groups, rule.params))
        except TimeoutError:
            raise RuleTimeoutError(rule.id, budget) from None
    return out


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
