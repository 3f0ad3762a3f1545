"""One pass over a document that finds every rule's triggers, and the windows around them.

The trigger sets come from ``prefilter.py``. Every literal, wherever it must
occur, is one Aho-Corasick automaton (``pyahocorasick``: one linear pass in
C, where a trie regex tried at every position cost most of the scan); digits
are one ``regex`` pass. At each position a rule sees the longest literal
that starts there (and, for literals that must end a word, the longest one
a non-word character follows; for literals a digit must follow, the longest
one a digit follows). A literal a digit must follow that does not end in a
digit (the "ال" of "ال15", the "." of ".5") can only end where a run of
digits starts: it is looked up there, not scanned for, since such strings
are common and digit runs are few. A word end that whitespace and then one
of a few characters must follow (SPACED: في before a figure, not before any
word) is found where the word ends, then told apart by that character.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import ahocorasick
import regex

from .prefilter import DIGIT, DIGIT_NEXT, SPACED, WORD_END

_NON_WORD = regex.compile(r"\W")
_WORD = regex.compile(r"\w")
_DIGIT = regex.compile(r"\d")
_SPACE = regex.compile(r"\s")
# At most this many windows are kept (``Scanner.by_window``); then they are forgotten.
_WINDOWS_KEPT = 50_000
_DIGIT_RUN = regex.compile(r"\d+")


@dataclass(frozen=True)
class Scanner:
    """One pass over a document that finds every rule's triggers."""

    automaton: ahocorasick.Automaton  # every literal -> (length, found anywhere, ends a word, a digit next)
    literals: tuple[frozenset, ...]  # per rule: its literals found anywhere
    word_ends: tuple[frozenset, ...]  # per rule: its word-end literals
    digit_rules: frozenset[int]
    digit_nexts: tuple[frozenset, ...] = ()  # per rule: its literals a digit follows
    before_runs: frozenset[str] = frozenset()  # the digit-next literals not ending in a digit
    before_runs_longest: int = 0
    by_hit: dict = field(default_factory=dict)  # hit -> rules it triggers (filled lazily)
    by_end: dict = field(default_factory=dict)  # hit (with SPACED literals: hit and what follows its whitespace) -> rules
    by_next: dict = field(default_factory=dict)
    by_loose: dict = field(default_factory=dict)  # hit -> rules, every SPACED literal taken as a word end
    by_window: dict = field(default_factory=dict)  # word-end hit and the two characters after it -> its rules
    word_chars: dict = field(default_factory=dict)  # character -> matches \w
    digit_chars: dict = field(default_factory=dict)  # character -> matches \d
    space_chars: dict = field(default_factory=dict)  # character -> matches \s
    # SPACED literal -> ((rule, the characters one of which follows its whitespace), ...)
    spaced: dict = field(default_factory=dict)
    loose_ends: tuple[frozenset, ...] = ()  # per rule: its word-end literals, its SPACED ones taken as word ends

    def hits(self, text: str) -> list[list[tuple[int, int]]]:
        """Per rule, the spans of its triggers in ``text``, in order."""
        out: list[list[tuple[int, int]]] = [[] for _ in self.literals]
        longest: dict[int, int] = {}  # start -> longest literal found anywhere
        ending: dict[int, int] = {}  # start -> longest word-end literal that ends a word
        before_digit: dict[int, int] = {}  # start -> longest digit-next literal a digit follows
        last = len(text) - 1
        word = self.word_chars
        digit = self.digit_chars
        is_word = word.get
        for end, (length, anywhere, word_end, digit_next) in (self.automaton.iter(text) if len(self.automaton) else ()):
            start = end - length + 1
            if anywhere and length > longest.get(start, 0):
                longest[start] = length
            if digit_next and end < last and length > before_digit.get(start, 0):
                if _char_is(digit, _DIGIT, text[end + 1]):
                    before_digit[start] = length
            if word_end and length > ending.get(start, 0):
                if end < last:
                    # _char_is with its dictionary lookup inlined: this is the most frequent case of the scan
                    ch = text[end + 1]
                    followed = is_word(ch)
                    if followed is None:
                        followed = _char_is(word, _WORD, ch)
                    if followed:
                        continue
                ending[start] = length
        if self.digit_rules or self.before_runs:
            ends = self.before_runs
            reach = self.before_runs_longest
            for m in _DIGIT_RUN.finditer(text, 0, None, False, False):  # concurrent=False: see extract._anchored
                run = m.start()
                if self.digit_rules:
                    # A digit where no literal starts is a hit of its own, one character long.
                    for p in range(run, m.end()):
                        longest.setdefault(p, 1)
                for length in range(1, min(reach, run) + 1):
                    start = run - length
                    if text[start:run] in ends and length > before_digit.get(start, 0):
                        before_digit[start] = length
        self._collect(text, longest, self.by_hit, self._rules_for, out)
        if ending:
            if self.spaced:
                self._collect_spaced(text, ending, out)
            else:
                self._collect(text, ending, self.by_end, self._rules_ending, out)
        if before_digit:
            self._collect(text, before_digit, self.by_next, self._rules_before_digit, out)
        if any(self.word_ends) or any(self.digit_nexts) or self.spaced:
            for spans in out:
                spans.sort()
        return out

    @staticmethod
    def _collect(text, found, known, find, out) -> None:
        for start in sorted(found):
            hit = text[start:start + found[start]]
            rules = known.get(hit)
            if rules is None:
                rules = known[hit] = find(hit)
            for i, length in rules:
                out[i].append((start, start + length))

    def _collect_spaced(self, text: str, found: dict[int, int], out: list) -> None:
        """``_collect`` of the word ends, each told apart by what follows its whitespace (SPACED).

        The rules of a hit are kept per window of the hit and the two
        characters after it, which settles what follows the whitespace
        unless both are whitespace (then the text is read on).
        """
        known = self.by_window
        if len(known) > _WINDOWS_KEPT:
            known.clear()
        for start in sorted(found):
            length = found[start]
            window = text[start:start + length + 2]
            rules = known.get(window)
            if rules is None:
                rules = self._rules_in_window(window, length)
                if rules is not None:
                    known[window] = rules
                else:  # whitespace on: the character after it, found in the text
                    rules = self._rules_ending_cached(window[:length], self._next_after_spaces(text, start + length))
            for i, span in rules:
                out[i].append((start, start + span))

    def _rules_in_window(self, window: str, length: int) -> tuple[tuple[int, int], ...] | None:
        """The rules of a word-end hit from its window (see ``_collect_spaced``), or None when it cannot tell."""
        hit, after = window[:length], window[length:]
        if hit not in self.spaced:
            return self._rules_ending_cached(hit, None)
        if len(after) < 2 or not _char_is(self.space_chars, _SPACE, after[0]):
            return self._rules_ending_cached(hit, "")  # no whitespace, or whitespace and then the end of the text
        if _char_is(self.space_chars, _SPACE, after[1]):
            return None
        return self._rules_ending_cached(hit, after[1])

    def _rules_ending_cached(self, hit: str, after: str | None) -> tuple[tuple[int, int], ...]:
        """``_rules_ending``, kept per hit and what follows its whitespace (far fewer than windows)."""
        key = (hit, after)
        rules = self.by_end.get(key)
        if rules is None:
            rules = self.by_end[key] = self._rules_ending(hit, after)
        return rules

    def _next_after_spaces(self, text: str, end: int) -> str:
        """The character after the whitespace at ``end``; "" where no whitespace begins there or nothing follows it."""
        spaces = self.space_chars
        j, n = end, len(text)
        while j < n and _char_is(spaces, _SPACE, text[j]):
            j += 1
        return "" if j == end or j == n else text[j]

    def _rules_for(self, hit: str) -> tuple[tuple[int, int], ...]:
        # The scan reports the longest trigger at each position; a rule is
        # triggered when one of its literals starts the hit, or it wants a
        # digit and the hit starts with one.
        prefixes = {hit[:n] for n in range(1, len(hit) + 1)}
        digit = regex.match(r"\d", hit) is not None
        return tuple((i, len(hit)) for i, lits in enumerate(self.literals)
                     if (digit and i in self.digit_rules) or not prefixes.isdisjoint(lits))

    def _rules_ending(self, hit: str, after: str | None = None) -> tuple[tuple[int, int], ...]:
        # The hit is the longest literal here that a non-word character
        # follows; a shorter one ends a word too when the hit goes on with a
        # non-word character (كانون in كانون الثاني). A SPACED literal counts
        # as the hit when ``after`` (what follows its whitespace) is one it
        # allows; as a shorter one, it counts as a plain word end (the scan
        # does not look past it: a hit too many costs a try, never a match).
        if not self.spaced:
            return _rules_followed(hit, _NON_WORD, self.word_ends)
        rules = self.by_loose.get(hit)
        if rules is None:
            rules = self.by_loose[hit] = _rules_followed(hit, _NON_WORD, self.loose_ends)
        barred = {i for i, firsts in self.spaced.get(hit, ()) if not _allows(firsts, after)}
        if not barred:
            return rules
        # Those rules see the hit only as a plain word end of theirs, or by a shorter literal ending a word in it.
        shorter = {hit[:n] for n in range(1, len(hit)) if _NON_WORD.match(hit, n)}
        kept = [r for r in rules if r[0] not in barred]
        for i in barred:
            found = (shorter & self.loose_ends[i]) | ({hit} & self.word_ends[i])
            if found:
                kept.append((i, max(map(len, found))))
        return tuple(sorted(kept))

    def _rules_before_digit(self, hit: str) -> tuple[tuple[int, int], ...]:
        # Likewise with a digit after: "2" of "20" is before a digit too.
        return _rules_followed(hit, _DIGIT, self.digit_nexts)


def _allows(firsts: frozenset, ch: str | None) -> bool:
    """Whether ``ch`` (what follows a SPACED literal's whitespace) is one of ``firsts``, where DIGIT is any digit."""
    return bool(ch) and (ch in firsts or (DIGIT in firsts and _DIGIT.match(ch) is not None))


def _char_is(known: dict[str, bool], pattern: regex.Pattern, ch: str) -> bool:
    """Whether ``pattern`` matches the character ``ch``, asked once per character and kept in ``known``."""
    found = known.get(ch)
    if found is None:
        found = known[ch] = pattern.match(ch) is not None
    return found


def _rules_followed(hit: str, after: regex.Pattern, sets: tuple[frozenset, ...]) -> tuple[tuple[int, int], ...]:
    """The rules with a literal of ``sets`` that starts ``hit`` and is followed by what ``after`` matches.

    ``hit`` itself is (the scan checked); a shorter literal is when the hit
    goes on with such a character. Each rule's span is its own longest
    literal here (an anchor counts from its end).
    """
    here = {hit[:n] for n in range(1, len(hit) + 1) if n == len(hit) or after.match(hit, n)}
    return tuple((i, max(len(f) for f in here & lits)) for i, lits in enumerate(sets) if not here.isdisjoint(lits))


def build_scanner(needs: Iterable[frozenset]) -> Scanner:
    """The scanner for rules with these trigger sets (none of them None)."""
    needs = list(needs)
    literals = tuple(frozenset(t for t in n if isinstance(t, str)) for n in needs)
    word_ends = tuple(frozenset(t[1] for t in n if isinstance(t, tuple) and t[0] == WORD_END) for n in needs)
    digit_nexts = tuple(frozenset(t[1] for t in n if isinstance(t, tuple) and t[0] == DIGIT_NEXT) for n in needs)
    spaced: dict[str, list] = {}
    for i, n in enumerate(needs):
        for t in n:
            if isinstance(t, tuple) and t[0] == SPACED:
                spaced.setdefault(t[1], []).append((i, t[2]))
    loose_ends = tuple(ends | {t[1] for t in n if isinstance(t, tuple) and t[0] == SPACED}
                       for ends, n in zip(word_ends, needs))
    digit_rules = frozenset(i for i, n in enumerate(needs) if DIGIT in n)
    anywhere = set().union(*literals)
    ending = set().union(*word_ends) | set(spaced)
    before_digit = set().union(*digit_nexts)
    before_runs = frozenset(w for w in before_digit if not _DIGIT.match(w[-1]))
    scanned = before_digit - before_runs
    automaton = ahocorasick.Automaton()
    for word in sorted(anywhere | ending | scanned):
        automaton.add_word(word, (len(word), word in anywhere, word in ending, word in scanned))
    if len(automaton):
        automaton.make_automaton()
    return Scanner(automaton, literals, word_ends, digit_rules, digit_nexts, before_runs,
                   max(map(len, before_runs), default=0),
                   spaced={f: tuple(v) for f, v in spaced.items()}, loose_ends=loose_ends)


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
