"""Stage 6: one pint registry, canonical units, currencies kept apart."""
from __future__ import annotations

import math

import pint
import pytest

from factcheck.units import canonical_unit, registry, to_canonical


def test_registry_is_built_once():
    assert registry() is registry()


def test_area_normalises_to_square_metres():
    n = to_canonical(27800, "kilometer ** 2")
    assert n.unit == "meter ** 2" and math.isclose(n.value, 2.78e10)


def test_currencies_are_their_own_dimension():
    assert to_canonical(3e9, "USD").unit == "USD"
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, "USD").to("EUR")


def test_percent_stays_percent_and_points_are_apart():
    assert to_canonical(12.5, "percent").unit == "percent"
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, "percentage_point").to("percent")


def test_every_unit_in_the_lexicon_resolves(ruleset):
    for entry in ruleset.lexicon("units").entries:
        for unit in [entry.data.get("unit")] + list(entry.data.get("candidates", [])):
            if unit:
                assert canonical_unit(unit) is not None, f"{entry.path}: {entry.id}: unknown unit {unit!r}"


def test_compound_and_rate_units_normalise():
    assert to_canonical(1, "US_cent").unit == "USD" and math.isclose(to_canonical(43, "US_cent").value, 0.43)
    rate = to_canonical(500000, "(oil_barrel) / day")
    assert rate is not None and rate.unit == "meter ** 3 / second"
    assert math.isclose(to_canonical(1, "feddan").value, 4200.83)
    assert math.isclose(to_canonical(37, "degree_Celsius").value, 310.15)


def test_a_bare_currency_stays_ambiguous_unless_a_locale_is_set():
    from factcheck.api import check_text
    from factcheck.pipeline import Options

    def money(locale):
        doc = check_text("دفع 500 جنيه ثمنا للتذكرة", options=Options(checks=False, locale=locale)).documents[0]
        return [(q.unit, q.unit_candidates) for q in doc.quantities]

    assert money(None) == [(None, ("EGP", "GBP", "SDG", "SSP"))]
    assert money("EG") == [("EGP", ())]
    assert money("ar-SD") == [("SDG", ())]
    assert money("SA") == [(None, ("EGP", "GBP", "SDG", "SSP"))]  # riyal country: no pound of its own


def _pint_to_base(value: float, unit: str):
    """What pint itself computes for ``value unit`` (percent and currencies kept)."""
    q = registry().Quantity(value, unit)
    if str(q.units) in ("percent", "permille", "percentage_point") or q.dimensionless and str(q.units) != "dimensionless":
        return float(q.magnitude), str(q.units)
    base = q.to_base_units()
    return float(base.magnitude), str(base.units)


def _lexicon_units(ruleset) -> list[str]:
    units = {u for e in ruleset.lexicon("units").entries
             for u in [e.data.get("unit")] + list(e.data.get("candidates", [])) if u}
    rates = [e.data["unit"] for e in ruleset.lexicon("rates").entries]
    return sorted(units | {f"({u}) / {r}" for u in units for r in rates})


@pytest.mark.parametrize("value", [0.0, 1.0, -2.5, 37.2, 1e-7, 2.78e4, 123456789.123])
def test_the_unit_table_converts_as_pint_does(ruleset, value):
    # Every unit the rules can produce, rates included: the cached plan gives pint's value, to
    # the twelve significant digits a report keeps (units.significant).
    for unit in _lexicon_units(ruleset):
        canon = canonical_unit(unit)
        assert canon == str(registry().parse_units(unit))
        n = to_canonical(value, canon)
        pint_value, pint_unit = _pint_to_base(value, canon)
        assert n.unit == pint_unit and n.value == float(f"{pint_value:.12g}"), unit


@pytest.mark.parametrize("text, lang, value, normalized", [
    ("بلغت الصادرات 128.7 مليار دولار", "ar", 128_700_000_000, 128_700_000_000),
    ("بلغت الأرباح نحو 8.3 مليار دولار", "ar", 8_300_000_000, 8_300_000_000),
    ("سعة الخزان 233 لتر", "ar", 233, 0.233),
    ("يبلغ طول الطريق 62 ميلاً", "ar", 62, 99779.328),
    ("سجلت الحرارة 157 درجة تحت الصفر", "ar", -157, 116.15),
    ("لا تتجاوز المدة ثلث ساعة", "ar", 1 / 3, 1200),
    ("The bill came to £8.2bn.", "en", 8_200_000_000, 8_200_000_000),
])
def test_values_are_the_decimals_the_copy_means(text, lang, value, normalized):
    # Float products would print 128699999999.99998, 0.23300000000000007 or 116.14999999999998.
    from factcheck import find_quantities

    [q] = find_quantities(text, lang)
    assert q.value == value and q.normalized.value == normalized


def test_commensurable_follows_pint_dimensions():
    from factcheck.units import commensurable

    assert commensurable("USD", "US_cent") and commensurable("hour", "minute")
    assert not commensurable("USD", "EUR") and not commensurable("kilometer", "kilogram")
    assert not commensurable("no such unit", "no such unit")


def test_a_warm_run_reads_units_without_pint(tmp_path):
    # The first run asks pint and keeps the answers; the next one never imports it.
    import os
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys; from factcheck.units import to_canonical, canonical_unit, commensurable; "
            "n = to_canonical(37.0, canonical_unit('degree_Celsius')); "
            "print(n.value, n.unit, commensurable('kilometer', 'mile'), 'pint' in sys.modules)")
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert runs[0].stdout.split() == ["310.15", "kelvin", "True", "True"]
    assert runs[1].stdout.split() == ["310.15", "kelvin", "True", "False"]


def test_convert_by_the_cached_factors_and_by_pint():
    from factcheck.units import convert

    assert math.isclose(convert(5, "year", "month"), 60)  # both have a factor: no pint quantity built
    assert math.isclose(convert(90, "minute", "hour"), 1.5)
    assert math.isclose(convert(43, "US_cent", "USD"), 0.43)  # currencies keep their unit: pint converts


def test_ranges_and_bounds_have_their_ends_in_base_units():
    from factcheck.api import extract_text

    doc = extract_text("قطع السائق بين 5 و10 كيلومترات، وقطع أكثر من 3 كيلومترات، وبلغت الحرارة بين 10 و15 درجة مئوية.") \
        .documents[0]
    ranged = {q.text: q.normalized_range for q in doc.quantities}
    km = ranged["بين 5 و10 كيلومترات"]
    assert (km.min, km.max, km.unit) == (5000, 10000, "meter")
    bound = ranged["أكثر من 3 كيلومترات"]
    assert (bound.min, bound.max, bound.unit) == (3000, None, "meter")
    celsius = ranged["بين 10 و15 درجة مئوية"]  # an offset unit: each end converted, not scaled
    assert math.isclose(celsius.min, 283.15) and math.isclose(celsius.max, 288.15)


def test_an_interval_in_an_offset_unit_converts_each_end():
    from factcheck.api import extract_text
    from factcheck.checks.keys import interval
    from factcheck.normalize import normalize_text

    text = "بلغت درجة الحرارة 20 درجة مئوية."
    q = extract_text(text).documents[0].quantities[0]
    lo, hi = interval(q, normalize_text(text).text, 0.1)  # 19.5 to 20.5 degrees Celsius
    assert math.isclose(lo, 292.65) and math.isclose(hi, 293.65)
