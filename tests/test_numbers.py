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


@pytest.mark.parametrize("surface,value", [
    ("3/4", 0.75), ("11/10", 1.1), ("2 1/4", 2.25), ("1 234 567", 1234567), ("1 234 567.89", 1234567.89),
    ("26،013,94", 26013.94), ("1.2e9", 1.2e9), (".77", 0.77), ("-1.2", -1.2),
    ("3،7", 3.7), ("1،45", 1.45), ("1،250", 1250), ("184،716.34", 184716.34),
])
def test_more_digit_habits(surface, value):
    assert math.isclose(parse_digits(surface), value)


@pytest.mark.parametrize("text,value", [
    ("أحد عشر", 11), ("اثنا عشر", 12), ("إحدى عشرة", 11), ("ثلاثة عشر", 13), ("مئتان", 200), ("ثلاثمائة", 300),
    ("ثلاث مئة وخمسون", 350), ("ألفان", 2000), ("ألفين", 2000), ("آلاف", None), ("ثلاثة آلاف", 3000),
    ("مليونان", 2e6), ("عشرة ملايين", 1e7), ("مائة ألف تريليون", 1e17), ("خمسة وعشرون", 25),
    ("واحد فاصلة خمسة", 1.5), ("ثلثا", 2 / 3), ("نصف دزينة", 6), ("متين تلاتة وستين", 263), ("حداشر", 11),
    ("مليار ونصف المليار", 1.5e9), ("ثلاثة ملايين ونصف المليون", 3.5e6), ("نصف المليار", 5e8),
    # a smaller part in digits after a scale word, glued to its و or not
    ("9 ملايين و600 ألف", 9.6e6), ("ستة آلاف و259", 6259), ("مليون و 370 ألف", 1.37e6),
])
def test_words(ruleset, text, value):
    got = parse_number(fold(text), ruleset.lexicon("numbers"), ruleset.lexicon("scales"))
    if value is None:
        assert got is None
    else:
        assert got is not None and math.isclose(got, value), (text, got)


@pytest.mark.parametrize("text,figures", [
    # The Arabic comma before one or two digits is a decimal comma ...
    ("ارتفع الإنتاج بنسبة 3،7 بالمائة", [("3،7 بالمائة", 3.7)]),
    ("يحتاج 1،2 مليون طفل إلى الغذاء", [("1،2 مليون طفل", 1.2e6)]),
    # ... but not between the days of a list, which go on with و.
    ("عقد المؤتمر أيام 15،14 و16 أكتوبر", [("15", 15), ("14 و16 أكتوبر", None)]),
])
def test_arabic_comma_as_decimal(text, figures):
    from factcheck import find_quantities

    found = [(q.text, q.value) for q in find_quantities(text)]
    assert found == figures


@pytest.mark.parametrize("surface,counted,groups", [
    ("220.092", True, True), ("10.000", False, True), ("94.317", False, False),
    ("1.5", True, False), ("1.2345", True, False), ("1.000.000", True, False),
])
def test_dot_groups_thousands(surface, counted, groups):
    from factcheck.numbers import dot_groups_thousands

    assert dot_groups_thousands(surface, counted) is groups


@pytest.mark.parametrize("surface,value", [
    ("2½", 2.5), ("½", 0.5), ("¾", 0.75), ("-2½", -2.5), ("1,500¼", 1500.25), ("10⅛", 10.125),
])
def test_fraction_characters(surface, value):
    # Read by their Unicode value, glued to a whole number or alone.
    assert math.isclose(parse_number(surface, None), value)  # no lexicon is read for digits


@pytest.mark.parametrize("text,value", [
    ("three and a quarter", 3.25), ("two and a half", 2.5), ("one and an eighth", 1.125),
    ("two and a quarter million", 2.25e6), ("5 and a third", 5 + 1 / 3), ("three quarters", 0.75),
])
def test_english_parts_after_and_a(text, value):
    from factcheck.ruleset import load_ruleset

    en = load_ruleset("en")
    got = parse_number(text, en.lexicon("numbers"), en.lexicon("scales"))
    assert got is not None and math.isclose(got, value), (text, got)


@pytest.mark.parametrize("text, figures", [
    # a Hijri century and its common-era equivalent after the dash: two years, no figure
    ("بلغت الحركة العلمية ذروتها في القرن (4هـ -10م) في بغداد", [("4هـ", "year"), ("-10م", "year")]),
    ("توفي الإمام سنة 256 هـ في سمرقند", [("256 هـ", "year")]),
])
def test_years_marked_with_their_era(text, figures):
    from factcheck import find_quantities

    assert [(q.text, q.kind) for q in find_quantities(text)] == figures
    # a short number before م alone may be metres: no year
    assert all(q.kind != "year" for q in find_quantities("ركض اللاعب 10م في ثانيتين"))


@pytest.mark.parametrize("text, lang, numerator, denominator", [
    ("Two-fifths of voters agreed.", "en", 2, 5),
    ("Seven-tenths of voters agreed.", "en", 7, 10),
    ("Two-thirds of voters agreed.", "en", 2, 3),
    ("ثلاثة أرباع الناخبين أيدوا القرار.", "ar", 3, 4),
])
def test_a_count_of_parts_is_the_nearest_float_to_the_fraction(text, lang, numerator, denominator):
    # 7 tenths computed as 7 * 0.1 is 0.7000000000000001: a report would print that
    from factcheck import find_quantities

    [q] = find_quantities(text, lang)
    assert q.value == numerator / denominator
