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
