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


class _Lazy:
    """A pattern compiled on first use: most runs read no Markdown, and compiling all of them costs start-up."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args: object) -> None:
        self._args = args
        self._compiled = None

    def __getattr__(self, name: str) -> object:
        if self._compiled is None:
            self._compiled = regex.compile(*self._args)
        return getattr(self._compiled, name)


_FRONT_MATTER = _Lazy(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+)[ \t]*(?:\n|\Z)", regex.S)
_FENCE = _Lazy(r"^[ \t]{0,3}(```|~~~)[^\n]*\n.*?(?:^[ \t]{0,3}\1[^\n]*$|\Z)", regex.S | regex.M)
_COMMENT = _Lazy(r"<!--.*?(?:-->|\Z)", regex.S)
_INLINE_CODE = _Lazy(r"(`+)[^`\n]*?\1")
_LINK_DEF = _Lazy(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+[^\n]*$", regex.M)
_IMAGE = _Lazy(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = _Lazy(r"(\[)[^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = _Lazy(r"<(?:https?|mailto|ftp):[^>\s]*>")
_TAG = _Lazy(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RULE = _Lazy(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+|\|?[ \t:|-]*-{3,}[ \t:|-]*)$", regex.M)
# Block prefixes: quote bars, headings, list bullets and numbers (so "1." is no figure).
_PREFIX = _Lazy(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))?", regex.M)
_HEADING_TAIL = _Lazy(r"[ \t]+#+[ \t]*$", regex.M)
_EMPHASIS = _Lazy(r"(?<![\\\w*_~])(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_PIPE = _Lazy(r"(?<!\\)\|")
_ESCAPE = _Lazy(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")


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
