"""Fold text to one matching key, keeping a map back to the original offsets.

The fold is built from pyarabic's character tables: tashkeel, tatweel and the
combining hamzas are dropped; alef forms, alef maqsura, taa marbuta and the
hamza carriers are folded; Arabic-Indic and Persian digits become ASCII;
٫ ٬ ٪ become . , %; NBSP-like spaces become a space; bidi and zero-width
marks are dropped; Arabic presentation forms (ﻻ) are expanded by NFKC.

The same ``fold`` is applied to rule patterns and lexicon forms, so rules are
written in ordinary spelling and still match every variant. A document's text
also has its quotations written »so« turned to «so» (``orient_guillemets``),
which patterns never need.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex
from pyarabic import araby

# Combining marks that belong to the letter before them: a span that ends at
# that letter also takes them (so "كيلومتراً" keeps its tanween).
_MARKS = "".join(araby.TASHKEEL) + araby.MINI_ALEF + araby.HAMZA_ABOVE + araby.HAMZA_BELOW
_DROP = (
    _MARKS
    + araby.TATWEEL
    + "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space/joiners, word joiner, BOM
    + "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi marks
    + "\u00ad"  # soft hyphen
)
_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): "" for c in _DROP}
    for c in (araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_MADDA, araby.ALEF_WASLA):
        table[ord(c)] = araby.ALEF
    table[ord(araby.ALEF_MAKSURA)] = araby.YEH
    table[ord(araby.TEH_MARBUTA)] = araby.HEH
    table[ord(araby.WAW_HAMZA)] = araby.WAW
    table[ord(araby.YEH_HAMZA)] = araby.YEH
    # Persian and Urdu letters typed for their Arabic look-alikes in web copy (٢٥٠ مليار ریال،
    # کیلومتر، ھذه): Farsi yeh, keheh, heh with yeh above, heh doachashmee, heh goal.
    table[0x06CC] = araby.YEH
    table[0x06A9] = araby.KAF
    for heh in (0x06C0, 0x06BE, 0x06C1):
        table[heh] = araby.HEH
    for digits in (araby.NUMBERS_EAST, araby.NUMBERS_PERS):
        for d, w in zip(digits, araby.NUMBERS_WEST):
            table[ord(d)] = w
    table[ord(araby.DECIMAL)] = "."
    table[ord(araby.THOUSANDS)] = ","
    table[ord(araby.PERCENT)] = "%"
    for c in _SPACES:
        table[ord(c)] = " "
    # Presentation forms (U+FB50-FDFF, U+FE70-FEFF): NFKC, then the fold above.
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
        c = chr(cp)
        expanded = unicodedata.normalize("NFKC", c)
        if expanded != c:
            table[cp] = expanded.translate(table)
    return table


_TABLE = _build_table()
_BY_CHAR = {chr(cp): out for cp, out in _TABLE.items()}
# Every character the fold changes. No output of the table holds one of them,
# so replacing them one kind at a time gives what str.translate gives, some
# five times faster on news text (translate looks up every character).
_FOLDED_RE = re.compile("[" + re.escape("".join(sorted(_BY_CHAR))) + "]")
# Characters whose output length is not one: they move offsets.
_SHIFTING = "".join(sorted(chr(cp) for cp, out in _TABLE.items() if len(out) != 1))
# The standard library scans a class of literal characters some fifty times faster here.
_SHIFTING_RE = re.compile("[" + re.escape(_SHIFTING) + "]")
# What a span that ends at a letter also takes: its marks, and a tatweel that
# stretches it (the abbreviation هـ, written with one, stays whole).
_MARKS_RUN = regex.compile("[" + regex.escape(_MARKS + araby.TATWEEL) + "]*")


# Tashkeel, the superscript alef and tatweel: what a word written with its vowels carries
# (compared without them where the copy's own spelling matters, not its fold).
VOWEL_MARKS = regex.compile("[\u064B-\u0652\u0670\u0640]")


def strip_marks(text: str) -> str:
    """``text`` without tashkeel, the superscript alef and tatweel (not folded otherwise)."""
    return VOWEL_MARKS.sub("", text)


def fold(text: str) -> str:
    """The matching key of ``text`` (no offset map): used for patterns and lexicons."""
    for c in set(_FOLDED_RE.findall(text)):
        text = text.replace(c, _BY_CHAR[c])
    return text


def fold_key(text: str) -> str:
    """``fold(text)`` with its runs of whitespace as one space: how a lexicon keys a form."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus a piecewise map back to the original.

    ``_norm_points[i]``/``_orig_points[i]`` are breakpoints: from normalised
    index ``_norm_points[i]`` on, normalised index n maps to original index
    ``_orig_points[i] + (n - _norm_points[i])`` until the next breakpoint.
    """

    text: str
    original: str
    _norm_points: tuple[int, ...] = (0,)
    _orig_points: tuple[int, ...] = (0,)

    def orig_index(self, n: int) -> int:
        """Original index of the character at normalised index ``n``."""
        if n >= len(self.text):
            return len(self.original)
        i = bisect_right(self._norm_points, n) - 1
        return self._orig_points[i] + (n - self._norm_points[i])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open normalised span to the original text."""
        ostart = self.orig_index(start)
        if end <= start:
            return ostart, ostart
        oend = self.orig_index(end - 1) + 1
        # Take the combining marks that sit on the last letter, and its tatweel.
        oend = _MARKS_RUN.match(self.original, oend, None, False).end()
        return ostart, oend

    def original_text(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


# A guillemet, or the end of a line (a quotation never runs past it here).
_GUILLEMET_OR_LINE = re.compile("[«»\n]")


def orient_guillemets(text: str) -> str:
    """``text`` with quotations written »so« (or »so») turned to «so», one character for one.

    Some Arabic copy opens a quotation with » and closes it with « (or with »
    again): rules read «…» as a quotation, an outlet (لـ«المدينة») or a name.
    A » that no « opened and that a letter or digit follows opens such a
    quotation (a stray closing mark is followed by a space or a stop); the «
    or » that next closes it on its line becomes », unless a letter follows
    that « (then it opens a quotation of its own). Well-formed «…» and stray
    marks stay as they are; one character for one, so offsets never move.
    """
    if "»" not in text:
        return text
    chars: list[str] | None = None
    opened = -1  # where the open quotation began on this line, or -1
    reversed_open = False
    for m in _GUILLEMET_OR_LINE.finditer(text):
        i, c = m.start(), m.group()
        if c == "\n":
            opened = -1
        elif opened < 0:
            if c == "«":
                opened, reversed_open = i, False
            elif text[i + 1:i + 2].isalnum():  # empty past the end: not alnum
                opened, reversed_open = i, True
        elif reversed_open:
            if c == "«" and text[i + 1:i + 2].isalnum():
                opened, reversed_open = i, False  # it opens a quotation: the » before it was stray
                continue
            if chars is None:
                chars = list(text)
            chars[opened], chars[i] = "«", "»"
            opened = -1
        elif c == "»":
            opened = -1
        else:
            opened = i  # a second «: the first one was stray
    return text if chars is None else "".join(chars)


def normalize_text(text: str) -> NormalizedText:
    """Fold ``text`` and record where each folded character came from."""
    norm = orient_guillemets(fold(text))
    if len(norm) == len(text) and not _SHIFTING_RE.search(text):
        return NormalizedText(norm, text)
    norm_points = [0]
    orig_points = [0]
    delta = 0  # normalised index minus original index, so far
    for m in _SHIFTING_RE.finditer(text):
        k = m.start()
        out = _TABLE[ord(text[k])]
        nk = k + delta
        for j in range(1, len(out)):  # every extra char of an expansion maps to k
            norm_points.append(nk + j)
            orig_points.append(k)
        delta += len(out) - 1
        norm_points.append(nk + len(out))
        orig_points.append(k + 1)
    return NormalizedText(norm, text, tuple(norm_points), tuple(orig_points))
