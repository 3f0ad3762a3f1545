"""Split normalised text into paragraphs and sentences.

A sentence ends at . ! ? ؟ ; or … followed by space or the end, at a line
break, never inside a number (12.5, 2.000.000), never at a semicolon inside
brackets (£458m; $874m) and never inside an open quotation (« » “ ” and
straight double quotes). Every line break starts a new paragraph, and a
paragraph also closes any quotation left open, so one unbalanced quote mark
cannot swallow the rest of the article.
"""
from __future__ import annotations

import regex

from .model import Sentence

_OPEN = {"«": "»", "“": "”", "„": "”"}
_CLOSE = {"»", "”"}
_ENDERS = set(".!?؟;…")
_SPACE_OR_QUOTE = regex.compile(r"[\s»”\"')\]]")
# The characters _split_line acts on; it jumps from one to the next.
_SPECIAL = regex.compile("[" + regex.escape("".join(sorted(set(_OPEN) | _CLOSE | {'"', "(", ")"} | _ENDERS))) + "]")
_LINE = regex.compile(r"[^\n]*(?:\n|$)")
# Longest a quotation may stay open before we stop trusting it.
_MAX_QUOTE = 2000


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of ``text``, with their paragraph index; trimmed of outer space."""
    out: list[Sentence] = []
    paragraph = 0
    for line in _LINE.finditer(text):
        if line.start() == len(text) and line.end() == line.start():
            break
        body_end = line.end() - (1 if text[line.start():line.end()].endswith("\n") else 0)
        for s, e in _split_line(text, line.start(), body_end):
            s, e = _trim(text, s, e)
            if e > s:
                out.append(Sentence(len(out), paragraph, s, e))
        if text[line.start():body_end].strip():
            paragraph += 1
    return tuple(out)


def _split_line(text: str, start: int, end: int):
    """Yield sentence spans inside one line (one paragraph)."""
    stack: list[str] = []
    opened_at = start
    sent_start = start
    parens = 0  # open brackets: a semicolon inside them lists, it does not end (£458m; $874m)
    special = _SPECIAL.search
    i = start
    while i < end:
        m = special(text, i, end)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c in _OPEN:
            if not stack:
                opened_at = i
            stack.append(_OPEN[c])
        elif c in _CLOSE and stack:
            if c in stack:
                while stack and stack.pop() != c:
                    pass
        elif c == "(":
            parens += 1
        elif c == ")":
            parens = max(0, parens - 1)
        elif c == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                if not stack:
                    opened_at = i
                stack.append('"')
        elif c in _ENDERS:
            if c == ";" and parens:
                i += 1
                continue
            if stack and i - opened_at > _MAX_QUOTE:
                stack.clear()
            if not stack and _is_boundary(text, i, end):
                j = i + 1
                while j < end and text[j] in _ENDERS:
                    j += 1
                yield sent_start, j
                sent_start = j
                i = j
                continue
        i += 1
    if sent_start < end:
        yield sent_start, end


def _is_boundary(text: str, i: int, end: int) -> bool:
    """A sentence ender at ``i`` closes a sentence unless it sits inside a number."""
    if text[i] == "." and 0 < i and i + 1 < end and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False
    if i + 1 >= end:
        return True
    return bool(_SPACE_OR_QUOTE.match(text, i + 1, None, False)) or text[i] in "؟?!"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
