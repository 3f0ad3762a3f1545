"""Run compiled rules over normalised text and keep the winning matches."""
from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from typing import Any, Iterable, Sequence

from . import deadline
from .errors import RuleTimeoutError
from .model import Match
from .prefilter import rarer
from .ruleset import Rule
from .scan import build_scanner, intersect, windows

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


# The ways to run a rule over a text. Each gives exactly what ``finditer``
# over the whole text gives; they differ only in cost.
WHOLE = "whole"  # finditer over the whole text
WINDOWS = "windows"  # finditer over windows around the triggers (prefilter.triggers_of)
ANCHOR = "anchor"  # match tried where the anchor puts a start (prefilter.anchor_of)
START = "start"  # match tried where a start string begins (prefilter.start_of)
# Seconds per unit (a character searched, or a position tried) each way is
# first assumed to cost; measured costs replace them as documents go by.
_FIRST_GUESS = {WHOLE: 1e-6, WINDOWS: 1e-6, ANCHOR: 3e-6, START: 3e-6}
# Every way a rule can take is measured this many times before costs are compared.
_TRIALS = 3
# A way found cheapest this many documents in a row is then kept, unpriced,
# for the next _KEEP documents; each time the same way settles again right
# after, it is kept twice as long, up to _KEEP_MOST (pricing every way costs
# about as much as running a cheap rule, and the cheapest way rarely changes).
_SETTLE = 8
_KEEP = 32
_KEEP_MOST = 1024
# A head's verdict is kept per window: the hit and this many characters after
# it (more would reject a little more, in far more distinct windows), up to
# this many windows per head.
_LOOK = 2
_WINDOWS_KEPT = 50_000
# A start list's length is estimated (for pricing) once its head has seen this many hits.
_SEEN = 2_000
# A head's verdict on a window: it matches nowhere the window begins, it
# matches wherever it begins, or only the text can tell.
_NO, _YES, _ASK = 0, 1, 2


def match_rules(text: str, rules: Iterable[Rule], timeout: float | None = None, way: str | None = None) -> list[Match]:
    """Every non-empty match of every rule, under the ``regex`` module's timeout.

    One scan finds every rule's triggers. A rule then runs the cheapest of
    the ways it allows (the cost of each is measured as documents go by),
    since all give the same matches: over the whole text, over windows
    around its triggers, or tried only where a match can start. ``way``
    forces one way wherever a rule allows it (for tests).
    """
    found = match_rules_many([text], rules, timeout, way)[0]
    if isinstance(found, RuleTimeoutError):
        raise found
    return found


def match_rules_many(texts: Sequence[str], rules: Iterable[Rule], timeout: float | None = None,
                     way: str | None = None) -> list[list[Match] | RuleTimeoutError]:
    """``match_rules`` over each text: its matches, or the timeout that stopped it.

    The texts take turns rule by rule, not the other way round: a large
    rule's compiled pattern is then read from the processor's cache for the
    whole batch instead of from memory for each document (the matching of a
    batch of articles runs about a sixth faster). A text whose rule timed out
    gets the error and runs no further rule; the others go on. Each text's
    matches are exactly those ``match_rules`` gives it alone.
    """
    rules = tuple(rules)
    plan = _plan(rules)
    scanner = plan.scanner
    states = [_Text(t, timeout if timeout is not None else timeout_for(t),
                    scanner.hits(t) if scanner is not None else []) for t in texts]
    live = states
    # One timer keeps every run's budget where it can (deadline.py); elsewhere each regex call carries it.
    timed = deadline.arm(min(t.budget for t in states)) if states else False
    try:
        for rule, required, named in plan.entries:
            stopped = False
            for t in live:
                try:
                    _run(plan, rule, required, named, t, way, timed)
                except RuleTimeoutError as exc:
                    t.found, stopped = exc, True
            if stopped:
                live = [t for t in live if not isinstance(t.found, RuleTimeoutError)]
    finally:
        if timed:
            deadline.disarm()
    return [t.found for t in states]


class _Text:
    """One text of ``match_rules_many``: its budget, its trigger hits, and what it found so far."""

    __slots__ = ("text", "budget", "hits", "shared", "found")

    def __init__(self, text: str, budget: float, hits: Any) -> None:
        self.text, self.budget, self.hits = text, budget, hits
        self.shared: dict = {}  # work lists shared by rules with the same triggers or head
        self.found: list[Match] | RuleTimeoutError = []


def _run(plan: "_Plan", rule: Rule, required: tuple[int, ...], named: tuple, t: _Text, way: str | None,
         timed: bool = False) -> None:
    """One rule over one text of ``match_rules_many``: its matches appended to the text's.

    ``timed``: the batch's timer keeps the budget (``deadline.arm``), so the
    regex calls go without a timeout of their own.
    """
    text, budget, hits, out = t.text, t.budget, t.hits, t.found
    if not all(map(hits.__getitem__, required)):
        return  # every match holds a trigger of each of these sets, and one has none here
    chosen, work, units = plan.choose(rule, hits, text, way, t.shared)
    if chosen in (ANCHOR, START) and work:
        # A match starting after the last trigger of one of these sets could not hold one.
        last = min(hits[k][-1][0] for k in required)
        if work[-1] > last:
            work = work[:bisect_right(work, last)]
            units = len(work)
    t0 = time.perf_counter()
    per_call = None if timed else budget
    try:
        try:
            if timed:
                deadline.begin(budget)
            if chosen == WHOLE:
                # (string, pos, endpos, overlapped, concurrent): see _anchored for concurrent
                spans = (rule.compiled.finditer(text, None, None, False, False) if timed
                         else rule.compiled.finditer(text, timeout=per_call))
            elif chosen == WINDOWS:
                spans = _windowed(rule, text, work, per_call)
            else:
                spans = _anchored(rule, text, work, per_call)
            for m in spans:
                start, end = m.span()
                if end == start:
                    continue
                regs = m.regs  # every group's span at once, (-1, -1) where it took no part
                groups = {n: regs[g] for n, g in named if regs[g][0] >= 0}
                start, end = _covering(start, end, groups.values())
                out.append(Match(rule.id, rule.kind, rule.priority, rule.order, start, end, groups, rule.params))
        finally:
            if timed:
                deadline.end()
    except TimeoutError:
        raise RuleTimeoutError(rule.id, budget) from None
    plan.record(rule.id, chosen, units, time.perf_counter() - t0)


def _covering(start: int, end: int, groups: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """A match's span widened to the groups it reports.

    A group read by a look-behind (a source before its verb, where the match
    starts at the verb so that the verb anchors it) lies before the match;
    the match still covers what it reports, for overlaps and for its text.
    """
    for gs, ge in groups:
        if gs < start:
            start = gs
        if ge > end:
            end = ge
    return start, end


def covered_span(m: Any) -> tuple[int, int]:
    """The span ``match_rules`` reports for a ``regex`` match ``m``: its own, widened to its named groups."""
    return _covering(m.start(), m.end(), (m.span(g) for g in m.re.groupindex if m.span(g)[0] >= 0))


def _windowed(rule: Rule, text: str, spans: Sequence[tuple[int, int]], budget: float | None) -> list:
    """The rule's matches over ``text``, searching only the ``spans`` windows (``budget``: None when timed elsewhere).

    Searches chain as in ``finditer`` (each starts where the last match
    ended). A match within a margin of a window's edge, where the window cut
    the text, may differ from the whole text's: the window doubles its
    margin on both sides and runs again. A rule's windows reach far enough
    either side of each trigger (``_Plan.reach``) that a match holding it,
    and what its look-arounds read, lies inside them.
    """
    due = time.monotonic() + budget if budget is not None else None
    n = len(text)
    out: list = []
    pos = 0
    for a, b in spans:
        a = max(a, pos)
        margin = WINDOW_REACH // 2
        while True:
            found = []
            edge = False
            left = max(due - time.monotonic(), 0.001) if due is not None else None
            found_here = (rule.compiled.finditer(text, a, b, False, False) if left is None  # see _anchored
                          else rule.compiled.finditer(text, a, b, timeout=left))
            for m in found_here:
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


def _anchored(rule: Rule, text: str, starts: Sequence[int], budget: float | None) -> list:
    """The rule's matches over ``text``, tried only at ``starts`` (sorted; ``budget``: None when timed elsewhere).

    Every match starts at one of them, so trying them in order, each search
    starting where the last match ended, gives what ``finditer`` over the
    whole text gives.
    """
    match = rule.compiled.match
    out: list = []
    pos = 0
    due = time.monotonic() + budget if budget is not None else None
    for p in starts:
        if p < pos:
            continue
        # Arguments by position (string, pos, endpos, concurrent, partial, timeout):
        # the ``regex`` module reads keywords about 1 µs slower, per try.
        # concurrent=False where the batch's timer keeps the budget (the main
        # thread): the ``regex`` module otherwise lets go of the GIL and takes
        # it back on every call, which costs more than a short try itself.
        m = (match(text, p, None, None, False, max(due - time.monotonic(), 0.001)) if due is not None
             else match(text, p, None, False))
        if m is not None and m.end() > m.start():
            out.append(m)
            pos = m.end()
    return out


class _Plan:
    """How a set of rules runs: one trigger scanner, and what each way has cost so far."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        index: dict[frozenset, int] = {}  # trigger set -> its slot (rules with the same set share it)
        self.slots: dict[str, dict[str, tuple[int, ...]]] = {}
        for r in rules:
            own: dict[str, tuple[int, ...]] = {}
            for way, wanted in ((WINDOWS, r.triggers if r.reach is not None else None),
                                (ANCHOR, (r.anchor.triggers,) if r.anchor else None),
                                (START, (r.start.scan_triggers,) if r.start else None)):
                if wanted:
                    own[way] = tuple(index.setdefault(t, len(index)) for t in wanted)
            self.slots[r.id] = own
        # rule id -> how far its windows reach either side of a trigger: past its reach (prefilter.reach_of)
        # by the margin at which _windowed checks a window's edges.
        self.reach = {r.id: max(WINDOW_REACH, (r.reach or 0) + WINDOW_REACH // 2) for r in rules}
        # rule id -> every slot of which each match holds a trigger: its ways', and its
        # needs' (Rule.needs) where they are clearly rarer than what its ways look for
        self.required: dict[str, tuple[int, ...]] = {}
        for r in rules:
            # A line-start anchor needs no newline where the text starts: its set is not required.
            loose = ANCHOR if r.anchor is not None and r.anchor.text_start else None
            slots = {k for way, ks in self.slots[r.id].items() if way != loose for k in ks}
            ways = [*(r.triggers or ()), *((r.anchor.triggers,) if r.anchor and not loose else ()),
                    *((r.start.triggers,) if r.start else ())]
            if r.needs and rarer(r.needs, ways):
                slots.add(index.setdefault(r.needs, len(index)))
            self.required[r.id] = tuple(sorted(slots))
        sets = list(index)
        self.scanner = build_scanner(sets) if sets else None
        # rule id -> way -> [seconds, units, runs]
        self.costs: dict[str, dict[str, list]] = {r.id: {} for r in rules}
        # rule id -> [the way last found cheapest, how many times in a row, documents left to keep it
        # unpriced, how long it was last kept]
        self.states: dict[str, list] = {r.id: [None, 0, 0, 0] for r in rules}
        self.rules = rules  # kept so that the ids in the cache key stay theirs
        # Per rule: the rule, its required slots, and its named groups with their numbers
        # (the pattern builds that mapping anew on each call).
        self.entries = tuple((r, self.required[r.id], tuple(r.compiled.groupindex.items())) for r in rules)
        self.heads: dict[str, dict[str, int]] = {}  # head -> window -> _NO, _YES or _ASK (see _starts)
        self.kept: dict[tuple, list[int]] = {}  # start list key -> [starts kept, trigger hits seen]

    def choose(self, rule: Rule, hits: list, text: str, forced: str | None, shared: dict) -> tuple[str, Any, int]:
        """The way to run this rule on this text, its work list and its units of work.

        Every way is measured a few times, then the cheapest for this text
        is taken. A way that keeps winning is kept without pricing the
        others (which costs as much as running a cheap rule) for a while,
        then priced again.
        """
        own = self.slots[rule.id]
        names = [WINDOWS if WINDOWS in own else WHOLE] + [w for w in (ANCHOR, START) if w in own]
        if forced in names:
            return (forced, *self._work(rule, forced, hits, text, shared))
        state = self.states[rule.id]
        if len(names) == 1 or (state[0] is not None and state[2] > 0):
            way = names[0] if len(names) == 1 else state[0]
            state[2] -= 1
            return (way, *self._work(rule, way, hits, text, shared))
        priced = {w: self._estimate(rule, w, hits, text, shared) for w in names}
        costs = self.costs[rule.id]
        way = next((w for w in names if costs.get(w, (0, 0, 0))[2] < _TRIALS and priced[w][1]), None)
        if way is None:  # every way measured: the cheapest here
            way = min(names, key=lambda w: (priced[w][1] * self._rate(costs, w), w))
            if way != state[0]:
                state[1], state[3] = 0, 0
            state[1] += 1
            state[0] = way
            if state[1] >= _SETTLE:
                state[3] = min(2 * state[3], _KEEP_MOST) if state[3] else _KEEP
                state[1], state[2] = 0, state[3]
        work, units = priced[way]
        if way == START and work is None:  # an estimate won: build the real list now
            work, units = self._work(rule, way, hits, text, shared)
        return (way, work, units)

    def _estimate(self, rule: Rule, way: str, hits: list, text: str, shared: dict) -> tuple[Any, int]:
        """A way's work list and units, or (None, an estimate of its units).

        A start list costs a head call per trigger hit to build, about as much
        as the tries it saves on a cheap rule: for pricing, its length is the
        hits times the share of them the head kept so far, once that share
        is known, and the list is built only for the way taken.
        """
        if way == START:
            key = (START, self.slots[rule.id][START][0], rule.start.head)
            kept = self.kept.get(key)
            if key not in shared and kept is not None and kept[1] >= _SEEN:
                return None, round(len(hits[key[1]]) * kept[0] / kept[1])
        return self._work(rule, way, hits, text, shared)

    def _work(self, rule: Rule, way: str, hits: list, text: str, shared: dict) -> tuple[Any, int]:
        """The work list of a way (windows, or start positions) and its units, shared where the same."""
        own = self.slots[rule.id]
        if way == WHOLE:
            return None, len(text)
        if way == WINDOWS:
            reach = self.reach[rule.id]
            key: tuple = (WINDOWS, own[WINDOWS], reach)
            if key not in shared:
                # A match holds a trigger of every set: it lies where their windows meet.
                spans = intersect([windows(hits[k], reach, len(text)) for k in own[WINDOWS]])
                shared[key] = (spans, sum(b - a for a, b in spans))
            return shared[key]
        if way == ANCHOR:
            lo, hi, first = rule.anchor.lo, rule.anchor.hi, rule.anchor.text_start
            key = (ANCHOR, own[ANCHOR][0], lo, hi, first)
            if key not in shared:
                starts = sorted({s - d for s, _ in hits[own[ANCHOR][0]] for d in range(lo, hi + 1) if s >= d}
                                | ({0} if first else set()))
                shared[key] = (starts, len(starts))
            return shared[key]
        key = (START, own[START][0], rule.start.head)
        if key not in shared:
            spans = hits[own[START][0]]
            starts = self._starts(rule, spans, text)
            shared[key] = (starts, len(starts))
            kept = self.kept.setdefault(key, [0, 0])
            kept[0] += len(starts)
            kept[1] += len(spans)
        return shared[key]

    def _starts(self, rule: Rule, spans: list[tuple[int, int]], text: str) -> list[int]:
        """Where the rule's head matches, of the starts of ``spans`` (sorted), in order.

        The head matches wherever a match can start: what it rejects costs no
        try of the rule. Its verdict is most often settled within a couple of
        characters after the hit (في not before a figure, ال before no digit,
        a digit), so it is kept per such window, read with ``partial``: no
        match even of a longer text means none here; a whole match that
        reads nothing past the window's end means one here. A head that
        looks behind the start sees the characters before it in its window.
        """
        head = rule.head.match
        behind = rule.start.behind
        verdicts = self.heads.setdefault(rule.start.head, {})
        if len(verdicts) > _WINDOWS_KEPT:
            verdicts.clear()
        known = verdicts.get
        out = []
        # The spans are sorted: each start's last span is its longest hit.
        for s, e in dict(spans).items():
            if s < behind:  # nothing before it to put in a window
                if head(text, s, None, False) is not None:  # concurrent=False: a short call (see _anchored)
                    out.append(s)
                continue
            window = text[s - behind:e + _LOOK]
            verdict = known(window)
            if verdict is None:
                m = head(window, behind, None, False, True)  # partial, by position (see _anchored)
                verdict = verdicts[window] = (_NO if m is None else
                                              _YES if not m.partial and m.end() < len(window) else _ASK)
            if verdict == _YES or (verdict == _ASK and head(text, s, None, False) is not None):
                out.append(s)
        return out

    @staticmethod
    def _rate(costs: dict[str, list], way: str) -> float:
        c = costs.get(way)
        if c is None or c[1] == 0:
            return _FIRST_GUESS[way]
        return c[0] / c[1]

    def record(self, rule_id: str, way: str, units: int, seconds: float) -> None:
        c = self.costs[rule_id].setdefault(way, [0.0, 0, 0])
        c[0] += seconds
        c[1] += units
        c[2] += 1


_PLANS: dict[tuple[int, ...], _Plan] = {}


_BY_TUPLE: dict[int, tuple] = {}  # id of a rules tuple -> (that tuple, its plan); the tuple is kept, so its id stays its own


def _plan(rules: tuple[Rule, ...]) -> _Plan:
    """The plan of this set of rules, built once per process."""
    known = _BY_TUPLE.get(id(rules))
    if known is not None and known[0] is rules:  # the same tuple (Ruleset.rules_of keeps it): no key to build
        return known[1]
    key = tuple(id(r) for r in rules)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _Plan(rules)
    if len(_BY_TUPLE) < 64:
        _BY_TUPLE[id(rules)] = (rules, plan)
    return plan


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
