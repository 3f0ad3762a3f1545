"""Reading number surfaces."""
from __future__ import annotations

import math

import pytest

from factcheck.normalize import fold
from factcheck.numbers import parse_digits, parse_number


@pytest.mark.parametrize("surface,value", [
    ("27.8", 27.8), ("1,500", 1500), ("1,5", 1.5), ("2.000.000", 2e6), ("1,234,567", 1234567),
    ("1،234،567", 1234567), ("2ر21", 21.2), ("-3", -3), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
])
def test_digits(surface, value):
    assert math.isclose(parse_digits(surface), value)


def test_words_compose(ruleset):
    lex = ruleset.lexicon("numbers")
    assert parse_number(fold("خمسة وأربعين"), lex) == 45
    assert parse_number(fold("ثلاث مئة"), lex) == 300
    assert parse_number(fold("كلمة"), lex) is None
