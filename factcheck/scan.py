"""One pass over a document that finds every rule's triggers, and the windows around them.

The trigger sets come from ``prefilter.py``. Literals found anywhere and
digits are one overlapped scan (a trie of the literals, the longest at each
position); literals that must end a word are a second one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import regex

from .prefilter import DIGIT

_NON_WORD = regex.compile(r"\W")


@dataclass(frozen=True)
class Scanner:
    """One pass over a document that finds every rule's triggers."""

    pattern: regex.Pattern  # literals found anywhere, and digits
    word_end: regex.Pattern | None  # literals that end a word
    literals: tuple[frozenset, ...]  # per rule: its literals found anywhere
    word_ends: tuple[frozenset, ...]  # per rule: its word-end literals
    digit_rules: frozenset[int]
    by_hit: dict = field(default_factory=dict)  # hit -> rules it triggers (filled lazily)
    by_end: dict = field(default_factory=dict)

    def hits(self, text: str) -> list[list[tuple[int, int]]]:
        """Per rule, the spans of its triggers in ``text``, in order."""
        out: list[list[tuple[int, int]]] = [[] for _ in self.literals]
        self._collect(self.pattern, text, self.by_hit, self._rules_for, out)
        if self.word_end is not None:
            self._collect(self.word_end, text, self.by_end, self._rules_ending, out)
            for spans in out:
                spans.sort()
        return out

    @staticmethod
    def _collect(pattern, text, known, find, out) -> None:
        for m in pattern.finditer(text, overlapped=True):
            hit = m.group()
            rules = known.get(hit)
            if rules is None:
                rules = known[hit] = find(hit)
            start = m.start()
            for i, length in rules:
                out[i].append((start, start + length))

    def _rules_for(self, hit: str) -> tuple[int, ...]:
        # The scan reports the longest trigger at each position; a rule is
        # triggered when one of its literals starts the hit, or it wants a
        # digit and the hit starts with one.
        prefixes = {hit[:n] for n in range(1, len(hit) + 1)}
        digit = regex.match(r"\d", hit) is not None
        return tuple((i, len(hit)) for i, lits in enumerate(self.literals)
                     if (digit and i in self.digit_rules) or not prefixes.isdisjoint(lits))

    def _rules_ending(self, hit: str) -> tuple[int, ...]:
        # The hit is the longest literal here that a non-word character
        # follows; a shorter one ends a word too when the hit goes on with a
        # non-word character (كانون in كانون الثاني).
        ends_here = {hit[:n] for n in range(1, len(hit) + 1) if n == len(hit) or _NON_WORD.match(hit, n)}
        # Each rule's span is its own longest word here (an anchor counts from its end).
        return tuple((i, max(len(f) for f in ends_here & ends)) for i, ends in enumerate(self.word_ends)
                     if not ends_here.isdisjoint(ends))


def build_scanner(needs: Iterable[frozenset]) -> Scanner:
    """The scanner for rules with these trigger sets (none of them None)."""
    needs = list(needs)
    literals = tuple(frozenset(t for t in n if isinstance(t, str)) for n in needs)
    word_ends = tuple(frozenset(t[1] for t in n if isinstance(t, tuple)) for n in needs)
    digit_rules = frozenset(i for i, n in enumerate(needs) if DIGIT in n)
    # Literals as a trie (the longest at each position), then one digit at a
    # time; the scan reports every position (overlapped), the windows merge.
    body = _trie(_trie_of(set().union(*literals)))
    pattern = regex.compile(f"{body}|\\d" if body else r"\d")
    ends = _trie(_trie_of(set().union(*word_ends)))
    word_end = regex.compile(f"{ends}(?!\\w)") if ends else None
    return Scanner(pattern, word_end, literals, word_ends, digit_rules)


def _trie_of(words: Iterable[str]) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie(node: dict) -> str:
    branches = [regex.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def windows(spans: list[tuple[int, int]], reach: int, length: int) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` windows reaching ``reach`` characters around each span."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        a, b = max(0, s - reach), min(length, e + reach)
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def intersect(window_lists: Sequence[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where every list of sorted, disjoint windows has a window."""
    out = window_lists[0]
    for other in window_lists[1:]:
        merged: list[tuple[int, int]] = []
        i = j = 0
        while i < len(out) and j < len(other):
            a, b = max(out[i][0], other[j][0]), min(out[i][1], other[j][1])
            if a < b:
                merged.append((a, b))
            if out[i][1] < other[j][1]:
                i += 1
            else:
                j += 1
        out = merged
    return out
