"""Words around figures: tokens of the normalised text, and word-list matching
that tolerates the clitics (و ف ب ل) and the article (ال) of running text."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

import ahocorasick
import regex

from ..model import Quantity

TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_PREFIXES = "وف"
_PREPS = "بلك"


def tokens(text: str, start: int, end: int) -> list[str]:
    """Tokens (numbers, words, single punctuation marks) of ``text[start:end]``."""
    # (string, pos, endpos, overlapped, concurrent=False): a short call keeps the GIL (see extract._anchored)
    return TOKEN.findall(text, start, end, False, False) if end > start else []


# A sentence of scraped news text can run to thousands of characters with no full
# stop; the checks want the word or two next to a figure, so they read a
# window that grows until it holds enough, not the whole span.
_WINDOW = 64
_SPACE = regex.compile(r"\s")


def head_tokens(text: str, start: int, end: int, n: int) -> list[str]:
    """``tokens(text, start, end)[:n]``, reading only as far as it must."""
    if n <= 0:
        return tokens(text, start, end)[:n]
    width = _WINDOW * n
    while True:
        stop = start + width
        if stop >= end:
            return tokens(text, start, end)[:n]
        toks = TOKEN.findall(text, start, stop, False, False)
        # One token more than asked: the n-th then ends before the window
        # does, so it is whole, and a pattern with no look-ahead matched
        # it exactly as a scan of the whole span would.
        if len(toks) > n:
            return toks[:n]
        width *= 4


def tail_tokens(text: str, start: int, end: int, n: int) -> list[str]:
    """``tokens(text, start, end)[-n:]``, reading only as far back as it must."""
    if n <= 0:
        return tokens(text, start, end)[-n:]  # [-0:] is every token, as the slice says
    width = _WINDOW * n
    while True:
        if end - width <= start:
            return tokens(text, start, end)[-n:]
        # From a white space on, a scan finds what a scan of the whole span
        # finds: no token holds a space, so none reaches across it.
        space = _SPACE.search(text, end - width, end, False)
        if space is not None:
            toks = TOKEN.findall(text, space.start(), end, False, False)
            if len(toks) >= n:
                return toks[-n:]
        width *= 4


@lru_cache(maxsize=1 << 16)
def variants(tok: str) -> frozenset[str]:
    """``tok``, its lower case, and what it is without و/ف, ب/ل/ك and ال (وبالأرقام -> أرقام).

    Cached: the checks ask for the same tokens' variants once per word list
    and per position, which made this the hottest function of a run.
    """
    out = {tok}
    stack = [tok]
    low = tok.lower()
    if low != tok:  # Said, According: word lists are written in lower case (no case in Arabic)
        out.add(low)
        stack.append(low)
    while stack:
        t = stack.pop()
        cands = []
        if len(t) > 2 and t[0] in _PREFIXES:
            cands.append(t[1:])
        if len(t) > 2 and t[0] in _PREPS:
            cands.append(t[1:])
        if len(t) > 3 and t.startswith("ال"):
            cands.append(t[2:])
        if len(t) > 3 and t.startswith("لل"):
            cands.append(t[2:])
        for c in cands:
            if c not in out:
                out.add(c)
                stack.append(c)
    return frozenset(out)


@lru_cache(maxsize=256)
def _first_words(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.split(" ")[0] for w in words)


@lru_cache(maxsize=256)
def longest_entry(words: frozenset[str]) -> int:
    """How many words the longest entry of ``words`` has."""
    return max((len(w.split(" ")) for w in words), default=0)


def word_at(toks: Sequence[str], i: int, words: frozenset[str], max_words: int = 4) -> str | None:
    """The entry of ``words`` that starts at token ``i`` (longest first), or None."""
    # Most tokens start no entry at all: one set test says so.
    if variants(toks[i]).isdisjoint(_first_words(words)):
        return None
    for n in range(min(max_words, len(toks) - i), 0, -1):
        tail = " ".join(toks[i + 1:i + n])
        for v in variants(toks[i]):
            key = f"{v} {tail}" if tail else v
            if key in words:
                return key
    return None


def may_hold(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """False when no token of ``text[start:end]`` can start an entry of ``words``.

    A token's variants are the token less some leading letters, so the first
    word of a matching entry is a substring of the text: one Aho-Corasick pass in
    C rules out most sentences before they are split into tokens.
    """
    automaton = _first_words_automaton(words)
    if not len(automaton) or end <= start:
        return False
    return next(automaton.iter(text, start, end), None) is not None


@lru_cache(maxsize=256)
def _first_words_automaton(words: frozenset[str]) -> ahocorasick.Automaton:
    # One pass in C for all first words; a find per word cost more than the tokens it spared.
    automaton = ahocorasick.Automaton()
    for w in sorted(_first_words(words)):
        if w:  # no token is empty, so an empty first word starts nothing
            automaton.add_word(w, w)
            upper = w[:1].upper() + w[1:]
            if upper != w:  # a sentence's first word (Said): its lower case is a variant of the token
                automaton.add_word(upper, upper)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def find_word(toks: Sequence[str], words: frozenset[str]) -> int:
    """Index of the first token where an entry of ``words`` starts, or -1."""
    if not words:
        return -1
    firsts = _first_words(words)
    for i, tok in enumerate(toks):
        # word_at's own first test, inlined: most tokens fail it.
        if not variants(tok).isdisjoint(firsts) and word_at(toks, i, words) is not None:
            return i
    return -1


def rfind_word(toks: Sequence[str], words: frozenset[str]) -> int:
    """Index of the last token where an entry of ``words`` starts, or -1."""
    if not words:
        return -1
    firsts = _first_words(words)
    for i in range(len(toks) - 1, -1, -1):
        if not variants(toks[i]).isdisjoint(firsts) and word_at(toks, i, words) is not None:
            return i
    return -1


def only_words(toks: Iterable[str], words: frozenset[str]) -> bool:
    """True when the tokens spell entries of ``words`` and nothing else (joined by و or commas)."""
    toks = [t for t in toks]
    i = 0
    while i < len(toks):
        found = word_at(toks, i, words)
        if found is None:
            if toks[i] in ("و", "،", ","):
                i += 1
                continue
            return False
        i += len(found.split(" "))
    return True


@lru_cache(maxsize=1 << 16)
def key_word(tok: str) -> str:
    """A token without its article and the clitics before it (والوفيات -> وفيات); فائدة stays فائدة."""
    for pre in ("وبال", "وال", "فال", "بال", "كال", "لل", "ال"):
        if tok.startswith(pre) and len(tok) - len(pre) >= 2:
            return tok[len(pre):]
    return tok


def figure_list(qs: Iterable[Quantity]) -> str:
    return ", ".join(f"'{q.text}'" for q in qs)
