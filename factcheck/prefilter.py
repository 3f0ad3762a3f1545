"""What a rule cannot match without, and where in a document that occurs.

Every quantity rule needs a figure (a digit or a number word) and most
attribution rules need a cue word, but each rule's regex is tried at every
position of the document. Here a rule's pattern is read once, at load time,
to find its *triggers*: a set of literal strings (or "a digit") at least one
of which lies inside every match. One scan of the document finds all the
triggers of all the rules; each rule then runs only on windows around its own
triggers (``extract.match_rules``).

``start_of`` reads a pattern for how its matches begin instead: through
optional parts and alternatives, every way is spelled out for a few
characters, giving start strings (found by the same scan) and a head
pattern that matches wherever a match can start.

The analysis is conservative: whatever it cannot reason about (negated
classes, inline flags, syntax that only the ``regex`` module knows) gives
"unknown", and such a rule scans the whole document as before.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

import regex

try:  # the standard library's own regex parser (Python 3.11+)
    import re._constants as _C
    import re._parser as _P
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

# The trigger "any decimal digit" (what ``\d`` matches). Every other trigger
# is a literal string found anywhere, or ``(WORD_END, literal)``: the literal
# right before a non-word character or the end of the text, or
# ``(DIGIT_NEXT, literal)``: the literal right before a digit (the "." of
# ".5", the "ال" of "ال15"; only start strings give these), or
# ``(SPACED, literal, firsts)``: the literal, then whitespace, then one of the
# characters ``firsts`` (``DIGIT`` among them: any digit). Only the scan of
# start strings uses these (``Start.scan_triggers``): في before a figure is
# rare, في before any word is everywhere.
DIGIT = 0
WORD_END = "word-end"
DIGIT_NEXT = "digit-next"
SPACED = "spaced"
Trigger = "str | int"
# An exact set of strings larger than this is treated as unknown.
_MAX_EXACT = 512
# A trigger set whose shortest literal is shorter than this finds too much to help.
_MIN_LITERAL = 2
# Syntax of the ``regex`` module that the standard parser reads differently
# or not at all: a pattern containing any of it is never analysed.
# (A group's "(" counts only when no backslash escapes it: «\(?(?P<value>» is a
# literal bracket, then a group, not a conditional.)
_FOREIGN = regex.compile(r"\[\[:|\\[pPXmMGNKL]|(?<!\\)(?:\\\\)*\(\?(?:[|&R0-9V(]|[a-zA-Z]*[iLwf])|\{[0-9,]*[ideEs][<=,}]")
_NAMED_GROUP = regex.compile(r"\(\?P<[^>]+>")
_ONE_DIGIT = regex.compile(r"\d")
_DIGITS = frozenset(range(ord("0"), ord("9") + 1))


@functools.lru_cache(maxsize=4)
def _parse(pattern: str, flags: int):
    """The standard library's parse of ``pattern``, or None when it may read it otherwise.

    Kept for the last few patterns: the four analyses of a rule each read the
    same pattern, and parsing one of some 30,000 characters takes a while.
    The analyses only read the parse.
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
    return parsed


def triggers_of(pattern: str, flags: int = 0) -> tuple[frozenset, ...] | None:
    """The triggers of ``pattern`` (a folded, expanded rule pattern), or None.

    One or two sets, each needed by every non-empty match: at least one
    trigger of each set occurs inside the match (a literal as a substring,
    ``DIGIT`` as one character matching ``\\d``, a ``WORD_END`` literal
    followed by no word character). Two sets come from different parts of
    the pattern (a figure and its unit). None means "unknown": the rule
    must scan the whole text.
    """
    parts = _trigger_parts(pattern, flags)
    return None if parts is None else tuple(frozenset(p[2]) for p in parts)


def _trigger_parts(pattern: str, flags: int) -> list[tuple[int, int, set]] | None:
    """The one or two parts (first item, last item, triggers) that ``triggers_of`` reads its sets from."""
    parsed = _parse(pattern, flags)
    if parsed is None or not _bounded(list(parsed)):
        return None
    usable = _usable_parts(parsed)
    if not usable:
        return None
    best = max(usable, key=lambda p: _score(p[2]))
    others = [p for p in usable if (p[1] < best[0] or p[0] > best[1]) and p[2] != best[2]]  # a part of its own
    if not others:
        return [best]
    second = max(others, key=lambda p: _score(p[2]))
    if _score(second[2]) < _score(best[2]) - 0.25:
        # Far commoner than the first (units ending in م): scanning for it
        # would cost more than the windows it removes.
        return [best]
    return [best, second]


def reach_of(pattern: str, flags: int = 0) -> int | None:
    """How far from a trigger a match can lie, at most; None when unknown or unbounded.

    Before the trigger: the width of everything up to and including the
    part its set is read from (a match may start that far back: a source
    before its verb). After it: what the part and the rest of the pattern
    consume, and what their look-aheads read past that. The larger of the
    two, over the one or two trigger sets. Windows around the triggers
    (extract.py) that reach this far either side see every match whole.
    """
    parts = _trigger_parts(pattern, flags)
    parsed = _parse(pattern, flags)
    if parts is None or parsed is None:
        return None
    items = list(parsed)
    reaches = []
    for first, last, _triggers in parts:
        before = _width(items[:last + 1])
        after = _extent(items[first:])
        if before is None or after is None:
            return None
        reaches.append(max(before, after))
    return max(reaches)


def _extent(items: Sequence) -> int | None:
    """How far past their start ``items`` read: what they consume, and what a look-ahead reads beyond it."""
    total = 0
    extent = 0
    for op, av in items:
        if op in (_C.ASSERT, _C.ASSERT_NOT):
            if av[0] == 1:  # a look-ahead reads on from here; a look-behind reads what lies before
                ahead = _extent(av[1])
                if ahead is None:
                    return None
                extent = max(extent, total + ahead)
            continue
        one = _width([(op, av)])
        if one is None:
            return None
        if op in (_C.SUBPATTERN, _C.BRANCH, _C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT, _C.ATOMIC_GROUP):
            inner = _extent_of_item(op, av)
            if inner is None:
                return None
            extent = max(extent, total + inner)
        total += one
    return max(extent, total)


def _extent_of_item(op, av) -> int | None:
    """``_extent`` of one compound item (a group, an alternation, a repeat)."""
    if op is _C.SUBPATTERN:
        return _extent(av[3])
    if op is _C.ATOMIC_GROUP:
        return _extent(av)
    if op is _C.BRANCH:
        ext = [_extent(b) for b in av[1]]
        return None if None in ext else max(ext)  # type: ignore[type-var]
    lo, hi, sub = av
    one, ext = _width(sub), _extent(sub)
    if one is None or ext is None:
        return None
    count = max(lo, 1) if hi == _C.MAXREPEAT else hi
    return (count - 1) * one + ext if count else 0


def _width(items: Sequence) -> int | None:
    """The most characters ``items`` can consume, or None when unbounded.

    Look-arounds consume nothing (a look-behind reads the text before the
    match, a look-ahead after it). A run of whitespace counts as its
    shortest (copy separates words with one space), and so does an
    unbounded run of parts that each hold a trigger (the digits of a
    number): as for ``_bounded``, each of them lies close to a trigger, and
    a window that cuts one finds the rest of the match at its edge.
    """
    total = 0
    for op, av in items:
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            one = _width(sub)
            if one is None:
                return None
            if hi == _C.MAXREPEAT:
                if not (_is_space(sub) or _need(sub)):
                    return None
                hi = max(lo, 1)  # a run of spaces, or of parts that each hold a trigger (as _bounded): one
            total += hi * one
        elif op is _C.BRANCH:
            widths = [_width(b) for b in av[1]]
            if None in widths:
                return None
            total += max(widths)  # type: ignore[type-var]
        elif op in (_C.SUBPATTERN, _C.ATOMIC_GROUP):
            one = _width(av[3] if op is _C.SUBPATTERN else av)
            if one is None:
                return None
            total += one
        elif op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue
        elif op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY, _C.CATEGORY):
            total += 1
        else:
            return None
    return total


def needs_of(pattern: str, flags: int = 0) -> frozenset | None:
    """The rarest set of triggers every match holds, or None.

    Unlike ``triggers_of`` it asks nothing of how far a match runs, so it
    serves patterns that can run on (a quotation, a name of any length). It
    says only that a match starting at a position holds one of them at or
    after it: a document without any of them, or a start after the last of
    them, needs no try.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    usable = _usable_parts(parsed, marks=True)
    return frozenset(max((p[2] for p in usable), key=_score)) if usable else None


def _usable_parts(parsed, marks: bool = False) -> list[tuple[int, int, set]]:
    """The parts of a parsed pattern that every match needs, as ``(first item, last item, triggers)``,
    whose literals are long enough to be worth scanning for.

    With ``marks``, a pattern with no such part may fall back on parts that
    are one punctuation mark (the colon of «source: quote»): too short for
    windows, and too common in some texts to scan for when a longer literal
    will do, but a rule with nothing better (one that would otherwise read
    every whole text) then skips each document without one.
    """
    parts: list[tuple[int, int, set]] = []
    _need(list(parsed), parts)
    usable = [p for p in parts if p[2] and all(t == DIGIT or _weight(t) >= _MIN_LITERAL for t in p[2])]
    if usable or not marks:
        return usable
    return [p for p in parts if p[2] and all(isinstance(t, str) and len(t) == 1 and not _WORDISH.match(t)
                                             and not _WHITESPACE.match(t) for t in p[2])]


def rarer(need: frozenset, than: Sequence[frozenset]) -> bool:
    """True when ``need`` is a set of its own, and clearly rarer than each of ``than``."""
    return need not in than and all(_score(need) >= _score(t) + 1 for t in than)


# Anchors: at most this many start positions per trigger.
_MAX_SPREAD = 8


@dataclass(frozen=True)
class Anchor:
    """Where a match can start, given one of its triggers.

    The pattern's first items, whose strings are all known, read one of
    ``triggers`` after a prefix ``lo`` to ``hi`` characters wide: a match
    starts that far before a place where a trigger starts. A rule with an
    anchor is tried only at those positions, with the whole text after
    them: no window, so nothing can be cut short.

    A pattern that begins at a line start (``(?:^|(?<=\n))``, or ``^`` under
    ``(?m)``) is anchored on the newlines, one character after each
    (``lo = hi = -1``), and ``text_start`` adds the start of the text, where
    no trigger is needed.
    """

    triggers: frozenset
    lo: int
    hi: int
    text_start: bool = False


def anchor_of(pattern: str, flags: int = 0) -> Anchor | None:
    """An anchor of ``pattern``, or None (see ``Anchor``)."""
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    items = list(parsed)
    # A match that starts a line starts at one of a few places per text, however long.
    lead = _line_start(items[0], bool(parsed.state.flags & re.MULTILINE)) if items else None
    if lead is not None and _NEWLINE in lead:
        return Anchor(frozenset({"\n"}), -1, -1, _TEXT_START in lead)
    found: list[Anchor] = []

    def add(first: int, last: int, word_end: bool) -> None:
        # items[first:last] read one of a few known strings, after items[:first].
        strings = _exact(items[first:last])
        if strings and "" not in strings:
            lo, hi = _P.SubPattern(parsed.state, items[:first]).getwidth()
            found.append(Anchor(frozenset((WORD_END, f) if word_end else f for f in strings), lo, hi))

    for i, item in enumerate(items):
        if item[0] in (_C.ASSERT, _C.ASSERT_NOT, _C.AT) and not _is_word_end(item):
            continue
        # The longest run of known strings ending here (before item i).
        k = i
        while k > 0 and _exact(items[k - 1:i]) is not None:
            k -= 1
        if k < i:
            add(k, i, _is_word_end(item))
        if _exact([item]) is None:
            continue
    usable = [a for a in found if a.hi - a.lo <= _MAX_SPREAD
              and all(t == DIGIT or _weight(t) >= _MIN_LITERAL + 1 for t in a.triggers)]
    return max(usable, key=lambda a: (_score(set(a.triggers)), -(a.hi - a.lo)), default=None)


_TEXT_START, _NEWLINE = "text start", "after a newline"


def _line_start(item, multiline: bool) -> set[str] | None:
    """Where ``item`` lets a match start, when only at the text's start or after a newline: a set of those two."""
    op, av = item
    if op is _C.AT and av in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING):
        return {_TEXT_START, _NEWLINE} if multiline and av is _C.AT_BEGINNING else {_TEXT_START}
    if op is _C.ASSERT and av[0] == -1 and list(av[1]) == [(_C.LITERAL, ord("\n"))]:
        return {_NEWLINE}
    if op is _C.SUBPATTERN and len(av[3]) == 1:
        return _line_start(av[3][0], bool((multiline or av[1] & re.MULTILINE) and not av[2] & re.MULTILINE))
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            one = _line_start(branch[0], multiline) if len(branch) == 1 else None
            if one is None:
                return None
            out |= one
        return out
    return None


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


def _need(items: Sequence, parts: list | None = None) -> set | None:
    """Triggers of a sequence: the best of its parts' triggers, or None.

    With ``parts``, every candidate is also listed there as ``(first item,
    last item, triggers)``, so that the caller can pick two independent ones.
    """
    candidates: list[set] = []
    run: list = []  # consecutive items with exact strings, joined as one literal
    run_start = 0

    def add(first: int, last: int, need: set) -> None:
        candidates.append(need)
        if parts is not None:
            parts.append((first, last, need))

    for i, item in enumerate(list(items) + [None]):
        if item is not None and _is_word_end(item):
            # What ends right before (?!\w) is a whole word's end: a far
            # rarer trigger than the same letters inside a longer word.
            final = _final(items[:i])
            if final:
                last = max((j for j in range(i) if items[j][0] not in (_C.ASSERT, _C.ASSERT_NOT, _C.AT)), default=0)
                add(last, last, {(WORD_END, f) for f in final})
        exact = _exact([item]) if item is not None else None
        if exact is not None and item[0] not in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            if not run:
                run_start = i
            run.append(item)
            joined = _exact(run)
            if joined is None:  # too many combinations: start a new run here
                run, run_start = [item], i
            elif "" not in joined:
                add(run_start, i, joined)
            if "" not in exact:
                add(i, i, exact)
            if item[0] is _C.IN and _is_digit_class(item[1]):
                add(i, i, {DIGIT})  # [0-9] as "a digit": one cheap trigger, not ten
            continue
        if item is None:
            break
        if item[0] in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            continue  # consumes nothing: neither breaks nor extends a run
        run = []
        need = _need_one(item)
        if need:
            add(i, i, need)
    if not candidates:
        return None
    return max(candidates, key=_score)


def _need_one(item) -> set | None:
    op, av = item
    if op is _C.IN:
        if _is_digit_class(av):
            return {DIGIT}
        chars = _class_chars(av)
        return chars if _number_signs(chars) else None  # ½, ⅓ ...: each a literal, as rare as a digit
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


def _number_signs(chars: set[str] | None) -> bool:
    """Whether every one of ``chars`` is a number sign other than a digit (½, ⅓, ²): as rare in text as a digit."""
    return bool(chars) and all(len(c) == 1 and unicodedata.category(c) == "No" for c in chars)  # type: ignore[union-attr]


def _weight(trigger) -> int:
    """How rare a trigger is, roughly: its length; a digit or a number sign counts 3, a word end or a digit after 2 more."""
    if trigger == DIGIT or (isinstance(trigger, str) and _number_signs({trigger})):
        return 3
    if isinstance(trigger, tuple):
        return len(trigger[1]) + 2
    return len(trigger)


def _is_word_end(item) -> bool:
    """``(?!\\w)``: no word character follows (or the text ends)."""
    op, av = item
    if op is not _C.ASSERT_NOT or av[0] != 1 or len(av[1]) != 1:
        return False
    sub_op, sub_av = av[1][0]
    return (sub_op is _C.IN and len(sub_av) == 1 and sub_av[0][0] is _C.CATEGORY
            and sub_av[0][1] in (_C.CATEGORY_WORD, _C.CATEGORY_UNI_WORD))


def _final(items: Sequence) -> set[str] | None:
    """Strings one of which every match of the sequence ends with, or None."""
    items = [it for it in items if it[0] not in (_C.ASSERT, _C.ASSERT_NOT, _C.AT)]
    if not items:
        return None
    # The longest tail of items whose strings are all known.
    tail, k = None, len(items)
    while k > 0:
        exact = _exact(items[k - 1:])
        if exact is None:
            break
        tail, k = exact, k - 1
    if tail is not None:
        if "" not in tail:
            return tail
        rest = _final(items[:k]) if k else None
        return None if rest is None else {t for t in tail if t} | rest
    return _final_one(items[-1], items[:-1])


def _final_one(item, before: Sequence) -> set[str] | None:
    op, av = item
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _final(list(before) + list(branch))
            if not sub:
                return None
            out |= sub
        return out
    if op is _C.SUBPATTERN and not (av[1] or av[2]):
        return _final(list(before) + list(av[3]))
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        inner = _final(av[2])
        if inner is None:
            return None
        if av[0] >= 1:
            return inner
        rest = _final(before)
        return None if rest is None else inner | rest
    return None


def _score(need: set | frozenset) -> float:
    """Prefer long literals (rarer) and few of them: a rough guess of how rarely the set occurs."""
    shortest = min(_weight(t) for t in need)
    return min(shortest, 6) - 0.5 * math.log2(len(need))


# How many characters of a match's beginning ``start_of`` reads.
_START_DEPTH = 10
# Budget of steps for reading them (a pattern beyond it is left unanchored).
_START_STEPS = 200_000
# Markers in the strings ``_prefixes`` builds: the text after the prefix is
# unknown (_CUT), the match may end there (_END), a digit comes next
# (_DIGIT_NEXT), a non-word character comes next (_WORD_END_NEXT), one
# whitespace character (_SPACE), one or more (_SPACES).
_CUT, _END, _DIGIT_NEXT, _WORD_END_NEXT, _SPACE, _SPACES = "\x00", "\x01", "\x02", "\x03", "\x04", "\x05"
_MARKS = regex.compile("[\x00-\x05]")
# A look behind the start of a match (``(?<!\w)``, one character wide) is
# kept in a prefix as its head pattern text between these two markers.
_BEHIND, _BEHIND_END = "\x06", "\x07"
_LEADING_BEHIND = regex.compile("(?:\x06[^\x07]*\x07)*")
_PIECE = regex.compile("\x06[^\x07]*\x07|.", regex.DOTALL)
# How each marker reads in a head pattern.
_HEAD = {_CUT: "", _END: "", _DIGIT_NEXT: r"(?=\d)", _WORD_END_NEXT: r"(?!\w)", _SPACE: r"\s", _SPACES: r"\s+"}
_WORDISH = regex.compile(r"\w")
_WHITESPACE = regex.compile(r"\s")


@dataclass(frozen=True)
class Start:
    """How every match of a pattern begins.

    ``triggers``: strings one of which every match starts with (a word end
    when a non-word character must follow, or DIGIT). ``head``: a small
    pattern that matches wherever a match can start (the pattern's first
    characters, spelled out): a cheap test before the pattern itself.
    ``behind``: how many characters before the start the head reads.
    """

    triggers: frozenset
    head: str
    behind: int = 0
    # ``(literal, firsts)`` for word-end triggers that every way of beginning
    # follows with whitespace and then one of ``firsts`` (see SPACED).
    follows: frozenset = frozenset()

    @property
    def scan_triggers(self) -> frozenset:
        """``triggers``, each word end that ``follows`` says more of as a SPACED trigger: what the scan looks for."""
        if not self.follows:
            return self.triggers
        firsts = dict(self.follows)
        return frozenset((SPACED, t[1], firsts[t[1]]) if isinstance(t, tuple) and t[0] == WORD_END and t[1] in firsts
                         else t for t in self.triggers)


class _Unknown(Exception):
    """The start analysis cannot read this part of a pattern."""


def start_of(pattern: str, flags: int = 0) -> Start | None:
    """How every match of ``pattern`` begins (see ``Start``), or None.

    Unlike ``anchor_of`` this reads through optional parts and alternatives
    (an optional qualifier, a sign, a figure in digits or words): every
    way a match can begin is spelled out up to ``_START_DEPTH`` characters.
    Each way gives a trigger: its literal beginning (a word end when a
    non-word character must follow it, a digit next when a digit must), or
    "a digit". A way that begins with an unknown character, or with a
    single letter, gives None: the rule keeps its windows.
    """
    parsed = _parse(pattern, flags)
    if parsed is None:
        return None
    try:
        prefixes = _prefixes(list(parsed), _START_DEPTH, [_START_STEPS])
    except (_Unknown, RecursionError):
        return None
    triggers: set = set()
    follows: dict[str, set | None] = {}  # word-end literal -> what may follow its whitespace (None: anything)
    for p in prefixes:
        p = p[_LEADING_BEHIND.match(p).end():]
        if p.startswith(_DIGIT_NEXT):
            triggers.add(DIGIT)
            continue
        mark = _MARKS.search(p)
        literal = p[:mark.start()] if mark else p
        if not literal or (len(literal) < _MIN_LITERAL and literal.isalpha()):
            return None
        if mark and mark.group() in (_WORD_END_NEXT, _SPACE, _SPACES):
            triggers.add((WORD_END, literal))
            first = _after_spaces(p[mark.start():])
            known = follows.get(literal, set())
            follows[literal] = None if first is None or known is None else known | {first}
        elif mark and mark.group() == _DIGIT_NEXT:
            # "." and "ال" are everywhere; before a digit they are rare.
            triggers.add((DIGIT_NEXT, literal))
        else:
            triggers.add(literal)
    if not triggers:
        return None
    if DIGIT in triggers:  # a digit starts a match anyway: "20" before a digit adds nothing
        triggers = {t for t in triggers if not (isinstance(t, tuple) and t[0] == DIGIT_NEXT and _ONE_DIGIT.match(t[1]))}
    behind = int(any(p.startswith(_BEHIND) for p in prefixes))
    return Start(frozenset(triggers), _head(prefixes), behind,
                 frozenset((lit, frozenset(f)) for lit, f in follows.items() if f))


def _after_spaces(rest: str) -> str | int | None:
    """What a prefix's remainder (from its first marker on) reads after whitespace: one character,
    DIGIT, or None when it does not start with whitespace or says nothing of the next character."""
    if not rest.startswith((_SPACE, _SPACES)):
        return None
    rest = rest.lstrip(_SPACE + _SPACES)
    if rest.startswith(_DIGIT_NEXT):
        return DIGIT
    if not rest or _MARKS.match(rest) or rest[0] in (_BEHIND, _BEHIND_END) or _WHITESPACE.match(rest[0]):
        return None  # the end, a marker, or a space, which the scan skips
    return rest[0]


def _head(prefixes: set[str]) -> str:
    """One pattern matching at the start of each prefix: a trie of their characters and markers."""
    trie: dict = {}
    for p in prefixes:
        node = trie
        for ch in _PIECE.findall(p):  # a look behind is one piece
            node = node.setdefault(ch, {})
            if ch in (_CUT, _END, _DIGIT_NEXT, _WORD_END_NEXT):
                break  # nothing is known after these
        node[""] = {}

    def render(node: dict) -> str:
        if "" in node:
            return ""  # a prefix ends here: what follows need not be checked
        branches = [_render_piece(ch) + render(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(trie)


def _render_piece(piece: str) -> str:
    """How one piece of a prefix (a character, a marker, a look behind) reads in a head."""
    if piece in _HEAD:
        return _HEAD[piece]
    if piece.startswith(_BEHIND):
        return piece[1:-1]
    return regex.escape(piece)


def _prefixes(items: list, k: int, steps: list[int], lead: bool = True) -> set[str]:
    """Every beginning (up to ``k`` characters, then a marker) of what ``items`` match.

    ``lead``: nothing has been read yet, so a look behind tests the
    character before the match's start.
    """
    steps[0] -= 1
    if steps[0] < 0:
        raise _Unknown
    if k == 0:
        return {""}
    if not items:
        return {_END}
    (op, av), rest = items[0], items[1:]
    if op is _C.ASSERT and av[0] == 1:
        # A lookahead: the text here begins both as it says and as what follows it
        # says. Either is a true beginning: the one that spells out more is kept
        # (ل(?=[يت]) before a verb: ليؤكد, not لي; (?=source head)\S+: the head).
        ahead = {p.replace(_END, _CUT) for p in _prefixes(list(av[1]), k, steps, lead)}
        try:
            after = _prefixes(rest, k, steps, lead)
        except _Unknown:
            return ahead
        return after if _spelled(after) >= _spelled(ahead) else ahead
    behind = _behind(op, av) if lead else None
    if behind:
        # Before anything is read, a look behind tests the character before the
        # start: the head tests it too (a figure cannot start inside a number).
        return {_BEHIND + behind + _BEHIND_END + s for s in _prefixes(rest, k, steps, lead)}
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        # Consumes nothing: read on. (?!\w) says a non-word character or the end follows.
        return {_WORD_END_NEXT} if _is_word_end(items[0]) else _prefixes(rest, k, steps, lead)
    if op is _C.LITERAL:
        return {chr(av) + s for s in _prefixes(rest, k - 1, steps, False)}
    if op is _C.IN:
        if _is_digit_class(av):
            return {_DIGIT_NEXT}
        chars = _class_chars(av)
        if chars is None:
            if _is_space(items[:1]):
                return {_SPACE + s for s in _prefixes(rest, k - 1, steps, False)}
            # Too many to spell out; but if none of them is a word character, what came before ends a word.
            return {_WORD_END_NEXT} if _is_non_word_class(av) else {_CUT}
        if _number_signs(chars):
            return {c + _CUT for c in chars}  # ½, ⅓: rare as a digit, so the beginning need not read on
        tails = _prefixes(rest, k - 1, steps, False)
        return {c + s for c in chars for s in tails}
    if op is _C.SUBPATTERN:
        if av[1] or av[2]:
            raise _Unknown  # inline flags
        return _prefixes(list(av[3]) + rest, k, steps, lead)
    if op is _C.ATOMIC_GROUP:
        return _prefixes(list(av) + rest, k, steps, lead)
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            out |= _prefixes(list(branch) + rest, k, steps, lead)
            if len(out) > _MAX_EXACT * 8:
                raise _Unknown
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if _P.SubPattern(_P.State(), list(sub)).getwidth()[0] == 0:
            raise _Unknown  # a repeat of something that may be empty
        out = _prefixes(rest, k, steps, lead) if lo == 0 else set()
        if hi != 0:
            if hi > 1 and _is_space(list(sub)):
                # A run of whitespace, however long, is one marker (\s+ in the head).
                return out | {_SPACES + s for s in _prefixes(rest, k - 1, steps, False)}
            again = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi == _C.MAXREPEAT else hi - 1, sub))]
            out |= _prefixes(list(sub) + again + rest, k, steps, lead)
        return out
    return {_CUT}


def _spelled(prefixes: set[str]) -> int:
    """How many characters every one of ``prefixes`` spells out before its first marker."""
    return min((len(_MARKS.split(p[_LEADING_BEHIND.match(p).end():], 1)[0]) for p in prefixes), default=0)


def _behind(op, av) -> str | None:
    """A head's one-character look behind implied by a look behind of the pattern, or None.

    ``(?<!A|BC)`` implies ``(?<!A)``: its one-character alternatives are
    kept. ``(?<=A|B)`` is kept only when every alternative is one character.
    """
    if op not in (_C.ASSERT, _C.ASSERT_NOT) or av[0] != -1:
        return None
    items = list(av[1])
    ways = [list(b) for b in items[0][1][1]] if len(items) == 1 and items[0][0] is _C.BRANCH else [items]
    chars = [_one_char(w[0]) if len(w) == 1 else None for w in ways]
    if op is _C.ASSERT_NOT:
        kept = [c for c in chars if c is not None]
        return "(?<!" + "|".join(kept) + ")" if kept else None
    return "(?<=" + "|".join(chars) + ")" if None not in chars else None  # type: ignore[arg-type]


_CATEGORY_TEXT = {_C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W", _C.CATEGORY_DIGIT: r"\d",
                  _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_NOT_SPACE: r"\S"}


def _one_char(item) -> str | None:
    """Pattern text for a parsed item that reads one character (a literal or a class), or None."""
    op, av = item
    if op is _C.LITERAL:
        return _class_char(av)
    if op is _C.NOT_LITERAL:
        return "[^" + _class_char(av) + "]"
    if op is not _C.IN:
        return None
    parts = []
    for sub_op, sub_av in av:
        if sub_op is _C.NEGATE and not parts:
            parts.append("^")
        elif sub_op is _C.LITERAL:
            parts.append(_class_char(sub_av))
        elif sub_op is _C.RANGE:
            parts.append(_class_char(sub_av[0]) + "-" + _class_char(sub_av[1]))
        elif sub_op is _C.CATEGORY and sub_av in _CATEGORY_TEXT:
            parts.append(_CATEGORY_TEXT[sub_av])
        else:
            return None
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else None


def _class_char(code: int) -> str:
    """One character as pattern text, in or out of a class: letters and digits as they are,
    anything else by its code (so no marker character appears in a head's look behind)."""
    ch = chr(code)
    if ch.isalnum():
        return ch
    return "\\u%04x" % code if code <= 0xFFFF else "\\U%08x" % code


def _is_non_word_class(items) -> bool:
    """True when no character of the class matches ``\\w`` (whitespace, punctuation)."""
    for op, av in items:
        if op is _C.CATEGORY and av in (_C.CATEGORY_SPACE, _C.CATEGORY_UNI_SPACE, _C.CATEGORY_NOT_WORD,
                                        _C.CATEGORY_UNI_NOT_WORD):
            continue
        if op is _C.LITERAL and not _WORDISH.match(chr(av)):
            continue
        return False
    return bool(items)
