"""Turn the surface of a number (normalised text) into its value.

Digits: Western after normalisation, with thousands and decimal separators
as real copy writes them. Words: each word is looked up in the ``numbers``
and ``scales`` lexicons (``rules/<lang>/lexicon/``), whose entries carry a
``value`` and a ``class``, and the words are combined the way Arabic
composes numbers: parts add up (خمسة وعشرون), a hundred multiplies the unit
right before it (ثلاث مئة), a scale word closes a group (سبعة وعشرون ألفاً
وثمانمئة = 27800), a fraction after a scale takes a part of it (مليار ونصف),
a plural fraction multiplies the count before it (ثلاثة أرباع), and a
singular one does the same (one fifth) or, alone, is one part (a fifth).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import regex

from .ruleset import Lexicon

_DIGITS = regex.compile(r"[0-9]")
_GROUPED3 = regex.compile(r"^[0-9]{1,3}(?:[,،][0-9]{3})+$")
_SPACE_GROUPED = regex.compile(r"^[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?$")
_POINT_WORD = "فاصله"  # فاصلة after the fold: a decimal point in words
_LETTER = regex.compile(r"[^\W\d_]")
_POINT_DECIMAL = regex.compile(r"[-−]?\d+\s+" + _POINT_WORD + r"\s+\d+")
_AND = "و"
# A hyphen between two letters joins the words of one number (twenty-five, forty-two).
_HYPHEN = regex.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_ARTICLE = "ال"
# The vulgar fraction characters (½, ⅓ ... ⅒), read by their Unicode value.
_VULGAR = frozenset(chr(c) for c in (*range(0xBC, 0xBF), *range(0x2150, 0x215F)))


def parse_digits(surface: str) -> float | None:
    """Value of a digit string with separators: 1,500 / 1,5 / 2.000.000 / 27.8 / 2ر21 / 3/4 / 2½."""
    s = surface.strip()
    if s and s[-1] in _VULGAR:  # 2½, ½: the whole number (if any) and the fraction character's value
        whole = parse_digits(s[:-1]) if s[:-1].strip() else 0.0
        return None if whole is None else whole + (-1 if whole < 0 else 1) * unicodedata.numeric(s[-1])
    if _SPACE_GROUPED.match(s):
        s = s.replace(" ", "")
    s = "".join(s.split())
    sign = 1.0
    if s[:1] in "-−–":
        sign, s = -1.0, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if "/" in surface and " " in surface.strip():  # a mixed fraction: 2 1/4
        whole, _, frac = surface.strip().partition(" ")
        a, b = parse_digits(whole), parse_digits(frac)
        return None if a is None or b is None else a + (b if a >= 0 else -b)
    if "/" in s:  # a written fraction: 3/4, 11/10
        num, _, den = s.partition("/")
        a, b = parse_digits(num), parse_digits(den)
        return None if a is None or not b else sign * a / b
    if "ر" in s:  # wire-copy habit: decimals written "2ر21" mean 21.2
        frac, _, whole = s.partition("ر")
        s = f"{whole}.{frac}"
    if not s or not _DIGITS.search(s):
        return None
    if _GROUPED3.match(s) and ("،" in s or s.count(",") > 1 or len(s.split(",")[-1]) == 3):
        s = s.replace(",", "").replace("،", "")
    elif "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    elif s.count(",") == 1 and "،" not in s:
        s = s.replace(",", ".")
    elif s.count("،") == 1 and "," not in s and "." not in s and len(s.partition("،")[2]) <= 2:
        s = s.replace("،", ".")  # 3،7 / 1،45: the Arabic comma as a decimal comma (1،250 groups thousands)
    elif "،" in s and "," in s:  # 26،013,94: Arabic comma groups, comma decimals
        s = s.replace("،", "").replace(",", ".")
    elif "," in s or "،" in s:
        s = s.replace(",", "").replace("،", "")
    try:
        return sign * float(s)
    except ValueError:
        return None


_DOT_GROUPED = regex.compile(r"^[0-9]{1,3}\.([0-9]{3})$")


def dot_groups_thousands(surface: str, counted: bool) -> bool:
    """Whether the one point of ``surface`` (10.000, 220.092) groups thousands rather than marks decimals.

    Copy writes both: 1.930 مليون دينار is 1.93 million, 220.092 مسافراً is
    220,092 travellers. A point before three digits groups thousands where a
    fraction is not meant: after the figure comes a counted noun (a fraction
    of a traveller is no count), or the three digits are 000 (nobody writes
    10.000 for ten). Callers pass ``counted`` only for a figure with neither
    a scale word nor a unit (a price may have three decimals: 69.593 دولارا).
    """
    m = _DOT_GROUPED.match(surface.strip())
    return m is not None and (counted or m.group(1) == "000")


def times(a: float, b: float) -> float:
    """``a * b`` as decimals: 8.3 مليار is 8300000000.0, not 8300000000.000001.

    The copy's digits and a scale word are decimals; their float
    product carries a rounding error that a report would print. Whole numbers
    multiply exactly (below 2**53), so only the rest goes through ``Decimal``,
    from each float's shortest spelling.
    """
    if float(a).is_integer() and float(b).is_integer():
        return a * b
    return float(Decimal(repr(float(a))) * Decimal(repr(float(b))))


@dataclass
class _State:
    """A number in words being read, left to right."""

    total: float = 0.0  # closed scale groups (ثلاثة آلاف ...)
    current: float = 0.0  # the group being built (below a thousand)
    last_add: float = 0.0  # the last term added to ``current``
    last_scale: float = 0.0  # the scale of the last closed group
    prev: str = ""  # class of the previous word

    def add(self, v: float) -> None:
        self.current += v
        self.last_add = v

    def scale(self, s: float) -> None:
        if self.current == 0 and self.total and self.last_scale < s:
            self.total *= s  # مئة ألف مليون: the scales stack
        else:
            self.total += times(self.current or 1.0, s)
        self.current = self.last_add = 0.0
        self.last_scale = s


def _lookup(word: str, lexicons: tuple[Lexicon, ...]) -> tuple[str, float] | None:
    for lex in lexicons:
        entry = lex.lookup(word)
        if entry is not None and "value" in entry.data:
            return entry.data.get("class", "unit"), float(entry.data["value"])
    return None


def _is_joiner(word: str, lexicons: tuple[Lexicon, ...]) -> bool:
    """و, or a numbers-lexicon word of class "joiner" (English "and": three hundred and twenty)."""
    if word == _AND:
        return True
    entry = lexicons[0].lookup(word)
    return entry is not None and entry.data.get("class") == "joiner"


def _tokens(surface: str, lexicons: tuple[Lexicon, ...]) -> list[tuple[str, float, bool, str]] | None:
    """(class, value, joined-by-و, word) per word; None when a word is no number word."""
    out: list[tuple[str, float, bool, str]] = []
    joined = False
    for word in _HYPHEN.sub(" ", surface).split():
        if _is_joiner(word, lexicons):
            joined = True
            continue
        if _DIGITS.search(word):
            if word.startswith(_AND):  # مليون و370 ألف: the part after a scale word, in digits
                word, joined = word[1:], True
            v = parse_digits(word)
            if v is None:
                return None
            out.append(("digits", v, joined, word))
            joined = False
            continue
        hit = _lookup(word, lexicons)
        if hit is None and word.startswith(_AND) and len(word) > 1:
            hit, joined = _lookup(word[1:], lexicons), True
            word = word[1:]
        if hit is None and word.startswith(_ARTICLE) and len(word) > 2:
            # The article: the rules allow it on a teen (الخمسة عشر) and after a qualifier (أكثر من النصف).
            hit = _lookup(word[2:], lexicons)
            word = word[2:]
        if hit is None:
            return None
        out.append((hit[0], hit[1], joined, word))
        joined = False
    return out


def parse_words(surface: str, numbers: Lexicon, scales: Lexicon | None = None) -> float | None:
    """Value of a number written in words (digits may stand in for a part: ٣ مئة و ٢١)."""
    lexicons = (numbers,) if scales is None else (numbers, scales)
    if _POINT_WORD in surface.split():
        whole, _, frac = surface.partition(_POINT_WORD)
        a, b = parse_words(whole, numbers, scales), parse_words(frac, numbers, scales)
        if a is None or b is None or b < 0 or b != int(b):
            return None
        return a + (b / 10 ** len(str(int(b))) if b else 0.0)
    tokens = _tokens(surface, lexicons)
    if not tokens:
        return None
    st = _State()
    i = 0
    while i < len(tokens):
        cls, v, joined, _word = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if cls == "teen-head":
            if nxt is None or nxt[1] != 10 or nxt[0] != "unit":
                return None
            st.add(v + 10)
            i += 2
            st.prev = "unit"
            continue
        if cls in ("unit", "digits") and v == 10 and st.prev == "unit" and not joined and 0 < st.last_add < 10:
            st.current += 10  # ثلاثة عشر: a unit and ten, no و between
            st.last_add += 10
        elif cls == "hundred":
            if st.prev in ("unit", "digits") and not joined and 0 < st.last_add < 10:
                st.current += st.last_add * 99  # ثلاث مئة / ٣ مئة: the unit counts hundreds
                st.last_add *= 100
            else:
                st.add(v)
        elif cls in ("unit", "ten", "teen", "hundreds", "hundreds-colloquial", "digits"):
            st.add(v)
        elif cls in ("scale", "plural", "dual"):
            if st.prev == "fraction" and st.current == 0 and v == st.last_scale:
                st.prev = cls  # مليار ونصف المليار: the half was already of this scale
                i += 1
                continue
            if cls == "plural" and st.current == 0 and st.total == 0:
                return None  # آلاف alone is a vague plural, not a number
            if cls == "dual" and st.current == 0:
                st.current = 2.0  # two of the scale, after a closed group too (ملياران ومليونان)
            st.scale(v)
        elif cls in ("fraction", "colloquial-fraction"):
            if st.current == 0 and st.total and st.last_scale:
                st.total += v * st.last_scale  # مليار ونصف, ثلاثة آلاف ونصف
            else:
                st.add(v)  # نصف (مليون), واحد ونصف, مئة وثلث
        elif cls == "article":
            pass  # and a half, and a quarter: "a" counts nothing, the fraction after it adds itself
        elif cls in ("fraction-plural", "fraction-one"):
            if cls == "fraction-one" and st.prev == "article":
                st.add(v)  # three and a quarter
            elif st.last_add <= 0:
                if cls == "fraction-one" and len(tokens) == 1:
                    return v  # a fifth (of voters): one part; the rule reads the article before it
                return None  # أرباع alone counts nothing
            else:
                # ثلاثة أرباع: the count before it, now in parts. Divided by the part's
                # denominator, not multiplied by its value, so that 7 tenths is 0.7, not 0.7000000000000001.
                denominator = round(1 / v) if v else 0
                parts = st.last_add / denominator if denominator and abs(1 / v - denominator) < 1e-9 else st.last_add * v
                st.current = (st.current - st.last_add) + parts  # whole numbers first: exact
                st.last_add = parts
        else:
            return None
        st.prev = cls
        i += 1
    return st.total + st.current


def parse_number(surface: str, lexicon: Lexicon, scales: Lexicon | None = None) -> float | None:
    """Value of a number surface, in digits or in words; None when it is neither."""
    s = " ".join(surface.split())
    if (_DIGITS.search(s) or s[-1:] in _VULGAR) and not _LETTER.search(s.replace("ر", "")):
        return parse_digits(s)
    if _POINT_WORD in s.split() and _POINT_DECIMAL.fullmatch(s):
        whole, _, frac = s.partition(_POINT_WORD)
        a = parse_digits(whole)
        return None if a is None else float(f"{int(a)}.{frac.strip()}")
    return parse_words(s, lexicon, scales)


def parse_ordinal(surface: str, ordinals: Lexicon, numbers: Lexicon) -> float | None:
    """Rank of an ordinal (الثالث عشر = 13, الخامس والعشرين = 25, ال192 = 192)."""
    total = 0.0
    prev_unit = 0.0
    for i, word in enumerate(_HYPHEN.sub(" ", surface).split()):  # twenty-first
        if _is_joiner(word, (numbers,)):
            continue
        w = word[1:] if word.startswith(_AND) and i else word
        if _DIGITS.search(w):
            v = parse_digits(w.removeprefix("ال"))
            if v is None:
                return None
            total += v
            continue
        entry = ordinals.lookup(w)
        if entry is None:
            entry = numbers.lookup(w.removeprefix("ال"))
        if entry is None or "value" not in entry.data:
            return None
        v = float(entry.data["value"])
        if v == 10 and prev_unit and i:  # الثالث عشر
            v = 10
        total += v
        prev_unit = v if v < 10 else 0.0
    return total or None
