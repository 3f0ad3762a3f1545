"""Hypothesis properties of number reading: words round-trip, noise never changes a value."""
from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from pyarabic import number as arnumber

from factcheck import find_quantities
from factcheck.normalize import fold
from factcheck.numbers import parse_number

_UNITS_M = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_UNITS_F = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"]
_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_TENS_OBL = ["", "عشرة", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"]
_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة"]
_HUNDREDS_SPLIT = ["", "مائة", "مائتين", "ثلاث مائة", "أربع مائة", "خمس مائة", "ست مائة", "سبع مائة", "ثماني مائة", "تسع مائة"]
_SCALES = [(10**12, "تريليون"), (10**9, "مليار"), (10**6, "مليون"), (1000, "ألف")]


def _below_1000(n: int, feminine: bool, oblique: bool, split: bool) -> str:
    """Our own speller: case ending, gender and hundred spelling vary, the value does not."""
    h, rest = divmod(n, 100)
    parts = []
    if h:
        parts.append((_HUNDREDS_SPLIT if split else _HUNDREDS)[h])
    if rest:
        t, u = divmod(rest, 10)
        units = _UNITS_F if feminine else _UNITS_M
        if rest < 10:
            parts.append(units[u])
        elif rest == 10:
            parts.append("عشرة")
        elif rest < 20:
            head = {1: "أحد", 2: "اثنا"}.get(u, units[u])
            parts.append(f"{head} عشر")
        else:
            tens = (_TENS_OBL if oblique else _TENS)[t]
            parts.append(f"{units[u]} و{tens}" if u else tens)
    return " و".join(parts)


def spell(n: int, feminine: bool = False, oblique: bool = False, split: bool = False) -> str:
    if n == 0:
        return "صفر"
    parts = []
    for size, word in _SCALES:
        k, n = divmod(n, size)
        if k:
            parts.append(word if k == 1 else f"{_below_1000(k, feminine, oblique, split)} {word}")
    if n:
        parts.append(_below_1000(n, feminine, oblique, split))
    return " و".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_pyarabic_number2text_reads_back(ruleset, n):
    text = arnumber.number2text(n)
    assert parse_number(fold(text), ruleset.lexicon("numbers"), ruleset.lexicon("scales")) == n, text


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans(), st.booleans(), st.booleans())
def test_own_speller_reads_back(ruleset, n, feminine, oblique, split):
    text = spell(n, feminine, oblique, split)
    assert parse_number(fold(text), ruleset.lexicon("numbers"), ruleset.lexicon("scales")) == n, text


def test_speller_examples_from_the_issue(ruleset):
    lexs = ruleset.lexicon("numbers"), ruleset.lexicon("scales")
    assert parse_number(fold("سبعة وعشرون ألفاً وثمانمئة"), *lexs) == 27800
    assert parse_number(fold("ثلاثة آلاف وخمسمائة"), *lexs) == 3500
    assert parse_number(fold("نصف مليون"), *lexs) == 500000
    assert parse_number(fold("مليار ونصف"), *lexs) == 1.5e9
    assert parse_number(fold("واحد ونصف"), *lexs) == 1.5
    assert parse_number(fold("ثلاثة أرباع"), *lexs) == 0.75
    assert parse_number(fold("مئتا ألف"), *lexs) == 200000
    assert parse_number(fold("مليونا"), *lexs) == 2e6
    assert parse_number(fold("ملياران و مليونان"), *lexs) == 2_002_000_000  # a dual after a closed group
    assert parse_number(fold("مليار ومليونان وألفان"), *lexs) == 1_002_002_000
    assert parse_number(fold("ثلاث مئة"), *lexs) == 300
    assert parse_number(fold("آلاف"), *lexs) is None  # a vague plural, not a number


_EAST = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_NOISE = ["\u0640", "\u064b", "\u064e", "\u0651", "\u200f", "\u200e", "\u061c", "\u2067", "\u2069"]


def _sprinkle(text: str, noise: list[tuple[int, str]]) -> str:
    """Insert marks after letters (never inside a run of digits' separators)."""
    chars = list(text)
    for pos, mark in sorted(noise, reverse=True):
        i = pos % (len(chars) + 1)
        if 0 < i and chars[i - 1].isalpha():
            chars.insert(i, mark)
    return "".join(chars)


_SENTENCES = st.sampled_from([
    "قتل {n} شخصا في الهجوم", "بلغت الصادرات {n} مليون دولار", "ارتفعت البطالة إلى {n}%",
    "تحرير حوالى {n} ألف كيلومتر مربع", "أصيب أكثر من {n} مدنيا",
])


@settings(max_examples=120, deadline=None)
@given(_SENTENCES, st.integers(min_value=1, max_value=10**7), st.sampled_from(["west", "east", "persian"]),
       st.lists(st.tuples(st.integers(0, 200), st.sampled_from(_NOISE)), max_size=6))
def test_marks_and_digit_scripts_never_change_a_value(template, n, script, noise):
    plain = template.format(n=n)
    base = [(q.value, q.unit) for q in find_quantities(plain)]
    digits = str(n).translate(_EAST if script == "east" else _PERSIAN if script == "persian" else {})
    text = _sprinkle(template.format(n=digits), noise)
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == base, text
    for q in found:
        assert text[q.start:q.end] == q.text


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(_NOISE)), max_size=4))
def test_words_with_marks_keep_value_and_exact_offsets(n, noise):
    words = spell(n)
    text = _sprinkle(f"وصل {words} لاجئ إلى الحدود", noise)
    qs = find_quantities(text)
    assert len(qs) == 1, (text, [q.text for q in qs])
    q = qs[0]
    assert math.isclose(q.value, n)
    assert text[q.start:q.end] == q.text
