"""What a rule cannot match without, and where in a document that occurs.

Every quantity rule needs a figure (a digit or a number word) and most
attribution rules need a cue word, but each rule's regex is tried at every
position of the document. Here a rule's pattern is read once, at load time,
to find its *triggers*: a set of literal strings (or "a digit") at least one
of which lies inside every match. One scan of the document finds all the
triggers of all the rules; each rule then runs only on windows around its own
triggers (``extract.match_rules``).

The analysis is conservative: whatever it cannot reason about (lookarounds,
optional parts, negated classes, inline flags, syntax that only the ``regex``
module knows) gives "no trigger", and such a rule scans the whole document
as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

import regex

try:  # the standard library's own regex parser (Python 3.11+)
    import re._constants as _C
    import re._parser as _P
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

# The trigger "any decimal digit" (what ``\d`` matches); every other trigger is a literal.
DIGIT = 0
Trigger = "str | int"
# An exact set of strings larger than this is treated as unknown.
_MAX_EXACT = 512
# A trigger set whose shortest literal is shorter than this finds too much to help.
_MIN_LITERAL = 2
# Syntax of the ``regex`` module that the standard parser reads differently
# or not at all: a pattern containing any of it is never analysed.
_FOREIGN = regex.compile(r"\[\[:|\\[pPXmMGNKL]|\(\?[|&R0-9V(]|\{[0-9,]*[ideEs][<=,}]|\(\?[a-zA-Z]*[iLwf]")
_NAMED_GROUP = regex.compile(r"\(\?P<[^>]+>")
_DIGITS = frozenset(range(ord("0"), ord("9") + 1))


def triggers_of(pattern: str, flags: int = 0) -> frozenset | None:
    """The triggers of ``pattern`` (a folded, expanded rule pattern), or None.

    At least one trigger occurs inside every non-empty match: a literal as a
    substring of the match, ``DIGIT`` as one character matching ``\\d``.
    None means "unknown": the rule must scan the whole text.
    """
    if flags & regex.IGNORECASE or _FOREIGN.search(pattern):
        return None
    # Rules reuse a group name in alternative branches, which the standard
    # parser refuses; the analysis needs no names, so they become plain groups.
    try:
        parsed = _P.parse(_NAMED_GROUP.sub("(?:", pattern))
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    if not _bounded(list(parsed)):
        return None
    need = _need(list(parsed))
    if not need or any(t != DIGIT and len(t) < _MIN_LITERAL for t in need):
        return None
    return frozenset(need)


def _bounded(items: Sequence) -> bool:
    """True when a match reaches only a bounded length beyond its triggers.

    Every unbounded repetition must be of whitespace, or of a part that
    itself holds a trigger (so each repetition is close to one); a
    quotation like ``[^»]+`` can run on for a paragraph and is not bounded.
    """
    for op, av in items:
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if hi == _C.MAXREPEAT and not (_is_space(sub) or _need(sub)):
                return False
            if not _bounded(sub):
                return False
        elif op is _C.BRANCH:
            if not all(_bounded(b) for b in av[1]):
                return False
        elif op is _C.SUBPATTERN:
            if not _bounded(av[3]):
                return False
        elif op in (_C.ATOMIC_GROUP,):
            if not _bounded(av):
                return False
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if not _bounded(av[1]):
                return False
    return True


def _is_space(items: Sequence) -> bool:
    """A single whitespace class or literal space."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is _C.LITERAL:
        return chr(av).isspace()
    if op is _C.IN:
        return all(o is _C.CATEGORY and a in (_C.CATEGORY_SPACE, _C.CATEGORY_UNI_SPACE) for o, a in av)
    return False


def _exact(items: Sequence) -> set[str] | None:
    """Every string a sequence of parsed items can consume, if few and known."""
    out = {""}
    for op, av in items:
        if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # consumes nothing
        if op is _C.LITERAL:
            part = {chr(av)}
        elif op is _C.IN:
            part = _class_chars(av)
        elif op is _C.BRANCH:
            part = set()
            for branch in av[1]:
                sub = _exact(branch)
                if sub is None:
                    return None
                part |= sub
        elif op is _C.SUBPATTERN:
            if av[1] or av[2]:
                return None
            part = _exact(av[3])
        elif op is _C.ATOMIC_GROUP:
            part = _exact(av)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub_items = av
            sub = _exact(sub_items)
            if sub is None or hi > 2:
                return None
            part = set()
            for n in range(lo, hi + 1):
                part |= _power(sub, n)
        else:
            return None
        if part is None or len(out) * len(part) > _MAX_EXACT:
            return None
        out = {a + b for a in out for b in part}
    return out


def _power(strings: set[str], n: int) -> set[str]:
    out = {""}
    for _ in range(n):
        out = {a + b for a in out for b in strings}
    return out


def _class_chars(items) -> set[str] | None:
    """The characters of a small positive class like ``[وفب]``."""
    chars: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            chars.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < 16:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _is_digit_class(items) -> bool:
    """True when every character of the class also matches ``\\d``."""
    for op, av in items:
        if op is _C.CATEGORY and av in (_C.CATEGORY_DIGIT, _C.CATEGORY_UNI_DIGIT):
            continue
        if op is _C.LITERAL and av in _DIGITS:
            continue
        if op is _C.RANGE and av[0] in _DIGITS and av[1] in _DIGITS:
            continue
        return False
    return bool(items)


def _need(items: Sequence) -> set | None:
    """Triggers of a sequence: the best of its parts' triggers, or None."""
    candidates: list[set] = []
    run: list = []  # consecutive items with exact strings, joined as one literal
    for item in list(items) + [None]:
        exact = _exact([item]) if item is not None else None
        if exact is not None and item[0] not in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            run.append(item)
            joined = _exact(run)
            if joined is None:  # too many combinations: start a new run here
                run = [item]
            elif "" not in joined:
                candidates.append(joined)
            if "" not in exact:
                candidates.append(exact)
            continue
        if item is None:
            break
        if item[0] in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # consumes nothing: neither breaks nor extends a run
        run = []
        need = _need_one(item)
        if need:
            candidates.append(need)
    if not candidates:
        return None
    return max(candidates, key=_score)


def _need_one(item) -> set | None:
    op, av = item
    if op is _C.IN:
        return {DIGIT} if _is_digit_class(av) else None
    if op is _C.BRANCH:
        out: set = set()
        for branch in av[1]:
            sub = _need(branch)
            if not sub:
                return None
            out |= sub
        return out
    if op is _C.SUBPATTERN:
        return None if (av[1] or av[2]) else _need(av[3])
    if op is _C.ATOMIC_GROUP:
        return _need(av)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        return _need(av[2]) if av[0] >= 1 else None
    return None


def _score(need: set) -> tuple[int, int]:
    """Prefer long literals (rarer) and, among equals, fewer of them."""
    shortest = min(3 if t == DIGIT else len(t) for t in need)
    return (min(shortest, 6), -len(need))


@dataclass(frozen=True)
class Scanner:
    """One pass over a document that finds every rule's triggers."""

    pattern: regex.Pattern
    by_hit: dict  # hit string -> indices of the rules it triggers (filled lazily)
    literals: tuple[frozenset, ...]  # per rule: its literal triggers (empty if none)
    digit_rules: frozenset[int]

    def hits(self, text: str) -> list[list[tuple[int, int]]]:
        """Per rule, the spans of its triggers in ``text``, in order."""
        out: list[list[tuple[int, int]]] = [[] for _ in self.literals]
        for m in self.pattern.finditer(text, overlapped=True):
            hit = m.group()
            rules = self.by_hit.get(hit)
            if rules is None:
                rules = self.by_hit[hit] = self._rules_for(hit)
            span = m.span()
            for i in rules:
                out[i].append(span)
        return out

    def _rules_for(self, hit: str) -> tuple[int, ...]:
        # The scan reports the longest trigger at each position; a rule is
        # triggered when one of its literals starts the hit, or it wants a
        # digit and the hit starts with one.
        prefixes = {hit[:n] for n in range(1, len(hit) + 1)}
        digit = regex.match(r"\d", hit) is not None
        return tuple(i for i, lits in enumerate(self.literals)
                     if (digit and i in self.digit_rules) or not prefixes.isdisjoint(lits))


def build_scanner(needs: Iterable[frozenset]) -> Scanner:
    """The scanner for rules with these trigger sets (none of them None)."""
    needs = list(needs)
    literals = tuple(frozenset(t for t in n if t != DIGIT) for n in needs)
    digit_rules = frozenset(i for i, n in enumerate(needs) if DIGIT in n)
    trie: dict = {}
    for word in set().union(*literals) if literals else ():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    # Literals as a trie (the longest at each position), then one digit at a
    # time; the scan reports every position (overlapped), the windows merge.
    body = _trie(trie)
    return Scanner(regex.compile(f"{body}|\\d" if body else r"\d"), {}, literals, digit_rules)


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
