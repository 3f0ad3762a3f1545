"""Markdown as the pipeline should read it: markup blanked, offsets unchanged.

Instead of rendering Markdown (which moves every offset), markup characters
are overwritten in place: block markup (headings' ``#``, list markers, quote
bars, table pipes, code, comments, front matter) with spaces, inline markup
(emphasis, link brackets and targets) with a zero-width space, which the
normaliser drops, so ``**12**%`` still reads as one figure. The result has
exactly the length of the input and keeps every newline, so a span found in
it is a span of the original file.
"""
from __future__ import annotations

import regex

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

_ZW = "\u200b"

_FRONT_MATTER = regex.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+)[ \t]*(?:\n|\Z)", regex.S)
_FENCE = regex.compile(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", regex.S | regex.M)
_COMMENT = regex.compile(r"<!--.*?(?:-->|\Z)", regex.S)
_INLINE_CODE = regex.compile(r"(`+)[^`\n]*?\1")
_LINK_DEF = regex.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", regex.M)
_IMAGE = regex.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = regex.compile(r"(\[)[^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = regex.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RULE = regex.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+|\|?[ \t:|-]*-{3,}[ \t:|-]*)$", regex.M)
# Block prefixes: quote bars, headings, list bullets and numbers (so "1." is no figure).
_PREFIX = regex.compile(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))?", regex.M)
_HEADING_TAIL = regex.compile(r"[ \t]+#+[ \t]*$", regex.M)
_EMPHASIS = regex.compile(r"(?<![\\\w*_~])(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_PIPE = regex.compile(r"(?<!\\)\|")
_ESCAPE = regex.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = fill


def strip_markdown(text: str) -> str:
    """``text`` with Markdown markup overwritten; same length, same lines."""
    chars = list(text)
    for m in _FRONT_MATTER.finditer(text):
        _blank(chars, m.start(), m.end())
    for rx in (_FENCE, _COMMENT, _INLINE_CODE, _LINK_DEF, _IMAGE, _AUTOLINK, _TAG, _RULE):
        for m in rx.finditer(text):
            _blank(chars, m.start(), m.end())
    view = "".join(chars)
    for m in _LINK.finditer(view):
        _blank(chars, m.start(1), m.end(1), _ZW)
        _blank(chars, m.start(2), m.end(2), _ZW)
    for m in _PREFIX.finditer(view):
        _blank(chars, m.start(), m.end())
    for m in _HEADING_TAIL.finditer(view):
        _blank(chars, m.start(), m.end())
    view = "".join(chars)
    for rx in (_EMPHASIS, _ESCAPE):
        for m in rx.finditer(view):
            _blank(chars, m.start(), m.end(), _ZW)
    view = "".join(chars)
    for m in _PIPE.finditer(view):
        _blank(chars, m.start(), m.end())
    return "".join(chars)
